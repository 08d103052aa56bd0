"""The dashboard's picture: an alliance's leading and lagging indicators, year on year.

The dashboard redraws it on every change of alliance or quarter, so it is drawn as SVG directly
(:mod:`toolkit.ui.plot`, a millisecond or two, not Vega): a :class:`~toolkit.ui.svg.Diagram`
with a title and a one-sentence description (read by screen readers), never displayed by the
function itself.

Examples
--------
>>> from toolkit.steering.dashboard.model import quarterly_dashboard
>>> board = quarterly_dashboard("Constellation", 16)
>>> trend_chart(board.trends, "Constellation").title[:13]
'Constellation'
"""

from __future__ import annotations

import pandas as pd

from toolkit.indicators.catalogue import METRICS
from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.render import KIND_COLOURS
from toolkit.ui.svg import Diagram

__all__ = ["trend_chart"]


def trend_chart(trends: pd.Series, alliance: str) -> Diagram:
    """Bars of each indicator's change (last six months against the year before), leading first.

    Parameters
    ----------
    trends : pandas.Series
        Metric name -> change in percent (a row of :func:`toolkit.indicators.indicator_trends`).
    alliance : str
        Whose trends they are (for the title).
    """
    metrics = {m.name: m for m in METRICS}  # each metric's kind and label
    rows = [
        {
            "metric": metrics[metric].label,
            "kind": metrics[metric].kind,
            "change": None if change != change or change is None else float(change),
        }
        for metric, change in trends.items()
    ]
    rows.sort(key=lambda row: row["kind"] != "leading")  # leading first, each kind in order
    known = [row for row in rows if row["change"] is not None]
    changes = [row["change"] for row in known]
    plot = Plot(
        Linear(
            min(changes, default=0),
            max(changes, default=0),
            380,
            title="Change: last 6 months against the 12 before (%)",
        ),
        Band([row["metric"] for row in rows], 22 * len(rows), vertical=True),
    )
    for row in known:
        plot.hbar(
            row["metric"], 0, row["change"], colour=KIND_COLOURS[row["kind"]], height=plot.y.width
        )
    plot.vline(0, colour="#2d3748")
    plot.legend(
        ((kind, {"shape": "square", "colour": colour}) for kind, colour in KIND_COLOURS.items()),
        title="Kind",
        vertical=False,
    )
    leading = [row for row in known if row["kind"] == "leading"]
    worst = min(leading, key=lambda row: row["change"], default=None)
    said = (
        f"the weakest leading indicator is {worst['metric'].lower()} ({worst['change']:+.0f} %)"
        if worst is not None
        else "no leading indicator has a trend yet"
    )
    return plot.draw(
        f"{alliance}: where the indicators are heading",
        (
            f"Bars of the change of {len(known)} indicators, leading ones first in blue and "
            f"lagging ones in orange; {said}."
        ),
        data={"table": pd.DataFrame(rows, columns=["metric", "kind", "change"])},
    )
