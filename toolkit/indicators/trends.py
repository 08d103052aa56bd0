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
    rows = {}
    for alliance, one in table.groupby("alliance", sort=False):
        one = one.sort_values("month")
        row = {}
        for metric in metrics:
            values = one[metric_name(metric)].astype(float)
            last = values.iloc[-recent:].mean()
            earlier = values.iloc[-(recent + before) : -recent].mean()
            row[metric_name(metric)] = (
                np.nan if not earlier or pd.isna(earlier) else 100 * (last / earlier - 1)
            )
        rows[alliance] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("alliance").round(0)
