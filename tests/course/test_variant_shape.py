"""One shape for a variant set: every assignment's variants are declared once, served alike.

Each concept declares its set (how to build a case, its key facts, a sample); the toolkit's
:class:`~toolkit.variants.registry.VariantSet` gives the numbers and their check, the cache,
the student's own case and the banner, the same for all three assignments. The instructor
package gives each set's answer key and vetting through one interface
(:func:`instructor.keys.key_for`): functions, not code kept in strings.
"""

import inspect

import pytest

from instructor.keys import Key, key_cell, key_for
from toolkit.variants import count_of, hashed, names, recorded, variant_set
from toolkit.variants.assign import PINS_ENV
from toolkit.variants.registry import VariantCase


@pytest.mark.parametrize("assignment", names())
def test_every_set_serves_its_cases_the_same_way(assignment, tmp_path):
    """Does each set build a case once, refuse a number out of range, and find a student's?"""
    spec = variant_set(assignment)
    assert spec.assignment == assignment and spec.count == count_of(assignment) >= 30
    number = spec.sample[0]
    case = spec.case(number)
    assert isinstance(case, VariantCase) and case.assignment == assignment
    assert case.number == number and spec.case(number) is case  # built once
    with pytest.raises(ValueError, match=f"{assignment} has variants 0 to {spec.count}"):
        spec.case(spec.count + 1)
    environ = {"JUPYTERHUB_USER": "aruiz", PINS_ENV: str(tmp_path / "none.csv")}
    mine = spec.mine(environ)
    assert mine.number == hashed(spec.count, assignment, "aruiz")
    assert (mine.assigned.student, mine.assigned.how) == ("aruiz", "hashed")
    assert spec.case(mine.number).assigned is None  # the cached case is nobody's


@pytest.mark.parametrize("assignment", names())
def test_every_case_shows_the_one_banner(assignment, tmp_path):
    """Does a case's banner record its variant and student, and say practice without one?"""
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    spec = variant_set(assignment)
    environ = {"JUPYTERHUB_USER": "aruiz", PINS_ENV: str(tmp_path / "none.csv")}
    for case, who in ((spec.mine(environ), "aruiz"), (spec.case(0), None)):
        bundle = case.banner()._repr_mimebundle_()
        cell = new_code_cell("", outputs=[new_output("display_data", data=bundle)])
        ran = recorded(new_notebook(cells=[cell]))
        assert (ran["assignment"], ran["variant"], ran["student"]) == (
            assignment,
            case.number,
            who,
        )
    assert "practice" in spec.case(0).banner()._repr_mimebundle_()["text/plain"].lower()


@pytest.mark.parametrize("assignment", names())
def test_every_key_is_functions_behind_one_interface(assignment):
    """Does each assignment's key give its answers, difficulty and vetting as functions?"""
    key = key_for(assignment)
    assert isinstance(key, Key) and key.assignment == assignment and key.spread
    for function in (key.answers, key.difficulty, key.vet):
        assert inspect.isfunction(function), function
    assert key.vet(variant_set(assignment).sample[0]) == []
    assert set(key.spread) <= set(key.difficulty(1))
    cell = key_cell(assignment)
    assert f"key_for({assignment!r}).answers(globals())" in cell and len(cell.splitlines()) == 3
