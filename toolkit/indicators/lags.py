"""By how many months a lagging metric follows a leading one, and how sure that reading is.

Revenue is a *lagging* indicator: it is the result of joint work done months earlier. The
joint work itself (trained sellers, campaigns, deal registrations, pipeline) is measured by
*leading* indicators. :func:`lag_correlations` correlates a leading metric at month t with a
lagging one at month t + k for every k; :func:`best_lag` reads the k where the relation is
strongest and says how sure that reading is (a :class:`LagReading`).

Three steps before correlating
------------------------------
1. **Take the quarter rhythm out** (``seasonality="auto"``). Sales teams close deals at
   quarter end, so revenue books far more in the third month of a quarter than in the
   first. Left in, that rhythm makes every third lag look related: a reading on single
   months picks 0, 3, 9 or 12 months for no real reason. ``"auto"`` measures the rhythm of
   each series (:mod:`toolkit.indicators.seasonality`) and, where either has a clear one,
   takes each series' own rhythm out of both (the same calendar drives them);
   ``"quarter"`` always does; ``None`` leaves the series as they are.
2. **Average over a few months** (``window=3``). Revenue made of a handful of deals jumps
   from month to month; the average of three months moves with the business rather than
   with single deals. ``window=1`` compares single months.
3. **Compare changes, not levels** (``changes=True``). Two series that both grow are
   correlated at *every* lag, so their levels say nothing about timing. The change of each
   average against the one just before it (the last three months against the three before
   them, or this month against last month with ``window=1``) removes the shared growth;
   what is left is the movement, and a movement in the leading metric is echoed in the
   lagging one a fixed number of months later.

How sure the reading is
-----------------------
Four measures, all in the :class:`LagReading`:

- the *margin*: the correlation at the best lag minus the *next-best*, which is the highest
  correlation at a lag two months or more away from the best (the best lag's neighbours
  share its peak, so they are not rivals);
- the *plausible* range: :func:`best_lag` resamples the months (a *block bootstrap*:
  stretches of six months, drawn at random with replacement, so that neighbouring months
  stay together) and reads the lag again on each of 200 resamples; 90 % of them fall in it;
- the *agreement*: the share of resamples within one month of the best lag;
- the *chance* level: the correlation two unrelated series this long and this smooth
  typically show (Bartlett's formula; averages make neighbouring months move together, so
  40 months hold fewer independent observations than it seems).

The verdict is ``"clear"`` when the best correlation is at least :data:`CLEAR_STRENGTH`
times the chance level, the margin at least :data:`CLEAR_MARGIN`, nine in ten resamples
agree and the plausible range spans at most :data:`CLEAR_SPAN` months. (These thresholds
were set on synthetic pairs with a known lag: revenue made of a few large deals should
rather read "likely" or "cannot tell" than name a wrong lag as clear; see
``tests/lagpairs.py``.) It is ``"cannot tell"``, with no lag named, when fewer than
:data:`MIN_MONTHS` months can be compared, when the best correlation is within
:data:`LIKELY_STRENGTH` chance levels (no lag stands out), when fewer than half the
resamples agree, or when a rival lag fits about as well (margin below 0.05). In between it
is ``"likely"``. A reading never raises for "cannot tell".

Examples
--------
Deal registrations and revenue that both book at quarter end (70 %, 85 % and 145 % of the
quarter's average in its first, second and third month), revenue four months after the
registrations:

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(3)
>>> work = 50 + rng.normal(0, 8, 52).cumsum() + 25 * (rng.random(52) < 0.15)
>>> rhythm = np.tile([0.7, 0.85, 1.45], 16)
>>> registrations = pd.Series(work[4:] * rhythm, index=range(1, 49), name="deal_registrations")
>>> revenue = pd.Series(work[:48] * rhythm, index=range(1, 49), name="sourced_revenue")
>>> reading = best_lag(registrations, revenue)
>>> print(reading)  # doctest: +ELLIPSIS
Partner-sourced revenue follows deal registrations by about 4 months (clear: ...).
>>> reading.adjusted
'the quarter rhythm of both series'

Read naively (single months, rhythm left in), every third lag looks related:

>>> naive = lag_correlations(registrations, revenue, seasonality=None, window=1)
>>> naive["correlation"].nlargest(3).index.tolist()
[6, 9, 12]
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.indicators._months import consecutive
from toolkit.indicators.seasonality import QuarterRhythm, _rhythm_of

__all__ = [
    "CLEAR_MARGIN",
    "CLEAR_SPAN",
    "CLEAR_STRENGTH",
    "LIKELY_STRENGTH",
    "MIN_MONTHS",
    "RESAMPLES",
    "SEASONALITY",
    "VERDICTS",
    "LagReading",
    "best_lag",
    "lag_correlations",
    "lag_in_months",
    "reads_clearly",
]

SEASONALITY = ("auto", "quarter", None)
VERDICTS = ("clear", "likely", "cannot tell")
#: fewer months compared than this at the best lag: the data cannot tell
MIN_MONTHS = 18
#: "clear" needs the best correlation this many times the chance level ...
CLEAR_STRENGTH = 3.0
#: ... the best lag this far ahead of the next-best one ...
CLEAR_MARGIN = 0.15
#: ... and a plausible range no wider than this many months (low to high)
CLEAR_SPAN = 3
_CLEAR_AGREEMENT = 0.9  # ... with nine resamples in ten within a month of the best lag
#: below this many chance levels, no lag stands out: the data cannot tell
LIKELY_STRENGTH = 1.5
_LIKELY_AGREEMENT = 0.5  # fewer resamples than this within a month of the best: cannot tell
_LIKELY_MARGIN = 0.05  # a rival lag closer than this: cannot tell
#: resamples drawn by best_lag (seeded: the same data always give the same reading)
RESAMPLES = 200
_PLAUSIBLE = 0.9  # share of resamples the plausible range holds
_BLOCK = 6  # months per resampled block (at least two windows)
_CHANCE_LAGS = 2  # the chance level counts autocorrelation up to this many windows apart


# ---------------------------------------------------------------------------------------
# preparing the two series
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Prepared:
    """Both series on one axis of consecutive months, transformed, with what was done."""

    leading: np.ndarray
    lagging: np.ndarray
    rhythms: tuple[QuarterRhythm, QuarterRhythm]
    taken_out: tuple[bool, bool]
    window: int
    changes: bool
    names: tuple[str, str]
    #: both series as given, one value per consecutive month (before the transformation)
    by_month: tuple[pd.Series, pd.Series]


def _name(series, fallback: str) -> str:
    """How a sentence names a metric: its catalogue label, its own name, or the fallback."""
    from toolkit.indicators.catalogue import METRICS

    raw = getattr(series, "name", None)
    if raw is None or not str(raw).strip():
        return fallback
    labels = {m.name: m.label for m in METRICS}
    text = labels.get(str(raw), str(raw).replace("_", " "))
    return text[:1].lower() + text[1:] if not text[:2].isupper() else text


def _check_options(max_lag, window, seasonality) -> tuple[int, int]:
    max_lag = int(max_lag)
    if max_lag < 0:
        msg = f"max_lag must be 0 or more months, got {max_lag}"
        raise ValueError(msg)
    whole = isinstance(window, int | np.integer) and not isinstance(window, bool)
    if not whole or not 1 <= window <= 12:
        msg = f"window must be a whole number of months from 1 to 12, got {window!r}"
        raise ValueError(msg)
    if seasonality not in SEASONALITY:
        msg = f"seasonality must be 'auto', 'quarter' or None, got {seasonality!r}"
        raise ValueError(msg)
    return max_lag, int(window)


def _prepare(leading, lagging, *, changes, seasonality, window) -> _Prepared:
    a = consecutive(leading, "leading")
    b = consecutive(lagging, "lagging")
    if a.empty or b.empty:
        axis = pd.RangeIndex(0, 0)
    else:
        axis = pd.RangeIndex(
            min(a.index.min(), b.index.min()), max(a.index.max(), b.index.max()) + 1
        )
    months = axis.to_numpy()
    values = [s.reindex(axis).to_numpy(dtype=float) for s in (a, b)]
    rhythms = [_rhythm_of(v, months) if len(v) else QuarterRhythm() for v in values]
    # the same calendar drives both series: where either has a clear rhythm, both lose theirs
    wanted = seasonality == "quarter" or (seasonality == "auto" and any(r.found for r in rhythms))
    out, taken = [], []
    for series_values, rhythm in zip(values, rhythms, strict=True):
        take = wanted and rhythm.factors != (1.0, 1.0, 1.0)
        if take:
            series_values = series_values / np.asarray(rhythm.factors)[(months - 1) % 3]
        series = pd.Series(series_values)
        if window > 1:  # the average of the months measured (at least half of them)
            series = series.rolling(window, min_periods=(window + 1) // 2).mean()
        if changes:
            series = series.diff(window)
        out.append(series.to_numpy(dtype=float))
        taken.append(bool(take))
    names = (_name(leading, "the leading metric"), _name(lagging, "the lagging metric"))
    return _Prepared(out[0], out[1], tuple(rhythms), tuple(taken), window, changes, names, (a, b))


def _adjusted_words(p: _Prepared, seasonality) -> str:
    """What was taken out, in words (``LagReading.adjusted``, ``table.attrs["adjusted"]``)."""
    if not any(p.taken_out):
        if seasonality is None:
            return "nothing (seasonality=None)"
        if seasonality == "quarter":
            return "nothing (too few months to measure a quarter rhythm)"
        return "nothing (no clear quarter rhythm in either series)"
    found = [name for name, r in zip(p.names, p.rhythms, strict=True) if r.found]
    where = "both series" if all(p.taken_out) else (p.names[0] if p.taken_out[0] else p.names[1])
    if seasonality == "quarter" or len(found) != 1:
        return f"the quarter rhythm of {where}"
    return f"the quarter rhythm of {where} (clear in {found[0]})"


# ---------------------------------------------------------------------------------------
# correlations, for the whole sample and for resamples (weights per month)
# ---------------------------------------------------------------------------------------
def _correlations(p: _Prepared, max_lag: int, weights: np.ndarray):
    """Correlation and months compared per lag, for each row of ``weights`` (months)."""
    n = len(p.lagging)
    lags = np.arange(max_lag + 1)
    shifted = np.full((len(lags), n), np.nan)
    for k in lags:
        if k < n:
            shifted[k, k:] = p.leading[: n - k]
    y = np.broadcast_to(p.lagging, shifted.shape)
    valid = np.isfinite(shifted) & np.isfinite(y)
    # centre on the overall means (numerically safer sums of squares)
    x = np.where(valid, shifted - np.nanmean(shifted[valid]) if valid.any() else 0, 0.0)
    y = np.where(valid, y - np.nanmean(y[valid]) if valid.any() else 0, 0.0)
    v = valid.astype(float)
    count = weights @ v.T
    with np.errstate(invalid="ignore", divide="ignore"):
        mx = (weights @ x.T) / count
        my = (weights @ y.T) / count
        vx = (weights @ (x * x).T) / count - mx**2
        vy = (weights @ (y * y).T) / count - my**2
        cov = (weights @ (x * y).T) / count - mx * my
        scale_x = (weights @ (x * x).T) / count
        scale_y = (weights @ (y * y).T) / count
        flat = (vx <= 1e-12 * scale_x + 1e-300) | (vy <= 1e-12 * scale_y + 1e-300)
        corr = np.where((count >= 3) & ~flat, cov / np.sqrt(vx * vy), np.nan)
    return np.clip(corr, -1.0, 1.0), count


def _table(p: _Prepared, max_lag: int, seasonality) -> pd.DataFrame:
    corr, count = _correlations(p, max_lag, np.ones((1, len(p.lagging))))
    table = pd.DataFrame(
        {
            "lag": np.arange(max_lag + 1),
            "correlation": corr[0],
            "months": count[0].astype(int),
        },
        index=pd.Index(range(max_lag + 1), name="lag_months"),
    )
    table.attrs.update(adjusted=_adjusted_words(p, seasonality), window=p.window, changes=p.changes)
    return table


def lag_correlations(
    leading: pd.Series,
    lagging: pd.Series,
    max_lag: int = 12,
    *,
    changes: bool = True,
    seasonality: str | None = "auto",
    window: int = 3,
) -> pd.DataFrame:
    """Correlation between ``leading`` at month t and ``lagging`` at month t + k, for each k.

    Parameters
    ----------
    leading, lagging : pandas.Series
        Monthly values indexed by month (whole numbers or calendar months). They are aligned
        on the index; a month missing from either (or empty) is skipped, not an error.
    max_lag : int, optional
        The largest lag to try, in months (default 12).
    changes : bool, optional
        Compare changes from one month to the next (default) rather than levels; see the
        module notes.
    seasonality : {"auto", "quarter", None}, optional
        Take the quarter-end rhythm out first: where it is clear (``"auto"``, default), of
        both series (``"quarter"``), or not at all (``None``).
    window : int, optional
        Average each series over this many months before comparing (default 3; 1 compares
        single months).

    Returns
    -------
    pandas.DataFrame
        One row per lag 0 ... ``max_lag`` (the index), with columns ``lag``, ``correlation``
        (NaN when fewer than three months overlap) and ``months`` (how many months were
        compared). ``table.attrs`` says what was done: ``adjusted`` (what was taken out, in
        words), ``window`` and ``changes``.

    Raises
    ------
    ValueError
        When a series is not a pandas Series indexed by month, or an option is out of range.

    Examples
    --------
    >>> import toolkit.data as data
    >>> table = lag_correlations(data.series("Summit", "deal_registrations"),
    ...                          data.series("Summit", "sourced_revenue"))
    >>> int(table["correlation"].idxmax()), table.attrs["window"]
    (3, 3)
    >>> table.attrs["adjusted"]
    'the quarter rhythm of both series (clear in partner-sourced revenue)'
    """
    max_lag, window = _check_options(max_lag, window, seasonality)
    prepared = _prepare(leading, lagging, changes=changes, seasonality=seasonality, window=window)
    return _table(prepared, max_lag, seasonality)


# ---------------------------------------------------------------------------------------
# the reading
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LagReading:
    """What :func:`best_lag` reads from two series: a lag, and how sure it is.

    ``str(reading)`` is one plain sentence; in a notebook the reading shows as that sentence.

    Attributes
    ----------
    lag : int or None
        Months by which the lagging metric follows the leading one; None when the data
        cannot tell.
    verdict : str
        ``"clear"``, ``"likely"`` or ``"cannot tell"`` (see the module notes).
    margin : float or None
        Correlation at the best lag minus the next-best (a lag two months or more away).
    plausible : tuple of int, or None
        The lowest and highest lag that 90 % of the resampled data pick.
    adjusted : str
        What was taken out before comparing, in words.
    window : int
        Months averaged before comparing.
    months : int
        Months compared at the best lag.
    correlation : float or None
        Correlation at the best lag.
    next_best : int or None
        The next-best lag (the one the margin is measured against).
    agreement : float
        Share of resamples that pick a lag within one month of the best.
    chance : float or None
        The correlation unrelated series this long and smooth typically show.
    reason : str
        Why the verdict is what it is, in words.
    names : tuple of str
        How the sentence names the leading and the lagging metric.
    table : pandas.DataFrame
        :func:`lag_correlations`, plus per lag the share of resamples that pick it
        (``share``) and the 5 % and 95 % resampled correlation (``low``, ``high``).
    """

    lag: int | None
    verdict: str
    margin: float | None
    plausible: tuple[int, int] | None
    adjusted: str
    window: int
    months: int
    correlation: float | None = None
    next_best: int | None = None
    agreement: float = 0.0
    chance: float | None = None
    reason: str = ""
    names: tuple[str, str] = ("the leading metric", "the lagging metric")
    table: pd.DataFrame = field(default=None, compare=False, repr=False)

    @property
    def clear(self) -> bool:
        """Whether the verdict is ``"clear"``."""
        return self.verdict == "clear"

    def sentence(self) -> str:
        """The reading in one plain sentence (what ``str(reading)`` gives)."""
        lead, lagging = self.names
        if self.lag is None:
            return (
                f"The data cannot tell yet by how many months {lagging} follows {lead}: "
                f"{self.reason}."
            )
        subject = lagging[:1].upper() + lagging[1:]
        months = "month" if self.lag == 1 else "months"
        if self.verdict == "clear":
            return f"{subject} follows {lead} by about {self.lag} {months} (clear: {self.reason})."
        return (
            f"{subject} probably follows {lead} by about {self.lag} {months} "
            f"(likely, not certain: {self.reason})."
        )

    def __str__(self) -> str:
        return self.sentence()

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.sentence())}</p>"


def _autocorrelation(values: np.ndarray, most: int) -> np.ndarray:
    """Autocorrelation at 1 ... ``most`` months of a series with gaps (pairs both measured)."""
    x = values - np.nanmean(values)
    total = np.nansum(x * x)
    out = np.zeros(most)
    for j in range(1, most + 1):
        if j < len(x) and total > 0:
            out[j - 1] = np.nansum(x[:-j] * x[j:]) / total
    return out


def _chance(p: _Prepared, months: int) -> float:
    """Typical correlation of two *unrelated* series like these (Bartlett's formula).

    For independent series the correlation's spread is sqrt(sum_j r_a(j) r_b(j) / n) over
    the lags j of both series' autocorrelations r_a and r_b: averages and changes make
    neighbouring months move together, so ``n`` months hold fewer independent observations.
    """
    most = max(1, min(_CHANCE_LAGS * p.window, months // 4))
    pairs = _autocorrelation(p.leading, most) * _autocorrelation(p.lagging, most)
    return float(np.sqrt(max(1 + 2 * float(np.sum(pairs)), 1.0) / max(months, 1)))


def _jumpiness(values: np.ndarray, months: np.ndarray) -> float:
    """Typical size of a month against the three months around it, quarter rhythm taken out."""
    rhythm = _rhythm_of(values, months)
    x = values / np.asarray(rhythm.factors)[(months - 1) % 3]
    around = np.full(len(x), np.nan)
    if len(x) >= 3:
        around[1:-1] = (x[:-2] + x[1:-1] + x[2:]) / 3
    usable = np.isfinite(around) & (around > 0) & np.isfinite(x)
    return float(np.median(np.abs(x[usable] / around[usable] - 1))) if usable.any() else 0.0


def _jumps(p: _Prepared) -> bool:
    """Whether the lagging series jumps from month to month far more than the leading one.

    Revenue made of a few large deals does (by half as much again or more); revenue made of
    many deals moves about as smoothly as the registrations behind it.
    """
    a, b = p.by_month
    if len(a) < 6 or len(b) < 6:
        return False
    lead = _jumpiness(a.to_numpy(dtype=float), a.index.to_numpy())
    lag = _jumpiness(b.to_numpy(dtype=float), b.index.to_numpy())
    return bool(lag > 1.5 * lead) if lead > 0 else False


def _resample_weights(lagging: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """Moving-block bootstrap over the months where the lagging series is measured.

    Returns how often each month is drawn, one row per resample (months of the leading
    series come along with their lagging partner at every lag, so pairs stay intact).
    """
    measured = np.flatnonzero(np.isfinite(lagging))
    n = len(lagging)
    if len(measured) < 3 or resamples < 1:
        return np.zeros((0, n))
    first, last = int(measured[0]), int(measured[-1])
    span = last - first + 1
    block = min(_BLOCK, span)
    rng = np.random.default_rng(seed)
    starts = rng.integers(first, last - block + 2, size=(resamples, -(-span // block)))
    months = (starts[:, :, None] + np.arange(block)).reshape(resamples, -1)[:, :span]
    rows = np.repeat(np.arange(resamples), span)
    counts = np.bincount(rows * n + months.ravel(), minlength=resamples * n)
    return counts.reshape(resamples, n).astype(float)


@dataclass(frozen=True)
class _Evidence:
    """What the verdict is judged on."""

    best: int
    correlation: float
    margin: float
    next_best: int | None
    plausible: tuple[int, int]
    agreement: float
    chance: float
    months: int


def _verdict(e: _Evidence, lumpy: bool, names: tuple[str, str]) -> tuple[str, str]:
    """The verdict and its reason in words (the rules are in the module notes)."""
    low, high = e.plausible
    jumps = f"; {names[1]} jumps from month to month far more than {names[0]}" if lumpy else ""
    strength = e.correlation / e.chance
    if e.months < MIN_MONTHS:
        return "cannot tell", (
            f"only {e.months} months can be compared, and a reading needs at least {MIN_MONTHS}"
        )
    if strength < LIKELY_STRENGTH:
        return "cannot tell", (
            f"no lag stands out (the highest correlation, {e.correlation:.2f}, is about what "
            f"unrelated series this short reach by chance, {e.chance:.2f}){jumps}"
        )
    if e.next_best is not None and e.margin < _LIKELY_MARGIN:
        return "cannot tell", f"{e.best} and {e.next_best} months fit about equally well{jumps}"
    if e.agreement < _LIKELY_AGREEMENT:
        return "cannot tell", (f"resampled data put it anywhere from {low} to {high} months{jumps}")
    clear = (
        strength >= CLEAR_STRENGTH
        and e.margin >= CLEAR_MARGIN
        and e.agreement >= _CLEAR_AGREEMENT
        and high - low <= CLEAR_SPAN
        and low <= e.best <= high
    )
    plausible = f"{low} to {high} months plausible" if low != high else f"{low} months plausible"
    if clear:
        return "clear", f"{plausible}, {e.margin:.2f} ahead of the next-best lag"
    if strength < CLEAR_STRENGTH:
        why = (
            f"its correlation, {e.correlation:.2f}, is not yet {CLEAR_STRENGTH:g} times the "
            f"{e.chance:.2f} that unrelated series this short reach by chance"
        )
    elif e.margin < CLEAR_MARGIN and e.next_best is not None:
        why = f"{e.next_best} months comes within {e.margin:.2f} of it"
    else:
        why = f"anywhere from {low} to {high} months is plausible"
    return "likely", why + jumps


def best_lag(
    leading: pd.Series,
    lagging: pd.Series,
    max_lag: int = 12,
    *,
    changes: bool = True,
    seasonality: str | None = "auto",
    window: int = 3,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> LagReading:
    """Read by how many months ``lagging`` follows ``leading``, and how sure that is.

    The lag with the highest correlation in :func:`lag_correlations` (the shortest one on a
    tie, among lags with at least :data:`MIN_MONTHS` months to compare), after taking the
    quarter-end rhythm out and averaging over ``window`` months, with a verdict from
    resampling the months (see the module notes). When the data cannot tell, the reading
    says why in words and names no lag; it never raises for that.

    Parameters
    ----------
    leading, lagging : pandas.Series
        Monthly values indexed by month; missing months are skipped.
    max_lag : int, optional
        The largest lag to try, in months (default 12).
    changes : bool, optional
        Compare changes (default) rather than levels.
    seasonality : {"auto", "quarter", None}, optional
        Take the quarter-end rhythm out where it is clear (default), of both series, or not.
    window : int, optional
        Months to average before comparing (default 3).
    resamples : int, optional
        How many block-bootstrap resamples judge the reading (default 200).
    seed : int, optional
        Seed of the resampling: the same data and seed always give the same reading.

    Returns
    -------
    LagReading
        ``.lag`` (int or None), ``.verdict``, ``.margin``, ``.plausible``, ``.adjusted``,
        ``.window``, ``.months``; ``str(reading)`` is one plain sentence.

    Raises
    ------
    ValueError
        When a series is not a pandas Series indexed by month, the two share no month at any
        lag, or an option is out of range.

    Examples
    --------
    Summit's revenue books at quarter end; the reading takes that rhythm out:

    >>> import toolkit.data as data
    >>> reading = best_lag(data.series("Summit", "deal_registrations"),
    ...                    data.series("Summit", "sourced_revenue"))
    >>> reading.lag, reading.verdict
    (3, 'clear')
    >>> print(reading)  # doctest: +ELLIPSIS
    Partner-sourced revenue follows deal registrations by about 3 months (clear: ...).

    A year of data is not enough to tell:

    >>> print(best_lag(data.series("Summit", "deal_registrations").loc[:12],
    ...                data.series("Summit", "sourced_revenue").loc[:12]))
    ... # doctest: +ELLIPSIS
    The data cannot tell yet by how many months ... only ... months can be compared, ...
    """
    max_lag, window = _check_options(max_lag, window, seasonality)
    p = _prepare(leading, lagging, changes=changes, seasonality=seasonality, window=window)
    if not _overlap(p, max_lag):
        msg = (
            "cannot compare the two series: they share no month at any lag from 0 to "
            f"{max_lag} (leading: {_span(leading)}; lagging: {_span(lagging)}). Pass two "
            "monthly series of the same period, for example "
            "data.series('Summit', 'deal_registrations') and "
            "data.series('Summit', 'sourced_revenue')"
        )
        raise ValueError(msg)
    table = _table(p, max_lag, seasonality)
    enough = (table["months"] >= MIN_MONTHS).to_numpy()
    weights = _resample_weights(p.lagging, int(resamples), int(seed))
    resampled, _ = _correlations(p, max_lag, weights)
    resampled = np.where(enough, resampled, np.nan)  # too few months: no candidate
    usable = ~np.isnan(resampled).all(axis=1)
    picks = np.argmax(np.where(np.isnan(resampled[usable]), -np.inf, resampled[usable]), axis=1)
    table["share"] = np.bincount(picks, minlength=max_lag + 1) / max(len(picks), 1)
    bands = np.full((2, max_lag + 1), np.nan)
    if usable.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # lags no resample can measure
            bands = np.nanquantile(resampled[usable], [0.05, 0.95], axis=0)
    table["low"], table["high"] = bands[0], bands[1]

    common = dict(adjusted=table.attrs["adjusted"], window=window, names=p.names, table=table)
    corr = table["correlation"].where(enough)
    if corr.isna().all():
        months = int(table["months"].max())
        why = f"only {months} months can be compared, and a reading needs at least {MIN_MONTHS}"
        return LagReading(None, "cannot tell", None, None, months=months, reason=why, **common)
    best = int(corr.idxmax())
    rivals = corr[(corr.index < best - 1) | (corr.index > best + 1)].dropna()
    tail = (1 - _PLAUSIBLE) / 2
    evidence = _Evidence(
        best=best,
        correlation=float(corr[best]),
        margin=float(corr[best] - rivals.max()) if len(rivals) else float(corr[best] + 1),
        next_best=int(rivals.idxmax()) if len(rivals) else None,
        plausible=(
            int(np.quantile(picks, tail, method="inverted_cdf")),
            int(np.quantile(picks, 1 - tail, method="inverted_cdf")),
        )
        if len(picks)
        else (best, best),
        agreement=float(np.mean(np.abs(picks - best) <= 1)) if len(picks) else 0.0,
        chance=_chance(p, int(table.loc[best, "months"])),
        months=int(table.loc[best, "months"]),
    )
    verdict, reason = _verdict(evidence, _jumps(p), p.names)
    return LagReading(
        best if verdict != "cannot tell" else None,
        verdict,
        round(evidence.margin, 3),
        evidence.plausible,
        months=evidence.months,
        correlation=round(evidence.correlation, 3),
        next_best=evidence.next_best,
        agreement=round(evidence.agreement, 3),
        chance=round(evidence.chance, 3),
        reason=reason,
        **common,
    )


def _overlap(p: _Prepared, max_lag) -> bool:
    """Whether some month of the lagging series has a leading value 0 ... max_lag months before."""
    a, b = (s.dropna() for s in p.by_month)
    if a.empty or b.empty:
        return False
    lead = set(a.index.tolist())
    return any(m - k in lead for m in b.index.tolist() for k in range(max_lag + 1))


def _span(series) -> str:
    s = consecutive(series, "series").dropna()
    return "no values" if s.empty else f"months {s.index.min()} to {s.index.max()}"


def reads_clearly(
    leading: pd.Series | LagReading,
    lagging: pd.Series | None = None,
    *,
    margin: float = 0.2,
    **options,
) -> bool:
    """Whether a pair's lag reads clearly, with at least ``margin`` over the next-best lag.

    For vetting an exercise: ask students only about lags the data can tell. Data that
    cannot tell, or share no month at all, simply read as not clear (no exception).

    Parameters
    ----------
    leading : pandas.Series or LagReading
        The leading series, or a reading already made by :func:`best_lag`.
    lagging : pandas.Series, optional
        The lagging series (not needed with a reading).
    margin : float, optional
        The least margin over the next-best lag (default 0.2, above the 0.15 "clear" needs).
    **options
        Passed to :func:`best_lag` (``max_lag``, ``window``, ``seasonality``, ...).

    Returns
    -------
    bool

    Examples
    --------
    >>> import toolkit.data as data
    >>> reads_clearly(data.series("Summit", "deal_registrations"),
    ...               data.series("Summit", "sourced_revenue"))
    True
    >>> reads_clearly(data.series("Summit", "deal_registrations").loc[:12],
    ...               data.series("Summit", "sourced_revenue").loc[:12])
    False
    """
    if isinstance(leading, LagReading):
        reading = leading
    else:
        try:
            reading = best_lag(leading, lagging, **options)
        except ValueError as err:
            if "share no month" not in str(err):
                raise
            return False
    return bool(reading.clear and reading.margin is not None and reading.margin >= margin)


def lag_in_months(
    leading: pd.Series, lagging: pd.Series, max_lag: int = 12, *, changes: bool = True
) -> int:
    """The lag with the highest correlation, as a bare number of months.

    What ``best_lag`` returned before it said how sure it is; notebooks released before that
    reach it through their old import path (``toolkit.metrics.best_lag``). New code uses
    :func:`best_lag`, whose ``.lag`` is None when the data cannot tell.

    Raises
    ------
    ValueError
        When no lag has at least three months to compare.

    Examples
    --------
    >>> import toolkit.data as data
    >>> lag_in_months(data.series("Summit", "deal_registrations"),
    ...               data.series("Summit", "sourced_revenue"))
    3
    """
    corr = lag_correlations(leading, lagging, max_lag, changes=changes)["correlation"]
    if corr.isna().all():
        msg = (
            "cannot measure a lag: the two series share fewer than three months that vary; "
            "use longer series with fewer gaps"
        )
        raise ValueError(msg)
    return int(corr.idxmax())
