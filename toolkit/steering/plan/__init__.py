"""The joint business plan, worked backwards from a revenue goal through the funnel.

- :mod:`~toolkit.steering.plan.model`: the goal, the funnel and the plan (each step's monthly
  count and its latest month);
- :mod:`~toolkit.steering.plan.chart`: the plan, step by step;
- :mod:`~toolkit.steering.plan.widget`: :class:`BusinessPlanner`, to set the goal and the funnel
  with sliders;
- :mod:`~toolkit.steering.plan.lesson`: the lesson's check and hints.

Examples
--------
>>> from toolkit.steering import plan
>>> worked = plan.plan_backwards(plan.Goal(revenue=450.0, month=20), plan.Funnel())
>>> list(worked.index[[0, -1]])
['joint_work', 'sourced_revenue']
"""

from toolkit._lazy import lazy_names
from toolkit.steering.plan.chart import plan_chart
from toolkit.steering.plan.model import (
    Funnel,
    Goal,
    check_goal,
    check_values,
    earliest_revenue_month,
    lead_months,
    plan_backwards,
    plan_shortfalls,
)

__all__ = [
    "BusinessPlanner",
    "Funnel",
    "Goal",
    "check_goal",
    "check_values",
    "earliest_revenue_month",
    "lead_months",
    "plan_backwards",
    "plan_chart",
    "plan_shortfalls",
]

# the widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"BusinessPlanner": "toolkit.steering.plan.widget"})
