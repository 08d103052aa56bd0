"""The catalogue, lags, the scorecard and the health check (indicators, scorecard, health)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import data
from toolkit.health.model import health_index, perception_gaps
from toolkit.indicators.catalogue import catalogue, kind_of
from toolkit.indicators.lags import best_lag, lag_correlations
from toolkit.scorecard.model import quarter_actuals, rag, scorecard, scorecard_findings


def synthetic(lag, *, seed, months=60, noise=0.3, trend=2.0):
    """A leading series with a trend and bursts, and a lagging one that echoes it `lag` later."""
    rng = np.random.default_rng(seed)
    index = pd.RangeIndex(1, months + 1)
    lead = pd.Series(trend * index + 10 * rng.normal(size=months).cumsum() / 4, index=index)
    lead += 8 * rng.normal(size=months)
    lag_series = 3 * lead.shift(lag) + 5 * trend * index
    # noise relative to the month-to-month movement it has to be told apart from
    lag_series += noise * 3 * lead.diff().std() * rng.normal(size=months)
    return lead, lag_series


@pytest.mark.parametrize("lag", range(13))
def test_best_lag_recovers_known_lags_with_noise_and_trend(lag):
    """Is the lag found for every known lag 0-12, on trending, noisy series (several seeds)?"""
    hits = [best_lag(*synthetic(lag, seed=seed)) == lag for seed in range(5)]
    assert sum(hits) >= 4, hits


def test_trending_levels_correlate_at_every_lag():
    """Why compare changes: are the levels of two trending series correlated at all lags?"""
    lead, lagging = synthetic(4, seed=1)
    levels = lag_correlations(lead, lagging, changes=False)["correlation"]
    changes = lag_correlations(lead, lagging)["correlation"]
    assert levels.min() > 0.9
    assert changes.idxmax() == 4 and changes.drop(4).max() < changes[4] - 0.3


def test_one_row_per_lag_with_months_compared():
    """Does the table have lags 0..max_lag with a correlation and a count of months?"""
    lead, lagging = synthetic(2, seed=3, months=30)
    table = lag_correlations(lead, lagging, max_lag=5)
    assert table["lag"].tolist() == list(range(6))
    assert list(table.columns) == ["lag", "correlation", "months"]
    # changes exist for months 2-30 (leading) and 4-30 (lagging: its first 2 months are empty)
    assert table["months"].tolist() == [min(27, 29 - k) for k in range(6)]


def test_missing_months_are_skipped_not_fatal():
    """Do gaps, NaNs and different date ranges align on the month instead of failing?"""
    lead, lagging = synthetic(5, seed=7)
    holey = lead.drop([10, 11, 30, 44])
    lagging = lagging.copy()
    lagging.loc[[20, 21]] = np.nan
    lagging = lagging.loc[3:]  # starts later
    assert best_lag(holey, lagging) == 5
    shuffled = holey.sample(frac=1, random_state=0)
    assert best_lag(shuffled, lagging) == 5


def test_calendar_months_work_as_an_index():
    """Do Period and Timestamp month indexes give the same answer as month numbers?"""
    lead, lagging = synthetic(3, seed=2)
    periods = pd.period_range("2022-01", periods=len(lead), freq="M")
    stamps = pd.date_range("2022-01-01", periods=len(lead), freq="MS")
    expected = best_lag(lead, lagging)
    assert best_lag(lead.set_axis(periods), lagging.set_axis(periods)) == expected
    assert best_lag(lead.set_axis(stamps), lagging.set_axis(stamps)) == expected


def test_bad_inputs_say_what_is_expected():
    """Do a list, a text index or too few months give a helpful ValueError?"""
    with pytest.raises(ValueError, match="must be a pandas Series indexed by month"):
        best_lag([1, 2, 3], pd.Series([1, 2, 3]))
    with pytest.raises(ValueError, match="index must be months"):
        best_lag(pd.Series([1, 2], index=["a", "b"]), pd.Series([1, 2]))
    with pytest.raises(ValueError, match="fewer than three months"):
        best_lag(pd.Series([1.0, 2.0]), pd.Series([2.0, 4.0]))


def test_catalogue_and_kind_of():
    """Does kind_of read names and labels, and suggest close names for a typo?"""
    assert kind_of("Deal registrations") == "leading"
    assert kind_of("partner_sourced revenue") == "lagging"
    assert kind_of("time to first joint deal") == "lagging"
    with pytest.raises(ValueError, match="Did you mean 'sourced_revenue'"):
        kind_of("sourced revnue")
    with pytest.raises(ValueError, match="catalogue"):
        kind_of("happiness")
    assert catalogue().loc["win_rate", "kind"] == "lagging"


def test_rag_status():
    """Are green/amber/red/grey given at the documented thresholds?"""
    assert [rag(a, 100) for a in (120, 100, 90, 89.9, None)] == [
        "green",
        "green",
        "amber",
        "red",
        "grey",
    ]
    assert rag(5, 6, lower_is_better=True) == "green"
    assert rag(12, 6, lower_is_better=True) == "red"


def test_scorecard_groups_perspectives_and_flags_status():
    """Is the scorecard ordered by perspective with one status per target?"""
    actuals = quarter_actuals("Harbor", 48)
    targets = {
        "trained_sellers": 150,
        "sourced_revenue": 900,
        "customer_satisfaction": 20,
        "sponsor_meetings": 1,
    }
    card = scorecard(actuals, targets)
    assert card["perspective"].tolist() == ["strategic", "financial", "operational", "relationship"]
    status = dict(zip(card["metric"], card["status"], strict=True))
    assert status["sourced_revenue"] == "green"  # revenue still looks fine...
    assert status["trained_sellers"] == "red"  # ...while the drivers collapsed
    with pytest.raises(ValueError, match="Did you mean"):
        scorecard(actuals, {"sourced_revenu": 1})


def test_scorecard_findings_want_balance():
    """Does a balanced scorecard pass, and a revenue-only one get findings?"""
    assert (
        scorecard_findings(
            ["sourced_revenue", "customer_satisfaction", "trained_sellers", "sponsor_meetings"]
        )
        == []
    )
    findings = scorecard_findings(["sourced_revenue"])
    assert len(findings) == 4 and any("leading" in f for f in findings)


def small_survey():
    return pd.DataFrame(
        {
            "respondent": ["a", "b", "c", "d", "e"],
            "side": ["us", "us", "us", "partner", "partner"],
            "trust_1": [5, 5, 5, 3, 3],
            "trust_2": [5, 5, None, 3, 3],
            "governance_1": [4, 4, 4, 4, 2],
        }
    )


def test_health_index_weighs_sides_and_dimensions_equally():
    """Is the index the mean of the side means per dimension, skipping empty answers?"""
    survey = small_survey()
    # trust: us 5, partner 3 -> 4 ; governance: us 4, partner 3 -> 3.5 ; index 3.75
    assert health_index(survey) == pytest.approx(3.75)
    more_of_us = pd.concat([survey, survey[survey["side"] == "us"]])
    assert health_index(more_of_us) == pytest.approx(3.75)


def test_perception_gaps_per_dimension():
    """Does each dimension get both sides' means, the gap and who sees it better?"""
    gaps = perception_gaps(small_survey())
    assert gaps.loc["trust"].tolist() == [5.0, 3.0, 2.0, "us"]
    assert gaps.loc["governance", "gap"] == pytest.approx(1.0)
    assert gaps["gap"].idxmax() == "trust"


def test_survey_problems_are_explained():
    """Do a mixed survey, one side only, or an out-of-range answer raise clear errors?"""
    with pytest.raises(ValueError, match="mixes several values of 'quarter'"):
        health_index(data.survey("Delta"))
    with pytest.raises(ValueError, match="two sides"):
        perception_gaps(small_survey().query("side == 'us'"))
    bad = small_survey()
    bad.loc[0, "trust_1"] = 6
    with pytest.raises(ValueError, match="outside 1 to 5"):
        health_index(bad)


def test_course_survey_gaps_match_the_story():
    """Delta's reorganisation: the partner rates commitment far lower than we do."""
    gaps = perception_gaps(data.survey("Delta", quarter=8))
    assert gaps["gap"].idxmax() == "commitment"
    assert gaps.loc["commitment", "higher"] == "us"


monthly = st.dictionaries(
    st.integers(1, 60), st.one_of(st.none(), st.floats(-1e6, 1e6)), max_size=60
).map(lambda d: pd.Series(d, dtype=float))


@settings(max_examples=80, deadline=None)
@given(lead=monthly, lagging=monthly, max_lag=st.integers(0, 12), changes=st.booleans())
def test_lag_table_never_crashes_on_gappy_series(lead, lagging, max_lag, changes):
    """Whatever months are missing, is there one row per lag with a valid correlation?"""
    table = lag_correlations(lead, lagging, max_lag, changes=changes)
    assert table["lag"].tolist() == list(range(max_lag + 1))
    corr = table["correlation"].dropna()
    assert ((corr >= -1 - 1e-9) & (corr <= 1 + 1e-9)).all()
    assert (table["months"] >= 0).all()
    try:
        assert 0 <= best_lag(lead, lagging, max_lag, changes=changes) <= max_lag
    except ValueError as err:
        assert "fewer than three months" in str(err)


answers = st.lists(
    st.fixed_dictionaries(
        {"side": st.sampled_from(["us", "partner"])},
        optional={d: st.integers(1, 5) for d in ("trust", "governance", "commitment")},
    ).filter(lambda a: len(a) > 1),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(entered=answers)
def test_health_index_stays_on_the_scale_for_any_entered_survey(entered):
    """Does any survey entered in the widget give an index from 1 to 5, and gaps from 0 to 4?"""
    from toolkit.health.model import survey_from_answers

    survey = survey_from_answers(entered)
    assert 1 <= health_index(survey) <= 5
    if survey["side"].nunique() == 2:
        gaps = perception_gaps(survey)["gap"].dropna()
        assert ((gaps >= 0) & (gaps <= 4)).all()
