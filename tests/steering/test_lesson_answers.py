"""Lesson 05's exercises answered with controls: nothing typed, the check reads the saved answer.

Each exercise (the proposals consensus blocks, the registrations a plan needs and by when,
the portfolio calls) shows its options by the names the lesson shows, saves every change
beside the notebook, and its check cell reads that file: a right answer turns the lesson's
progress mark to "checks passed". The lesson itself runs top to bottom with the answers
given through the controls, as a participant leaves them.
"""

import math
import shutil

import nbformat
import pytest
from conftest import ROOT

from toolkit.selfstudy import progress
from toolkit.steering.decisions import PROPOSALS
from toolkit.steering.decisions import lesson as consensus
from toolkit.steering.plan import lesson as planning
from toolkit.steering.portfolio import lesson as calls
from toolkit.steering.portfolio.model import portfolio

LESSON = ROOT / "notebooks" / "05-the-steering-committee.ipynb"


def _blocked() -> list[int]:
    """Positions (as the check boxes list them) of the proposals the partners split on."""
    return [i for i, p in enumerate(PROPOSALS) if len(set(p.votes.values())) > 1]


def _plan() -> tuple[int, int]:
    goal, funnel = planning.PLAN["goal"], planning.PLAN["funnel"]
    needed = goal.revenue / funnel.deal_size / funnel.win_rate / funnel.accept_rate
    return math.ceil(needed), goal.month - funnel.sales_cycle


def _calls() -> dict[str, str]:
    table = portfolio()
    return {a: table.loc[a, "call"] for a in calls.PORTFOLIO_ALLIANCES}


def test_consensus_is_answered_by_ticking_proposal_titles(tmp_path):
    """Are the proposals shown by title, saved as picked, and does the check then pass?"""
    path = tmp_path / consensus.BLOCKED_FILE
    control = consensus.answer_blocked(path)
    assert control.choices.options == [p.title for p in PROPOSALS]
    assert not any(p.id in control.choices.options for p in PROPOSALS)
    assert not consensus.check_blocked(consensus.saved_blocked(path)).passed  # nothing yet
    control.choices.value = [0]  # a proposal every partner backs: not blocked
    report = consensus.check_blocked(consensus.saved_blocked(path))
    assert not report.passed and "consensus settles them" in str(report)
    assert progress.status_of("steering.consensus") == progress.ATTEMPTED
    control.choices.value = _blocked()
    again = consensus.answer_blocked(path)  # after a kernel restart
    assert again.choices.value == _blocked()
    assert consensus.check_blocked(consensus.saved_blocked(path)).passed
    assert progress.status_of("steering.consensus") == progress.PASSED


def test_plan_is_answered_as_two_numbers_with_their_ranges(tmp_path):
    """Are the registrations and the month typed into labelled boxes, checked, then passed?"""
    path = tmp_path / planning.PLAN_FILE
    control = planning.answer_plan(path)
    registrations = control.boxes["deal_registrations", "registrations"]
    month = control.boxes["deal_registrations", "month"]
    assert registrations.description == "Deal registrations: registrations a month (1 to 1000)"
    month.value = "40"  # outside the range: said inline, nothing saved
    assert "outside the sensible range" in control.message.value
    assert planning.saved_plan(path) is None
    count, latest = _plan()
    registrations.value, month.value = str(count), str(latest + 1)  # one month too late
    report = planning.check_plan(planning.saved_plan(path))
    assert not report.passed and "too late" in str(report)
    month.value = str(latest)
    assert planning.saved_plan(path) == {"registrations": count, "month": latest}
    assert planning.check_plan(planning.saved_plan(path)).passed
    assert progress.status_of("steering.plan") == progress.PASSED


def test_portfolio_calls_are_picked_per_alliance(tmp_path):
    """Does each alliance get a drop-down of the four calls by name, and the check then pass?"""
    path = tmp_path / calls.CALLS_FILE
    control = calls.answer_calls(path)
    assert [p.legend for p in control.pickers] == list(calls.PORTFOLIO_ALLIANCES)
    assert control.pickers[0].options == ["Invest", "Fix", "Maintain", "Exit"]
    right = _calls()
    keys = ["invest", "fix", "maintain", "exit"]
    control.pickers[0].value = [keys.index(right["Harbor"])]
    report = calls.check_portfolio(calls.saved_calls(path))
    assert not report.passed and "Still to call: Pixel, Bluepeak, Granite" in str(report)
    for picker, alliance in zip(control.pickers, calls.PORTFOLIO_ALLIANCES, strict=True):
        picker.value = [keys.index(right[alliance])]
    assert calls.saved_calls(path) == right
    assert calls.check_portfolio(calls.saved_calls(path)).passed
    assert progress.status_of("steering.portfolio") == progress.PASSED


def test_lesson_cells_show_controls_and_no_blank_to_fill_in():
    """Do lesson 05's exercise cells show a control and check the saved answer, with no ...?"""
    nb = nbformat.read(LESSON, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert not [s for s in code if "= ..." in s or "replace ..." in s]
    for shown, checked in (
        ("answer_blocked()", "check_blocked(saved_blocked())"),
        ("answer_plan()", "check_plan(saved_plan())"),
        ("answer_calls()", "check_portfolio(saved_calls())"),
    ):
        assert any(s.endswith(shown) for s in code) and any(s.endswith(checked) for s in code)
    words = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "rules.table()" not in words and "would be written" not in words


@pytest.mark.slow
def test_lesson_runs_and_its_checks_pass_with_the_answers_saved(tmp_path, course_home):
    """Run top to bottom with the three answers saved: no error, and 'checks passed' marks?"""
    from nbclient import NotebookClient

    from toolkit.ui.answers.questions import saved_form
    from toolkit.ui.saved import AnswerFile

    folder = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder)
    count, latest = _plan()
    for question, name, answer in (
        (consensus.blocked_question(), consensus.BLOCKED_FILE,
         [PROPOSALS[i].id for i in _blocked()]),
        (planning.plan_question(), planning.PLAN_FILE,
         {"deal_registrations": {"registrations": count, "month": latest}}),
        (calls.calls_question(), calls.CALLS_FILE, _calls()),
    ):  # fmt: skip
        AnswerFile(folder / name, kind=question.kind).save(saved_form(question, answer))
    nb = nbformat.read(folder / LESSON.name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()  # fmt: skip
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    for exercise in ("steering.consensus", "steering.plan", "steering.portfolio"):
        assert progress.status_of(exercise) == progress.PASSED, exercise
    assert not list(folder.glob("*.damaged*"))
