"""The workbook (06-your-alliance) in JupyterLab in a real Chromium, answered with the keyboard.

Run All on a fresh copy (no saved alliance), then, with the keyboard only: the alliance named
with its two partners, the governance template of the right size started and taken into the
charter, and the charter button pressed. The files appear in the participant's folder, and
axe-core finds no WCAG 2.1 A or AA violation in the outputs.
"""

import json

import pytest
from conftest import ARTIFACTS
from labdriver import accessibility_problems
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
NOTEBOOK = "notebooks/06-your-alliance.ipynb"


def _output(lab, containing: str):
    return lab.code_cell(containing).locator(".jp-OutputArea")


def _type_into(lab, name: str, text: str, limit: int = 40) -> None:
    assert lab.tab_to(name, limit=limit)[-1]["tag"] == "input"
    lab.page.keyboard.press("Control+a")
    lab.page.keyboard.type(text, delay=50)


def _press(lab, name: str, limit: int = 40) -> None:
    assert lab.tab_to(name, limit=limit)[-1]["tag"] == "button"
    lab.page.keyboard.press("Enter")
    lab.wait_idle()


def test_the_workbook_by_keyboard_with_no_accessibility_violation(lab):
    """After Run All with nothing saved, can the alliance be described, its governance taken in
    and the charter written with the keyboard only, with no error and no WCAG violation?"""
    folder = lab.server.root / "notebooks"
    for old in [*folder.glob("my-alliance*"), *folder.glob("alliance-*")]:
        old.unlink()
    lab.open(NOTEBOOK)
    lab.run_all()
    problems = lab.problems(NOTEBOOK)
    assert not problems, "\n".join(problems)

    lab.select_cell_by_keyboard("book.about()")
    _type_into(lab, "Alliance name", "Brightpath + Omnicorp")
    _type_into(lab, "Partner 1", "Brightpath", limit=3)
    _type_into(lab, "What partner 1 brings", "A route-planning engine", limit=3)
    _type_into(lab, "Partner 2", "Omnicorp")
    _press(lab, "Save the alliance")
    expect(_output(lab, "book.about()").get_by_role("status")).to_contain_text("Saved")
    saved = json.loads((folder / "my-alliance.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in saved["partners"]] == ["Brightpath", "Omnicorp"]
    assert saved["partners"][0]["brings"] == "A route-planning engine"

    # on from the button just pressed, with Tab, into the next part's controls
    governance = _output(lab, "book.governance()")
    expect(governance).to_contain_text("the template of the right size is lean-startup-enterprise")
    _press(lab, "Start over", limit=10)
    _press(lab, "Use this design in my charter", limit=60)
    expect(governance.get_by_role("status").last).to_contain_text("The design is in your charter")
    saved = json.loads((folder / "my-alliance.json").read_text(encoding="utf-8"))
    assert saved["design"]["bodies"] and saved["raci"] and saved["meetings"]

    # on through every part (each control on the way must be named) to the charter button
    passed = lab.tab_to("Write my charter, spreadsheet and calendar", limit=400)
    unnamed = [f for f in passed if f["tag"] in ("input", "select", "button") and not f["name"]]
    assert not unnamed, unnamed
    lab.page.keyboard.press("Enter")
    lab.wait_idle()
    home = _output(lab, "book.take_home()")
    expect(home).to_contain_text("alliance-charter.html")
    for name in ("alliance-charter.html", "my-alliance.xlsx", "alliance-meetings.ics"):
        assert (folder / name).exists(), name
    lab.screenshot(SHOTS / "06-your-alliance-charter-written.png", at=home)

    found = accessibility_problems(lab, "06-your-alliance-workbook", ARTIFACTS)
    assert not found, f"axe-core finds WCAG 2.1 A/AA violations in the workbook:\n{found}"
    assert not lab.remote_requests()
