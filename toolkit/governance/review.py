"""The design review: what in a governance design cannot work (errors) or is weak (warnings).

Every rule of ``shared/domain/governance-rules.md`` is one function here, and each finding
carries the rule's stable ``code``. Rules are independent: one missing thing can break
several of them, and each says so. Each fact gives one finding (a body that lacks a partner
gives one finding naming that partner, not one per member).

Examples
--------
>>> from toolkit.governance.model import Body, Design, Member
>>> design = Design("A + B", ["A", "B"], [
...     Body("jsc", "Steering", "steering", 90,
...          [Member("Ann", "A", "executive_sponsor"), Member("Bo", "B", "executive_sponsor")],
...          ["strategy"])])
>>> [f.code for f in review(design) if f.severity == "error"]
['no-management-body', 'no-alliance-manager', 'no-alliance-manager', 'decision-unowned', \
'decision-unowned', 'decision-unowned']
>>> is_workable(design)
False
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from toolkit.governance.model import (
    CORE_DECISIONS,
    TIER_RANK,
    Body,
    Design,
    body_labels,
    name_of,
)

__all__ = [
    "CADENCE_RANGES",
    "USUAL_CADENCE",
    "ERROR_CODES",
    "MAX_BODY_SEATS",
    "MAX_ESCALATION_DAYS",
    "MAX_STEERING_SEATS",
    "RULES",
    "SEVERITIES",
    "WARNING_CODES",
    "Finding",
    "Rule",
    "codes_of",
    "counts",
    "escalation_days_to_steering",
    "findings_table",
    "is_workable",
    "review",
]

# inclusive ranges of days between meetings, per tier
CADENCE_RANGES = {"steering": (30, 180), "management": (7, 31), "operational": (1, 14)}
#: a cadence within each range that bodies of the tier often keep (quarterly, fortnightly, weekly)
USUAL_CADENCE = {"steering": 90, "management": 14, "operational": 7}
MAX_STEERING_SEATS = 8
MAX_BODY_SEATS = 12
MAX_ESCALATION_DAYS = 45
#: the severities of a finding, the first the worse (a design with an error is not workable)
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Finding:
    """One thing the review found: a stable ``code``, its ``severity`` and how to fix it.

    ``body`` is the id of the body concerned, or ``None`` when the finding is about the whole
    design (a partner, a person, a decision).
    """

    code: str
    severity: str
    body: str | None
    message: str
    hint: str

    def __str__(self) -> str:
        where = f" [{self.body}]" if self.body is not None else ""
        return f"{self.severity} {self.code}{where}: {self.message}"


#: what a rule's check yields: the body concerned (or ``None``), the message, the hint
Found = tuple[str | None, str, str]


def _found(body: str | None, message: str, hint: str) -> Found:
    return body, message, hint


@dataclass(frozen=True)
class Rule:
    """One review rule: its stable ``code``, its ``severity`` and the check that finds it.

    The severity belongs to the rule, so every finding of the rule carries it, wherever the
    rule stands in :data:`RULES`.

    Examples
    --------
    >>> RULES["cadence"].severity
    'warning'
    >>> from toolkit.governance.model import Body
    >>> def empty(d):
    ...     return ((b.id, "It is empty.", "Add someone.") for b in d.bodies if not b.members)
    >>> rule = Rule("no-members", "error", empty)
    >>> design = Design("A + B", ["A", "B"], [Body("wg", "WG", "operational", 7, [])])
    >>> [str(f) for f in rule(design)]
    ['error no-members [wg]: It is empty.']
    """

    code: str
    severity: str
    check: Callable[[Design], Iterator[Found]]

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            msg = (
                f"rule {self.code!r} has severity {self.severity!r}; "
                f"use one of {', '.join(map(repr, SEVERITIES))}"
            )
            raise ValueError(msg)

    def __call__(self, design: Design) -> Iterator[Found]:
        """The rule's findings on ``design``, each with the rule's code and severity."""
        for body, message, hint in self.check(design):
            yield Finding(self.code, self.severity, body, message, hint)


def _listed(items) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _partners_on(body: Body) -> set[str]:
    return {m.partner for m in body.members}


# ---------------------------------------------------------------- errors


def _too_few_partners(d: Design) -> Iterator[Found]:
    partners = d.distinct_partners()
    if len(partners) < 2:
        named = f"only {_listed(partners)}" if partners else "no partner"
        yield _found(
            None,
            f"An alliance needs at least two partners; this design names {named}.",
            "List every partner company in the alliance's partners.",
        )


def _unknown_partner(d: Design) -> Iterator[Found]:
    listed = set(d.partners)
    for body in d.bodies:
        unknown = dict.fromkeys(m.partner for m in body.members if m.partner not in listed)
        for partner in unknown:
            yield _found(
                body.id,
                f"{body.name} has members from {partner}, which is not a partner of the alliance.",
                f"Add {partner} to the partners, or correct these members' partner.",
            )


def _duplicate_body(d: Design) -> Iterator[Found]:
    seen, reported = set(), set()
    for body in d.bodies:
        if body.id in seen and body.id not in reported:
            reported.add(body.id)
            n = sum(b.id == body.id for b in d.bodies)
            yield _found(
                body.id,
                f"{n} bodies share the id {body.id!r}.",
                "Give every body its own id; escalations reach only the first one.",
            )
        seen.add(body.id)


def _empty_body(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        if not body.members:
            yield _found(
                body.id,
                f"{body.name} has no members.",
                "Add people from each partner, or remove the body.",
            )


def _no_tier(tier: str, what: str) -> Callable[[Design], Iterator[Found]]:
    def rule(d: Design) -> Iterator[Found]:
        if not any(b.tier == tier for b in d.bodies):
            yield _found(
                None,
                f"No body has the tier {tier!r}: {what}.",
                f"Add a {tier} body with people from every partner.",
            )

    return rule


def _one_sided_body(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        if body.tier not in ("steering", "management"):
            continue
        present = _partners_on(body)
        for partner in d.distinct_partners():
            if partner not in present:
                yield _found(
                    body.id,
                    f"{body.name} has no member from {partner}: a {body.tier} body must be joint.",
                    f"Add someone from {partner} to {body.name}.",
                )


def _missing_role(role: str, tier: str) -> Callable[[Design], Iterator[Found]]:
    label = name_of(role).lower()  # as the builder's Role list names it

    def rule(d: Design) -> Iterator[Found]:
        have = {m.partner for b in d.bodies if b.tier == tier for m in b.members if m.role == role}
        for partner in d.distinct_partners():
            if partner not in have:
                yield _found(
                    None,
                    f"{partner} has no {label} on any {tier} body.",
                    f"Give {partner} an {label} (a member with that role) on a {tier} body.",
                )

    return rule


def _no_escalation(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        if body.tier in ("management", "operational") and not body.escalates:
            yield _found(
                body.id,
                f"{body.name} ({body.tier}) has nowhere to escalate an issue it cannot solve.",
                "Set its escalation target to a body of a higher tier.",
            )


def _bad_escalation(d: Design) -> Iterator[Found]:
    labels = body_labels(d)
    first = {}
    for i, b in enumerate(d.bodies):
        first.setdefault(b.id, i)
    for i, body in enumerate(d.bodies):
        if not body.escalates:
            continue
        target = d.body(body.escalates_to)
        to = "a body that is not in the design" if target is None else labels[first[target.id]]
        if body.tier == "steering":
            why = "a steering body is the top of the path and escalates to nobody"
            hint = "Clear its escalation target."
        elif target is None:
            why = "that body was removed or never added"
            hint = "Pick an existing body of a higher tier."
        elif TIER_RANK.get(target.tier, 99) >= TIER_RANK.get(body.tier, -1):
            why = (
                f"the {name_of(target.tier).lower()} tier is not higher than the "
                f"{name_of(body.tier).lower()} tier"
            )
            hint = "Escalate to a body of a higher tier (operational → management → steering)."
        else:
            continue
        yield _found(body.id, f"{labels[i]} escalates to {to}, but {why}.", hint)


def _named(key: str) -> str:
    """A decision's name as the builder and the pictures show it: 'Joint business plan'."""
    return repr(name_of(key))


def _decision_unowned(d: Design) -> Iterator[Found]:
    owned = {key for b in d.bodies for key in b.decides}
    for key in CORE_DECISIONS:
        if key not in owned:
            yield _found(
                None,
                f"No body owns the core decision {_named(key)}.",
                f"Give the decision {_named(key)} to exactly one body.",
            )


def _decision_conflict(d: Design) -> Iterator[Found]:
    labels = body_labels(d)
    owners: dict[str, list[Body]] = {}
    for body in d.bodies:
        for key in dict.fromkeys(body.decides):
            owners.setdefault(key, []).append(body)
    for key, bodies in owners.items():
        if len(bodies) > 1:
            owning = [i for i, b in enumerate(d.bodies) if any(b is x for x in bodies)]
            names = _listed(labels[i] for i in owning)
            yield _found(
                None,
                f"The decision {_named(key)} is owned by {len(bodies)} bodies: {names}.",
                f"Keep {_named(key)} with one body only; the others can be consulted.",
            )


# ---------------------------------------------------------------- warnings


def _no_operational_body(d: Design) -> Iterator[Found]:
    if not any(b.tier == "operational" for b in d.bodies):
        yield _found(
            None,
            "No body has the tier 'operational': the joint work has no home.",
            "Add a joint working group (sales, marketing, technical, …).",
        )


def _one_sided_operational(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        partners = _partners_on(body)
        if body.tier == "operational" and len(partners) == 1:
            (only,) = partners
            yield _found(
                body.id,
                f"{body.name} has members of {only} only: it is not joint work.",
                "Add the other partner's people to the working group.",
            )


def _cadence(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        low, high = CADENCE_RANGES[body.tier]
        days = body.meets_every_days
        if not low <= days <= high:
            how = "too rarely" if days > high else "too often"
            yield _found(
                body.id,
                f"{body.name} meets every {days} days, {how} for a {body.tier} "
                f"body ({low}–{high} days).",
                f"Choose a cadence between {low} and {high} days.",
            )


def _seats(d: Design, body: Body) -> dict[str, int]:
    seats = dict.fromkeys(d.distinct_partners(), 0)
    for _, partner in body.people():
        if partner in seats:
            seats[partner] += 1
    return seats


def _unbalanced_steering(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        if body.tier != "steering":
            continue
        seats = _seats(d, body)
        if seats and max(seats.values()) - min(seats.values()) > 1:
            text = _listed(f"{p} {n}" for p, n in seats.items())
            yield _found(
                body.id,
                f"{body.name} has unequal seats ({text}).",
                "Give each partner the same number of seats (at most one apart).",
            )


def _oversized_body(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        n = len(body.people())
        limit = MAX_STEERING_SEATS if body.tier == "steering" else MAX_BODY_SEATS
        if n > limit:
            yield _found(
                body.id,
                f"{body.name} has {n} members; a {body.tier} body works best with "
                f"{limit} or fewer.",
                "Keep the decision makers; consult the others when needed.",
            )


def _escalation_time_missing(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        if body.escalates and body.escalation_days is None:
            yield _found(
                body.id,
                f"{body.name} escalates but does not say after how many days.",
                "Set its escalation days (typical: working group 5, management 10).",
            )


def escalation_days_to_steering(d: Design, start: Body) -> int | None:
    """Days from ``start`` up to the first steering body; ``None`` if the path never gets there.

    Adds the ``escalation_days`` of ``start`` and of each body after it on its escalation
    path (missing days count as 0), stopping at the first steering body; a path that ends
    nowhere or loops gives ``None``.
    """
    total, body, seen = 0, start, set()
    while body.tier != "steering":
        if id(body) in seen or not body.escalates:
            return None
        seen.add(id(body))
        total += body.escalation_days or 0
        body = d.body(body.escalates_to)
        if body is None:
            return None
    return total


def _slow_escalation(d: Design) -> Iterator[Found]:
    for body in d.bodies:
        if body.tier != "operational":
            continue
        days = escalation_days_to_steering(d, body)
        if days is not None and days > MAX_ESCALATION_DAYS:
            yield _found(
                body.id,
                f"An issue from {body.name} takes up to {days} days to reach the "
                f"steering body (more than {MAX_ESCALATION_DAYS}).",
                "Shorten the escalation days along its path.",
            )


def _managers(d: Design) -> list[tuple[str, str]]:
    return list(
        dict.fromkeys(m.person for b in d.bodies for m in b.members if m.role == "alliance_manager")
    )


def _manager_not_on_steering(d: Design) -> Iterator[Found]:
    on_steering = {m.person for b in d.bodies if b.tier == "steering" for m in b.members}
    for name, partner in _managers(d):
        if (name, partner) not in on_steering:
            yield _found(
                None,
                f"{name} ({partner}) is an alliance manager but sits on no steering body.",
                "Alliance managers link the tiers: add them to the steering body.",
            )


def _tier_crossing(d: Design) -> Iterator[Found]:
    managers = set(_managers(d))
    tiers: dict[tuple[str, str], list[str]] = {}
    for body in d.bodies:
        for person in body.people():
            tiers.setdefault(person, [])
            if body.tier not in tiers[person]:
                tiers[person].append(body.tier)
    for (name, partner), seen in tiers.items():
        if (name, partner) not in managers and len(seen) > 1:
            yield _found(
                None,
                f"{name} ({partner}) sits on {_listed(seen)} bodies but is not an "
                "alliance manager.",
                "Ideally only alliance managers sit on more than one tier.",
            )


_RULES = (
    Rule("too-few-partners", "error", _too_few_partners),
    Rule("unknown-partner", "error", _unknown_partner),
    Rule("duplicate-body", "error", _duplicate_body),
    Rule("empty-body", "error", _empty_body),
    Rule("no-steering-body", "error", _no_tier("steering", "the alliance has no direction")),
    Rule("no-management-body", "error", _no_tier("management", "nobody runs the relationship")),
    Rule("one-sided-body", "error", _one_sided_body),
    Rule(
        "no-executive-sponsor",
        "error",
        _missing_role("executive_sponsor", "steering"),
    ),
    Rule(
        "no-alliance-manager",
        "error",
        _missing_role("alliance_manager", "management"),
    ),
    Rule("no-escalation", "error", _no_escalation),
    Rule("bad-escalation", "error", _bad_escalation),
    Rule("decision-unowned", "error", _decision_unowned),
    Rule("decision-conflict", "error", _decision_conflict),
    Rule("no-operational-body", "warning", _no_operational_body),
    Rule("one-sided-operational", "warning", _one_sided_operational),
    Rule("cadence", "warning", _cadence),
    Rule("unbalanced-steering", "warning", _unbalanced_steering),
    Rule("oversized-body", "warning", _oversized_body),
    Rule("escalation-time-missing", "warning", _escalation_time_missing),
    Rule("slow-escalation", "warning", _slow_escalation),
    Rule("manager-not-on-steering", "warning", _manager_not_on_steering),
    Rule("tier-crossing", "warning", _tier_crossing),
)
#: code -> rule, in the order of the rules file; each rule carries its own severity
RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def codes_of(severity: str, rules: Iterable[Rule] | None = None) -> tuple[str, ...]:
    """The codes of the rules of one severity, in the order given (by default, :data:`RULES`).

    Examples
    --------
    >>> codes_of("warning")[:2]
    ('no-operational-body', 'one-sided-operational')
    """
    return tuple(
        r.code for r in (RULES.values() if rules is None else rules) if r.severity == severity
    )


ERROR_CODES = codes_of("error")
WARNING_CODES = codes_of("warning")


def review(design: Design) -> list[Finding]:
    """Review a design: every finding of every rule, errors first, in the rules' order.

    Parameters
    ----------
    design : Design
        A design that loaded (see :func:`toolkit.governance.load`).

    Returns
    -------
    list of Finding
        Empty for a design with nothing to improve.
    """
    ordered = sorted(RULES.values(), key=lambda rule: SEVERITIES.index(rule.severity))
    return [finding for rule in ordered for finding in rule(design)]


def is_workable(design: Design) -> bool:
    """Whether the design has no errors (warnings are allowed)."""
    return not any(f.severity == "error" for f in review(design))


def counts(findings: list[Finding]) -> dict[str, int]:
    """How many errors and warnings: ``{"error": n, "warning": m}``."""
    return {
        "error": sum(f.severity == "error" for f in findings),
        "warning": sum(f.severity == "warning" for f in findings),
    }


def findings_table(findings: list[Finding]):
    """The findings as a table (severity, code, body, message, hint) to show in a notebook.

    Examples
    --------
    >>> findings_table([]).columns.tolist()
    ['severity', 'code', 'body', 'message', 'hint']
    """
    import pandas as pd

    columns = ["severity", "code", "body", "message", "hint"]
    return pd.DataFrame(
        [[f.severity, f.code, f.body or "", f.message, f.hint] for f in findings],
        columns=columns,
    )
