"""Ready-made governance designs to explore, break and adapt.

Each template is a sound starting point (it reviews with no errors) for a common kind of
alliance. :func:`template` returns a fresh copy, so changing it never changes the original.

Examples
--------
>>> sorted(TEMPLATES)
['biopharma-jsc', 'enterprise-three-tier', 'lean-startup-enterprise', 'three-partner-alliance']
>>> design = template("lean-startup-enterprise")
>>> [b.tier for b in design.bodies]
['steering', 'management', 'operational']
>>> template("board")
Traceback (most recent call last):
...
ValueError: no template named 'board'; choose one of: lean-startup-enterprise, \
enterprise-three-tier, biopharma-jsc, three-partner-alliance
"""

from __future__ import annotations

from collections.abc import Callable

from toolkit.governance.model import Body, Design, Member

__all__ = ["TEMPLATES", "template", "template_titles"]


def _m(name, partner, role, function=None):
    return Member(name, partner, role, function)


def lean_startup_enterprise() -> Design:
    """A start-up and an enterprise: a small board, two alliance managers, one working group."""
    a, b = "Brightpath", "Omnicorp"
    board = Body(
        "board",
        "Alliance Board",
        "steering",
        90,
        [
            _m("Mia Chen", a, "executive_sponsor"),
            _m("Victor Hale", b, "executive_sponsor"),
            _m("Sam Okafor", a, "alliance_manager"),
            _m("Julia Novak", b, "alliance_manager"),
        ],
        ["strategy", "investment", "dispute_resolution"],
    )
    managers = Body(
        "managers",
        "Alliance Managers",
        "management",
        14,
        [
            _m("Sam Okafor", a, "alliance_manager"),
            _m("Julia Novak", b, "alliance_manager"),
        ],
        ["joint_business_plan", "pricing"],
        "board",
        10,
    )
    work = Body(
        "go-to-market",
        "Joint Go-to-Market Group",
        "operational",
        7,
        [
            _m("Leo Fischer", a, "functional_lead", "sales"),
            _m("Nora Haddad", b, "functional_lead", "sales"),
            _m("Ivy Brooks", b, "member", "marketing"),
        ],
        ["go_to_market"],
        "managers",
        5,
    )
    return Design("Brightpath + Omnicorp lean alliance", [a, b], [board, managers, work])


def enterprise_three_tier() -> Design:
    """Two large companies: a full steering committee, a management team, three working groups."""
    a, b = "Nimbus", "Titan"
    jsc = Body(
        "jsc",
        "Joint Steering Committee",
        "steering",
        90,
        [
            _m("Ana Ruiz", a, "executive_sponsor"),
            _m("Tom Berg", b, "executive_sponsor"),
            _m("Eva Lind", a, "functional_lead", "finance"),
            _m("Karl Weber", b, "functional_lead", "finance"),
            _m("Lea Park", a, "alliance_manager"),
            _m("Raj Iyer", b, "alliance_manager"),
        ],
        ["strategy", "investment", "dispute_resolution"],
    )
    amt = Body(
        "amt",
        "Alliance Management Team",
        "management",
        14,
        [
            _m("Lea Park", a, "alliance_manager"),
            _m("Raj Iyer", b, "alliance_manager"),
            _m("Omar Said", a, "functional_lead", "sales"),
            _m("Pia Holm", b, "functional_lead", "sales"),
        ],
        ["joint_business_plan", "pricing"],
        "jsc",
        10,
    )
    sales = Body(
        "sales",
        "Joint Sales Working Group",
        "operational",
        7,
        [
            _m("Dan Cole", a, "member", "sales"),
            _m("Zoe Kim", b, "member", "sales"),
        ],
        ["account_planning"],
        "amt",
        5,
    )
    marketing = Body(
        "marketing",
        "Joint Marketing Working Group",
        "operational",
        14,
        [
            _m("Ines Roth", a, "member", "marketing"),
            _m("Max Vogel", b, "member", "marketing"),
        ],
        ["campaigns"],
        "amt",
        5,
    )
    technical = Body(
        "technical",
        "Technical Integration Group",
        "operational",
        7,
        [
            _m("Yuki Sato", a, "member", "technical"),
            _m("Ben Adler", b, "member", "technical"),
        ],
        ["product_roadmap"],
        "amt",
        5,
    )
    return Design("Nimbus + Titan cloud analytics", [a, b], [jsc, amt, sales, marketing, technical])


def biopharma_jsc() -> Design:
    """A licensing deal: a formal JSC with equal seats and sub-committees reporting to it."""
    a, b = "Helix Bio", "Meridian Pharma"
    jsc = Body(
        "jsc",
        "Joint Steering Committee",
        "steering",
        90,
        [
            _m("Dr. Ruth Adams", a, "executive_sponsor"),
            _m("Dr. Paul Moreau", b, "executive_sponsor"),
            _m("Hana Ito", a, "alliance_manager"),
            _m("Carlos Vega", b, "alliance_manager"),
        ],
        ["strategy", "investment", "dispute_resolution"],
    )
    amt = Body(
        "amt",
        "Alliance Management Team",
        "management",
        30,
        [
            _m("Hana Ito", a, "alliance_manager"),
            _m("Carlos Vega", b, "alliance_manager"),
        ],
        ["joint_business_plan"],
        "jsc",
        15,
    )
    jdc = Body(
        "jdc",
        "Joint Development Committee",
        "management",
        30,
        [
            _m("Dr. Lena Wolf", a, "functional_lead", "technical"),
            _m("Dr. Amir Khan", b, "functional_lead", "technical"),
        ],
        ["development_plan"],
        "jsc",
        15,
    )
    jcc = Body(
        "jcc",
        "Joint Commercialisation Committee",
        "management",
        30,
        [
            _m("Grace Liu", a, "functional_lead", "marketing"),
            _m("Henrik Dahl", b, "functional_lead", "sales"),
        ],
        ["commercial_plan"],
        "jsc",
        15,
    )
    jfc = Body(
        "jfc",
        "Joint Finance Committee",
        "management",
        30,
        [
            _m("Olivia Grant", a, "functional_lead", "finance"),
            _m("Marc Petit", b, "functional_lead", "finance"),
        ],
        ["budget_tracking"],
        "jsc",
        15,
    )
    team = Body(
        "project-team",
        "Joint Project Team",
        "operational",
        14,
        [
            _m("Sara Mendes", a, "member", "technical"),
            _m("Tim Walsh", b, "member", "technical"),
        ],
        ["study_operations"],
        "jdc",
        10,
    )
    return Design("Helix Bio + Meridian Pharma licensing", [a, b], [jsc, amt, jdc, jcc, jfc, team])


def three_partner_alliance() -> Design:
    """Three partners: one seat each per tier, and one owner per decision (no unanimity)."""
    a, b, c = "Solaris", "Gridway", "Voltcare"
    steering = Body(
        "steering",
        "Alliance Steering Committee",
        "steering",
        90,
        [
            _m("Ada Moss", a, "executive_sponsor"),
            _m("Ben Ortiz", b, "executive_sponsor"),
            _m("Cleo Ng", c, "executive_sponsor"),
            _m("Dev Rao", a, "alliance_manager"),
            _m("Ella Fox", b, "alliance_manager"),
            _m("Finn Lee", c, "alliance_manager"),
        ],
        ["strategy", "investment", "dispute_resolution"],
    )
    office = Body(
        "office",
        "Alliance Management Office",
        "management",
        14,
        [
            _m("Dev Rao", a, "alliance_manager"),
            _m("Ella Fox", b, "alliance_manager"),
            _m("Finn Lee", c, "alliance_manager"),
        ],
        ["joint_business_plan"],
        "steering",
        10,
    )
    offer = Body(
        "offer",
        "Joint Offer Working Group",
        "operational",
        7,
        [
            _m("Gus Hart", a, "member", "technical"),
            _m("Hugo Diaz", b, "member", "technical"),
            _m("Iris Blum", c, "member", "technical"),
        ],
        ["solution_design"],
        "office",
        5,
    )
    market = Body(
        "market",
        "Joint Market Working Group",
        "operational",
        14,
        [
            _m("Jon Park", a, "member", "sales"),
            _m("Kim Yoon", b, "member", "marketing"),
            _m("Lia Costa", c, "member", "sales"),
        ],
        ["go_to_market"],
        "office",
        5,
    )
    return Design(
        "Solaris + Gridway + Voltcare energy services", [a, b, c], [steering, office, offer, market]
    )


TEMPLATES: dict[str, Callable[[], Design]] = {
    "lean-startup-enterprise": lean_startup_enterprise,
    "enterprise-three-tier": enterprise_three_tier,
    "biopharma-jsc": biopharma_jsc,
    "three-partner-alliance": three_partner_alliance,
}


def template(name: str) -> Design:
    """A fresh copy of the template called ``name`` (see :data:`TEMPLATES`)."""
    if name not in TEMPLATES:
        msg = f"no template named {name!r}; choose one of: {', '.join(TEMPLATES)}"
        raise ValueError(msg)
    return TEMPLATES[name]()


def template_titles() -> dict[str, str]:
    """Template name -> the first line of its description (for menus)."""
    return {name: (make.__doc__ or name).splitlines()[0] for name, make in TEMPLATES.items()}
