"""reading-the-indicators through the real nbgrader, on the session's shared course.

Four students of one variant hand in: the instructor's solution, a different correct answer,
the untouched student version, and the solution with two test cells deleted;
``course-admin``'s batch grades them. Part 1 is answered the way a student does it: in the
MetricSorter widget, whose answer file is handed in beside the notebook.
"""

import json
import shutil

import nbformat
import pytest
from conftest import ROOT
from grading_cases import KITS

from instructor.admin.batch import autograde_all
from instructor.admin.variants import pin
from instructor.admin.vet import auto_scores, reference_submission
from toolkit.indicators.assignment import SORTING_FILE
from toolkit.indicators.catalogue import kind_of
from toolkit.indicators.variants import case_for
from toolkit.indicators.widget import MetricSorter

pytestmark = pytest.mark.slow

NAME = "reading-the-indicators"
SOURCE = ROOT / "grading" / "source" / NAME / f"{NAME}.ipynb"
VARIANT = 12
AUTO_POINTS = 8
CODE_TESTS = (
    "classify_metrics",
    "revenue_lag",
    "falling_revenue",
    "perception_gaps_table",
    "largest_gap",
)
STUDENTS = ("solution", "other", "untouched", "deleted")


def sort_in_widget(folder, metrics) -> None:
    """Click through the sorter as a student would, saving the answer file in `folder`."""
    sorter = MetricSorter(metrics, path=folder / SORTING_FILE, reveal=False)
    for metric in metrics:
        sorter.picker.value = metric
        leading = kind_of(metric) == "leading"
        (sorter.leading_button if leading else sorter.lagging_button).click()


def answer(nb, grade_id: str, source: str) -> None:
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source = source


@pytest.fixture(scope="session")
def course(grading_course):
    """Four students of one variant hand in; the batch grades them."""
    root = grading_course.root
    pin(root, NAME, dict.fromkeys(STUDENTS, VARIANT))
    metrics = case_for(VARIANT).metrics
    released = nbformat.read(root / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    source = nbformat.read(SOURCE, as_version=4)
    folders = {s: root / "submitted" / s / NAME for s in STUDENTS}
    for folder in folders.values():
        folder.mkdir(parents=True)

    # 1. the instructor's solution in the answer cells, Part 1 sorted in the widget
    nbformat.write(reference_submission(source, released), folders["solution"] / f"{NAME}.ipynb")
    sort_in_widget(folders["solution"], metrics)

    # 2. other correct ways: the correlation table's best row, names in capitals with a
    #    space, gaps computed by hand with signed values, the dimension in words
    other = nbformat.read(root / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    for grade_id, code in KITS[NAME].alternatives.items():
        answer(other, grade_id, code)
    answer(other, "executive_reply", "Revenue lags the joint work by about a sales cycle ...")
    nbformat.write(other, folders["other"] / f"{NAME}.ipynb")
    sort_in_widget(folders["other"], metrics)

    # 3. the student version, untouched (no widget answers either)
    shutil.copy(root / "release" / NAME / f"{NAME}.ipynb", folders["untouched"] / f"{NAME}.ipynb")

    # 4. the solution with two test cells deleted (nbgrader must restore and grade them)
    gone = {"classify_metrics", "revenue_lag"}
    source.cells = [
        c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in gone
    ]
    nbformat.write(source, folders["deleted"] / f"{NAME}.ipynb")
    sort_in_widget(folders["deleted"], metrics)

    outcomes = autograde_all(
        grading_course.course, [NAME], list(STUDENTS), workers=2, progress=False
    )
    assert all(o.status == "graded" and o.variant == VARIANT for o in outcomes), outcomes
    return grading_course


def scores(course, student: str) -> dict[str, float]:
    return {g: s for g, (s, _m) in auto_scores(course.course, NAME, student).items()}


def test_student_version_has_no_solution_hidden_test_or_rubric(course):
    """Does the released notebook leave out solutions, hidden tests and the rubric?"""
    release = course.root / "release" / NAME / f"{NAME}.ipynb"
    text = release.read_text()
    nb = json.loads(text)
    assert len(nb["cells"]) == len(json.loads(SOURCE.read_text())["cells"])
    for leak in (
        "BEGIN SOLUTION",
        "BEGIN HIDDEN TESTS",
        "Rubric",
        "Model reply",
        "best_lag(registrations",
        "graded_truth",
        "graded_lag",
        "graded_leading",
        "-32.5",
        "leading < -30",
    ):
        assert leak not in text, leak
    assert not list((course.root / "release" / NAME).glob("my-*.json"))
    assert "raise NotImplementedError()" in text and "YOUR ANSWER HERE" in text


def test_the_solution_scores_full_marks(course):
    """Does the instructor's solution earn every automatic point?"""
    got = scores(course, "solution")
    assert sum(got.values()) == AUTO_POINTS, got


def test_a_different_correct_answer_scores_full_marks(course):
    """Do another way to the lag, other spellings and hand-made gaps earn full marks?"""
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
    graded = (course.root / "autograded" / "solution" / NAME / f"{NAME}.ipynb").read_text()
    assert "These checks passed; your instructor's grading may check more." in graded
    assert "all tests passed" not in graded.lower()


def test_feedback_shows_whose_portfolio_was_graded(course):
    """Does the graded notebook say at the top whose portfolio and which variant it graded?"""
    graded = nbformat.read(
        course.root / "autograded" / "solution" / NAME / f"{NAME}.ipynb", as_version=4
    )
    assert f"Case for student solution: variant {VARIANT}" in json.dumps(graded.cells[1].outputs)
    assert case_for(VARIANT).alliance_names()[0] in json.dumps(graded.cells[2].outputs)


def test_source_has_its_test_cells_and_points():
    """Five test cells, each importing what it uses (a cell may be restored alone), 8 + 4 points?

    (The conventions every assignment keeps are in test_conventions.py.)
    """
    nb = nbformat.read(SOURCE, as_version=4)
    tests = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    assert len(tests) == 5
    for cell in tests:
        assert "from toolkit" in cell.source.split("### BEGIN HIDDEN TESTS")[0]
    points = sum(
        c.metadata["nbgrader"].get("points", 0) for c in nb.cells if "nbgrader" in c.metadata
    )
    assert points == AUTO_POINTS + 4
