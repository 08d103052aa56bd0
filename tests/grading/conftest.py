"""One temporary nbgrader course for every grading test, built and released once a session.

It holds every assignment of ``grading/source`` and the small practice assignment of
``grading_cases``; the class list is the students of ``grading_cases.CASES`` (and one who
hands nothing in). Each test module hands in its own students, pins them to the variants it
needs (``instructor.admin.variants.pin``) and grades them with ``course-admin``'s batch.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import environ_set
from grading_cases import ABSENT, CASES, build_course, course_env

from instructor.admin.course import Course
from toolkit.variants import has_variants, variant_set


@dataclass
class GradingCourse:
    """The shared course: nbgrader's course root, its folder, and what the release said."""

    course: Course
    root: Path
    work: Path
    release_lines: list[str]


def case_variant(assignment: str) -> int:
    """The variant the students of ``CASES`` are pinned to (a sample variant)."""
    return variant_set(assignment).sample[0]


@pytest.fixture(scope="session")
def grading_course(tmp_path_factory):
    """Every assignment generated and released once, for the whole session."""
    from conftest import ROOT

    work = tmp_path_factory.mktemp("course")
    with environ_set(course_env(work)):
        assignments = sorted(p.name for p in (ROOT / "grading" / "source").iterdir() if p.is_dir())
        pins = [
            (student, a, case_variant(a))
            for a in assignments
            if has_variants(a)
            for student in [*CASES, ABSENT]
        ]
        course, lines = build_course(work / "grading", [*CASES, ABSENT], pins=pins)
        yield GradingCourse(course, course.root, work, lines)
