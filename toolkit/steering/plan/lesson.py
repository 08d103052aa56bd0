"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: the joint business plan worked backwards, answered as two numbers with their
units and ranges (:func:`answer_plan`, saved in :data:`PLAN_FILE`). The check reads the saved
answer (:func:`saved_plan`), looks at its properties and derives what it needs from the plan
when it runs; no answer is written down here. A failed check says what to look at, never the
answer.

Examples
--------
>>> check_plan({"registrations": 10, "month": 3}).passed
False
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / PLAN_FILE
>>> control = answer_plan(path)
>>> [box.description for box in control.boxes.values()]
['Deal registrations: registrations a month (1 to 1000)', 'Deal registrations: by month (1 to 36)']
>>> control.boxes["deal_registrations", "registrations"].value = "20"
>>> control.boxes["deal_registrations", "month"].value = "7"
>>> saved_plan(path)
{'registrations': 20, 'month': 7}
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, is_whole
from toolkit.steering.plan.model import Funnel, Goal, plan_backwards, plan_shortfalls
from toolkit.ui.answers import Column, TableOfNumbers, answer_control, read_saved

__all__ = [
    "PLAN",
    "PLAN_FILE",
    "PLAN_MOST",
    "answer_plan",
    "check_plan",
    "hint_plan",
    "plan_question",
    "saved_plan",
]

#: the exercise's answer file, beside the notebook
PLAN_FILE = "steering-plan.answer.json"

# what the exercise asks about (the question, not the answer)
PLAN = {
    "goal": Goal(revenue=450.0, month=20),
    "funnel": Funnel(qualify_rate=0.40, accept_rate=0.65, win_rate=0.25, deal_size=50.0,
                     sales_cycle=5),
}  # fmt: skip
#: a plan that asks for more than this times what the goal needs is a plan for a bigger goal
PLAN_MOST = 1.25


def plan_question() -> TableOfNumbers:
    """The question: deal registrations a month, and the month they must run by."""
    return TableOfNumbers(
        "Your plan for deal registrations",
        rows={"deal_registrations": "Deal registrations"},
        columns=(
            Column("registrations", "registrations a month", "", 1, 1000),
            Column("month", "by month", "", 1, 36),
        ),
    )


def answer_plan(path=PLAN_FILE):
    """The exercise's control: a box for the registrations a month, one for the month."""
    return answer_control(plan_question(), path)


def saved_plan(path=PLAN_FILE):
    """The saved answer as ``{"registrations": ..., "month": ...}``, or ``None`` (nothing yet)."""
    answer = read_saved(plan_question(), path)
    if not isinstance(answer, dict) or not answer:
        return None
    return dict(answer["deal_registrations"])


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
        Check(
            "You answered in the boxes above",
            answer is not None and answer is not ...,
            "Type the registrations a month and the month in the boxes above; they are saved "
            "as you go.",
        ),
        Check(
            "Both numbers are given",
            is_dict and "registrations" in answer and "month" in answer,
            "Fill in both boxes: the registrations a month and the month.",
        ),
        Check(
            "Both are whole numbers",
            whole,
            "Give whole numbers; round the registrations up.",
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
