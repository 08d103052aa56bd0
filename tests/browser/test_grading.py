"""nbgrader in JupyterLab, in Chromium: a student validates, an instructor opens the formgrader.

The student versions are generated with nbgrader's own CLI in the session server's temporary
copy of grading/ (never in the repository), exactly as an instructor releases them.
"""

import pytest
from conftest import ARTIFACTS, ROOT, generate_student_version
from grading_cases import every_case
from labdriver import accessibility_problems
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ASSIGNMENTS = (
    sorted(
        p.name for p in (ROOT / "grading" / "source").iterdir() if (p / f"{p.name}.ipynb").exists()
    )
    if (ROOT / "grading" / "source").is_dir()
    else []
)
# the Validate button on an untouched student version: one in `make test` (each assignment's
# browser walk presses it on a complete one), every assignment in `make test-all`
VALIDATED = ASSIGNMENTS if every_case() else [a for a in ASSIGNMENTS if a.startswith("reading")]
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="session")
def released(lab_server):
    """`nbgrader generate_assignment` for every assignment, in the server's copy of grading/."""
    for name in ASSIGNMENTS:
        release = generate_student_version(lab_server, name)
    return release.parent


@pytest.mark.parametrize("name", VALIDATED)
def test_validate_button_reports_on_a_student_version(lab, released, name):
    """Does the Validate button of a student version run nbgrader and show its result, and
    are the student version's outputs accessible (axe-core, WCAG 2.1 A/AA) after Run All?"""
    student = released / name / f"{name}.ipynb"
    assert student.exists(), f"nbgrader did not write {student}"
    path = student.relative_to(lab.server.root).as_posix()
    lab.open(path)
    # as a student first meets it: every cell run, the graded ones failing on the blanks
    lab.run_all_past_errors()
    found = accessibility_problems(lab, f"assignment-{name}", ARTIFACTS)
    lab.save()
    button = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar").get_by_role(
        "button", name="Validate"
    )
    expect(button).to_be_visible()
    button.click()
    dialog = lab.page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Validation Results", timeout=120_000)
    body = dialog.locator(".jp-Dialog-body")
    # an untouched student version has blanks: nbgrader must say which cells fail, and must not
    # have crashed (that shows "There was an error running the validate command")
    expect(body).to_contain_text("The following cell failed")
    expect(body).not_to_contain_text("There was an error")
    # ... and fail as a blank answer does, in the course's own sentence, not because the
    # grading kernel could not reach the toolkit (a sandbox that binds the wrong folders)
    expect(body).to_contain_text("Not yet")
    for crash in ("ModuleNotFoundError", "ImportError", "NameError", "Traceback"):
        expect(body).not_to_contain_text(crash)
    lab.screenshot(SHOTS / f"validate-{name}.png")
    assert not lab.remote_requests()
    assert not found, f"{name}: axe-core finds WCAG 2.1 A/AA violations in the outputs:\n{found}"


def test_formgrader_opens_for_the_instructor(lab, released):
    """Does Nbgrader → Formgrader open the course's assignments for the instructor?"""
    lab.open("notebooks/00-start-here.ipynb")
    lab.menu("Nbgrader", "Formgrader")
    frame = lab.page.frame_locator(".jp-MainAreaWidget:not(.lm-mod-hidden) iframe")
    expect(frame.get_by_text("Manage Assignments").first).to_be_visible(timeout=60_000)
    for name in ASSIGNMENTS:
        expect(frame.get_by_text(name, exact=True).first).to_be_visible()
    lab.screenshot(SHOTS / "formgrader.png")
    assert not lab.remote_requests()
