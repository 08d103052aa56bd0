"""The governance design as plain data: an alliance, its partners and its joint bodies.

A design is what a student builds in the builder widget and what the exercises grade. It is
made of three small dataclasses, :class:`Design`, :class:`Body` and :class:`Member`, that
hold exactly what the file format ``alliance-governance/1`` holds (see
``shared/domain/governance-rules.md``). Keys the course does not know are kept in ``extra``
so that a file written by a newer course comes back unchanged when it is saved again.

Examples
--------
>>> jsc = Body("jsc", "Joint Steering Committee", "steering", 90,
...            [Member("Ana Ruiz", "Nimbus", "executive_sponsor")], ["strategy"])
>>> design = Design("Nimbus + Titan", ["Nimbus", "Titan"], [jsc])
>>> design.body("jsc").name
'Joint Steering Committee'
>>> design.distinct_partners()
['Nimbus', 'Titan']
>>> TIER_RANK["steering"] < TIER_RANK["management"] < TIER_RANK["operational"]
True
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

__all__ = [
    "CORE_DECISIONS",
    "FORMAT",
    "FUNCTIONS",
    "ROLES",
    "TIERS",
    "NAMES",
    "TIER_RANK",
    "Body",
    "Design",
    "Member",
    "body_labels",
    "code_of",
    "name_of",
]

FORMAT = "alliance-governance/1"
# highest first: a body may only escalate to a body of a higher tier (a smaller rank)
TIERS = ("steering", "management", "operational")
TIER_RANK = {tier: rank for rank, tier in enumerate(TIERS)}
ROLES = ("executive_sponsor", "alliance_manager", "functional_lead", "member")
# the decisions every alliance must give to exactly one body
CORE_DECISIONS = ("strategy", "investment", "joint_business_plan", "dispute_resolution")
# usual values of a member's optional ``function`` (others are allowed)
FUNCTIONS = (
    "sales",
    "marketing",
    "technical",
    "finance",
    "legal",
    "operations",
    "customer_success",
)
#: What a participant reads for each code of the file format: tiers, roles, core decisions
#: and usual functions. Files, the review's codes and the grading keep the codes; every
#: picture, control and message shows these names (:func:`name_of`).
NAMES = {
    "steering": "Steering",
    "management": "Management",
    "operational": "Operational",
    "executive_sponsor": "Executive sponsor",
    "alliance_manager": "Alliance manager",
    "functional_lead": "Functional lead",
    "member": "Member",
    "strategy": "Strategy",
    "investment": "Investment",
    "joint_business_plan": "Joint business plan",
    "dispute_resolution": "Dispute resolution",
    "customer_success": "Customer success",
}


def name_of(code: str) -> str:
    """The name a participant reads for a code of a design file (a tier, role or decision).

    A code outside :data:`NAMES` (a free decision key such as ``budget_tracking``) reads as
    its words, with a capital first letter.

    Examples
    --------
    >>> name_of("executive_sponsor"), name_of("budget_tracking"), name_of("EU-pricing")
    ('Executive sponsor', 'Budget tracking', 'EU pricing')
    """
    code = str(code)
    if code in NAMES:
        return NAMES[code]
    words = " ".join(code.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def body_labels(design: Design) -> list[str]:
    """What a participant reads for each body of a design: its name and its tier, in words.

    One label per body, in the design's order. Bodies that share a name are told apart by
    a number in order of listing ("Working Group 1", "Working Group 2"); ids stay in the
    files and are never shown.

    Examples
    --------
    >>> d = Design("A", ["X", "Y"], [Body("jsc", "Joint Steering Committee", "steering", 90),
    ...     Body("wg", "Working Group", "operational", 14),
    ...     Body("wg2", "Working Group", "operational", 14)])
    >>> body_labels(d)  # doctest: +NORMALIZE_WHITESPACE
    ['Joint Steering Committee (steering tier)', 'Working Group 1 (operational tier)',
     'Working Group 2 (operational tier)']
    """
    names = [" ".join(str(b.name or "").split()) or "Unnamed body" for b in design.bodies]
    counts: dict[str, int] = {}
    for name in names:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    seen: dict[str, int] = {}
    labels = []
    for name, body in zip(names, design.bodies, strict=True):
        key = name.casefold()
        if counts[key] > 1:
            seen[key] = seen.get(key, 0) + 1
            name = f"{name} {seen[key]}"
        labels.append(f"{name} ({name_of(body.tier).lower()} tier)")
    return labels


def code_of(name: str) -> str:
    """The code a design file keeps for a name a participant picked or typed.

    Examples
    --------
    >>> code_of("Executive sponsor"), code_of("Budget tracking"), code_of("joint_business_plan")
    ('executive_sponsor', 'budget_tracking', 'joint_business_plan')
    """
    words = " ".join(str(name).split())
    for code, shown in NAMES.items():
        if words.casefold() in (shown.casefold(), code):
            return code
    return "_".join(words.replace("-", " ").lower().split())


@dataclass
class Member:
    """A person on a body: identified by ``name`` + ``partner``; ``role`` from :data:`ROLES`.

    ``extra`` keeps unknown keys of the file; ``keys`` remembers the file's key order (it
    takes no part in equality).
    """

    name: str
    partner: str
    role: str
    function: str | None = None
    extra: dict = field(default_factory=dict)
    keys: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def person(self) -> tuple[str, str]:
        """The person's identity: ``(name, partner)``."""
        return (self.name, self.partner)


@dataclass
class Body:
    """A joint body (committee, team or working group) of one tier.

    ``escalates_to`` is another body's ``id`` (``None`` or ``""`` when empty);
    ``escalation_days`` the days an issue may stay here before it goes up.
    """

    id: str
    name: str
    tier: str
    meets_every_days: int
    members: list[Member] = field(default_factory=list)
    decides: list[str] = field(default_factory=list)
    escalates_to: str | None = None
    escalation_days: int | None = None
    extra: dict = field(default_factory=dict)
    keys: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def escalates(self) -> bool:
        """Whether the body names a body to escalate to (``None`` and ``""`` are empty)."""
        return bool(self.escalates_to)

    def people(self) -> list[tuple[str, str]]:
        """The distinct people on the body, ``(name, partner)``, in order of listing."""
        return list(dict.fromkeys(m.person for m in self.members))


@dataclass
class Design:
    """A governance design: the alliance's name, its partners and its bodies."""

    alliance: str
    partners: list[str] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    format: str = FORMAT
    extra: dict = field(default_factory=dict)
    keys: tuple | None = field(default=None, compare=False, repr=False)

    def distinct_partners(self) -> list[str]:
        """The partners, each named once, in order of listing."""
        return list(dict.fromkeys(self.partners))

    def body(self, body_id: str) -> Body | None:
        """The first body with this ``id`` (``None`` if there is none)."""
        return next((b for b in self.bodies if b.id == body_id), None)

    def copy(self) -> Design:
        """A deep copy, safe to change without touching this design."""
        return copy.deepcopy(self)
