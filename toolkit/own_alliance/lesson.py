"""The workbook's self-check: whether the participant's charter is complete and sound.

Nothing here is graded: the alliance is the participant's own and never part of a submission.
The check says, part by part, what the charter still lacks, in the course's usual way
("these checks passed"), and records progress like every other exercise.

Examples
--------
>>> from toolkit.own_alliance.model import Alliance, Partner
>>> report = check_charter(Alliance("Kite + Harbour", [Partner("Kite"), Partner("Harbour")]))
>>> report.passed, report.checks[0].passed
(False, True)
"""

from __future__ import annotations

from toolkit.own_alliance.model import Alliance, escalation_findings, raci_findings
from toolkit.selfstudy.checks import Check, Hints, Report

__all__ = ["EXERCISE", "check_charter", "hint_charter"]

EXERCISE = "your-alliance.charter"


def _errors(findings) -> list[str]:
    return [f.message for f in findings if f.severity == "error"]


def _plan_problem(alliance: Alliance) -> str:
    if alliance.goal is None:
        return "Set the revenue goal: how much a month, from which month, by which month."
    from toolkit.own_alliance.analysis import joint_plan

    try:
        joint_plan(alliance)
    except ValueError as err:
        return str(err)
    return ""


def check_charter(alliance: Alliance) -> Report:
    """What the charter has and lacks: one check per part, each saying where to look."""
    from toolkit.governance import is_workable

    names = alliance.partner_names()
    raci = _errors(raci_findings(alliance.raci, alliance.design)) if alliance.raci else ["empty"]
    path = _errors(escalation_findings(alliance.escalation)) if alliance.escalation else ["empty"]
    kinds = {m.kind for m in alliance.measures if m.target is not None}
    sides = {a.get("side") for a in alliance.survey}
    plan = _plan_problem(alliance)
    checks = [
        Check("The alliance has two or three partners", 2 <= len(names) <= 3,
              "Name each partner, with what it brings and what it needs."),
        Check("The governance design is workable",
              alliance.design is not None and is_workable(alliance.design),
              "Build the design (or start from a template) until the review shows no error."),
        Check("Every decision has exactly one accountable body", not raci,
              " ".join(raci) if raci != ["empty"] else "Fill in the RACI for the core decisions."),
        Check("The escalation path rises to the chief executives, then a third party",
              not path, " ".join(path) if path != ["empty"] else "Set out the escalation path."),
        Check("Each body has its meetings in the calendar", bool(alliance.meetings),
              "Give each body its cadence and first meeting date."),
        Check("The scorecard has leading and lagging measures with targets",
              kinds == {"leading", "lagging"},
              "Choose at least one leading and one lagging measure, each with a target."),
        Check("There are monthly figures", bool(alliance.figures),
              "Fill in the months sheet of the spreadsheet and load it."),
        Check("Both sides answered the health check",
              len(names) >= 2 and set(names) <= sides,
              "Enter or import answers from each partner."),
        Check("Every action has an owner and a date",
              bool(alliance.actions) and all(a.owner and a.due for a in alliance.actions),
              "Add actions for the widest gaps, each with an owner and a due date."),
        Check("The joint business plan works back from the revenue goal", not plan, plan),
    ]  # fmt: skip
    return Report(EXERCISE, checks)


hint_charter = Hints(
    EXERCISE,
    [
        "Work through the parts in order: partners, governance, decision rights, escalation, "
        "meetings, measures, figures, health check, actions, plan.",
        "A part that fails says what it lacks; the governance review and the RACI checks name "
        "each fault with a hint.",
        "Worked example: the made-up alliance of Brightpath and Omnicorp in the course's "
        "tests has every part; start from the 'lean-startup-enterprise' template and its "
        "suggested RACI.",
    ],
)
