"""The health check as a picture: each side's score per dimension, and the gaps between them.

- :func:`gap_chart`: a dumbbell chart of two sides (us and the partner) per dimension;
- :func:`pairwise_gap_chart`: the gap between each pair of sides (three or more companies).

Examples
--------
>>> import toolkit.data as data
>>> from toolkit.health.model import pairwise_gaps, perception_gaps
>>> gap_chart(perception_gaps(data.survey("Delta", quarter=8))).title
'Perception gaps by dimension'
>>> survey = data.survey("Constellation", quarter=16)
>>> pairwise_gap_chart(pairwise_gaps(survey, by="company")).to_dict()["title"]
'Perception gaps between each pair of partners'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.health.model import widest_gap
from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe
from toolkit.ui.svg import Diagram

__all__ = ["PAIR_COLOURS", "gap_chart", "pairwise_gap_chart"]

#: one colour per pair of sides (each with at least 4.5:1 contrast on white)
PAIR_COLOURS = (LEADING_COLOUR, LAGGING_COLOUR, "#276749", "#6b46c1", "#2d3748", "#97266d")


def gap_chart(gaps: pd.DataFrame) -> Diagram:
    """Dumbbell chart of :func:`toolkit.health.model.perception_gaps`: both sides per dimension.

    Drawn as SVG directly (:mod:`toolkit.ui.plot`): the health check redraws it on every change.
    """
    sides = [c for c in gaps.columns if c not in ("gap", "higher")]
    order = [d.replace("_", " ") for d in gaps.index]
    plot = Plot(
        Linear(1, 5, 420, title="Average score (1-5)", zero=False, nice=False),
        Band(order, 28 * len(order), vertical=True, points=True),
    )
    colours = dict(zip(sides, [LEADING_COLOUR, LAGGING_COLOUR], strict=False))
    for dimension, row in zip(order, gaps[sides].astype(float).to_numpy(), strict=True):
        plot.rule(row.min(), dimension, row.max(), dimension, colour="#a0aec0", width=3)
    for side in sides:
        for dimension, score in zip(order, gaps[side].astype(float), strict=True):
            plot.dot(score, dimension, colour=colours.get(side, "#2d3748"))
    plot.legend(
        (
            (str(side), {"shape": "circle", "colour": colours.get(side, "#2d3748")})
            for side in sides
        ),
        title="Side",
        vertical=False,
    )
    largest = gaps["gap"].astype(float).idxmax()
    return plot.draw(
        "Perception gaps by dimension",
        (
            f"For each dimension a dot per side on a 1-5 scale joined by a line; the widest "
            f"gap is {largest.replace('_', ' ')} ({gaps.loc[largest, 'gap']:.2f} points)."
        ),
        data={
            "table": [
                {"dimension": dimension, "side": side, "score": float(gaps.loc[name, side])}
                for name, dimension in zip(gaps.index, order, strict=True)
                for side in sides
            ]
        },
    )


def pairwise_gap_chart(pairs: pd.DataFrame) -> alt.Chart:
    """Bars of :func:`toolkit.health.model.pairwise_gaps`: one bar per pair of sides and dimension.

    The longer the bar, the further apart the two sides see that dimension; a gap of one point
    or more on the 1-5 scale is worth a conversation.
    """
    table = pairs.assign(
        dimension=pairs["dimension"].str.replace("_", " "), gap=pairs["gap"].astype(float)
    )
    order = list(dict.fromkeys(table["dimension"]))
    pair_order = list(dict.fromkeys(table["pair"]))
    bars = (
        alt.Chart(table)
        .mark_bar()
        .encode(
            y=alt.Y("dimension:N", sort=order, title=None),
            yOffset=alt.YOffset("pair:N", sort=pair_order),
            x=alt.X("gap:Q", title="Gap between the two sides (points on a 1-5 scale)"),
            color=alt.Color(
                "pair:N",
                sort=pair_order,
                scale=alt.Scale(domain=pair_order, range=list(PAIR_COLOURS[: len(pair_order)])),
                legend=alt.Legend(orient="bottom", title="Pair", columns=1, labelLimit=0),
            ),
            tooltip=["dimension", "pair", alt.Tooltip("gap:Q", format=".2f"), "higher"],
        )
        .properties(width=420, height=alt.Step(12 if len(pair_order) > 1 else 22))
    )
    widest = widest_gap(pairs)
    sides = len(set(table["side_a"]) | set(table["side_b"]))
    return describe(
        bars,
        title="Perception gaps between each pair of partners",
        description=(
            f"For each dimension one bar per pair of the {sides} sides; the widest gap is "
            f"{widest['dimension'].replace('_', ' ')} between "
            f"{widest['side_a']} and {widest['side_b']} ({widest['gap']:.2f} points, "
            f"{widest['higher']} higher)."
        ),
    )
