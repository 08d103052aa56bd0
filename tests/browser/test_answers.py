"""The answer controls in Chromium, answered with the keyboard only, checked by axe-core.

A small notebook written into the server's temporary course copy (never into the repository)
shows one control of each shape (toolkit.ui.answers). Each is reached with Tab and answered
with the keys a keyboard user has (arrow keys, Space, typing, Tab to leave a box); what each
saves is read from its answer file, and what it says on screen is read as a screen reader
would. axe-core then finds no WCAG 2.1 A or AA violation in the outputs.
"""

import json
import re

import nbformat
import pytest
from conftest import ARTIFACTS
from labdriver import accessibility_problems
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
FOLDER = "scratch-answers"

SETUP = """\
from toolkit import data
from toolkit.governance import template
from toolkit.ui.answers import (
    Column, Matching, MatchEach, Number, NumberAnswer, NumberTable, OneOf, PickOne,
    PickSeveral, SeveralOf, TableOfNumbers,
)
bodies = {b.id: b.name for b in template("enterprise-three-tier").bodies}
alliances = {name.lower(): name for name in data.alliance_names()[:4]}"""

CONTROLS = {
    "pricing": 'PickOne(OneOf("Body that decides pricing", bodies, cannot_tell=True, '
    'sentence="You sent the pricing item to {}"), "my-pricing.answer.json", variant=5)',
    "calls": 'PickSeveral(SeveralOf("Alliances that need a call this quarter", alliances, '
    'cannot_tell=True), "my-calls.answer.json", variant=5)',
    "routes": 'MatchEach(Matching("Where each agenda item goes", items={"pricing": "Pricing of '
    'the joint offer", "hiring": "Hiring a sales lead"}, options=bodies, cannot_tell=True), '
    '"my-routes.answer.json", variant=5)',
    "months": 'NumberAnswer(Number("Months until the first revenue", unit="months", low=1, '
    'high=36, cannot_tell=True), "my-months.answer.json", variant=5)',
    "plan": 'NumberTable(TableOfNumbers("Your plan\'s targets", rows={"partner_leads": '
    '"Partner leads", "joint_deals": "Joint deals"}, columns=[Column("target", "target", "", '
    '1, 2000), Column("by_month", "by month", "", 1, 36)]), "my-plan.answer.json", variant=5)',
}


def write_notebook(root) -> None:
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    for old in folder.glob("my-*"):
        old.unlink()
    cells = [new_markdown_cell("# Answer controls"), new_code_cell(SETUP)]
    for name, code in CONTROLS.items():
        cells.append(new_code_cell(f"{name} = {code}\n{name}"))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, folder / "answers.ipynb")


def saved(lab, name: str):
    """The answer saved in ``my-<name>.answer.json`` (after the kernel has handled the keys)."""
    lab.wait_idle()
    path = lab.server.root / FOLDER / f"my-{name}.answer.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["data"]["variant"] == 5
    return content["data"]["answer"]


def output(lab, name: str):
    return lab.code_cell(f"{name} = ").locator(".jp-OutputArea")


def test_every_answer_control_by_keyboard_with_no_accessibility_violation(lab):
    """With the keyboard only, can each control be reached by its name, answered, and saved,
    does it say what was answered, does axe-core find nothing to fix, and is every answer back
    after a reload and a kernel restart?"""
    write_notebook(lab.server.root)
    lab.open(f"{FOLDER}/answers.ipynb")
    lab.run_all()
    problems = lab.problems(f"{FOLDER}/answers.ipynb")
    assert not problems, "\n".join(problems)

    # pick one: Tab into the radio group, the arrow key picks the next body
    lab.select_cell_by_keyboard("pricing = ")
    first = lab.tab_to("Joint Steering Committee")[-1]
    assert first["type"] == "radio"
    lab.page.keyboard.press("ArrowDown")
    assert lab.focused()["name"] == "Alliance Management Team"
    expect(output(lab, "pricing")).to_contain_text(
        "You sent the pricing item to the Alliance Management Team."
    )
    assert saved(lab, "pricing") == "amt"
    group = output(lab, "pricing").get_by_role("group", name="Body that decides pricing")
    expect(group.get_by_role("radio", name="Alliance Management Team")).to_be_checked()

    # pick several: Space ticks a box, Tab moves to the next one
    lab.select_cell_by_keyboard("calls = ")
    assert lab.tab_to("Northwind")[-1]["type"] == "checkbox"
    lab.page.keyboard.press("Space")
    lab.tab_to("Harbor", limit=3)
    lab.page.keyboard.press("Space")
    expect(output(lab, "calls")).to_contain_text("Northwind and Harbor")
    assert saved(lab, "calls") == ["northwind", "harbor"]

    # match each: a drop-down per item, the arrow keys choose
    lab.select_cell_by_keyboard("routes = ")
    assert lab.tab_to("Pricing of the joint offer")[-1]["tag"] == "select"
    lab.page.keyboard.press("ArrowDown")  # "Not matched yet" -> the first body
    lab.tab_to("Hiring a sales lead", limit=3)
    for _ in range(3):
        lab.page.keyboard.press("ArrowDown")
    expect(output(lab, "routes")).to_contain_text("Hiring a sales lead: Joint Sales Working Group")
    routes = output(lab, "routes")
    expect(routes.get_by_role("combobox", name="Hiring a sales lead")).to_be_focused()
    assert saved(lab, "routes") == {"pricing": "jsc", "hiring": "sales"}

    # a number: out of range is said inline, then a good one is saved
    lab.select_cell_by_keyboard("months = ")
    assert lab.tab_to("Months until the first revenue")[-1]["tag"] == "input"
    lab.page.keyboard.type("40", delay=100)
    lab.page.keyboard.press("Tab")
    months = output(lab, "months")
    expect(months.get_by_role("alert")).to_contain_text("outside the sensible range")
    lab.tab_to("Months until the first revenue", back=True, limit=3)
    lab.page.keyboard.press("Control+a")
    lab.page.keyboard.type("18", delay=100)
    lab.page.keyboard.press("Enter")
    expect(months).to_contain_text("Months until the first revenue: 18 months.")
    expect(months.get_by_role("alert")).to_have_count(0)
    assert saved(lab, "months") == 18

    # a table of numbers: type, Tab to the next box
    lab.select_cell_by_keyboard("plan = ")
    lab.tab_to("Partner leads: target")
    for text in ("190", "18", "40", "24"):
        lab.page.keyboard.type(text, delay=100)
        lab.page.keyboard.press("Tab")
    expect(output(lab, "plan")).to_contain_text(
        "Partner leads: target 190, by month 18; Joint deals: target 40, by month 24."
    )
    assert saved(lab, "plan") == {
        "partner_leads": {"target": 190, "by_month": 18},
        "joint_deals": {"target": 40, "by_month": 24},
    }
    lab.screenshot(SHOTS / "answer-controls.png", at=output(lab, "pricing"))

    found = accessibility_problems(lab, "answer-controls", ARTIFACTS)
    assert not found, f"axe-core finds WCAG 2.1 A/AA violations in the answer controls:\n{found}"

    # a new day in class: every answer is back, in the inputs and in words
    lab.save()
    lab.reload()
    lab.restart_and_run_all()
    pricing = output(lab, "pricing").get_by_role("group", name="Body that decides pricing")
    expect(pricing.get_by_role("radio", name="Alliance Management Team")).to_be_checked()
    calls = output(lab, "calls").get_by_role("group", name="Alliances that need a call")
    expect(calls.get_by_role("checkbox", name="Harbor")).to_be_checked()
    hiring = output(lab, "routes").get_by_role("combobox", name="Hiring a sales lead")
    expect(hiring.locator("option:checked")).to_have_text("Joint Sales Working Group")
    months = output(lab, "months").get_by_role("textbox", name=re.compile("^Months until"))
    expect(months).to_have_value("18")
    expect(output(lab, "plan")).to_contain_text("Joint deals: target 40, by month 24.")
    assert not lab.remote_requests()
