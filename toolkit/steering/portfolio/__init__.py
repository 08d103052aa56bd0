"""The portfolio: an alliance's lifecycle, and a call for each course alliance.

Where an alliance stands in its life, and whether to invest in it, fix it, maintain it or exit,
from its strategic importance and its health.

- :mod:`~toolkit.steering.portfolio.model`: the lifecycle stages, the importance ratings and the
  portfolio calls;
- :mod:`~toolkit.steering.portfolio.chart`: the portfolio map;
- :mod:`~toolkit.steering.portfolio.widget`: :class:`PortfolioMap`, to change the thresholds and
  the ratings;
- :mod:`~toolkit.steering.portfolio.lesson`: the lesson's check and hints.

Examples
--------
>>> from toolkit.steering.portfolio import portfolio_call
>>> portfolio_call(4, 4.0)
'invest'
"""

from toolkit._lazy import lazy_names
from toolkit.steering.portfolio.chart import CALL_COLOURS, portfolio_chart
from toolkit.steering.portfolio.model import (
    ASAP_PHASES,
    CALLS,
    HEALTHY,
    IMPORTANCE,
    IMPORTANT,
    LIFECYCLE_SOURCE,
    STAGES,
    Importance,
    StageGuide,
    importance_table,
    latest_health,
    lifecycle_stage,
    portfolio,
    portfolio_call,
    stage_names,
    stages_table,
    strategic_importance,
)

__all__ = [
    "CALLS",
    "CALL_COLOURS",
    "HEALTHY",
    "IMPORTANCE",
    "IMPORTANT",
    "ASAP_PHASES",
    "LIFECYCLE_SOURCE",
    "STAGES",
    "Importance",
    "PortfolioMap",
    "StageGuide",
    "importance_table",
    "latest_health",
    "lifecycle_stage",
    "portfolio",
    "portfolio_call",
    "portfolio_chart",
    "stage_names",
    "stages_table",
    "strategic_importance",
]

# the widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"PortfolioMap": "toolkit.steering.portfolio.widget"})
