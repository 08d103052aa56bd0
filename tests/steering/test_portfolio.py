"""The lifecycle and the portfolio of the course's alliances."""

import re

import pandas as pd
import pytest

from toolkit import data
from toolkit.health import health_index
from toolkit.indicators.trends import indicator_trends
from toolkit.steering.portfolio import (
    HEALTHY,
    IMPORTANCE,
    IMPORTANT,
    STAGES,
    importance_table,
    latest_health,
    lifecycle_stage,
    portfolio,
    portfolio_call,
    stages_table,
    strategic_importance,
)
from toolkit.steering.portfolio.model import standing


@pytest.mark.parametrize(
    ("importance", "health", "call"),
    [
        (IMPORTANT, HEALTHY, "invest"),
        (IMPORTANT, HEALTHY - 0.01, "fix"),
        (IMPORTANT - 0.5, HEALTHY, "maintain"),
        (IMPORTANT - 0.5, HEALTHY - 0.01, "exit"),
    ],
)
def test_each_corner_of_the_map_has_its_call(importance, health, call):
    """Do the thresholds (inclusive) put each corner's alliance under its call?"""
    assert portfolio_call(importance, health) == call


def test_every_course_alliance_has_an_open_importance_rating():
    """Is each alliance of the data rated on both criteria, 1-5, with a reason?"""
    table = importance_table()
    assert sorted(table.index) == sorted(data.alliance_names())
    assert table[["fit", "market"]].isin(range(1, 6)).all().all()
    assert (table["importance"] == (table["fit"] + table["market"]) / 2).all()
    assert table["reason"].str.len().gt(20).all()


def test_portfolio_uses_the_latest_health_check():
    """Is each alliance's health the index of its last survey, and its call from both numbers?"""
    table = portfolio()
    for alliance, row in table.iterrows():
        survey = data.survey(alliance)
        last = survey[survey["quarter"] == survey["quarter"].max()]
        assert row["health"] == pytest.approx(round(health_index(last), 2))
        assert row["call"] == portfolio_call(row["importance"], latest_health(alliance))
    assert set(table["call"]) == {"invest", "fix", "maintain", "exit"}  # every corner used


def test_the_standing_read_once_gives_the_same_portfolio():
    """Does the map's standing (health and stage, read once) give the portfolio read afresh?"""
    known = standing()
    for ratings in ({}, {"Pixel": 5, "Granite": 1.5}, {name: 3 for name in IMPORTANCE}):
        own = {**IMPORTANCE, **ratings}
        fresh = portfolio(importance=own)
        assert portfolio(importance=own, known=known).equals(fresh)
        assert fresh.loc["Harbor", "stage"] == lifecycle_stage("Harbor")


def test_own_ratings_change_the_calls():
    """Does rating an alliance differently move it to another corner?"""
    table = portfolio(importance={**IMPORTANCE, "Pixel": 5})
    assert table.loc["Pixel", "call"] == portfolio_call(5, latest_health("Pixel"))
    assert table.loc["Pixel", "reason"] == "your own rating"
    with pytest.raises(ValueError, match="no strategic importance for 'Nowhere'"):
        strategic_importance("Nowhere")


def test_lifecycle_stages_follow_the_stories():
    """Launch early on; renewal or exit where the joint work stopped; the late bloomer grows."""
    assert {lifecycle_stage(a, month=6) for a in data.alliance_names()} == {"launch"}
    assert lifecycle_stage("Harbor") == "renewal_or_exit"
    assert lifecycle_stage("Cedar") == "renewal_or_exit"
    assert lifecycle_stage("Granite", month=10) == "launch"  # no deal won in its first year
    assert lifecycle_stage("Quarry", month=36) == "growth"
    assert set(portfolio()["stage"]) <= set(STAGES)
    table = stages_table()
    assert table.columns.tolist() == ["what it means", "governance", "metrics", "cadence"]
    assert table["what it means"].tolist() == [g.meaning for g in STAGES.values()]


def _alliance_by_alliance(month):
    """The standing as it was read before it was read in one pass: each alliance on its own."""
    out = {}
    for alliance in data.alliance_names():
        answers = data.survey(alliance)
        if month is not None:
            answers = answers[answers["month"] <= month]
        if answers.empty:
            msg = f"{alliance} has no health check up to month {month}"
            raise ValueError(msg)
        health = health_index(answers[answers["quarter"] == answers["quarter"].max()])
        one = data.panel(alliance)
        at = int(one.index.max()) if month is None else int(month)
        if at <= 12 or one.loc[:at, "new_customer_wins"].astype(float).sum() == 0:
            out[alliance] = (health, "launch")
            continue
        trends = indicator_trends(
            ("deal_registrations", "sourced_revenue"), alliance=alliance, month=at
        )
        registrations, revenue = trends.loc[alliance]
        if pd.notna(registrations) and registrations <= -40:
            out[alliance] = (health, "renewal_or_exit")
        elif pd.notna(revenue) and revenue >= 20:
            out[alliance] = (health, "growth")
        else:
            out[alliance] = (health, "maturity")
    return out


@pytest.mark.parametrize("month", [None, *sorted({*range(0, 50, 3), 1, 2, 13, 47, 49})])
def test_standing_read_in_one_pass_is_each_alliance_read_alone(month):
    """Is the standing, read in one pass, exactly each alliance's health and stage read alone?

    Months through the course data, before any health check and after the data (the same
    error, for the same alliance); each alliance read alone as ``standing`` did before.
    """
    try:
        expected = _alliance_by_alliance(month)
    except ValueError as error:
        with pytest.raises(ValueError, match=f"^{re.escape(str(error))}$"):
            standing(month)
        return
    assert standing(month) == expected  # the same floats, not merely close ones
    for alliance, (health, stage) in expected.items():  # and each alliance's own functions
        assert (latest_health(alliance, month), lifecycle_stage(alliance, month)) == (health, stage)
