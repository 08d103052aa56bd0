"""Pure edits of the participant's alliance: each returns a new alliance, or says what was wrong.

The workbook's widgets call these and nothing else: every handler is one line into an edit.
An edit never changes the alliance it is given; a ``ValueError`` carries a sentence a
participant reads (what was wrong and how to put it right).

Examples
--------
>>> from toolkit.own_alliance.model import Alliance
>>> a = describe(Alliance(""), "Kite + Harbour", [("Kite", "data", "reach"),
...              ("Harbour", "customers", "a product")], "launch")
>>> a.partner_names(), a.stage
(['Kite', 'Harbour'], 'launch')
>>> a = add_catalogue_measure(a, "deal_registrations", "40")
>>> [(m.name, m.target) for m in a.measures]
[('deal_registrations', 40.0)]
>>> add_catalogue_measure(a, "deal_registrations", "40")
Traceback (most recent call last):
...
ValueError: Deal registrations is on the scorecard already.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from toolkit.governance import TEMPLATES, Design
from toolkit.indicators import KINDS, PERSPECTIVES
from toolkit.own_alliance.model import (
    ESCALATION_LEVELS,
    SCORE_DIMENSIONS,
    Action,
    Alliance,
    EscalationStep,
    Measure,
    Meeting,
    Partner,
    PlanGoal,
    default_escalation,
    measure_from_catalogue,
    meetings_from_design,
    raci_from_design,
)
from toolkit.steering import STAGES

__all__ = [
    "add_action",
    "add_answer",
    "add_catalogue_measure",
    "add_own_measure",
    "describe",
    "fit_design",
    "load_figures",
    "remove_action",
    "remove_last_answer",
    "remove_measure",
    "set_escalation",
    "set_goal",
    "set_meeting",
    "set_raci",
    "suggested_template",
    "use_design",
]


def _number(text, what: str, *, whole: bool = False, low: float = 0, example: str = "40") -> float:
    raw = str(text).strip().replace(",", "").replace(" ", "")
    kind = "a whole number" if whole else "a number"
    try:
        value = float(raw)
    except ValueError:
        msg = f"{what}: write {kind}, such as {example} (got {str(text).strip() or 'nothing'!r})."
        raise ValueError(msg) from None
    if value < low or (whole and value != int(value)):
        msg = f"{what}: write {kind} of at least {low:g} (got {str(text).strip()})."
        raise ValueError(msg)
    return int(value) if whole else value


def _date(text, what: str) -> str:
    try:
        return dt.date.fromisoformat(str(text).strip()).isoformat()
    except ValueError:
        msg = f"{what}: write a date as YYYY-MM-DD, such as 2027-01-11 (got {str(text)!r})."
        raise ValueError(msg) from None


def _month(text, what: str) -> str:
    try:
        return pd.Period(str(text).strip(), freq="M").strftime("%Y-%m")
    except ValueError:
        msg = f"{what}: write a month as YYYY-MM, such as 2027-01 (got {str(text)!r})."
        raise ValueError(msg) from None


def describe(alliance: Alliance, name: str, partners, stage: str) -> Alliance:
    """The alliance's name, its partners ``(name, brings, needs)`` (two or three) and stage."""
    if not str(name).strip():
        raise ValueError("Give the alliance a name, such as 'Kite + Harbour'.")
    kept = [Partner(n.strip(), b.strip(), d.strip()) for n, b, d in partners if n.strip()]
    names = [p.name for p in kept]
    if not 2 <= len(kept) <= 3:
        msg = f"Name two or three partners (you named {len(kept)})."
        raise ValueError(msg)
    if len(set(names)) < len(names):
        raise ValueError("Each partner needs a name of its own.")
    if stage not in STAGES:
        msg = f"Choose the stage from: {', '.join(g.label for g in STAGES.values())}."
        raise ValueError(msg)
    return replace(alliance, name=name.strip(), partners=kept, stage=stage)


def suggested_template(alliance: Alliance) -> str:
    """The governance template of the right size: three partners, or two at launch or growth.

    Examples
    --------
    >>> suggested_template(Alliance("A", [Partner("a"), Partner("b"), Partner("c")]))
    'three-partner-alliance'
    """
    if len(alliance.partner_names()) >= 3:
        return "three-partner-alliance"
    if alliance.stage in ("explore", "launch"):
        return "lean-startup-enterprise"
    return (
        "enterprise-three-tier"
        if "enterprise-three-tier" in TEMPLATES
        else "lean-startup-enterprise"
    )


def fit_design(design: Design, alliance: Alliance) -> tuple[Design, dict[str, str]]:
    """The design made the alliance's own: its name, and its partners in the design's seats.

    A template (or an empty design started before the alliance was described) names other
    partners: the design's partners are replaced, in order, by the alliance's, and so are the
    partners of the bodies' members. Returns the design and what was renamed (old -> new).
    An alliance not described yet (fewer than two partners) leaves the design as it is.

    Examples
    --------
    >>> from toolkit.governance import template
    >>> mine = Alliance("Kite + Harbour", [Partner("Kite"), Partner("Harbour")])
    >>> design, renamed = fit_design(template("lean-startup-enterprise"), mine)
    >>> design.alliance, design.partners, renamed
    ('Kite + Harbour', ['Kite', 'Harbour'], {'Brightpath': 'Kite', 'Omnicorp': 'Harbour'})
    >>> sorted({m.partner for b in design.bodies for m in b.members})
    ['Harbour', 'Kite']
    """
    names = alliance.partner_names()
    if len(names) < 2:
        return design.copy(), {}
    old = design.distinct_partners()
    renamed = {o: n for o, n in zip(old, names, strict=False) if o != n}
    fitted = design.copy()
    fitted.alliance = alliance.name
    fitted.partners = names if len(old) <= len(names) else [*names, *old[len(names) :]]
    for body in fitted.bodies:
        for member in body.members:
            member.partner = renamed.get(member.partner, member.partner)
    return fitted, renamed


def use_design(alliance: Alliance, design: Design, first: str) -> Alliance:
    """Take the design into the charter; start the RACI and the meetings from it if still empty."""
    if not design.bodies:
        raise ValueError("The design has no body yet: add one in the builder, or pick a template.")
    raci = alliance.raci or raci_from_design(design)
    meetings = alliance.meetings or meetings_from_design(design, _date(first, "First meeting"))
    escalation = alliance.escalation or default_escalation()
    return replace(
        alliance, design=design.copy(), raci=raci, meetings=meetings, escalation=escalation
    )


def set_raci(alliance: Alliance, decision: str, party: str, letters: str) -> Alliance:
    """One cell of the RACI: ``letters`` (R, A, C, I, or AR) for ``party`` on ``decision``."""
    raci = {d: dict(row) for d, row in alliance.raci.items()}
    row = raci.setdefault(decision, {})
    if letters:
        row[party] = letters
    else:
        row.pop(party, None)
    return replace(alliance, raci=raci)


def set_escalation(alliance: Alliance, level: str, who: str, days) -> Alliance:
    """Who handles an issue at ``level`` and how many days it may stay there (empty: last rung)."""
    if level not in ESCALATION_LEVELS:
        msg = f"{level!r} is not a rung; the rungs: {', '.join(ESCALATION_LEVELS.values())}."
        raise ValueError(msg)
    limit = (
        None
        if str(days).strip() == ""
        else _number(days, f"{ESCALATION_LEVELS[level]}, days", whole=True, low=1, example="10")
    )
    path = [s for s in (alliance.escalation or default_escalation())]
    steps = {s.level: s for s in path}
    steps[level] = EscalationStep(level, who.strip(), limit)
    if level in ("mediation", "arbitration"):  # one third party ends the path
        steps.pop("arbitration" if level == "mediation" else "mediation", None)
    order = list(ESCALATION_LEVELS)
    return replace(alliance, escalation=sorted(steps.values(), key=lambda s: order.index(s.level)))


def set_meeting(alliance: Alliance, body: str, every_days, first: str) -> Alliance:
    """How often ``body`` meets (days) and its first meeting (``YYYY-MM-DD``)."""
    every = _number(every_days, f"{body}, meets every (days)", whole=True, low=1, example="90")
    day = _date(first, f"{body}, first meeting")
    meetings = [m for m in alliance.meetings if m.body != body]
    meetings.append(Meeting(body, every, day))
    return replace(alliance, meetings=meetings)


def add_catalogue_measure(alliance: Alliance, name: str, target) -> Alliance:
    """A measure of the course's catalogue, with its quarterly target."""
    measure = measure_from_catalogue(name, _number(target, "Target"))
    if any(m.name == measure.name for m in alliance.measures):
        msg = f"{measure.label} is on the scorecard already."
        raise ValueError(msg)
    return replace(alliance, measures=[*alliance.measures, measure])


def add_own_measure(
    alliance: Alliance, label: str, kind: str, perspective: str, unit: str, target
) -> Alliance:
    """A measure the participant names, with its kind, perspective, unit and target."""
    from toolkit.indicators import metric_name

    if not label.strip():
        raise ValueError("Name the measure, such as 'Joint webinars'.")
    if kind not in KINDS or perspective not in PERSPECTIVES:
        msg = f"Choose its kind ({', '.join(KINDS)}) and perspective ({', '.join(PERSPECTIVES)})."
        raise ValueError(msg)
    name = "_".join("".join(c if c.isalnum() else " " for c in label.lower()).split())
    if not name or not name[0].isalpha():
        name = f"m_{name}"
    try:
        name = metric_name(label)  # a catalogue measure typed by its label keeps its name
    except (KeyError, ValueError):
        pass
    if any(m.name == name for m in alliance.measures):
        msg = f"{label.strip()} is on the scorecard already."
        raise ValueError(msg)
    measure = Measure(
        name, label.strip(), kind, perspective, unit.strip(), _number(target, "Target")
    )
    return replace(alliance, measures=[*alliance.measures, measure])


def remove_measure(alliance: Alliance, name: str) -> Alliance:
    """The scorecard without the measure called ``name`` (its figures are kept)."""
    return replace(alliance, measures=[m for m in alliance.measures if m.name != name])


def load_figures(alliance: Alliance, data) -> Alliance:
    """The alliance with what a loaded spreadsheet holds (:meth:`WorkbookData.apply_to`)."""
    return data.apply_to(alliance)


def add_answer(alliance: Alliance, side: str, respondent: str, scores: dict) -> Alliance:
    """One person's health-check answers (1-5 for each dimension) for a partner's side."""
    if side not in alliance.partner_names():
        msg = f"Choose the side from the partners: {', '.join(alliance.partner_names())}."
        raise ValueError(msg)
    answer = {"respondent": respondent.strip() or f"R{len(alliance.survey) + 1}", "side": side}
    for d in SCORE_DIMENSIONS:
        score = scores.get(d)
        if score is not None and score not in (1, 2, 3, 4, 5):
            msg = f"{d.replace('_', ' ')}: a score from 1 to 5 (got {score!r})."
            raise ValueError(msg)
        answer[d] = score
    return replace(alliance, survey=[*alliance.survey, answer])


def remove_last_answer(alliance: Alliance) -> Alliance:
    """The survey without its last answer."""
    if not alliance.survey:
        raise ValueError("There is no answer to remove.")
    return replace(alliance, survey=alliance.survey[:-1])


def add_action(alliance: Alliance, action: str, owner: str, due: str, dimension: str) -> Alliance:
    """One action of the plan, with its owner and due date (``YYYY-MM-DD``)."""
    if not action.strip() or not owner.strip():
        raise ValueError("Say what is to be done and who owns it.")
    item = Action(action.strip(), owner.strip(), _date(due, "Due"), dimension)
    return replace(alliance, actions=[*alliance.actions, item])


def remove_action(alliance: Alliance, index: int) -> Alliance:
    """The plan without its ``index``-th action (from 0)."""
    if not 0 <= index < len(alliance.actions):
        raise ValueError("Choose an action of the plan to remove.")
    return replace(alliance, actions=[a for i, a in enumerate(alliance.actions) if i != index])


def set_goal(alliance: Alliance, revenue, start: str, by: str) -> Alliance:
    """The plan's goal: ``revenue`` k$ a month by month ``by``, joint work from ``start``."""
    goal = PlanGoal(
        _number(revenue, "Revenue a month (k$)", low=1),
        _month(start, "Start"),
        _month(by, "Goal month"),
    )
    if pd.Period(goal.by, freq="M") <= pd.Period(goal.start, freq="M"):
        raise ValueError("The goal month comes after the start month.")
    return replace(alliance, goal=goal)
