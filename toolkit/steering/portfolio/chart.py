"""The portfolio's picture: each alliance by importance and health, with its call.

The portfolio map redraws it on every slider move, so it is drawn as SVG directly
(:mod:`toolkit.ui.plot`, a millisecond or two, not Vega): a :class:`~toolkit.ui.svg.Diagram`
with a title and a one-sentence description (read by screen readers), never displayed by the
function itself.

Examples
--------
>>> from toolkit.steering.portfolio.model import HEALTHY, IMPORTANT, portfolio
>>> portfolio_chart(portfolio(), important=IMPORTANT, healthy=HEALTHY).title[:3]
'The'
"""

from __future__ import annotations

import pandas as pd

from toolkit.ui.plot import Linear, Plot
from toolkit.ui.svg import Diagram

__all__ = ["CALL_COLOURS", "portfolio_chart"]

#: portfolio call -> colour (each with at least 3:1 contrast on white, for graphics)
CALL_COLOURS = {"invest": "#276749", "fix": "#c05621", "maintain": "#2b6cb0", "exit": "#9b2c2c"}


def _label_offsets(data: pd.DataFrame) -> pd.DataFrame:
    """Where to write each label, so that labels of nearby dots do not overlap.

    ``side`` is ``left`` when another dot sits close to the right; ``label_y`` moves a label up
    or down a little where two dots nearly coincide.
    """
    data = data.sort_values(["importance", "health"]).copy()
    sides, heights = [], []
    rows = list(data.itertuples())
    for i, row in enumerate(rows):
        after = rows[i + 1] if i + 1 < len(rows) else None
        before = rows[i - 1] if i else None
        close_after = (
            after is not None
            and after.importance == row.importance
            and after.health - row.health < 0.5
        )
        same_before = (
            before is not None
            and before.importance == row.importance
            and row.health - before.health < 0.1
        )
        sides.append("left" if close_after and after.health - row.health >= 0.1 else "right")
        heights.append(row.importance + (0.18 if same_before else 0.0))
        if same_before:  # move the first of the pair down, this one up
            heights[-2] = before.importance - 0.18
    data["side"] = sides
    data["label_y"] = heights
    return data.sort_index()


def portfolio_chart(table: pd.DataFrame, *, important: float, healthy: float) -> Diagram:
    """The portfolio map: health across, strategic importance up, one labelled dot per alliance."""
    data = _label_offsets(table.reset_index())
    plot = Plot(
        Linear(2, 4.5, 400, title="Health index (1-5)", zero=False, nice=False),
        Linear(
            1, 5, 300, title="Strategic importance (1-5)", vertical=True, zero=False, nice=False
        ),
    )
    plot.vline(healthy, colour="#4a5568", dash=[4, 4])
    plot.hline(important, colour="#4a5568", dash=[4, 4])
    corners = ((2.03, 4.9, "fix", "start"), (4.47, 4.9, "invest", "end"))
    corners += ((2.03, 1.1, "exit", "start"), (4.47, 1.1, "maintain", "end"))
    for health, importance, call, anchor in corners:
        plot.label(
            health, importance, call, anchor=anchor, size=13, bold=True, colour=CALL_COLOURS[call]
        )
    for health, importance, call in data[["health", "importance", "call"]].itertuples(index=False):
        plot.dot(
            min(max(float(health), 2.0), 4.5),  # clamped to the axis, as the map always was
            importance,
            colour=CALL_COLOURS[call],
            radius=6.7,
            opacity=0.9,
        )
    for alliance, health, height, side in data[
        ["alliance", "health", "label_y", "side"]
    ].itertuples(index=False):
        left = side == "left"
        plot.label(
            health, height, alliance, anchor="end" if left else "start", dx=-9 if left else 9
        )
    plot.legend(
        ((call, {"shape": "circle", "colour": colour}) for call, colour in CALL_COLOURS.items()),
        title="Call",
        vertical=False,
    )
    counts = data["call"].value_counts()
    said = ", ".join(
        f"{counts[c]} {c} ({', '.join(data.loc[data['call'] == c, 'alliance'])})"
        for c in CALL_COLOURS
        if c in counts
    )
    return plot.draw(
        "The alliance portfolio: importance against health",
        (
            f"A map of {len(data)} alliances, health across and strategic importance up, split "
            f"at health {healthy} and importance {important}: {said}."
        ),
        data={"table": data, "healthy": healthy, "important": important},
    )
