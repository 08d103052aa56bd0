"""Every lesson, run in JupyterLab in a real Chromium, as a student sees it.

For each notebook in notebooks/ (new lessons are picked up by themselves): open it, Run All,
wait for the kernel to go idle, then check that no cell shows an error, every widget was
drawn (no "Loading widget..." nor "Error displaying widget"), every chart was drawn as SVG or
canvas, and no request left the machine. A screenshot of each lesson goes to
test-artifacts/screenshots/.
"""

import pytest
from conftest import ARTIFACTS, NOTEBOOKS

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
