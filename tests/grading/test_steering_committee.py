"""steering-committee through the real nbgrader, on the session's shared course.

Every automatic part is answered with a control that saves an answer file beside the
notebook; nobody edits a code cell. Students of one sample variant hand in the student
version as released with: the answer key's files (as the controls save them), other correct
answers (a more ambitious plan reached earlier, another fix of the time limits, the same
calls picked in another order), nothing at all, and each plausible wrong answer of
``tests/wrong_answers.py`` (one wrong choice in one control); ``course-admin``'s batch grades
them. The student version, run top to bottom as a participant first opens it, shows no
traceback: only one plain sentence for each part not answered yet.
"""

import json
import math
import os
import shutil

import nbformat
import pytest
from conftest import ROOT
from wrong_answers import STEER, wrong_steering

from instructor.admin.batch import autograde_all
from instructor.admin.variants import pin
from instructor.admin.vet import auto_scores
from instructor.keys.steering_committee import answers, files, truth, vet
from toolkit.steering.assignment import FILES, saved_text
from toolkit.steering.cases import PLAN_STEPS, case_for, fix_problems
from toolkit.steering.plan import plan_backwards

pytestmark = pytest.mark.slow

NAME = "steering-committee"
SOURCE = ROOT / "grading" / "source" / NAME / f"{NAME}.ipynb"
VARIANT = 26
AUTO_POINTS = 12
#: this module's students on the session's shared course (test_variants hands in its own
#: wrong answers, under the same names, for another variant)
PREFIX = "sc-"
CELLS = {
    "must_discuss": 2,
    "owners_routed": 2,
    "escalation_late_issue": 1,
    "escalation_fix": 2,
    "business_plan": 2,
    "portfolio_calls": 2,
    "portfolio_reading": 1,
}


def bolder_plan(case) -> dict[str, dict]:
    """A fifth more than the plan needs at each leading step, each reached a month earlier."""
    plan = plan_backwards(case.goal, case.funnel)
    return {
        s: {
            "target": math.ceil(1.2 * plan.loc[s, "needed"]),
            "by_month": int(plan.loc[s, "by_month"]) - 1,
        }
        for s in PLAN_STEPS
    }


def other_files(number: int) -> dict[str, str]:
    """Other correct answers: a bolder plan reached a month earlier, another fix of the limits.

    The fix is the strictest limit on the late issue's working group, with a new limit on the
    steering committee too (that changes nothing for the late issue).
    """
    case, t = case_for(number), truth(number)
    bolder = bolder_plan(case)
    ((body, _days),) = t["limits"].items()
    top = next(b.id for b in case.design.bodies if b.tier == "steering")
    limits = {body: {"days": 3}, top: {"days": 10}}
    assert not fix_problems(case, {body: 3, top: 10})
    return {
        **files(number),
        FILES["plan"]: saved_text("plan", case, bolder),
        FILES["limits"]: saved_text("limits", case, limits),
        FILES["must"]: saved_text("must", case, list(reversed(t["must_discuss"]))),
    }


@pytest.fixture(scope="module")
def course(grading_course):
    """The key's files, other correct answers, the blank version and each wrong answer, graded."""
    root = grading_course.root
    key = answers({"case": case_for(VARIANT)})
    handed = {"key": key["files"], "other": other_files(VARIANT), "untouched": {}}
    wrong = wrong_steering(key, VARIANT)
    handed |= {student: files for student, (_answers, files, _loses) in wrong.items()}
    handed = {PREFIX + student: answer_files for student, answer_files in handed.items()}
    pin(root, NAME, dict.fromkeys(handed, VARIANT))
    released = root / "release" / NAME / f"{NAME}.ipynb"
    for student, answer_files in handed.items():
        folder = root / "submitted" / student / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_text(released.read_text())
        for name, text in answer_files.items():
            (folder / name).write_text(text, encoding="utf-8")
    outcomes = autograde_all(grading_course.course, [NAME], list(handed), workers=2, progress=False)
    assert all(o.status == "graded" and o.variant == VARIANT for o in outcomes), outcomes
    grading_course.wrong = wrong
    return grading_course


def scores(course, student: str) -> dict[str, float]:
    return {g: s for g, (s, _m) in auto_scores(course.course, NAME, PREFIX + student).items()}


def test_the_key_files_score_full_marks(course):
    """Does the released notebook with the key's answer files beside it earn every point?"""
    got = scores(course, "key")
    assert got == CELLS and sum(got.values()) == AUTO_POINTS, got


def test_a_different_correct_plan_and_fix_score_full_marks(course):
    """Do a more ambitious, earlier plan and another fix of the limits earn full marks?"""
    got = scores(course, "other")
    assert got == CELLS, got


def test_the_untouched_student_version_scores_zero(course):
    """Does handing in the blank notebook earn no automatic points?"""
    got = scores(course, "untouched")
    assert set(got) == set(CELLS) and sum(got.values()) == 0, got


def test_each_wrong_answer_loses_its_own_points_and_no_other(course):
    """Does one wrong choice in one control lose that part's points, and only those?"""
    lost = set()
    for student, (_answers, _files, loses) in course.wrong.items():
        got = scores(course, student)
        expected = {cell: (0 if cell in loses else points) for cell, points in CELLS.items()}
        assert got == expected, (student, got)
        lost |= loses
    assert lost == set(CELLS), "every automatic part has a plausible wrong answer"


def test_check_cells_say_what_was_answered(course):
    """Does the graded notebook show, in words, what each part's controls saved?"""
    graded = nbformat.read(course.root / "autograded" / f"{PREFIX}key" / NAME / f"{NAME}.ipynb", 4)
    text = "\n".join(
        o.get("text", "") for c in graded.cells if c.cell_type == "code" for o in c.outputs
    )
    case = case_for(VARIANT)
    pricing = next(i for i in case.agenda if i.decision == "pricing")
    owner = next(b.name for b in case.design.bodies if b.id == truth(VARIANT)["owners"][pricing.id])
    assert f"You sent “{pricing.title}” to the {owner}." in text
    assert "You put these items on the meeting's must-discuss list: " in text
    assert "days; the other bodies keep theirs." in text
    assert "These checks passed; your instructor's grading may check more." in text
    assert "all tests passed" not in text.lower()


def test_a_wrong_part_fails_in_one_plain_sentence(course):
    """Does a part answered wrong show one sentence in the graded notebook, not a traceback?"""
    path = course.root / "autograded" / f"{PREFIX}wrong-other-issue" / NAME / f"{NAME}.ipynb"
    graded = nbformat.read(path, 4)
    errors = [o for c in graded.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]  # fmt: skip
    assert [e.ename for e in errors] == ["CheckFailed"]
    assert errors[0].traceback == ["This is not the issue that misses its deadline."]


def test_student_version_has_no_solution_hidden_test_or_code_to_type(course):
    """Does the released notebook leave out hidden tests and the rubric, with nothing to type?"""
    grading = course
    path = grading.root / "release" / NAME / f"{NAME}.ipynb"
    text = path.read_text()
    assert len(json.loads(text)["cells"]) == len(json.loads(SOURCE.read_text())["cells"])
    for leak in (
        "BEGIN SOLUTION",
        "BEGIN HIDDEN TESTS",
        "Rubric",
        "Model note",
        "graded_",
        "must_discuss(",
        "route(",
        "fix_problems",
        "plan_shortfalls",
    ):
        assert leak not in text, leak
    code = "\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code")
    assert "YOUR CODE HERE" not in code and "NotImplementedError" not in code
    assert "YOUR ANSWER HERE" in text  # the sponsor's note is written by hand


def test_course_admin_collects_every_answer_file(course):
    """Does course-admin collect the files the controls save (the notebook names each)?"""
    assert course.course.answer_files(NAME) == sorted(FILES.values())


def test_source_has_its_cells_hints_and_points():
    """The named test cells, locked answer cells without solutions, a hint per part, 12 + 4 points?

    (The conventions every assignment keeps are in test_conventions.py.)
    """
    nb = nbformat.read(SOURCE, as_version=4)
    tests = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    assert {c.metadata["nbgrader"]["grade_id"] for c in tests} == set(CELLS)
    for cell in tests:
        assert "from toolkit" in cell.source.split("### BEGIN HIDDEN TESTS")[0]
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not [c for c in code if c.metadata.get("nbgrader", {}).get("solution")]
    assert not [c for c in code if "BEGIN SOLUTION" in c.source]
    answer_cells = [c for c in code if c.metadata.get("nbgrader", {}).get("grade_id", "")
                    .endswith("_answer")]  # fmt: skip
    assert len(answer_cells) == 5 and all(c.metadata["nbgrader"]["locked"] for c in answer_cells)
    hints = [c for c in nb.cells if c.source.startswith("# Stuck?")]
    assert len(hints) == 5
    points = sum(
        c.metadata["nbgrader"].get("points", 0) for c in nb.cells if "nbgrader" in c.metadata
    )
    assert points == AUTO_POINTS + 4
    words = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "YOUR CODE HERE" not in words and "in the cell after" not in words


@pytest.mark.parametrize("number", [0, 9, 26])
def test_sample_variants_are_sound_and_any_consistent_plan_fits(number):
    """Does the taught method read each sample clearly, and do other plans and fixes fit?"""
    assert vet(number) == []
    case = case_for(number)
    from toolkit.steering.plan import plan_shortfalls

    bolder = bolder_plan(case)
    assert plan_shortfalls(bolder, case.goal, case.funnel, most=1.5) == []
    too_big = {s: {**v, "target": v["target"] * 3} for s, v in bolder.items()}
    assert plan_shortfalls(too_big, case.goal, case.funnel, most=1.5)
    late = truth(number)["late_issue"]
    start = next(i.start for i in case.issues if i.id == late)
    assert fix_problems(case, {start: 3}) == []
    assert fix_problems(case, {start: 60})
    assert fix_problems(case, {start: 2}) and fix_problems(case, "faster")


def test_wrong_answers_are_kept_for_every_part():
    """Does tests/wrong_answers.py keep a wrong answer for every automatic part of the key?"""
    key = answers({"case": case_for(9)})
    assert key["answers"] == {} and sorted(key["files"]) == sorted(FILES.values())
    wrong = wrong_steering(key, 9)
    assert set().union(*(loses for _a, _f, loses in wrong.values())) == set(CELLS)
    assert STEER == NAME


def _run_all(folder, home):
    """Run the notebook in ``folder`` top to bottom, as Restart and Run All does (nbclient)."""
    from nbclient import NotebookClient

    from toolkit.variants.assign import VARIANT_ENV

    nb = nbformat.read(folder / f"{NAME}.ipynb", as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    env |= {VARIANT_ENV: f"{NAME}:{VARIANT}", "ALLIANCE_COURSE_HOME": str(home)}
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    )  # fmt: skip
    client.execute(env=env)
    return nb


def _errors(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type == "error"]  # fmt: skip


@pytest.fixture(scope="module")
def fresh_runs(course, tmp_path_factory):
    """The student version run top to bottom: as first opened, and with every part answered."""
    released = course.root / "release" / NAME
    runs = {}
    for kind in ("blank", "answered"):
        folder = tmp_path_factory.mktemp(f"fresh-{kind}") / NAME
        shutil.copytree(released, folder)
        if kind == "answered":
            for name, text in answers({"case": case_for(VARIANT)})["files"].items():
                (folder / name).write_text(text, encoding="utf-8")
        runs[kind] = (_run_all(folder, folder.parent / "home"), folder)
    return runs


def test_run_all_on_a_fresh_student_version_shows_no_traceback(fresh_runs):
    """Does Run All on the fresh student version show one plain sentence per part, no traceback?"""
    nb, _folder = fresh_runs["blank"]
    errors = _errors(nb)
    assert [e.ename for e in errors] == ["CheckFailed"] * len(CELLS), [
        (e.ename, e.evalue) for e in errors
    ]
    for error in errors:
        assert len(error.traceback) == 1 and "Traceback" not in error.traceback[0]
        assert error.traceback[0].startswith("0 of 1 checks passed. Not yet: You answered with")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "YOUR CODE HERE" not in code and "NotImplementedError" not in code


def test_run_all_with_every_part_answered_passes_every_check(fresh_runs):
    """With the controls' files beside it, does every check cell pass and show its answer?"""
    nb, folder = fresh_runs["answered"]
    assert _errors(nb) == []
    shown = "\n".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert shown.count("These checks passed; your instructor's grading may check more.") == 7
    widgets = [
        c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_answer")
    ]
    for cell in widgets:  # each answer cell shows its control (a widget), not an error
        kinds = {k for o in cell.outputs for k in o.get("data", {})}
        assert "application/vnd.jupyter.widget-view+json" in kinds, cell.source
    assert not list(folder.glob("*.damaged*"))  # the key's files fit the variant shown
