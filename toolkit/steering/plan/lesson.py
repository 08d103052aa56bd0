"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: the joint business plan worked backwards. The check looks at properties of the
student's answer and derives what it needs from the plan when it runs; no answer is written down
here. A failed check says what to look at, never the answer.

Examples
--------
>>> check_plan({"registrations": 10, "month": 3}).passed
False
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, answered, is_whole
from toolkit.steering.plan.model import Funnel, Goal, plan_backwards, plan_shortfalls

__all__ = [
    "PLAN",
    "PLAN_MOST",
    "check_plan",
    "hint_plan",
]

# what the exercise asks about (the question, not the answer)
PLAN = {
    "goal": Goal(revenue=450.0, month=20),
    "funnel": Funnel(qualify_rate=0.40, accept_rate=0.65, win_rate=0.25, deal_size=50.0,
                     sales_cycle=5),
}  # fmt: skip
#: a plan that asks for more than this times what the goal needs is a plan for a bigger goal
PLAN_MOST = 1.25


def check_plan(answer) -> Report:
    """Registrations a month, and the latest month they must run, for the exercise's goal."""
    goal, funnel = PLAN["goal"], PLAN["funnel"]
    plan = plan_backwards(goal, funnel)
    is_dict = isinstance(answer, dict)
    count = answer.get("registrations") if is_dict else None
    month = answer.get("month") if is_dict else None
    whole = is_whole(count) and is_whole(month)
    problems = (
        plan_shortfalls(
            {"deal_registrations": {"target": count, "by_month": month}},
            goal,
            funnel,
            most=PLAN_MOST,
        )
        if whole
        else []
    )
    too_few = [p for p in problems if "too few" in p or "far more" in p]
    too_late = [p for p in problems if "too late" in p]
    latest = int(plan.loc["deal_registrations", "by_month"])
    checks = [
        answered(answer, 'a dict like {"registrations": 20, "month": 7}'),
        Check(
            'The answer is a dict with "registrations" and "month"',
            is_dict and "registrations" in answer and "month" in answer,
            'Write it like {"registrations": 20, "month": 7}.',
        ),
        Check(
            "Both are whole numbers",
            whole,
            "Write whole numbers without quotes; round the registrations up.",
        ),
        Check(
            "The registrations are enough for the goal, and not for a much bigger one",
            whole and not too_few,
            " ".join(too_few),
        ),
        Check(
            "The month is not too late for the goal",
            whole and not too_late,
            " ".join(too_late),
        ),
        Check(
            "It is the latest month that still works",
            whole and not too_late and month == latest,
            "An earlier month works too, but costs months of effort: count back from the goal "
            "month by the sales cycle only.",
        ),
    ]
    return Report("steering.plan", checks)


hint_plan = Hints(
    "steering.plan",
    [
        "Set the planner's sliders to the exercise's numbers, then read the row for deal "
        "registrations in the table.",
        "Work backwards one funnel step at a time: the revenue divided by the deal size gives "
        "the deals to win each month; divide by the win rate for the opportunities, then by "
        "the share of registrations that become opportunities. Registered deals close one "
        "sales cycle later, so count back from the goal month by the sales cycle.",
        "Worked example of a similar problem: a conference organiser wants 200 people in the "
        "room on 1 June. Half of those who register come, and registration must close a month "
        "before. She needs twice as many registrations, 400, closed by 1 May: she divided by "
        "the share that turns up and counted back by the time the step takes. Your plan works "
        "the same way, one step of the funnel at a time.",
    ],
)
