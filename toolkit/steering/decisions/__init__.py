"""Deciding with three partners: consensus, majority and a lead partner, side by side.

- :mod:`~toolkit.steering.decisions.model`: the proposals, the partners' positions, the outcome
  and the chance of agreement under each rule;
- :mod:`~toolkit.steering.decisions.chart`: the grid of outcomes and the chance of agreement;
- :mod:`~toolkit.steering.decisions.widget`: :class:`DecisionRules`, to change the positions and
  the rule;
- :mod:`~toolkit.steering.decisions.lesson`: the lesson's check and hints.

Examples
--------
>>> from toolkit.steering import decisions
>>> decisions.outcome({"A": True, "B": True, "C": False}, "consensus")
'blocked'
"""

from toolkit._lazy import lazy_names
from toolkit.steering.decisions.chart import OUTCOME_COLOURS, chance_chart, outcomes_chart
from toolkit.steering.decisions.model import (
    LEAD_PARTNER,
    OUTCOMES,
    PROPOSALS,
    RULES,
    Proposal,
    agreement_chance,
    blocked_by,
    chance_table,
    outcome,
    outcomes_table,
)

__all__ = [
    "LEAD_PARTNER",
    "OUTCOMES",
    "OUTCOME_COLOURS",
    "PROPOSALS",
    "RULES",
    "DecisionRules",
    "Proposal",
    "agreement_chance",
    "blocked_by",
    "chance_chart",
    "chance_table",
    "outcome",
    "outcomes_chart",
    "outcomes_table",
]

# the widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"DecisionRules": "toolkit.steering.decisions.widget"})
