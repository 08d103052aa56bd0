"""The balanced scorecard as a picture: a table of measures with their red/amber/green status.

Examples
--------
>>> from toolkit.scorecard.model import DEFAULT_TARGETS, quarter_actuals, scorecard
>>> card = scorecard(quarter_actuals("Northwind", 24), DEFAULT_TARGETS)
>>> scorecard_chart(card).to_dict()["title"]
'Alliance balanced scorecard'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.ui.render import describe

__all__ = ["STATUS_COLOURS", "scorecard_chart"]

STATUS_COLOURS = {"green": "#38a169", "amber": "#d69e2e", "red": "#e53e3e", "grey": "#a0aec0"}


def scorecard_chart(card: pd.DataFrame) -> alt.LayerChart:
    """The scorecard of :func:`toolkit.scorecard.model.scorecard` as a table with status colours."""
    rows = []
    for i, r in card.reset_index(drop=True).iterrows():
        actual = "–" if pd.isna(r["actual"]) else f"{r['actual']:,.1f}"
        cells = {
            "perspective": r["perspective"],
            "measure": f"{r['label']} ({r['kind']})",
            "actual": actual,
            "target": f"{r['target']:,.1f}",
            "status": r["status"],
        }
        for column, text in cells.items():
            rows.append({"row": i, "column": column, "text": text, "status": r["status"]})
    table = pd.DataFrame(rows)
    order = ["perspective", "measure", "actual", "target", "status"]
    base = alt.Chart(table).encode(
        x=alt.X("column:N", sort=order, axis=alt.Axis(orient="top", title=None, labelAngle=0)),
        y=alt.Y("row:O", axis=None),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.condition(
            alt.datum.column == "status",
            alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                legend=None,
            ),
            alt.value("#f7fafc"),
        )
    )
    text = base.mark_text(fontSize=11, limit=165).encode(text="text:N")
    chart = (cells + text).properties(width=alt.Step(175), height=alt.Step(24))
    counts = card["status"].value_counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUS_COLOURS if s in counts)
    return describe(
        chart,
        title="Alliance balanced scorecard",
        description=(
            f"A table of {len(card)} measures grouped by perspective with actual, target and "
            f"a red, amber or green status: {summary or 'no measures'}."
        ),
    )
