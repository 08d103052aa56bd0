"""By how many months a lagging metric follows a leading one: the lag analysis of the course.

Revenue is a *lagging* indicator: it is the result of joint work done months earlier. The
joint work itself (trained sellers, campaigns, deal registrations, pipeline) is measured by
*leading* indicators. :func:`lag_correlations` correlates a leading metric at month t with a
lagging one at month t + k for every k, and :func:`best_lag` reads the k where the relation is
strongest.

Why compare month-to-month changes
----------------------------------
Two series that both grow over time (a growing alliance has more trained sellers *and* more
revenue every month) are strongly correlated at *every* lag, so the correlation of their levels
says nothing about timing: it mostly measures the shared trend. The changes from one month to
the next remove the trend; what is left is the month-to-month movement, and a movement in the
leading metric is echoed in the lagging metric a fixed number of months later. That is why
:func:`best_lag` compares changes by default (``changes=False`` compares levels).

Examples
--------
>>> import pandas as pd
>>> registrations = pd.Series([5, 9, 4, 8, 3, 7, 6, 2, 9, 5, 4, 8], index=range(1, 13))
>>> revenue = registrations.shift(3) * 10   # revenue follows registrations by 3 months
>>> best_lag(registrations, revenue, max_lag=6)
3
>>> round(float(lag_correlations(registrations, revenue, max_lag=6).loc[3, "correlation"]), 3)
1.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["best_lag", "lag_correlations"]


def _month_numbers(index: pd.Index, what: str) -> np.ndarray:
    if isinstance(index, pd.PeriodIndex):
        return (index.asfreq("M").year * 12 + index.asfreq("M").month).to_numpy()
    if isinstance(index, pd.DatetimeIndex):
        return (index.year * 12 + index.month).to_numpy()
    try:
        numbers = pd.to_numeric(pd.Series(index), errors="raise").to_numpy(dtype=float)
    except (TypeError, ValueError):
        msg = (
            f"{what}: the index must be months (1, 2, 3, ... or calendar months), "
            f"got values like {list(index[:3])}"
        )
        raise ValueError(msg) from None
    if len(numbers) and not np.all(np.isnan(numbers) | (numbers % 1 == 0)):
        msg = f"{what}: month numbers must be whole numbers, got {list(index[:3])}"
        raise ValueError(msg)
    return numbers


def _monthly(series, what: str) -> pd.Series:
    """A float Series indexed by consecutive month numbers (missing months as NaN)."""
    if not isinstance(series, pd.Series):
        msg = (
            f"{what} must be a pandas Series indexed by month, got {type(series).__name__}; "
            "for example toolkit.data.series('Summit', 'deal_registrations')"
        )
        raise ValueError(msg)
    values = pd.to_numeric(series, errors="coerce").astype(float)
    months = _month_numbers(series.index, what)
    s = pd.Series(values.to_numpy(), index=months)
    s = s[~np.isnan(s.index.to_numpy(dtype=float))]
    s.index = s.index.astype(int)
    s = s.groupby(level=0).mean()  # a month given twice counts once (its average)
    return s


def lag_correlations(
    leading: pd.Series, lagging: pd.Series, max_lag: int = 12, *, changes: bool = True
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
        Compare month-to-month changes (default) rather than levels; see the module notes.

    Returns
    -------
    pandas.DataFrame
        One row per lag 0 ... ``max_lag`` (the index), with columns ``lag``, ``correlation``
        (NaN when fewer than three months overlap) and ``months`` (how many months were
        compared).

    Examples
    --------
    >>> import pandas as pd
    >>> lead = pd.Series([1, 4, 2, 5, 3, 6, 2, 7], index=range(1, 9))
    >>> lag_correlations(lead, lead.shift(1), max_lag=2)["months"].tolist()
    [6, 6, 5]
    """
    max_lag = int(max_lag)
    if max_lag < 0:
        msg = f"max_lag must be 0 or more months, got {max_lag}"
        raise ValueError(msg)
    a = _monthly(leading, "leading")
    b = _monthly(lagging, "lagging")
    rows = []
    if a.empty or b.empty:
        full = pd.Index([], dtype=int)
    else:
        full = pd.RangeIndex(
            min(a.index.min(), b.index.min()), max(a.index.max(), b.index.max()) + 1
        )
    a, b = a.reindex(full), b.reindex(full)
    if changes:
        a, b = a.diff(), b.diff()
    for k in range(max_lag + 1):
        x = a.shift(k)
        both = x.notna() & b.notna()
        n = int(both.sum())
        r = np.nan
        if n >= 3 and x[both].std() > 0 and b[both].std() > 0:
            r = float(np.corrcoef(x[both], b[both])[0, 1])
        rows.append({"lag": k, "correlation": r, "months": n})
    return pd.DataFrame(rows).set_index(pd.Index(range(max_lag + 1), name="lag_months"))


def best_lag(
    leading: pd.Series, lagging: pd.Series, max_lag: int = 12, *, changes: bool = True
) -> int:
    """The number of months by which ``lagging`` follows ``leading``.

    The lag with the highest correlation in :func:`lag_correlations` (the shortest one on a
    tie). By default it compares month-to-month changes, because trending levels are
    correlated at every lag (see the module notes).

    Parameters
    ----------
    leading, lagging : pandas.Series
        Monthly values indexed by month; missing months are skipped.
    max_lag : int, optional
        The largest lag to try, in months (default 12).
    changes : bool, optional
        Compare month-to-month changes (default) rather than levels.

    Returns
    -------
    int
        Months, from 0 to ``max_lag``.

    Raises
    ------
    ValueError
        When no lag has at least three overlapping months with some variation.

    Examples
    --------
    >>> import toolkit.data as data
    >>> best_lag(data.series("Summit", "deal_registrations"),
    ...          data.series("Summit", "sourced_revenue"))
    3
    """
    table = lag_correlations(leading, lagging, max_lag, changes=changes)
    corr = table["correlation"]
    if corr.isna().all():
        msg = (
            "cannot measure a lag: the two series share fewer than three months that vary "
            f"(months compared: {table['months'].max()}); use longer series with fewer gaps"
        )
        raise ValueError(msg)
    return int(corr.idxmax())
