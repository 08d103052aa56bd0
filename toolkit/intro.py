"""The first widget of the course: when does revenue show up after a partner visit.

A deliberately tiny model for ``00-start-here``: joint work starts in month 1, the first deals
close one sales cycle later, and revenue then grows month by month. The full simulator of the
course lives in the lessons on leading and lagging indicators.

Examples
--------
>>> table = first_revenue_table(sales_cycle_months=6)
>>> int(table.loc[table["revenue"] > 0, "month"].min())
7
>>> first_revenue_chart(sales_cycle_months=3).to_dict()["mark"]["type"]
'bar'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.charts import chart_widget, describe, show_in
from toolkit.checks import Check, Hints, Report, is_blank

__all__ = [
    "check_first_revenue_month",
    "first_look",
    "first_revenue_chart",
    "first_revenue_table",
    "hint",
]

HORIZON = 18


def first_revenue_table(sales_cycle_months: int, months: int = HORIZON) -> pd.DataFrame:
    """Monthly revenue (k$) when joint work starts in month 1 and deals take ``sales_cycle_months``.

    Parameters
    ----------
    sales_cycle_months : int
        Months from the first joint work to the first closed deal (1 to 12).
    months : int, optional
        How many months to show.

    Returns
    -------
    pandas.DataFrame
        Columns ``month`` and ``revenue``.
    """
    first = 1 + int(sales_cycle_months)
    revenue = [0 if m < first else 20 * (m - first + 1) for m in range(1, months + 1)]
    return pd.DataFrame({"month": range(1, months + 1), "revenue": revenue})


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


def first_look(sales_cycle_months: int = 6):
    """A slider for the sales cycle and the revenue chart it produces."""
    import ipywidgets as w

    slider = w.IntSlider(
        value=sales_cycle_months,
        min=1,
        max=12,
        description="Sales cycle",
        style={"description_width": "initial"},
    )
    picture = chart_widget(first_revenue_chart(slider.value))

    def redraw(change):
        show_in(picture, first_revenue_chart(change["new"]))

    slider.observe(redraw, names="value")
    return w.VBox(
        [
            w.HTML("<b>Move the slider: months from first joint work to a closed deal</b>"),
            slider,
            picture,
        ]
    )


_EXERCISE = "start.first-revenue-month"
hint = Hints(
    _EXERCISE,
    [
        "Look at the chart for a sales cycle of 6 months: which is the first bar above zero?",
        "Joint work starts in month 1; a deal takes one full sales cycle to close after that.",
        "Worked example for a 3-month cycle: work starts in month 1, months 1, 2 and 3 are the "
        "cycle, so the first revenue is in month 1 + 3 = 4. Now do the same for 6 months.",
    ],
)


def check_first_revenue_month(answer):
    """Check the answer to the first exercise of ``00-start-here`` (derived from the model)."""
    table = first_revenue_table(6)
    first = int(table.loc[table["revenue"] > 0, "month"].min())
    blank = is_blank(answer)
    whole = not blank and isinstance(answer, int) and not isinstance(answer, bool)
    checks = [
        Check("You replaced the ... with an answer", not blank, "Type a number instead of ..."),
        Check("The answer is a whole number of months", whole, "Write it like 9, without quotes."),
        Check(
            "The month is after the sales cycle has passed",
            whole and answer > 6,
            "Revenue cannot appear before a 6-month sales cycle has passed.",
        ),
        Check(
            "The month matches the chart",
            whole and answer == first,
            "Find the first bar above zero in the chart for 6 months.",
        ),
    ]
    return Report(_EXERCISE, checks)
