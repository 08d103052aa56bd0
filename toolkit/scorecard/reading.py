"""A scorecard in words: the sentence a lesson shows beside the chart, built from the card.

Examples
--------
>>> import pandas as pd
>>> card = pd.DataFrame({
...     "kind": ["lagging", "lagging", "leading", "leading"],
...     "perspective": ["financial", "strategic", "operational", "relationship"],
...     "label": ["Revenue", "New customer wins", "Trained sellers", "Sponsor meetings"],
...     "status": ["green", "green", "green", "red"]})
>>> print(read_scorecard(card))
Results (lagging: financial, strategic): 2 green (Revenue, New customer wins). Drivers (leading: operational, relationship): 1 green (Trained sellers), 1 red (Sponsor meetings).
"""  # noqa: E501

from __future__ import annotations

import pandas as pd

from toolkit.ui.sentence import Reading

__all__ = ["read_scorecard"]

_ORDER = ("green", "amber", "red")
_GROUPS = (("lagging", "Results"), ("leading", "Drivers"))


def read_scorecard(card: pd.DataFrame) -> Reading:
    """How many measures of each kind are green, amber and red, and which (from the card)."""
    parts = []
    for kind, title in _GROUPS:
        rows = card[card["kind"] == kind]
        if rows.empty:
            continue
        perspectives = ", ".join(dict.fromkeys(rows["perspective"]))
        counts = [
            f"{len(group)} {status} ({', '.join(group['label'])})"
            for status in _ORDER
            if len(group := rows[rows["status"] == status])
        ]
        parts.append(f"{title} ({kind}: {perspectives}): {', '.join(counts)}.")
    return Reading(" ".join(parts))
