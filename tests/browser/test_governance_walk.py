"""governance-design in Chromium: Part C answered with the keyboard only, then Validate.

The student version is generated with nbgrader's own CLI in the session server's copy of
grading/ and copied to a scratch folder there (never into the repository). A participant runs
it: each check says in one sentence what is not done yet, and no cell shows a traceback.

Parts A and B are not built by keyboard here: a whole design by keyboard is too long for this
walk's time, so the test writes the answer key's two design files
(``instructor.keys.governance_design``, for the variant the server shows) into the folder, as
the builders save them (the builders by mouse and keyboard are walked in
tests/browser/test_governance_builder.py and tests/browser/test_widgets.py). Part C is answered
in the browser with the keyboard only: Tab to each decision's drop-down, the arrow keys down
the bodies. The written answer is typed into its markdown cell. Restart and Run All: every
check passes; the toolbar's Validate (nbgrader, in its
sandbox) passes. Then one wrong choice in Part C (a decision moved to an operations group):
what the control saves is that choice. Both states are handed in and autograded with nbgrader:
the first earns every automatic point, the wrong owner loses Part C's points and no others.
The visible checks cannot tell that wrong owner: they check each decision has one owner, and
say "your instructor's grading may check more".
"""

import json
import os
import shutil

import pytest
from conftest import ARTIFACTS, generate_student_version
from grading_cases import grade_walked
from labdriver import assert_validates
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "governance-design"
FOLDER = "scratch-governance"
SHOTS = ARTIFACTS / "screenshots"
CHAMPION = (
    "Inside the company the champion wins the other executives and the business units over; "
    "outside, the champion meets the partner's sponsor and keeps the alliance on the agenda."
)
PASSED = "These checks passed; your instructor's grading may check more."


@pytest.fixture
def student_version(lab_server):
    """The student version, made by `nbgrader generate_assignment`, in a scratch folder."""
    release = generate_student_version(lab_server, NAME)
    folder = lab_server.root / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(release, folder)
    for old in folder.glob("*.json"):
        old.unlink()
    return folder


def _case(lab_server):
    """The case the server's kernels show (the practice case: no student id is set)."""
    from toolkit.governance.cases import VARIANTS

    env = {**os.environ, "ALLIANCE_COURSE_HOME": str(lab_server.root.parent / "home")}
    return VARIANTS.mine(environ=env)


def _saved(lab, case, path, want: dict) -> dict | None:
    """Part C's saved owners once the kernel has handled the last key (up to 20 seconds)."""
    from toolkit.governance.assignment import saved_owners

    for _ in range(40):
        lab.wait_idle()
        found = saved_owners(case, path)
        if found == want:
            break
        lab.page.wait_for_timeout(500)
    return found


def _errors(lab, path: str) -> list[dict]:
    """The error outputs of the saved notebook, with the cell's grade id."""
    return [
        {**out, "cell": cell["metadata"].get("nbgrader", {}).get("grade_id")}
        for cell in lab.saved_notebook(path)["cells"]
        for out in cell.get("outputs", [])
        if out["output_type"] == "error"
    ]


def test_part_c_by_keyboard_passes_validate_and_a_wrong_owner_is_saved_as_such(
    lab, lab_server, student_version, tmp_path
):
    """Does a fresh run fail in sentences only, Part C answer by keyboard, every check and
    Validate pass, and one wrong drop-down choice get saved (and graded) as wrong?"""
    from instructor.keys.governance_design import answers, truth
    from toolkit.governance.assignment import (
        CASE_DESIGN_FILE,
        OWNERS_FILE,
        REPAIR_FILE,
        owners_question,
    )

    case = _case(lab_server)
    t = truth(case)
    question = owners_question(case)
    bodies = list(question.options)
    path = f"{FOLDER}/{NAME}.ipynb"
    lab.open(path)

    # as first met: every graded cell fails in one plain sentence, no traceback anywhere
    lab.run_all_past_errors()
    lab.save()
    errors = _errors(lab, path)
    graded = [
        c["metadata"]["nbgrader"]["grade_id"]
        for c in lab.saved_notebook(path)["cells"]
        if c["cell_type"] == "code" and c["metadata"].get("nbgrader", {}).get("grade")
    ]
    assert sorted(e["cell"] for e in errors) == sorted(graded), errors
    for error in errors:
        assert error["ename"] == "CheckFailed", error
        assert len(error["traceback"]) == 1 and "Traceback" not in error["traceback"][0], error

    # Parts A and B: the key's two design files, as the builders save them (see the docstring)
    key = answers({"case": case})["files"]
    for name in (CASE_DESIGN_FILE, REPAIR_FILE):
        (student_version / name).write_text(key[name], encoding="utf-8")

    # Part C: Tab to each decision's drop-down, the arrow keys down to the body the rule names
    lab.select_cell_by_keyboard("answer_owners(case")
    for decision, title in question.items.items():
        assert lab.tab_exactly(title)["tag"] == "select"
        lab.press("ArrowDown", bodies.index(t[decision]) + 1)
    assert _saved(lab, case, student_version / OWNERS_FILE, t) == t
    saved = json.loads((student_version / OWNERS_FILE).read_text(encoding="utf-8"))
    assert saved == json.loads(key[OWNERS_FILE])

    # a new start: every check passes, nothing to fix on screen; Validate passes
    lab.save()
    lab.restart_and_run_all()
    lab.save()
    problems = lab.problems(path)
    assert not problems, "\n".join(problems)
    page = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(page.get_by_text(PASSED)).to_have_count(len(graded) - 1)  # owners_gaps: a require
    lab.screenshot(SHOTS / "governance-walk.png")
    # the champion answer typed into its markdown cell (graded by hand); Validate then passes
    assert lab.write_answers(CHAMPION) == 1
    assert_validates(lab)
    right = shutil.copytree(student_version, tmp_path / "right")

    # one wrong choice: a decision the rule gives to another body moved to an operations group
    operations = next(b.id for b in case.decisions.bodies if b.tier == "operational")
    decision = next(k for k in question.items if t[k] != operations)
    lab.select_cell_by_keyboard("answer_owners(case")
    assert lab.tab_exactly(question.items[decision])["tag"] == "select"
    lab.press("ArrowDown", bodies.index(operations) - bodies.index(t[decision]))
    wrong = _saved(lab, case, student_version / OWNERS_FILE, {**t, decision: operations})
    assert wrong == {**t, decision: operations}
    lab.save()
    lab.run_all()
    lab.save()
    part = page.locator(".jp-Cell").filter(has_text="Part C: does each decision that had")
    expect(part).to_contain_text(
        f"{question.items[decision]} is decided by the {question.options[operations]}"
    )
    assert not lab.remote_requests()
    # both handed in and autograded with nbgrader (in its sandbox): the first walk earns every
    # automatic point; the wrong owner loses Part C points (the hidden tests read the same
    # file), and nothing else
    grades = grade_walked(
        lab_server.root / "grading",
        NAME,
        {"walker": (right, case.number), "walker-x": (student_version, case.number)},
    )
    assert grades["walker"] and all(s == top > 0 for s, top in grades["walker"].values())
    lost = {g for g, (s, top) in grades["walker-x"].items() if s < top}
    assert lost and lost <= {"owners_conflicts", "owners_gaps"}, grades["walker-x"]
