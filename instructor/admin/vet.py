"""Vetting the variants of an assignment before students get them, as Moodle STACK does.

For every variant (or those asked for), :func:`vet` proves with the real nbgrader that

- the blank student version earns 0;
- the unedited student version with the variant's answer files beside it (what the widgets
  save for the answer key), plus any literal answers of the key typed into answer cells,
  earns full marks;
- where the source still holds reference code, that reference solution (the source notebook,
  run for the variant) earns full marks too;

and, without nbgrader, that the course's taught method recovers the variant's answers with a
clear margin (the answer key's ``vet``, :mod:`instructor.keys`) and that the variants are of
one difficulty (the numbers of the key's ``difficulty`` stay within its ``spread``).

Everything runs in a temporary copy of the course; the course itself is not touched. The
same pieces build the fixed sample of variants graded by ``make test``.

Examples
--------
>>> from nbformat.v4 import new_code_cell, new_notebook
>>> meta = {"nbgrader": {"grade_id": "lag_answer", "solution": True, "grade": False}}
>>> released = new_notebook(cells=[new_code_cell("# YOUR CODE HERE", metadata=meta)])
>>> typed = key_submission(released, {"lag_answer": {"lag": 7, "names": ["Cedar"]}})
>>> print(typed.cells[0].source)
lag = 7
names = ['Cedar']
"""

from __future__ import annotations

import copy
import pprint
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from instructor.admin.course import Course
from instructor.admin.variants import pin
from instructor.keys import key_for
from toolkit.variants import variant_set

__all__ = [
    "KINDS",
    "VetResult",
    "auto_scores",
    "key_submission",
    "kinds_for",
    "reference_submission",
    "spread_problems",
    "vet",
    "write_submissions",
]

#: the submissions made for each variant, and the share of the points each must earn
KINDS = {"reference": 1.0, "blank": 0.0, "key": 1.0}


def kinds_for(source_folder) -> list[str]:
    """The kinds of vetting submission an assignment needs.

    An assignment answered only with widgets has no reference code in its source: its
    reference solution is the answer key's files, which the ``key`` submission already hands
    in, so a ``reference`` submission would be the same notebook again and is left out.
    """
    has_code = any(
        c.cell_type == "code" and _meta(c).get("solution")
        for path in sorted(Path(source_folder).glob("*.ipynb"))
        for c in nbformat.read(path, as_version=4).cells
    )
    return [k for k in KINDS if has_code or k != "reference"]


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def reference_submission(source, released):
    """The student version with the reference solution's code in every answer cell."""
    solutions = {
        _meta(c)["grade_id"]: "\n".join(
            line for line in c.source.splitlines() if "### BEGIN SOLUTION" not in line
            and "### END SOLUTION" not in line
        )
        for c in source.cells
        if c.cell_type == "code" and _meta(c).get("solution")
    }  # fmt: skip
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        grade_id = _meta(cell).get("grade_id")
        if cell.cell_type == "code" and grade_id in solutions:
            cell.source = solutions[grade_id]
    return nb


def key_submission(released, answers: dict):
    """The student version with the key's values typed as literals into their answer cells."""
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        values = answers.get(_meta(cell).get("grade_id"))
        if values:
            cell.source = "\n".join(
                f"{name} = {pprint.pformat(value, width=88, sort_dicts=False)}"
                for name, value in values.items()
            )
    return nb


def write_submissions(course: Course, assignment: str, number: int, key: dict, prefix: str = ""):
    """Hand in the three vetting submissions of variant ``number``; pin their students.

    Returns student id -> kind (``reference``, ``blank``, ``key``; see :func:`kinds_for`).
    Students are named ``<prefix><kind>-v<number>`` and pinned to the variant in the course's
    ``variants.csv``.
    """
    kinds = kinds_for(course.folder("source") / assignment)
    students = {f"{prefix}{kind}-v{number}": kind for kind in kinds}
    release = course.folder("release") / assignment
    for student, kind in students.items():
        folder = course.folder("submitted") / student / assignment
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for path in sorted(release.glob("*.ipynb")):
            released = nbformat.read(path, as_version=4)
            if kind == "reference":
                source = nbformat.read(course.folder("source") / assignment / path.name, 4)
                nb = reference_submission(source, released)
            elif kind == "key":
                nb = key_submission(released, key["answers"])
            else:
                nb = released
            nbformat.write(nb, folder / path.name)
        if kind != "blank":
            for name, text in key["files"].items():
                (folder / name).write_text(text, encoding="utf-8")
    pin(course.root, assignment, {s: number for s in students})
    return students


def spread_problems(assignment: str, numbers) -> list[str]:
    """Difficulty numbers that differ more between the variants than the set allows."""
    key = key_for(assignment)
    table = [key.difficulty(n) for n in numbers]
    problems = []
    for name, allowed in key.spread.items():
        values = [row[name] for row in table]
        if max(values) - min(values) > allowed:
            problems.append(
                f"{name}: from {min(values):g} to {max(values):g} across the variants "
                f"(at most {allowed:g} apart)"
            )
    return problems


@dataclass
class VetResult:
    """What vetting found: a line per variant and the problems (none: every variant is fine)."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Whether every variant passed every check."""
        return not self.problems


def vet(course: Course, assignment: str, numbers=None, *, workers: int = 1) -> VetResult:
    """Vet the variants ``numbers`` of ``assignment`` (default: all) in a temporary course."""
    from instructor.admin.batch import autograde_all
    from instructor.admin.variants import run_for_variant
    from instructor.admin.workflow import release

    spec = variant_set(assignment)
    numbers = list(spec.numbers() if numbers is None else numbers)
    result = VetResult()
    vet_one = key_for(assignment).vet
    result.problems += [f"variant {n}: {p}" for n in numbers for p in vet_one(n)]
    result.problems += spread_problems(assignment, numbers)
    with tempfile.TemporaryDirectory(prefix="vet-") as tmp:
        root = Path(tmp) / "grading"
        root.mkdir()
        shutil.copy(course.root / "nbgrader_config.py", root)
        shutil.copytree(course.folder("source") / assignment, root / "source" / assignment)
        (root / "students.csv").write_text("id,first_name,last_name,email\n", encoding="utf-8")
        trial = Course(root, CourseDirectory__db_url=f"sqlite:///{root / 'gradebook.db'}")
        release(trial, [assignment], exchange=False)
        kinds = {}
        for number in numbers:
            _nbs, key = run_for_variant(trial, assignment, number)
            for student, kind in write_submissions(trial, assignment, number, key).items():
                kinds[student] = (kind, number)
        outcomes = autograde_all(
            trial, [assignment], sorted(kinds), progress=False, workers=workers
        )
        for o in outcomes:
            kind, number = kinds[o.student]
            got = auto_scores(trial, assignment, o.student)
            points, top = sum(s for s, _m in got.values()), sum(m for _s, m in got.values())
            ok = o.status == "graded" and abs(points - KINDS[kind] * top) < 1e-9
            result.lines.append(
                f"variant {number:>2} {kind:<9} {points:g} of {top:g} automatic points"
                + ("" if ok else "  <- expected " + ("full marks" if KINDS[kind] else "0"))
            )
            if not ok:
                lost = sorted(g for g, (s, m) in got.items() if s != KINDS[kind] * m)
                result.problems.append(
                    f"variant {number}: the {kind} submission scored {points:g} of {top:g} "
                    f"({', '.join(lost)}; see {o.line()})"
                )
    return result


def auto_scores(course: Course, assignment: str, student: str) -> dict[str, tuple[float, float]]:
    """Grade id -> (score, max) of a submission's automatically graded cells (code cells)."""
    with course.gradebook() as gb:
        submission = gb.find_submission(assignment, student)
        return {
            g.name: (float(g.score), float(g.max_score))
            for nb in submission.notebooks
            for g in nb.grades
            if g.cell.cell_type == "code"
        }
