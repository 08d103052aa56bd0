"""The health check as a picture: a dumbbell chart of each side's score per dimension.

Examples
--------
>>> import toolkit.data as data
>>> from toolkit.health.model import perception_gaps
>>> gap_chart(perception_gaps(data.survey("Delta", quarter=8))).to_dict()["title"]
'Perception gaps by dimension'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe

__all__ = ["gap_chart"]


def gap_chart(gaps: pd.DataFrame) -> alt.LayerChart:
    """Dumbbell chart of :func:`toolkit.health.model.perception_gaps`: both sides per dimension."""
    sides = [c for c in gaps.columns if c not in ("gap", "higher")]
    long = (
        gaps[sides]
        .rename_axis("dimension")
        .reset_index()
        .melt(id_vars="dimension", var_name="side", value_name="score")
    )
    long["dimension"] = long["dimension"].str.replace("_", " ")
    order = [d.replace("_", " ") for d in gaps.index]
    y = alt.Y("dimension:N", sort=order, title=None)
    x = alt.X("score:Q", title="Average score (1-5)", scale=alt.Scale(domain=[1, 5]))
    rule = (
        alt.Chart(long)
        .mark_rule(color="#a0aec0", strokeWidth=3)
        .encode(y=y, x=alt.X("min(score):Q", scale=alt.Scale(domain=[1, 5])), x2="max(score):Q")
    )
    dots = (
        alt.Chart(long)
        .mark_circle(size=120, opacity=1)
        .encode(
            y=y,
            x=x,
            color=alt.Color(
                "side:N",
                scale=alt.Scale(domain=sides, range=[LEADING_COLOUR, LAGGING_COLOUR]),
                legend=alt.Legend(orient="bottom", title="Side"),
            ),
        )
    )
    chart = (rule + dots).properties(width=420, height=alt.Step(28))
    largest = gaps["gap"].astype(float).idxmax()
    return describe(
        chart,
        title="Perception gaps by dimension",
        description=(
            f"For each dimension a dot per side on a 1-5 scale joined by a line; the widest "
            f"gap is {largest.replace('_', ' ')} ({gaps.loc[largest, 'gap']:.2f} points)."
        ),
    )
