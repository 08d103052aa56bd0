"""Variants on the instructor's side: who gets which, what a notebook ran with, the answer key.

The grader decides each submission's variant once, from the class-list id it was handed in
under (:func:`assigned`, with the pins and the id map of the course root): ``course-admin
autograde`` decides before nbgrader runs, records the decision in its outcome log
(``logs/outcomes.csv``, ``logs/variants.csv``, which the class report reads) and hands it to
nbgrader (:func:`hand_over`); nbgrader's first preprocessor
(:class:`instructor.admin.nbplugins.DecideVariant`) puts it into the submission's
``resources``, from which the grading kernel gets it
(:class:`~instructor.admin.nbplugins.ExecuteAsStudent`) and against which the variant the
saved notebook ran with is compared (:func:`mismatch`): a notebook that ran another variant
is graded under the submitter's and flagged, with the fix named.

The answer key of a student's variant (:func:`answer_key`) is what the assignment's reference
solution (its source notebook) produces for that variant: the notebook is run for the variant
in a temporary folder and the values and files of the answers are read back. Nothing outside
the instructor's ``source/`` holds an answer.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from instructor.admin.course import Course, CourseError
from instructor.keys import key_cell
from toolkit.variants import (
    Assigned,
    Rules,
    VariantFileError,
    course_rules,
    for_submission,
    has_variants,
    recorded,
    variant_set,
)
from toolkit.variants.assign import ALIASES_FILE, PINS_FILE, VARIANT_ENV

__all__ = [
    "RESOURCE",
    "Mismatch",
    "answer_key",
    "assigned",
    "hand_over",
    "kernel_env",
    "key_table",
    "mismatch",
    "pin",
    "rules",
    "run_for_variant",
]


#: where nbgrader's ``resources`` carry a submission's decided variant: resources["nbgrader"][...]
RESOURCE = "variant"


def _counts(assignments) -> dict[str, int]:
    return {a: variant_set(a).count for a in assignments if has_variants(a)}


def rules(root: str | os.PathLike) -> Rules:
    """The pins and id map of a course root; :class:`CourseError` naming the problem if bad."""
    from toolkit.variants.registry import names

    try:
        return course_rules(root, _counts(names()))
    except (VariantFileError, OSError, UnicodeDecodeError) as err:
        msg = f"{err} (see grading/README.md, 'Variants')"
        raise CourseError(msg) from None


def assigned(root: str | os.PathLike, assignment: str, student: str) -> Assigned | None:
    """The variant a submission of ``student`` is graded under (None: no variants)."""
    if not has_variants(assignment):
        return None
    return for_submission(assignment, student, variant_set(assignment).count, rules(root))


def kernel_env(root: str | os.PathLike, assignment: str, student: str) -> dict[str, str]:
    """What the grading kernel of this submission needs in its environment."""
    decided = assigned(root, assignment, student)
    return decided.kernel_env() if decided is not None else {}


@dataclass(frozen=True)
class Mismatch:
    """A notebook that ran another variant than its submitter's (or the practice case)."""

    code: str  # "other-variant" or "practice-variant"
    ran_variant: int
    ran_as: str | None
    note: str


def hand_over(config, decided: Assigned) -> None:
    """Hand a decided variant to nbgrader's next autograde run with ``config`` (its pipelines').

    :class:`~instructor.admin.nbplugins.DecideVariant` finds it there and puts it into the
    submission's ``resources``; a submission without one is decided by that preprocessor.
    """
    decisions = dict(config.DecideVariant.get("decisions", {}))
    decisions[f"{decided.assignment}/{decided.student}"] = decided
    config.DecideVariant.decisions = decisions


def mismatch(decided: Assigned | None, student: str, nb):
    """What the notebook ran with, and its mismatch with the decided variant if any.

    Returns
    -------
    tuple
        ``(the notebook's record or None, Mismatch or None)``.
    """
    ran = recorded(nb) if nb is not None else None
    if decided is None or ran is None or ran.get("assignment") != decided.assignment:
        return ran, None
    assignment = decided.assignment
    number, ran_as = ran.get("variant"), ran.get("student")
    if number == decided.number:
        return ran, None
    if ran.get("how") == "practice":
        note = (
            f"the notebook ran the practice case (variant {number}, no student id): graded "
            f"under {student}'s variant {decided.number}. To grade the practice case instead, "
            f"pin it in grading/{PINS_FILE} ({student},{assignment},{number}) and autograde "
            "again; or ask the student to type their id in 00-start-here and redo the work"
        )
        return ran, Mismatch("practice-variant", number, None, note)
    note = (
        f"the notebook ran variant {number} as student {ran_as}, but {student}'s variant is "
        f"{decided.number}: graded under variant {decided.number}. If {ran_as} is the name "
        f"{student} works under (a hub user name that differs from the LMS id), add "
        f"'{student},{ran_as}' to grading/{ALIASES_FILE} and autograde again; otherwise the "
        "notebook may be another student's"
    )
    return ran, Mismatch("other-variant", number, ran_as, note)


def pin(root: str | os.PathLike, assignment: str, pins: dict[str, int]) -> Path:
    """Pin students to variants in a course root's ``variants.csv`` (their other pins stay)."""
    path = Path(root) / PINS_FILE
    rows = []
    if path.exists():
        with path.open(newline="", encoding="utf-8") as handle:
            rows = [
                r
                for r in csv.DictReader(handle)
                if (r.get("student"), r.get("assignment")) not in {(s, assignment) for s in pins}
            ]
    rows += [{"student": s, "assignment": assignment, "variant": n} for s, n in pins.items()]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["student", "assignment", "variant"])
        writer.writeheader()
        writer.writerows(rows)
    return path


# --- the answer key ----------------------------------------------------------------------
def _instructor_home() -> str:
    """The folder the instructor package is imported from (for a kernel's ``PYTHONPATH``)."""
    import instructor

    return str(Path(instructor.__file__).resolve().parents[1])


def run_for_variant(
    course: Course, assignment: str, number: int, *, student: str = "", timeout: int = 120
):
    """Run the assignment's source notebook (the reference solution) for one variant.

    Returns the executed notebooks by name and the answer key that
    :func:`instructor.keys.key_cell` prints (run after the last cell, in the same kernel).
    Nothing is written into ``source/``: the notebook runs in a temporary copy of its
    folder. ``student`` is the id the notebook shows (default ``v<number>``).
    """
    from nbclient import NotebookClient

    cell = key_cell(assignment)
    env = {
        **os.environ,
        # the kernel reads the key with the instructor package, wherever it is installed
        "PYTHONPATH": os.pathsep.join(
            p for p in (_instructor_home(), os.environ.get("PYTHONPATH")) if p
        ),
        VARIANT_ENV: f"{assignment}:{number}",
        "ALLIANCE_STUDENT": student or f"v{number}",
    }
    executed, key = {}, None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / assignment
        shutil.copytree(course.folder("source") / assignment, work)
        env["ALLIANCE_COURSE_HOME"] = str(Path(tmp) / "home")
        for path in sorted(work.glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            nb.cells.append(nbformat.v4.new_code_cell(cell))
            client = NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                allow_errors=True,
                resources={"metadata": {"path": str(work)}},
            )
            client.execute(env=env)
            last = nb.cells.pop()
            text = "".join(o.get("text", "") for o in last.outputs if o.output_type == "stream")
            errors = [o for o in last.outputs if o.output_type == "error"]
            if errors or not text.strip():
                why = errors[0].get("evalue", "") if errors else "nothing printed"
                msg = f"{assignment}: the reference solution gave no answer key ({why})"
                raise CourseError(msg)
            key = json.loads(text.strip().splitlines()[-1])
            executed[path.name] = nb
    return executed, key


def answer_key(course: Course, assignment: str, student: str) -> dict:
    """``{"variant", "answers", "files"}`` for a student's variant (see grading/README.md)."""
    decided = assigned(course.root, assignment, student)
    if decided is None:
        msg = f"{assignment} has no variants: its answers are in source/{assignment}/"
        raise CourseError(msg)
    _nbs, key = run_for_variant(course, assignment, decided.number)
    return {"variant": decided.number, "answers": key["answers"], "files": key["files"]}


def key_table(assignment: str) -> list[dict]:
    """One row per variant: its number and key facts (the questions, never the answers)."""
    spec = variant_set(assignment)
    return [{"variant": n, **spec.facts(n)} for n in spec.numbers()]
