"""Lag analysis: known lags found through quarter rhythms, lumpy deals, trends and gaps; how
sure a reading is; bad input explained."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lagpairs import SAMPLE, Spec, make_pair, score

from toolkit.indicators import lags
from toolkit.indicators.lags import VERDICTS, LagReading, best_lag, lag_correlations, reads_clearly


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


@pytest.fixture(scope="module")
def readings():
    """Every pair of the fixed sample (tests/lagpairs.py), read once: new and naive."""
    out = {}
    for kind, specs in SAMPLE.items():
        rows = []
        for spec in specs:
            lead, lagging = make_pair(spec)
            naive = lag_correlations(lead, lagging, seasonality=None, window=1)
            rows.append((spec, best_lag(lead, lagging), int(naive["correlation"].idxmax())))
        out[kind] = rows
    return out


# ---- the synthetic sample ------------------------------------------------------------------
def test_the_sample_is_big_enough_and_fixed():
    """Is the sample the documented one: >= 100 pairs with a rhythm, 36-48 months, lags 2-10?"""
    rhythm = SAMPLE["rhythm"]
    assert len(rhythm) >= 100 and len(SAMPLE["lumpy"]) >= 100
    assert {s.months for s in rhythm} == {36, 48} and {s.lag for s in rhythm} == set(range(2, 11))
    assert {s.rhythm for s in rhythm} == {"revenue", "both"}
    assert all(any(getattr(s, f) for s in rhythm) for f in ("trend", "level_shift", "gaps"))
    lead, lagging = make_pair(rhythm[0])
    again = make_pair(rhythm[0])
    pd.testing.assert_series_equal(lead, again[0])
    pd.testing.assert_series_equal(lagging, again[1])


def test_with_a_quarter_rhythm_the_lag_is_found_in_nine_pairs_in_ten(readings):
    """Is the lag named within one month in >= 90 % of the rhythm pairs (naive: far fewer)?"""
    result = score((spec, reading) for spec, reading, _ in readings["rhythm"])
    naive = np.mean([abs(found - spec.lag) <= 1 for spec, _, found in readings["rhythm"]])
    assert result["hit_rate"] >= 0.9, result
    assert naive < 0.7, naive  # the problem is real: single months with the rhythm left in
    assert result["wrong_clear"] == []


def test_without_a_rhythm_nothing_is_lost(readings):
    """On pairs with no quarter rhythm, is the lag still found in >= 90 % of them?"""
    result = score((spec, reading) for spec, reading, _ in readings["no rhythm"])
    assert result["hit_rate"] >= 0.9, result


def test_lumpy_pairs_are_found_or_said_to_be_unclear_never_wrong_and_clear(readings):
    """With a few large deals a month, is no wrong lag ever called clear?"""
    rows = readings["lumpy"]
    wrong_clear = [
        str(spec) for spec, r, _ in rows if r.verdict == "clear" and abs(r.lag - spec.lag) > 1
    ]
    assert wrong_clear == []
    verdicts = {r.verdict for _, r, _ in rows}
    assert "cannot tell" in verdicts  # it does say so
    said = [r for _, r, _ in rows if r.lag is None]
    assert all("cannot tell" in str(r) and r.reason for r in said)


def test_the_rhythm_is_taken_out_where_there_is_one(readings):
    """Does 'auto' take the rhythm out of nearly every rhythm pair, and rarely elsewhere?"""
    taken = np.mean([r.adjusted.startswith("the quarter") for _, r, _ in readings["rhythm"]])
    spurious = np.mean([r.adjusted.startswith("the quarter") for _, r, _ in readings["no rhythm"]])
    assert taken >= 0.95 and spurious <= 0.1, (taken, spurious)


# ---- clean series ----------------------------------------------------------------------------
@pytest.mark.parametrize("lag", range(13))
def test_best_lag_recovers_known_lags_with_noise_and_trend(lag):
    """Is the lag found for every known lag 0-12, on trending, noisy series (several seeds)?"""
    hits = [best_lag(*synthetic(lag, seed=seed)).lag == lag for seed in range(5)]
    assert sum(hits) >= 4, hits


def test_trending_levels_correlate_at_every_lag():
    """Why compare changes: are the levels of two trending series correlated at all lags?"""
    lead, lagging = synthetic(4, seed=1)
    levels = lag_correlations(lead, lagging, changes=False)["correlation"]
    changes = lag_correlations(lead, lagging)["correlation"]
    assert levels.min() > 0.9
    rivals = changes.drop([3, 4, 5])  # the best lag's neighbours share its peak
    assert changes.idxmax() == 4 and rivals.max() < changes[4] - 0.3


def test_one_row_per_lag_with_months_compared():
    """Does the table have lags 0..max_lag with a correlation and a count of months?"""
    lead, lagging = synthetic(2, seed=3, months=30)
    table = lag_correlations(lead, lagging, max_lag=5, seasonality=None, window=1)
    assert table["lag"].tolist() == list(range(6))
    assert list(table.columns) == ["lag", "correlation", "months"]
    # changes exist for months 2-30 (leading) and 4-30 (lagging: its first 2 months are empty)
    assert table["months"].tolist() == [min(27, 29 - k) for k in range(6)]
    # a 3-month window compares each 3-month average with the three months before it
    wide = lag_correlations(lead, lagging, max_lag=5, seasonality=None)
    assert wide.attrs["window"] == 3 and wide["months"].iloc[0] < table["months"].iloc[0]


def test_missing_months_are_skipped_not_fatal():
    """Do gaps, NaNs and different date ranges align on the month instead of failing?"""
    lead, lagging = synthetic(5, seed=7)
    holey = lead.drop([10, 11, 30, 44])
    lagging = lagging.copy()
    lagging.loc[[20, 21]] = np.nan
    lagging = lagging.loc[3:]  # starts later
    assert best_lag(holey, lagging).lag == 5
    shuffled = holey.sample(frac=1, random_state=0)
    assert best_lag(shuffled, lagging) == best_lag(holey, lagging)


def test_calendar_months_work_as_an_index():
    """Do Period and Timestamp month indexes give the same reading as month numbers?"""
    lead, lagging = synthetic(3, seed=2)
    periods = pd.period_range("2022-01", periods=len(lead), freq="M")
    stamps = pd.date_range("2022-01-01", periods=len(lead), freq="MS")
    expected = best_lag(lead, lagging)
    assert best_lag(lead.set_axis(periods), lagging.set_axis(periods)) == expected
    assert best_lag(lead.set_axis(stamps), lagging.set_axis(stamps)) == expected


def test_the_reading_is_reproducible_and_seeded():
    """Does the same data always give the same reading, and the seed only move the range?"""
    lead, lagging = make_pair(Spec(lag=5, months=48, seed=2, rhythm="both"))
    first = best_lag(lead, lagging)
    assert best_lag(lead, lagging) == first
    other = best_lag(lead, lagging, seed=1)
    assert other.lag == first.lag and other.margin == first.margin


# ---- what a reading says ----------------------------------------------------------------------
def test_a_reading_says_itself_in_one_sentence():
    """Is str(reading) one plain sentence naming the lag, the verdict and the metrics?"""
    lead, lagging = make_pair(Spec(lag=4, months=48, seed=0, rhythm="revenue"))
    reading = best_lag(lead, lagging)
    text = str(reading)
    assert text.startswith("Partner-sourced revenue") and "deal registrations" in text
    assert f"about {reading.lag} months" in text and reading.verdict.split()[0] in text
    assert text.endswith(".") and ". " not in text
    assert reading._repr_html_() == f"<p>{text}</p>".replace("'", "&#x27;")
    assert reading.verdict in VERDICTS and reading.window == 3 and reading.months >= 18
    low, high = reading.plausible
    assert low <= reading.lag <= high
    assert reading.table[["share", "low", "high"]].notna().all().all()


def test_too_few_months_say_cannot_tell_in_words():
    """Does a year of data give 'cannot tell' with a reason, and no lag, instead of an error?"""
    lead, lagging = make_pair(Spec(lag=3, months=36, seed=0))
    reading = best_lag(lead.loc[:12], lagging.loc[:12])
    assert reading.lag is None and reading.verdict == "cannot tell"
    assert "only" in reading.reason and "months can be compared" in reading.reason
    assert str(reading).startswith("The data cannot tell yet")


def test_unrelated_series_cannot_be_read():
    """Do two unrelated noise series give no 'clear' lag?"""
    rng = np.random.default_rng(5)
    verdicts = [
        best_lag(pd.Series(rng.normal(size=48)), pd.Series(rng.normal(size=48))).verdict
        for _ in range(20)
    ]
    assert "clear" not in verdicts and verdicts.count("cannot tell") >= 10, verdicts


def test_the_margin_is_measured_against_a_lag_two_months_away():
    """Is the next-best lag two or more months from the best, and the margin the difference?"""
    lead, lagging = make_pair(Spec(lag=6, months=48, seed=1, rhythm="both"))
    reading = best_lag(lead, lagging)
    corr = reading.table["correlation"]
    assert abs(reading.next_best - reading.lag) >= 2
    assert reading.margin == pytest.approx(corr[reading.lag] - corr[reading.next_best], abs=1e-3)


def test_reads_clearly_vets_a_pair_and_never_raises_for_data_that_cannot_tell():
    """Can an exercise ask only about pairs that read clearly with a margin?"""
    lead, lagging = synthetic(4, seed=0, noise=0.1)
    assert reads_clearly(lead, lagging)
    reading = best_lag(lead, lagging)
    assert reads_clearly(reading, margin=reading.margin)
    assert not reads_clearly(reading, margin=reading.margin + 0.01)
    assert not reads_clearly(lead.loc[:12], lagging.loc[:12])
    apart = pd.Series([1.0, 2.0, 3.0], index=[100, 101, 102])
    assert not reads_clearly(apart, lagging)  # no month in common: not clear, no error


def test_bad_inputs_say_what_is_expected():
    """Do a list, a text index, no overlap or a wrong option give a helpful ValueError?"""
    with pytest.raises(ValueError, match="must be a pandas Series indexed by month"):
        best_lag([1, 2, 3], pd.Series([1, 2, 3]))
    with pytest.raises(ValueError, match="index must be months"):
        best_lag(pd.Series([1, 2], index=["a", "b"]), pd.Series([1, 2]))
    with pytest.raises(ValueError, match="share no month at any lag"):
        best_lag(pd.Series([1.0, 2.0]), pd.Series([2.0, 4.0], index=[40, 41]))
    with pytest.raises(ValueError, match="share no month"):
        best_lag(pd.Series([], dtype=float), pd.Series([2.0, 4.0]))
    with pytest.raises(ValueError, match="window must be a whole number of months"):
        best_lag(pd.Series([1.0, 2.0]), pd.Series([2.0, 4.0]), window=0)
    with pytest.raises(ValueError, match="seasonality must be 'auto', 'quarter' or None"):
        lag_correlations(pd.Series([1.0, 2.0]), pd.Series([2.0, 4.0]), seasonality="yearly")
    with pytest.raises(ValueError, match="max_lag must be 0 or more"):
        lag_correlations(pd.Series([1.0, 2.0]), pd.Series([2.0, 4.0]), max_lag=-1)


# ---- properties --------------------------------------------------------------------------------
monthly = st.dictionaries(
    st.integers(1, 60), st.one_of(st.none(), st.floats(-1e6, 1e6)), max_size=60
).map(lambda d: pd.Series(d, dtype=float))


@settings(max_examples=60, deadline=None)
@given(
    lead=monthly,
    lagging=monthly,
    max_lag=st.integers(0, 12),
    changes=st.booleans(),
    window=st.integers(1, 4),
    seasonality=st.sampled_from(["auto", "quarter", None]),
)
def test_a_reading_never_crashes_on_gappy_series(
    lead, lagging, max_lag, changes, window, seasonality
):
    """Whatever months are missing, is there a table and a reading, or a plain ValueError?"""
    options = dict(changes=changes, window=window, seasonality=seasonality)
    table = lag_correlations(lead, lagging, max_lag, **options)
    assert table["lag"].tolist() == list(range(max_lag + 1))
    corr = table["correlation"].dropna()
    assert ((corr >= -1 - 1e-9) & (corr <= 1 + 1e-9)).all()
    assert (table["months"] >= 0).all()
    try:
        reading = best_lag(lead, lagging, max_lag, resamples=20, **options)
    except ValueError as err:
        assert "share no month" in str(err)
        return
    assert isinstance(reading, LagReading) and reading.verdict in VERDICTS
    assert (reading.lag is None) == (reading.verdict == "cannot tell")
    if reading.lag is not None:
        assert 0 <= reading.lag <= max_lag and reading.months >= lags.MIN_MONTHS
    assert str(reading).endswith(".")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lag=st.integers(2, 8),
    seed=st.integers(0, 10_000),
    months=st.sampled_from([36, 48]),
    rhythm=st.sampled_from(["none", "revenue", "both"]),
    shift=st.integers(1, 4),
)
def test_moving_the_leading_series_moves_the_answer(lag, seed, months, rhythm, shift):
    """Shift the leading series `shift` months earlier: does the lag grow by exactly that?"""
    lead, lagging = make_pair(Spec(lag, months, seed, rhythm))
    earlier = lead.set_axis(lead.index - shift)
    before = best_lag(lead, lagging)
    after = best_lag(earlier, lagging, max_lag=12 + shift)
    # the correlations move with the series, lag for lag
    table = lag_correlations(lead, lagging)
    moved = lag_correlations(earlier, lagging, max_lag=12 + shift)
    assert np.allclose(
        moved["correlation"].iloc[shift:].to_numpy(),
        table["correlation"].to_numpy(),
        equal_nan=True,
    )
    assume(before.lag is not None and after.lag is not None)
    assert after.lag == before.lag + shift


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.floats(0.5, 500, allow_nan=False)), min_size=0, max_size=40
    ),
    before=st.integers(0, 14),
    after=st.integers(0, 14),
    first=st.integers(1, 12),
)
def test_a_series_rhythm_is_its_own_on_a_wider_span(values, before, after, first):
    """Is a series' quarter rhythm the same measured on a wider span of months?

    best_lag measures each series' rhythm once, on both series' months, and judges the
    jumpiness of each on its own months with that rhythm: the months outside a series' own
    first to last are empty there, so they must change nothing.
    """
    from toolkit.indicators.seasonality import _rhythm_of

    own = np.array([np.nan if v is None else v for v in values], dtype=float)
    months = np.arange(first, first + len(own))
    wide = np.concatenate([np.full(before, np.nan), own, np.full(after, np.nan)])
    wide_months = np.arange(first - before, first + len(own) + after)
    assert _rhythm_of(wide, wide_months) == _rhythm_of(own, months)


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), min_size=1, max_size=30
    ),
    dropped=st.sets(st.integers(0, 29), max_size=10),
    calendar=st.booleans(),
    seed=st.integers(0, 1000),
)
def test_months_in_order_and_shuffled_line_up_the_same(values, dropped, calendar, seed):
    """Does a series whose months come in order (placed straight into the months) give the
    same consecutive months as the same series shuffled (read month by month)?"""
    from toolkit.indicators._months import consecutive

    kept = [i for i in range(len(values)) if i not in dropped] or [0]
    numbers = np.array([np.nan if values[i] is None else values[i] for i in kept])
    index = (
        pd.period_range("2026-01", periods=len(values), freq="M")[kept]
        if calendar
        else pd.Index(np.array(kept) + 1)
    )
    series = pd.Series(numbers, index=index)
    in_order = consecutive(series, "x")
    shuffled = consecutive(series.sample(frac=1, random_state=seed), "x")
    pd.testing.assert_series_equal(in_order, shuffled, check_index_type=True)
