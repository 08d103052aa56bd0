"""The dashboard's picture: an alliance's leading and lagging indicators, year on year.

The function returns an Altair chart with a title and a one-sentence description (read by screen
readers) and never displays it.

Examples
--------
>>> from toolkit.steering.dashboard.model import quarterly_dashboard
>>> board = quarterly_dashboard("Constellation", 16)
>>> trend_chart(board.trends, "Constellation").to_dict()["title"][:13]
'Constellation'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.indicators.catalogue import catalogue
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe

__all__ = ["trend_chart"]


def trend_chart(trends: pd.Series, alliance: str) -> alt.LayerChart:
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
    data = pd.DataFrame(rows).sort_values("order", kind="stable")
    order = data["metric"].tolist()
    base = alt.Chart(data).encode(y=alt.Y("metric:N", sort=order, title=None))
    bars = base.mark_bar().encode(
        x=alt.X("change:Q", title="Change: last 6 months against the 12 before (%)"),
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=["leading", "lagging"], range=[LEADING_COLOUR, LAGGING_COLOUR]),
            legend=alt.Legend(orient="bottom", title="Kind"),
        ),
        tooltip=["metric", "kind", alt.Tooltip("change:Q", format="+.0f")],
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#2d3748").encode(x="zero:Q")
    known = data.dropna(subset=["change"])
    leading = known[known["kind"] == "leading"]
    worst = leading.loc[leading["change"].idxmin()] if len(leading) else None
    said = (
        f"the weakest leading indicator is {worst['metric'].lower()} ({worst['change']:+.0f} %)"
        if worst is not None
        else "no leading indicator has a trend yet"
    )
    return describe(
        (bars + zero).properties(width=380, height=alt.Step(22)),
        title=f"{alliance}: where the indicators are heading",
        description=(
            f"Bars of the change of {len(known)} indicators, leading ones first in blue and "
            f"lagging ones in orange; {said}."
        ),
    )
