"""The class report: how the class did, question by question, and who needs a word.

Everything is read from nbgrader's gradebook, the class list and the grader's record of
variants (``logs/variants.csv``). :func:`class_scores` and :func:`question_scores` give plain
tables; the chart helpers return ``alt.Chart`` objects (rendered offline as SVG through
:mod:`toolkit.ui.render`); :func:`write_report` writes an HTML page and a notebook with the
same content.

The report is honest about what is not graded yet: a part graded by hand that nobody has
graded is *pending*, not 0. Shares, the hardest questions and who is at risk are computed on
the parts graded so far, and the report says how many parts are pending.

Examples
--------
>>> import pandas as pd
>>> q = pd.DataFrame({"assignment": ["a", "a", "a"], "question": ["q1", "q2", "essay"],
...                   "student": ["ana", "ana", "ana"], "score": [0.0, 2.0, 0.0],
...                   "max_score": [2.0, 2.0, 3.0], "pending": [False, False, True]})
>>> hardest_questions(q)["question"].tolist()
['q1', 'q2']
>>> pending_questions(q)[["question", "pending"]].values.tolist()
[['essay', 1]]
>>> question_chart(q).to_dict()["mark"]["type"]
'bar'
"""

from __future__ import annotations

import html
import time
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd

from instructor.admin.course import Course
from instructor.admin.sandbox import UNSANDBOXED_NOTE, report_rows
from toolkit.ui.render import describe, to_svg

__all__ = [
    "AT_RISK_BELOW",
    "at_risk",
    "class_scores",
    "distribution_chart",
    "hardest_questions",
    "pending_questions",
    "question_chart",
    "question_scores",
    "variant_flags",
    "variant_scores",
    "write_report",
]

#: A student whose mean score over the assignments is below this share is "at risk".
AT_RISK_BELOW = 0.5


SCORE_COLUMNS = [
    "assignment",
    "student",
    "submitted",
    "score",
    "max_score",
    "graded_max",
    "pending",
    "flagged",
    "variant",
]


def _recorded_variants(course: Course) -> dict:
    """(assignment, student) -> the row the grader wrote in ``logs/variants.csv``."""
    import csv

    path = course.root / "logs" / "variants.csv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as handle:
        return {(r["assignment"], r["student"]): r for r in csv.DictReader(handle)}


def _variant_of(course: Course, recorded: dict, assignment: str, student: str):
    from instructor.admin.variants import assigned

    row = recorded.get((assignment, student))
    if row and str(row.get("variant", "")).isdigit():
        return int(row["variant"])
    decided = assigned(course.root, assignment, student)
    return decided.number if decided else None


def class_scores(course: Course) -> pd.DataFrame:
    """One row per student and assignment: scores, what is graded, pending, flag, variant.

    ``score`` is the points earned on the parts graded so far, ``graded_max`` their maximum,
    ``pending`` how many parts wait for manual grading, and ``share`` is ``score`` over
    ``graded_max`` (0 for a submission with nothing graded or not handed in).
    """
    rows = []
    recorded = _recorded_variants(course)
    with course.gradebook() as gb:
        students = {s["id"] for s in course.students()} | {s.id for s in gb.students}
        for assignment in gb.assignments:
            if assignment.name not in course.assignments():
                continue
            by_student = {sub.student.id: sub for sub in assignment.submissions}
            for student in sorted(students):
                sub = by_student.get(student)
                grades = [g for nb in sub.notebooks for g in nb.grades] if sub else []
                graded = [g for g in grades if not g.needs_manual_grade]
                rows.append(
                    {
                        "assignment": assignment.name,
                        "student": student,
                        "submitted": sub is not None,
                        "score": float(sum(g.score for g in graded)),
                        "max_score": float(assignment.max_score),
                        "graded_max": float(sum(g.max_score for g in graded))
                        if sub
                        else float(assignment.max_score),
                        "pending": len(grades) - len(graded),
                        "flagged": bool(sub) and any(nb.flagged for nb in sub.notebooks),
                        "variant": _variant_of(course, recorded, assignment.name, student)
                        if sub
                        else None,
                    }
                )
    table = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    table["share"] = (table["score"] / table["graded_max"].where(table["graded_max"] > 0)).fillna(
        0.0
    )
    return table


def question_scores(course: Course) -> pd.DataFrame:
    """One row per submitted question: assignment, question, student, score, max, pending."""
    rows = []
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        rows.append(
                            {
                                "assignment": assignment.name,
                                "question": grade.name,
                                "student": sub.student.id,
                                "score": float(grade.score),
                                "max_score": float(grade.max_score),
                                "pending": bool(grade.needs_manual_grade),
                            }
                        )
    return pd.DataFrame(
        rows, columns=["assignment", "question", "student", "score", "max_score", "pending"]
    )


def _graded(questions: pd.DataFrame) -> pd.DataFrame:
    if "pending" not in questions:
        return questions
    return questions[~questions["pending"].astype(bool)]


def hardest_questions(questions: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """Questions by mean share of the points earned, hardest first (graded answers only)."""
    graded = _graded(questions)
    if graded.empty:
        return pd.DataFrame(columns=["assignment", "question", "mean_share", "submissions"])
    q = graded.assign(share=graded["score"] / graded["max_score"].where(graded["max_score"] > 0))
    table = (
        q.groupby(["assignment", "question"], as_index=False)
        .agg(mean_share=("share", "mean"), submissions=("student", "count"))
        .sort_values(["mean_share", "assignment", "question"])
    )
    return table.head(top).reset_index(drop=True)


def pending_questions(questions: pd.DataFrame) -> pd.DataFrame:
    """Per question, how many answers wait for manual grading (questions with none left out)."""
    columns = ["assignment", "question", "pending", "graded"]
    if questions.empty or "pending" not in questions:
        return pd.DataFrame(columns=columns)
    table = (
        questions.assign(pending=questions["pending"].astype(bool))
        .groupby(["assignment", "question"], as_index=False)
        .agg(pending=("pending", "sum"), graded=("pending", lambda p: int((~p).sum())))
    )
    table["pending"] = table["pending"].astype(int)
    return table[table["pending"] > 0][columns].reset_index(drop=True)


def variant_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Mean share of the graded points per assignment and variant (submitted work only)."""
    columns = ["assignment", "variant", "students", "mean_share"]
    done = scores[scores["submitted"] & scores["variant"].notna()]
    if done.empty:
        return pd.DataFrame(columns=columns)
    table = (
        done.assign(variant=done["variant"].astype(int))
        .groupby(["assignment", "variant"], as_index=False)
        .agg(students=("student", "count"), mean_share=("share", "mean"))
    )
    return table[columns]


def variant_flags(course: Course) -> pd.DataFrame:
    """Submissions whose notebook ran another variant than the submitter's, with the fix."""
    from toolkit.variants.assign import ALIASES_FILE, PINS_FILE

    columns = ["assignment", "student", "graded_variant", "ran_variant", "ran_as", "fix"]
    rows = []
    for (assignment, student), row in sorted(_recorded_variants(course).items()):
        if row.get("flagged") != "True":
            continue
        ran_as = row.get("ran_as") or ""
        fix = (
            f"if {ran_as} is {student}'s hub name: add '{student},{ran_as}' to "
            f"grading/{ALIASES_FILE}; otherwise talk to the student"
            if ran_as
            else f"practice case: ask for the student's id, or pin it in grading/{PINS_FILE}"
        )
        rows.append(
            {
                "assignment": assignment,
                "student": student,
                "graded_variant": row.get("variant"),
                "ran_variant": row.get("ran_variant"),
                "ran_as": ran_as or "(no id: practice)",
                "fix": fix,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def at_risk(scores: pd.DataFrame, below: float = AT_RISK_BELOW) -> pd.DataFrame:
    """Students who missed an assignment or whose mean share is below ``below``.

    The share counts the graded parts only: a part waiting for manual grading puts nobody
    at risk.
    """
    if scores.empty:
        return pd.DataFrame(columns=["student", "missing", "mean_share", "reason"])
    per = scores.groupby("student").agg(
        missing=("submitted", lambda s: int((~s).sum())), mean_share=("share", "mean")
    )
    per = per[(per["missing"] > 0) | (per["mean_share"] < below)].reset_index()

    def reason(row):
        parts = []
        if row["missing"]:
            parts.append(f"{row['missing']} assignment(s) not handed in")
        if row["mean_share"] < below:
            parts.append(f"mean score {row['mean_share']:.0%}")
        return "; ".join(parts)

    per["reason"] = per.apply(reason, axis=1) if len(per) else []
    return per.sort_values(["mean_share", "student"]).reset_index(drop=True)


def distribution_chart(scores: pd.DataFrame) -> alt.Chart:
    """Histogram of the submitted scores (share of the points), one row per assignment."""
    data = scores[scores["submitted"]].assign(percent=lambda d: (d["share"] * 100).round(1))
    chart = (
        alt.Chart(data)
        .mark_bar(color="#2b6cb0")
        .encode(
            x=alt.X(
                "percent:Q", bin=alt.Bin(extent=[0, 100], step=10), title="Score (% of points)"
            ),
            y=alt.Y("count():Q", title="Students"),
            row=alt.Row("assignment:N", title=None),
        )
        .properties(width=420, height=120)
    )
    n = len(data)
    return describe(
        chart,
        title="Score distribution per assignment",
        description=f"How the {n} graded submissions spread over the score range, per assignment.",
    )


def question_chart(questions: pd.DataFrame) -> alt.Chart:
    """Mean share of the points per question, hardest at the top (graded answers only)."""
    table = hardest_questions(questions, top=len(questions))
    table = table.assign(
        percent=(table["mean_share"] * 100).round(1),
        label=table["assignment"] + " / " + table["question"],
    )
    chart = (
        alt.Chart(table)
        .mark_bar(color="#b7791f")
        .encode(
            x=alt.X(
                "percent:Q", scale=alt.Scale(domain=[0, 100]), title="Mean score (% of points)"
            ),
            y=alt.Y(
                "label:N", sort=alt.EncodingSortField("percent", order="ascending"), title=None
            ),
            tooltip=["label", "percent", "submissions"],
        )
        .properties(width=420)
    )
    hardest = table["label"].iloc[0] if len(table) else "none"
    return describe(
        chart,
        title="Mean score per question",
        description=f"Questions ordered from hardest to easiest; the hardest is {hardest}.",
    )


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, border=0, classes="report", float_format=lambda v: f"{v:.2f}")


def _figure(chart: alt.Chart) -> str:
    spec = chart.to_dict()
    label = html.escape(spec.get("description", ""))
    caption = f"<figcaption>{label}</figcaption>"
    return f'<figure role="img" aria-label="{label}">{to_svg(spec)}{caption}</figure>'


def write_report(course: Course, folder: str | Path | None = None) -> tuple[Path, Path]:
    """Write ``class-report.html`` and ``class-report.ipynb``; returns their paths."""
    folder = Path(folder) if folder else course.root / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    course.sync_students()
    scores, questions = class_scores(course), question_scores(course)
    summary = (
        scores.groupby("assignment")
        .agg(
            submitted=("submitted", "sum"),
            students=("student", "count"),
            mean_share=("share", lambda s: s[scores.loc[s.index, "submitted"]].mean()),
            pending=("pending", "sum"),
            flagged=("flagged", "sum"),
        )
        .reset_index()
        if not scores.empty
        else pd.DataFrame(
            columns=["assignment", "submitted", "students", "mean_share", "pending", "flagged"]
        )
    )
    missing = scores[~scores["submitted"]][["assignment", "student"]]
    waiting = pending_questions(questions)
    pending_total = int(waiting["pending"].sum()) if len(waiting) else 0
    graded_note = (
        f"{pending_total} answer(s) still wait for manual grading: they are left out of every "
        "share, mean and risk below until they are graded (see Pending manual grading)."
        if pending_total
        else "Every part is graded."
    )
    flags = variant_flags(course)
    per_variant = variant_scores(scores)
    submitted = scores[scores["submitted"]]
    who = submitted[["assignment", "student", "variant", "share", "pending"]].sort_values(
        ["assignment", "student"]
    )
    sections = [
        (
            "Assignments",
            "Submissions, mean share of the graded points of those submitted, answers pending "
            "manual grading, flagged for a look. " + graded_note,
            _table_html(summary),
        ),
        ("Score distribution", graded_note, _figure(distribution_chart(scores))),
        (
            "Questions",
            "Hardest first (mean share of the points, graded answers only).",
            _figure(question_chart(questions)) + _table_html(hardest_questions(questions)),
        ),
        (
            "Pending manual grading",
            "Answers that wait for an instructor (the formgrader lists them).",
            _table_html(waiting) if len(waiting) else "<p>Nothing is waiting.</p>",
        ),
        (
            "Variants",
            "Each student's own variant and share, and the mean share per variant (a variant "
            "far below the others may be harder: preview it with course-admin variants).",
            _table_html(who) + _table_html(per_variant),
        ),
        (
            "Notebooks that ran another variant",
            "Graded under the submitter's own variant and flagged; the fix is named.",
            _table_html(flags) if len(flags) else "<p>None.</p>",
        ),
        (
            "Not handed in",
            "",
            _table_html(missing) if len(missing) else "<p>Everyone handed in.</p>",
        ),
        (
            "At risk",
            f"Missed an assignment, or a mean share under {AT_RISK_BELOW:.0%} of the graded "
            "points (parts pending manual grading are not counted).",
            _table_html(at_risk(scores)),
        ),
    ]
    unsandboxed = pd.DataFrame(report_rows(course.root))
    if len(unsandboxed):
        sections.insert(
            0, ("Graded without the sandbox", UNSANDBOXED_NOTE, _table_html(unsandboxed))
        )
    stamp = time.strftime("%Y-%m-%d %H:%M")
    body = "".join(
        f"<h2>{html.escape(title)}</h2>" + (f"<p>{html.escape(note)}</p>" if note else "") + content
        for title, note, content in sections
    )
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Class report — {html.escape(course.course_id)}</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "table.report{border-collapse:collapse}table.report td,table.report th"
        "{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
        f"<h1>Class report — {html.escape(course.course_id)}</h1>"
        f"<p>Made {stamp} from the gradebook.</p>"
        f"{body}</body></html>"
    )
    html_path = folder / "class-report.html"
    html_path.write_text(page, encoding="utf-8")
    nb_path = folder / "class-report.ipynb"
    nbformat.write(_notebook(course, sections, stamp), nb_path)
    return html_path, nb_path


def _notebook(course: Course, sections, stamp: str):
    """The same report as a notebook: each section's code and its rendered output."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    code = {
        "Assignments": "scores = report.class_scores(course)\n"
        "scores.groupby('assignment')[['submitted', 'share', 'pending']].mean()",
        "Score distribution": "report.distribution_chart(scores)",
        "Questions": "questions = report.question_scores(course)\nreport.question_chart(questions)",
        "Pending manual grading": "report.pending_questions(questions)",
        "Variants": "report.variant_scores(scores)",
        "Notebooks that ran another variant": "report.variant_flags(course)",
        "Not handed in": "scores[~scores['submitted']][['assignment', 'student']]",
        "At risk": "report.at_risk(scores)",
        "Graded without the sandbox": "report.report_rows(course.root)",
    }
    cells = [
        new_markdown_cell(
            f"# Class report — {course.course_id}\n\nMade {stamp} from the gradebook; "
            "run the cells again to refresh it."
        ),
        new_code_cell(
            "from instructor.admin import report\nfrom instructor.admin.course import Course\n"
            f"course = Course({str(course.root)!r})"
        ),
    ]
    for title, note, content in sections:
        cells.append(new_markdown_cell(f"## {title}\n\n{note}".strip()))
        cell = new_code_cell(code[title])
        cell.outputs = [new_output("display_data", data={"text/html": content})]
        cells.append(cell)
    return new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
