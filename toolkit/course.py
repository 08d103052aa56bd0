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
)

# Graded assignments: the folder name under grading/source/ and its exercises.
ASSIGNMENTS: tuple[Lesson, ...] = ()


def exercise_ids() -> list[str]:
    """Every exercise id of the course, lessons first, in course order."""
    return [e.id for lesson in (*LESSONS, *ASSIGNMENTS) for e in lesson.exercises]
