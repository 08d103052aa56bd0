"""The alliance balanced scorecard: four perspectives, leading and lagging measures, RAG status.

- :mod:`~toolkit.scorecard.model`: targets, quarterly actuals, the scorecard and its findings;
- :mod:`~toolkit.scorecard.chart`: the scorecard as a table with status colours and words;
- :mod:`~toolkit.scorecard.lesson`: the lesson's check and hints.

Examples
--------
>>> from toolkit import scorecard
>>> scorecard.rag(95, 100)
'amber'
"""

from toolkit.scorecard.chart import STATUS_COLOURS, scorecard_chart
from toolkit.scorecard.model import (
    DEFAULT_TARGETS,
    LOWER_IS_BETTER,
    STOCKS,
    quarter_actuals,
    rag,
    scorecard,
    scorecard_findings,
    scorecard_of,
)

__all__ = [
    "DEFAULT_TARGETS",
    "LOWER_IS_BETTER",
    "STATUS_COLOURS",
    "STOCKS",
    "quarter_actuals",
    "rag",
    "scorecard",
    "scorecard_chart",
    "scorecard_findings",
    "scorecard_of",
]
