"""The plan's picture: the joint business plan worked backwards, step by step.

The plan widget redraws it on every change of the goal or the funnel, so it is drawn as SVG
directly (:mod:`toolkit.ui.plot`, a millisecond or two, not Vega): a
:class:`~toolkit.ui.svg.Diagram` with a title and a one-sentence description (read by screen
readers), never displayed by the function itself.

Examples
--------
>>> from toolkit.steering.plan.model import Funnel, Goal, plan_backwards
>>> plan = plan_backwards(Goal(revenue=450.0, month=20), Funnel())
>>> plan_chart(plan).title[:3]
'The'
"""

from __future__ import annotations

import pandas as pd

from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.render import KIND_COLOURS
from toolkit.ui.svg import Diagram

__all__ = ["plan_chart"]


def plan_chart(plan: pd.DataFrame) -> Diagram:
    """The joint business plan as milestones on a month axis: what must be reached, and when."""
    data = plan.reset_index()
    data["what"] = [
        f"{row['label']}: {row['target']:,} {row['unit']}"
        if pd.notna(row["target"])
        else f"{row['label']}: {row['unit']}"
        for row in data.to_dict("records")
    ]
    data["target"] = data["target"].astype(object).where(data["target"].notna(), None)
    order = data["what"].tolist()
    end = int(data["by_month"].max()) + 1
    plot = Plot(
        Linear(0, end, 360, title="Month since kick-off (reach it by)", nice=False),
        Band(order, 26 * len(order), vertical=True, points=True),
    )
    for what, month in zip(order, data["by_month"], strict=True):
        plot.rule(0, what, month, what, colour="#cbd5e0", width=2)  # the runway to the milestone
    for what, month, kind in zip(order, data["by_month"], data["kind"], strict=True):
        plot.dot(month, what, colour=KIND_COLOURS.get(kind, "#2d3748"), shape="diamond", radius=7)
    plot.legend(
        ((kind, {"shape": "diamond", "colour": colour}) for kind, colour in KIND_COLOURS.items()),
        title="Kind",
        vertical=False,
    )
    first = data.loc[data["by_month"].idxmin()]
    goal = data.iloc[-1]
    return plot.draw(
        "The joint business plan, worked backwards",
        (
            f"Milestones on a month axis, from {first['label'].lower()} by month "
            f"{int(first['by_month'])} to {goal['label'].lower()} of {goal['target']:,} "
            f"{goal['unit']} by month {int(goal['by_month'])}."
        ),
        data={"table": data},
    )
