"""The balanced scorecard as a picture: a table of measures with their red/amber/green status.

Colour is never the only carrier of the status: each status cell also says it with a mark and
words (:data:`STATUS_WORDS`), in dark text that keeps AA contrast on every status colour.

The steering dashboard redraws it on every change of alliance or quarter, so it is drawn as SVG
directly (:mod:`toolkit.ui.plot`, a millisecond or two, not Vega): a
:class:`~toolkit.ui.svg.Diagram` with a title and a one-sentence description.

Examples
--------
>>> from toolkit.scorecard.model import DEFAULT_TARGETS, quarter_actuals, scorecard
>>> card = scorecard(quarter_actuals("Northwind", 24), DEFAULT_TARGETS)
>>> scorecard_chart(card).title
'Alliance balanced scorecard'
"""

from __future__ import annotations

import textwrap

import pandas as pd

from toolkit.ui.plot import Band, Plot
from toolkit.ui.svg import Diagram

__all__ = ["STATUS_COLOURS", "STATUS_WORDS", "scorecard_chart"]

#: each status's colour; the cell's dark text keeps at least 4.5:1 on every one of them
STATUS_COLOURS = {"green": "#38a169", "amber": "#d69e2e", "red": "#f56565", "grey": "#a0aec0"}
#: what each status cell says, for a reader who does not see the colour
STATUS_WORDS = {
    "green": "✔ green: target met",
    "amber": "! amber: close",
    "red": "✘ red: off target",
    "grey": "– grey: no data",
}


def scorecard_chart(card: pd.DataFrame) -> Diagram:
    """The scorecard of :func:`toolkit.scorecard.model.scorecard` as a table with status colours."""
    rows = []
    for i, r in enumerate(card.to_dict("records")):
        actual = "–" if pd.isna(r["actual"]) else f"{r['actual']:,.1f}"
        cells = {
            "perspective": r["perspective"],
            "measure": "\n".join(textwrap.wrap(str(r["label"]), 24)),
            "kind": r["kind"],
            "actual": actual,
            "target": f"{r['target']:,.1f}",
            "status": STATUS_WORDS[r["status"]],
        }
        for column, text in cells.items():
            rows.append({"row": i, "column": column, "text": text, "status": r["status"]})
    table = pd.DataFrame(rows)
    order = ["perspective", "measure", "kind", "actual", "target", "status"]
    plot = Plot(
        Band(order, 150 * len(order), padding=0, upright=True, top=True),
        Band(list(range(len(card))), 34 * len(card), vertical=True, padding=0, axis=False),
        grid=False,
    )
    for cell in rows:
        colour = STATUS_COLOURS[cell["status"]] if cell["column"] == "status" else "#f7fafc"
        # long measure names wrap onto a second line (never cut short with an ellipsis)
        plot.cell(cell["column"], cell["row"], colour=colour, words=cell["text"], ink="#1a202c")
    counts = card["status"].value_counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUS_COLOURS if s in counts)
    return plot.draw(
        "Alliance balanced scorecard",
        (
            f"A table of {len(card)} measures grouped by perspective, each marked leading or "
            f"lagging, with actual, target and a red, amber or green status: "
            f"{summary or 'no measures'}."
        ),
        data={"table": table},
    )
