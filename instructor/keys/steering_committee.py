"""The answer key of the ``steering-committee`` variants, and their vetting (instructors only).

What each variant's answers are, computed from its case with the course's rules
(:func:`truth`), whether the taught method reads them with a clear margin (:func:`vet`), and
the numbers that should be alike across variants (:func:`difficulty`). It is part of the
instructor package, which a student's environment does not have: a student's kernel has the
case and the rules, never a one-call key. The hidden tests of the assignment apply the rules
themselves.

Examples
--------
>>> sorted(truth(7))
['calls', 'late_issue', 'limits', 'must_discuss', 'owners', 'plan', 'reading']
>>> vet(7)
[]
>>> sorted(files(7))  # doctest: +NORMALIZE_WHITESPACE
['agenda-owners.answer.json', 'late-issue.answer.json', 'must-discuss.answer.json',
 'plan-targets.answer.json', 'portfolio-calls.answer.json', 'portfolio-reading.answer.json',
 'time-limits.answer.json']
"""

from __future__ import annotations

from instructor.keys import Key
from toolkit.steering.agenda import route
from toolkit.steering.assignment import FILES, saved_text
from toolkit.steering.cases import (
    ASSIGNMENT,
    LIMIT_RANGE,
    MOST,
    PLAN_STEPS,
    case_for,
    fix_problems,
)
from toolkit.steering.escalation import walk_escalation
from toolkit.steering.plan import plan_backwards, plan_shortfalls
from toolkit.steering.portfolio import HEALTHY, IMPORTANT, portfolio_call

__all__ = ["KEY", "answers", "difficulty", "files", "truth", "vet"]


def truth(number: int) -> dict:
    """What the grader checks against, computed with the course's rules."""
    from toolkit.steering.dashboard import must_discuss

    case = case_for(number)
    design = case.design
    late = [i.id for i in case.issues if not walk_escalation(design, i).in_time]
    calls = {a.name: portfolio_call(a.importance, a.health) for a in case.alliances}
    flips = [
        a.name
        for a in case.alliances
        if (a.scores["Acme Software"].mean() >= HEALTHY) != (a.health >= HEALTHY)
    ]
    limits = {}
    if len(late) == 1:  # the most lenient limit on the late issue's working group that works
        start = next(i.start for i in case.issues if i.id == late[0])
        days = [d for d in range(LIMIT_RANGE[1], LIMIT_RANGE[0] - 1, -1)
                if not fix_problems(case, {start: d})]  # fmt: skip
        limits = {start: days[0]} if days else {}
    try:
        plan = plan_backwards(case.goal, case.funnel)
        targets = {
            s: {"target": int(plan.loc[s, "target"]), "by_month": int(plan.loc[s, "by_month"])}
            for s in PLAN_STEPS
        }
    except ValueError:
        targets = {}
    return {
        "must_discuss": must_discuss(case.dashboard()),
        "owners": {i.id: route(design, i.decision)[0] for i in case.agenda},
        "late_issue": late[0] if len(late) == 1 else late,
        "limits": limits,
        "plan": targets,
        "calls": calls,
        "reading": flips[0] if len(flips) == 1 else flips,
    }


def difficulty(number: int) -> dict:
    """Numbers that should be alike across variants."""
    from toolkit.steering.dashboard import discussion_plan

    case = case_for(number)
    plan = discussion_plan(case.dashboard())
    t = truth(number)
    return {
        "dashboard items": len(plan),
        "must discuss": len(t["must_discuss"]),
        "agenda items": len(case.agenda),
        "issues": len(case.issues),
        "late issues": 1 if isinstance(t["late_issue"], str) else len(t["late_issue"]),
        "alliances": len(case.alliances),
        "calls used": len(set(t["calls"].values())),
    }


def vet(number: int) -> list[str]:
    """What the taught method gets wrong, or only narrowly right, in variant ``number``."""
    from toolkit.steering.dashboard import discussion_plan

    case, problems = case_for(number), []
    t = truth(number)
    verdicts = {k: v.verdict for k, v in discussion_plan(case.dashboard()).items()}
    if len(t["must_discuss"]) != 4 or list(verdicts.values()).count("may") < 3:
        problems.append(f"dashboard: {verdicts}")
    owners = t["owners"]
    if len(set(owners.values())) < 3 or len(owners) != 6:
        problems.append(f"agenda: owners {owners} use fewer than three bodies")
    if not isinstance(t["late_issue"], str):
        problems.append(f"escalation: late issues {t['late_issue']} (needs exactly one)")
    else:
        stuck = next(i for i in case.issues if i.id == t["late_issue"])
        room = [d for d in range(LIMIT_RANGE[0], LIMIT_RANGE[1] + 1)
                if not fix_problems(case, {stuck.start: d})]  # fmt: skip
        if not room or max(room) < LIMIT_RANGE[0] + 5:
            problems.append(f"escalation: {stuck.start} must decide within {room} days (too tight)")
        if stuck.start in {i.start for i in case.issues if i.id != stuck.id}:
            problems.append(f"escalation: {stuck.start} also holds an issue that is in time")
    try:
        plan = plan_backwards(case.goal, case.funnel)
        reference = {
            s: {"target": int(plan.loc[s, "target"]), "by_month": int(plan.loc[s, "by_month"])}
            for s in PLAN_STEPS
        }
        if plan_shortfalls(reference, case.goal, case.funnel, most=MOST):
            problems.append("plan: the reference plan falls short")
        if int(plan.loc["joint_work", "by_month"]) < 3:
            problems.append("plan: the joint work must start before month 3")
    except ValueError as error:
        problems.append(f"plan: {error}")
    for a in case.alliances:
        if abs(a.health - HEALTHY) < 0.15 or abs(a.importance - IMPORTANT) < 0.5:
            problems.append(
                f"portfolio: {a.name} sits near a line ({a.importance}, {a.health:.2f})"
            )
    if not isinstance(t["reading"], str):
        problems.append(
            f"portfolio: {len(t['reading'])} alliances read differently from Acme's side alone "
            "(needs exactly one)"
        )
    if len(set(t["calls"].values())) != 4:
        problems.append(f"portfolio: calls {t['calls']} miss one of the four")
    return problems


def files(number: int) -> dict[str, str]:
    """The answer files of variant ``number``, each written as its control writes it."""
    case, t = case_for(number), truth(number)
    answers = {
        "must": t["must_discuss"],
        "owners": t["owners"],
        "late": t["late_issue"],
        "limits": {body: {"days": days} for body, days in t["limits"].items()},
        "plan": t["plan"],
        "calls": t["calls"],
        "reading": t["reading"],
    }
    return {FILES[part]: saved_text(part, case, answer) for part, answer in answers.items()}


def answers(namespace: dict) -> dict:
    """The answer key of the variant the source notebook ran for (its ``case``).

    Every automatic part is answered with a control, so the key is answer files only
    (computed from the case with :func:`truth`, never from the notebook's variables).
    """
    return {"answers": {}, "files": files(namespace["case"].number)}


KEY = Key(
    assignment=ASSIGNMENT,
    answers=answers,
    difficulty=difficulty,
    vet=vet,
    spread={
        "dashboard items": 0,
        "must discuss": 0,
        "agenda items": 0,
        "issues": 0,
        "late issues": 0,
        "alliances": 0,
        "calls used": 0,
    },
)
