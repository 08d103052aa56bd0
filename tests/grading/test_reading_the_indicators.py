"""reading-the-indicators through the real nbgrader, on the session's shared course.

Four students hand in: the instructor's solution, a different correct answer, the untouched
student version, and the solution with two test cells deleted; ``course-admin``'s batch
grades them. Part 1 is answered the way a student does it: in the MetricSorter widget,
whose answer file is handed in beside the notebook.
"""

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from toolkit.admin.batch import autograde_all
from toolkit.indicators.assignment import ASSIGNMENT_METRICS, SORTING_FILE
from toolkit.indicators.catalogue import kind_of
from toolkit.indicators.sorter import MetricSorter

pytestmark = pytest.mark.slow

NAME = "reading-the-indicators"
SOURCE = ROOT / "grading" / "source" / NAME / f"{NAME}.ipynb"
AUTO_POINTS = 8
CODE_TESTS = (
    "classify_metrics",
    "revenue_lag",
    "falling_revenue",
    "perception_gaps_table",
    "largest_gap",
)


def sort_in_widget(folder: Path, kinds: dict[str, str]) -> None:
    """Click through the sorter as a student would, saving the answer file in `folder`."""
    sorter = MetricSorter(ASSIGNMENT_METRICS, path=folder / SORTING_FILE, reveal=False)
    for metric in ASSIGNMENT_METRICS:
        sorter.picker.value = metric
        button = sorter.leading_button if kinds[metric] == "leading" else sorter.lagging_button
        button.click()


def answer(nb, grade_id: str, source: str) -> None:
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source = source


@pytest.fixture(scope="session")
def course(grading_course):
    """Four students of the shared course hand in; the batch grades them."""
    root = grading_course.root
    release = root / "release" / NAME / f"{NAME}.ipynb"

    # 1. the instructor's solution, Part 1 sorted in the widget
    solution = root / "submitted" / "solution" / NAME
    solution.mkdir(parents=True)
    shutil.copy(SOURCE, solution / f"{NAME}.ipynb")
    sort_in_widget(solution, {m: kind_of(m) for m in ASSIGNMENT_METRICS})

    # 2. a different correct answer: another lag within a month, names in another case and
    #    order (plus Bluepeak, accepted either way), gaps computed by hand with signed values
    other = root / "submitted" / "other" / NAME
    other.mkdir(parents=True)
    nb = nbformat.read(release, as_version=4)
    answer(nb, "granite_lag_answer", "granite_lag = 10")
    answer(nb, "falling_answer", 'falling = ["cedar", "Bluepeak", "HARBOR "]')
    answer(
        nb,
        "gaps_answer",
        "items = [c for c in survey.columns if c[-1].isdigit()]\n"
        "long = survey.melt(id_vars='side', value_vars=items)\n"
        "long['dimension'] = long['variable'].str.rsplit('_', n=1).str[0]\n"
        "means = long.groupby(['dimension', 'side'])['value'].mean().unstack()\n"
        "gaps = means.assign(gap=means['partner'] - means['us'])\n"
        "largest_gap = 'Communication'",
    )
    answer(nb, "executive_reply", "Revenue lags the joint work by about a sales cycle ...")
    nbformat.write(nb, other / f"{NAME}.ipynb")
    sort_in_widget(other, {m: kind_of(m) for m in ASSIGNMENT_METRICS})

    # 3. the student version, untouched (no widget answers either)
    untouched = root / "submitted" / "untouched" / NAME
    untouched.mkdir(parents=True)
    shutil.copy(release, untouched / f"{NAME}.ipynb")

    # 4. the solution with two test cells deleted (nbgrader must restore and grade them)
    deleted = root / "submitted" / "deleted" / NAME
    deleted.mkdir(parents=True)
    nb = nbformat.read(SOURCE, as_version=4)
    gone = {"classify_metrics", "revenue_lag"}
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in gone]
    nbformat.write(nb, deleted / f"{NAME}.ipynb")
    sort_in_widget(deleted, {m: kind_of(m) for m in ASSIGNMENT_METRICS})

    students = ["solution", "other", "untouched", "deleted"]
    outcomes = autograde_all(grading_course.course, [NAME], students, progress=False, workers=2)
    assert all(o.status == "graded" for o in outcomes), [o.line() for o in outcomes]
    return root


def scores(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "alliance-masterclass") as gb:
        submission = gb.find_submission(NAME, student)
        return {g.name: g.score for g in submission.notebooks[0].grades if g.name in CODE_TESTS}


def test_student_version_has_no_solution_hidden_test_or_rubric(course):
    """Does the released notebook leave out solutions, hidden tests and the rubric?"""
    release = course / "release" / NAME / f"{NAME}.ipynb"
    text = release.read_text()
    nb = json.loads(text)
    assert len(nb["cells"]) == len(json.loads(SOURCE.read_text())["cells"])
    for leak in (
        "BEGIN SOLUTION",
        "BEGIN HIDDEN TESTS",
        "Rubric",
        "Model reply",
        "best_lag(registrations",
        '"Harbor", "Cedar"',
        "2b48a7dd",
    ):
        assert leak not in text, leak
    assert not list((course / "release" / NAME).glob("my-*.json"))
    assert "raise NotImplementedError()" in text and "YOUR ANSWER HERE" in text


def test_the_solution_scores_full_marks(course):
    """Does the instructor's solution earn every automatic point?"""
    got = scores(course, "solution")
    assert sum(got.values()) == AUTO_POINTS, got


def test_a_different_correct_answer_scores_full_marks(course):
    """Do another lag within a month, other spellings and hand-made gaps earn full marks?"""
    got = scores(course, "other")
    assert sum(got.values()) == AUTO_POINTS, got


def test_the_untouched_student_version_scores_zero(course):
    """Does handing in the blank notebook earn no automatic points?"""
    got = scores(course, "untouched")
    assert set(CODE_TESTS) <= set(got) and sum(got.values()) == 0, got


def test_deleted_test_cells_are_restored_and_graded(course):
    """Does deleting test cells restore them (graded) instead of scoring 0 or crashing?"""
    got = scores(course, "deleted")
    assert sum(got.values()) == AUTO_POINTS, got


def test_visible_checks_do_not_claim_everything_passed(course):
    """Do the visible checks say 'these checks passed; your instructor's grading may check more'?"""
    graded = (course / "autograded" / "solution" / NAME / f"{NAME}.ipynb").read_text()
    assert "These checks passed; your instructor's grading may check more." in graded
    assert "all tests passed" not in graded.lower()


def test_source_cells_follow_the_grading_conventions():
    """Are grade ids snake_case, and does every test cell open with a docstring?"""
    nb = nbformat.read(SOURCE, as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids))
    assert all(i.replace("_", "").isalnum() and i == i.lower() for i in ids)
    tests = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    assert len(tests) == 5
    for cell in tests:
        assert cell.source.startswith('"""'), cell.metadata["nbgrader"]["grade_id"]
        assert "### BEGIN HIDDEN TESTS" in cell.source and "### END HIDDEN TESTS" in cell.source
    # nbgrader 0.9.6 restores a deleted test cell after the previous cell with nbgrader
    # metadata and crashes (KeyError) if that is a read-only cell: only graded and answer
    # cells may carry metadata, and every test cell must import what it uses.
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            assert meta.get("grade") or meta.get("solution"), meta["grade_id"]
    for cell in tests:
        assert "from toolkit" in cell.source.split("### BEGIN HIDDEN TESTS")[0]
    points = sum(
        c.metadata["nbgrader"].get("points", 0) for c in nb.cells if "nbgrader" in c.metadata
    )
    assert points == AUTO_POINTS + 4
