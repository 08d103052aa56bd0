"""The quarter-end rhythm: measured where it is, not invented where it is not, taken out."""

import numpy as np
import pandas as pd
import pytest

from toolkit.indicators.seasonality import QuarterRhythm, quarter_rhythm, without_rhythm

RHYTHM = np.array([0.7, 0.85, 1.45])


def bookings(months=36, *, seed=0, rhythm=True, start=1, noise=0.1):
    """Growing monthly bookings with (or without) the quarter-end rhythm and some noise."""
    rng = np.random.default_rng(seed)
    index = np.arange(start, start + months)
    level = 100 + 2 * (index - start)
    shares = RHYTHM[(index - 1) % 3] if rhythm else 1.0
    return pd.Series(level * shares * (1 + noise * rng.normal(size=months)), index=index)


def test_a_rhythm_is_measured_close_to_the_truth():
    """Are the three factors of noisy, growing bookings within 0.1 of 0.7 / 0.85 / 1.45?"""
    for seed in range(5):
        rhythm = quarter_rhythm(bookings(seed=seed))
        assert rhythm.found
        assert np.allclose(rhythm.factors, RHYTHM, atol=0.1), rhythm
        assert "a quarter rhythm" in str(rhythm)


def test_no_rhythm_is_invented_in_noise():
    """Do bookings without a rhythm almost never count as having one?"""
    found = [quarter_rhythm(bookings(seed=s, rhythm=False)).found for s in range(40)]
    assert sum(found) <= 2, found


def test_too_few_months_measure_nothing():
    """Do seven months give neutral factors and say there are too few months?"""
    rhythm = quarter_rhythm(bookings(7))
    assert rhythm == QuarterRhythm(months=rhythm.months) and not rhythm.found
    assert "too few months" in str(rhythm)


def test_calendar_months_place_the_quarter():
    """Does a series of calendar months starting in February keep March as the quarter's end?"""
    numbers = bookings(36, noise=0.0)
    periods = numbers.set_axis(pd.period_range("2022-01", periods=36, freq="M"))
    assert quarter_rhythm(periods.iloc[1:]).factors == pytest.approx(RHYTHM, abs=0.02)


def test_taking_the_rhythm_out_leaves_the_growth():
    """Is each month divided by its factor, the index and name kept?"""
    s = bookings(noise=0.0).rename("sourced_revenue")
    flat = without_rhythm(s)
    assert flat.index.equals(s.index) and flat.name == "sourced_revenue"
    assert np.allclose(flat, 100 + 2 * (s.index - 1), rtol=0.02)
    plain = bookings(rhythm=False, noise=0.0)
    assert np.allclose(without_rhythm(plain, QuarterRhythm()), plain)
