"""The plan's picture: the joint business plan worked backwards, step by step.

The function returns an Altair chart with a title and a one-sentence description (read by screen
readers) and never displays it.

Examples
--------
>>> from toolkit.steering.plan.model import Funnel, Goal, plan_backwards
>>> plan = plan_backwards(Goal(revenue=450.0, month=20), Funnel())
>>> plan_chart(plan).to_dict()["title"][:3]
'The'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe

__all__ = ["plan_chart"]


def plan_chart(plan: pd.DataFrame) -> alt.LayerChart:
    """The joint business plan as milestones on a month axis: what must be reached, and when."""
    data = plan.reset_index()
    data["what"] = [
        f"{row['label']}: {row['target']:,} {row['unit']}"
        if pd.notna(row["target"])
        else f"{row['label']}: {row['unit']}"
        for _, row in data.iterrows()
    ]
    data["target"] = data["target"].astype(object).where(data["target"].notna(), None)
    order = data["what"].tolist()
    y = alt.Y("what:N", sort=order, title=None, axis=alt.Axis(labelLimit=340))
    end = int(data["by_month"].max()) + 1
    scale = alt.Scale(domain=[0, end])
    runway = (
        alt.Chart(data)
        .mark_rule(color="#cbd5e0", strokeWidth=2)
        .encode(y=y, x=alt.X("zero:Q", scale=scale), x2="by_month:Q")
        .transform_calculate(zero="0")
    )
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, shape="diamond")
        .encode(
            y=y,
            x=alt.X("by_month:Q", title="Month since kick-off (reach it by)", scale=scale),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(
                    domain=["leading", "lagging"], range=[LEADING_COLOUR, LAGGING_COLOUR]
                ),
                legend=alt.Legend(orient="bottom", title="Kind"),
            ),
            tooltip=["label", "target", "unit", "by_month", "kind"],
        )
    )
    first = data.loc[data["by_month"].idxmin()]
    goal = data.iloc[-1]
    return describe(
        (runway + points).properties(width=360, height=alt.Step(26)),
        title="The joint business plan, worked backwards",
        description=(
            f"Milestones on a month axis, from {first['label'].lower()} by month "
            f"{int(first['by_month'])} to {goal['label'].lower()} of {goal['target']:,} "
            f"{goal['unit']} by month {int(goal['by_month'])}."
        ),
    )
