"""Self-checks and hints for the magic-wand exercises of lessons 00 and 01.

Every expected value is derived from the model when the check runs, so no answer is written
down here. A failed check says what to look at, never the answer.

Examples
--------
>>> check_first_revenue_month(...).passed
False
>>> report = check_first_revenue(...)
>>> report.passed
False
>>> hint_first_revenue.given = 0  # start from the first hint
>>> print(hint_first_revenue())
Hint 1 of 3: Set the sales cycle slider to 9 and read the sentence under the sliders.
"""

from __future__ import annotations

from toolkit.magic_wand.model import first_revenue_month, first_revenue_table, simulate
from toolkit.selfstudy.checks import Check, Hints, Report, answered, is_whole, whole_number

__all__ = [
    "FIRST_REVENUE",
    "check_first_revenue",
    "check_first_revenue_month",
    "hint_first_revenue",
    "hint_first_revenue_month",
]

# what lesson 01's exercise asks about (the question, not the answer)
FIRST_REVENUE = {"sales_cycle": 9, "effort": 0.8}


# ---- lesson 00: the first look -------------------------------------------------------
_EXERCISE = "start.first-revenue-month"
hint_first_revenue_month = Hints(
    _EXERCISE,
    [
        "Look at the chart for a sales cycle of 6 months: which is the first bar above zero?",
        "Joint work starts in month 1; a deal takes one full sales cycle to close after that.",
        "Worked example for a 3-month cycle: work starts in month 1, months 1, 2 and 3 are the "
        "cycle, so the first revenue is in month 1 + 3 = 4. Now do the same for 6 months.",
    ],
)


def check_first_revenue_month(answer) -> Report:
    """Check the answer to the first exercise of ``00-start-here`` (derived from the model)."""
    table = first_revenue_table(6)
    first = int(table.loc[table["revenue"] > 0, "month"].min())
    whole = is_whole(answer)
    checks = [
        answered(answer, "a month number"),
        whole_number(answer, example=9),
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
def check_first_revenue(answer) -> Report:
    """Lesson 01: the first revenue month with a 9-month sales cycle (from the simulator)."""
    first = first_revenue_month(
        simulate(FIRST_REVENUE["effort"], months=36, sales_cycle=FIRST_REVENUE["sales_cycle"])
    )
    ok = is_whole(answer)
    checks = [
        answered(answer, "a month number"),
        whole_number(answer),
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
        "takes one full sales cycle to close.",
        "Worked example for a 4-month cycle: work in month 1, first registrations in month 2, "
        "those deals close 4 months later, in month 2 + 4 = 6. Do the same for 9 months.",
    ],
)
