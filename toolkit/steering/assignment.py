"""Visible checks and hints of the graded assignment ``steering-committee``.

Every student prepares the quarter of an alliance of their own (:func:`my_case`, a variant of
:mod:`toolkit.steering.cases`). These checks look only at the *form* of each answer (is it
filled in, does it name items, bodies and alliances of the student's case?); whether it is
right is decided by the instructor's grading, so each report ends with "these checks passed;
your instructor's grading may check more". The hints go from a nudge to a worked example on
the lesson's Constellation, so none gives a variant's answer away.

Examples
--------
>>> from toolkit.steering.cases import case_for
>>> case = case_for(0)
>>> check_must(..., case).passed, check_must(["win_rate"], case).passed
(False, True)
>>> check_plan({"partner_leads": {"target": 10, "by_month": 12}}).passed
False
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, naming
from toolkit.steering.cases import LIMIT_RANGE, PLAN_STEPS, SteeringCase
from toolkit.steering.portfolio import CALLS
from toolkit.ui.messages import Text
from toolkit.ui.render import grading

__all__ = [
    "business_planner",
    "check_calls",
    "check_reasons",
    "check_escalation",
    "check_must",
    "check_owners",
    "check_plan",
    "check_portfolio",
    "escalation_walker",
    "hint_escalation",
    "hint_must",
    "hint_owners",
    "hint_plan",
    "hint_portfolio",
    "my_case",
]


def my_case() -> SteeringCase:
    """The student's own quarter (their variant; the practice one when no id is known)."""
    from toolkit.steering.cases import VARIANTS

    return VARIANTS.mine()


# --- the lesson's widgets on the student's case (to work things out; answers are typed) ---
_NOT_WHILE_GRADING = "*(The {what} is shown here when you run the notebook.)*"


def escalation_walker(case: SteeringCase, path: str = "my-case-escalation.json"):
    """The lesson's escalation walker on ``case``'s design and issues, saved in ``path``.

    (:class:`~toolkit.steering.EscalationWalk`.) While nbgrader grades or validates,
    nobody sees a widget and the answers are in the cells, so it is not built (grading does
    not pay for it): a line stands in its place.
    """
    if grading():
        return Text(_NOT_WHILE_GRADING.format(what="escalation walker"))
    from toolkit.steering.escalation.widget import EscalationWalk

    return EscalationWalk(case.design, issues=case.issues, path=path)


def business_planner(case: SteeringCase, path: str = "my-case-plan.json"):
    """The lesson's business planner from ``case``'s goal and funnel, saved in ``path``.

    (:class:`~toolkit.steering.plan.widget.BusinessPlanner`; not built while nbgrader grades.)
    """
    if grading():
        return Text(_NOT_WHILE_GRADING.format(what="business planner"))
    from toolkit.steering.plan.widget import BusinessPlanner

    return BusinessPlanner(case.goal, case.funnel, path=path)


def _is_names(value) -> bool:
    return isinstance(value, list | tuple | set) and all(isinstance(v, str) for v in value)


def _unknown(names, known) -> list[str]:
    return [str(n) for n in names if str(n).strip() not in known]


def check_must(items, case: SteeringCase) -> Report:
    """Part 1: a list of dashboard items (metric or dimension names), some but not all."""
    from toolkit.steering.dashboard import dashboard_items

    known = [i.key for i in dashboard_items(case.dashboard())]
    is_list = _is_names(items)
    unknown = _unknown(items, known) if is_list else []
    checks = [
        Check(
            "The answer is a list of dashboard items in quotes",
            is_list,
            'Write it like must_discuss_items = ["win_rate", "trust"].',
        ),
        Check(
            "Every item is on your dashboard",
            is_list and not unknown,
            f"Not on the dashboard: {', '.join(unknown)}. Items: {', '.join(known)}."
            if unknown
            else "Use the names the dashboard shows (metric or dimension names).",
        ),
        Check(
            "You chose some items, not all of them",
            is_list and 0 < len(set(items)) < len(known),
            "A meeting that discusses everything steers nothing: choose.",
        ),
    ]
    return Report("steering-committee.must", checks, hidden_tests=True)


def check_owners(owners, case: SteeringCase) -> Report:
    """Part 2: every agenda item sent to a body of the design."""
    items = [i.id for i in case.agenda]
    bodies = [b.id for b in case.design.bodies]
    is_dict = isinstance(owners, dict)
    missing = [i for i in items if i not in owners] if is_dict else items
    unknown = sorted({str(v) for v in owners.values()} - set(bodies)) if is_dict else []
    checks = [
        Check(
            "The answer is a dict of agenda item -> body",
            is_dict,
            'Write it like owners = {"pricing": "management", ...}.',
        ),
        Check(
            "Every agenda item is sent somewhere",
            is_dict and not missing,
            naming("Still to send: ", missing, otherwise="Send every agenda item to a body."),
        ),
        Check(
            "Every body is a body of your design",
            is_dict and not unknown,
            naming("Not a body id: ", unknown, tail=". ", otherwise="")
            + f"The bodies: {', '.join(bodies)}.",
        ),
    ]
    return Report("steering-committee.owners", checks, hidden_tests=True)


def check_escalation(late_issue, new_limits, case: SteeringCase) -> Report:
    """Part 3: one issue of the case named, and new time limits for bodies of the design."""
    issues = [i.id for i in case.issues]
    bodies = [b.id for b in case.design.bodies]
    low, high = LIMIT_RANGE
    is_dict = isinstance(new_limits, dict) and bool(new_limits)
    days_ok = is_dict and all(
        isinstance(d, int) and not isinstance(d, bool) and low <= d <= high
        for d in new_limits.values()
    )
    unknown = [str(k) for k in new_limits if str(k) not in bodies] if is_dict else []
    checks = [
        Check(
            "The late issue is one of your issues",
            isinstance(late_issue, str) and late_issue.strip() in issues,
            f"Write one of: {', '.join(issues)} (in quotes).",
        ),
        Check(
            "The fix is a dict of body -> time limit in days",
            is_dict,
            'Write it like new_limits = {"sales": 10}.',
        ),
        Check(
            "Every body in the fix is a body of your design",
            is_dict and not unknown,
            f"The bodies: {', '.join(bodies)}.",
        ),
        Check(
            f"Every time limit is a whole number of days from {low} to {high}",
            days_ok,
            "No body can promise a decision in fewer days, and more is no limit.",
        ),
    ]
    return Report("steering-committee.escalation", checks, hidden_tests=True)


def check_plan(targets) -> Report:
    """Part 4: a target and a month for each leading step of the plan."""
    is_dict = isinstance(targets, dict)
    missing = [s for s in PLAN_STEPS if s not in targets] if is_dict else list(PLAN_STEPS)
    rows = [targets[s] for s in PLAN_STEPS if s in targets] if is_dict else []
    shaped = bool(rows) and all(
        isinstance(r, dict)
        and isinstance(r.get("target"), int | float)
        and not isinstance(r.get("target"), bool)
        and isinstance(r.get("by_month"), int)
        and not isinstance(r.get("by_month"), bool)
        for r in rows
    )
    checks = [
        Check(
            "The answer is a dict of step -> target and month",
            is_dict,
            'Write it like plan_targets = {"partner_leads": {"target": 90, "by_month": 17}, ...}.',
        ),
        Check(
            "Every leading step has a target",
            is_dict and not missing,
            f"Missing: {', '.join(missing)}.",
        ),
        Check(
            "Each target is a number and each month a whole number",
            shaped,
            'Each step is {"target": <number>, "by_month": <month>}.',
        ),
    ]
    return Report("steering-committee.plan", checks, hidden_tests=True)


def check_portfolio(calls, reasons, case: SteeringCase) -> Report:
    """Part 5: a call for every alliance, and its importance and health as numbers."""
    names = case.alliance_names()
    calls_ok = isinstance(calls, dict) and all(n in calls for n in names)
    words_ok = calls_ok and all(str(calls[n]).strip().lower() in CALLS for n in names)
    reasons_ok = isinstance(reasons, dict) and all(
        isinstance(reasons.get(n), dict)
        and all(
            isinstance(reasons[n].get(k), int | float) and 1 <= reasons[n][k] <= 5
            for k in ("importance", "health")
        )
        for n in names
    )
    checks = [
        Check(
            "Every alliance of your portfolio has a call",
            calls_ok,
            f"Write calls = {{alliance: call}} for: {', '.join(names)}.",
        ),
        Check(
            "Every call is invest, fix, maintain or exit",
            words_ok,
            "Use one of the four words of the portfolio view.",
        ),
        Check(
            "Every alliance's reason gives its importance and health (1 to 5)",
            reasons_ok,
            'Write reasons = {alliance: {"importance": ..., "health": ...}}.',
        ),
    ]
    return Report("steering-committee.portfolio", checks, hidden_tests=True)


def check_calls(calls, case: SteeringCase) -> Report:
    """Part 5, the calls alone (graded apart from the reasons)."""
    report = check_portfolio(calls, {}, case)
    return Report("steering-committee.portfolio", report.checks[:2], hidden_tests=True)


def check_reasons(reasons, case: SteeringCase) -> Report:
    """Part 5, the reasons alone (graded apart from the calls)."""
    report = check_portfolio({}, reasons, case)
    return Report("steering-committee.portfolio", report.checks[2:], hidden_tests=True)


hint_must = Hints(
    "steering-committee.must",
    [
        "Read the dashboard leading first: the drivers the committee can still steer, then "
        "the results, then the health check.",
        "The lesson's rules: a leading measure in red, a leading indicator that fell by a "
        "quarter or more, two partners a point or more apart, or a partner scoring a "
        "dimension below 2.5 must be discussed. A red result is noted and explained by its "
        "drivers, not debated. `discussion_plan(board)` gives the verdict of each item.",
        "Worked example on the lesson's alliance: for quarterly_dashboard('Harbor', 16, "
        "by='side'), deal registrations fell sharply, so they are a 'must' even though the "
        "revenue still looks fine.",
    ],
)

hint_owners = Hints(
    "steering-committee.owners",
    [
        "Each agenda item needs one decision; find the body whose decision rights list it.",
        "`case.bodies_table()` shows what each body decides. An item that no body owns goes "
        "down to the management team (and the committee should give it an owner); "
        "`route(design, decision)` applies the rule.",
        "Worked example: in Constellation, pricing belongs to the management team, so "
        "route(constellation_design(), 'pricing') is ('management', 'owns the decision'); "
        "webinar dates are owned by nobody, so they go to the management team too.",
    ],
)

hint_escalation = Hints(
    "steering-committee.escalation",
    [
        "Walk each issue from its working group upwards: how long may each body hold it, and "
        "who owns its decision?",
        "`walk_escalation(case.design, issue)` walks it day by day; the issue that is not "
        "'in time' is your late one. Then change the time limit of the body that holds it "
        "too long (or has none), with `apply_limits`, and walk every issue again.",
        "Worked example: in Constellation the bid group has no time limit, so the Ministry "
        "bid lead stalls there; a limit that leaves the management team and the steering "
        "committee their own limits before the 45-day deadline settles it in time.",
    ],
)

hint_plan = Hints(
    "steering-committee.plan",
    [
        "Work backwards from the revenue: how many deals a month, then how many "
        "opportunities, registrations and leads make them?",
        "Divide the revenue by the deal size, then by each funnel rate in turn; the leading "
        "steps must run one sales cycle before the goal month, the pipeline the month "
        "before. `plan_backwards(case.goal, case.funnel)` does it; rounding up is fine, and "
        "a more ambitious plan is fine too, within reason.",
        "Worked example: plan_backwards(Goal(600, 24), Funnel()) asks for 50 deal "
        "registrations a month by month 18: 600 k$ / 60 k$ = 10 wins, / 0.30 = 34 "
        "opportunities, / 0.67 = 50 registrations, and 24 - 6 months of sales cycle = 18.",
    ],
)

hint_portfolio = Hints(
    "steering-committee.portfolio",
    [
        "Place each alliance by two numbers: how important it is to Acme, and how healthy "
        "it is for both partners.",
        "Importance is the average of the two criteria in `case.importance_table()`; health "
        "is the average of the health check's scores, each side counting equally (not Acme's "
        "view alone). `portfolio_call(importance, health)` gives the call.",
        "Worked example on the course data: Granite has importance 4.5; with a health index "
        "of 2.4 it is important but unhealthy, so portfolio_call(4.5, 2.4) is 'fix'.",
    ],
)
