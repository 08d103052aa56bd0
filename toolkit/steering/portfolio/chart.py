"""The portfolio's picture: each alliance by importance and health, with its call.

The function returns an Altair chart with a title and a one-sentence description (read by screen
readers) and never displays it.

Examples
--------
>>> from toolkit.steering.portfolio.model import HEALTHY, IMPORTANT, portfolio
>>> portfolio_chart(portfolio(), important=IMPORTANT, healthy=HEALTHY).to_dict()["title"][:3]
'The'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.ui.render import describe

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


def portfolio_chart(table: pd.DataFrame, *, important: float, healthy: float) -> alt.LayerChart:
    """The portfolio map: health across, strategic importance up, one labelled dot per alliance."""
    data = _label_offsets(table.reset_index())
    scale_x = alt.Scale(domain=[2, 4.5], clamp=True, zero=False)
    scale_y = alt.Scale(domain=[1, 5])
    dots = (
        alt.Chart(data)
        .mark_circle(size=140, opacity=0.9)
        .encode(
            x=alt.X("health:Q", title="Health index (1-5)", scale=scale_x),
            y=alt.Y("importance:Q", title="Strategic importance (1-5)", scale=scale_y),
            color=alt.Color(
                "call:N",
                scale=alt.Scale(domain=list(CALL_COLOURS), range=list(CALL_COLOURS.values())),
                legend=alt.Legend(orient="bottom", title="Call"),
            ),
            tooltip=["alliance", "importance", "health", "stage", "call"],
        )
    )
    labels = [
        alt.Chart(data[data["side"] == side])
        .mark_text(
            align="right" if side == "left" else "left", dx=-9 if side == "left" else 9, fontSize=11
        )
        .encode(
            x=alt.X("health:Q", scale=scale_x),
            y=alt.Y("label_y:Q", scale=scale_y),
            text="alliance:N",
        )
        for side in ("left", "right")
    ]
    lines = pd.DataFrame({"health": [healthy], "importance": [important]})
    vertical = (
        alt.Chart(lines)
        .mark_rule(strokeDash=[4, 4], color="#4a5568")
        .encode(x=alt.X("health:Q", scale=scale_x))
    )
    horizontal = (
        alt.Chart(lines)
        .mark_rule(strokeDash=[4, 4], color="#4a5568")
        .encode(y=alt.Y("importance:Q", scale=scale_y))
    )
    corners = pd.DataFrame(
        {
            "health": [2.03, 4.47, 2.03, 4.47],
            "importance": [4.9, 4.9, 1.1, 1.1],
            "call": ["fix", "invest", "exit", "maintain"],
            "align": ["left", "right", "left", "right"],
        }
    )
    quadrants = [
        alt.Chart(corners[corners["align"] == side])
        .mark_text(align=side, fontSize=13, fontWeight="bold")
        .encode(
            x=alt.X("health:Q", scale=scale_x),
            y=alt.Y("importance:Q", scale=scale_y),
            text="call:N",
            color=alt.Color(
                "call:N",
                scale=alt.Scale(domain=list(CALL_COLOURS), range=list(CALL_COLOURS.values())),
                legend=None,
            ),
        )
        for side in ("left", "right")
    ]
    counts = data["call"].value_counts()
    said = ", ".join(
        f"{counts[c]} {c} ({', '.join(data.loc[data['call'] == c, 'alliance'])})"
        for c in CALL_COLOURS
        if c in counts
    )
    return describe(
        alt.layer(vertical, horizontal, *quadrants, dots, *labels).properties(
            width=400, height=300
        ),
        title="The alliance portfolio: importance against health",
        description=(
            f"A map of {len(data)} alliances, health across and strategic importance up, split "
            f"at health {healthy} and importance {important}: {said}."
        ),
    )
