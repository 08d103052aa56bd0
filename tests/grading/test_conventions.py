"""The grading conventions every source notebook in ``grading/source`` keeps.

They are what keeps nbgrader 0.9.6 and the course's own tools working on a notebook: unique
snake_case grade ids (the gradebook and the feedback name cells by them), and test cells that
open with a docstring (the question the cell checks, shown in the feedback) and keep their
hidden tests between nbgrader's markers (nbgrader strips them from the student version, and
the course's feedback leaves them out).
"""

from __future__ import annotations

import nbformat
import pytest
from conftest import ROOT

SOURCES = sorted((ROOT / "grading" / "source").glob("*/*.ipynb"))


def _meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def test_every_assignment_is_checked():
    """Is there a source notebook for each assignment folder (so none escapes these checks)?"""
    folders = sorted(p for p in (ROOT / "grading" / "source").iterdir() if p.is_dir())
    assert [p.parent for p in SOURCES] == folders and len(folders) >= 3


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_grade_ids_are_unique_snake_case(source):
    """Does every cell nbgrader tracks have its own lower-case snake_case grade id?"""
    nb = nbformat.read(source, as_version=4)
    ids = [_meta(c)["grade_id"] for c in nb.cells if _meta(c)]
    assert ids and len(ids) == len(set(ids)), ids
    assert [i for i in ids if not (i.replace("_", "").isalnum() and i == i.lower())] == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_test_cells_open_with_their_question_and_mark_hidden_tests(source):
    """Does each autograded cell open with a docstring and keep its hidden tests in markers?"""
    nb = nbformat.read(source, as_version=4)
    tests = [c for c in nb.cells if _meta(c).get("grade") and c.cell_type == "code"]
    assert tests
    for cell in tests:
        name = _meta(cell)["grade_id"]
        assert cell.source.startswith('"""'), name
        begin, end = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
        assert cell.source.count(begin) == 1 and cell.source.count(end) == 1, name
        assert cell.source.index(begin) < cell.source.index(end), name


LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_no_code_cell_is_left_for_a_student_to_write(source):
    """Is every automatic part answered with a widget: no code cell a solution cell, so the
    student version has no ``# YOUR CODE HERE`` or ``raise NotImplementedError()`` in code?"""
    nb = nbformat.read(source, as_version=4)
    typed = [
        _meta(c)["grade_id"]
        for c in nb.cells
        if c.cell_type == "code" and (_meta(c).get("solution") or "BEGIN SOLUTION" in c.source)
    ]
    assert typed == [], f"{source.parent.name}: answer cells that need code typed: {typed}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_no_lesson_asks_for_a_value_typed_into_code(lesson):
    """Does no lesson's code cell ask the reader to replace ``...`` (or anything) by hand?"""
    nb = nbformat.read(lesson, as_version=4)
    asks = [
        line.strip()
        for c in nb.cells
        if c.cell_type == "code"
        for line in c.source.splitlines()
        if line.rstrip().endswith("= ...") or "= ...  #" in line or "# replace" in line.lower()
    ]
    assert asks == [], f"{lesson.name}: {asks}"
