"""Charts of the magic-wand concept: when revenue shows up after the joint work starts.

Examples
--------
>>> from toolkit.magic_wand.model import simulate
>>> spec = pipeline_chart(simulate(1.0, months=24)).to_dict()
>>> spec["title"], spec["description"][:40]
('Pipeline builds up long before revenue', 'Open pipeline grows from month 2, while ')
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.magic_wand.model import first_revenue_table
from toolkit.ui.render import LAGGING_COLOUR, describe

__all__ = ["first_revenue_chart", "pipeline_chart"]


def pipeline_chart(run: pd.DataFrame) -> alt.LayerChart:
    """Pipeline build-up and monthly revenue of a :func:`~toolkit.magic_wand.model.simulate` run."""
    table = run.reset_index()[["month", "pipeline", "revenue", "effort"]]
    area = (
        alt.Chart(table)
        .mark_area(color="#bee3f8", opacity=0.8)
        .encode(
            x=alt.X("month:Q", title="Month"),
            y=alt.Y("pipeline:Q", title="k$"),
        )
    )
    bars = (
        alt.Chart(table)
        .mark_bar(color=LAGGING_COLOUR, width=alt.RelativeBandSize(0.6))
        .encode(x="month:Q", y="revenue:Q")
    )
    chart = (area + bars).properties(width=520, height=220)
    started = table.loc[table["pipeline"] > 1e-9, "month"]
    paid = table.loc[table["revenue"] > 1e-9, "month"]
    start_text = f"from month {int(started.min())}" if len(started) else "never"
    paid_text = (
        f"the first revenue comes in month {int(paid.min())}"
        if len(paid)
        else "no revenue comes within the months shown"
    )
    return describe(
        chart,
        title="Pipeline builds up long before revenue",
        description=(
            f"Open pipeline grows {start_text}, while {paid_text} (light area: open pipeline; "
            "bars: monthly revenue, both in k$)."
        ),
    )


def first_revenue_chart(sales_cycle_months: int) -> alt.Chart:
    """Bar chart of :func:`first_revenue_table`, with the partner visit marked in month 1."""
    table = first_revenue_table(sales_cycle_months)
    first = int(table.loc[table["revenue"] > 0, "month"].min()) if table["revenue"].any() else None
    bars = (
        alt.Chart(table)
        .mark_bar(color="#2b6cb0")
        .encode(
            x=alt.X("month:O", title="Month after the partner visit"),
            y=alt.Y("revenue:Q", title="Partner revenue (k$)", scale=alt.Scale(domain=[0, 360])),
        )
        .properties(width=420, height=220)
    )
    when = f"first appears in month {first}" if first else "does not appear within 18 months"
    return describe(
        bars,
        title=f"Sales cycle of {sales_cycle_months} months",
        description=f"Revenue is zero after the partner visit and {when}.",
    )
