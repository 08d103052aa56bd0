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
    recent: int = 6,
    before: int = 12,
) -> pd.DataFrame:
    """How each alliance's metrics moved lately: the last months against the year before.

    For every alliance of the course data and every metric, the average of the last
    ``recent`` months compared with the average of the ``before`` months just before them,
    as a percentage change (-50 means "half of what it was"). Read the leading metrics to
    see where the lagging ones are heading.

    Examples
    --------
    >>> trends = indicator_trends()
    >>> trends.shape
    (10, 5)
    >>> bool(trends.loc["Northwind", "deal_registrations"] > -25)
    True
    """
    from toolkit import data

    table = data.panel()
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
