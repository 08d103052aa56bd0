"""The graded assignment ``steering-committee``: its questions, answer controls, checks and hints.

Every student prepares the quarter of an alliance of their own (:func:`my_case`, a variant of
:mod:`toolkit.steering.cases`) and answers every automatic part with a control, never with
code: each part's question is made from the student's own case, with its options shown by
the names a participant reads (dashboard items, agenda titles, body names, alliances), and
its control saves the answer beside the notebook in the part's answer file (:data:`FILES`).

The check cells read those files, not the kernel's variables: :func:`part_report` says in
words what was answered ("You sent “Change the discount ...” to the Alliance Management
Team.") and checks only the answer's *form* (is every item matched, is a time limit given?);
whether it is right is decided by the instructor's grading, so a report that passed ends with
"these checks passed; your instructor's grading may check more". The hints go from a nudge to
a worked example on the lesson's Constellation, so none gives a variant's answer away.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.steering.cases import case_for
>>> case = case_for(0)
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> said, report = part_report("late", case, folder / LATE_FILE)
>>> said, report.passed
('Not answered yet: The issue that is not settled in time.', False)
>>> question = late_question(case)
>>> control = answer_late_issue(case, folder / LATE_FILE)
>>> control.choices.value = [0]
>>> said, report = part_report("late", case, folder / LATE_FILE)
>>> said == f"The issue that is not settled in time: {case.issues[0].title}.", report.passed
(True, True)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# The answer controls answer_control picks (ipywidgets) load with the assignment, not at its
# first answer cell: every kernel that runs the notebook builds them, and a warm grading
# kernel, which imports this module before its submission is known (instructor/admin/warm.py),
# then has them ready.
import toolkit.ui.answers.match  # noqa: F401
import toolkit.ui.answers.number  # noqa: F401
import toolkit.ui.answers.pick  # noqa: F401
from toolkit.selfstudy.checks import Check, Hints, Report
from toolkit.steering.cases import LIMIT_RANGE, SteeringCase
from toolkit.steering.controls import table
from toolkit.steering.portfolio import HEALTHY, IMPORTANT
from toolkit.ui.answers import (
    Column,
    Matching,
    OneOf,
    SeveralOf,
    TableOfNumbers,
    answer_control,
    read_saved,
)
from toolkit.ui.messages import Text
from toolkit.ui.render import grading

__all__ = [
    "CALLS_FILE",
    "CALL_NAMES",
    "FILES",
    "LATE_FILE",
    "LIMITS_FILE",
    "MUST_FILE",
    "OWNERS_FILE",
    "PLAN_FILE",
    "PLAN_ROWS",
    "READING_FILE",
    "TimeLimits",
    "answer_calls",
    "answer_late_issue",
    "answer_limits",
    "answer_must",
    "answer_owners",
    "answer_plan",
    "answer_reading",
    "business_planner",
    "calls_question",
    "part_report",
    "decision_rights",
    "escalation_walker",
    "hint_escalation",
    "hint_must",
    "hint_owners",
    "hint_plan",
    "hint_portfolio",
    "late_question",
    "limits_from",
    "limits_question",
    "must_question",
    "my_case",
    "owners_question",
    "plan_from",
    "plan_question",
    "portfolio_figures",
    "reading_question",
    "saved_text",
]

#: each part's answer file, beside the notebook
MUST_FILE = "must-discuss.answer.json"
OWNERS_FILE = "agenda-owners.answer.json"
LATE_FILE = "late-issue.answer.json"
LIMITS_FILE = "time-limits.answer.json"
PLAN_FILE = "plan-targets.answer.json"
CALLS_FILE = "portfolio-calls.answer.json"
READING_FILE = "portfolio-reading.answer.json"
#: part -> its answer file
FILES = {
    "must": MUST_FILE,
    "owners": OWNERS_FILE,
    "late": LATE_FILE,
    "limits": LIMITS_FILE,
    "plan": PLAN_FILE,
    "calls": CALLS_FILE,
    "reading": READING_FILE,
}
#: the plan's leading steps as a participant reads them (with their unit)
PLAN_ROWS = {
    "partner_leads": "Partner-sourced leads a month",
    "deal_registrations": "Deal registrations a month",
    "new_opportunities": "New opportunities a month",
    "pipeline_value": "Open partner-sourced pipeline in k$",
}
#: the four portfolio calls as the options read
CALL_NAMES = {"invest": "Invest", "fix": "Fix", "maintain": "Maintain", "exit": "Exit"}
#: a plan's targets lie in this range (a pipeline of thousands of k$ included)
_TARGET_RANGE = (1, 100_000)


def my_case() -> SteeringCase:
    """The student's own quarter (their variant; the practice one when no id is known)."""
    from toolkit.steering.cases import VARIANTS

    return VARIANTS.mine()


# --- the questions, from the student's own case ------------------------------------------
def must_question(case: SteeringCase) -> SeveralOf:
    """Part 1: the dashboard's items by their names; pick those the meeting must discuss."""
    from toolkit.steering.dashboard import dashboard_items

    items = {item.key: item.label for item in dashboard_items(case.dashboard())}
    return SeveralOf(
        "Items the meeting must discuss",
        items,
        sentence="You put these items on the meeting's must-discuss list: {}",
    )


def owners_question(case: SteeringCase) -> Matching:
    """Part 2: each agenda item (by its title) to one body of the design (by its name)."""
    return Matching(
        "The body that decides each agenda item",
        items={item.id: item.title for item in case.agenda},
        options={body.id: body.name for body in case.design.bodies},
        sentence="You sent “{item}” to {option}",
    )


def late_question(case: SteeringCase) -> OneOf:
    """Part 3: the issue (by its title) that is not settled before its deadline."""
    return OneOf(
        "The issue that is not settled in time",
        {issue.id: issue.title for issue in case.issues},
    )


class TimeLimits(TableOfNumbers):
    """New time limits, a row per body: a body left blank keeps the limit it has.

    It reads as the fix it is ("You gave the Joint Sales Group a time limit of 10 days; the
    other bodies keep theirs.") rather than as a table with cells still to fill in.
    """

    def describe(self, answer) -> str:
        """One sentence: the new limits, and that the other bodies keep theirs."""
        answer = self.check(answer)
        if not answer:
            return f"Not answered yet: {self.label}."
        given = [f"the {self.rows[row]} a time limit of {numbers['days']} days"
                 for row, numbers in answer.items()]  # fmt: skip
        joined = given[0] if len(given) == 1 else ", ".join(given[:-1]) + " and " + given[-1]
        rest = "; the other bodies keep theirs" if len(answer) < len(self.rows) else ""
        return f"You gave {joined}{rest}."


def limits_question(case: SteeringCase) -> TimeLimits:
    """Part 3: a new time limit (whole days in :data:`LIMIT_RANGE`) for any body of the design."""
    low, high = LIMIT_RANGE
    return TimeLimits(
        "New time limits (leave a body blank to keep its limit)",
        rows={body.id: body.name for body in case.design.bodies},
        columns=(Column("days", "new time limit", "days", low, high),),
    )


def limits_from(answer) -> dict[str, int]:
    """The fix as ``{body id: days}``, from what :func:`limits_question`'s control saved."""
    if not isinstance(answer, dict):
        return {}
    return {row: numbers["days"] for row, numbers in answer.items() if "days" in numbers}


def plan_question(case: SteeringCase) -> TableOfNumbers:
    """Part 4: a target and a month for each leading step of the plan."""
    low, high = _TARGET_RANGE
    return TableOfNumbers(
        "Your plan's leading targets",
        rows=PLAN_ROWS,
        columns=(
            Column("target", "target", "", low, high),
            Column("by_month", "by month", "", 1, case.goal.month),
        ),
    )


def plan_from(answer) -> dict[str, dict]:
    """The plan as ``{step: {"target": ..., "by_month": ...}}`` (steps fully given only)."""
    if not isinstance(answer, dict):
        return {}
    return {s: dict(v) for s, v in answer.items() if {"target", "by_month"} <= set(v)}


def calls_question(case: SteeringCase) -> Matching:
    """Part 5: each alliance of the portfolio to one of the four calls."""
    names = case.alliance_names()
    return Matching("Your call for each alliance", items=dict(zip(names, names, strict=True)),
                    options=CALL_NAMES)  # fmt: skip


def reading_question(case: SteeringCase) -> OneOf:
    """Part 5: the alliance whose call changes when its health is read from Acme's side alone."""
    names = case.alliance_names()
    return OneOf(
        "The alliance that gets another call if you read its health from Acme's side alone",
        dict(zip(names, names, strict=True)),
    )


# --- the controls: the answer cells show them -------------------------------------------
def _control(question, case: SteeringCase, path, **kwargs):
    return answer_control(question, Path(path), variant=case.number, **kwargs)


def answer_must(case: SteeringCase, path=MUST_FILE):
    """Part 1's control: a check box per dashboard item."""
    return _control(must_question(case), case, path)


def answer_owners(case: SteeringCase, path=OWNERS_FILE):
    """Part 2's control: a drop-down of the bodies for each agenda item."""
    return _control(owners_question(case), case, path)


def answer_late_issue(case: SteeringCase, path=LATE_FILE):
    """Part 3's first control: the issues, by title; pick the late one."""
    return _control(late_question(case), case, path)


def answer_limits(case: SteeringCase, path=LIMITS_FILE):
    """Part 3's second control: a box per body for its new time limit in days."""
    return _control(limits_question(case), case, path)


def answer_plan(case: SteeringCase, path=PLAN_FILE):
    """Part 4's control: a target and a month for each leading step."""
    return _control(plan_question(case), case, path)


def answer_calls(case: SteeringCase, path=CALLS_FILE):
    """Part 5's first control: a drop-down of the four calls for each alliance."""
    return _control(calls_question(case), case, path)


def answer_reading(case: SteeringCase, path=READING_FILE):
    """Part 5's second control: the alliances; pick the one read differently by Acme alone."""
    return _control(reading_question(case), case, path, dropdown=False)


# --- what the parts show to work things out ---------------------------------------------
_NOT_WHILE_GRADING = "*(The {what} is shown here when you run the notebook.)*"


def escalation_walker(case: SteeringCase, path: str = "my-case-escalation.json"):
    """The lesson's escalation walker on ``case``'s design and issues, saved in ``path``.

    (:class:`~toolkit.steering.EscalationWalk`.) It is for working things out: the answers
    are given with the controls. While nbgrader grades or validates, nobody sees a widget, so
    it is not built (grading does not pay for it): a line stands in its place.
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


def decision_rights(case: SteeringCase):
    """The design's decision-rights matrix (who decides what), as a chart with its description."""
    if grading():
        return Text(_NOT_WHILE_GRADING.format(what="decision-rights matrix"))
    from toolkit.governance.chart import decision_chart

    return decision_chart(case.design)


def portfolio_figures(case: SteeringCase):
    """Each portfolio alliance's importance and health, worked out: both sides, and Acme's alone.

    Importance is the average of the strategy team's two ratings; health the average of the
    health check, each side counting equally; Acme's view is Acme's answers alone.

    Examples
    --------
    >>> from toolkit.steering.cases import case_for
    >>> figures = portfolio_figures(case_for(7)).data
    >>> "Acme's view alone" in figures and "(both sides)" in figures
    True
    """
    from IPython.display import HTML

    frame = pd.DataFrame(
        [
            {
                "Alliance": a.name,
                "Partner": a.partner,
                "Fit (1-5)": a.fit,
                "Market (1-5)": a.market,
                "Importance (average)": f"{a.importance:.1f}",
                "Health (both sides)": f"{a.health:.2f}",
                "Acme's view alone": f"{a.scores['Acme Software'].mean():.2f}",
                "Partner's view alone": f"{a.scores['partner'].mean():.2f}",
            }
            for a in case.alliances
        ]
    ).set_index("Alliance")
    caption = (
        f"Your portfolio: importance ({IMPORTANT:g} or more is important) and health "
        f"({HEALTHY:g} or more is healthy), each worked out from the ratings"
    )
    return HTML(table(frame, caption=caption))


# --- the checks: what a check cell says and checks ---------------------------------------
_QUESTIONS = {
    "must": must_question,
    "owners": owners_question,
    "late": late_question,
    "limits": limits_question,
    "plan": plan_question,
    "calls": calls_question,
    "reading": reading_question,
}
#: parts that are one exercise of the course outline with another part
_EXERCISES = {"late": "escalation", "limits": "escalation", "calls": "portfolio",
              "reading": "portfolio"}  # fmt: skip
_ANSWERED = Check("You answered with the control above", True)


def _form_checks(part: str, question, answer) -> list[Check]:
    """The checks of an answer's form (the right answer is the instructor's to check)."""
    if answer is None:
        advice = "Use the control above; it saves your answer as you go."
        return [Check("You answered with the control above", False, advice)]
    if part == "must":
        few = 0 < len(answer) < len(question.options)
        advice = "A meeting that discusses everything steers nothing: choose."
        return [_ANSWERED, Check("You chose some items, not all of them", few, advice)]
    if part in ("owners", "calls"):
        left = [name for key, name in question.items.items() if key not in answer]
        what = "agenda item is sent to a body" if part == "owners" else "alliance has a call"
        return [_ANSWERED, Check(f"Every {what}", not left, f"Still to choose: {'; '.join(left)}.")]
    if part == "limits":
        advice = "Type a number of days for the body that holds an issue too long."
        return [_ANSWERED, Check("At least one body has a new time limit", bool(answer), advice)]
    if part == "plan":
        left = [
            f"{name} ({column.name})"
            for key, name in question.rows.items()
            for column in question.columns
            if column.id not in answer.get(key, {})
        ]
        advice = f"Still to fill in: {'; '.join(left)}."
        return [_ANSWERED, Check("Every leading step has a target and a month", not left, advice)]
    return [_ANSWERED]


def part_report(part: str, case: SteeringCase, path=None) -> tuple[str, Report]:
    """What was answered in part ``part``'s file, in a sentence, and the checks of its form.

    Parameters
    ----------
    part : str
        One of :data:`FILES`' keys (``"must"``, ``"owners"``, ...).
    case : SteeringCase
        The student's case (:func:`my_case`).
    path : str or path-like, optional
        The answer file (default: the part's, beside the notebook).

    Returns
    -------
    tuple
        ``(sentence, report)``: the sentence for the participant and the instructor, and the
        :class:`~toolkit.selfstudy.checks.Report` a check cell ends with.
    """
    if part not in _QUESTIONS:
        msg = f"no part {part!r} in steering-committee; the parts: {', '.join(_QUESTIONS)}"
        raise ValueError(msg)
    question = _QUESTIONS[part](case)
    answer = read_saved(question, Path(path or FILES[part]), variant=case.number)
    exercise = f"steering-committee.{_EXERCISES.get(part, part)}"  # the outline's exercise
    report = Report(exercise, _form_checks(part, question, answer), hidden_tests=True)
    return question.describe(answer), report


hint_must = Hints(
    "steering-committee.must",
    [
        "Read the dashboard leading first: the drivers the committee can still steer, then "
        "the results, then the health check.",
        "The lesson's rules: a leading measure in red, a leading indicator that fell by a "
        "quarter or more, two partners a point or more apart, or a partner scoring a "
        "dimension below 2.5 must be discussed. A red result is noted and explained by its "
        "drivers, not debated.",
        "Worked example on the lesson's alliance: on Harbor's dashboard of quarter 16, deal "
        "registrations fell sharply, so they are a 'must' even though the revenue still looks "
        "fine.",
    ],
)

hint_owners = Hints(
    "steering-committee.owners",
    [
        "Each agenda item needs one decision; find the body whose decision rights list it.",
        "The decision-rights matrix shows what each body decides. An item that no body owns "
        "goes down to the Alliance Management Team (and the committee should give it an "
        "owner).",
        "Worked example: in Constellation, pricing belongs to the management team, so a "
        "discount item goes there; webinar dates are owned by nobody, so they go to the "
        "management team too.",
    ],
)

hint_escalation = Hints(
    "steering-committee.escalation",
    [
        "Walk each issue from its working group upwards: how long may each body hold it, and "
        "who owns its decision?",
        "In the walker, pick each issue and press '5 days on' until it is settled or stalls; "
        "the one marked ✘ is your late one. Then try a new time limit on the body that holds "
        "it too long (or has none), and pick every issue again to see each settled in time.",
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
        "The planner's table works it out for your goal and funnel: each target and the month "
        "it is needed by. Rounding up is fine, and a more ambitious plan is fine too, within "
        "reason.",
        "Worked example: a goal of 600 k$ a month by month 24, deals of 60 k$, a 30% win rate, "
        "67% of registrations accepted and a 6-month sales cycle need 50 deal registrations a "
        "month by month 18: 600 / 60 = 10 wins, / 0.30 = 34 opportunities, / 0.67 = 50 "
        "registrations, and 24 - 6 months of sales cycle = 18.",
    ],
)

hint_portfolio = Hints(
    "steering-committee.portfolio",
    [
        "Place each alliance by two numbers: how important it is to Acme, and how healthy "
        "it is for both partners.",
        f"Important means {IMPORTANT:g} or more; healthy means a health of {HEALTHY:g} or more "
        "with both sides counting. Important and healthy: invest; important, not healthy: fix; "
        "healthy, less important: maintain; neither: exit.",
        "Worked example on the course data: Granite has importance 4.5; with a health index "
        "of 2.4 it is important but unhealthy, so its call is fix. Had Acme's own view read "
        "3.8, Acme alone would have called it invest.",
    ],
)


def saved_text(part: str, case: SteeringCase, answer) -> str:
    """The text part ``part``'s control writes in its file for ``answer`` (as a student saves it).

    For the instructor's answer key and the tests, which hand in answer files made exactly as
    the controls make them.

    Examples
    --------
    >>> from toolkit.steering.cases import case_for
    >>> case = case_for(7)
    >>> text = saved_text("reading", case, case.alliance_names()[0])
    >>> read_saved(reading_question(case), _written(text), variant=7) == case.alliance_names()[0]
    True
    """
    import json

    from toolkit.ui.answers.questions import saved_form

    question = _QUESTIONS[part](case)
    content = {"kind": question.kind, "data": saved_form(question, answer, case.number)}
    return json.dumps(content, indent=2, ensure_ascii=False) + "\n"


def _written(text: str) -> Path:
    """``text`` in a file of a fresh folder (for the examples)."""
    import tempfile

    path = Path(tempfile.mkdtemp()) / "answer.json"
    path.write_text(text, encoding="utf-8")
    return path
