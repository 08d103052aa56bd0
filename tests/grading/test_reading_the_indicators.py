"""reading-the-indicators through the real nbgrader, on the session's shared course.

Every automatic part is answered with a widget (the sorter, a number box, check boxes, radio
buttons); the notebook's code cells are handed in as released. Students of one variant hand
in: the release with the key's answer files, the release answered through the real controls
(with a change of mind on the way), the untouched release, the key's files with two test cells
deleted, and each plausible wrong answer of ``tests/wrong_answers.py`` (one wrong choice in one
widget). ``course-admin``'s batch grades them. The student version is also run top to bottom
as a participant would on a fresh copy: no traceback, only one-sentence notes.
"""

import json
import shutil

import nbformat
import pytest
from conftest import ROOT
from wrong_answers import READ, WRONG

from instructor.admin.batch import autograde_all
from instructor.admin.variants import pin
from instructor.admin.vet import auto_scores
from instructor.keys.reading_the_indicators import answer_files, answers, truth
from toolkit.health.assignment import (
    BAND_FILE,
    GAP_FILE,
    answer_band,
    answer_largest_gap,
    bands_within,
)
from toolkit.health.model import health_index
from toolkit.indicators.assignment import (
    FALLING_FILE,
    LAG_FILE,
    SORTING_FILE,
    answer_falling,
    answer_lag,
)
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
    "health_band",
    "largest_gap",
)
ANSWER_CELLS = ("lag_answer", "falling_answer", "band_answer", "gap_answer")
STUDENTS = ("solution", "other", "untouched", "deleted")


def _wrong() -> dict:
    key = {"answers": {}, "files": answer_files(VARIANT)}
    return {f"w-{s}": v for s, v in WRONG[READ](key, VARIANT).items()}


def sort_in_widget(folder, metrics) -> None:
    """Click through the sorter as a student would, saving the answer file in `folder`."""
    sorter = MetricSorter(metrics, path=folder / SORTING_FILE, reveal=False)
    for metric in metrics:
        sorter.picker.value = metric
        leading = kind_of(metric) == "leading"
        (sorter.leading_button if leading else sorter.lagging_button).click()


def answer_in_controls(folder, case) -> None:
    """Answer Parts 2 to 4 in the notebook's own controls, changing one's mind on the way."""
    facts = truth(case.number)
    lag = answer_lag(case, folder / LAG_FILE)
    lag.number.value = "12 months"  # first a wrong reading ...
    lag.number.value = f" {facts['lag']} "  # ... then the right one, typed loosely
    falling = answer_falling(case, folder / FALLING_FILE)
    names = case.alliance_names()
    falling.choices.value = list(range(len(names)))  # every alliance ticked first
    falling.choices.value = sorted(names.index(n) for n in facts["falling"])
    band = answer_band(case, folder / BAND_FILE)
    keys = list(band.question.options)
    band.choices.value = [keys.index(bands_within(health_index(case.survey()))[0])]
    gap = answer_largest_gap(case, folder / GAP_FILE)
    gap.choices.value = [list(gap.question.options).index(facts["largest_gap"])]


def write_files(folder, files: dict) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def course(grading_course):
    """The students of one variant hand in; the batch grades them."""
    root = grading_course.root
    wrong = _wrong()
    students = [*STUDENTS, *wrong]
    pin(root, NAME, dict.fromkeys(students, VARIANT))
    case = case_for(VARIANT)
    release = root / "release" / NAME / f"{NAME}.ipynb"
    folders = {s: root / "submitted" / s / NAME for s in students}
    for folder in folders.values():
        folder.mkdir(parents=True)
        shutil.copy(release, folder / f"{NAME}.ipynb")
    key_files = answer_files(VARIANT)

    # 1. the release as it is, with the files the key says the widgets save
    write_files(folders["solution"], key_files)
    # 2. answered in the real widgets, a wrong choice corrected in each part
    sort_in_widget(folders["other"], case.metrics)
    answer_in_controls(folders["other"], case)
    # 3. the untouched release: nothing answered
    # 4. the key's files, two test cells deleted (nbgrader must restore and grade them)
    write_files(folders["deleted"], key_files)
    nb = nbformat.read(release, as_version=4)
    gone = {"classify_metrics", "revenue_lag"}
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in gone]
    nbformat.write(nb, folders["deleted"] / f"{NAME}.ipynb")
    # 5. one plausible wrong choice in one widget each
    for student, (_typed, files, _loses) in wrong.items():
        write_files(folders[student], files)

    outcomes = autograde_all(grading_course.course, [NAME], students, workers=2, progress=False)
    assert all(o.status == "graded" and o.variant == VARIANT for o in outcomes), outcomes
    return grading_course


def scores(course, student: str) -> dict[str, float]:
    return {g: s for g, (s, _m) in auto_scores(course.course, NAME, student).items()}


def _code(cells) -> str:
    return "\n".join(c.source for c in cells if c.cell_type == "code")


def test_student_version_has_no_solution_hidden_test_rubric_or_code_to_type(course):
    """Does the release leave out solutions, hidden tests, the rubric, and code to type?"""
    release = course.root / "release" / NAME / f"{NAME}.ipynb"
    text = release.read_text()
    nb = nbformat.reads(text, as_version=4)
    assert len(nb.cells) == len(nbformat.read(SOURCE, as_version=4).cells)
    for leak in (
        "BEGIN SOLUTION",
        "BEGIN HIDDEN TESTS",
        "Rubric",
        "Model reply",
        "graded_lag",
        "graded_expected",
        "graded_index",
        "FALLING_BELOW",
    ):
        assert leak not in text, leak
    assert not list((course.root / "release" / NAME).glob("*.json"))
    code = _code(nb.cells)
    assert "YOUR CODE HERE" not in code and "NotImplementedError" not in code
    assert "YOUR ANSWER HERE" in text  # the written reply stays a markdown answer cell
    for grade_id in ANSWER_CELLS:  # answer cells are plain locked cells showing a control
        cell = next(
            c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
        )
        meta = cell.metadata["nbgrader"]
        assert meta["locked"] and not meta["solution"] and not meta["grade"], grade_id
        assert ".answer.json" in cell.source


def test_the_key_files_score_full_marks(course):
    """Does the release with the key's answer files earn every automatic point?"""
    got = scores(course, "solution")
    assert sum(got.values()) == AUTO_POINTS, got


def test_answers_given_in_the_controls_score_full_marks(course):
    """Do answers clicked and typed in the real controls, corrected on the way, earn them all?"""
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


@pytest.mark.parametrize("student", sorted(_wrong()))
def test_each_wrong_choice_loses_its_own_points_only(course, student):
    """Does one wrong choice in one widget lose that part's points, and no other?"""
    _typed, _files, loses = _wrong()[student]
    got = scores(course, student)
    assert {g for g, s in got.items() if s == 0} == loses, got


def test_visible_checks_say_the_answers_in_words(course):
    """Do the graded check cells say what was answered, and 'these checks passed'?"""
    graded = nbformat.read(
        course.root / "autograded" / "solution" / NAME / f"{NAME}.ipynb", as_version=4
    )
    shown = json.dumps([c.get("outputs", []) for c in graded.cells])
    facts, case = truth(VARIANT), case_for(VARIANT)
    assert "These checks passed; your instructor's grading may check more." in shown
    assert "all tests passed" not in shown.lower()
    assert f"Months {case.lag_alliance}'s revenue follows its deal registrations: " in shown
    assert f"{facts['lag']} months." in shown
    assert " and ".join(facts["falling"]) + " as the alliances whose revenue will fall" in shown
    gap = facts["largest_gap"].replace("_", " ")
    assert f"You named {gap} as the dimension with the largest perception gap." in shown
    assert "Where this health check's index falls: " in shown
    assert "You sorted 8 of 8 metrics" in shown


def test_feedback_shows_whose_portfolio_was_graded(course):
    """Does the graded notebook say at the top whose portfolio and which variant it graded?"""
    graded = nbformat.read(
        course.root / "autograded" / "solution" / NAME / f"{NAME}.ipynb", as_version=4
    )
    assert f"Case for student solution: variant {VARIANT}" in json.dumps(graded.cells[1].outputs)
    assert case_for(VARIANT).alliance_names()[0] in json.dumps(graded.cells[2].outputs)


def test_run_all_on_a_fresh_student_version_shows_no_traceback(course, tmp_path):
    """Run All on a fresh copy: every check says what is missing in one sentence, no traceback."""
    from nbclient import NotebookClient

    shutil.copy(course.root / "release" / NAME / f"{NAME}.ipynb", tmp_path / f"{NAME}.ipynb")
    nb = nbformat.read(tmp_path / f"{NAME}.ipynb", as_version=4)
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    # the five checks, each with its one sentence; nothing else fails
    assert len(errors) == len(CODE_TESTS), [e.ename for e in errors]
    for error in errors:
        assert error.ename == "CheckFailed", (error.ename, error.evalue)
        assert len(error.traceback) == 1 and "Traceback" not in error.traceback[0], error
    stderr = [o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not any("Traceback" in t for t in stderr), stderr
    assert "YOUR CODE HERE" not in _code(nb.cells)
    sentences = [e.evalue for e in errors]
    assert any("Not yet: You gave the lag in the box under the explorer" in s for s in sentences)


def test_the_key_is_files_only_and_matches_the_variant():
    """Is the key files only, computed from the variant's case, as the widgets save them?"""
    key = answers({"case": case_for(VARIANT)})
    assert key["answers"] == {}
    assert sorted(key["files"]) == sorted(
        [SORTING_FILE, LAG_FILE, FALLING_FILE, BAND_FILE, GAP_FILE]
    )
    lag = json.loads(key["files"][LAG_FILE])
    assert lag == {"kind": "number", "data": {"variant": VARIANT, "answer": truth(VARIANT)["lag"]}}


def test_source_has_its_test_cells_and_points():
    """Five test cells, each importing what it uses (a cell may be restored alone), 8 + 4 points?

    (The conventions every assignment keeps are in test_conventions.py.)
    """
    nb = nbformat.read(SOURCE, as_version=4)
    tests = [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    ]
    assert [c.metadata["nbgrader"]["grade_id"] for c in tests] == list(CODE_TESTS)
    for cell in tests:
        visible = cell.source.split("### BEGIN HIDDEN TESTS")[0]
        assert "from toolkit" in visible and "require_report(report)" in visible
        assert "assert " not in cell.source  # a failed check is one sentence, not a traceback
    assert not any(
        c.metadata.get("nbgrader", {}).get("solution") for c in nb.cells if c.cell_type == "code"
    )
    points = sum(
        c.metadata["nbgrader"].get("points", 0) for c in nb.cells if "nbgrader" in c.metadata
    )
    assert points == AUTO_POINTS + 4
