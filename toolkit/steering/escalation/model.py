"""Escalation in motion: an issue walks up a design's escalation path, day by day.

An issue starts in a working group on day 0. At each body it reaches:

- a body that **owns** the issue's decision settles it: within its time limit
  (``escalation_days``) when it has one, since a time limit in a charter is a promise to
  decide (by an extra meeting if need be); without one, at its next regular meeting, which in
  the worst case is a full cadence (``meets_every_days``) away;
- a body that does **not** own the decision holds the issue for its time limit, then passes
  it to the body it escalates to (``escalates_to``); a steering body passes it to the chief
  executives, outside the alliance's governance;
- the issue **stalls** where a body that cannot decide has no time limit (nothing obliges it
  to pass the issue on), nowhere to escalate to, or an escalation path that loops.

Every duration is the worst case, as the limits in a charter are. The walk then compares the
day the issue is settled with the issue's deadline (a tender that closes, a launch date).
This is the course's model of the escalation rules in ``shared/domain/governance-rules.md``
(the review's ``escalation-time-missing`` and ``slow-escalation`` warnings), set in motion.

Examples
--------
>>> from toolkit.steering.agenda.model import constellation_design
>>> walk = walk_escalation(constellation_design(), ISSUES[0])
>>> walk.verdict, walk.stages[-1].body
('stalled', 'bids')
>>> print(status_on_day(walk, 3))
Day 3: the issue is with the Public-Sector Bid Group, which has no time limit: it stalls here.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.governance.model import Design
from toolkit.steering.agenda.model import by_id

__all__ = [
    "CHIEF_EXECUTIVES",
    "ISSUES",
    "Issue",
    "Stage",
    "Walk",
    "issue_named",
    "status_on_day",
    "walk_escalation",
]

CHIEF_EXECUTIVES = "chief executives"


@dataclass(frozen=True)
class Issue:
    """An issue that needs a decision: where it starts and by when it must be settled."""

    id: str
    title: str
    decision: str
    start: str  # the id of the body where it is raised
    deadline: int  # days from day 0


#: the issues the lesson walks through Constellation's governance
ISSUES: tuple[Issue, ...] = (
    Issue(
        "ministry-bid-lead",
        "Orbit and Vela both want to lead the Ministry of Transport bid; the tender closes in "
        "45 days",
        "dispute_resolution",
        "bids",
        45,
    ),
    Issue(
        "framework-discount",
        "A regional government asks for a bigger framework discount and wants an answer "
        "within 30 days",
        "pricing",
        "bids",
        30,
    ),
    Issue(
        "integration-slip",
        "The integration with Orbit's platform slips; the go-live date needs a decision within "
        "20 days",
        "solution_design",
        "delivery",
        20,
    ),
)


def issue_named(issue_id: str) -> Issue:
    """The issue of :data:`ISSUES` with this id (a ``ValueError`` lists the ids)."""
    return by_id(ISSUES, issue_id, "issue")


@dataclass(frozen=True)
class Stage:
    """The issue's stay at one body: from ``arrives`` to ``leaves`` (``None``: it stays).

    ``outcome`` is ``"decides"``, ``"passes it up"``, ``"refers it to the chief executives"``
    or ``"stalls"``; ``limit`` is the body's time limit in days (``None``: none).
    """

    body: str
    name: str
    arrives: int
    leaves: int | None
    limit: int | None
    outcome: str
    why: str


@dataclass(frozen=True)
class Walk:
    """The whole walk: the stages, the verdict and the day the issue was settled.

    ``verdict`` is ``"in time"``, ``"late"`` (settled after the deadline), ``"stalled"``,
    or ``"beyond"`` (it left the alliance's governance for the chief executives).
    """

    issue: Issue
    stages: tuple[Stage, ...]
    verdict: str
    settled_day: int | None

    @property
    def in_time(self) -> bool:
        """Whether the issue was settled by the deadline."""
        return self.verdict == "in time"

    @property
    def last_day(self) -> int:
        """The last day worth showing: the settling day or the deadline, whichever is later."""
        days = [self.issue.deadline] + [s.leaves or s.arrives for s in self.stages]
        return max(days)

    def summary(self) -> str:
        """The walk's outcome in one sentence."""
        last = self.stages[-1]
        deadline = f"the {self.issue.deadline}-day deadline"
        if self.verdict == "in time":
            return f"Settled by the {last.name} on day {self.settled_day}, within {deadline}."
        if self.verdict == "late":
            return (
                f"Settled by the {last.name} on day {self.settled_day}, "
                f"{_days(self.settled_day - self.issue.deadline)} after {deadline}."
            )
        if self.verdict == "beyond":
            return (
                f"No body of the alliance owns the decision: on day {last.leaves} the "
                f"{last.name} refers it to the {CHIEF_EXECUTIVES}."
            )
        return f"The issue stalls at the {last.name} from day {last.arrives}: {last.why}."


def walk_escalation(design: Design, issue: Issue) -> Walk:
    """Walk ``issue`` up the escalation path of ``design`` (see the module's rules).

    Raises
    ------
    ValueError
        When the issue's starting body is not in the design (the message lists the ids).
    """
    body = design.body(issue.start)
    if body is None:
        ids = ", ".join(b.id for b in design.bodies) or "none"
        msg = f"the design has no body {issue.start!r} for the issue to start in; bodies: {ids}"
        raise ValueError(msg)
    stages: list[Stage] = []
    day, seen = 0, set()
    while True:
        seen.add(id(body))
        limit = body.escalation_days
        if issue.decision in body.decides:
            took = limit if limit is not None else body.meets_every_days
            why = (
                f"it owns the decision and settles it within its {limit}-day limit"
                if limit is not None
                else f"it owns the decision and settles it at its next meeting (every "
                f"{body.meets_every_days} days)"
            )
            stages.append(Stage(body.id, body.name, day, day + took, limit, "decides", why))
            settled = day + took
            verdict = "in time" if settled <= issue.deadline else "late"
            return Walk(issue, tuple(stages), verdict, settled)
        if limit is None:
            why = "it does not own the decision and has no time limit to pass it on"
            stages.append(Stage(body.id, body.name, day, None, None, "stalls", why))
            return Walk(issue, tuple(stages), "stalled", None)
        if body.tier == "steering" and not body.escalates:
            why = "no body of the alliance owns the decision"
            stages.append(
                Stage(
                    body.id,
                    body.name,
                    day,
                    day + limit,
                    limit,
                    f"refers it to the {CHIEF_EXECUTIVES}",
                    why,
                )
            )
            return Walk(issue, tuple(stages), "beyond", None)
        target = design.body(body.escalates_to) if body.escalates else None
        if target is None or id(target) in seen:
            why = (
                "it has nowhere to escalate to"
                if target is None
                else "its escalation path goes round in a circle"
            )
            stages.append(Stage(body.id, body.name, day, None, limit, "stalls", why))
            return Walk(issue, tuple(stages), "stalled", None)
        why = f"it does not own the decision and passes it on after its {limit}-day limit"
        stages.append(Stage(body.id, body.name, day, day + limit, limit, "passes it up", why))
        day += limit
        body = target


def status_on_day(walk: Walk, day: int) -> str:
    """Where the issue is on ``day``, and how much of the body's limit and the deadline is left.

    Examples
    --------
    >>> from toolkit.governance.model import Body, Design
    >>> design = Design("A + B", ["A", "B"], [
    ...     Body("wg", "Working Group", "operational", 7, [], [], "amt", 5),
    ...     Body("amt", "Management Team", "management", 14, [], ["pricing"], "jsc", 10)])
    >>> walk = walk_escalation(design, Issue("x", "A price question", "pricing", "wg", 30))
    >>> print(status_on_day(walk, 7))
    Day 7: the issue is with the Management Team (day 2 of its 10-day limit); 23 days to the \
deadline.
    >>> print(status_on_day(walk, 20))
    Day 20: settled by the Management Team on day 15, within the 30-day deadline.
    """
    day = int(day)
    left = walk.issue.deadline - day
    to_go = (
        f"{_days(left)} to the deadline"
        if left > 0
        else ("the deadline is today" if left == 0 else f"{_days(-left)} past the deadline")
    )
    for stage in walk.stages:
        if stage.leaves is not None and day >= stage.leaves:
            continue
        if day < stage.arrives:
            break
        if stage.outcome == "stalls":
            return f"Day {day}: the issue is with the {stage.name}, which {_stall(stage)}."
        limit = (
            f"day {day - stage.arrives} of its {stage.limit}-day limit"
            if stage.limit is not None
            else f"waiting for its next meeting, up to {stage.leaves - stage.arrives} days"
        )
        return f"Day {day}: the issue is with the {stage.name} ({limit}); {to_go}."
    if walk.verdict in ("in time", "late"):
        last = walk.stages[-1]
        when = "within" if walk.in_time else "after"
        return (
            f"Day {day}: settled by the {last.name} on day {walk.settled_day}, {when} the "
            f"{walk.issue.deadline}-day deadline."
        )
    return f"Day {day}: {walk.summary()}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _stall(stage: Stage) -> str:
    if stage.limit is None:
        return "has no time limit: it stalls here"
    return stage.why.replace("it has", "has").replace("its escalation", "has an escalation")
