"""The quarter-end rhythm of bookings: find it in a monthly series and take it out.

Business-to-business sales teams close deals at the end of the quarter: the third month of a
quarter often books about half as much again as an average month, the first month less. A
lag reading that compares month-to-month changes sees that rhythm in revenue as a jump every
three months; where the leading metric has a rhythm too, the two line up at every multiple of
three months and the reading picks a lag of 0, 3, 9 or 12 for no real reason.

:func:`quarter_rhythm` measures the rhythm: each month's value against the average of the
three months around it (one whole quarter), collected by the month's place in its quarter.
The median share for the first, second and third month of a quarter are the *factors*
(their average is 1). The rhythm counts as *found* when the three groups differ by more than
chance would give (a Kruskal-Wallis rank test, p below 1 %) and by at least 15 % (highest
factor against lowest). :func:`without_rhythm` divides each month by its factor, so a third
month that books 1.45 times the average counts as an average month.

Month 1, 4, 7, ... of a series indexed by month numbers are taken as first months of a
quarter (the course data start in January); calendar months (a ``PeriodIndex`` or dates)
place themselves.

Examples
--------
>>> import pandas as pd
>>> bookings = pd.Series([70, 85, 145] * 8, index=range(1, 25), dtype=float)
>>> rhythm = quarter_rhythm(bookings)
>>> rhythm.found, rhythm.factors
(True, (0.7, 0.85, 1.45))
>>> without_rhythm(bookings).unique().tolist()
[100.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.indicators._months import consecutive, month_numbers

__all__ = ["MIN_SPREAD", "SIGNIFICANCE", "QuarterRhythm", "quarter_rhythm", "without_rhythm"]

#: the rank test must find the three months different at this level (1 %)
SIGNIFICANCE = 0.01
#: and the highest factor must be at least this much above the lowest (15 %)
MIN_SPREAD = 1.15
# each month of the quarter needs this many measured months to estimate its factor
_MIN_PER_MONTH = 4
_LOWEST = 0.1  # a month of the quarter booking less than this share is no rhythm to divide by


@dataclass(frozen=True)
class QuarterRhythm:
    """How a monthly series books across the quarter.

    Attributes
    ----------
    factors : tuple of float
        The first, second and third month of a quarter as a share of the quarter's average
        (1.0 each when there is no rhythm, or not enough data to measure one).
    found : bool
        Whether the rhythm is clear enough to take out (see the module notes).
    p_value : float
        The rank test's chance of month groups this different without a rhythm.
    months : int
        How many months the factors were measured on.
    """

    factors: tuple[float, float, float] = (1.0, 1.0, 1.0)
    found: bool = False
    p_value: float = 1.0
    months: int = 0

    def __str__(self) -> str:
        shares = " / ".join(f"{f:.2f}" for f in self.factors)
        if self.found:
            return f"a quarter rhythm: months 1 / 2 / 3 of a quarter book {shares} of the average"
        if self.months < 3 * _MIN_PER_MONTH:
            return "too few months to measure a quarter rhythm"
        return f"no clear quarter rhythm (months 1 / 2 / 3: {shares} of the average)"


def _place_in_quarter(months: np.ndarray) -> np.ndarray:
    """0, 1, 2 for the first, second, third month of a quarter (month 1 starts one)."""
    return (np.asarray(months, dtype=int) - 1) % 3


def _kruskal_wallis(groups: list[np.ndarray]) -> float:
    """p-value of the Kruskal-Wallis test for three groups (chi-square with 2 df: exp(-H/2))."""
    values = np.concatenate(groups)
    n = len(values)
    ranks = pd.Series(values).rank().to_numpy()
    h, start = 0.0, 0
    for g in groups:
        h += len(g) * (ranks[start : start + len(g)].mean() - (n + 1) / 2) ** 2
        start += len(g)
    h *= 12 / (n * (n + 1))
    ties = pd.Series(values).value_counts().to_numpy(dtype=float)
    correction = 1 - (ties**3 - ties).sum() / (n**3 - n)
    if correction <= 0:  # every value the same: no evidence of anything
        return 1.0
    return float(np.exp(-h / correction / 2))


def _rhythm_of(values: np.ndarray, months: np.ndarray) -> QuarterRhythm:
    """The rhythm of ``values`` on consecutive ``months`` (NaN where not measured)."""
    x = np.asarray(values, dtype=float)
    around = np.full(len(x), np.nan)
    if len(x) >= 3:
        around[1:-1] = (x[:-2] + x[1:-1] + x[2:]) / 3
    usable = np.isfinite(around) & (around > 0) & np.isfinite(x)
    share = np.divide(x, around, out=np.full(len(x), np.nan), where=usable)
    place = _place_in_quarter(months)
    groups = [share[usable & (place == q)] for q in range(3)]
    used = int(usable.sum())
    if min(len(g) for g in groups) < _MIN_PER_MONTH:
        return QuarterRhythm(months=used)
    factors = np.array([np.median(g) for g in groups])
    if not np.all(factors > 0):  # a month that books nothing in most quarters: not a rhythm
        return QuarterRhythm(months=used)
    factors = factors / factors.mean()
    if factors.min() < _LOWEST:  # nor is one that books next to nothing
        return QuarterRhythm(months=used)
    p = _kruskal_wallis(groups)
    found = p < SIGNIFICANCE and factors.max() / factors.min() >= MIN_SPREAD
    rounded = tuple(round(float(f), 2) for f in factors)
    return QuarterRhythm(rounded, bool(found), round(p, 6), used)


def quarter_rhythm(series: pd.Series) -> QuarterRhythm:
    """Measure the quarter-end rhythm of a monthly series.

    Parameters
    ----------
    series : pandas.Series
        Monthly values (for example partner-sourced revenue) indexed by month numbers or
        calendar months; missing months are skipped.

    Returns
    -------
    QuarterRhythm
        The factors of the first, second and third month of a quarter, and whether the
        rhythm is clear (see the module notes).

    Examples
    --------
    >>> import toolkit.data as data
    >>> print(quarter_rhythm(data.series("Northwind", "sourced_revenue")))  # doctest: +ELLIPSIS
    a quarter rhythm: months 1 / 2 / 3 of a quarter book 0... of the average
    """
    s = consecutive(series, "series")
    return _rhythm_of(s.to_numpy(), s.index.to_numpy())


def without_rhythm(series: pd.Series, rhythm: QuarterRhythm | None = None) -> pd.Series:
    """The series with its quarter rhythm taken out (each month divided by its factor).

    Parameters
    ----------
    series : pandas.Series
        Monthly values indexed by month.
    rhythm : QuarterRhythm, optional
        The rhythm to take out; by default the series' own (:func:`quarter_rhythm`), taken
        out whether or not it is clear.

    Returns
    -------
    pandas.Series
        Same index and name; the quarter's total stays about the same.

    Examples
    --------
    >>> import pandas as pd
    >>> bookings = pd.Series([7.0, 8.5, 14.5] * 4, index=range(1, 13))
    >>> without_rhythm(bookings, QuarterRhythm((0.7, 0.85, 1.45), True)).tolist()[:3]
    [10.0, 10.0, 10.0]
    """
    rhythm = quarter_rhythm(series) if rhythm is None else rhythm
    factors = np.asarray(rhythm.factors, dtype=float)
    place = _place_in_quarter(np.nan_to_num(month_numbers(series.index, "series")))
    values = pd.to_numeric(series, errors="coerce").astype(float)
    return values / factors[place]
