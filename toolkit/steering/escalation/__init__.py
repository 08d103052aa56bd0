"""Escalation in motion: an issue walked up a governance design, day by day.

- :mod:`~toolkit.steering.escalation.model`: the issues and the walk (where an issue stalls, who
  settles it, on which day);
- :mod:`~toolkit.steering.escalation.chart`: the walk as bars, body by body;
- :mod:`~toolkit.steering.escalation.widget`: :class:`EscalationWalk`, to move through the days
  and mend the design;
- :mod:`~toolkit.steering.escalation.lesson`: the lesson's check and hints.

Examples
--------
>>> from toolkit.steering import agenda, escalation
>>> escalation.walk_escalation(agenda.constellation_design(), escalation.ISSUES[0]).verdict
'stalled'
"""

from toolkit._lazy import lazy_names
from toolkit.steering.escalation.chart import escalation_chart
from toolkit.steering.escalation.model import (
    CHIEF_EXECUTIVES,
    ISSUES,
    Issue,
    Stage,
    Walk,
    issue_named,
    status_on_day,
    walk_escalation,
)

__all__ = [
    "CHIEF_EXECUTIVES",
    "ISSUES",
    "EscalationWalk",
    "Issue",
    "Stage",
    "Walk",
    "escalation_chart",
    "issue_named",
    "status_on_day",
    "walk_escalation",
]

# the widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"EscalationWalk": "toolkit.steering.escalation.widget"})
