"""Self-checks and hints for the magic-wand exercises of lessons 00 and 01.

Every expected value is derived from the model when the check runs, so no answer is written
down here. A failed check says what to look at, never the answer.

Each exercise is answered with a number box (:func:`answer_first_revenue_month`,
:func:`answer_first_revenue`) that saves the answer beside the notebook on every change
(``my-first-revenue-month.answer.json``, ``my-first-revenue.answer.json``) and comes back after a
restart; called with no answer, a check reads that file.

Examples
--------
>>> check_first_revenue_month(...).passed
False
>>> first_revenue_month_question().label
'Month of the first revenue with a 6-month sales cycle'
>>> print(check_first_revenue_month(None).checks[0].look_at)
Type the month in the box above, press Enter, then run this cell again.
>>> report = check_first_revenue(...)
>>> report.passed
False
>>> hint_first_revenue.given = 0  # start from the first hint
>>> print(hint_first_revenue())
Hint 1 of 3: Set the sales cycle slider to 9 and read the sentence under the sliders.
"""

from __future__ import annotations

from toolkit.magic_wand.model import first_revenue_month, first_revenue_table, simulate
from toolkit.selfstudy.checks import Check, Hints, Report, is_blank, is_whole
from toolkit.ui.answers.questions import Number, read_saved

__all__ = [
    "FIRST_REVENUE",
    "FIRST_REVENUE_FILE",
    "FIRST_REVENUE_MONTH_FILE",
    "answer_first_revenue",
    "answer_first_revenue_month",
    "check_first_revenue",
    "check_first_revenue_month",
    "first_revenue_month_question",
    "first_revenue_question",
    "hint_first_revenue",
    "hint_first_revenue_month",
]

# what lesson 01's exercise asks about (the question, not the answer)
FIRST_REVENUE = {"sales_cycle": 9, "effort": 0.8}
#: where each exercise's number box saves its answer, beside the notebook
FIRST_REVENUE_MONTH_FILE = "my-first-revenue-month.answer.json"
FIRST_REVENUE_FILE = "my-first-revenue.answer.json"
#: a check called with no answer reads the exercise's saved answer
SAVED = object()


def _month_question(cycle: int) -> Number:
    return Number(f"Month of the first revenue with a {cycle}-month sales cycle", low=1, high=36)


def _answered(answer) -> Check:
    return Check(
        "You gave an answer",
        not is_blank(answer),
        "Type the month in the box above, press Enter, then run this cell again.",
    )


def _whole(answer) -> Check:
    return Check(
        "The answer is a month number (a whole number)",
        is_whole(answer),
        "Type digits only, such as 9.",
    )


# ---- lesson 00: the first look -------------------------------------------------------
_EXERCISE = "start.first-revenue-month"
hint_first_revenue_month = Hints(
    _EXERCISE,
    [
        "Look at the chart for a sales cycle of 6 months: which is the first bar above zero?",
        "The chart starts in month 1, when the joint work starts. The bars stay at zero while "
        "the first leads come in and the first deals go through their sales cycle: count along "
        "the axis to the first bar above zero.",
        "Worked example of reading a bar chart, on another question: in a chart of a "
        "partner's trained sellers by month whose bars are zero in months 1 to 3 and rise "
        "from month 4, the first month with trained sellers is 4. It is the month under the "
        "first bar above zero, not a number on the slider. Read your chart the same way.",
    ],
)


def first_revenue_month_question() -> Number:
    """The question of the exercise of ``00-start-here``: a month, 1 to 36."""
    return _month_question(6)


def answer_first_revenue_month(path=FIRST_REVENUE_MONTH_FILE):
    """The number box that answers the exercise of ``00-start-here`` (saves to ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(first_revenue_month_question(), path)


def check_first_revenue_month(answer=SAVED) -> Report:
    """Check the answer to the first exercise of ``00-start-here`` (derived from the model).

    With no answer given, the one saved by :func:`answer_first_revenue_month`.
    """
    if answer is SAVED:
        answer = read_saved(first_revenue_month_question(), FIRST_REVENUE_MONTH_FILE)
    table = first_revenue_table(6)
    first = int(table.loc[table["revenue"] > 0, "month"].min())
    whole = is_whole(answer)
    checks = [
        _answered(answer),
        _whole(answer),
        Check(
            "The month is after the sales cycle has passed",
            whole and answer > 6,
            "Revenue cannot appear before a 6-month sales cycle has passed.",
        ),
        Check(
            "The month matches the chart",
            whole and answer == first,
            "Find the first bar above zero in the chart for 6 months.",
        ),
    ]
    return Report(_EXERCISE, checks)


# ---- lesson 01: the magic wand ------------------------------------------------------
def first_revenue_question() -> Number:
    """The question of lesson 01's exercise: a month, 1 to 36."""
    return _month_question(FIRST_REVENUE["sales_cycle"])


def answer_first_revenue(path=FIRST_REVENUE_FILE):
    """The number box that answers lesson 01's exercise (saves to ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(first_revenue_question(), path)


def check_first_revenue(answer=SAVED) -> Report:
    """Lesson 01: the first revenue month with a 9-month sales cycle (from the simulator).

    With no answer given, the one saved by :func:`answer_first_revenue`.
    """
    if answer is SAVED:
        answer = read_saved(first_revenue_question(), FIRST_REVENUE_FILE)
    first = first_revenue_month(
        simulate(FIRST_REVENUE["effort"], months=36, sales_cycle=FIRST_REVENUE["sales_cycle"])
    )
    ok = is_whole(answer)
    checks = [
        _answered(answer),
        _whole(answer),
        Check(
            "Revenue comes after the sales cycle has passed",
            ok and answer > FIRST_REVENUE["sales_cycle"],
            "A deal registered in month 2 cannot close before the sales cycle has passed.",
        ),
        Check(
            "The month matches the simulator",
            ok and answer == first,
            "Read the first revenue month in the simulator's sentence for a 9-month cycle.",
        ),
    ]
    return Report("magic-wand.first-revenue", checks)


hint_first_revenue = Hints(
    "magic-wand.first-revenue",
    [
        "Set the sales cycle slider to 9 and read the sentence under the sliders.",
        "Joint work starts in month 1; the first leads arrive a month later; each deal then "
        "takes one full sales cycle to close. The simulator does this counting for you.",
        "Worked example with another question: to find the revenue of the first year with a "
        "3-month sales cycle, set the slider to 3 and read 'First year' in the sentence under "
        "the sliders. The first revenue month of a 9-month cycle is in the same sentence, "
        "once the slider is at 9.",
    ],
)
