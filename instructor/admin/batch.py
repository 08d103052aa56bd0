"""Autograde a whole class with nbgrader, one submission at a time, without stopping the batch.

Each submission is looked at before nbgrader runs (:func:`triage`): a missing or unreadable
notebook, a copied graded cell, an edited or deleted test cell, an oversized file, a missing
widget answer file, a notebook that ran another student's variant (it is graded under the
submitter's own variant, see :mod:`instructor.admin.variants`). The submission's variant is
decided there, once: the outcome records it, and nbgrader gets it through its ``resources``
(:func:`instructor.admin.variants.hand_over`). nbgrader then grades it in-process
(``NbGraderAPI.autograde``), and the outcome is written down, so that nothing is lost or
silent:

- the gradebook: every submission has a row, with zero scores where nothing could be graded;
  a submission that needs a human look is *flagged* (the formgrader shows the flag) and its
  note is added as a comment the student sees in the feedback;
- ``logs/autograde.log``: one plain line per submission, and nbgrader's own log of it in
  ``logs/nbgrader/<assignment>/<student>.log``;
- ``logs/outcomes.csv``: one row per submission of the last run;
- ``logs/variants.csv``: the variant each submission was graded under and the one its
  notebook ran with (kept across runs: one row per assignment and student).

Examples
--------
>>> o = Outcome("lab", "ana", "graded", score=5.0, max_score=7.0, notes=["a note"])
>>> o.line()
'lab / ana: graded, 5 of 7 points — a note'
>>> Outcome("lab", "ana", "graded", score=5.0, max_score=7.0, variant=17).line()
'lab / ana: graded (variant 17), 5 of 7 points'
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from instructor.admin.course import Course, read_unchanged
from instructor.admin.nbplugins import duplicate_grade_ids
from instructor.admin.sandbox import UNSANDBOXED_NOTE, limit_problems, require, sandboxed
from instructor.admin.variants import assigned, hand_over, mismatch, rules
from instructor.admin.warm import in_worker, warm_kernels

__all__ = [
    "FLAGGED",
    "Outcome",
    "autograde_all",
    "autograde_one",
    "one_engine_per_gradebook",
    "triage",
]

#: Problems that flag a submission in the gradebook for the instructor to look at.
FLAGGED = {
    "missing-notebook",
    "unreadable-notebook",
    "duplicate-cell",
    "oversized-file",
    "missing-answer-file",
    "other-variant",
    "practice-variant",
    "timeout",
    "failed",
    "memory-limit",
    "disk-limit",
    "process-limit",
}
MARK = "[course-admin] "


@dataclass
class Outcome:
    """What happened to one submission: a status, the score and plain-English notes."""

    assignment: str
    student: str
    status: str
    score: float | None = None
    max_score: float | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    question_scores: dict[str, float] = field(default_factory=dict)
    variant: int | None = None  # the variant it was graded under
    ran_variant: int | None = None  # the variant its notebook ran with (None: not run)
    ran_as: str | None = None  # the student id its notebook ran under

    @property
    def flagged(self) -> bool:
        """Whether the submission needs a human look."""
        return bool(FLAGGED & set(self.problems)) or self.status == "failed"

    def line(self) -> str:
        """One readable log line."""
        points = ""
        if self.score is not None:
            points = f", {self.score:g} of {self.max_score:g} points"
        tail = f" — {'; '.join(self.notes)}" if self.notes else ""
        variant = f" (variant {self.variant})" if self.variant is not None else ""
        return f"{self.assignment} / {self.student}: {self.status}{variant}{points}{tail}"


def _read(path: Path):
    """The notebook at ``path``, or the reason it cannot be read."""
    try:
        return nbformat.read(path, as_version=4), ""
    except Exception as exc:  # nbformat raises several kinds; each is a reason to report
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        return None, reason


def _grade_cells(nb) -> dict[str, str]:
    """Grade id -> source of every locked test cell (autograded tests) of a notebook."""
    cells = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and meta.get("grade_id"):
            cells[meta["grade_id"]] = cell.source
    return cells


def triage(course: Course, assignment: str, student: str, decided=None) -> Outcome:
    """Look at a submission before nbgrader does: its status, notes, problems and variant.

    ``decided`` is its variant (an :class:`~toolkit.variants.Assigned`) if already decided;
    else it is decided here.
    """
    folder = course.folder("submitted") / student / assignment
    if decided is None:
        decided = assigned(course.root, assignment, student)
    outcome = Outcome(assignment, student, "graded", variant=decided.number if decided else None)
    if not folder.is_dir():
        outcome.status, outcome.notes = "not-submitted", ["nothing was handed in"]
        return outcome
    notes, problems = outcome.notes, outcome.problems
    status = "graded"
    for name in course.notebooks(assignment):
        path = folder / f"{name}.ipynb"
        if not path.exists():
            status = "missing-notebook"
            problems.append("missing-notebook")
            notes.append(f"{name}.ipynb was not handed in: its questions score 0")
            continue
        nb, reason = _read(path)
        if nb is None:
            status = "unreadable-notebook"
            problems.append("unreadable-notebook")
            notes.append(
                f"{name}.ipynb is not a readable notebook ({reason}): its questions score 0; "
                "the file is kept in submitted/ for a manual look"
            )
            continue
        ran, wrong = mismatch(decided, student, nb)
        if ran is not None:
            outcome.ran_variant, outcome.ran_as = ran.get("variant"), ran.get("student")
        if wrong is not None:
            problems.append(wrong.code)
            notes.append(wrong.note)
        for grade_id, count in sorted(duplicate_grade_ids(nb).items()):
            problems.append("duplicate-cell")
            notes.append(
                f"cell {grade_id!r} appears {count} times (copied): the last copy was graded, "
                "the others ran as ordinary cells"
            )
        released = course.folder("release") / assignment / f"{name}.ipynb"
        if released.exists():
            original = _grade_cells(read_unchanged(released))
            handed_in = _grade_cells(nb)
            for grade_id, source in original.items():
                if grade_id not in handed_in:
                    problems.append("cell-restored")
                    notes.append(f"test cell {grade_id!r} was deleted: restored and graded")
                elif handed_in[grade_id].strip() != source.strip():
                    problems.append("test-restored")
                    notes.append(f"test cell {grade_id!r} was edited: the original was run")
    limit = course.max_file_size_kb * 1000
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        size = path.stat().st_size
        if size > limit:
            problems.append("oversized-file")
            notes.append(
                f"{path.relative_to(folder)} ({size / 1e6:.1f} MB) is over the "
                f"{limit / 1e6:g} MB limit: left out of grading, kept in submitted/"
            )
    for answer in course.answer_files(assignment):
        if not (folder / answer).exists():
            problems.append("missing-answer-file")
            notes.append(
                f"{answer} (saved by the widget) was not handed in: checks that read it fail"
            )
    outcome.status = status
    return outcome


def _oversized(course: Course, assignment: str, student: str) -> list[str]:
    """Names of the submitted files over the size limit (nbgrader ignore patterns)."""
    folder = course.folder("submitted") / student / assignment
    limit = course.max_file_size_kb * 1000
    return sorted({p.name for p in folder.rglob("*") if p.is_file() and p.stat().st_size > limit})


def _after(course: Course, outcome: Outcome) -> None:
    """Read what nbgrader produced: timeouts and errors in answers."""
    folder = course.folder("autograded") / outcome.student / outcome.assignment
    for path in sorted(folder.glob("*.ipynb")):
        nb, _ = _read(path)
        if nb is None:
            continue
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            names = {o.get("ename") for o in errors}
            label = meta.get("grade_id") or f"cell {nb.cells.index(cell) + 1}"
            if "CellTimeoutError" in names:
                outcome.problems.append("timeout")
                outcome.notes.append(
                    f"{label} ran longer than {course.cell_timeout} s and was stopped; "
                    "the other cells still ran and count"
                )
            elif errors and (meta.get("solution") or not meta):
                # an answer cell, or a cell the student added (where a notebook answered
                # with widgets gets typed code)
                outcome.problems.append("error-in-answer")
                outcome.notes.append(f"answer {label} raised {errors[-1].get('ename')}")
        for code, note in limit_problems(nb.cells):  # the grading sandbox stopped a cell
            outcome.problems.append(code)
            outcome.notes.append(note)


def _record(course: Course, outcome: Outcome) -> None:
    """Write the outcome into the gradebook: zero scores where needed, flag, comment, scores."""
    from nbgrader.api import MissingEntry

    zero = {"missing-notebook", "unreadable-notebook"}
    with course.gradebook() as gb:
        try:
            submission = gb.find_submission(outcome.assignment, outcome.student)
        except MissingEntry:
            if outcome.status == "not-submitted":
                return
            submission = gb.update_or_create_submission(outcome.assignment, outcome.student)
        for nb in submission.notebooks:
            path = course.folder("submitted") / outcome.student / outcome.assignment
            if zero & set(outcome.problems) and _read(path / f"{nb.name}.ipynb")[0] is None:
                for grade in nb.grades:
                    grade.auto_score = 0
                    grade.needs_manual_grade = False
            nb.flagged = outcome.flagged
            message = "; ".join(n for n in outcome.notes if n) if outcome.flagged else ""
            comments = sorted(nb.comments, key=lambda c: c.cell.name)
            for comment in comments:
                if comment.manual_comment and comment.manual_comment.startswith(MARK):
                    comment.manual_comment = None
            if message and comments:
                first = comments[0]
                if not first.manual_comment:
                    first.manual_comment = MARK + message
        gb.db.commit()
        submission = gb.find_submission(outcome.assignment, outcome.student)
        outcome.score = float(submission.score)
        outcome.max_score = float(submission.max_score)
        outcome.question_scores = {
            grade.name: float(grade.score) for nb in submission.notebooks for grade in nb.grades
        }


def autograde_one(course: Course, api, assignment: str, student: str) -> Outcome:
    """Autograde one submission with nbgrader and record its outcome; never raises."""
    start = time.perf_counter()
    decided = assigned(course.root, assignment, student)  # the one decision of its variant
    outcome = triage(course, assignment, student, decided)
    status = outcome.status
    if status == "not-submitted":
        outcome.seconds = time.perf_counter() - start
        return outcome
    if not sandboxed():
        outcome.problems.append("unsandboxed")
        outcome.notes.append(UNSANDBOXED_NOTE)
    log_path = course.root / "logs" / "nbgrader" / assignment / f"{student}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # nbgrader applies max_file_size only in the exchange; an LMS export or a copied folder
    # could still bring a huge file into grading, so leave those files out here too.
    ignore = list(api.coursedir.ignore)
    api.coursedir.ignore = ignore + _oversized(course, assignment, student)
    if decided is not None:
        hand_over(api.config, decided)
    try:
        result = api.autograde(assignment, student, force=True, create=True)
        log_path.write_text(result.get("log", "") + result.get("error", ""), encoding="utf-8")
        if not result.get("success") and status == "graded":
            outcome.status = "failed"
            last = (result.get("error") or "unknown error").strip().splitlines()[-1]
            outcome.problems.append("failed")
            outcome.notes.append(f"nbgrader could not grade it ({last}); see {log_path.name}")
        _after(course, outcome)
        _record(course, outcome)
    except Exception as exc:  # a batch never stops on one submission
        outcome.status = "failed"
        outcome.problems.append("failed")
        outcome.notes.append(f"{type(exc).__name__}: {exc}")
    finally:
        api.coursedir.ignore = ignore
    outcome.seconds = time.perf_counter() - start
    return outcome


def autograde_all(
    course: Course,
    assignments: list[str] | None = None,
    students: list[str] | None = None,
    *,
    progress: bool = True,
    workers: int = 1,
) -> list[Outcome]:
    """Autograde every submission of every assignment (or those given); returns the outcomes.

    Students are the class list plus anyone with a submission; one who handed nothing in
    gets a ``not-submitted`` outcome and no gradebook row (nbgrader's convention).
    With ``workers`` > 1, submissions are graded in that many processes at once; each
    opens the SQLite gradebook with a busy timeout, so writes wait for each other instead
    of failing (each submission's rows are its own). Every kernel runs in the grading
    sandbox (:mod:`instructor.admin.sandbox`); where it cannot start, nothing is graded
    (``SandboxUnavailable``) unless ``ALLIANCE_UNSANDBOXED=1``.
    """
    require()
    course.sync_students()
    rules(course.root)  # a pins or id-map file that cannot be used stops the batch at once
    api = course.api()
    assignments = assignments or course.assignments()
    # the notebooks' self-checks record progress; under autograde that is not a student's
    home = os.environ.get("ALLIANCE_COURSE_HOME")
    os.environ["ALLIANCE_COURSE_HOME"] = str(course.root / "logs" / "progress")
    jobs = []
    for assignment in assignments:
        who = students or sorted(
            {s["id"] for s in course.students()} | set(course.submitted_students(assignment))
        )
        jobs.extend((assignment, s) for s in who)
    logs = course.root / "logs"
    logs.mkdir(exist_ok=True)
    outcomes = []
    try:
        if workers > 1 and len(jobs) > 1:
            _run_parallel(course, jobs, logs, outcomes, progress, workers)
        else:
            with warm_kernels(), one_engine_per_gradebook():
                _run(course, api, jobs, logs, outcomes, progress)
    finally:
        if home is None:
            os.environ.pop("ALLIANCE_COURSE_HOME", None)
        else:
            os.environ["ALLIANCE_COURSE_HOME"] = home
        _journal_back(course.db_url)
    _write_outcomes(logs / "outcomes.csv", outcomes)
    _keep_variants(logs / "variants.csv", outcomes)
    return outcomes


def _run(course, api, jobs, logs, outcomes, progress) -> None:
    from tqdm.auto import tqdm

    with (logs / "autograde.log").open("a", encoding="utf-8") as log:
        log.write(f"--- autograde {time.strftime('%Y-%m-%d %H:%M:%S')} ---\n")
        bar = tqdm(jobs, desc="autograde", unit="submission", disable=not progress)
        for assignment, student in bar:
            bar.set_postfix_str(f"{assignment}/{student}")
            outcome = autograde_one(course, api, assignment, student)
            outcomes.append(outcome)
            log.write(outcome.line() + "\n")
            log.flush()


@contextlib.contextmanager
def one_engine_per_gradebook(engines: dict | None = None) -> Iterator[None]:
    """Inside the block, every nbgrader ``Gradebook`` of one database shares one engine.

    nbgrader opens the gradebook about ten times for each submission it autogrades (the
    converter and its preprocessors each open their own), and each time makes a new
    SQLAlchemy engine, whose cache of compiled statements then starts empty: a third of the
    grader's own time went to compiling the same queries again. Each ``Gradebook`` still has
    its own session and closes it as before; only the engine (its connection pool and its
    statement cache) is kept for the block (for as long as ``engines`` when given: a dict
    the caller keeps them in across blocks). Each new ``Gradebook`` also looks for its
    tables and makes those missing: in the block that is done once for each engine (no table
    goes away while a batch grades).
    """
    import nbgrader.api
    from sqlalchemy import event

    made = nbgrader.api.create_engine
    kept = engines is not None
    engines = {} if engines is None else engines
    looked, tables_there = {}, set()
    inspect, metadata = nbgrader.api.inspect, nbgrader.api.Base.metadata
    make_tables = metadata.create_all

    def inspected(bind):  # SQLAlchemy's inspector keeps what it has read
        if bind not in looked:
            looked[bind] = inspect(bind)
        return looked[bind]

    def tables_made(bind=None, **kwargs):
        if bind not in tables_there:
            make_tables(bind=bind, **kwargs)
            looked[bind] = inspect(bind)  # a fresh look: it sees the tables just made
            tables_there.add(bind)

    def engine(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            made_now = engines[key] = made(url, **kwargs)
            # each Gradebook disposes of its engine as it closes: the shared one keeps its
            # pool (its connections stay open) until the block ends
            made_now.dispose = lambda close=True: None
            if made_now.dialect.name == "sqlite":
                event.listen(made_now, "connect", _write_ahead)
        return engines[key]

    nbgrader.api.create_engine, nbgrader.api.inspect = engine, inspected
    metadata.create_all = tables_made
    try:
        yield
    finally:
        nbgrader.api.create_engine, nbgrader.api.inspect = made, inspect
        del metadata.create_all
        for each in [] if kept else engines.values():
            type(each).dispose(each)


def _write_ahead(connection, _record) -> None:
    """A batch's gradebook commits go to SQLite's write-ahead log, synced at checkpoints.

    nbgrader commits each grade, comment and cell on its own, a few dozen commits for each
    submission; with SQLite's default journal every commit waits for the disk twice. In WAL
    mode with ``synchronous=NORMAL`` a commit waits for none: the database is never left
    corrupt (a power cut can at most lose the last grades, which the batch can give again),
    other processes still read it, and readers no longer hold up the batch's writers. The
    batch puts the default journal back as it ends (:func:`_journal_back`).
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _journal_back(db_url: str) -> None:
    """The gradebook back in SQLite's default journal, once a batch is over.

    Its write-ahead log goes back into the file, so the file alone is again the whole
    gradebook (a copy of it, as a backup, holds every grade). Where another program still has
    the gradebook open (a formgrader), it stays in WAL mode, which every SQLite reader
    handles, until the next batch ends.
    """
    import sqlite3

    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or not Path(url.database).exists():
        return
    with contextlib.suppress(sqlite3.Error):
        with contextlib.closing(sqlite3.connect(url.database, timeout=2)) as db:
            db.execute("PRAGMA journal_mode=DELETE")


_WORKER: dict = {}


def _busy_url(db_url: str, seconds: int = 120) -> str:
    """The gradebook URL with a SQLite busy timeout (writers wait for the lock)."""
    if db_url.startswith("sqlite:") and "timeout=" not in db_url:
        return db_url + ("&" if "?" in db_url else "?") + f"timeout={seconds}"
    return db_url


def _worker_start(root: str, db_url: str) -> None:
    course = Course(root, CourseDirectory__db_url=db_url)
    _WORKER.update(course=course, api=course.api())
    in_worker()  # each worker keeps the next grading kernel warm
    from multiprocessing.util import Finalize

    # one gradebook engine for the worker's life, closed as the worker ends (so SQLite's
    # write-ahead log goes back into the database file)
    shared = one_engine_per_gradebook()
    shared.__enter__()
    Finalize(None, shared.__exit__, args=(None, None, None), exitpriority=10)


def _worker_grade(job: tuple[str, str]) -> Outcome:
    return autograde_one(_WORKER["course"], _WORKER["api"], *job)


def _run_parallel(course, jobs, logs, outcomes, progress, workers) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from tqdm.auto import tqdm

    url = _busy_url(course.db_url)
    context = multiprocessing.get_context("spawn")
    with (
        (logs / "autograde.log").open("a", encoding="utf-8") as log,
        ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_worker_start,
            initargs=(str(course.root), url),
        ) as pool,
    ):
        log.write(f"--- autograde {time.strftime('%Y-%m-%d %H:%M:%S')} ({workers} workers) ---\n")
        futures = {pool.submit(_worker_grade, job): job for job in jobs}
        bar = tqdm(total=len(jobs), desc="autograde", unit="submission", disable=not progress)
        done = {}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died still leaves a line
                outcome = Outcome(*job, "failed", problems=["failed"], notes=[repr(exc)])
            done[job] = outcome
            log.write(outcome.line() + "\n")
            log.flush()
            bar.update()
        bar.close()
    outcomes.extend(done[job] for job in jobs)


def _write_outcomes(path: Path, outcomes: list[Outcome]) -> None:
    columns = [
        "assignment",
        "student",
        "status",
        "score",
        "max_score",
        "flagged",
        "problems",
        "notes",
        "seconds",
        "question_scores",
        "variant",
        "ran_variant",
        "ran_as",
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for o in outcomes:
            row = asdict(o)
            row.update(
                flagged=o.flagged,
                problems=" ".join(dict.fromkeys(o.problems)),
                notes=" | ".join(o.notes),
                seconds=f"{o.seconds:.2f}",
                question_scores=json.dumps(o.question_scores, sort_keys=True),
            )
            writer.writerow(row)


VARIANT_COLUMNS = ["assignment", "student", "variant", "ran_variant", "ran_as", "flagged"]


def _keep_variants(path: Path, outcomes: list[Outcome]) -> None:
    """Update ``logs/variants.csv``: one row per assignment and student, the latest run wins."""
    rows = {}
    if path.exists():
        with path.open(newline="", encoding="utf-8") as handle:
            rows = {(r["assignment"], r["student"]): r for r in csv.DictReader(handle)}
    for o in outcomes:
        if o.status == "not-submitted" or o.variant is None:
            continue
        rows[(o.assignment, o.student)] = {
            "assignment": o.assignment,
            "student": o.student,
            "variant": o.variant,
            "ran_variant": "" if o.ran_variant is None else o.ran_variant,
            "ran_as": o.ran_as or "",
            "flagged": bool({"other-variant", "practice-variant"} & set(o.problems)),
        }
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=VARIANT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows[key] for key in sorted(rows))
