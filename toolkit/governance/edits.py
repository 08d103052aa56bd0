"""The changes a student makes to a design, as pure functions (the builder widget calls them).

Each function takes a design and what the student typed or picked, and returns a *new*
design; the original is never changed. Input that cannot be used raises :class:`EditError`
with a message for the student (what was wrong and what to type instead), so the widget can
show it inline and keep the design as it was.

Examples
--------
>>> from toolkit.governance.model import Design
>>> d = set_alliance(Design(""), "Nimbus + Titan", "Nimbus, Titan")
>>> d = add_body(d, "Joint Steering Committee", "steering", "90")
>>> d.bodies[0].id, d.bodies[0].meets_every_days
('joint-steering-committee', 90)
>>> add_member(d, 0, "Ana Ruiz", "Acme", "executive_sponsor")
Traceback (most recent call last):
...
toolkit.governance.edits.EditError: Acme is not a partner of the alliance; pick one of: \
Nimbus, Titan.
>>> add_body(d, "Steering", "steering", "every quarter")
Traceback (most recent call last):
...
toolkit.governance.edits.EditError: The cadence must be a whole number of days, 1 or more; \
you typed 'every quarter'.
"""

from __future__ import annotations

import re

from toolkit.governance.model import ROLES, TIERS, Body, Design, Member, name_of

__all__ = [
    "TYPICAL_CADENCE",
    "EditError",
    "add_body",
    "add_member",
    "assign_decision",
    "parse_days",
    "remove_body",
    "remove_member",
    "rename_body",
    "set_alliance",
    "set_body",
    "unassign_decision",
]

# used when a student adds a body without typing a cadence
TYPICAL_CADENCE = {"steering": 90, "management": 14, "operational": 7}


class EditError(ValueError):
    """A change that cannot be made; the message tells the student what to do instead."""


def _fail(msg: str):
    raise EditError(msg)


def parse_days(text, *, least: int, what: str, blank_ok: bool = False) -> int | None:
    """Read a whole number of days typed by a student (``None`` for blank when allowed)."""
    raw = str(text).strip() if text is not None else ""
    if not raw:
        if blank_ok:
            return None
        _fail(f"Type the {what} as a whole number of days, {least} or more.")
    if not re.fullmatch(r"[+-]?\d+", raw):
        _fail(f"The {what} must be a whole number of days, {least} or more; you typed {raw!r}.")
    days = int(raw)
    if days < least:
        _fail(f"The {what} must be {least} or more days; you typed {days}.")
    return days


def _name(text, what: str) -> str:
    name = " ".join(str(text or "").split())
    if not name:
        _fail(f"Type a {what} first: it cannot be empty.")
    return name


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "body"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _body(design: Design, index) -> Body:
    if not isinstance(index, int) or not 0 <= index < len(design.bodies):
        _fail("Pick a body first (add one if the list is empty).")
    return design.bodies[index]


def _tier(tier) -> str:
    if tier not in TIERS:
        _fail(f"Pick a tier: {', '.join(name_of(t) for t in TIERS)}.")
    return tier


def set_alliance(design: Design, alliance, partners_text) -> Design:
    """Set the alliance's name and its partners (typed as ``"A, B, C"``)."""
    name = _name(alliance, "name for the alliance")
    partners = list(
        dict.fromkeys(p.strip() for p in str(partners_text or "").split(",") if p.strip())
    )
    if not partners:
        _fail("Type the partner companies, separated by commas (for example: Nimbus, Titan).")
    new = design.copy()
    new.alliance, new.partners = name, partners
    return new


def add_body(design: Design, name, tier, cadence_text="") -> Design:
    """Add a body with its tier and cadence (blank cadence: the tier's typical one)."""
    name = _name(name, "name for the body")
    tier = _tier(tier)
    if any(b.name.casefold() == name.casefold() for b in design.bodies):
        _fail(f"There is already a body called {name!r}; choose another name.")
    days = parse_days(cadence_text, least=1, what="cadence", blank_ok=True)
    new = design.copy()
    body_id = _slug(name, {b.id for b in design.bodies})
    new.bodies.append(Body(body_id, name, tier, days or TYPICAL_CADENCE[tier]))
    return new


def rename_body(design: Design, index, name) -> Design:
    """Give a body a new name (its id, used by escalations, stays the same)."""
    body = _body(design, index)
    name = _name(name, "new name for the body")
    if any(b.name.casefold() == name.casefold() for i, b in enumerate(design.bodies) if i != index):
        _fail(f"There is already a body called {name!r}; choose another name.")
    if name == body.name:
        _fail(f"The body is already called {name!r}; type a new name to rename it.")
    new = design.copy()
    new.bodies[index].name = name
    return new


def remove_body(design: Design, index) -> Design:
    """Remove a body (bodies that escalated to it keep pointing at it: the review says so)."""
    _body(design, index)
    new = design.copy()
    del new.bodies[index]
    return new


def set_body(design: Design, index, tier, cadence_text, escalates_to, days_text) -> Design:
    """Set a body's tier, cadence, escalation target (``""``: nobody) and escalation days."""
    _body(design, index)
    tier = _tier(tier)
    cadence = parse_days(cadence_text, least=1, what="cadence")
    days = parse_days(days_text, least=0, what="escalation time", blank_ok=True)
    target = escalates_to or None
    if target is not None and design.body(target) is None:
        _fail("The body picked to escalate to is no longer in the design; pick another.")
    new = design.copy()
    body = new.bodies[index]
    body.tier, body.meets_every_days = tier, cadence
    body.escalates_to, body.escalation_days = target, days
    return new


def add_member(design: Design, index, name, partner, role, function="") -> Design:
    """Seat a person of one of the partners on a body, with a role (and optional function)."""
    _body(design, index)
    name = _name(name, "person's name")
    partner = " ".join(str(partner or "").split())
    partners = design.distinct_partners()
    if not partners:
        _fail("Set the alliance's partners first.")
    if not partner:
        _fail(f"Pick the person's partner: one of {', '.join(partners)}.")
    if partner not in partners:
        _fail(f"{partner} is not a partner of the alliance; pick one of: {', '.join(partners)}.")
    if role not in ROLES:
        _fail(f"Pick a role: {', '.join(name_of(r) for r in ROLES)}.")
    body = design.bodies[index]
    if (name, partner) in body.people():
        _fail(f"{name} ({partner}) is already on {body.name}.")
    function = " ".join(str(function or "").split()) or None
    new = design.copy()
    new.bodies[index].members.append(Member(name, partner, role, function))
    return new


def remove_member(design: Design, index, member_index) -> Design:
    """Take a member off a body."""
    body = _body(design, index)
    if not isinstance(member_index, int) or not 0 <= member_index < len(body.members):
        _fail("Pick a member in the list first.")
    new = design.copy()
    del new.bodies[index].members[member_index]
    return new


def _key(text) -> str:
    key = re.sub(r"[\s-]+", "_", str(text or "").strip().lower())
    if not key:
        _fail("Type or pick a decision (for example: Strategy).")
    return key


def assign_decision(design: Design, index, decision) -> Design:
    """Give a decision to a body (the review reports a decision owned twice)."""
    body = _body(design, index)
    key = _key(decision)
    if key in body.decides:
        _fail(f"{body.name} already owns the decision {name_of(key)!r}.")
    new = design.copy()
    new.bodies[index].decides.append(key)
    return new


def unassign_decision(design: Design, index, decision) -> Design:
    """Take a decision away from a body."""
    body = _body(design, index)
    key = _key(decision)
    if key not in body.decides:
        owns = ", ".join(name_of(k) for k in body.decides) or "no decision yet"
        _fail(f"{body.name} does not own the decision {name_of(key)!r}; it owns: {owns}.")
    new = design.copy()
    new.bodies[index].decides = [k for k in body.decides if k != key]
    return new
