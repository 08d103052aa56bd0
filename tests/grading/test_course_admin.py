"""The instructor workflow end to end, with the real nbgrader, on the session's shared course.

The shared course (``grading_course`` in ``conftest.py``: every assignment plus a small
practice one, released to a temporary exchange) gets a class that hands in one submission of
each kind in ``grading_cases.CASES`` (one student through the exchange, one through an LMS
export, the rest as collected files; ``make test`` hands in a fixed sample of kinds per
assignment, ``grading_cases.cases_for``, and ``make test-all`` every kind everywhere);
``course-admin``'s batch autogrades them, then feedback, the CSV export and the class report
are made. The tests read the results.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import getpass
import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from grading_cases import (
    ABSENT,
    CASES,
    KITS,
    Kit,
    cases_for,
    expected_scores,
    layout,
    make_submission,
)

from instructor.admin.batch import autograde_all
from instructor.admin.course import Course
from instructor.admin.report import write_report
from instructor.admin.scan import REMOTE_SCRIPT, scan_feedback, scan_release, secret_lines
from instructor.admin.workflow import (
    collect_exchange,
    collect_lms,
    export_grades,
    generate_feedback,
)

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
REAL = sorted(p.name for p in (ROOT / "grading" / "source").glob("*") if p.is_dir())
RERUN = ["duplicated", "deleted-test", "edited-test", "not-json", "no-answer-file"]


def _submit_through_exchange(course: Course, assignment: str, student: str, home: Path, edit):
    """Fetch and submit as a student would, with nbgrader's own exchange classes."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
    from traitlets.config import Config

    cfg = Config()
    cfg.Exchange.root = course.config.Exchange.root
    cfg.Exchange.path_includes_course = True
    cfg.Exchange.assignment_dir = str(home)
    cfg.CourseDirectory.course_id = course.course_id
    cfg.CourseDirectory.assignment_id = assignment
    cfg.CourseDirectory.root = str(home)
    home.mkdir(parents=True, exist_ok=True)
    old = {k: os.environ.get(k) for k in ("USER", "LOGNAME")}
    import nbgrader.utils

    os.environ.update(USER=student, LOGNAME=student)
    real_name = nbgrader.utils.get_osusername
    nbgrader.utils.get_osusername = lambda: student  # the lab's Linux user would be the student
    try:
        assert getpass.getuser() == student
        coursedir = CourseDirectory(config=cfg)
        auth = Authenticator(config=cfg)
        ExchangeFetchAssignment(coursedir=coursedir, authenticator=auth, config=cfg).start()
        edit(home / course.course_id / assignment)
        ExchangeSubmit(coursedir=coursedir, authenticator=auth, config=cfg).start()
    finally:
        nbgrader.utils.get_osusername = real_name
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="session")
def graded(grading_course):
    """Hand in, collect, autograde (twice for some), feedback, export, report."""
    course, root, work = grading_course.course, grading_course.root, grading_course.work
    released_practice = nbformat.read(root / "release/practice/practice.ipynb", as_version=4)
    staging = work / "staging"
    lms_lines = []
    for assignment in course.assignments():
        for case in cases_for(assignment):
            make_submission(case, assignment, course, case)
            folder = root / "submitted" / case / assignment
            if case in {"correct", "different"}:  # these two come through other routes
                (staging / case).mkdir(parents=True, exist_ok=True)
                shutil.move(folder, staging / case / assignment)

        # "correct" goes through the exchange, as a student in the lab would hand in
        def copy_in(folder, assignment=assignment):
            for f in (staging / "correct" / assignment).iterdir():
                shutil.copy(f, folder / f.name)

        _submit_through_exchange(course, assignment, "correct", work / "home" / assignment, copy_in)
        # "different" comes from an LMS export (Canvas' file names), zipped
        export = work / "lms" / f"{assignment}.zip"
        export.parent.mkdir(exist_ok=True)
        with zipfile.ZipFile(export, "w") as archive:
            for f in (staging / "different" / assignment).iterdir():
                archive.write(f, f"different_1001_2002_{f.name}")
        lms_lines += collect_lms(course, assignment, export)
    collect_lines = collect_exchange(course)
    # the class is graded two submissions at a time (safe gradebook writes); the re-run
    # grades some again one at a time, and must give the same grades
    students = [*CASES, ABSENT]
    first = autograde_all(course, students=students, progress=False, workers=2)
    # once the two processes are done, the gradebook file alone holds every grade
    left_over = sorted(p.name for p in root.glob("gradebook.db-*"))
    shutil.copy(root / "gradebook.db", work / "gradebook-copy.db")
    with contextlib.closing(sqlite3.connect(work / "gradebook-copy.db")) as copied:
        in_copy = copied.execute("SELECT count(*) FROM grade").fetchone()[0]
        copy_mode = copied.execute("PRAGMA journal_mode").fetchone()[0]
    with contextlib.closing(sqlite3.connect(root / "gradebook.db")) as live:
        in_gradebook = live.execute("SELECT count(*) FROM grade").fetchone()[0]
    second = autograde_all(course, students=RERUN, progress=False)
    outcomes_csv = (root / "logs/outcomes.csv").read_text()
    feedback_lines = generate_feedback(course)
    csv_paths = export_grades(course)
    report_paths = write_report(course)
    return {
        "course": course,
        "root": root,
        "first": {(o.assignment, o.student): o for o in first},
        "second": {(o.assignment, o.student): o for o in second},
        "release_lines": grading_course.release_lines,
        "collect_lines": collect_lines + lms_lines,
        "feedback_lines": feedback_lines,
        "csv": csv_paths,
        "report": report_paths,
        "released_practice": released_practice,
        "outcomes_csv": outcomes_csv,
        "after_workers": (left_over, in_copy, in_gradebook, copy_mode),
    }


def _assignments():
    return [*REAL, "practice"]


def _layouts(root: Path, assignment: str):
    kit = KITS.get(assignment, Kit())
    return [layout(p, kit) for p in sorted((root / "source" / assignment).glob("*.ipynb"))]


# --- the course root ------------------------------------------------------------------


def test_course_config_is_what_nbgrader_reads_from_the_repository_root():
    """Does nbgrader, started at the repository root (make lab), see grading/ as the course?"""
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert Path(cfg.CourseDirectory.root) == ROOT / "grading"
    assert cfg.OverwriteCells.add_missing_cells is True
    assert cfg.Execute.timeout > 0 and cfg.CourseDirectory.max_file_size > 0
    assert cfg.CourseDirectory.course_id == "alliance-masterclass"
    assert [s["id"] for s in cfg.CourseAdmin.students]


def test_nbgrader_lab_extension_is_installed():
    """Is nbgrader's JupyterLab front end (formgrader, Validate, assignment list) enabled?

    The server side is exercised through `make lab` in test_formgrader.py.
    """
    labs = subprocess.run(
        [str(BIN / "jupyter"), "labextension", "list"], capture_output=True, text=True
    )
    text = labs.stdout + labs.stderr
    assert "@jupyter/nbgrader" in text and "disabled" not in text.split("@jupyter/nbgrader")[1][:40]


# --- release --------------------------------------------------------------------------


def test_every_assignment_is_released(graded):
    """Is every assignment of grading/source released to the exchange?"""
    lines = "\n".join(graded["release_lines"])
    for assignment in _assignments():
        assert f"{assignment}: released to the exchange" in lines


@pytest.mark.parametrize("assignment", _assignments())
def test_student_version_has_no_leaks(graded, assignment):
    """Does the student version hold no solution, hidden test, output or widget state?"""
    assert scan_release(graded["course"], assignment) == []


def test_leak_scan_finds_a_planted_leak(graded, tmp_path):
    """Would the scan notice a solution line and widget state left in a student version?"""
    course = graded["course"]
    root = graded["root"]
    path = root / "release/practice/practice.ipynb"
    saved = path.read_bytes()
    try:
        nb = nbformat.read(path, as_version=4)
        answer = next(
            c
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id") == "first_month_answer"
        )
        answer.source += "\nfirst_month = next(i + 1 for i, v in enumerate(revenue) if v > 0)"
        nb.metadata["widgets"] = {"state": {}}
        nbformat.write(nb, path)
        leaks = "\n".join(scan_release(course, "practice"))
        assert "solution or hidden test" in leaks and "widget state" in leaks
    finally:
        path.write_bytes(saved)


def test_saved_widget_state_is_stripped(graded):
    """Is the widget state saved in the practice source gone from its student version?"""
    assert "widgets" not in graded["released_practice"].metadata


# --- collect and autograde ------------------------------------------------------------


def test_both_collection_routes_deliver(graded):
    """Do the exchange and the LMS export both end in submitted/?"""
    root = graded["root"]
    for assignment in _assignments():
        assert (root / "submitted/correct" / assignment / "timestamp.txt").exists()
        lms = root / "submitted/different" / assignment
        assert list(lms.glob("*.ipynb")), f"LMS export not collected for {assignment}"
        for name in graded["course"].answer_files(assignment):
            assert (lms / name).exists(), f"{name} not collected from the LMS export"


def test_the_batch_completes(graded):
    """Does every submission of every assignment get an outcome, none of them 'failed'?"""
    first = graded["first"]
    for assignment in _assignments():
        for student in [*CASES, ABSENT]:
            assert (assignment, student) in first, (assignment, student)
    failed = [o.line() for o in first.values() if o.status == "failed"]
    assert not failed, failed


@pytest.mark.parametrize(
    ("assignment", "case"), [(a, c) for a in _assignments() for c in cases_for(a)]
)
def test_score_per_question(graded, assignment, case):
    """Does each kind of submission score what it deserves, question by question?"""
    outcome = graded["first"][(assignment, case)]
    expected = {}
    for lay in _layouts(graded["root"], assignment):
        expected.update(expected_scores(case, lay))
    assert outcome.question_scores == expected, outcome.line()


STATUS = {"not-json": "unreadable-notebook", "no-notebook": "missing-notebook"}
PROBLEM = {
    "duplicated": "duplicate-cell",
    "oversized": "oversized-file",
    "no-answer-file": "missing-answer-file",
    "loop": "timeout",
    "edited-test": "test-restored",
    "deleted-test": "cell-restored",
    "not-json": "unreadable-notebook",
    "no-notebook": "missing-notebook",
    "exception": "error-in-answer",
    "syntax": "error-in-answer",
}
FLAGGED = {"duplicated", "oversized", "no-answer-file", "loop", "not-json", "no-notebook"}


def test_parallel_grading_leaves_every_grade_in_the_gradebook_file(graded):
    """After a batch in two processes, does ``gradebook.db`` alone hold every grade?

    The batch writes through SQLite's write-ahead log (no disk wait per commit); as it ends,
    the log goes back into the file and the default journal is back, so a copy of the file
    (a backup, a move to another machine) loses nothing.
    """
    left_over, in_copy, in_gradebook, mode = graded["after_workers"]
    assert left_over == [], f"SQLite files left beside the gradebook: {left_over}"
    assert mode == "delete"
    assert in_copy == in_gradebook > 0


@pytest.mark.parametrize("assignment", _assignments())
def test_outcomes_say_what_happened(graded, assignment):
    """Does the log say, for each submission, what was wrong and is it flagged in the gradebook?"""
    first = graded["first"]
    for case, code in PROBLEM.items():
        if case not in cases_for(assignment):
            continue
        if case == "no-answer-file" and not graded["course"].answer_files(assignment):
            continue
        outcome = first[(assignment, case)]
        assert code in outcome.problems, outcome.line()
        assert outcome.status == STATUS.get(case, "graded"), outcome.line()
    assert first[(assignment, ABSENT)].status == "not-submitted"
    with graded["course"].gradebook() as gb:
        for case in cases_for(assignment):
            sub = gb.find_submission(assignment, case)
            flagged = any(nb.flagged for nb in sub.notebooks)
            has_answer_file = bool(graded["course"].answer_files(assignment))
            # a blank hand-in also lacks the widget's answer file: flagged, so nobody is missed
            want = case in FLAGGED and (case != "no-answer-file" or has_answer_file)
            want = want or (case in {"blank", "edited-test"} and has_answer_file)
            assert flagged == want, (case, first[(assignment, case)].line())


def test_duplicated_cell_gets_a_clear_message_not_a_metadata_error(graded):
    """Is a copied answer cell graded with a plain message (nbgrader #1083)?"""
    outcome = graded["first"][("practice", "duplicated")]
    assert any("appears 2 times" in n for n in outcome.notes)
    log = (graded["root"] / "logs/nbgrader/practice/duplicated.log").read_text()
    assert "metadata may be corrupted" not in log and "appears more than once" in log


def test_log_has_one_line_per_submission(graded):
    """Does logs/autograde.log hold a readable line for every submission, and outcomes.csv a row?"""
    root = graded["root"]
    text = (root / "logs/autograde.log").read_text()
    for assignment in _assignments():
        for student in [*CASES, ABSENT]:
            assert f"{assignment} / {student}: " in text
    rows = list(csv.DictReader(graded["outcomes_csv"].splitlines()))
    assert len(rows) == len(RERUN) * len(_assignments())  # the last run: the re-run


def test_rerun_gives_the_same_grades(graded):
    """Does autograding again (serially, after a parallel run) give the same grades?"""
    assert set(graded["second"]) == {(a, s) for a in _assignments() for s in RERUN}
    for key, again in graded["second"].items():
        assert again.question_scores == graded["first"][key].question_scores, again.line()
        assert again.problems == graded["first"][key].problems


def test_nothing_is_lost(graded):
    """Are the unreadable notebook and the oversized file still in submitted/?"""
    root = graded["root"]
    for assignment in _assignments():
        if "not-json" in cases_for(assignment):
            for nb in (root / "source" / assignment).glob("*.ipynb"):
                assert (root / "submitted/not-json" / assignment / nb.name).stat().st_size > 0
        if "oversized" in cases_for(assignment):
            assert (root / "submitted/oversized" / assignment / "walkthrough.mp4").exists()
            assert not (root / "autograded/oversized" / assignment / "walkthrough.mp4").exists()


# --- feedback -------------------------------------------------------------------------


@pytest.mark.parametrize("assignment", _assignments())
def test_feedback_files(graded, assignment):
    """Does every graded notebook get feedback with its score, and no hidden test?"""
    root = graded["root"]
    notebooks = sorted(p.stem for p in (root / "source" / assignment).glob("*.ipynb"))
    for case in cases_for(assignment):
        for name in notebooks:
            path = root / "feedback" / case / assignment / f"{name}.html"
            if case in {"not-json", "no-notebook"}:
                assert not path.exists()
                continue
            text = path.read_text()
            outcome = graded["first"][(assignment, case)]
            assert (
                f"Score: {outcome.score:g}" in text
                or f"{outcome.score:.1f}" in text
                or (f"{outcome.score:g} / {outcome.max_score:g}" in text)
            ), case
    assert scan_feedback(graded["course"], assignment) == []


@pytest.mark.parametrize("assignment", REAL)
def test_charts_are_drawn_offline_and_feedback_loads_nothing_remote(graded, assignment):
    """Are the charts a submission shows drawn as described SVG by the grader, offline?

    Grading kernels leave charts as specifications and the grader draws them
    (``RenderCharts``): none may be left undrawn in any autograded notebook. The feedback
    repeats only the outputs of cells that ran before the first hidden test
    (``instructor/admin/redact.py``): whatever image it shows is drawn the same way, and no
    page loads a script from elsewhere.
    """
    from toolkit.ui.render import DEFERRED_MIME

    root = graded["root"]
    for path in (root / "autograded").glob(f"*/{assignment}/*.ipynb"):
        assert DEFERRED_MIME not in path.read_text(), path
    released = (root / "release" / assignment).glob("*.ipynb")
    if not any("chart(" in path.read_text() for path in released):
        return  # this assignment shows no chart

    def images(page: str) -> list[tuple[str, str]]:
        found = [
            (
                re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', tag),
                re.search(r'alt="([^"]*)"', tag),
            )
            for tag in re.findall(r"<img[^>]*>", page)
        ]
        return [(src.group(1), alt.group(1) if alt else "") for src, alt in found if src]

    drawn = []
    for path in (root / "autograded" / "correct" / assignment).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                drawn += images(str(output.get("data", {}).get("text/html", "")))
    assert drawn, assignment
    pages = list((root / "feedback" / "correct" / assignment).glob("*.html"))
    assert pages
    for path in pages:
        page = path.read_text()
        for encoded, alt in drawn + images(page):
            svg = base64.b64decode(encoded).decode()
            assert len(alt) >= 10 and "No description" not in alt, alt
            assert 'role="img"' in svg and re.search(r"<desc[ >]", svg)
            assert html.unescape(alt) in html.unescape(svg)
        assert not REMOTE_SCRIPT.search(page)


def test_feedback_hides_hidden_tests_that_nbgrader_would_show(graded):
    """Are hidden tests, present in the autograded notebook (#1363), absent from feedback?"""
    root = graded["root"]
    autograded = (root / "autograded/blank/practice/practice.ipynb").read_text()
    secret = "assert classify('joint pipeline') == 'leading'"
    assert secret in autograded  # nbgrader restores hidden tests for grading
    source = nbformat.read(root / "source/practice/practice.ipynb", as_version=4)
    assert secret in secret_lines(source.cells, "HIDDEN TESTS")
    html_text = (root / "feedback/blank/practice/practice.html").read_text()
    assert "joint pipeline" not in html_text
    assert "grading ran more checks here" in html_text


def test_feedback_shows_the_instructor_note_to_the_student(graded):
    """Does a student whose answer file was missing read why in the feedback?"""
    html_text = (graded["root"] / "feedback/no-answer-file/practice/practice.html").read_text()
    assert "my-plan.json" in html_text and "was not handed in" in html_text


# --- grades and the class report -----------------------------------------------------


def test_exported_csv(graded):
    """Does grades.csv hold each student's total, and the per-question file each score?"""
    totals, by_question = graded["csv"]
    rows = list(csv.DictReader(totals.open()))
    got = {(r["assignment"], r["student_id"]): float(r["score"]) for r in rows}
    for (assignment, student), outcome in graded["first"].items():
        if outcome.status == "not-submitted":
            assert got.get((assignment, student), 0.0) == 0.0
        else:
            assert got[(assignment, student)] == pytest.approx(outcome.score)
    # the shared course also holds other test modules' students: read this module's own
    per_q = [
        r
        for r in csv.DictReader(by_question.open())
        if (r["assignment"], r["student_id"]) in graded["first"]
    ]
    graded_here = {k for k, o in graded["first"].items() if o.status == "graded"}
    assert graded_here <= {(r["assignment"], r["student_id"]) for r in per_q}
    for row in per_q:
        outcome = graded["first"][(row["assignment"], row["student_id"])]
        assert outcome.question_scores[row["question"]] == float(row["score"])


def test_class_report(graded):
    """Does the class report show charts, the hardest question, who is missing and at risk?"""
    html_path, nb_path = graded["report"]
    page = html_path.read_text()
    assert page.count("<svg") >= 2 and "cdn" not in page.lower()
    assert "Score distribution per assignment" in page and "Mean score per question" in page
    assert ABSENT in page.split("Not handed in")[1]
    at_risk = page.split("At risk")[1]
    assert "blank" in at_risk and ">correct<" not in at_risk
    nb = nbformat.read(nb_path, as_version=4)
    nbformat.validate(nb)
    assert any("<svg" in json.dumps(c.get("outputs", [])) for c in nb.cells)


# --- validate -------------------------------------------------------------------------


def _validate(graded, tmp_path, case: str) -> subprocess.CompletedProcess:
    """Run `course-admin validate` on a copy of ``case``'s practice submission."""
    folder = tmp_path / case
    shutil.copytree(graded["root"] / f"submitted/{case}/practice", folder)
    return subprocess.run(
        [str(BIN / "course-admin"), "validate", str(folder / "practice.ipynb"), "--timeout", "20"],
        capture_output=True,
        text=True,
    )


def test_validate_fails_with_a_readable_summary(graded, tmp_path):
    """Does `course-admin validate` exit 1 on a failing notebook and say what to fix?"""
    proc = _validate(graded, tmp_path, "blank")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Is the first revenue month a whole number" in proc.stdout
    assert "Traceback" not in proc.stdout and "all tests passed" not in proc.stdout.lower()


def test_validate_passes_with_honest_wording(graded, tmp_path):
    """Does a correct notebook pass with 'these checks passed; ... may check more'?"""
    proc = _validate(graded, tmp_path, "correct")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "These checks passed; your instructor's grading may check more." in proc.stdout


def test_deleted_cell_after_a_read_only_cell_is_restored_in_place(graded):
    """Is a deleted test cell whose neighbour above is read-only put back right after it?"""
    nb = nbformat.read(
        graded["root"] / "autograded/deleted-test/practice/practice.ipynb", as_version=4
    )
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert ids.index("plan_saved") == ids.index("setup") + 1
    assert "was missing from the submission" in nb.cells[ids.index("plan_saved")].source


# --- the command line -----------------------------------------------------------------


def _admin(*args, env=None):
    return subprocess.run(
        [str(BIN / "course-admin"), *args], capture_output=True, text=True, env=env
    )


def test_cli_scan_and_export(graded, tmp_path):
    """Do `course-admin scan` and `export` work on the course and say what they did?"""
    root = str(graded["root"])
    scan = _admin("--course", root, "scan")
    assert scan.returncode == 0 and "no leaks" in scan.stdout, scan.stdout + scan.stderr
    export = _admin("--course", root, "export", "--to", str(tmp_path))
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "grades.csv").exists() and "grades-by-question.csv" in export.stdout


def test_cli_refuses_a_bad_class_list_readably(graded, tmp_path):
    """Does a malformed students.csv give a one-line message naming the line, not a traceback?"""
    bad = tmp_path / "students.csv"
    bad.write_text("id,first_name\nana ruiz,Ana\n")
    proc = _admin(
        "--course",
        str(graded["root"]),
        "students",
        env={**os.environ, "ALLIANCE_STUDENTS": str(bad)},
    )
    assert proc.returncode == 2
    assert "line 2" in proc.stderr and "ana ruiz" in proc.stderr
    assert "Traceback" not in proc.stderr
