"""The agenda and who decides: each item goes to the body that owns the decision.

A steering committee that takes every question becomes a bottleneck; one that takes none is
not steering. The decision rights of the governance design (each body's ``decides``, lesson 02)
say where each agenda item belongs: to the body that owns its decision, or, when no body owns
it, down to the management team, which runs the alliance day to day (and the committee should
then give that decision an owner).

The course's three-partner alliance, *Constellation* (Acme Software with Orbit Systems and
Vela Consulting, selling one offer to public-sector customers), has its governance design in
:func:`constellation_design` and the items proposed for its quarterly meeting in
:data:`AGENDA`.

Examples
--------
>>> design = constellation_design()
>>> route(design, "dispute_resolution")
('steering', 'owns the decision')
>>> route(design, "webinar_dates")[0]
'management'
>>> table = route_agenda(design)
>>> list(table.columns)
['item', 'title', 'decision', 'body', 'body_name', 'reason']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.governance.files import load
from toolkit.governance.model import Body, Design

__all__ = [
    "AGENDA",
    "CONSTELLATION_FILE",
    "CONSTELLATION_PARTNERS",
    "AgendaItem",
    "agenda_item",
    "by_id",
    "constellation_design",
    "owners_of",
    "route",
    "route_agenda",
]

CONSTELLATION_PARTNERS = ("Acme Software", "Orbit Systems", "Vela Consulting")


@dataclass(frozen=True)
class AgendaItem:
    """A question proposed for the meeting, and the decision (a ``decides`` key) it needs."""

    id: str
    title: str
    decision: str


#: the items proposed for Constellation's quarterly steering committee
AGENDA: tuple[AgendaItem, ...] = (
    AgendaItem(
        "second-bid-team",
        "Fund a second joint bid team for next year (the three companies share the cost)",
        "investment",
    ),
    AgendaItem(
        "health-sector",
        "Take the joint offer to hospitals and health authorities",
        "strategy",
    ),
    AgendaItem(
        "ministry-bid-lead",
        "Orbit and Vela both want to lead the Ministry of Transport bid: settle who leads",
        "dispute_resolution",
    ),
    AgendaItem(
        "plan-targets",
        "Update this year's registration and pipeline targets in the joint business plan",
        "joint_business_plan",
    ),
    AgendaItem(
        "framework-discount",
        "Change the discount for framework contracts with regional governments",
        "pricing",
    ),
    AgendaItem(
        "bid-staffing",
        "Name the solution architects for the regional health authority bid",
        "bid_staffing",
    ),
    AgendaItem(
        "webinar-dates",
        "Pick the dates of next quarter's webinars for city councils",
        "webinar_dates",
    ),
)


def by_id(items, key: str, what: str):
    """The item of ``items`` whose ``id`` is ``key``; a ``ValueError`` lists the ids.

    Examples
    --------
    >>> by_id(AGENDA, "pricing", "agenda item")
    Traceback (most recent call last):
    ...
    ValueError: no agenda item 'pricing'; the agenda items are: second-bid-team, ...
    """
    for item in items:
        if item.id == key:
            return item
    msg = f"no {what} {key!r}; the {what}s are: {', '.join(i.id for i in items)}"
    raise ValueError(msg)


def agenda_item(item_id: str) -> AgendaItem:
    """The item of :data:`AGENDA` with this id (a ``ValueError`` lists the ids)."""
    return by_id(AGENDA, item_id, "agenda item")


#: Constellation's governance design, a design file (the format of :mod:`toolkit.governance.files`)
CONSTELLATION_FILE = Path(__file__).with_name("constellation.json")


def constellation_design() -> Design:
    """Constellation's governance: three companies, three tiers, one owner per decision.

    It reviews with no errors; its weak spot is the bid group's escalation, which has no time
    limit (the review warns about it, and :mod:`toolkit.steering.escalation` shows what it
    does to an urgent issue). Read from :data:`CONSTELLATION_FILE` each time: a fresh copy.

    Examples
    --------
    >>> [b.id for b in constellation_design().bodies]
    ['steering', 'management', 'bids', 'delivery']
    """
    return load(CONSTELLATION_FILE)


def owners_of(design: Design, decision: str) -> list[Body]:
    """The bodies whose ``decides`` lists ``decision`` (one is right; none or two is a gap)."""
    return [body for body in design.bodies if decision in body.decides]


def route(design: Design, decision: str) -> tuple[str | None, str]:
    """Which body an item needing ``decision`` goes to, and why.

    Returns
    -------
    tuple
        ``(body id, reason)``: the owning body; with no owner, the first management body
        (``None`` when there is none); with several owners, the first of them, and the
        reason says the decision rights need mending.
    """
    owners = owners_of(design, decision)
    if len(owners) == 1:
        return owners[0].id, "owns the decision"
    if owners:
        names = " and ".join(b.name for b in owners)
        return owners[0].id, f"{names} both claim it: give the decision one owner"
    management = next((b for b in design.bodies if b.tier == "management"), None)
    if management is None:
        return None, "no body owns it and there is no management team to take it"
    return management.id, "no body owns it: down to the management team"


def route_agenda(design: Design, items: tuple[AgendaItem, ...] = AGENDA) -> pd.DataFrame:
    """Every agenda item with the body it goes to (see :func:`route`)."""
    rows = []
    for item in items:
        body_id, reason = route(design, item.decision)
        body = design.body(body_id) if body_id else None
        rows.append(
            {
                "item": item.id,
                "title": item.title,
                "decision": item.decision,
                "body": body_id,
                "body_name": body.name if body else "",
                "reason": reason,
            }
        )
    return pd.DataFrame(rows)
