"""Warm grading kernels: the same grades, one kernel per submission, nothing carried over.

``course-admin autograde`` starts the next sandboxed kernel while the current submission
grades (``instructor/admin/warm.py``). The same submissions are graded by the batch with warm
kernels and with ``ALLIANCE_WARM_KERNELS=0`` (each kernel started when it is needed). Every
assignment gets a correct and a blank submission; practice-assignment students also run a
probe first, which prints what their kernel holds and sees, and leaves marks (a global, files
in its home and ``/tmp``) for any later student who might share its kernel.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from conftest import environ_set
from grading_cases import make_submission

from instructor.admin.batch import autograde_all
from instructor.admin.sandbox import HOME

pytestmark = pytest.mark.slow
ASSIGNMENTS = ["governance-design", "reading-the-indicators", "steering-committee"]
CASES = {"wk-correct": "correct", "wk-blank": "blank"}
PROBED = ["wk-probe-1", "wk-probe-2", "wk-probe-3"]
WARM_LINE = "Grading in a warm kernel"

PROBE = """\
import builtins, os, sys
print('PROBE', repr({{
    'kernel': get_ipython().kernel.session.session,
    'before': getattr(builtins, 'graded_before', None),
    'home': sorted(os.listdir(os.path.expanduser('~'))),
    'tmp': sorted(os.listdir('/tmp')),
    'submitted': sorted(os.listdir('/run/alliance/submitted')),
    'cwd': os.getcwd(),
    'files': sorted(os.listdir('.')),
    'env': {{k: v for k, v in os.environ.items() if k.startswith(('ALLIANCE_', 'NBGRADER_'))}},
    'comm': type(__import__('comm').create_comm(target_name='probe')).__name__,
}}))
builtins.graded_before = {student!r}
open(os.path.expanduser('~/left-by-{student}'), 'w').write('x')
open('/tmp/left-by-{student}', 'w').write('x')
"""


def hand_in_probe(course, student: str) -> None:
    """A correct practice submission whose first answer cell runs :data:`PROBE` first."""
    folder = make_submission("correct", "practice", course, student)
    path = folder / "practice.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(
        c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "first_month_answer"
    )
    cell.source = PROBE.format(student=student) + cell.source
    nbformat.write(nb, path)


def probe_of(root: Path, student: str) -> dict:
    """What the probe printed in the autograded notebook of ``student``."""
    nb = nbformat.read(root / "autograded" / student / "practice" / "practice.ipynb", as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if text.startswith("PROBE "):
                return ast.literal_eval(text.split(" ", 1)[1].splitlines()[0])
    msg = f"no probe output for {student}"
    raise AssertionError(msg)


def warm_lines(root: Path, assignment: str, student: str) -> int:
    log = root / "logs" / "nbgrader" / assignment / f"{student}.log"
    return log.read_text(encoding="utf-8").count(WARM_LINE)


@pytest.fixture(scope="module")
def graded_both_ways(grading_course):
    """Every submission graded with warm kernels and with a kernel started for each."""
    course, root = grading_course.course, grading_course.root
    for assignment in ASSIGNMENTS:
        for student, case in CASES.items():
            make_submission(case, assignment, course, student)
    for student in PROBED:
        hand_in_probe(course, student)
    runs = {}
    for mode, switch in (("cold", "0"), ("warm", "1")):
        with environ_set({"ALLIANCE_WARM_KERNELS": switch}):
            outcomes = autograde_all(course, ASSIGNMENTS, list(CASES), progress=False)
            outcomes += autograde_all(course, ["practice"], PROBED, progress=False)
        runs[mode] = {
            "outcomes": {(o.assignment, o.student): o for o in outcomes},
            "probes": {s: probe_of(root, s) for s in PROBED},
            "warm": {
                (o.assignment, o.student): warm_lines(root, o.assignment, o.student)
                for o in outcomes
            },
        }
    return runs


def test_warm_kernels_give_the_same_grades_and_notes(graded_both_ways):
    """Does every submission get the same scores, per question, and notes with warm kernels?"""
    cold, warm = graded_both_ways["cold"]["outcomes"], graded_both_ways["warm"]["outcomes"]
    assert cold.keys() == warm.keys()
    for key, outcome in cold.items():
        other = warm[key]
        assert outcome.status == other.status == "graded", (outcome.line(), other.line())
        assert outcome.question_scores == other.question_scores, key
        assert (outcome.score, outcome.problems, outcome.notes) == (
            other.score,
            other.problems,
            other.notes,
        ), key
    for assignment in ASSIGNMENTS:  # the cases differ, so a grade that ignores them would show
        correct, blank = (cold[(assignment, s)] for s in CASES)
        assert correct.score > blank.score, assignment


def test_the_batch_grades_in_warm_kernels_only_when_they_are_on(graded_both_ways):
    """Were the submissions after each batch's first graded in warm kernels (and none when off)?"""
    assert not any(graded_both_ways["cold"]["warm"].values())
    warm = graded_both_ways["warm"]["warm"]
    assert all(count <= 1 for count in warm.values())  # one hand-over each, at most
    first = {("governance-design", "wk-correct"), ("practice", PROBED[0])}
    assert all(warm[key] == 1 for key in warm if key not in first), warm


def test_each_submission_has_a_kernel_of_its_own_that_nobody_used_before(graded_both_ways):
    """Did each probe run in a kernel of its own that no other student's code had touched?"""
    for mode in ("cold", "warm"):
        probes = graded_both_ways[mode]["probes"]
        kernels = [p["kernel"] for p in probes.values()]
        assert len(set(kernels)) == len(kernels), mode
        for student, probe in probes.items():
            assert probe["before"] is None, (mode, student)
            assert not [n for n in probe["home"] + probe["tmp"] if n.startswith("left-by-")]
    every = [
        p["kernel"] for mode in ("cold", "warm") for p in graded_both_ways[mode]["probes"].values()
    ]
    assert len(set(every)) == len(every)


def test_a_warm_kernel_sees_its_own_student_only_as_a_started_kernel_does(
    graded_both_ways, grading_course
):
    """Does a warm kernel see exactly its student's files, folder and environment, as before?"""
    root = grading_course.root
    cold, warm = graded_both_ways["cold"]["probes"], graded_both_ways["warm"]["probes"]
    for student in PROBED:
        handed_in = sorted(p.name for p in (root / "autograded" / student / "practice").iterdir())
        assert warm[student]["cwd"] == cold[student]["cwd"] == f"{HOME}/practice"
        assert warm[student]["submitted"] == cold[student]["submitted"]
        assert set(warm[student]["submitted"]) <= set(handed_in)
        assert warm[student]["files"] == cold[student]["files"] == warm[student]["submitted"]
        assert warm[student]["home"] == cold[student]["home"]
        assert warm[student]["tmp"] == cold[student]["tmp"]
        assert warm[student]["env"] == cold[student]["env"]
        assert warm[student]["env"]["NBGRADER_EXECUTION"] == "autograde"
        # no front end shows a grading kernel's widgets: they open no comm, send no message
        assert warm[student]["comm"] == cold[student]["comm"] == "DummyComm"
