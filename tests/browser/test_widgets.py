"""The course's widgets in Chromium, used as a student uses them, in the lessons themselves.

Each test finds the lesson whose code shows the widget (so a lesson may move or be renamed),
runs it, clicks and types in the widget, and checks what changes on screen. Then it reloads
the page and restarts the kernel: what the student built must still be there.
"""

import json
import re

import pytest
from conftest import ARTIFACTS, NOTEBOOKS
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"


def lesson_showing(code: str) -> str:
    """The lesson (notebooks/<name>) with a code cell containing ``code``."""
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(c["cell_type"] == "code" and code in "".join(c["source"]) for c in cells):
            return f"notebooks/{path.name}"
    pytest.fail(f"no lesson in notebooks/ has a code cell with {code!r}")


def fresh_start(lab, lesson: str) -> None:
    """Open the lesson as a new student would (no answer files beside it yet), and Run All."""
    folder = (lab.server.root / lesson).parent
    for pattern in ("my-*.json", "*.answer.json"):  # what widgets save (see .gitignore)
        for path in folder.glob(pattern):
            path.unlink()
    lab.open(lesson)
    lab.run_all()


def reload_and_restart(lab) -> None:
    """Save, reload the page (F5), then restart the kernel and Run All: a new day in class."""
    lab.save()
    lab.reload()
    lab.restart_and_run_all()


def test_governance_builder_add_member(lab):
    """Does adding a member in the builder change the review and the chart, and survive a
    reload and a kernel restart?"""
    lesson = lesson_showing("GovernanceBuilder(")
    fresh_start(lab, lesson)
    builder = lab.code_cell("GovernanceBuilder(").locator(".jp-OutputArea")
    review = builder.locator("[role=status]").filter(has_text=re.compile("orkable")).first
    chart = builder.locator(".widget-tab svg[role=img]").first
    expect(review).to_be_visible()

    # a body first (the builder starts empty), then a member in it
    lab.control(builder, "Name").fill("Joint Steering Committee")
    lab.control(builder, "Tier", "select").select_option("Steering")
    lab.button(builder, "Add body").click()
    expect(builder).to_contain_text("Added Joint Steering Committee")
    review_before, chart_before = review.text_content(), chart.inner_html()

    lab.control(builder, "Person").fill("Ana Ruiz")
    lab.control(builder, "Partner").fill("Kite Analytics")
    lab.control(builder, "Role", "select").select_option("Executive sponsor")
    lab.button(builder, "Add member").click()
    expect(builder).to_contain_text("Added Ana Ruiz")
    expect(review).not_to_have_text(review_before)
    expect(chart).to_contain_text("Ana Ruiz")
    assert chart.inner_html() != chart_before
    members = lab.control(builder, "Members", "select")
    expect(members).to_contain_text("Ana Ruiz")
    review_after = review.text_content()
    lab.screenshot(SHOTS / "governance-builder.png", at=builder)

    reload_and_restart(lab)
    builder = lab.code_cell("GovernanceBuilder(").locator(".jp-OutputArea")
    expect(builder).to_contain_text("Loaded your saved design")
    expect(lab.control(builder, "Members", "select")).to_contain_text("Ana Ruiz")
    review = builder.locator("[role=status]").filter(has_text=re.compile("orkable")).first
    expect(review).to_have_text(review_after)
    assert not lab.remote_requests()


def test_metric_sorter_and_lag_slider(lab):
    """Does sorting a metric show why it leads or lags, does moving the lag slider change the
    correlation and the charts, and are both kept after a reload and a kernel restart?

    The two widgets share one session in their lesson (one Run All and one restart, not two).
    """
    sorter_lesson, lesson = lesson_showing("MetricSorter("), lesson_showing("LagExplorer(")
    assert sorter_lesson == lesson, "this test expects both widgets in one lesson"
    fresh_start(lab, lesson)

    # the metric sorter: sort the metric shown, read the explanation
    sorter = lab.code_cell("MetricSorter(").locator(".jp-OutputArea")
    expect(sorter).to_contain_text("0 of ")
    picker = lab.control(sorter, "Metric", "select")
    metric = picker.locator("option:checked").text_content().replace("\xa0", " ")  # nbsp
    lab.button(sorter, "Leading").click()
    explanation = re.compile(rf"(Right|Not quite): {re.escape(metric)} is a (leading|lagging) ")
    expect(sorter).to_contain_text(explanation)
    expect(sorter).to_contain_text(re.compile(r"1 of \d+ metrics sorted"))
    lab.screenshot(SHOTS / "metric-sorter.png", at=sorter)

    # the lag explorer: three steps right on the lag slider
    explorer = lab.code_cell("LagExplorer(").locator(".jp-OutputArea")
    readout = explorer.locator(".widget-html", has_text="correlation of the").first
    slider = explorer.get_by_role("slider", name="Lag")
    start = int(slider.input_value())
    before = readout.text_content()
    charts_before = [svg.inner_html() for svg in explorer.locator("svg[role=img]").all()]
    assert charts_before, "the lag explorer shows no chart"
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    lag = start + 3
    expect(slider).to_have_attribute("aria-valuetext", f"{lag} months")
    expect(readout).to_contain_text(f"at a lag of {lag} months")
    after = readout.text_content()
    number = re.compile(r"lag of \d+ months: (-?[\d.]+|cannot be measured)")
    assert number.search(before).group(1) != number.search(after).group(1), (before, after)
    lab.wait_idle()
    charts_after = [svg.inner_html() for svg in explorer.locator("svg[role=img]").all()]
    assert charts_after != charts_before, "the charts did not change with the lag"
    lab.screenshot(SHOTS / "lag-explorer.png", at=explorer)

    reload_and_restart(lab)
    sorter = lab.code_cell("MetricSorter(").locator(".jp-OutputArea")
    expect(sorter).to_contain_text(re.compile(r"1 of \d+ metrics sorted"))
    summary = sorter.locator("details")
    summary.locator("summary").click()
    expect(summary).to_contain_text(metric)
    explorer = lab.code_cell("LagExplorer(").locator(".jp-OutputArea")
    expect(explorer.get_by_role("slider", name="Lag")).to_have_value(str(lag))
    expect(explorer.locator(".widget-html", has_text="correlation of the").first).to_have_text(
        after
    )
    assert not lab.remote_requests()
