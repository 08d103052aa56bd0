"""Submissions a real class hands in, built from an assignment's source and student version.

For every assignment of the course (and a small practice assignment made only for the
tests), :func:`make_submission` writes what a student of each :data:`CASES` hands in, and
:func:`expected_scores` says what each question must score. The rules are generic (a test
cell depends on the nearest solution cell above it, and on the widget answer files it or
that solution cell names); :data:`KITS` adds what only an assignment's author knows: a
correct widget answer file, correct answers that differ from the reference, and overrides.
An assignment with variants takes its answer files from the student's variant's answer key.

:func:`build_course` makes the one temporary nbgrader course that every grading test (the
session fixture ``grading_course``) and the grading benchmark work in.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ANSWER_FILE = re.compile(r"[\"'`]([A-Za-z0-9_.-]+\.json)[\"'`]")

# student id -> what they hand in
CASES = {
    "correct": "the reference answers",
    "different": "correct answers written differently from the reference",
    "blank": "the student version as released, untouched",
    "syntax": "a syntax error in an answer",
    "exception": "an answer that raises an exception",
    "loop": "an answer with an infinite loop",
    "edited-test": "nothing answered, every test cell replaced by `assert True`",
    "deleted-test": "correct answers, one test cell deleted",
    "duplicated": "correct answers, one answer cell copied",
    "not-json": "a notebook file that is not valid JSON",
    "no-notebook": "the widget answer files but no notebook",
    "oversized": "correct answers plus a 3 MB video",
    "no-answer-file": "correct notebook, widget answer file missing",
}
ABSENT = "absent"  # on the class list, hands nothing in

#: ``make test`` hands in a fixed sample of (kind, assignment): every assignment gets the
#: kinds in ALWAYS, and each other kind goes to the one assignment named in SAMPLE, chosen so
#: that the tests reading a particular hand-in find it (the practice's copied cell, deleted
#: test cell and missing answer file). ``make test-all`` (``ALLIANCE_TEST_ALL=1``) hands in
#: every kind for every assignment, as an instructor checks the whole grid before a course.
ALWAYS = ("correct", "different", "blank")
SAMPLE = {
    "duplicated": "practice",
    "no-answer-file": "practice",
    "not-json": "practice",
    "no-notebook": "practice",
    "deleted-test": "practice",
    "oversized": "governance-design",
    "edited-test": "governance-design",
    "syntax": "reading-the-indicators",
    "exception": "steering-committee",
    "loop": "steering-committee",
}


def every_case() -> bool:
    """Whether this run checks every case (``make test-all``), not ``make test``'s sample."""
    return os.environ.get("ALLIANCE_TEST_ALL") == "1"


def cases_for(assignment: str) -> list[str]:
    """The kinds of :data:`CASES` handed in for ``assignment`` in this run, in CASES' order."""
    return [c for c in CASES if every_case() or c in ALWAYS or SAMPLE.get(c) == assignment]


FULL = {"correct", "different", "deleted-test", "duplicated", "oversized"}
ZERO = {"blank", "not-json", "no-notebook", "edited-test"}
BROKEN_ANSWER = {"syntax", "exception", "loop"}


@dataclass
class Kit:
    """What the tests must know about one assignment beyond its source notebook."""

    answer_files: dict[str, object] = field(default_factory=dict)  # correct widget answers
    # answer cells a student answers with a widget: handed in as released, the answer is in
    # the files; a correct answer file comes from running the source (the solution builds it)
    widget_cells: set[str] = field(default_factory=set)
    alternatives: dict[str, str] = field(default_factory=dict)  # grade_id -> other correct code
    depends: dict[str, set[str]] = field(default_factory=dict)  # test grade_id -> answer ids


def _meta(grade_id, *, grade=False, solution=False, locked=False, points=0):
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def write_practice_assignment(folder: Path) -> None:
    """A small assignment like the course's: an answer, a function, a widget answer file."""
    folder.mkdir(parents=True, exist_ok=True)
    cells = [
        new_markdown_cell(
            "# Practice: revenue lags\n\nObjectives: read a series; sort metrics.",
            metadata=_meta("intro", locked=True),
        ),
        new_code_cell(
            "import json\nfrom pathlib import Path", metadata=_meta("setup", locked=True)
        ),
        # a graded cell right after a read-only cell: nbgrader 0.9.6 cannot restore it if deleted
        new_code_cell(
            '"""Is your plan saved beside this notebook?"""\n'
            'assert Path("my-plan.json").exists(), "Use the plan widget: it saves my-plan.json."',
            metadata=_meta("plan_saved", grade=True, locked=True, points=1),
        ),
        new_markdown_cell("## 1. First revenue month\n\nExample: in `[0, 5]` it is month 2."),
        new_code_cell(
            "revenue = [0, 0, 0, 4, 9, 12]\n### BEGIN SOLUTION\n"
            "first_month = next(i + 1 for i, v in enumerate(revenue) if v > 0)\n"
            "### END SOLUTION\nfirst_month",
            metadata=_meta("first_month_answer", solution=True),
        ),
        new_code_cell(
            '"""Is the first revenue month a whole number from 1 to 6?"""\n'
            'assert isinstance(first_month, int), "Give a whole number."\n'
            'assert 1 <= first_month <= 6, "Count months from 1 to 6."\n'
            "### BEGIN HIDDEN TESTS\nassert first_month == 4, 'not the first month with revenue'\n"
            "### END HIDDEN TESTS",
            metadata=_meta("first_month_check", grade=True, locked=True, points=2),
        ),
        new_markdown_cell("## 2. Leading or lagging"),
        new_code_cell(
            "def classify(metric):\n    ### BEGIN SOLUTION\n"
            "    return 'lagging' if metric in {'revenue', 'profit'} else 'leading'\n"
            "    ### END SOLUTION",
            metadata=_meta("classify_answer", solution=True),
        ),
        new_code_cell(
            '"""Does classify sort revenue as lagging?"""\n'
            'assert classify("revenue") == "lagging"\n'
            "### BEGIN HIDDEN TESTS\nassert classify('joint pipeline') == 'leading'\n"
            "assert classify('profit') == 'lagging'\n### END HIDDEN TESTS",
            metadata=_meta("classify_check", grade=True, locked=True, points=3),
        ),
        new_markdown_cell(
            "## 3. Your plan\n\nThe widget saves `my-plan.json` beside this notebook."
        ),
        new_code_cell(
            '"""Does the saved plan name two partners and a steering body?"""\n'
            'plan = json.loads(Path("my-plan.json").read_text())\n'
            'assert len(set(plan["partners"])) >= 2, "Name both partners."\n'
            "### BEGIN HIDDEN TESTS\nassert any(b['tier'] == 'steering' for b in plan['bodies'])\n"
            "### END HIDDEN TESTS",
            metadata=_meta("plan_check", grade=True, locked=True, points=2),
        ),
    ]
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            # state a live widget would leave behind: must not reach the student version
            "widgets": {
                "application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}
            },
        },
    )
    nbformat.write(nb, folder / "practice.ipynb")


KITS: dict[str, Kit] = {
    # the answer files of an assignment with variants come from the variant's answer key
    "governance-design": Kit(widget_cells={"case_design_answer", "repair_answer"}),
    # every automatic part answered with a widget: the answers are the variant key's files
    "reading-the-indicators": Kit(depends={"classify_metrics": {"my-indicator-sorting.json"}}),
    # (other correct answers and each wrong one: tests/grading/test_steering_committee.py)
    "steering-committee": Kit(),
    "practice": Kit(
        answer_files={
            "my-plan.json": {"partners": ["Nimbus", "Titan"], "bodies": [{"tier": "steering"}]}
        },
        alternatives={
            "first_month_answer": "revenue = [0, 0, 0, 4, 9, 12]\n"
            "first_month = [v > 0 for v in revenue].index(True) + 1",
            "classify_answer": "def classify(metric):\n"
            "    return {'revenue': 'lagging', 'profit': 'lagging'}.get(metric, 'leading')",
        },
    ),
}


def _nb(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _solution_text(cell) -> str:
    if cell.cell_type != "code":
        return cell.source
    return "\n".join(line for line in cell.source.splitlines() if "SOLUTION" not in line)


@dataclass
class Layout:
    """The graded structure of one notebook of an assignment."""

    name: str
    tests: dict[str, float]  # test grade_id -> points
    manual: list[str]  # answers graded by hand (score 0 until an instructor grades them)
    solutions: list[str]  # solution grade_ids in order
    depends: dict[str, set[str]]  # test grade_id -> solution grade_ids and answer file names
    answer_files: set[str]


def layout(source: Path, kit: Kit) -> Layout:
    """Read which test cells depend on which answers, from the source notebook."""
    nb = nbformat.read(source, as_version=4)
    shipped = {p.name for p in source.parent.glob("*.json")}
    tests, manual, solutions, depends, files = {}, [], [], {}, set()
    last_solution = None
    for cell in nb.cells:
        meta = _nb(cell)
        names = set(ANSWER_FILE.findall(cell.source)) - shipped
        files |= names
        if meta.get("solution") and meta.get("grade"):
            manual.append(meta["grade_id"])
        if meta.get("solution"):
            solutions.append(meta["grade_id"])
            last_solution = (meta["grade_id"], names)
        if meta.get("grade") and not meta.get("solution"):
            tests[meta["grade_id"]] = float(meta.get("points", 0))
            deps = set(names)
            if last_solution:
                deps |= {last_solution[0], *last_solution[1]}
            depends[meta["grade_id"]] = kit.depends.get(meta["grade_id"], deps)
    if kit.widget_cells:
        for deps in depends.values():
            if deps & kit.widget_cells:
                deps |= files
    return Layout(source.stem, tests, manual, solutions, depends, files)


def broken_answer(lay: Layout) -> str | None:
    """The first answer cell that some test depends on (the one the broken cases break)."""
    for sid in lay.solutions:
        if any(sid in deps for deps in lay.depends.values()):
            return sid
    return None


def expected_scores(case: str, lay: Layout) -> dict[str, float]:
    """What each graded cell of the notebook must score for a student of ``case``."""
    manual = dict.fromkeys(lay.manual, 0.0)
    if case in FULL:
        return {**dict(lay.tests), **manual}
    if case in ZERO:
        return {**{t: 0.0 for t in lay.tests}, **manual}
    if case in BROKEN_ANSWER:
        broken = broken_answer(lay)
        return {
            **{t: (0.0 if broken in lay.depends[t] else p) for t, p in lay.tests.items()},
            **manual,
        }
    if case == "no-answer-file":
        return {
            **{t: (0.0 if lay.depends[t] & lay.answer_files else p) for t, p in lay.tests.items()},
            **manual,
        }
    raise KeyError(case)


def _own_cell(nb, case: str):
    """The cell to break in a notebook whose answers are all given with widgets.

    For a broken answer, a new code cell of the student's own under the setup cell (the first
    code cell: the only code a student of such a notebook can type is a cell of their own);
    for a duplicated cell, the first locked cell that is not the setup and not graded.
    """
    if case == "duplicated":
        return next(
            c
            for c in nb.cells
            if _nb(c).get("locked") and not _nb(c).get("grade") and _nb(c)["grade_id"] != "setup"
        )
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    own = new_code_cell("", metadata={})
    nb.cells.insert(setup + 1, own)
    return own


def make_submission(case: str, assignment: str, course, student: str) -> Path:
    """Hand in what a student of ``case`` hands in for ``assignment``, as ``student``.

    The answers (and the widgets' answer files) are those of the student's own variant when
    the assignment has variants. Returns the submission's folder under ``submitted/``.
    """
    kit = KITS.get(assignment, Kit())
    source_dir = course.folder("source") / assignment
    release_dir = course.folder("release") / assignment
    dest = course.folder("submitted") / student / assignment
    dest.mkdir(parents=True, exist_ok=True)
    for source_path in sorted(source_dir.glob("*.ipynb")):
        src = nbformat.read(source_path, as_version=4)
        rel = nbformat.read(release_dir / source_path.name, as_version=4)
        lay = layout(source_path, kit)
        solutions = {
            _nb(c)["grade_id"]: _solution_text(c) for c in src.cells if _nb(c).get("solution")
        }
        nb = copy.deepcopy(rel)
        if case not in ZERO:
            for cell in nb.cells:
                gid = _nb(cell).get("grade_id")
                if gid in kit.widget_cells:
                    continue  # answered with the widget: the answer is in the files
                if _nb(cell).get("solution") and gid in solutions and _nb(cell).get("grade"):
                    continue  # a written answer graded by hand: left as released
                if _nb(cell).get("solution") and gid in solutions:
                    code = kit.alternatives.get(gid) if case == "different" else None
                    cell.source = code or solutions[gid]
        target = broken_answer(lay)
        cells_by_id = {_nb(c).get("grade_id"): c for c in nb.cells if _nb(c).get("grade_id")}
        broken = cells_by_id.get(target)
        if broken is None and case in {*BROKEN_ANSWER, "duplicated"}:
            broken = _own_cell(nb, case)  # every answer is given with a widget
        if case == "syntax":
            broken.source = "this is not (python"
        elif case == "exception":
            broken.source = "raise ValueError('half-written answer')\n" + broken.source
        elif case == "loop":
            broken.source = "while True:\n    pass"
        elif case == "edited-test":
            for cell in nb.cells:
                if _nb(cell).get("grade") and not _nb(cell).get("solution"):
                    cell.source = "assert True"
        elif case == "deleted-test":
            first_test = next(iter(lay.tests))
            nb.cells = [c for c in nb.cells if _nb(c).get("grade_id") != first_test]
        elif case == "duplicated":
            index = nb.cells.index(broken)
            twin = copy.deepcopy(nb.cells[index])
            twin.id = f"{twin.get('id', 'cell')[:50]}-copy"
            nb.cells.insert(index + 1, twin)
        path = dest / source_path.name
        if case == "not-json":
            text = nbformat.writes(nb)
            path.write_text(text[: len(text) // 2], encoding="utf-8")
        elif case != "no-notebook":
            nbformat.write(nb, path)
    if case not in {"blank", "edited-test", "no-answer-file"}:
        for name, content in answer_files(course, assignment, student).items():
            (dest / name).write_text(content, encoding="utf-8")
    if case == "oversized":
        (dest / "walkthrough.mp4").write_bytes(b"\0" * 3_000_000)
    return dest


_KEYS: dict = {}


def variant_key(course, assignment: str, number: int) -> dict:
    """The answer key of one variant (the reference solution run for it), made once."""
    from instructor.admin.variants import run_for_variant

    slot = (str(course.root), assignment, number)
    if slot not in _KEYS:
        _KEYS[slot] = run_for_variant(course, assignment, number)[1]
    return _KEYS[slot]


def answer_needles(course) -> set[str]:
    """The answer key's answers as a student could find them written: JSON and Python forms.

    For the practice case and the sample variants of every assignment with variants.
    """
    from toolkit.variants import names, variant_set

    needles = set()
    for assignment in names():
        for number in (0, *variant_set(assignment).sample):
            key = variant_key(course, assignment, number)
            for values in key["answers"].values():
                for value in values.values():
                    if isinstance(value, dict | list):  # a lone number or word is no finding
                        needles |= {json.dumps(value), repr(value)}
                        if isinstance(value, dict):
                            needles |= {f'"{k}": "{v}"' for k, v in value.items()}
                            needles |= {f"'{k}': '{v}'" for k, v in value.items()}
            needles |= set(key["files"].values())
    return needles


def answer_files(course, assignment: str, student: str) -> dict[str, str]:
    """Correct widget answer files for ``student``: their variant's key, or the kit's."""
    from instructor.admin.variants import assigned

    decided = assigned(course.root, assignment, student)
    if decided is not None:
        return variant_key(course, assignment, decided.number)["files"]
    slot = (str(course.root), assignment, None)
    if slot in _KEYS:
        return _KEYS[slot]
    kit = KITS.get(assignment, Kit())
    files = {name: json.dumps(content, indent=2) for name, content in kit.answer_files.items()}
    _KEYS[slot] = files
    return files


# --- one temporary course for every grading test and the benchmark ------------------------
def course_env(work: Path, cell_timeout: int = 10) -> dict[str, str]:
    """The environment the shared course runs in: its own exchange, timeout and progress."""
    return {
        "ALLIANCE_EXCHANGE": str(work / "exchange"),
        "ALLIANCE_CELL_TIMEOUT": str(cell_timeout),
        "ALLIANCE_COURSE_HOME": str(work / "progress"),
    }


def build_course(root: Path, students, *, pins=(), extra=None, exchange: bool = True):
    """A temporary nbgrader course: the course's assignments, the practice one, released once.

    Parameters
    ----------
    root : Path
        The course root to make (it must not exist).
    students : iterable of str
        The class list.
    pins : iterable of (student, assignment, variant)
        Rows of the course's ``variants.csv``.
    extra : dict, optional
        Assignment name -> a function writing its source folder (for the benchmark).
    exchange : bool
        Also release to the exchange (``$ALLIANCE_EXCHANGE``).

    Returns
    -------
    tuple
        The :class:`~instructor.admin.course.Course` and the release's lines.
    """
    import csv

    from conftest import ROOT

    from instructor.admin.course import Course
    from instructor.admin.workflow import release

    root.mkdir(parents=True)
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "grading" / "source", root / "source")
    write_practice_assignment(root / "source" / "practice")
    for name, write in (extra or {}).items():
        write(root / "source" / name)
    with (root / "students.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "first_name", "last_name", "email"])
        for sid in students:
            writer.writerow([sid, sid.title(), "Tester", f"{sid}@example.org"])
    with (root / "variants.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "assignment", "variant"])
        writer.writerows(pins)
    course = Course(root)
    return course, release(course, exchange=exchange)


#: the gradebook and the files SQLite keeps beside it (write-ahead log, shared index, journal)
GRADEBOOK = {"gradebook.db", "gradebook.db-wal", "gradebook.db-shm", "gradebook.db-journal"}
PAYLOAD = b"alliance-sandbox-escaped"  # what a network attack sends once it has connected


class Listener:
    """A TCP port on the machine that counts the connections delivering ``PAYLOAD``.

    Only the attack sends it: anything else on a busy machine that happens to try this port
    (a hub's health check of a server that once had it, say) is not a sandbox's leak.
    """

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("0.0.0.0", 0))
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            with conn:
                conn.settimeout(2)
                try:
                    count += PAYLOAD in conn.recv(len(PAYLOAD) + 64)
                except OSError:
                    pass


def grade_walked(root: Path, assignment: str, handed_in: dict[str, tuple[Path, int]]) -> dict:
    """Autograde, with the real nbgrader in its sandbox, what browser walks left in folders.

    ``root`` is a course root holding ``assignment``'s source and release (a lab server's copy
    of grading/, where the walk generated the student version); ``handed_in`` maps a student
    to the folder the walk worked in (the notebook as saved and the files its widgets saved)
    and the variant the walk's kernel showed, to which the student is pinned. Returns student
    -> grade id -> (score, max score) of the automatically graded cells.
    """

    from instructor.admin.batch import autograde_all
    from instructor.admin.course import Course
    from instructor.admin.variants import pin
    from instructor.admin.vet import auto_scores

    course = Course(root, CourseDirectory__db_url=f"sqlite:///{root / 'gradebook.db'}")
    for student, (folder, _number) in handed_in.items():
        dest = course.folder("submitted") / student / assignment
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(folder, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        (dest / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC", encoding="utf-8")
    pin(root, assignment, {student: number for student, (_f, number) in handed_in.items()})
    outcomes = autograde_all(course, [assignment], list(handed_in), progress=False)
    assert all(o.status == "graded" for o in outcomes), [o.line() for o in outcomes]
    return {student: auto_scores(course, assignment, student) for student in handed_in}
