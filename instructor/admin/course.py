r"""The course as nbgrader sees it: its root folder, configuration, assignments and class list.

Everything here reads nbgrader's own files (``nbgrader_config.py``, ``source/``, the
gradebook); nothing keeps a second record beside them.

Examples
--------
>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "nbgrader_config.py").write_text(
...     "c = get_config()\nc.CourseDirectory.course_id = 'demo'\n"
...     "c.CourseAdmin.students = [{'id': 'ana', 'first_name': 'Ana'}]\n")
>>> (root / "source" / "lab-one").mkdir(parents=True)
>>> course = Course(root)
>>> course.assignments(), course.course_id, [s["id"] for s in course.students()]
(['lab-one'], 'demo', ['ana'])
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

import nbformat
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

__all__ = ["Course", "CourseError", "find_course_root", "read_unchanged", "tools_on_path"]

ANSWER_FILE = re.compile(r"[\"'`]([A-Za-z0-9_][A-Za-z0-9_.-]*\.json)[\"'`]")
STUDENT_ID = re.compile(r"^[A-Za-z0-9._-]+$")


def read_unchanged(path: str | os.PathLike):
    """The notebook at ``path``, read again only when the file has changed; do not modify it.

    A batch looks at the same source and release notebooks for every submission.
    """
    stat = os.stat(path)
    return _read_notebook(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _read_notebook(path: str, _mtime_ns: int, _size: int):
    return nbformat.read(path, as_version=4)


def tools_on_path() -> None:
    """Put this environment's ``bin/`` first on ``PATH``: nbgrader runs ``alembic`` from it."""
    here = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != here:
        os.environ["PATH"] = here + os.pathsep + os.environ.get("PATH", "")


class CourseError(ValueError):
    """The course folder or one of its files is not what nbgrader needs; says what to fix."""


def find_course_root(start: str | os.PathLike | None = None) -> Path:
    """The nbgrader course root: ``$ALLIANCE_COURSE_ROOT``, else ``./grading``, else ``.``."""
    if start is None and os.environ.get("ALLIANCE_COURSE_ROOT"):
        start = os.environ["ALLIANCE_COURSE_ROOT"]
    here = Path(start or Path.cwd()).resolve()
    for candidate in (here / "grading", here):
        if (candidate / "nbgrader_config.py").exists():
            return candidate
    msg = (
        f"no nbgrader course found in {here}: expected grading/nbgrader_config.py or "
        "nbgrader_config.py (run from the repository root, or pass --course grading)"
    )
    raise CourseError(msg)


class Course:
    """An nbgrader course root (``grading/`` in this repository)."""

    def __init__(self, root: str | os.PathLike | None = None, **overrides):
        self.root = find_course_root(root)
        self.config = self._load_config(overrides)
        self.course_id = self.config.CourseDirectory.get("course_id", "")

    def _load_config(self, overrides: dict) -> Config:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        for dotted, value in overrides.items():
            section, _, name = dotted.partition("__")
            config[section][name] = value
        return config

    # --- nbgrader ---------------------------------------------------------------------
    def api(self):
        """Nbgrader's in-process API (``NbGraderAPI``) on this course."""
        from nbgrader.apps import NbGraderAPI

        tools_on_path()
        return NbGraderAPI(config=self.config)

    def gradebook(self):
        """Nbgrader's gradebook of this course (use as a context manager)."""
        from nbgrader.api import Gradebook

        tools_on_path()
        return Gradebook(self.db_url, self.course_id)

    @property
    def db_url(self) -> str:
        """The gradebook's database URL."""
        return (
            self.config.CourseDirectory.get("db_url") or f"sqlite:///{self.root / 'gradebook.db'}"
        )

    def folder(self, kind: str) -> Path:
        """One of nbgrader's folders: ``source``, ``release``, ``submitted``, ``autograded``..."""
        return self.root / kind

    @property
    def max_file_size_kb(self) -> int:
        """The largest submitted file nbgrader grades, in kilobytes."""
        return int(self.config.CourseDirectory.get("max_file_size", 100000))

    @property
    def cell_timeout(self) -> int:
        """Seconds one cell may run during autograding."""
        return int(self.config.Execute.get("timeout", 30))

    # --- the course's content ---------------------------------------------------------
    def assignments(self) -> list[str]:
        """Every assignment: the folders of ``source/`` that hold a notebook, sorted."""
        source = self.folder("source")
        if not source.is_dir():
            return []
        return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))

    def notebooks(self, assignment: str) -> list[str]:
        """The notebook names (without ``.ipynb``) of an assignment's source folder."""
        folder = self.folder("source") / assignment
        return sorted(p.stem for p in folder.glob("*.ipynb"))

    def answer_files(self, assignment: str) -> list[str]:
        """Widget answer files a student hands in beside the notebook.

        These are the JSON files the assignment's notebooks name (in quotes or backticks) that the
        source folder does not ship: a file such as ``my-governance.json`` that a builder
        widget saves, as opposed to ``broken-design.json`` given with the assignment.
        """
        folder = self.folder("source") / assignment
        shipped = {p.name for p in folder.glob("*.json")}
        names: set[str] = set()
        for path in folder.glob("*.ipynb"):
            for cell in read_unchanged(path).cells:
                names.update(ANSWER_FILE.findall(cell.source))
        return sorted(names - shipped)

    # --- the class list ---------------------------------------------------------------
    def students(self) -> list[dict]:
        """The class list read by ``nbgrader_config.py`` (``CourseAdmin.students``)."""
        rows = list(self.config.get("CourseAdmin", {}).get("students", []))
        seen: set[str] = set()
        where = self.config.get("CourseAdmin", {}).get("students_csv", "the class list")
        for number, row in enumerate(rows, start=2):
            sid = row.get("id", "")
            if not STUDENT_ID.match(sid):
                msg = (
                    f"{where}, line {number}: student id {sid!r} may only use letters, digits, "
                    "'.', '_' and '-' (it becomes a folder name)"
                )
                raise CourseError(msg)
            if sid in seen:
                msg = f"{where}, line {number}: student id {sid!r} appears twice"
                raise CourseError(msg)
            seen.add(sid)
        return rows

    def sync_students(self) -> int:
        """Add or update every student of the class list in the gradebook; returns how many."""
        students = self.students()
        fields = ("first_name", "last_name", "email", "lms_user_id")
        with self.gradebook() as gb:
            for row in students:
                gb.update_or_create_student(row["id"], **{k: row[k] for k in fields if row.get(k)})
        return len(students)

    def submitted_students(self, assignment: str) -> list[str]:
        """Students with a folder for ``assignment`` under ``submitted/``."""
        submitted = self.folder("submitted")
        if not submitted.is_dir():
            return []
        return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())
