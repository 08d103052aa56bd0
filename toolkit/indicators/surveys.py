"""What surveys of alliance practice found alliances measure: each figure with its own source.

The figures come from different surveys of different people. Each is kept with the
population it describes and its source, so that no lesson sets them side by side as if one
survey had found them all (:func:`survey_figures` shows them that way, one row each).

Examples
--------
>>> [f.share for f in FIGURES]
[87, 81, 66]
>>> survey_figures().loc["Revenue", "who was asked"]
'185 high-tech alliances'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["FIGURES", "SurveyFigure", "survey_figures"]


@dataclass(frozen=True)
class SurveyFigure:
    """One survey figure: the share (%) of ``population`` that measured ``measure``."""

    measure: str
    share: int
    population: str
    source: str
    kind: str


_ASAP = (
    "Association of Strategic Alliance Professionals (ASAP), 'Measuring predictive "
    "indicators', Strategic Alliance Magazine, Q3 2011"
)

#: the figures, each with its own population and source
FIGURES = (
    SurveyFigure(
        "Revenue",
        87,
        "185 high-tech alliances",
        "Phoenix Consulting Group, 'What metrics matter?'",
        "consulting study",
    ),
    SurveyFigure("Leads generated", 81, "alliance professionals", _ASAP, "practitioner survey"),
    SurveyFigure("Joint pipeline", 66, "alliance professionals", _ASAP, "practitioner survey"),
)


def survey_figures() -> pd.DataFrame:
    """The figures as a table a participant reads: one row a figure, with whom and where."""
    rows = [
        {
            "what was measured": f.measure,
            "share that measured it": f"{f.share} %",
            "who was asked": f.population,
            "source": f"{f.source} ({f.kind})",
        }
        for f in FIGURES
    ]
    return pd.DataFrame(rows).set_index("what was measured")
