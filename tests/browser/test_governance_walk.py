"""The governance-design student version in Chromium: Part C answered with the keyboard only.

The student version is generated with nbgrader's own CLI in the session server's copy of
grading/ (never in the repository). Parts A and B are answered with the builders elsewhere
(tests/browser/test_governance_builder.py, tests/grading/test_governance_design.py); here their
files are the answer key's, as the builders would have saved them. Part C is answered in its
lists with Tab and the arrow keys; Validate then passes. One wrong pick makes Validate fail.
"""

import json
import os
import subprocess

import pytest
from conftest import ARTIFACTS, ROOT
from playwright.sync_api import expect

from instructor.keys.governance_design import KEY, truth
from toolkit.governance.assignment import OWNERS_FILE, owners_question
from toolkit.governance.cases import case_for

pytestmark = pytest.mark.browser

NAME = "governance-design"
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture
def student_version(lab_server):
    """A fresh student version, with Parts A and B saved as the builders save them."""
    grading = lab_server.root / "grading"
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["nbgrader", "generate_assignment", NAME, "--force"],
        cwd=grading,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    folder = grading / "release" / NAME
    files = KEY.answers({"case": case_for(0)})["files"]  # no student id: the practice case
    for name in ("governance-design.json", "repaired-design.json"):
        (folder / name).write_text(files[name], encoding="utf-8")
    (folder / OWNERS_FILE).unlink(missing_ok=True)
    return folder


def _validate(lab):
    lab.save()
    button = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar").get_by_role(
        "button", name="Validate"
    )
    button.click()
    dialog = lab.page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Validation Results", timeout=120_000)
    text = dialog.locator(".jp-Dialog-body").inner_text()
    lab.accept_dialog()
    return text


def test_part_c_by_keyboard_then_validate(lab, student_version):
    """Can Part C be answered with Tab and the arrow keys, by the bodies' names, so that
    Validate passes; and does one wrong pick make it fail?"""
    case = case_for(0)
    question = owners_question(case)
    right = truth(case)
    bodies = list(question.options)
    lab.open(student_version.relative_to(lab.server.root).as_posix() + f"/{NAME}.ipynb")
    lab.run_all_past_errors()

    lab.select_cell_by_keyboard("owners_control = answer_owners(")
    for key, name in question.items.items():
        assert lab.tab_to(name)[-1]["tag"] == "select"
        for _ in range(bodies.index(right[key]) + 1):  # "Not matched yet" comes first
            lab.page.keyboard.press("ArrowDown")
    lab.wait_idle()
    saved = json.loads((student_version / OWNERS_FILE).read_text(encoding="utf-8"))
    assert saved["data"] == {"variant": 0, "answer": right}
    shown = lab.code_cell("owners_control = answer_owners(").locator(".jp-OutputArea")
    steering = question.options[right["strategy"]]
    expect(shown).to_contain_text(f"Strategy is decided by the {steering}.")

    text = _validate(lab)
    assert "The following cell failed" not in text, text
    lab.screenshot(SHOTS / "governance-part-c-valid.png")

    # one wrong pick: the joint business plan to the steering body as well
    lab.select_cell_by_keyboard("owners_control = answer_owners(")
    lab.tab_to("Joint business plan")
    up = bodies.index(right["joint_business_plan"]) - bodies.index(right["strategy"])
    for _ in range(abs(up)):
        lab.page.keyboard.press("ArrowUp" if up > 0 else "ArrowDown")
    lab.wait_idle()
    saved = json.loads((student_version / OWNERS_FILE).read_text(encoding="utf-8"))
    assert saved["data"]["answer"]["joint_business_plan"] == right["strategy"]
    # the visible checks pass (each decision has one owner); the grading's hidden tests would
    # not: the check cells say what was picked, in words
    lab.run_all_past_errors()
    checks = lab.code_cell("Part C: does each decision that had two owners").locator(
        ".jp-OutputArea"
    )
    expect(checks).to_contain_text(f"Joint business plan is decided by the {steering}.")
    assert not lab.remote_requests()
