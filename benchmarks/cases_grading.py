"""Autograding cost: each assignment against a one-cell nbgrader notebook, and a class of 40.

Everything is graded the same way the instructor's batch grades it (``course-admin``'s
``autograde_one``: triage, then nbgrader's in-process ``NbGraderAPI.autograde``, then the
gradebook), in the same temporary course the grading tests use (``grading_cases``), with
the course's configuration.

- ``autograde one-cell notebook``: an nbgrader notebook with one graded cell.
- ``... importing the toolkit``: the same one cell, importing the toolkit's concepts (pandas,
  Altair and the course's models): the reference of the assignments.
- ``autograde <assignment> (1 submission)``: a correct submission of the student's own
  variant, graded as ``course-admin autograde`` grades it: in a warm kernel, started (and the
  assignment's toolkit modules imported) while the previous submission graded
  (:mod:`instructor.admin.warm`), with the gradebook's engine kept
  (``one_engine_per_gradebook``); target 1.0 x the importing cell graded the ordinary way, a
  kernel started for it (issue 28). Before each timed run, of the case and of its reference,
  the bench waits until the warm kernel started by the previous run is ready, so that neither
  is timed while it starts.
- ``grade 40 students on every assignment, 2 workers``: a whole class, every assignment,
  two worker processes, in the grading sandbox; target 60 s (issue 28). The same class
  graded with ``ALLIANCE_UNSANDBOXED=1`` just before it is printed beside it, to read what
  the sandbox costs a class (issue 26: "as fast as before").
- ``autograde <first assignment> in the grading sandbox``: the same submission graded with
  its kernel in bubblewrap (``instructor/admin/sandbox.py``, as every grading is) against
  ``ALLIANCE_UNSANDBOXED=1``, both with a kernel started for it; target 1.1 x (issue 26).
  ``make bench BENCH=sandbox`` runs only these two.
"""

import atexit
import contextlib
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

from grading_cases import build_course, course_env, make_submission  # noqa: E402

from instructor.admin.batch import (  # noqa: E402
    autograde_all,
    autograde_one,
    one_engine_per_gradebook,
)
from instructor.admin.course import Course  # noqa: E402
from instructor.admin.warm import WarmKernels, using  # noqa: E402
from toolkit.variants import has_variants, variant_set  # noqa: E402

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
    """The tests' shared course (``grading_cases.build_course``), plus two one-cell assignments.

    Each assignment gets a class of correct submissions; in an assignment with variants the
    students are pinned to its sample variants in turn (grading costs the same for each).
    """
    if "course" in _STATE:
        return _STATE["course"]
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    atexit.register(shutil.rmtree, work, True)
    os.environ.update(course_env(work, cell_timeout=120))
    students = [f"s{i:02d}" for i in range(CLASS_SIZE)]
    pins = [
        (s, a, variant_set(a).sample[i % len(variant_set(a).sample)])
        for a in _assignments()
        if has_variants(a)
        for i, s in enumerate(students)
    ]
    extra = {
        "one-cell": lambda folder: _one_cell(folder),
        "one-cell-stack": lambda folder: _one_cell(folder, ONE_CELL_STACK),
    }
    course, _lines = build_course(work / "grading", [], pins=pins, extra=extra, exchange=False)
    for assignment in [*_assignments(), "one-cell", "one-cell-stack"]:
        for student in students if not assignment.startswith("one-cell") else students[:1]:
            make_submission("correct", assignment, course, student)
    _STATE["course"] = course
    _STATE["api"] = course.api()
    return course


def autograde(assignment: str, *, warm: bool = False):
    """Autograde ``assignment`` of s00: with a kernel started for it, or as the batch does."""

    def run():
        course = _course()
        with contextlib.ExitStack() as batch:
            if warm:
                batch.enter_context(using(_warm()))
                batch.enter_context(one_engine_per_gradebook(_STATE.setdefault("engines", {})))
            outcome = autograde_one(course, _STATE["api"], assignment, "s00")
        assert outcome.status == "graded", outcome.line()

    return run


def _warm() -> WarmKernels:
    """The bench's warm kernels (one spare, kept across runs; shut down at exit)."""
    if "warm" not in _STATE:
        _STATE["warm"] = WarmKernels()
        atexit.register(_STATE["warm"].close)
    return _STATE["warm"]


def settle() -> None:
    """Wait until the warm kernel started by the previous run is ready (untimed)."""
    if "warm" in _STATE:
        _STATE["warm"].wait_ready()


def whole_class(assignments: list[str], workers: int = 1):
    def run():
        course = _course()
        students = [f"s{i:02d}" for i in range(CLASS_SIZE)]
        outcomes = autograde_all(course, assignments, students, progress=False, workers=workers)
        assert all(o.status == "graded" for o in outcomes), [o.line() for o in outcomes]

    return run


def unsandboxed(run):
    """``run`` with the grading sandbox switched off (``ALLIANCE_UNSANDBOXED=1``)."""

    def wrapped():
        os.environ["ALLIANCE_UNSANDBOXED"] = "1"
        try:
            run()
        finally:
            os.environ.pop("ALLIANCE_UNSANDBOXED", None)

    return wrapped


def _assignments() -> list[str]:
    return sorted(p.name for p in (ROOT / "grading" / "source").glob("*") if p.is_dir())


STACK = "autograde one-cell notebook importing the toolkit"
CASES = [
    Case("autograde one-cell notebook", autograde("one-cell"), repeat=5, prepare=settle),
    Case(
        STACK,
        autograde("one-cell-stack"),
        repeat=5,
        reference="autograde one-cell notebook",
        prepare=settle,
    ),
    *[
        Case(
            f"autograde {a} (1 submission)",
            autograde(a, warm=True),
            repeat=5,
            reference=STACK,
            target=1.0,
            prepare=settle,
        )
        for a in _assignments()
    ],
    Case(
        f"autograde {_assignments()[0]}, unsandboxed",
        unsandboxed(autograde(_assignments()[0])),
        repeat=5,
        prepare=settle,
    ),
    Case(
        f"autograde {_assignments()[0]} in the grading sandbox",
        autograde(_assignments()[0]),
        repeat=5,
        reference=f"autograde {_assignments()[0]}, unsandboxed",
        target=1.1,
        prepare=settle,
    ),
    Case(
        f"grade {CLASS_SIZE} students on every assignment, 2 workers, unsandboxed",
        unsandboxed(whole_class(_assignments(), 2)),
        repeat=1,
        warmup=0,
    ),
    Case(
        f"grade {CLASS_SIZE} students on every assignment, 2 workers",
        whole_class(_assignments(), 2),
        repeat=1,
        warmup=0,
        target=60_000,
    ),
]
