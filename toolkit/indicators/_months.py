"""Monthly series as the lag analysis needs them: one value per month number, gaps as NaN.

Examples
--------
>>> import pandas as pd
>>> consecutive(pd.Series([1.0, 3.0], index=[1, 3]), "revenue").tolist()
[1.0, nan, 3.0]
>>> month_numbers(pd.period_range("2022-01", periods=2, freq="M"), "revenue").tolist()
[24265, 24266]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["consecutive", "month_numbers", "monthly"]


def month_numbers(index: pd.Index, what: str) -> np.ndarray:
    """Whole month numbers for an index of month numbers, calendar months or dates.

    Calendar months count from year 0 (January 2022 is 2022 * 12 + 1), so that month 1,
    4, 7, ... of a year are the first months of a quarter, as with month numbers from 1.
    """
    if isinstance(index, pd.PeriodIndex):
        months = index.asfreq("M")
        return (months.year * 12 + months.month).to_numpy()
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


def monthly(series, what: str) -> pd.Series:
    """A float Series indexed by month numbers (a month given twice counts once, averaged)."""
    if not isinstance(series, pd.Series):
        msg = (
            f"{what} must be a pandas Series indexed by month, got {type(series).__name__}; "
            "for example toolkit.data.series('Summit', 'deal_registrations')"
        )
        raise ValueError(msg)
    values = pd.to_numeric(series, errors="coerce").astype(float)
    months = month_numbers(series.index, what)
    s = pd.Series(values.to_numpy(), index=months)
    s = s[~np.isnan(s.index.to_numpy(dtype=float))]
    s.index = s.index.astype(int)
    if s.index.is_unique:  # each month once (the usual case): the mean of one value is itself
        return s.sort_index()
    return s.groupby(level=0).mean()


#: year * 12 + month of the calendar month whose period ordinal is 0 (January 1970)
_ORDINAL_ZERO = 1970 * 12 + 1


def _in_order(series) -> np.ndarray | None:
    """The month numbers of a series, when its months are given each once and in order.

    That is a series of numbers indexed by whole month numbers or calendar months, in order
    (the usual case); None for anything else.
    """
    if not isinstance(series, pd.Series) or series.dtype.kind not in "fi" or series.empty:
        return None
    index = series.index
    if isinstance(index, pd.PeriodIndex) and index.freqstr == "M" and not index.hasnans:
        months = index.asi8 + _ORDINAL_ZERO
    elif index.dtype.kind in "iu":
        months = index.to_numpy(dtype=np.int64)
    else:
        return None
    return months if bool(np.all(np.diff(months) > 0)) else None


def consecutive(series, what: str) -> pd.Series:
    """:func:`monthly`, with every month from the first to the last (missing ones NaN)."""
    months = _in_order(series)
    if months is not None:  # placed straight into the months from first to last
        first, last = int(months[0]), int(months[-1])
        values = np.full(last - first + 1, np.nan)
        values[months - first] = series.to_numpy(dtype=float)
        return pd.Series(values, index=pd.RangeIndex(first, last + 1))
    s = monthly(series, what)
    if s.empty:
        return s
    return s.reindex(pd.RangeIndex(s.index.min(), s.index.max() + 1))
