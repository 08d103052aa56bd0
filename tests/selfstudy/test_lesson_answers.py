"""Lessons 00, 01 and 02: each exercise is answered in a box or a list, never in code.

The control saves the answer beside the notebook; the check cell, run with no answer, reads
the saved file and turns the exercise's progress mark to "checks passed" when it is right.
"""

import json

import nbformat
import pytest
from conftest import ROOT

from toolkit.governance import lesson as governance
from toolkit.governance.review import review
from toolkit.magic_wand import lesson as wand
from toolkit.magic_wand.model import first_revenue_month, first_revenue_rule, simulate
from toolkit.selfstudy import progress


def _sponsorless() -> str:
    (finding,) = [f for f in review(governance.mystery_design()) if f.severity == "error"]
    return next(p for p in governance.mystery_design().partners if finding.message.startswith(p))


def _type(control, text: str) -> None:
    control.number.value = text  # what the browser sets when the box is left or Enter pressed


def _pick(control, name: str) -> None:
    control.choices.value = [control.choices.options.index(name)]


EXERCISES = {
    "00": (
        "start.first-revenue-month",
        wand.answer_first_revenue_month,
        wand.check_first_revenue_month,
        wand.FIRST_REVENUE_MONTH_FILE,
        lambda c: _type(c, "3"),
        lambda c: _type(c, str(first_revenue_rule(6))),
    ),
    "01": (
        "magic-wand.first-revenue",
        wand.answer_first_revenue,
        wand.check_first_revenue,
        wand.FIRST_REVENUE_FILE,
        lambda c: _type(c, "9"),
        lambda c: _type(c, str(first_revenue_month(simulate(0.8, months=36, sales_cycle=9)))),
    ),
    "02": (
        "governance.missing-sponsor",
        governance.answer_missing_sponsor,
        governance.check_missing_sponsor,
        governance.SPONSOR_FILE,
        lambda c: _pick(c, next(p for p in ("Solaris", "Voltcare") if p != _sponsorless())),
        lambda c: _pick(c, _sponsorless()),
    ),
}


@pytest.fixture
def beside_a_notebook(tmp_path, monkeypatch):
    """A notebook's folder as the working directory, with a progress record of its own."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    return tmp_path


@pytest.mark.parametrize("lesson", sorted(EXERCISES))
def test_exercise_answered_with_a_control_turns_checks_passed(beside_a_notebook, lesson):
    """Does a wrong pick stay 'attempted', and the right one, read back, turn 'checks passed'?"""
    exercise, make, check, filename, wrong, right = EXERCISES[lesson]
    blank = check()
    assert not blank.passed and "above" in str(blank)
    assert progress.status_of(exercise) == progress.ATTEMPTED
    control = make()
    wrong(control)
    assert (beside_a_notebook / filename).exists()
    assert not check().passed
    right(control)
    report = check()  # reads the saved file, as the check cell does
    assert report.passed, str(report)
    assert progress.status_of(exercise) == progress.PASSED
    assert make().value == control.value  # back after a kernel restart


def test_number_box_says_what_it_sets_and_refuses_words(beside_a_notebook):
    """Is the month box labelled with its range, and is a typed word refused inline?"""
    control = wand.answer_first_revenue_month()
    assert control.number.description == (
        "Month of the first revenue with a 6-month sales cycle (1 to 36)"
    )
    _type(control, "eight")
    assert control.value is None and "not a whole number" in control.message.value


def test_partners_are_offered_by_name(beside_a_notebook):
    """Does the sponsor exercise offer the mystery alliance's partners by their names?"""
    control = governance.answer_missing_sponsor()
    assert control.choices.options == governance.mystery_design().distinct_partners()
    assert control.choices.legend == "Partner without an executive sponsor"


@pytest.mark.parametrize(
    "name",
    ["00-start-here.ipynb", "01-the-magic-wand.ipynb", "02-governance-structures.ipynb"],
)
def test_lesson_has_no_blank_to_fill_in_code(name):
    """Does no code cell of the lesson ask for `...` to be replaced, and no text for typing?"""
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert not [s for s in code if "= ..." in s or "replace ..." in s]
    text = json.dumps([c.source for c in nb.cells if c.cell_type == "markdown"])
    assert "you would write `" not in text
