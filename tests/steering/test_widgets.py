"""The steering widgets, driven without a browser: set values as the browser would, click,
check the model, and build a new widget on the same file (a restart) to see the work kept."""

import json

import pytest

from toolkit.governance import review
from toolkit.steering import (
    AgendaRouter,
    BusinessPlanner,
    DecisionRules,
    EscalationWalk,
    PortfolioMap,
    SteeringDashboard,
)
from toolkit.steering.agenda import AGENDA, constellation_design, route
from toolkit.steering.dashboard import must_discuss, quarterly_dashboard
from toolkit.steering.decisions import PROPOSALS, outcomes_table
from toolkit.steering.plan import Funnel, Goal, plan_backwards
from toolkit.steering.portfolio import portfolio


def unescaped(text: str) -> str:
    return text.replace("&#x27;", "'").replace("&quot;", '"')


# ---- SteeringDashboard --------------------------------------------------------------------
def test_dashboard_shown_again_is_the_dashboard_built_afresh(answer_path):
    """Does each view, built once and then kept, show what a fresh dashboard of it shows?"""
    from toolkit.health.chart import pairwise_gap_chart
    from toolkit.scorecard.chart import scorecard_chart
    from toolkit.steering.dashboard import dashboard_items
    from toolkit.steering.dashboard.chart import trend_chart

    board = SteeringDashboard(path=answer_path("my-dashboard.json"))
    views = [(a, q) for a in board.alliance.options for q in (1, 8, 16)]
    for _ in range(2):  # the first time built, the second time kept
        for alliance, quarter in views:
            with board.quiet():
                board.alliance.value = alliance
            board.quarter.value = quarter
            fresh = quarterly_dashboard(alliance, quarter)
            assert board.board.card.equals(fresh.card) and board.board.gaps.equals(fresh.gaps)
            assert f"<b>{fresh.health:.2f}</b>" in board.headline.value
            labels = {item.key: item.describe() for item in dashboard_items(fresh)}
            assert {k: board.boxes[k].description for k in labels} == labels
            assert board.card_picture.value == scorecard_chart(fresh.card).svg
            assert board.trend_picture.value == trend_chart(fresh.trends, alliance).svg
            assert board.gap_picture.value == pairwise_gap_chart(fresh.gaps).svg


def test_dashboard_ticks_are_kept_per_alliance_and_quarter(answer_path):
    """Are ticks saved for the dashboard shown, separate per view, and back after a restart?"""
    path = answer_path("my-dashboard.json")
    board = SteeringDashboard("Constellation", 16, path=path)
    assert "<svg" in board.card_picture.value and "<svg" in board.gap_picture.value
    assert "Acme Software, Orbit Systems, Vela Consulting" in board.headline.value
    must = must_discuss(quarterly_dashboard("Constellation", 16))
    for key in must:
        board.boxes[key].value = True
    assert board.chosen == must
    board.quarter.value = 12
    assert board.chosen == [] and not any(b.value for b in board.boxes.values())
    board.boxes["trust"].value = True
    again = SteeringDashboard(path=path, charts=False)
    assert (again.alliance.value, again.quarter.value, again.chosen) == (
        "Constellation",
        12,
        ["trust"],
    )
    again.quarter.value = 16
    assert again.chosen == must and all(again.boxes[k].value for k in must)


def test_dashboard_labels_say_status_trend_and_gap(answer_path):
    """Does each tick box read like the dashboard line it stands for?"""
    board = SteeringDashboard("Harbor", 16, path=answer_path("my-dashboard.json"), charts=False)
    label = board.boxes["deal_registrations"].description
    assert label.startswith("Deal registrations (leading): red") and "% on the year before" in label
    assert "widest gap" in board.boxes["trust"].description


def test_dashboard_choose_rejects_unknown_items_inline(answer_path):
    """Does choosing a name that is not on the dashboard say so, and keep the ticks?"""
    board = SteeringDashboard(path=answer_path("my-dashboard.json"), charts=False)
    board.choose(["win_rate"])
    board.choose(["happiness"])
    assert "No item called 'happiness'" in unescaped(board.message.value)
    assert board.chosen == ["win_rate"]


def test_dashboard_damaged_file_is_kept_aside_with_a_notice(answer_path):
    """Does a file that no longer fits start afresh, keep the old file and say so?"""
    path = answer_path("my-dashboard.json")
    path.write_text(json.dumps({"kind": "steering-dashboard", "data": {"picks": {"x": 3}}}))
    board = SteeringDashboard(path=path, charts=False)
    assert "could not be used" in board.message.value and board.chosen == []
    assert (path.parent / "my-dashboard.json.damaged").exists()


# ---- AgendaRouter ---------------------------------------------------------------------------
def test_router_says_which_picks_own_their_decision(answer_path):
    """Does each pick get a mark, right ones ✔ and wrong ones ✘, and survive a restart?"""
    path = answer_path("my-agenda.json")
    router = AgendaRouter(path=path)
    assert "<svg" in router.matrix.value
    design = constellation_design()
    right = {item.id: route(design, item.decision)[0] for item in AGENDA}
    router.pickers["framework-discount"].value = right["framework-discount"]
    router.pickers["bid-staffing"].value = "steering"
    assert "✔ Alliance Management Team owns pricing" in router.feedback.value
    assert "✘ Alliance Steering Committee does not own bid staffing" in router.feedback.value
    assert "2 of 7 items" in router.feedback.value
    for key, body in right.items():
        router.pickers[key].value = body
    assert AgendaRouter(path=path, chart=False).routing == right


def test_router_and_walk_name_each_body_with_its_tier_and_never_by_id(answer_path):
    """Do the drop-downs read "Alliance Management Team (management tier)", never an id?"""
    design = constellation_design()
    labels = {f"{b.name} ({b.tier} tier)": b.id for b in design.bodies}
    router = AgendaRouter(path=answer_path("my-agenda.json"), chart=False)
    walk = EscalationWalk(path=answer_path("my-escalation.json"), chart=False)
    for picker in [*router.pickers.values(), walk.body, walk.target, walk.owner]:
        shown = {label: value for label, value in picker.options if value in labels.values()}
        assert shown and all(labels[label] == value for label, value in shown.items()), shown
    assert walk.owner.description == "Owner of dispute resolution"


# ---- EscalationWalk -------------------------------------------------------------------------
def test_walk_fixed_in_the_widget_is_settled_and_saved(answer_path):
    """Do edits typed in the widget move the issue from stalled to in time, and stay saved?"""
    path = answer_path("my-escalation.json")
    walk = EscalationWalk(path=path)
    assert walk.walk.verdict == "stalled" and "✘" in walk.verdict.value
    assert "<svg" in walk.picture.value
    walk.body.value = "bids"
    walk.limit.value = "5"
    assert walk.walk.verdict == "late"
    walk.body.value = "steering"
    assert walk.limit.value == "" and walk.cadence.value == "90"
    walk.limit.value = "20"
    assert walk.walk.verdict == "in time" and "✔" in walk.verdict.value
    assert "0 errors" in walk.review_line.value
    walk.day.value = 10
    assert "Day 10: the issue is with the Alliance Management Team" in walk.where.value
    again = EscalationWalk(path=path, chart=False)
    assert again.walk.verdict == "in time" and again.design == walk.design


def test_walk_moves_the_decision_and_refuses_bad_input(answer_path):
    """Does giving the decision to another body work, and bad days give an inline message?"""
    walk = EscalationWalk(path=answer_path("my-escalation.json"), chart=False)
    walk.body.value = "bids"
    walk.limit.value = "soon"
    assert "whole number of days" in walk.message.value
    assert walk.design.body("bids").escalation_days is None  # unchanged
    walk.limit.value = "5"
    walk.owner.value = "management"
    owners = [b.id for b in walk.design.bodies if "dispute_resolution" in b.decides]
    assert owners == ["management"] and walk.walk.settled_day == 20
    walk.owner.value = ""
    assert "error" in walk.review_line.value and walk.walk.verdict == "stalled"
    assert any(f.code == "decision-unowned" for f in review(walk.design))
    walk.reset_button.click()
    assert walk.design == constellation_design()


def test_walk_other_issues_and_play_range(answer_path):
    """Does picking another issue walk it, and does the day range cover the whole walk?"""
    walk = EscalationWalk(path=answer_path("my-escalation.json"), chart=False)
    walk.issue.value = "integration-slip"
    assert walk.walk.in_time and walk.walk.settled_day == 5
    assert walk.body.value == "delivery"
    assert walk.day.max == walk.walk.last_day + 10
    walk.forward.click()
    assert walk.day.value == min(5, walk.day.max)
    walk.back.click()
    walk.back.click()
    assert walk.day.value == 0


def test_walk_takes_an_assignment_case_and_agrees_with_its_check(answer_path):
    """Given a case's design and issues, does the walker offer those issues, read each as the
    assignment's check does, and keep a fix of time limits across a restart?"""
    from toolkit.steering.cases import case_for, fix_problems
    from toolkit.steering.escalation import walk_escalation

    case = case_for(9)
    path = answer_path("steering-escalation.json")
    walk = EscalationWalk(case.design, issues=case.issues, path=path, chart=False)
    assert [value for _title, value in walk.issue.options] == [i.id for i in case.issues]
    late = []
    for issue in case.issues:
        walk.issue.value = issue.id
        assert walk.walk.verdict == walk_escalation(case.design, issue).verdict
        late += [issue.id] if not walk.walk.in_time else []
    assert len(late) == 1
    walk.issue.value = late[0]
    limits = {}
    for stage in walk.walk.stages[:-1]:  # every body it waits at, on the way up
        walk.body.value = stage.body
        walk.limit.value = "3"
        limits[stage.body] = 3
    assert walk.walk.in_time == (fix_problems(case, limits) == [])
    again = EscalationWalk(case.design, issues=case.issues, path=path, chart=False)
    assert again.issue.value == late[0] and again.design == walk.design


def test_walk_saved_with_an_issue_of_another_case_starts_afresh_and_says_so(answer_path):
    """Is a saved walk whose issue the case does not have set aside with a notice, not a crash?"""
    from toolkit.steering.cases import case_for

    path = answer_path("steering-escalation.json")
    EscalationWalk(path=path, chart=False)  # the lesson's walk, saved with a lesson issue
    case = case_for(9)
    walk = EscalationWalk(case.design, issues=case.issues, path=path, chart=False)
    assert walk.issue.value == case.issues[0].id and walk.design == case.design
    assert "no issue" in walk.message.value


# ---- DecisionRules --------------------------------------------------------------------------
def test_votes_change_outcomes_and_are_kept(answer_path):
    """Does flipping a vote change the outcome, the reset restore it, and a restart keep votes?"""
    path = answer_path("my-decision-rules.json")
    rules = DecisionRules(path=path)
    assert "<svg" in rules.outcomes_picture.value and "<svg" in rules.chance_picture.value
    assert rules.table().equals(outcomes_table())
    blocked = int((outcomes_table()["consensus"] == "blocked").sum())
    assert f"consensus leaves <b>{blocked}</b>" in rules.summary.value
    rules.votes["hospitals"]["Orbit Systems"].value = True
    assert rules.table().loc["hospitals", "consensus"] == "approved"
    rules.lead.value = "Vela Consulting"
    rules.chance.value = 0.6
    again = DecisionRules(path=path, chart=False)
    assert again.table().loc["hospitals", "consensus"] == "approved"
    assert (again.lead.value, again.chance.value) == ("Vela Consulting", pytest.approx(0.6))
    again.reset_button.click()
    assert [again.votes[p.id][k].value for p in PROPOSALS for k in p.votes] == [
        v for p in PROPOSALS for v in p.votes.values()
    ]


# ---- BusinessPlanner ------------------------------------------------------------------------
def test_planner_recomputes_and_says_when_no_plan_can_work(answer_path):
    """Does moving a slider redo the plan, and an impossible goal give an inline message?"""
    path = answer_path("my-business-plan.json")
    planner = BusinessPlanner(path=path)
    assert "<svg" in planner.picture.value
    planner.revenue.value = 900
    expected = plan_backwards(Goal(900.0, 24), Funnel())
    assert planner.plan["target"].equals(expected["target"])
    assert "Plan for 900 k$ a month by month 24" in planner.targets.value
    planner.sales_cycle.value = 12
    planner.month.value = 10
    assert "month 14 at the earliest" in planner.message.value and planner.targets.value == ""
    again = BusinessPlanner(path=path, chart=False)  # the impossible goal is kept, not dropped
    assert (again.month.value, again.sales_cycle.value) == (10, 12)
    assert "at the earliest" in again.message.value
    again.month.value = 20
    assert again.message.value == "" and again.plan.loc["deal_registrations", "by_month"] == 8


# ---- PortfolioMap ---------------------------------------------------------------------------
def test_portfolio_map_ratings_move_calls_and_are_kept(answer_path):
    """Does a slider move an alliance to another call, survive a restart, and reset?"""
    path = answer_path("my-portfolio.json")
    board = PortfolioMap(path=path)
    assert "<svg" in board.picture.value
    assert board.table["call"].equals(portfolio()["call"])
    board.sliders["Bluepeak"].value = 5.0
    assert board.table.loc["Bluepeak", "call"] == "fix"
    assert "your own rating" in board.calls.value
    again = PortfolioMap(path=path, chart=False)
    assert again.sliders["Bluepeak"].value == 5.0 and again.table.loc["Bluepeak", "call"] == "fix"
    again.reset_button.click()
    assert again.table["call"].equals(portfolio()["call"])
    assert json.loads(path.read_text())["data"] == {"importance": {}}


def test_assignment_widgets_are_the_lessons_on_the_case_and_not_built_while_grading(
    answer_path, monkeypatch
):
    """Do the assignment's walker and planner start from the case, and stand aside in grading?"""
    from toolkit.steering.assignment import business_planner, escalation_walker
    from toolkit.steering.cases import case_for

    case = case_for(26)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    walker = escalation_walker(case, path=answer_path("my-case-escalation.json"))
    assert isinstance(walker, EscalationWalk) and walker.design == case.design
    assert walker.issue.value == case.issues[0].id
    planner = business_planner(case, path=answer_path("my-case-plan.json"))
    assert isinstance(planner, BusinessPlanner)
    assert (planner.goal, planner.funnel) == (case.goal, case.funnel)
    for mode in ("autograde", "validate"):
        monkeypatch.setenv("NBGRADER_EXECUTION", mode)
        for stand_in in (escalation_walker(case), business_planner(case)):
            assert not isinstance(stand_in, EscalationWalk | BusinessPlanner)
            assert "shown here when you run the notebook" in stand_in._repr_markdown_()
