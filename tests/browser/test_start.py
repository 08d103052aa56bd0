"""00-start-here in Chromium: the slider redraws the chart, and a student's answer survives a
page reload and a kernel restart."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

START = "notebooks/00-start-here.ipynb"


def test_slider_and_answer_as_a_student(lab):
    """Does the slider redraw the chart, and does a typed answer stay, and still pass its
    check, after a page reload and a kernel restart?

    One session in the notebook, as a student works through it (one Run All, not two).
    """
    lab.open(START)
    lab.run_all()
    cell = lab.code_cell("first_look(")
    figure = cell.locator("svg[role=img]")
    expect(figure).to_have_attribute("aria-label", re.compile("first appears in month 7"))

    handle = cell.locator(".noUi-handle")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    lab.wait_idle()

    expect(cell.locator(".widget-readout")).to_have_text("9")
    expect(figure).to_have_attribute("aria-label", re.compile("first appears in month 10"))
    expect(figure).to_contain_text("Sales cycle of 9 months")

    check = lab.code_cell("check_first_revenue_month(first_revenue_month)")
    expect(check.locator(".jp-OutputArea")).to_contain_text("0 of 4 checks passed")

    lab.set_cell_source("first_revenue_month = ...", "first_revenue_month = 7")
    lab.page.keyboard.press("Shift+Enter")  # run the check below it, as a student would
    lab.wait_idle()
    passed = "These checks passed"
    expect(check.locator(".jp-OutputArea")).to_contain_text(passed)
    expect(check.locator(".jp-OutputArea")).not_to_contain_text("✘")
    lab.save()

    lab.reload()
    expect(lab.code_cell("first_revenue_month = 7")).to_have_count(1)
    lab.restart_and_run_all()
    expect(lab.code_cell("first_revenue_month = 7")).to_have_count(1)
    expect(check.locator(".jp-OutputArea")).to_contain_text(passed)
    progress = lab.code_cell("ProgressView()").locator(".jp-OutputArea")
    # the progress view (shared by every lesson of this session) marks the exercise as passed
    expect(progress).to_contain_text(re.compile(r"00-start-here\.ipynb\)\s*● [^●◐○]+checks passed"))
    assert not lab.remote_requests()
