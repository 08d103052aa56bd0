"""The participant's analysis is the lessons' own functions on their data (small tables)."""

import pandas as pd
import pytest

from toolkit.health import perception_gaps, survey_from_answers
from toolkit.indicators import best_lag
from toolkit.own_alliance import (
    Alliance,
    Measure,
    Partner,
    PlanGoal,
    executive_reply,
    figures_table,
    health_gaps,
    joint_plan,
    lag_reading,
    measure_from_catalogue,
    own_scorecard,
    quarter_actuals,
)
from toolkit.scorecard import scorecard
from toolkit.steering import Funnel, Goal, plan_backwards


def quarter(values: dict) -> dict:
    """Three months of figures, January to March 2027."""
    return {f"2027-0{m}": {k: v[m - 1] for k, v in values.items()} for m in (1, 2, 3)}


def test_scorecard_equals_the_lesson_scorecard_for_catalogue_measures():
    """On catalogue measures, statuses, actuals and targets are the lesson's scorecard()'s."""
    alliance = Alliance(
        "A",
        measures=[
            measure_from_catalogue("deal_registrations", 40),
            measure_from_catalogue("trained_sellers", 120),
            measure_from_catalogue("sourced_revenue", 600),
            measure_from_catalogue("time_to_first_deal", 6),
        ],
        figures=quarter(
            {
                "deal_registrations": [30, 36, 42],
                "trained_sellers": [100, 110, 125],
                "sourced_revenue": [500, 520, 530],
                "time_to_first_deal": [7, 6, 6.5],
            }
        ),
    )
    ours = own_scorecard(alliance)
    # the lesson's quarter rule: flows average their months, stocks take the last month
    actuals = {
        "deal_registrations": 36.0,
        "trained_sellers": 125.0,
        "sourced_revenue": 1550 / 3,
        "time_to_first_deal": 6.5,
    }
    theirs = scorecard(actuals, {m.name: m.target for m in alliance.measures})
    columns = ["perspective", "metric", "label", "kind", "actual", "target", "status"]
    pd.testing.assert_frame_equal(ours[columns], theirs[columns])
    assert set(ours["status"]) == {"green", "amber", "red"}


def test_scorecard_of_own_measures_says_each_status_in_words():
    """An own measure, not in the catalogue, gets a status and a sentence that is true."""
    alliance = Alliance(
        "A",
        measures=[
            Measure(
                "joint_webinars", "Joint webinars", "leading", "relationship", "webinars a month", 4
            )
        ],
        figures=quarter({"joint_webinars": [2, 2, 2]}),
    )
    row = own_scorecard(alliance).iloc[0]
    assert row["status"] == "red"
    assert row["in_words"] == (
        "Joint webinars: 2 webinars a month against a target of 4 in 2027 Q1 — "
        "red, off target: 50 % of the target."
    )


def test_a_measure_without_figures_is_grey_and_says_so():
    alliance = Alliance(
        "A",
        measures=[measure_from_catalogue("win_rate", 30)],
        figures=quarter({"other": [1, 2, 3]}),
    )
    row = own_scorecard(alliance).iloc[0]
    assert row["status"] == "grey"
    assert row["in_words"].startswith("Win rate with the partner: no figures in 2027 Q1 (target 30")


def test_quarter_actuals_can_name_an_earlier_quarter():
    figures = {**quarter({"deal_registrations": [1, 2, 3]}), "2027-04": {"deal_registrations": 10}}
    alliance = Alliance(
        "A", measures=[measure_from_catalogue("deal_registrations", 5)], figures=figures
    )
    assert quarter_actuals(alliance) == ({"deal_registrations": 10.0}, "2027 Q2")
    assert quarter_actuals(alliance, "2027 Q1") == ({"deal_registrations": 2.0}, "2027 Q1")


def test_lag_reading_is_best_lag_on_the_participants_series(alliance):
    """The reading equals best_lag on the same two series built by hand."""
    reading = lag_reading(alliance, "deal_registrations", "sourced_revenue")
    months = pd.period_range("2025-01", periods=30, freq="M")
    regs = pd.Series(
        [alliance.figures[str(m)]["deal_registrations"] for m in months],
        index=months,
        name="Deal registrations",
    )
    revenue = pd.Series(
        [alliance.figures[str(m)]["sourced_revenue"] for m in months],
        index=months,
        name="Partner-sourced revenue",
    )
    assert reading == best_lag(regs, revenue)
    assert reading.verdict in ("clear", "likely") and reading.lag == 3


def test_a_short_history_cannot_tell_and_the_reply_says_what_to_do(alliance):
    """Nine months: 'cannot tell', and the executive reply says why and what to watch."""
    alliance.figures = dict(list(alliance.figures.items())[:9])
    reading = lag_reading(alliance, "deal_registrations", "sourced_revenue")
    assert reading.verdict == "cannot tell" and reading.lag is None
    reply = executive_reply(reading, alliance)
    assert reading.reason in reply
    assert "too early" in reply and "joint webinars" in reply


def test_gaps_are_the_health_lesson_gaps(alliance):
    """Two partners: perception_gaps on the same answers entered as in the lesson."""
    ours = health_gaps(alliance)
    answers = [
        {k: v for k, v in a.items() if k != "respondent"} | {"side": "us"}
        if a["side"] == "Brightpath"
        else {k: v for k, v in a.items() if k != "respondent"} | {"side": "partner"}
        for a in alliance.survey
    ]
    lesson = perception_gaps(survey_from_answers(answers))
    assert ours["gap"].to_dict() == lesson["gap"].to_dict()
    assert list(ours.columns) == ["Brightpath", "Omnicorp", "gap", "higher"]
    assert ours["gap"].idxmax() == "commitment"


def test_three_partners_give_a_gap_per_pair():
    survey = [{"side": s, "trust": t} for s, t in (("A", 5), ("B", 3), ("C", 1))]
    alliance = Alliance("Trio", [Partner("A"), Partner("B"), Partner("C")], survey=survey)
    gaps = health_gaps(alliance)
    assert gaps[["pair", "gap"]].values.tolist() == [["A – B", 2.0], ["A – C", 4.0], ["B – C", 2.0]]


def test_joint_plan_is_the_lesson_plan_in_calendar_months():
    alliance = Alliance("A", goal=PlanGoal(600, start="2027-01", by="2028-12"))
    plan = joint_plan(alliance)
    lesson = plan_backwards(Goal(600, 24), Funnel())
    pd.testing.assert_frame_equal(plan.drop(columns="by"), lesson)
    assert plan.loc["deal_registrations", "by"] == "Jun 2028"  # month 18 of the plan


def test_a_goal_too_early_is_refused_with_the_lesson_words():
    alliance = Alliance("A", goal=PlanGoal(600, start="2027-01", by="2027-03"))
    with pytest.raises(ValueError, match="first revenue comes in month 8"):
        joint_plan(alliance)


def test_figures_table_has_every_month_in_between():
    alliance = Alliance("A", figures={"2027-01": {"x": 1}, "2027-04": {"x": 4}})
    table = figures_table(alliance)
    assert [str(m) for m in table.index] == ["2027-01", "2027-02", "2027-03", "2027-04"]
