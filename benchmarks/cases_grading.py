"""Autograding cost: each assignment against a one-cell nbgrader notebook, and a class of 40.

Everything is graded the same way the instructor's batch grades it (``course-admin``'s
``autograde_one``: triage, then nbgrader's in-process ``NbGraderAPI.autograde``, then the
gradebook), on a temporary copy of the course with the same configuration.

- ``autograde one-cell notebook``: the reference, an nbgrader notebook with one graded cell.
- ``autograde <assignment> (1 submission)``: a correct submission; target 1.5 x the reference.
- ``... importing the toolkit``: the same one cell, importing what every assignment imports
  (pandas, Altair, ipywidgets through the toolkit), and each assignment against it: what the
  grading itself costs once the kernel and the stack are loaded. Informative, no target.
- ``grade 40 students: <assignment>``: a whole class, serially (one run), and with two
  worker processes (ratio against the serial run).
"""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook
from run import Case

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from grading_cases import make_submission, write_practice_assignment  # noqa: E402

from toolkit.admin.batch import autograde_all, autograde_one  # noqa: E402
from toolkit.admin.course import Course  # noqa: E402
from toolkit.admin.workflow import release  # noqa: E402

CLASS_SIZE = 40
_STATE = {}


#: The reference's one cell; the second reference also imports what the assignments import.
ONE_CELL = "assert 1 + 1 == 2"
ONE_CELL_STACK = "import toolkit.governance, toolkit.indicators, toolkit.health\nassert 1 + 1 == 2"


def _one_cell(folder: Path, source: str = ONE_CELL) -> None:
    meta = {
        "nbgrader": {
            "grade": True,
            "grade_id": "one",
            "locked": True,
            "points": 1,
            "schema_version": 3,
            "solution": False,
        }
    }
    nb = new_notebook(
        cells=[new_code_cell(source, metadata=meta)],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{folder.name}.ipynb")


def _course() -> Course:
    """A temporary course: the real assignments (or the practice one), and a one-cell one."""
    if "course" in _STATE:
        return _STATE["course"]
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    atexit.register(shutil.rmtree, work, True)
    root = work / "grading"
    root.mkdir()
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", root)
    if (ROOT / "grading" / "source").is_dir():
        shutil.copytree(ROOT / "grading" / "source", root / "source")
    if not any((root / "source").glob("*/*.ipynb")):
        write_practice_assignment(root / "source" / "practice")
    _one_cell(root / "source" / "one-cell")
    _one_cell(root / "source" / "one-cell-stack", ONE_CELL_STACK)
    (root / "students.csv").write_text("id,first_name,last_name,email\n")
    os.environ.setdefault("ALLIANCE_CELL_TIMEOUT", "120")
    os.environ["ALLIANCE_EXCHANGE"] = str(work / "exchange")
    course = Course(root)
    release(course, exchange=False)
    for assignment in course.assignments():
        for i in range(CLASS_SIZE if not assignment.startswith("one-cell") else 1):
            make_submission(
                "correct",
                assignment,
                root / "source" / assignment,
                root / "release" / assignment,
                root / "submitted" / f"s{i:02d}" / assignment,
            )
    _STATE["course"] = course
    _STATE["api"] = course.api()
    return course


def autograde(assignment: str):
    def run():
        course = _course()
        outcome = autograde_one(course, _STATE["api"], assignment, "s00")
        assert outcome.status == "graded", outcome.line()

    return run


def whole_class(assignment: str, workers: int = 1):
    def run():
        course = _course()
        students = [f"s{i:02d}" for i in range(CLASS_SIZE)]
        outcomes = autograde_all(course, [assignment], students, progress=False, workers=workers)
        assert all(o.status == "graded" for o in outcomes)

    return run


def _assignments() -> list[str]:
    names = sorted(p.name for p in (ROOT / "grading" / "source").glob("*") if p.is_dir())
    return names or ["practice"]


CASES = [
    Case("autograde one-cell notebook", autograde("one-cell"), repeat=5),
    Case(
        "autograde one-cell notebook importing the toolkit",
        autograde("one-cell-stack"),
        repeat=5,
        reference="autograde one-cell notebook",
    ),
    *[
        Case(
            f"autograde {a} (1 submission)",
            autograde(a),
            repeat=5,
            reference="autograde one-cell notebook",
            target=1.5,
        )
        for a in _assignments()
    ],
    *[
        Case(
            f"autograde {a} vs the importing cell",
            autograde(a),
            repeat=5,
            reference="autograde one-cell notebook importing the toolkit",
        )
        for a in _assignments()
    ],
    *[
        Case(f"grade {CLASS_SIZE} students: {a}", whole_class(a), repeat=1, warmup=0)
        for a in _assignments()
    ],
    *[
        Case(
            f"grade {CLASS_SIZE} students, 2 workers: {a}",
            whole_class(a, 2),
            repeat=1,
            warmup=0,
            reference=f"grade {CLASS_SIZE} students: {a}",
        )
        for a in _assignments()
    ],
]
