"""The course outline: every lesson and graded assignment, with the exercises in each.

The progress view, the course map in ``00-start-here`` and the tests read this one list, so
adding a lesson or an exercise means adding it here.

Examples
--------
>>> LESSONS[0].notebook
'00-start-here.ipynb'
>>> "start.first-revenue-month" in exercise_ids()
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ASSIGNMENTS", "LESSONS", "Exercise", "Lesson", "exercise_ids"]


@dataclass(frozen=True)
class Exercise:
    """One exercise with checks: a stable id (used in the progress file) and a title."""

    id: str
    title: str


@dataclass(frozen=True)
class Lesson:
    """A notebook of the course (a lesson under ``notebooks/`` or an assignment)."""

    notebook: str
    title: str
    exercises: tuple[Exercise, ...] = field(default_factory=tuple)


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "00-start-here.ipynb",
        "Start here: alliances are not magic wands",
        (Exercise("start.first-revenue-month", "When does the first revenue appear?"),),
    ),
    Lesson(
        "01-the-magic-wand.ipynb",
        "The magic wand: why revenue lags",
        (Exercise("magic-wand.first-revenue", "First revenue with a 9-month sales cycle"),),
    ),
    Lesson(
        "02-governance-structures.ipynb",
        "Governance structures: who decides, who meets, where issues go",
        (
            Exercise("governance.missing-sponsor", "Which partner has no executive sponsor?"),
            Exercise("governance.lean-case", "Lean governance for a start-up and a bank"),
        ),
    ),
    Lesson(
        "03-leading-and-lagging-indicators.ipynb",
        "Leading and lagging indicators",
        (
            Exercise("indicators.sort-metrics", "Sort the metrics into leading and lagging"),
            Exercise("indicators.best-lag", "How many months revenue follows registrations"),
            Exercise("indicators.young-alliance", "What two years of data can tell"),
        ),
    ),
    Lesson(
        "04-governance-tools.ipynb",
        "Governance tools: the scorecard and the health check",
        (
            Exercise("governance-tools.scorecard", "Build a balanced scorecard"),
            Exercise("governance-tools.largest-gap", "Find the largest perception gap"),
        ),
    ),
    Lesson(
        "05-the-steering-committee.ipynb",
        "The steering committee at work",
        (
            Exercise("steering.discuss", "What the quarterly meeting must discuss"),
            Exercise("steering.agenda", "Each agenda item to the body that decides"),
            Exercise("steering.escalation", "Fix the design so the issue is settled in time"),
            Exercise("steering.consensus", "The proposals consensus leaves blocked"),
            Exercise("steering.plan", "Registrations a business plan needs, and by when"),
            Exercise("steering.portfolio", "Portfolio calls for four alliances"),
        ),
    ),
    Lesson(
        "06-your-alliance.ipynb",
        "Your own alliance: a workbook and a charter to take home",
        (Exercise("your-alliance.charter", "Your alliance's charter is complete"),),
    ),
)

# Graded assignments: the folder name under grading/source/ and its exercises.
ASSIGNMENTS: tuple[Lesson, ...] = (
    Lesson(
        "governance-design",
        "Design, repair and decision rights of an alliance's governance",
        (
            Exercise("governance-design.case-design", "Design the governance for the case"),
            Exercise("governance-design.repair", "Repair a broken design"),
            Exercise("governance-design.decision-owners", "One owner per core decision"),
            Exercise("governance-design.champion", "How an executive champions the alliance"),
        ),
    ),
    Lesson(
        "reading-the-indicators",
        "Reading the indicators",
        (
            Exercise("reading.classify", "Classify metrics as leading or lagging"),
            Exercise("reading.lag", "How many months revenue lags a leading metric"),
            Exercise("reading.falling", "Alliances whose revenue will fall next year"),
            Exercise("reading.largest-gap", "The largest perception gap"),
            Exercise("reading.executive-reply", "Reply to an impatient executive"),
        ),
    ),
    Lesson(
        "steering-committee",
        "The steering committee at work: one quarter's meeting",
        (
            Exercise("steering-committee.must", "The items the meeting must discuss"),
            Exercise("steering-committee.owners", "Each agenda item to the body that owns it"),
            Exercise("steering-committee.escalation", "The late issue and a fix of the limits"),
            Exercise("steering-committee.plan", "The leading targets of the business plan"),
            Exercise("steering-committee.portfolio", "Portfolio calls, and a one-sided reading"),
            Exercise("steering-committee.sponsor-note", "The sponsor's note to their leadership"),
        ),
    ),
)


def exercise_ids() -> list[str]:
    """Every exercise id of the course, lessons first, in course order."""
    return [e.id for lesson in (*LESSONS, *ASSIGNMENTS) for e in lesson.exercises]
