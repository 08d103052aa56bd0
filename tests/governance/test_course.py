"""The governance lesson and assignment are in the course outline, with their exercise ids."""

from conftest import ROOT

from toolkit.governance import assignment, lesson
from toolkit.selfstudy import outline as course


def test_lesson_and_assignment_are_in_the_outline():
    """Are the lesson notebook and the assignment folder listed, and do both exist?"""
    lessons = {x.notebook for x in course.LESSONS}
    assignments = {x.notebook for x in course.ASSIGNMENTS}
    assert "02-governance-structures.ipynb" in lessons
    assert (ROOT / "notebooks" / "02-governance-structures.ipynb").exists()
    assert "governance-design" in assignments
    assert (ROOT / "grading" / "source" / "governance-design" / "governance-design.ipynb").exists()


def test_every_check_records_a_known_exercise_id():
    """Does each governance self-check record progress under an id of the outline?"""
    from toolkit.governance import template

    ids = set(course.exercise_ids())
    design = template("enterprise-three-tier")
    reports = [
        lesson.check_missing_sponsor("x"),
        lesson.check_case_design(design),
        assignment.check_case_basics(design),
        assignment.check_case_requirements(design),
        assignment.check_repair(design, design),
        assignment.check_owners(design, {}),
    ]
    assert {r.exercise for r in reports} <= ids
    assert {lesson.hint_sponsor.exercise, lesson.hint_case.exercise} <= ids
