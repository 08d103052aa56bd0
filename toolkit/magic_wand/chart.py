"""Charts of the magic-wand concept: when revenue shows up after the joint work starts.

The simulator and the first look redraw them on every slider move, so both are drawn as SVG
directly (:mod:`toolkit.ui.plot`, a millisecond or two) rather than through Vega. Each returns a
:class:`~toolkit.ui.svg.Diagram` with a title and a one-sentence description.

Examples
--------
>>> from toolkit.magic_wand.model import simulate
>>> chart = pipeline_chart(simulate(1.0, months=24))
>>> chart.title, chart.description[:40]
('Pipeline builds up long before revenue', 'Open pipeline grows from month 2, while ')
"""

from __future__ import annotations

import pandas as pd

from toolkit.magic_wand.model import first_revenue_table
from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR
from toolkit.ui.svg import Diagram

__all__ = ["first_revenue_chart", "pipeline_chart"]


def pipeline_chart(run: pd.DataFrame) -> Diagram:
    """Pipeline build-up and monthly revenue of a :func:`~toolkit.magic_wand.model.simulate` run."""
    table = run.reset_index()[["month", "pipeline", "revenue", "effort"]]
    months = table["month"].to_numpy()
    pipeline, revenue = table["pipeline"].to_numpy(), table["revenue"].to_numpy()
    plot = Plot(
        Linear(months.min() - 0.5, months.max() + 0.5, 520, title="Month"),
        Linear(0, max(pipeline.max(), revenue.max()), 220, title="k$", vertical=True),
    )
    plot.area(months, pipeline, colour="#bee3f8", opacity=0.8)
    for month, value in zip(months, revenue, strict=True):
        if value > 0:
            plot.bar(month, 0, value, colour=LAGGING_COLOUR, width=0.6)
    started = months[pipeline > 1e-9]
    paid = months[revenue > 1e-9]
    start_text = f"from month {int(started.min())}" if len(started) else "never"
    paid_text = (
        f"the first revenue comes in month {int(paid.min())}"
        if len(paid)
        else "no revenue comes within the months shown"
    )
    return plot.draw(
        "Pipeline builds up long before revenue",
        (
            f"Open pipeline grows {start_text}, while {paid_text} (light area: open pipeline; "
            "bars: monthly revenue, both in k$)."
        ),
        data={"table": table},
    )


def first_revenue_chart(sales_cycle_months: int) -> Diagram:
    """Bar chart of :func:`first_revenue_table`, with the partner visit marked in month 1."""
    table = first_revenue_table(sales_cycle_months)
    first = int(table.loc[table["revenue"] > 0, "month"].min()) if table["revenue"].any() else None
    plot = Plot(
        Band(table["month"].tolist(), 420, title="Month after the partner visit"),
        Linear(0, 360, 220, title="Partner revenue (k$)", vertical=True, nice=False),
    )
    for month, value in zip(table["month"], table["revenue"], strict=True):
        plot.bar(month, 0, value, colour=LEADING_COLOUR)
    when = f"first appears in month {first}" if first else "does not appear within 18 months"
    return plot.draw(
        f"Sales cycle of {sales_cycle_months} months",
        f"Revenue is zero after the partner visit and {when}.",
        data={"table": table},
    )
