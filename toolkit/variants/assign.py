"""Which variant a student gets: a stable hash of (assignment, student id), unless pinned.

Every assignment with variants has a numbered set of them (1 to N, see
:mod:`toolkit.variants.registry`) and a practice variant, 0, for a notebook that knows no
student id. A student's variant is a hash of the assignment and their id over 1..N, so the
student's notebook and the grader find the same one without asking anybody. The instructor
can override it in two files of the course root (``grading/``):

``variants.csv`` (*pins*)
    ``student,assignment,variant``: this student gets this variant (to swap a bad one, or to
    give two neighbours different cases).
``id-map.csv``
    ``student,works_as``: the student handed in under ``student`` (the id in ``students.csv``,
    say from the LMS) but works under ``works_as`` (the hub user name their notebook shows).
    The variant is the one of ``works_as``; a pin may name either id.

Students' kernels find the pins through ``ALLIANCE_VARIANTS`` (the path of ``variants.csv``;
``id-map.csv`` is read beside it), or in ``grading/`` next to the toolkit in a checkout. While
a submission is graded, the grader decides and passes its decision to the kernel
(``ALLIANCE_VARIANT`` = ``assignment:number``), so grading never depends on what the kernel
can read.

Examples
--------
>>> hashed(7, "governance-design", "aruiz") == hashed(7, "governance-design", "aruiz")
True
>>> 1 <= hashed(40, "governance-design", "aruiz") <= 40
True
>>> rules = Rules(pins={("aruiz", "governance-design"): 3}, works_as={"aruiz": "ana.ruiz"})
>>> decide("governance-design", "aruiz", 40, rules).number
3
>>> decide("governance-design", "ana.ruiz", 40, rules).how
'pinned'
>>> decide("governance-design", None, 40, rules).label()
'Practice case (variant 0)'
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.variants.identity import STUDENT_ID, Identity, identify

__all__ = [
    "ALIASES_FILE",
    "PINS_ENV",
    "PINS_FILE",
    "PRACTICE",
    "VARIANT_ENV",
    "Assigned",
    "Rules",
    "VariantFileError",
    "course_rules",
    "current",
    "decide",
    "for_submission",
    "hashed",
    "kernel_rules",
    "read_rules",
]

PRACTICE = 0
PINS_FILE = "variants.csv"
ALIASES_FILE = "id-map.csv"
PINS_ENV = "ALLIANCE_VARIANTS"
VARIANT_ENV = "ALLIANCE_VARIANT"


class VariantFileError(ValueError):
    """A pins or id-map file that cannot be used; names the file, the line and what to fix."""


def hashed(count: int, assignment: str, student: str) -> int:
    """The variant (1..count) that the stable hash of (assignment, student) picks."""
    digest = hashlib.sha256(f"{assignment}\0{student}".encode()).hexdigest()
    return 1 + int(digest, 16) % count


@dataclass(frozen=True)
class Rules:
    """The instructor's overrides: pins ``(student, assignment) -> variant`` and id pairs."""

    pins: dict = field(default_factory=dict)
    works_as: dict = field(default_factory=dict)
    problem: str = ""  # why a file could not be used (the kernel shows it; grading raises)

    def notebook_id(self, student: str) -> str:
        """The id a student's notebook works under (``works_as``, else the id itself)."""
        return self.works_as.get(student, student)

    def student_of(self, notebook_id: str) -> str:
        """The class-list id of the student who works under ``notebook_id``."""
        return next((s for s, w in self.works_as.items() if w == notebook_id), notebook_id)

    def pin(self, assignment: str, *ids: str) -> int | None:
        """The pinned variant of the first of ``ids`` that has one, or None."""
        return next((self.pins[(i, assignment)] for i in ids if (i, assignment) in self.pins), None)


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in columns if c not in header]
        if missing:
            msg = (
                f"{path}: the first line must name the columns {', '.join(columns)} "
                f"(missing: {', '.join(missing)})"
            )
            raise VariantFileError(msg)
        rows = []
        for number, row in enumerate(reader, start=2):
            clean = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if any(clean.get(c) for c in columns):
                rows.append((number, clean))
        return rows


def _an_id(path: Path, number: int, value: str, column: str) -> str:
    if not STUDENT_ID.match(value):
        msg = (
            f"{path}, line {number}: {column} {value!r} is not a student id "
            "(letters, digits, '.', '_' and '-')"
        )
        raise VariantFileError(msg)
    return value


def read_rules(pins_path: str | os.PathLike | None, counts: dict[str, int] | None = None) -> Rules:
    """Read ``variants.csv`` and the ``id-map.csv`` beside it (missing files mean no rule).

    Parameters
    ----------
    pins_path : path-like or None
        The pins file; ``id-map.csv`` is read from the same folder.
    counts : dict, optional
        Assignment -> number of variants, to refuse a pin outside 0..N or an unknown
        assignment.

    Raises
    ------
    VariantFileError
        A file that cannot be used, naming the file, the line and what was expected.
    """
    if pins_path is None:
        return Rules()
    pins_path = Path(pins_path)
    pins: dict = {}
    if pins_path.exists():
        for number, row in _rows(pins_path, ("student", "assignment", "variant")):
            student = _an_id(pins_path, number, row["student"], "student")
            assignment = row["assignment"]
            if counts is not None and assignment not in counts:
                msg = (
                    f"{pins_path}, line {number}: no assignment {assignment!r} has variants "
                    f"(use one of: {', '.join(sorted(counts))})"
                )
                raise VariantFileError(msg)
            top = counts[assignment] if counts is not None else None
            try:
                variant = int(row["variant"])
            except ValueError:
                variant = -1
            if variant < 0 or (top is not None and variant > top):
                allowed = f"0 to {top}" if top is not None else "0 or more"
                msg = (
                    f"{pins_path}, line {number}: variant {row['variant']!r} is not a variant "
                    f"number ({allowed}; 0 is the practice case)"
                )
                raise VariantFileError(msg)
            if (student, assignment) in pins:
                msg = f"{pins_path}, line {number}: {student} is pinned twice for {assignment}"
                raise VariantFileError(msg)
            pins[(student, assignment)] = variant
    aliases_path = pins_path.with_name(ALIASES_FILE)
    works_as: dict = {}
    if aliases_path.exists():
        for number, row in _rows(aliases_path, ("student", "works_as")):
            student = _an_id(aliases_path, number, row["student"], "student")
            works_as[student] = _an_id(aliases_path, number, row["works_as"], "works_as")
    return Rules(pins, works_as)


def kernel_rules(environ=None) -> Rules:
    """The rules a student's kernel can read: ``$ALLIANCE_VARIANTS``, or ``grading/`` here.

    A file that cannot be used is not fatal in a student's kernel: the rules are empty and
    ``problem`` says why (the banner shows it, so the student can tell the instructor).
    """
    env = os.environ if environ is None else environ
    if env.get(PINS_ENV):
        path = Path(env[PINS_ENV])
    else:
        path = Path(__file__).resolve().parents[2] / "grading" / PINS_FILE
    try:
        return read_rules(path)
    except (VariantFileError, OSError, UnicodeDecodeError) as err:
        return Rules(problem=str(err))


def course_rules(root: str | os.PathLike, counts: dict[str, int] | None = None) -> Rules:
    """The rules of an nbgrader course root (``grading/variants.csv`` and ``id-map.csv``)."""
    return read_rules(Path(root) / PINS_FILE, counts)


@dataclass(frozen=True)
class Assigned:
    """A student's variant of one assignment, and how it was chosen.

    ``how`` is ``hashed``, ``pinned``, ``graded`` (decided by the grader) or ``practice``;
    ``source`` where the student id came from (see :func:`toolkit.variants.identity.identify`).
    """

    assignment: str
    student: str | None
    number: int
    how: str
    source: str = "none"
    problem: str = ""

    @property
    def practice(self) -> bool:
        """Whether this is the practice case (no student id known)."""
        return self.how == "practice"

    def label(self) -> str:
        """One line for the top of the notebook: whose case it is."""
        if self.practice:
            return f"Practice case (variant {self.number})"
        return f"Case for student {self.student}: variant {self.number}"

    def record(self) -> dict:
        """What the notebook keeps in its output, so the grader can see what it ran with."""
        return {
            "assignment": self.assignment,
            "student": self.student,
            "variant": self.number,
            "how": self.how,
        }

    def kernel_env(self) -> dict[str, str]:
        """Environment variables that make a grading kernel use exactly this variant."""
        env = {VARIANT_ENV: f"{self.assignment}:{self.number}"}
        if self.student:
            env["ALLIANCE_STUDENT"] = self.student
        return env


def decide(assignment: str, notebook_id: str | None, count: int, rules: Rules) -> Assigned:
    """The variant of the student working under ``notebook_id`` (None: the practice case)."""
    if notebook_id is None:
        return Assigned(assignment, None, PRACTICE, "practice", problem=rules.problem)
    student = rules.student_of(notebook_id)
    pinned = rules.pin(assignment, student, notebook_id)
    if pinned is not None:
        return Assigned(assignment, notebook_id, pinned, "pinned", problem=rules.problem)
    number = hashed(count, assignment, notebook_id)
    return Assigned(assignment, notebook_id, number, "hashed", problem=rules.problem)


def for_submission(assignment: str, student: str, count: int, rules: Rules) -> Assigned:
    """The grader's decision for a submission handed in under the class-list id ``student``."""
    notebook_id = rules.notebook_id(student)
    pinned = rules.pin(assignment, student, notebook_id)
    if pinned is not None:
        return Assigned(assignment, student, pinned, "pinned", "grader")
    return Assigned(assignment, student, hashed(count, assignment, notebook_id), "hashed", "grader")


def _from_grader(assignment: str, environ) -> int | None:
    value = environ.get(VARIANT_ENV, "")
    name, _, number = value.rpartition(":")
    if name == assignment and number.isdigit():
        return int(number)
    return None


def current(assignment: str, count: int, environ=None) -> Assigned:
    """The variant this notebook shows: the grader's, else the student's own, else practice."""
    env = os.environ if environ is None else environ
    who: Identity = identify(env)
    graded = _from_grader(assignment, env)
    if graded is not None:
        return Assigned(assignment, who.id, graded, "graded", who.source)
    assigned = decide(assignment, who.id, count, kernel_rules(env))
    return Assigned(
        assignment, assigned.student, assigned.number, assigned.how, who.source, assigned.problem
    )
