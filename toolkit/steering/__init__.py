"""The steering committee at work: governance and metrics used together, once a quarter.

Six concepts, each a folder laid out as :mod:`toolkit.governance` is (``model.py``,
``chart.py``, ``widget.py``, ``lesson.py``):

- :mod:`~toolkit.steering.dashboard`: the quarterly dashboard and what the meeting must
  discuss (:class:`SteeringDashboard`);
- :mod:`~toolkit.steering.agenda`: each agenda item to the body that owns the decision
  (:class:`AgendaRouter`; its picture is the design's decision-rights matrix);
- :mod:`~toolkit.steering.escalation`: an issue walked up a design's escalation path
  (:class:`EscalationWalk`);
- :mod:`~toolkit.steering.decisions`: consensus, majority and a lead partner with three
  partners (:class:`DecisionRules`);
- :mod:`~toolkit.steering.plan`: the joint business plan worked backwards from a revenue goal
  (:class:`BusinessPlanner`);
- :mod:`~toolkit.steering.portfolio`: the lifecycle, and the portfolio of the course alliances
  (:class:`PortfolioMap`).

Shared by them: :mod:`~toolkit.steering.controls` (the sliders and tables of the widgets) and
:mod:`~toolkit.steering.answers` (reading an answer that names items). The graded assignment
``steering-committee`` uses all six: :mod:`~toolkit.steering.assignment` (its checks and
hints) and :mod:`~toolkit.steering.cases` (each student's quarter).

Examples
--------
>>> from toolkit import steering
>>> steering.route(steering.constellation_design(), "pricing")
('management', 'owns the decision')
>>> steering.walk_escalation(steering.constellation_design(), steering.ISSUES[0]).verdict
'stalled'
"""

from toolkit._lazy import lazy_names
from toolkit.steering.agenda import (
    AGENDA,
    CONSTELLATION_PARTNERS,
    AgendaItem,
    constellation_design,
    owners_of,
    route,
    route_agenda,
)
from toolkit.steering.dashboard import (
    Dashboard,
    dashboard_items,
    discussion_plan,
    must_discuss,
    quarterly_dashboard,
    read_leading_first,
)
from toolkit.steering.dashboard.chart import trend_chart
from toolkit.steering.decisions import (
    LEAD_PARTNER,
    PROPOSALS,
    RULES,
    agreement_chance,
    blocked_by,
    chance_table,
    outcome,
    outcomes_table,
)
from toolkit.steering.decisions.chart import chance_chart, outcomes_chart
from toolkit.steering.escalation import ISSUES, Issue, status_on_day, walk_escalation
from toolkit.steering.escalation.chart import escalation_chart
from toolkit.steering.plan import Funnel, Goal, earliest_revenue_month, plan_backwards
from toolkit.steering.plan.chart import plan_chart
from toolkit.steering.portfolio import (
    ASAP_PHASES,
    IMPORTANCE,
    LIFECYCLE_SOURCE,
    STAGES,
    importance_table,
    lifecycle_stage,
    portfolio,
    portfolio_call,
    stage_names,
    stages_table,
    strategic_importance,
)
from toolkit.steering.portfolio.chart import portfolio_chart

_WIDGETS = {
    "AgendaRouter": "toolkit.steering.agenda.widget",
    "BusinessPlanner": "toolkit.steering.plan.widget",
    "DecisionRules": "toolkit.steering.decisions.widget",
    "EscalationWalk": "toolkit.steering.escalation.widget",
    "PortfolioMap": "toolkit.steering.portfolio.widget",
    "SteeringDashboard": "toolkit.steering.dashboard.widget",
}

__all__ = [
    "AGENDA",
    "CONSTELLATION_PARTNERS",
    "IMPORTANCE",
    "ISSUES",
    "LEAD_PARTNER",
    "PROPOSALS",
    "RULES",
    "ASAP_PHASES",
    "LIFECYCLE_SOURCE",
    "STAGES",
    "AgendaItem",
    "AgendaRouter",
    "BusinessPlanner",
    "Dashboard",
    "DecisionRules",
    "EscalationWalk",
    "Funnel",
    "Goal",
    "Issue",
    "PortfolioMap",
    "SteeringDashboard",
    "agreement_chance",
    "blocked_by",
    "chance_chart",
    "chance_table",
    "constellation_design",
    "dashboard_items",
    "discussion_plan",
    "earliest_revenue_month",
    "escalation_chart",
    "importance_table",
    "lifecycle_stage",
    "must_discuss",
    "outcome",
    "outcomes_chart",
    "outcomes_table",
    "owners_of",
    "plan_backwards",
    "plan_chart",
    "portfolio",
    "portfolio_call",
    "portfolio_chart",
    "quarterly_dashboard",
    "read_leading_first",
    "route",
    "route_agenda",
    "stage_names",
    "stages_table",
    "status_on_day",
    "strategic_importance",
    "trend_chart",
    "walk_escalation",
]

# the widgets (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, _WIDGETS)


def __dir__():
    """List the public names, the lazily loaded widgets included."""
    return sorted(set(globals()) | set(__all__))
