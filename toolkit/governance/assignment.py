"""Visible checks and hints of the ``governance-design`` assignment, and the helpers it uses.

The checks look at properties of the student's design (any design that has them passes),
say which passed, and remind the student that the instructor's grading may check more.
The case's requirements are all stated in the assignment's text.

Examples
--------
>>> from toolkit.governance.templates import template
>>> check_case_basics(template("enterprise-three-tier")).passed
False
>>> owners = {"strategy": "jsc", "investment": "jsc", "joint_business_plan": "amt",
...           "dispute_resolution": "jsc"}
>>> design = assign_owners(template("enterprise-three-tier"), owners)
>>> check_owners(design, owners).passed
True
"""

from __future__ import annotations

from toolkit.governance.model import CORE_DECISIONS, Design
from toolkit.governance.review import review
from toolkit.selfstudy.checks import Check, Hints, Report, is_blank

__all__ = [
    "CASE_PARTNERS",
    "CASE_SPONSORS",
    "REPAIR_CODES",
    "assign_owners",
    "check_case_basics",
    "check_case_requirements",
    "check_owners",
    "check_repair",
    "hint_case",
    "hint_owners",
    "hint_repair",
    "sales_groups",
]

CASE_PARTNERS = ("Aurora Health", "Cobalt Cloud")
# the executive sponsors named in the case, (name, partner)
CASE_SPONSORS = (("Maria Lopez", "Aurora Health"), ("David Chen", "Cobalt Cloud"))
# the errors of the broken design that a repair must remove
REPAIR_CODES = (
    "bad-escalation",
    "one-sided-body",
    "no-alliance-manager",
    "no-escalation",
    "decision-conflict",
)


def _errors(design: Design) -> list[str]:
    return [f.code for f in review(design) if f.severity == "error"]


def check_case_basics(design: Design) -> Report:
    """Part (a), first checks: the design has bodies, the case's partners, and no errors."""
    errors = _errors(design)
    checks = [
        Check(
            "You built a design (it has bodies)",
            bool(design.bodies),
            "Build it with the builder above; it is saved on every change.",
        ),
        Check(
            "The partners are the two companies of the case",
            set(design.distinct_partners()) == set(CASE_PARTNERS),
            "Set the partners to: " + ", ".join(CASE_PARTNERS) + ".",
        ),
        Check(
            "The design is workable (the review finds no errors)",
            bool(design.bodies) and not errors,
            f"The review lists {len(errors)} errors; the builder's panel shows each one "
            "with a hint.",
        ),
    ]
    return Report("governance-design.case-design", checks, hidden_tests=True)


def sales_groups(design: Design) -> list:
    """Operational bodies with a salesperson (function ``sales``) of every partner."""
    partners = set(design.distinct_partners())
    return [
        b
        for b in design.bodies
        if b.tier == "operational"
        and partners
        and partners <= {m.partner for m in b.members if (m.function or "").lower() == "sales"}
    ]


def check_case_requirements(design: Design) -> Report:
    """Part (a), the case's own requirements that can be checked here."""
    sponsors = {
        m.person
        for b in design.bodies
        if b.tier == "steering"
        for m in b.members
        if m.role == "executive_sponsor"
    }
    checks = [
        Check(
            "The sponsors named in the case are executive sponsors on a steering body",
            all(s in sponsors for s in CASE_SPONSORS),
            "Seat "
            + " and ".join(f"{n} ({p})" for n, p in CASE_SPONSORS)
            + " on the steering body with the role executive_sponsor.",
        ),
        Check(
            "A joint sales working group has a salesperson from each partner",
            bool(sales_groups(design)),
            "Add an operational body, and give a member of each partner the function 'sales'.",
        ),
    ]
    return Report("governance-design.case-design", checks, hidden_tests=True)


def check_repair(original: Design, repaired: Design) -> Report:
    """Part (b): the broken design's errors are gone, and the alliance and partners are kept."""
    left = [code for code in REPAIR_CODES if code in _errors(repaired)]
    checks = [
        Check(
            "The errors of the broken design are gone",
            not left,
            "Still reported: " + ", ".join(left) + ". Read each hint in the review panel."
            if left
            else "",
        ),
        Check(
            "The alliance and its partners are kept",
            repaired.alliance == original.alliance
            and set(repaired.distinct_partners()) == set(original.distinct_partners()),
            "Repair the design you were given: do not rename the alliance or its partners.",
        ),
    ]
    return Report("governance-design.repair", checks, hidden_tests=True)


def assign_owners(design: Design, owners: dict) -> Design:
    """A copy of ``design`` in which each decision of ``owners`` belongs to that body only.

    Parameters
    ----------
    design : Design
        The design to change (it is not modified).
    owners : dict
        Decision key -> the ``id`` of the body that owns it.

    Returns
    -------
    Design
        The decisions listed in ``owners`` are taken from every body, then given to their
        owner (an owner that is not a body's id leaves the decision unowned).
    """
    new = design.copy()
    if not isinstance(owners, dict):
        return new
    for body in new.bodies:
        body.decides = [k for k in body.decides if k not in owners]
    for key, owner in owners.items():
        body = new.body(owner) if isinstance(owner, str) else None
        if body is not None and key not in body.decides:
            body.decides.append(key)
    return new


def check_owners(design: Design, owners) -> Report:
    """Part (c): each core decision has exactly one owner, an existing body."""
    blank = is_blank(owners) or not isinstance(owners, dict)
    ids = {b.id for b in design.bodies}
    named = {} if blank else owners
    unknown = [f"{k} -> {v!r}" for k, v in named.items() if v not in ids]
    counts = {k: sum(k in b.decides for b in design.bodies) for k in CORE_DECISIONS}
    checks = [
        Check(
            "You wrote a dictionary of owners", not blank, 'Write it like {"strategy": "jsc", ...}.'
        ),
        Check(
            "Every core decision is in your dictionary",
            not blank and all(k in named for k in CORE_DECISIONS),
            "The core decisions are: " + ", ".join(CORE_DECISIONS) + ".",
        ),
        Check(
            "Every owner is the id of a body of the design",
            not blank and not unknown,
            "Unknown ids: " + ", ".join(unknown) + ". Use the ids shown in brackets in the "
            "decision-rights chart."
            if unknown
            else "Use the bodies' ids.",
        ),
        Check(
            "Each core decision has exactly one owning body",
            all(n == 1 for n in counts.values()),
            "Decisions with no or several owners: "
            + ", ".join(k for k, n in counts.items() if n != 1)
            + ".",
        ),
    ]
    return Report("governance-design.decision-owners", checks, hidden_tests=True)


# --- hints ---------------------------------------------------------------------------------
hint_case = Hints(
    "governance-design.case-design",
    [
        "Turn the case into a checklist: which partners, which people with which role, which "
        "joint work needs a group, and how many days an issue may take to reach the top.",
        "Build from the top down: a steering body with the two sponsors and the two alliance "
        "managers, a management body with the alliance managers, and a joint working group "
        "for the sales effort with people from both sides. Then give each lower body an "
        "'Escalates to' and a number of days, and add the days up along the path.",
        "Worked example for another alliance, 'Brightpath + Omnicorp': an Alliance Board "
        "(both sponsors and both alliance managers, every 90 days), an Alliance Managers team "
        "(every 14 days, escalating to the board after 10 days) and a Go-to-Market Group (every "
        "7 days, escalating to the managers after 5 days): its path to the top takes 5 + 10 = "
        "15 days. Start a builder from 'lean-startup-enterprise' to look at it.",
    ],
)

hint_repair = Hints(
    "governance-design.repair",
    [
        "Read the review panel of the repair builder: each error names the body and says "
        "what is missing.",
        "Fix one error at a time and keep everything else: pick the body the review names, "
        "add the missing person or change its setting, and never remove a body or a person. "
        "A decision listed by two bodies is fixed by taking it from one of them.",
        "Worked example on another draft: a management team set to escalate to 'nobody' gives "
        "`no-escalation`; picking the steering committee under 'Escalates to', typing 10 "
        "days and clicking 'Apply settings' makes it go away, and nothing else changes.",
    ],
)

hint_owners = Hints(
    "governance-design.decision-owners",
    [
        "Each of the four core decisions needs exactly one owner: a decision with two owners "
        "is a conflict, one with none is a gap.",
        "The chart shows each body's id in brackets; the rule of thumb in the text says which "
        "tier owns direction and which owns the joint plan. Write the ids, not the names.",
        "Worked example for another alliance whose bodies are 'board' (steering) and 'ops' "
        '(management): owners = {"pricing": "board", "launch_plan": "ops"} gives each of '
        "those two decisions one owner.",
    ],
)
