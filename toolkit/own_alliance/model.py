"""The participant's own alliance as plain data, and the rules its charter is checked by.

An :class:`Alliance` holds what a participant tells the workbook about an alliance of their
own: its partners (two or three) with what each brings and needs, its stage, the measures
they chose (from the course's catalogue or named by them, with their kind) and their
targets, their own monthly figures, both sides' health-check answers, the action plan, the
decision rights as a RACI, the escalation path with its time limits and the meeting cadence.
It is saved as JSON beside the workbook (:mod:`~toolkit.own_alliance.files`), so nothing
typed is lost when the kernel restarts.

The RACI and the escalation path are checked by rules of the same kind as the governance
review (``shared/domain/governance-rules.md``): each finding is a
:class:`toolkit.governance.Finding` with a stable code, a severity, a message and a hint.

Examples
--------
>>> alliance = Alliance("Kite + Harbour", [Partner("Kite"), Partner("Harbour")])
>>> alliance.partner_names()
['Kite', 'Harbour']
>>> raci = {"strategy": {"Steering committee": "A", "Alliance managers": "R"}}
>>> sorted({f.code for f in raci_findings(raci)})
['raci-core-missing']
>>> [f.code for f in escalation_findings(default_escalation())]
[]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from toolkit.governance import CORE_DECISIONS, Design, Finding
from toolkit.health import DIMENSIONS
from toolkit.indicators import KINDS, PERSPECTIVES, catalogue, metric_name
from toolkit.steering import STAGES

__all__ = [
    "ESCALATION_LEVELS",
    "FIRST_MEETING_LENGTH",
    "QUARTER_VALUES",
    "RACI_LETTERS",
    "SCORE_DIMENSIONS",
    "Action",
    "Alliance",
    "EscalationStep",
    "Measure",
    "Meeting",
    "Partner",
    "PlanGoal",
    "default_escalation",
    "escalation_findings",
    "measure_from_catalogue",
    "meeting_calendar",
    "meetings_from_design",
    "month_key",
    "raci_findings",
    "raci_from_design",
]

#: R responsible (does the work), A accountable (the one that decides), C consulted, I informed
RACI_LETTERS = {
    "R": "responsible",
    "A": "accountable",
    "C": "consulted",
    "I": "informed",
}
#: the rungs of an escalation path, lowest first (``shared/domain/ALLIANCES.md``)
ESCALATION_LEVELS = {
    "working_group": "Joint working group",
    "alliance_managers": "Alliance managers",
    "steering_committee": "Steering committee",
    "chief_executives": "Chief executives",
    "mediation": "Mediation",
    "arbitration": "Arbitration",
}
#: how a quarter's figure is made from its months: flows average, stocks take the last month
QUARTER_VALUES = ("average", "last month")
#: the health check's dimensions (the health lesson's), as the survey sheet's columns
SCORE_DIMENSIONS = DIMENSIONS
FIRST_MEETING_LENGTH = 60  # minutes, the default length of a meeting in the calendar
# *typical* days an issue may stay at each rung before it goes up (ALLIANCES.md section 2)
_TYPICAL_DAYS = {
    "working_group": 5,
    "alliance_managers": 10,
    "steering_committee": 20,
    "chief_executives": 30,
}
_SLOW = 45  # days from the working group to the steering committee that count as slow


def month_key(value) -> str:
    """A month as ``"YYYY-MM"`` from a date, a ``pandas.Period`` or such a string.

    Examples
    --------
    >>> month_key(dt.date(2026, 3, 14)), month_key("2026-3")
    ('2026-03', '2026-03')
    """
    if hasattr(value, "year") and hasattr(value, "month"):
        return f"{int(value.year):04d}-{int(value.month):02d}"
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(value))
    if not found or not 1 <= int(found.group(2)) <= 12:
        msg = f"a month is written YYYY-MM (2026-03 for March 2026), got {value!r}"
        raise ValueError(msg)
    return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}"


@dataclass
class Partner:
    """A partner of the alliance: its name, what it brings and what it needs from it."""

    name: str
    brings: str = ""
    needs: str = ""


@dataclass
class Measure:
    """One measure of the participant's scorecard.

    ``name`` is a catalogue name (``deal_registrations``) or the participant's own
    (``joint_webinars``); ``kind`` is leading or lagging, ``perspective`` one of the
    scorecard's four; ``quarter`` says how a quarter's figure is made from its months.
    """

    name: str
    label: str
    kind: str
    perspective: str
    unit: str = ""
    target: float | None = None
    lower_is_better: bool = False
    quarter: str = "average"


def measure_from_catalogue(name: str, target: float | None = None) -> Measure:
    """A measure of the course's catalogue, with its label, kind, perspective and unit.

    Examples
    --------
    >>> m = measure_from_catalogue("Deal registrations", 40)
    >>> m.name, m.kind, m.perspective, m.target
    ('deal_registrations', 'leading', 'operational', 40)
    """
    from toolkit.scorecard import LOWER_IS_BETTER, STOCKS

    key = metric_name(name)
    row = catalogue().loc[key]
    return Measure(
        key,
        row["label"],
        row["kind"],
        row["perspective"],
        row["unit"],
        target,
        key in LOWER_IS_BETTER,
        "last month" if key in STOCKS else "average",
    )


@dataclass
class Action:
    """One row of the action plan: what is done, by whom, by when (``YYYY-MM-DD``)."""

    action: str
    owner: str
    due: str
    dimension: str = ""


@dataclass
class EscalationStep:
    """One rung of the escalation path: its level, who handles it, days before it goes up."""

    level: str
    who: str = ""
    days: int | None = None


@dataclass
class Meeting:
    """A recurring meeting: the body, how often (days), the first date (``YYYY-MM-DD``)."""

    body: str
    every_days: int
    first: str
    minutes: int = FIRST_MEETING_LENGTH


@dataclass
class PlanGoal:
    """The revenue goal of the joint business plan, counted from the plan's start month.

    ``revenue`` k$ of partner-sourced revenue a month by ``by`` (``YYYY-MM``), joint work
    starting in ``start``; the funnel figures default to the course's typical ones.
    """

    revenue: float
    start: str
    by: str
    qualify_rate: float = 0.40
    accept_rate: float = 0.67
    win_rate: float = 0.30
    deal_size: float = 60.0
    sales_cycle: int = 6


@dataclass
class Alliance:
    """Everything the workbook knows about the participant's own alliance.

    ``figures`` maps a month (``YYYY-MM``) to each measure's value that month (``None``
    where it was left empty); ``survey`` holds one dict per person who answered, with
    ``respondent``, ``side`` (a partner's name) and a 1-5 score per dimension of
    :data:`SCORE_DIMENSIONS`; ``raci`` maps a decision to ``{party: letters}``.
    """

    name: str
    partners: list[Partner] = field(default_factory=list)
    stage: str = "launch"
    measures: list[Measure] = field(default_factory=list)
    figures: dict[str, dict[str, float | None]] = field(default_factory=dict)
    survey: list[dict] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    raci: dict[str, dict[str, str]] = field(default_factory=dict)
    escalation: list[EscalationStep] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    goal: PlanGoal | None = None
    design: Design | None = None

    def partner_names(self) -> list[str]:
        """The partners' names, each once, in order."""
        return list(dict.fromkeys(p.name for p in self.partners))

    def measure(self, name: str) -> Measure:
        """The measure called ``name`` (a ``ValueError`` lists the measures there are)."""
        for m in self.measures:
            if m.name == name:
                return m
        names = ", ".join(m.name for m in self.measures) or "none yet"
        msg = f"no measure {name!r} in this alliance; its measures: {names}"
        raise ValueError(msg)

    def problems(self) -> list[str]:
        """What is wrong with the plain data itself (an empty list: nothing)."""
        found = []
        names = self.partner_names()
        if not 2 <= len(names) <= 3:
            found.append(f"An alliance here has two or three partners; this one has {len(names)}.")
        if self.stage not in STAGES:
            found.append(f"Stage {self.stage!r} is not one of: {', '.join(STAGES)}.")
        seen = set()
        for m in self.measures:
            if m.name in seen:
                found.append(f"Measure {m.name!r} is listed twice.")
            seen.add(m.name)
            if m.kind not in KINDS:
                found.append(f"Measure {m.name!r}: kind must be leading or lagging.")
            if m.perspective not in PERSPECTIVES:
                found.append(f"Measure {m.name!r}: perspective must be one of {PERSPECTIVES}.")
            if m.quarter not in QUARTER_VALUES:
                found.append(f"Measure {m.name!r}: quarter must be 'average' or 'last month'.")
        return found


# ------------------------------------------------------------------ RACI


def _letters(cell) -> list[str]:
    return [c for c in str(cell or "").upper() if not c.isspace() and c not in ",/+"]


def raci_findings(raci: dict, design: Design | None = None) -> list[Finding]:
    """The RACI checked by the contract's rules: one accountable body per decision, and so on.

    ``raci`` maps each decision (the core ones are ``strategy``, ``investment``,
    ``joint_business_plan`` and ``dispute_resolution``) to ``{party: letters}``, letters from
    R, A, C and I (``"AR"`` when a party is both). With a governance ``design``, parties are
    its bodies (by name or id), and the accountable body should be the one whose ``decides``
    lists the decision.

    Codes: errors ``raci-core-missing`` (a core decision has no row), ``raci-bad-letter``,
    ``raci-no-accountable``, ``raci-many-accountable`` (exactly one A per decision);
    warnings ``raci-no-responsible``, ``raci-unknown-party``, ``raci-not-decider``.

    Examples
    --------
    >>> raci = {d: {"JSC": "A", "AMT": "R"} for d in CORE_DECISIONS}
    >>> raci["strategy"]["AMT"] = "A"
    >>> [f.code for f in raci_findings(raci)]
    ['raci-many-accountable', 'raci-no-responsible']
    """
    found = []
    for decision in CORE_DECISIONS:
        if decision not in raci:
            found.append(
                Finding(
                    "raci-core-missing",
                    "error",
                    None,
                    f"The core decision {decision!r} has no row in the RACI.",
                    "Add it, with the one body accountable for it.",
                )
            )
    bodies = {}
    if design is not None:
        for b in design.bodies:
            bodies[b.name] = b
            bodies[b.id] = b
    for decision, row in raci.items():
        accountable, responsible = [], []
        for party, cell in (row or {}).items():
            letters = _letters(cell)
            bad = [c for c in letters if c not in RACI_LETTERS]
            if bad:
                found.append(
                    Finding(
                        "raci-bad-letter",
                        "error",
                        None,
                        f"{decision}: {party} has {''.join(bad)!r}; a RACI uses R, A, C and I.",
                        "Write R (responsible), A (accountable), C (consulted) or I (informed).",
                    )
                )
            if "A" in letters:
                accountable.append(party)
            if "R" in letters:
                responsible.append(party)
            if bodies and party not in bodies:
                found.append(
                    Finding(
                        "raci-unknown-party",
                        "warning",
                        None,
                        f"{decision}: {party!r} is not a body of the governance design.",
                        "Name a body of the design, or add the body to the design.",
                    )
                )
        if not accountable:
            found.append(
                Finding(
                    "raci-no-accountable",
                    "error",
                    None,
                    f"{decision}: no one is accountable.",
                    "Mark exactly one body A: the one that takes the decision.",
                )
            )
        elif len(accountable) > 1:
            found.append(
                Finding(
                    "raci-many-accountable",
                    "error",
                    None,
                    f"{decision}: {' and '.join(accountable)} are all accountable.",
                    "Keep one A; a decision with two owners waits for both (unanimity "
                    "deadlocks alliances). Make the others C or I.",
                )
            )
        if not responsible:
            found.append(
                Finding(
                    "raci-no-responsible",
                    "warning",
                    None,
                    f"{decision}: no one is responsible for preparing it.",
                    "Mark R for the body that does the work (it may also be the A).",
                )
            )
        if bodies and len(accountable) == 1 and accountable[0] in bodies:
            owner = bodies[accountable[0]]
            deciders = [b.name for b in design.bodies if decision in b.decides]
            if deciders and decision not in owner.decides:
                found.append(
                    Finding(
                        "raci-not-decider",
                        "warning",
                        owner.id,
                        f"{decision}: the RACI makes {owner.name} accountable, but the design "
                        f"gives the decision to {', '.join(deciders)}.",
                        "Make the RACI and the design's decision rights say the same.",
                    )
                )
    return found


def raci_from_design(design: Design) -> dict[str, dict[str, str]]:
    """A starting RACI from a design: the deciding body A, the next body down R, others I.

    Examples
    --------
    >>> from toolkit.governance import template
    >>> raci = raci_from_design(template("enterprise-three-tier"))
    >>> [f.code for f in raci_findings(raci, template("enterprise-three-tier"))]
    []
    """
    from toolkit.governance import TIER_RANK

    decisions = list(CORE_DECISIONS)
    for b in design.bodies:
        decisions += [d for d in b.decides if d not in decisions]
    raci = {}
    for decision in decisions:
        row = {b.name: "I" for b in design.bodies}
        owners = [b for b in design.bodies if decision in b.decides]
        if owners:
            owner = owners[0]
            below = [
                b
                for b in design.bodies
                if b.escalates_to == owner.id and TIER_RANK.get(b.tier, 9) > TIER_RANK[owner.tier]
            ]
            row[owner.name] = "A" if below else "AR"
            if below:
                row[below[0].name] = "R"
        raci[decision] = row
    return raci


# ------------------------------------------------------------------ escalation


def default_escalation() -> list[EscalationStep]:
    """The *typical* path: working group 5 days, managers 10, steering 20, chiefs 30, mediation.

    Examples
    --------
    >>> [(s.level, s.days) for s in default_escalation()][:2]
    [('working_group', 5), ('alliance_managers', 10)]
    """
    steps = [
        EscalationStep(level, ESCALATION_LEVELS[level], days)
        for level, days in _TYPICAL_DAYS.items()
    ]
    return [*steps, EscalationStep("mediation", "An agreed mediator", None)]


def escalation_findings(path: list[EscalationStep]) -> list[Finding]:
    """The escalation path checked: it rises, reaches the chief executives, then a third party.

    Codes: errors ``escalation-unknown-level``, ``escalation-order`` (a rung at or below the
    one before it), ``escalation-no-chiefs``, ``escalation-no-third-party`` (mediation or
    arbitration comes last), ``escalation-days-missing`` (every rung before the last has a
    whole number of days, at least 1); warning ``escalation-slow`` (more than 45 days from the
    working group to the steering committee).

    Examples
    --------
    >>> path = default_escalation()[:3]
    >>> [f.code for f in escalation_findings(path)]
    ['escalation-no-chiefs', 'escalation-no-third-party']
    """
    found = []
    order = list(ESCALATION_LEVELS)
    known = [s for s in path if s.level in ESCALATION_LEVELS]
    for s in path:
        if s.level not in ESCALATION_LEVELS:
            found.append(
                Finding(
                    "escalation-unknown-level",
                    "error",
                    None,
                    f"{s.level!r} is not a rung of an escalation path.",
                    f"Use one of: {', '.join(ESCALATION_LEVELS)}.",
                )
            )
    for before, after in zip(known, known[1:], strict=False):
        if order.index(after.level) <= order.index(before.level):
            found.append(
                Finding(
                    "escalation-order",
                    "error",
                    None,
                    f"{ESCALATION_LEVELS[after.level]} comes after "
                    f"{ESCALATION_LEVELS[before.level]}, which is not a step up.",
                    "List the rungs from the working group up to the chief executives.",
                )
            )
    levels = {s.level for s in known}
    if "chief_executives" not in levels:
        found.append(
            Finding(
                "escalation-no-chiefs",
                "error",
                None,
                "The path never reaches the chief executives.",
                "Add the chief executives after the steering committee.",
            )
        )
    if not known or known[-1].level not in ("mediation", "arbitration"):
        found.append(
            Finding(
                "escalation-no-third-party",
                "error",
                None,
                "The path does not end with mediation or arbitration.",
                "End it with mediation or arbitration, for what the chief executives cannot "
                "settle.",
            )
        )
    for s in known[:-1]:
        days = s.days
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            found.append(
                Finding(
                    "escalation-days-missing",
                    "error",
                    None,
                    f"{ESCALATION_LEVELS[s.level]}: no time limit (got {days!r}).",
                    "Give the whole number of days an issue may stay here before it goes up.",
                )
            )
    up_to_steering = 0
    for s in known:
        if s.level == "steering_committee":
            break
        if isinstance(s.days, int) and not isinstance(s.days, bool):
            up_to_steering += s.days
    if up_to_steering > _SLOW:
        found.append(
            Finding(
                "escalation-slow",
                "warning",
                None,
                f"An issue takes {up_to_steering} days to reach the steering committee.",
                f"Keep it within {_SLOW} days: shorten the lower rungs' time limits.",
            )
        )
    return found


# ------------------------------------------------------------------ meetings


def meetings_from_design(design: Design, first: str) -> list[Meeting]:
    """One recurring meeting per body of a design, all starting on ``first`` (``YYYY-MM-DD``).

    Examples
    --------
    >>> from toolkit.governance import template
    >>> [(m.body, m.every_days) for m in meetings_from_design(
    ...     template("lean-startup-enterprise"), "2027-01-11")][0]
    ('Alliance Board', 90)
    """
    dt.date.fromisoformat(first)
    return [Meeting(b.name, int(b.meets_every_days), first) for b in design.bodies]


def meeting_calendar(meetings: list[Meeting], start: str, days: int = 365) -> list[dict]:
    """Every meeting from ``start`` for ``days`` days: ``date``, ``body``, ``minutes``, sorted.

    A meeting that would fall on a Saturday or Sunday moves to the Monday after.

    Examples
    --------
    >>> cal = meeting_calendar([Meeting("Steering committee", 91, "2027-01-11")], "2027-01-01")
    >>> [d["date"] for d in cal]
    ['2027-01-11', '2027-04-12', '2027-07-12', '2027-10-11']
    """
    begin = dt.date.fromisoformat(start)
    end = begin + dt.timedelta(days=days)
    rows = []
    for m in meetings:
        every = int(m.every_days)
        if every < 1:
            msg = f"{m.body}: a meeting repeats every 1 day or more, got {every}"
            raise ValueError(msg)
        day = dt.date.fromisoformat(m.first)
        while day < end:
            shown = day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)
            if begin <= shown < end:
                rows.append({"date": shown.isoformat(), "body": m.body, "minutes": m.minutes})
            day += dt.timedelta(days=every)
    return sorted(rows, key=lambda r: (r["date"], r["body"]))
