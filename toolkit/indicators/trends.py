"""Where the alliances are heading: recent moves of their leading and lagging metrics.

Revenue today tells of work done months ago; the leading metrics tell where revenue is going.
:func:`indicator_trends` compares each alliance's last months with the year before them.

Examples
--------
>>> trends = indicator_trends()
>>> trends.shape
(10, 5)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.indicators.catalogue import metric_name

__all__ = ["indicator_trends"]


def indicator_trends(
    metrics=(
        "deal_registrations",
        "partner_leads",
        "trained_sellers",
        "sponsor_meetings",
        "sourced_revenue",
    ),
    *,
    panel: pd.DataFrame | None = None,
    recent: int = 6,
    before: int = 12,
    month: int | None = None,
    alliance: str | None = None,
) -> pd.DataFrame:
    """How each alliance's metrics moved lately: the last months against the year before.

    For every alliance of the course data (or of ``panel``, a table with the columns
    ``alliance``, ``month`` and the metrics) and every metric, the average of the last
    ``recent`` months compared with the average of the ``before`` months just before them,
    as a percentage change (-50 means "half of what it was"). Read the leading metrics to
    see where the lagging ones are heading. ``month`` looks back from an earlier month than
    the last one (a quarterly review in the past); an average of nothing but zeros gives no
    percentage (``NaN``). ``alliance`` reads that one alliance only (one row, the same
    numbers as its row of the whole table).

    Examples
    --------
    >>> trends = indicator_trends()
    >>> trends.shape
    (10, 5)
    >>> bool(trends.loc["Northwind", "deal_registrations"] > -25)
    True
    >>> bool(indicator_trends(["sourced_revenue"], month=12).isna().loc["Granite"].all())
    True
    >>> indicator_trends(alliance="Northwind").equals(trends.loc[["Northwind"]])
    True
    """
    if panel is None:
        from toolkit import data

        panel = data.panel()
    table = panel
    if alliance is not None:
        table = table[table["alliance"] == alliance]
    if month is not None:
        last = int(table["month"].max())
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= last:
            msg = f"month must be a whole number from 1 to {last}, got {month!r}"
            raise ValueError(msg)
        table = table[table["month"] <= month]
    columns = list(dict.fromkeys(metric_name(m) for m in metrics))
    # one array, rows grouped by alliance (in order of first appearance) and by month
    codes, names = pd.factorize(table["alliance"])
    order = np.lexsort((table["month"].to_numpy(), codes))
    values = table[columns].to_numpy(dtype=float)[order]
    starts = np.searchsorted(codes[order], np.arange(len(names) + 1))
    rows = {}
    for i, alliance in enumerate(names):
        one = values[starts[i] : starts[i + 1]]
        last = _mean(one[-recent:])
        earlier = _mean(one[-(recent + before) : -recent])
        with np.errstate(divide="ignore", invalid="ignore"):
            change = 100 * (last / earlier - 1)
        change = np.where((earlier == 0) | np.isnan(earlier), np.nan, change)
        rows[alliance] = dict(zip(columns, change.tolist(), strict=True))
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("alliance").round(0)


def _mean(block: np.ndarray) -> np.ndarray:
    """Each column's mean over its numbers (missing ones skipped; none at all: NaN)."""
    known = ~np.isnan(block)
    count = known.sum(axis=0)
    total = np.where(known, block, 0.0).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(count > 0, total / count, np.nan)
