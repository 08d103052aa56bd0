"""Lag analysis: lags recovered from noisy, trending, gappy series; bad input explained."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.indicators.lags import best_lag, lag_correlations


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
