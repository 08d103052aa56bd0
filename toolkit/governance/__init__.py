"""Governance structures of strategic alliances: the design, its review, charts and builder.

A *design* names the alliance, its partners and its joint bodies (steering, management,
operational), with their members, cadence, escalation path and decision rights. Load one
from a file or start from a template, :func:`review` it, draw it, or build one with the
:class:`GovernanceBuilder` widget.

Examples
--------
>>> from toolkit import governance
>>> design = governance.template("enterprise-three-tier")
>>> governance.is_workable(design)
True
>>> design.bodies[0].members.clear()
>>> sorted({f.code for f in governance.review(design) if f.severity == "error"})
['empty-body', 'no-executive-sponsor', 'one-sided-body']
"""

from toolkit._lazy import lazy_names
from toolkit.governance.chart import decision_chart, decision_matrix, governance_chart
from toolkit.governance.edits import EditError
from toolkit.governance.files import DesignError, dumps, from_dict, load, loads, save, to_dict
from toolkit.governance.model import (
    CORE_DECISIONS,
    FORMAT,
    FUNCTIONS,
    NAMES,
    ROLES,
    TIER_RANK,
    TIERS,
    Body,
    Design,
    Member,
    body_labels,
    name_of,
)
from toolkit.governance.review import (
    CADENCE_RANGES,
    ERROR_CODES,
    WARNING_CODES,
    Finding,
    counts,
    escalation_days_to_steering,
    findings_table,
    is_workable,
    review,
)
from toolkit.governance.templates import TEMPLATES, template, template_titles

__all__ = [
    "CADENCE_RANGES",
    "CORE_DECISIONS",
    "ERROR_CODES",
    "FORMAT",
    "FUNCTIONS",
    "NAMES",
    "ROLES",
    "TEMPLATES",
    "TIERS",
    "TIER_RANK",
    "WARNING_CODES",
    "Body",
    "Design",
    "EditError",
    "GovernanceBuilder",
    "DesignError",
    "Finding",
    "Member",
    "body_labels",
    "counts",
    "decision_chart",
    "decision_matrix",
    "findings_table",
    "dumps",
    "escalation_days_to_steering",
    "from_dict",
    "governance_chart",
    "is_workable",
    "load",
    "loads",
    "name_of",
    "review",
    "save",
    "template",
    "template_titles",
    "to_dict",
]


# the builder widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"GovernanceBuilder": "toolkit.governance.widget"})


def __dir__():
    """List the public names, the lazily loaded builder included."""
    return sorted(set(globals()) | set(__all__))
