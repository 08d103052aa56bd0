"""The alliance health check: a survey of both partners, its index and perception gaps.

- :mod:`~toolkit.health.model`: dimensions, items, answers, the index and the gaps (between
  us and the partner, or between each pair of companies of a multi-partner alliance);
- :mod:`~toolkit.health.chart`: the dumbbell chart of the gaps, and the bars of pairwise gaps;
- :mod:`~toolkit.health.widget`: :class:`HealthCheck`, to load or enter a survey;
- :mod:`~toolkit.health.lesson` and :mod:`~toolkit.health.assignment`: checks and hints.

Examples
--------
>>> from toolkit import data, health
>>> round(health.health_index(data.survey("Northwind", quarter=8)), 2)
3.94
"""

from toolkit._lazy import lazy_names
from toolkit.health.chart import gap_chart, pairwise_gap_chart
from toolkit.health.model import (
    DIMENSIONS,
    ITEMS,
    SIDES,
    check_answer,
    dimension_of,
    dimension_scores,
    health_index,
    health_indexes,
    item_columns,
    pairwise_gaps,
    perception_gaps,
    survey_from_answers,
    widest_gap,
)

__all__ = [
    "DIMENSIONS",
    "ITEMS",
    "SIDES",
    "HealthCheck",
    "check_answer",
    "dimension_of",
    "dimension_scores",
    "gap_chart",
    "health_index",
    "health_indexes",
    "item_columns",
    "pairwise_gap_chart",
    "pairwise_gaps",
    "perception_gaps",
    "survey_from_answers",
    "widest_gap",
]


# the widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"HealthCheck": "toolkit.health.widget"})
