"""steering-committee through the real nbgrader, on the session's shared course.

Students of one sample variant hand in: the instructor's solution, other correct answers (a
more ambitious business plan reached earlier, another fix of the time limits), the untouched
student version; ``course-admin``'s batch grades them. The plausible wrong answers, one per
autograded cell, live with those of the other assignments (``tests/wrong_answers.py``) and
are graded by ``test_variants.py``.
"""

import json
import math
import shutil

import nbformat
import pytest
from conftest import ROOT
from grading_cases import KITS

from instructor.admin.batch import autograde_all
from instructor.admin.variants import pin
from instructor.admin.vet import auto_scores, reference_submission
from instructor.keys.steering_committee import truth, vet
from toolkit.steering.cases import PLAN_STEPS, case_for, fix_problems
from toolkit.steering.plan import plan_backwards

pytestmark = pytest.mark.slow

NAME = "steering-committee"
SOURCE = ROOT / "grading" / "source" / NAME / f"{NAME}.ipynb"
VARIANT = 26
AUTO_POINTS = 12
CELLS = {
    "must_discuss": 2,
    "owners_routed": 2,
    "escalation_late_issue": 1,
    "escalation_fix": 2,
    "business_plan": 2,
    "portfolio_calls": 2,
    "portfolio_reasons": 1,
}


STUDENTS = ("solution", "other", "untouched")


@pytest.fixture(scope="module")
def course(grading_course):
    """The solution, other correct answers and the blank version, graded."""
    root = grading_course.root
    students = list(STUDENTS)
    pin(root, NAME, dict.fromkeys(students, VARIANT))
    released = nbformat.read(root / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    source = nbformat.read(SOURCE, as_version=4)
    folders = {s: root / "submitted" / s / NAME for s in students}
    for folder in folders.values():
        folder.mkdir(parents=True)
    nbformat.write(reference_submission(source, released), folders["solution"] / f"{NAME}.ipynb")
    other = reference_submission(source, released)  # the rest answered as the reference
    for cell in other.cells:
        code = KITS[NAME].alternatives.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        if code:
            cell.source = code
    nbformat.write(other, folders["other"] / f"{NAME}.ipynb")
    shutil.copy(root / "release" / NAME / f"{NAME}.ipynb", folders["untouched"] / f"{NAME}.ipynb")
    outcomes = autograde_all(grading_course.course, [NAME], students, workers=2, progress=False)
    assert all(o.status == "graded" and o.variant == VARIANT for o in outcomes), outcomes
    return grading_course


def scores(course, student: str) -> dict[str, float]:
    return {g: s for g, (s, _m) in auto_scores(course.course, NAME, student).items()}


def test_the_solution_scores_full_marks(course):
    """Does the instructor's solution earn every automatic point?"""
    got = scores(course, "solution")
    assert got == CELLS and sum(got.values()) == AUTO_POINTS, got


def test_a_different_correct_plan_and_fix_score_full_marks(course):
    """Do a more ambitious, earlier plan and another fix of the limits earn full marks?"""
    got = scores(course, "other")
    assert got == CELLS, got


def test_the_untouched_student_version_scores_zero(course):
    """Does handing in the blank notebook earn no automatic points?"""
    got = scores(course, "untouched")
    assert set(got) == set(CELLS) and sum(got.values()) == 0, got


def test_student_version_has_no_solution_hidden_test_or_rubric(course):
    """Does the released notebook leave out solutions, hidden tests, the rubric and the note?"""
    grading = course
    text = (grading.root / "release" / NAME / f"{NAME}.ipynb").read_text()
    assert len(json.loads(text)["cells"]) == len(json.loads(SOURCE.read_text())["cells"])
    for leak in (
        "BEGIN SOLUTION",
        "BEGIN HIDDEN TESTS",
        "Rubric",
        "Model note",
        "graded_truth",
        "must_discuss(board)",
        "route(case.design",
        "fix_problems",
        "plan_shortfalls",
    ):
        assert leak not in text, leak
    assert "raise NotImplementedError()" in text and "YOUR ANSWER HERE" in text


def test_the_widgets_are_for_working_things_out_not_answer_files(course):
    """Are the walker's and planner's saved files optional (every answer is in a cell)?"""
    assert course.course.answer_files(NAME) == []


def test_visible_checks_do_not_claim_everything_passed(course):
    """Do the visible checks say 'these checks passed; your instructor's grading may check more'?"""
    graded = (course.root / "autograded" / "solution" / NAME / f"{NAME}.ipynb").read_text()
    assert "These checks passed; your instructor's grading may check more." in graded
    assert "all tests passed" not in graded.lower()


def test_source_has_its_cells_hints_and_points():
    """The named test cells, each importing what it uses, a hint after each part, 12 + 4 points?

    (The conventions every assignment keeps are in test_conventions.py.)
    """
    nb = nbformat.read(SOURCE, as_version=4)
    tests = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    assert {c.metadata["nbgrader"]["grade_id"] for c in tests} == set(CELLS)
    for cell in tests:
        assert "from toolkit" in cell.source.split("### BEGIN HIDDEN TESTS")[0]
    hints = [c for c in nb.cells if c.source.startswith("# Stuck?")]
    assert len(hints) == 5
    points = sum(
        c.metadata["nbgrader"].get("points", 0) for c in nb.cells if "nbgrader" in c.metadata
    )
    assert points == AUTO_POINTS + 4


@pytest.mark.parametrize("number", [0, 9, 26])
def test_sample_variants_are_sound_and_any_consistent_plan_fits(number):
    """Does the taught method read each sample clearly, and do other plans and fixes fit?"""
    assert vet(number) == []
    case = case_for(number)
    plan = plan_backwards(case.goal, case.funnel)
    from toolkit.steering.plan import plan_shortfalls

    bolder = {
        s: {
            "target": math.ceil(1.2 * plan.loc[s, "needed"]),
            "by_month": int(plan.loc[s, "by_month"]) - 1,
        }
        for s in PLAN_STEPS
    }
    assert plan_shortfalls(bolder, case.goal, case.funnel, most=1.5) == []
    too_big = {s: {**v, "target": v["target"] * 3} for s, v in bolder.items()}
    assert plan_shortfalls(too_big, case.goal, case.funnel, most=1.5)
    late = truth(number)["late_issue"]
    start = next(i.start for i in case.issues if i.id == late)
    assert fix_problems(case, {start: 3}) == []
    assert fix_problems(case, {start: 60})
    assert fix_problems(case, {start: 2}) and fix_problems(case, "faster")
