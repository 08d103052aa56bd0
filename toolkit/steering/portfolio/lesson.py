"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: the portfolio call of four alliances. The check looks at properties of the
student's answer and derives what it needs from the portfolio when it runs; no answer is written
down here. A failed check says what to look at, never the answer.

Examples
--------
>>> check_portfolio({"Harbor": "invest"}).passed
False
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, answered, naming
from toolkit.steering.portfolio.model import CALLS, portfolio

__all__ = [
    "PORTFOLIO_ALLIANCES",
    "check_portfolio",
    "hint_portfolio",
]

# what the exercise asks about (the question, not the answer)
PORTFOLIO_ALLIANCES = ("Harbor", "Pixel", "Bluepeak", "Granite")


def check_portfolio(calls) -> Report:
    """The portfolio call of four alliances (course ratings of importance, latest health)."""
    table = portfolio()
    is_dict = isinstance(calls, dict) and bool(calls)
    given = {str(k).strip(): str(v).strip().lower() for k, v in calls.items()} if is_dict else {}
    missing = [a for a in PORTFOLIO_ALLIANCES if a not in given]
    strange = sorted({v for v in given.values() if v not in CALLS})
    wrong = [a for a in PORTFOLIO_ALLIANCES if a in given and given[a] != table.loc[a, "call"]]
    checks = [
        answered(calls, 'a dict like {"Harbor": "invest", ...}'),
        Check(
            "The answer is a dict of alliance -> call",
            is_dict,
            'Write it like {"Harbor": "invest", "Pixel": "exit", ...}.',
        ),
        Check(
            "Each of the four alliances has a call",
            is_dict and not missing,
            naming("Still to call: ", missing, otherwise="Give each of the four alliances a call."),
        ),
        Check(
            "Each call is invest, fix, maintain or exit",
            is_dict and not strange,
            naming(
                "Not a call: ",
                map(repr, strange),
                otherwise="Give each alliance one of invest, fix, maintain or exit.",
            ),
        ),
        Check(
            "Each call matches the alliance's importance and health",
            is_dict and not missing and not strange and not wrong,
            naming(
                "Look again at the map for: ",
                wrong,
                tail=" (with the course's ratings).",
                otherwise="Read each alliance's call off the corner of the map its dot is in "
                "(with the course's ratings).",
            ),
        ),
    ]
    return Report("steering.portfolio", checks)


hint_portfolio = Hints(
    "steering.portfolio",
    [
        "Find each of the four alliances on the portfolio map: which corner of the map is "
        "its dot in?",
        "Important (3 or more) and healthy (3.5 or more): invest. Important but not healthy: "
        "fix. Healthy but less important: maintain. Neither: exit. Use the course's ratings: "
        "the button under the sliders puts them back.",
        "Worked example: an alliance rated 4 of 5 for importance with a health index of 3.1 "
        "is important but not healthy, so the call is fix; one rated 2 with a health index "
        "of 4.2 is healthy but less important, so the call is maintain.",
    ],
)
