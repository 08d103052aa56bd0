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
>>> pairwise_gap_chart(pairwise_gaps(survey, by="company")).title
'Perception gaps between each pair of partners'
"""

from __future__ import annotations

import pandas as pd

from toolkit.health.model import widest_gap
from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR
from toolkit.ui.svg import Diagram

__all__ = ["PAIR_COLOURS", "gap_chart", "pairwise_gap_chart"]

#: one colour per pair of sides (each with at least 4.5:1 contrast on white)
PAIR_COLOURS = (LEADING_COLOUR, LAGGING_COLOUR, "#276749", "#6b46c1", "#2d3748", "#97266d")
#: the pairwise chart's x axis
PAIR_GAP_TITLE = "Gap between the two sides (points on a 1-5 scale)"


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
    scores = gaps[sides].astype(float).to_numpy()  # a row per dimension, a column per side
    for dimension, row in zip(order, scores, strict=True):
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
                {"dimension": dimension, "side": side, "score": float(score)}
                for dimension, row in zip(order, scores, strict=True)
                for side, score in zip(sides, row, strict=True)
            ]
        },
    )


def pairwise_gap_chart(pairs: pd.DataFrame) -> Diagram:
    """Bars of :func:`toolkit.health.model.pairwise_gaps`: one bar per pair of sides and dimension.

    The longer the bar, the further apart the two sides see that dimension; a gap of one point
    or more on the 1-5 scale is worth a conversation. Drawn as SVG directly
    (:mod:`toolkit.ui.plot`): the steering dashboard redraws it on every alliance or quarter.
    Each dimension is a row, split into one slice per pair in the colours of
    :data:`PAIR_COLOURS`; ``data["table"]`` holds what each bar shows (dimension, pair, gap,
    which side is higher).
    """
    widest = widest_gap(pairs)  # says so when there is no gap at all
    table = pd.DataFrame(
        {
            "dimension": pairs["dimension"].str.replace("_", " "),
            "pair": pairs["pair"],
            "gap": pairs["gap"].astype(float),
            "higher": pairs["higher"],
        }
    ).reset_index(drop=True)
    order = list(dict.fromkeys(table["dimension"]))
    pair_order = list(dict.fromkeys(table["pair"]))
    # the colours in turn, again from the first after the sixth pair (as Vega's ordinal range)
    colours = {pair: PAIR_COLOURS[n % len(PAIR_COLOURS)] for n, pair in enumerate(pair_order)}
    slice_height = 12 if len(pair_order) > 1 else 22
    padding = 0.2  # between rows, as Vega-Lite leaves round bands split by pair
    row = slice_height * len(pair_order) / (1 - padding)
    plot = Plot(
        Linear(0, table["gap"].max(skipna=True), 420, title=PAIR_GAP_TITLE),
        Band(order, row * len(order), vertical=True, padding=padding),
    )
    slot = {pair: (n, len(pair_order)) for n, pair in enumerate(pair_order)}
    for dimension, pair, gap in table[["dimension", "pair", "gap"]].itertuples(index=False):
        plot.hbar(dimension, 0, gap, colour=colours[pair], slot=slot[pair])
    plot.legend(
        ((pair, {"shape": "square", "colour": colours[pair]}) for pair in pair_order),
        title="Pair",
        columns=1,
    )
    sides = len(set(pairs["side_a"]) | set(pairs["side_b"]))
    return plot.draw(
        "Perception gaps between each pair of partners",
        (
            f"For each dimension one bar per pair of the {sides} sides; the widest gap is "
            f"{widest['dimension'].replace('_', ' ')} between "
            f"{widest['side_a']} and {widest['side_b']} ({widest['gap']:.2f} points, "
            f"{widest['higher']} higher)."
        ),
        data={"table": table},
    )
