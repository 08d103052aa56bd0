"""Leading and lagging indicators: the metric catalogue, lag analysis, trends, two widgets.

Revenue is a *lagging* indicator, the result of joint work done months earlier; the joint work
is measured by *leading* indicators, which managers can steer today.

- :mod:`~toolkit.indicators.catalogue`: every metric, its kind and perspective;
- :mod:`~toolkit.indicators.lags`: by how many months revenue follows a leading metric, and
  how sure that reading is;
- :mod:`~toolkit.indicators.seasonality`: the quarter-end rhythm of bookings;
- :mod:`~toolkit.indicators.trends`: where each alliance is heading;
- :mod:`~toolkit.indicators.chart`: the lag and correlation charts;
- :mod:`~toolkit.indicators.model`: sorted answers scored, and the lag explorer's numbers;
- :mod:`~toolkit.indicators.widget`: the widgets, :class:`MetricSorter` and :class:`LagExplorer`;
- :mod:`~toolkit.indicators.lesson` and :mod:`~toolkit.indicators.assignment`: checks, hints.

Examples
--------
>>> from toolkit import indicators
>>> indicators.kind_of("Deal registrations")
'leading'
"""

from toolkit._lazy import lazy_names
from toolkit.indicators.catalogue import (
    KINDS,
    METRICS,
    PERSPECTIVES,
    Metric,
    catalogue,
    kind_of,
    metric_name,
)
from toolkit.indicators.chart import correlation_chart, lag_chart
from toolkit.indicators.lags import LagReading, best_lag, lag_correlations, reads_clearly
from toolkit.indicators.seasonality import QuarterRhythm, quarter_rhythm, without_rhythm
from toolkit.indicators.trends import indicator_trends

__all__ = [
    "KINDS",
    "METRICS",
    "PERSPECTIVES",
    "ExplorerState",
    "LagExplorer",
    "LagReading",
    "Metric",
    "MetricSorter",
    "QuarterRhythm",
    "best_lag",
    "catalogue",
    "correlation_chart",
    "explore",
    "indicator_trends",
    "kind_of",
    "lag_chart",
    "lag_correlations",
    "metric_name",
    "quarter_rhythm",
    "reads_clearly",
    "without_rhythm",
]

# the widgets (and ipywidgets) load only when first used
__getattr__ = lazy_names(
    __name__,
    {
        "MetricSorter": "toolkit.indicators.widget",
        "LagExplorer": "toolkit.indicators.widget",
        "ExplorerState": "toolkit.indicators.model",
        "explore": "toolkit.indicators.model",
    },
)
