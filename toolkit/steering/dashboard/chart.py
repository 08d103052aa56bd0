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

from toolkit.indicators.catalogue import catalogue
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
    table = catalogue()
    rows = []
    for metric, change in trends.items():
        kind = table.loc[metric, "kind"]
        rows.append(
            {
                "metric": table.loc[metric, "label"],
                "kind": kind,
                "change": None if pd.isna(change) else float(change),
                "order": (0 if kind == "leading" else 1),
            }
        )
    data = pd.DataFrame(rows, columns=["metric", "kind", "change", "order"])
    data = data.sort_values("order", kind="stable")
    known = data.dropna(subset=["change"])
    changes = known["change"].tolist()
    plot = Plot(
        Linear(
            min(changes, default=0),
            max(changes, default=0),
            380,
            title="Change: last 6 months against the 12 before (%)",
        ),
        Band(data["metric"].tolist(), 22 * len(data), vertical=True),
    )
    for metric, kind, change in known[["metric", "kind", "change"]].itertuples(index=False):
        plot.hbar(metric, 0, change, colour=KIND_COLOURS[kind], height=plot.y.width)
    plot.vline(0, colour="#2d3748")
    plot.legend(
        ((kind, {"shape": "square", "colour": colour}) for kind, colour in KIND_COLOURS.items()),
        title="Kind",
        vertical=False,
    )
    leading = known[known["kind"] == "leading"]
    worst = leading.loc[leading["change"].idxmin()] if len(leading) else None
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
        data={"table": data.drop(columns="order").reset_index(drop=True)},
    )
