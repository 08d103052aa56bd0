"""The quarterly dashboard, and what the steering meeting must discuss.

The scorecard, the indicators' trends and the health check on one page, and the rules that say
which of its items the meeting must discuss.

- :mod:`~toolkit.steering.dashboard.model`: the dashboard of an alliance's quarter and the
  discussion rules;
- :mod:`~toolkit.steering.dashboard.chart`: the leading and lagging indicators year on year (the
  scorecard and the health check use their own concepts' charts);
- :mod:`~toolkit.steering.dashboard.widget`: :class:`SteeringDashboard`, to pick an alliance and
  a quarter and tick what to discuss;
- :mod:`~toolkit.steering.dashboard.lesson`: the lesson's check and hints.

Examples
--------
>>> from toolkit.steering import dashboard
>>> dashboard.quarterly_dashboard("Constellation", 16).alliance
'Constellation'
"""

from toolkit._lazy import lazy_names
from toolkit.steering.dashboard.chart import trend_chart
from toolkit.steering.dashboard.model import (
    FALL_TO_DISCUSS,
    GAP_TO_DISCUSS,
    LOW_TO_DISCUSS,
    TREND_METRICS,
    Dashboard,
    DashboardItem,
    Verdict,
    dashboard_items,
    discussion_plan,
    leading_first,
    must_discuss,
    quarterly_dashboard,
    read_leading_first,
)

__all__ = [
    "FALL_TO_DISCUSS",
    "GAP_TO_DISCUSS",
    "LOW_TO_DISCUSS",
    "TREND_METRICS",
    "Dashboard",
    "DashboardItem",
    "SteeringDashboard",
    "Verdict",
    "dashboard_items",
    "discussion_plan",
    "leading_first",
    "must_discuss",
    "quarterly_dashboard",
    "read_leading_first",
    "trend_chart",
]

# the widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"SteeringDashboard": "toolkit.steering.dashboard.widget"})
