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


def fresh_start(lab, lesson: str, *answer_files: str) -> None:
    """Open the lesson with none of the student's answer files yet, and Run All."""
    folder = (lab.server.root / lesson).parent
    for name in answer_files:
        (folder / name).unlink(missing_ok=True)
    lab.open(lesson)
    lab.run_all()


def test_governance_builder_add_member(lab):
    """Does adding a member in the builder change the review and the chart, and survive a
    reload and a kernel restart?"""
    lesson = lesson_showing("GovernanceBuilder(")
    fresh_start(lab, lesson, "my-governance.json")
    builder = lab.code_cell("GovernanceBuilder(").locator(".jp-OutputArea")
    review = builder.locator("[role=status]").filter(has_text=re.compile("orkable")).first
    chart = builder.locator(".widget-tab svg[role=img]").first
    expect(review).to_be_visible()

    # a body first (the builder starts empty), then a member in it
    lab.control(builder, "Name").fill("Joint Steering Committee")
    lab.control(builder, "Tier", "select").select_option("steering")
    lab.button(builder, "Add body").click()
    expect(builder).to_contain_text("Added Joint Steering Committee")
    review_before, chart_before = review.text_content(), chart.inner_html()

    lab.control(builder, "Person").fill("Ana Ruiz")
    lab.control(builder, "Partner").fill("Kite Analytics")
    lab.control(builder, "Role", "select").select_option("executive_sponsor")
    lab.button(builder, "Add member").click()
    expect(builder).to_contain_text("Added Ana Ruiz")
    expect(review).not_to_have_text(review_before)
    expect(chart).to_contain_text("Ana Ruiz")
    assert chart.inner_html() != chart_before
    members = lab.control(builder, "Members", "select")
    expect(members).to_contain_text("Ana Ruiz")
    review_after = review.text_content()
    lab.screenshot(SHOTS / "governance-builder.png", at=builder)

    # the student's work survives a reload of the page and a restart of the kernel
    lab.save()
    lab.reload()
    lab.restart_and_run_all()
    builder = lab.code_cell("GovernanceBuilder(").locator(".jp-OutputArea")
    expect(builder).to_contain_text("Loaded your saved design")
    expect(lab.control(builder, "Members", "select")).to_contain_text("Ana Ruiz")
    review = builder.locator("[role=status]").filter(has_text=re.compile("orkable")).first
    expect(review).to_have_text(review_after)
    assert not lab.remote_requests()
