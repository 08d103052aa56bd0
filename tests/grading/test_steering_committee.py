"""steering-committee through the real nbgrader, on the session's shared course.

Students of one sample variant hand in: the instructor's solution, other correct answers (a
more ambitious business plan reached earlier, another fix of the time limits), the untouched
student version, and one plausible wrong answer per autograded cell, each typed into the
variant's answer key; ``course-admin``'s batch grades them.
"""

import json
import math
import shutil

import nbformat
import pytest
from conftest import ROOT
from grading_cases import KITS, variant_key

from toolkit.admin.batch import autograde_all
from toolkit.admin.variants import pin
from toolkit.admin.vet import auto_scores, key_submission, reference_submission
from toolkit.steering.cases import PLAN_STEPS, case_for, fix_problems, truth, vet
from toolkit.steering.dashboard import discussion_plan
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


def wrong_answers(key: dict, number: int) -> dict[str, tuple[dict, set[str]]]:
    """Student -> (answers, the cells that must lose their points): one plausible slip each."""
    case = case_for(number)
    answers = key["answers"]

    def changed(cell: str, **values) -> dict:
        return {**answers, cell: {**answers[cell], **values}}

    verdicts = discussion_plan(case.dashboard())
    # a red result put on the agenda as if it were a driver
    red_result = next(k for k, v in verdicts.items() if v.verdict == "may" and "result" in v.reason)
    must = answers["must_answer"]["must_discuss_items"]
    steering = next(b.id for b in case.design.bodies if b.tier == "steering")
    owners = answers["owners_answer"]["owners"]
    late = answers["escalation_answer"]["late_issue"]
    other_issue = next(i.id for i in case.issues if i.id != late)
    fix = answers["escalation_answer"]["new_limits"]
    ((body, days),) = fix.items()
    plan = answers["plan_answer"]["plan_targets"]
    goal_month = case.goal.month
    # the leading targets dated at the goal month: the sales cycle forgotten
    undated = {s: {**v, "by_month": goal_month} for s, v in plan.items()}
    # health read from Acme's side alone
    acme = {
        a.name: {
            "importance": a.importance,
            "health": float(round(a.scores["Acme Software"].mean(), 2)),
        }
        for a in case.alliances
    }
    from toolkit.steering.portfolio import portfolio_call

    acme_calls = {n: portfolio_call(r["importance"], r["health"]) for n, r in acme.items()}
    assert acme_calls != answers["portfolio_answer"]["calls"]
    return {
        "wrong-red-result": (
            changed("must_answer", must_discuss_items=[*must, red_result]),
            {"must_discuss"},
        ),
        "wrong-all-to-steering": (
            changed("owners_answer", owners=dict.fromkeys(owners, steering)),
            {"owners_routed"},
        ),
        "wrong-other-issue": (
            changed("escalation_answer", late_issue=other_issue),
            {"escalation_late_issue"},
        ),
        "wrong-fix-too-slow": (
            changed("escalation_answer", new_limits={body: days + 5}),
            {"escalation_fix"},
        ),
        "wrong-plan-undated": (
            changed("plan_answer", plan_targets=undated),
            {"business_plan"},
        ),
        "wrong-calls-acme-side": (
            changed("portfolio_answer", calls=acme_calls),
            {"portfolio_calls"},
        ),
        "wrong-reasons-acme-side": (
            changed("portfolio_answer", reasons=acme),
            {"portfolio_reasons"},
        ),
    }


STUDENTS = ("solution", "other", "untouched")


@pytest.fixture(scope="module")
def course(grading_course):
    """The solution, other correct answers, the blank version and the wrong answers, graded."""
    root = grading_course.root
    key = variant_key(grading_course.course, NAME, VARIANT)
    wrong = wrong_answers(key, VARIANT)
    students = [*STUDENTS, *wrong]
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
    for student, (answers, _zero) in wrong.items():
        nbformat.write(key_submission(released, answers), folders[student] / f"{NAME}.ipynb")
    outcomes = autograde_all(grading_course.course, [NAME], students, workers=2, progress=False)
    assert all(o.status == "graded" and o.variant == VARIANT for o in outcomes), outcomes
    return grading_course, wrong


def scores(course, student: str) -> dict[str, float]:
    return {g: s for g, (s, _m) in auto_scores(course.course, NAME, student).items()}


def test_the_solution_scores_full_marks(course):
    """Does the instructor's solution earn every automatic point?"""
    got = scores(course[0], "solution")
    assert got == CELLS and sum(got.values()) == AUTO_POINTS, got


def test_a_different_correct_plan_and_fix_score_full_marks(course):
    """Do a more ambitious, earlier plan and another fix of the limits earn full marks?"""
    got = scores(course[0], "other")
    assert got == CELLS, got


def test_the_untouched_student_version_scores_zero(course):
    """Does handing in the blank notebook earn no automatic points?"""
    got = scores(course[0], "untouched")
    assert set(got) == set(CELLS) and sum(got.values()) == 0, got


def test_each_wrong_answer_loses_its_own_cells_points_and_no_other(course):
    """Does each plausible slip lose exactly its cell's points, every cell lost by one?"""
    grading, wrong = course
    lost = set()
    for student, (_answers, zero) in wrong.items():
        got = scores(grading, student)
        assert {c for c, s in got.items() if s == 0} == zero, (student, got)
        assert all(s == CELLS[c] for c, s in got.items() if c not in zero), (student, got)
        lost |= zero
    assert lost == set(CELLS)


def test_student_version_has_no_solution_hidden_test_or_rubric(course):
    """Does the released notebook leave out solutions, hidden tests, the rubric and the note?"""
    grading, _wrong = course
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


def test_visible_checks_do_not_claim_everything_passed(course):
    """Do the visible checks say 'these checks passed; your instructor's grading may check more'?"""
    graded = (course[0].root / "autograded" / "solution" / NAME / f"{NAME}.ipynb").read_text()
    assert "These checks passed; your instructor's grading may check more." in graded
    assert "all tests passed" not in graded.lower()


def test_source_cells_follow_the_grading_conventions():
    """Snake_case ids, docstring-led test cells with hidden tests, a hint after each part?"""
    nb = nbformat.read(SOURCE, as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids))
    assert all(i.replace("_", "").isalnum() and i == i.lower() for i in ids)
    tests = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    assert {c.metadata["nbgrader"]["grade_id"] for c in tests} == set(CELLS)
    for cell in tests:
        assert cell.source.startswith('"""')
        assert "### BEGIN HIDDEN TESTS" in cell.source and "### END HIDDEN TESTS" in cell.source
        assert "from toolkit" in cell.source.split("### BEGIN HIDDEN TESTS")[0]
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            assert meta.get("grade") or meta.get("solution"), meta["grade_id"]
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
