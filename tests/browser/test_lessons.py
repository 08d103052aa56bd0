"""Every lesson, run in JupyterLab in a real Chromium, as a student sees it.

For each notebook in notebooks/ (new lessons are picked up by themselves): open it, Run All,
wait for the kernel to go idle, then check that no cell shows an error, every widget was
drawn (no "Loading widget..." nor "Error displaying widget"), every chart was drawn as SVG or
canvas, no request left the machine, and axe-core finds no WCAG 2.1 A or AA violation in the
outputs (what the course draws; JupyterLab's own interface is not the course's). A screenshot
of each lesson goes to test-artifacts/screenshots/, axe-core's findings to
test-artifacts/accessibility/.

Lesson 01 is also walked with the keyboard only, in the same session (see
:func:`walk_the_simulator_by_keyboard`).
"""

import re

import pytest
from conftest import ARTIFACTS, NOTEBOOKS
from labdriver import accessibility_problems
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
# the lesson's first chart (in a widget or as an output): what its screenshot centres on
FIRST_CHART = (
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output "
    ":is(svg[role=img], img[src^='data:image/svg'], canvas)"
)


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_lesson_runs_in_the_browser(lab, name):
    """After Run All in JupyterLab, is every widget and chart drawn, with no error, offline?"""
    path = f"notebooks/{name}"
    lab.open(path)
    lab.screenshot(SHOTS / f"{name[:-6]}-top.png")
    lab.run_all()
    lab.save()
    chart = lab.page.locator(FIRST_CHART).first
    lab.screenshot(SHOTS / f"{name[:-6]}.png", at=chart if chart.count() else None, block="center")

    problems = lab.problems(path)
    assert not problems, f"{name} in JupyterLab:\n" + "\n".join(problems)
    # lessons are widget-first: a lesson with nothing drawn means pictures fell back to text
    assert lab.charts_drawn() + lab.widgets_drawn() > 0, f"{name} shows no chart and no widget"
    remote = lab.remote_requests()
    assert not remote, f"{name} made requests that left the machine: {remote}"
    assert any(u.startswith(lab.server.base) for u in lab.requests), "no request was recorded"
    found = accessibility_problems(lab, name[:-6], ARTIFACTS)
    assert not found, f"{name}: axe-core finds WCAG 2.1 A/AA violations in the outputs:\n{found}"
    if name in KEYBOARD_WALKS:
        KEYBOARD_WALKS[name](lab)


def walk_the_simulator_by_keyboard(lab):
    """With the keyboard only: reach the magic-wand simulator, set the sales cycle with the
    arrow keys, read when revenue comes, type it as the guess, press "Check my guess" with
    Enter, and read the verdict (in a status box, which a screen reader announces)."""
    lab.select_cell_by_keyboard("MagicWandSimulator(")
    reached = lab.tab_to("Sales cycle")
    slider = reached[-1]
    assert slider["role"] == "slider" and slider["cell"].startswith("from toolkit.magic_wand")
    # every control before it is named (the scenario buttons, the effort slider)
    assert all(f["name"] for f in reached), reached
    start = int(slider["value"])
    widget = lab.code_cell("MagicWandSimulator(").locator(".jp-OutputArea")
    readout = widget.get_by_text(re.compile(r"The first revenue comes in month \d+"))
    for _ in range(3):  # each step a month longer: the first revenue comes a month later
        before = readout.text_content()
        lab.page.keyboard.press("ArrowRight")
        expect(readout).not_to_have_text(before)
    cycle = widget.get_by_role("slider", name="Sales cycle")
    expect(cycle).to_have_attribute("aria-valuetext", f"{start + 3} months")
    expect(cycle).to_be_focused()
    # what the widget says now, as a screen reader reads it: the readout and the chart's name
    lab.wait_idle()
    month = re.search(r"month (\d+)", readout.text_content()).group(1)
    chart = widget.locator("svg[role=img]")
    expect(chart).to_have_attribute("aria-label", re.compile(rf"month {month}\b"))

    lab.tab_to("Your guess")
    lab.page.keyboard.type(month, delay=200)  # a person's pace: each key reaches the kernel
    expect(widget.get_by_role("textbox", name="Your guess")).to_have_value(month)
    lab.wait_idle()
    assert lab.tab_to("Check my guess", limit=3)[-1]["tag"] == "button"
    lab.page.keyboard.press("Enter")
    verdict = widget.locator("[role=status]").filter(has_text="Right")
    expect(verdict).to_contain_text(f"the first revenue comes in month {month}")
    lab.screenshot(SHOTS / "keyboard-walk.png", at=widget)


# lessons walked with the keyboard only, after their Run All (one session per lesson)
KEYBOARD_WALKS = {"01-the-magic-wand.ipynb": walk_the_simulator_by_keyboard}
