"""nbgrader in JupyterLab, in Chromium: a student validates, an instructor opens the formgrader.

The student versions are generated with nbgrader's own CLI in the session server's temporary
copy of grading/ (never in the repository), exactly as an instructor releases them.
"""

import os
import subprocess

import pytest
from conftest import ARTIFACTS, ROOT
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ASSIGNMENTS = (
    sorted(
        p.name for p in (ROOT / "grading" / "source").iterdir() if (p / f"{p.name}.ipynb").exists()
    )
    if (ROOT / "grading" / "source").is_dir()
    else []
)
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="session")
def released(lab_server):
    """`nbgrader generate_assignment` for every assignment, in the server's copy of grading/."""
    grading = lab_server.root / "grading"
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    for name in ASSIGNMENTS:
        done = subprocess.run(
            ["nbgrader", "generate_assignment", name, "--force"],
            cwd=grading,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"nbgrader generate_assignment {name}:\n{done.stderr}"
    return grading / "release"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_validate_button_reports_on_a_student_version(lab, released, name):
    """Does the Validate button of a student version run nbgrader and show its result?"""
    student = released / name / f"{name}.ipynb"
    assert student.exists(), f"nbgrader did not write {student}"
    path = student.relative_to(lab.server.root).as_posix()
    lab.open(path)
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
    lab.screenshot(SHOTS / f"validate-{name}.png")
    assert not lab.remote_requests()


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
