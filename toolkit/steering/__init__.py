"""The steering committee at work: governance and metrics used together, once a quarter.

- :mod:`~toolkit.steering.dashboard`: the quarterly dashboard and what the meeting must discuss;
- :mod:`~toolkit.steering.agenda`: each agenda item to the body that owns the decision;
- :mod:`~toolkit.steering.escalation`: an issue walked up a design's escalation path;
- :mod:`~toolkit.steering.decisions`: consensus, majority and a lead partner with three partners;
- :mod:`~toolkit.steering.plan`: the joint business plan worked backwards from a revenue goal;
- :mod:`~toolkit.steering.portfolio`: the lifecycle, and the portfolio of the course alliances;
- :mod:`~toolkit.steering.chart`: their pictures;
- widgets: :class:`SteeringDashboard`, :class:`AgendaRouter`, :class:`EscalationWalk`,
  :class:`DecisionRules`, :class:`BusinessPlanner`, :class:`PortfolioMap`;
- :mod:`~toolkit.steering.lesson`: the lesson's checks and hints.

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
from toolkit.steering.chart import (
    chance_chart,
    escalation_chart,
    outcomes_chart,
    plan_chart,
    portfolio_chart,
    trend_chart,
)
from toolkit.steering.dashboard import (
    Dashboard,
    dashboard_items,
    discussion_plan,
    must_discuss,
    quarterly_dashboard,
    read_leading_first,
)
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
from toolkit.steering.escalation import ISSUES, Issue, status_on_day, walk_escalation
from toolkit.steering.plan import Funnel, Goal, earliest_revenue_month, plan_backwards
from toolkit.steering.portfolio import (
    IMPORTANCE,
    STAGES,
    importance_table,
    lifecycle_stage,
    portfolio,
    portfolio_call,
    stages_table,
    strategic_importance,
)

_WIDGETS = {
    "AgendaRouter": "toolkit.steering.router",
    "BusinessPlanner": "toolkit.steering.planner",
    "DecisionRules": "toolkit.steering.voting",
    "EscalationWalk": "toolkit.steering.walker",
    "PortfolioMap": "toolkit.steering.portfolio_map",
    "SteeringDashboard": "toolkit.steering.board",
}

__all__ = [
    "AGENDA",
    "CONSTELLATION_PARTNERS",
    "IMPORTANCE",
    "ISSUES",
    "LEAD_PARTNER",
    "PROPOSALS",
    "RULES",
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
