"""The instructor's steps, each one nbgrader's own: release, collect, feedback, export.

Each function returns a list of plain-English lines (what was done, what went wrong) and
raises :class:`WorkflowError` only when the step cannot go on at all.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from instructor.admin.course import Course
from instructor.admin.scan import scan_feedback, scan_release

__all__ = [
    "WorkflowError",
    "collect_exchange",
    "collect_lms",
    "export_grades",
    "generate_feedback",
    "release",
]


class WorkflowError(RuntimeError):
    """A step could not run; the message says which assignment and why."""


def _last_error(result: dict) -> str:
    text = (result.get("error") or result.get("log") or "").strip()
    return text.splitlines()[-1] if text else "no message"


def release(
    course: Course, assignments: list[str] | None = None, *, exchange: bool = True
) -> list[str]:
    """Generate the student version of each assignment, scan it for leaks, release it.

    A student version with a leak is never released to the exchange.
    """
    api = course.api()
    lines = []
    course.sync_students()
    for assignment in assignments or course.assignments():
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            msg = f"{assignment}: nbgrader generate_assignment failed: {_last_error(result)}"
            raise WorkflowError(msg)
        leaks = scan_release(course, assignment)
        if leaks:
            msg = f"{assignment}: the student version leaks; not released:\n  " + "\n  ".join(leaks)
            raise WorkflowError(msg)
        lines.append(f"{assignment}: student version generated in release/{assignment}/ (no leaks)")
        if exchange:
            outbound = Path(course.config.Exchange.root) / course.course_id / "outbound"
            if (outbound / assignment).exists():
                api.unrelease(assignment)  # a second release replaces the first
            result = api.release_assignment(assignment)
            if not result.get("success"):
                msg = f"{assignment}: release to the exchange failed: {_last_error(result)}"
                raise WorkflowError(msg)
            lines.append(f"{assignment}: released to the exchange ({course.config.Exchange.root})")
    return lines


def collect_exchange(course: Course, assignments: list[str] | None = None) -> list[str]:
    """Collect what students submitted through the nbgrader exchange (``nbgrader collect``)."""
    api = course.api()
    lines = []
    for assignment in assignments or course.assignments():
        result = api.collect(assignment, update=True)
        if not result.get("success"):
            lines.append(f"{assignment}: collect failed: {_last_error(result)}")
            continue
        lines.append(
            f"{assignment}: {len(course.submitted_students(assignment))} submissions in submitted/"
        )
    return lines


def collect_lms(course: Course, assignment: str, export: str | Path) -> list[str]:
    """Collect a learning-management system's export with ``nbgrader zip_collect``.

    ``export`` is a folder of files or a zip file as the system exports them; file names
    follow the pattern in ``nbgrader_config.py`` (``FileNameCollectorPlugin.named_regexp``).
    """
    export = Path(export)
    if not export.exists():
        msg = f"{export}: no such file or folder (expected the LMS export of {assignment})"
        raise WorkflowError(msg)
    archive = course.root / "downloaded" / assignment / "archive"
    shutil.rmtree(archive.parent, ignore_errors=True)
    archive.mkdir(parents=True)
    if export.is_dir():
        for path in export.rglob("*"):
            if path.is_file():
                shutil.copy2(path, archive / path.name)
    elif zipfile.is_zipfile(export):
        shutil.copy2(export, archive / export.name)
    else:
        msg = f"{export}: not a folder or a zip file"
        raise WorkflowError(msg)
    nbgrader = Path(sys.executable).with_name("nbgrader")
    proc = subprocess.run(
        [str(nbgrader), "zip_collect", assignment, "--force"],
        cwd=course.root,
        capture_output=True,
        text=True,
    )
    log = course.root / "logs" / f"zip_collect-{assignment}.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        msg = f"{assignment}: nbgrader zip_collect failed; see {log}"
        raise WorkflowError(msg)
    skipped = [line for line in (proc.stdout + proc.stderr).splitlines() if "Skipped" in line]
    lines = [
        f"{assignment}: {len(course.submitted_students(assignment))} submissions in submitted/"
    ]
    lines += [f"{assignment}: {line.split('] ', 1)[-1]}" for line in skipped]
    return lines


def generate_feedback(
    course: Course, assignments: list[str] | None = None, *, exchange: bool = False
) -> list[str]:
    """Make each student's feedback HTML, check it holds no hidden test, optionally release it."""
    api = course.api()
    lines = []
    for assignment in assignments or course.assignments():
        result = api.generate_feedback(assignment, force=True)
        if not result.get("success"):
            lines.append(f"{assignment}: some feedback could not be made: {_last_error(result)}")
        leaks = scan_feedback(course, assignment)
        if leaks:
            msg = f"{assignment}: feedback leaks; not released:\n  " + "\n  ".join(leaks)
            raise WorkflowError(msg)
        count = len(list(course.folder("feedback").glob(f"*/{assignment}/*.html")))
        lines.append(f"{assignment}: {count} feedback files in feedback/ (no hidden tests)")
        if exchange:
            result = api.release_feedback(assignment)
            if not result.get("success"):
                lines.append(f"{assignment}: release of feedback failed: {_last_error(result)}")
    return lines


def export_grades(course: Course, folder: str | Path | None = None) -> list[Path]:
    """Write ``grades.csv`` (nbgrader's CSV export) and ``grades-by-question.csv``."""
    from nbgrader.plugins.export import CsvExportPlugin

    folder = Path(folder) if folder else course.root / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    course.sync_students()
    totals = folder / "grades.csv"
    with course.gradebook() as gb:
        CsvExportPlugin(to=str(totals), config=course.config).export(gb)
        by_question = folder / "grades-by-question.csv"
        with by_question.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "assignment",
                    "student_id",
                    "notebook",
                    "question",
                    "score",
                    "max_score",
                    "flagged",
                ]
            )
            for assignment in gb.assignments:
                for submission in sorted(assignment.submissions, key=lambda s: s.student.id):
                    for nb in submission.notebooks:
                        for grade in sorted(nb.grades, key=lambda g: g.name):
                            writer.writerow(
                                [
                                    assignment.name,
                                    submission.student.id,
                                    nb.name,
                                    grade.name,
                                    f"{grade.score:g}",
                                    f"{grade.max_score:g}",
                                    nb.flagged,
                                ]
                            )
    return [totals, by_question]
