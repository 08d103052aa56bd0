"""``course-admin``: the instructor's commands, each built on nbgrader's own steps.

Run ``course-admin --help`` from the repository root (or ``make help``). Every command works
on the nbgrader course root ``grading/`` (``--course`` picks another) and prints plain lines;
the exit status is non-zero when something needs the instructor's attention.
"""

from __future__ import annotations

import argparse
import os
import sys

from instructor.admin.course import Course, CourseError

__all__ = ["main"]


def _course(args) -> Course:
    return Course(args.course)


def _opt_out(args) -> None:
    """``--unsandboxed``: grade without the sandbox, on purpose, and say so."""
    if getattr(args, "unsandboxed", False):
        from instructor.admin.sandbox import OPT_OUT, UNSANDBOXED_NOTE

        os.environ[OPT_OUT] = "1"
        print(f"WARNING: every submission is {UNSANDBOXED_NOTE}", file=sys.stderr)


def _print(lines) -> None:
    for line in lines:
        print(line)


def cmd_students(args) -> int:
    """Load the class list into the gradebook."""
    n = _course(args).sync_students()
    print(f"{n} students from the class list are in the gradebook")
    return 0


def cmd_release(args) -> int:
    """Generate, scan and release every assignment."""
    from instructor.admin.workflow import release

    _print(release(_course(args), args.assignment or None, exchange=not args.no_exchange))
    return 0


def cmd_collect(args) -> int:
    """Collect from the exchange, or from a learning-management system's export."""
    from instructor.admin.workflow import collect_exchange, collect_lms

    course = _course(args)
    if args.from_lms:
        if len(args.assignment) != 1:
            print(
                "course-admin collect --from-lms needs exactly one assignment name", file=sys.stderr
            )
            return 2
        _print(collect_lms(course, args.assignment[0], args.from_lms))
    else:
        _print(collect_exchange(course, args.assignment or None))
    return 0


def cmd_autograde(args) -> int:
    """Autograde every submission, with a progress bar; exit 1 when some need a look."""
    from instructor.admin.batch import autograde_all

    _opt_out(args)
    course = _course(args)
    outcomes = autograde_all(
        course, args.assignment or None, args.student or None, workers=args.workers
    )
    flagged = [o for o in outcomes if o.flagged]
    graded = [o for o in outcomes if o.status != "not-submitted"]
    print(
        f"{len(graded)} submissions graded, {len(outcomes) - len(graded)} not handed in, "
        f"{len(flagged)} flagged for a look (logs/autograde.log, logs/outcomes.csv):"
    )
    _print(f"  {o.line()}" for o in outcomes if o.flagged or o.status != "graded")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def cmd_feedback(args) -> int:
    """Generate (and optionally release) feedback without hidden tests."""
    from instructor.admin.workflow import generate_feedback

    _print(generate_feedback(_course(args), args.assignment or None, exchange=args.release))
    return 0


def cmd_export(args) -> int:
    """Export grades to CSV."""
    from instructor.admin.workflow import export_grades

    _print(f"wrote {p}" for p in export_grades(_course(args), args.to))
    return 0


def cmd_report(args) -> int:
    """Write the class report (HTML and notebook)."""
    from instructor.admin.report import write_report

    _print(f"wrote {p}" for p in write_report(_course(args), args.to))
    return 0


def cmd_scan(args) -> int:
    """Scan the student versions and the feedback for leaks."""
    from instructor.admin.scan import scan_feedback, scan_release

    course = _course(args)
    leaks = []
    for assignment in args.assignment or course.assignments():
        leaks += scan_release(course, assignment) + scan_feedback(course, assignment)
    _print(leaks or ["no leaks: student versions and feedback hold no solution or hidden test"])
    return 1 if leaks else 0


def cmd_validate(args) -> int:
    """Validate notebooks; exit 1 with a summary when a check fails."""
    from instructor.admin.sandbox import require
    from instructor.admin.validate import validate

    _opt_out(args)
    # checking a student's notebook as the grader will: in the grading sandbox, or not at all
    sandbox = require() if args.student else None
    if args.student:  # check the notebook against this student's own variant
        import os
        from pathlib import Path

        from instructor.admin.variants import kernel_env

        root = _course(args).root
        for path in args.notebook:
            os.environ.update(kernel_env(root, Path(path).stem, args.student))
        os.environ["ALLIANCE_STUDENT"] = args.student
    try:
        results = [validate(p, timeout=args.timeout, sandbox=sandbox) for p in args.notebook]
    finally:  # the student's id was for these notebooks' kernels only
        if args.student:
            for name in ("ALLIANCE_STUDENT", "ALLIANCE_VARIANT"):
                os.environ.pop(name, None)
    _print(r.summary() for r in results)
    return 0 if all(r.passed for r in results) else 1


def cmd_variants(args) -> int:
    """List every variant of an assignment with its key facts."""
    from instructor.admin.variants import key_table, rules

    course = _course(args)
    rows = key_table(args.assignment)
    pins = rules(course.root).pins
    pinned = sorted((s, n) for (s, a), n in pins.items() if a == args.assignment)
    print(f"{args.assignment}: {len(rows) - 1} variants (0 is the practice case)")
    for row in rows:
        number = row.pop("variant")
        facts = "; ".join(f"{k}: {v}" for k, v in row.items())
        print(f"  {number:>2}  {facts}")
    if pinned:
        print("pinned in variants.csv: " + ", ".join(f"{s} -> {n}" for s, n in pinned))
    return 0


def cmd_answer_key(args) -> int:
    """Print a student's variant and its expected answers (JSON with --json)."""
    import json

    from instructor.admin.variants import answer_key

    key = answer_key(_course(args), args.assignment, args.student)
    if args.json:
        print(json.dumps(key, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.assignment}, student {args.student}: variant {key['variant']}")
    for cell, values in key["answers"].items():
        for name, value in values.items():
            print(f"  {cell}: {name} = {value!r}")
    for name in key["files"]:
        print(f"  file {name} (a correct example; --json prints it)")
    return 0


def cmd_vet(args) -> int:
    """Vet variants with the real nbgrader; exit 1 when one fails."""
    from instructor.admin.vet import vet

    _opt_out(args)
    course = _course(args)
    numbers = [int(n) for n in args.variant] if args.variant else None
    status = 0
    for assignment in args.assignment:
        result = vet(course, assignment, numbers, workers=args.workers)
        _print(result.lines)
        if result.passed:
            print(f"{assignment}: every variant vetted passed")
        else:
            status = 1
            print(f"{assignment}: {len(result.problems)} problem(s):")
            _print(f"  {p}" for p in result.problems)
    return status


def cmd_all(args) -> int:
    """Autograde, feedback, export and report in one go."""
    status = cmd_autograde(args)
    for step in (cmd_feedback, cmd_export, cmd_report):
        status = max(status, step(args))
    return status


def build_parser() -> argparse.ArgumentParser:
    """The ``course-admin`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="course-admin",
        description="Instructor commands on the nbgrader course in grading/.",
    )
    parser.add_argument(
        "--course", default=None, help="the nbgrader course root (default: grading/)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name, func, help_text, *, assignments=True, grades=False):
        p = sub.add_parser(name, help=help_text, description=help_text)
        if grades:  # runs submitted code: in the grading sandbox unless asked not to
            p.add_argument(
                "--unsandboxed",
                action="store_true",
                help="run the notebooks' code without the grading sandbox (logged and reported)",
            )
        if assignments:
            p.add_argument("assignment", nargs="*", help="assignment names (default: every one)")
        p.set_defaults(func=func)
        return p

    add("students", cmd_students, "load grading/students.csv into the gradebook", assignments=False)
    p = add("release", cmd_release, "generate the student versions, scan them, release them")
    p.add_argument("--no-exchange", action="store_true", help="only generate release/")
    p = add("collect", cmd_collect, "collect submissions from the exchange or an LMS export")
    p.add_argument(
        "--from-lms", metavar="EXPORT", help="folder or zip of an LMS export (zip_collect)"
    )
    p = add(
        "autograde",
        cmd_autograde,
        "autograde every submission (progress bar, outcome log)",
        grades=True,
    )
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--workers", type=int, default=1, help="grade this many submissions at once")
    p = add("feedback", cmd_feedback, "generate feedback HTML without hidden tests")
    p.add_argument("--release", action="store_true", help="also release it to the exchange")
    p = add(
        "export", cmd_export, "export grades to CSV (totals and per question)", assignments=False
    )
    p.add_argument("--to", default=None, help="folder for the CSV files (default: grading/exports)")
    p = add("report", cmd_report, "write the class report (HTML and notebook)", assignments=False)
    p.add_argument("--to", default=None, help="folder for the report (default: grading/reports)")
    add("scan", cmd_scan, "scan student versions and feedback for leaks")
    p = add(
        "validate",
        cmd_validate,
        "check notebooks as the autograder will; non-zero on failure",
        assignments=False,
        grades=True,
    )
    p.add_argument("notebook", nargs="+", help="notebook files")
    p.add_argument("--timeout", type=int, default=60, help="seconds one cell may run")
    p.add_argument(
        "--student", help="check against this student's variant (default: the notebook's own)"
    )
    p = add("variants", cmd_variants, "list every variant of an assignment", assignments=False)
    p.add_argument("assignment", help="an assignment with variants")
    p = add(
        "answer-key",
        cmd_answer_key,
        "a student's variant and the answers the reference solution gives for it",
        assignments=False,
    )
    p.add_argument("assignment", help="an assignment with variants")
    p.add_argument("--student", required=True, help="the student's id (as in students.csv)")
    p.add_argument("--json", action="store_true", help="print the key as JSON")
    p = add(
        "vet",
        cmd_vet,
        "prove with nbgrader that every variant grades right (reference, blank, key)",
        assignments=False,
        grades=True,
    )
    p.add_argument("assignment", nargs="+", help="assignments with variants")
    p.add_argument("--variant", action="append", help="only this variant (repeatable)")
    p.add_argument("--workers", type=int, default=1, help="grade this many submissions at once")
    p = add("all", cmd_all, "autograde, feedback, export and report", grades=True)
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--workers", type=int, default=1, help="grade this many submissions at once")
    p.add_argument("--release", action="store_true", help="also release feedback")
    p.add_argument("--to", default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``course-admin``; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (CourseError, RuntimeError, OSError, KeyError, ValueError) as exc:
        print(f"course-admin {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # python -m instructor.admin.cli, as course-admin
    sys.exit(main())
