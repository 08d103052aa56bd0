"""00-start-here in Chromium: the slider redraws the chart, and a student's answer, typed into
the exercise's box, survives a page reload and a kernel restart."""

import re

import pytest
from playwright.sync_api import expect

from toolkit.magic_wand.model import first_revenue_rule

pytestmark = pytest.mark.browser

START = "notebooks/00-start-here.ipynb"


def test_slider_and_answer_as_a_student(lab):
    """Does the slider redraw the chart, and does an answer typed into the exercise's box stay,
    and still pass its check, after a page reload and a kernel restart?

    One session in the notebook, as a student works through it (one Run All, not two).
    """
    lab.open(START)
    lab.run_all()
    cell = lab.code_cell("first_look(")
    figure = cell.locator("svg[role=img]")
    expect(figure).to_have_attribute(
        "aria-label", re.compile(f"first appears in month {first_revenue_rule(6)}")
    )

    slider = cell.get_by_role("slider", name=re.compile(r"^Sales cycle"))
    expect(slider).to_have_value("6")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    lab.wait_idle()

    expect(slider).to_have_value("9")
    expect(slider).to_have_attribute("aria-valuetext", "9 months")
    expect(cell.locator(".course-slider-value")).to_have_text("9 months")
    expect(figure).to_have_attribute(
        "aria-label", re.compile(f"first appears in month {first_revenue_rule(9)}")
    )
    expect(figure).to_contain_text("Sales cycle of 9 months")

    check = lab.code_cell("check_first_revenue_month()")
    expect(check.locator(".jp-OutputArea")).to_contain_text("0 of 4 checks passed")

    # the answer is typed into the exercise's box, never into code
    month = str(first_revenue_rule(6))
    lab.select_cell_by_keyboard("answer_first_revenue_month()")
    box = "Month of the first revenue with a 6-month sales cycle (1 to 36)"
    assert lab.tab_to(box)[-1]["tag"] == "input"
    lab.page.keyboard.type(month, delay=100)
    lab.page.keyboard.press("Enter")
    lab.wait_idle()
    answer = lab.code_cell("answer_first_revenue_month()").locator(".jp-OutputArea")
    expect(answer).to_contain_text(
        f"Month of the first revenue with a 6-month sales cycle: {month}."
    )
    lab.run_cell(check)
    passed = "These checks passed"
    expect(check.locator(".jp-OutputArea")).to_contain_text(passed)
    expect(check.locator(".jp-OutputArea")).not_to_contain_text("✘")
    lab.save()

    lab.reload()
    lab.restart_and_run_all()
    restored = lab.code_cell("answer_first_revenue_month()")
    expect(
        restored.get_by_role("textbox", name=re.compile("^Month of the first revenue"))
    ).to_have_value(month)
    expect(check.locator(".jp-OutputArea")).to_contain_text(passed)
    progress = lab.code_cell("ProgressView()").locator(".jp-OutputArea")
    # the progress view (shared by every lesson of this session) marks the exercise as passed
    expect(progress).to_contain_text(re.compile(r"00-start-here\.ipynb\)\s*● [^●◐○]+checks passed"))
    assert not lab.remote_requests()
