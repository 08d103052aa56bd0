"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: the portfolio call of four alliances, a call picked for each
(:func:`answer_calls`, saved in :data:`CALLS_FILE`). The check reads the saved answer
(:func:`saved_calls`), looks at its properties and derives what it needs from the portfolio
when it runs; no answer is written down here. A failed check says what to look at, never the
answer.

Examples
--------
>>> check_portfolio({"Harbor": "invest"}).passed
False
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / CALLS_FILE
>>> control = answer_calls(path)
>>> [p.legend for p in control.pickers], control.pickers[0].options
(['Harbor', 'Pixel', 'Bluepeak', 'Granite'], ['Invest', 'Fix', 'Maintain', 'Exit'])
>>> control.pickers[1].value = [3]
>>> saved_calls(path)
{'Pixel': 'exit'}
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, naming
from toolkit.steering.portfolio.model import (
    CALLS,
    latest_health,
    portfolio_call,
    strategic_importance,
)
from toolkit.ui.answers import Matching, answer_control, read_saved

__all__ = [
    "CALLS_FILE",
    "PORTFOLIO_ALLIANCES",
    "answer_calls",
    "calls_question",
    "check_portfolio",
    "hint_portfolio",
    "saved_calls",
]

#: the exercise's answer file, beside the notebook
CALLS_FILE = "steering-calls.answer.json"

# what the exercise asks about (the question, not the answer)
PORTFOLIO_ALLIANCES = ("Harbor", "Pixel", "Bluepeak", "Granite")


def calls_question() -> Matching:
    """The question: each of the four alliances to one of the four calls."""
    return Matching(
        "Your call for each alliance",
        items={a: a for a in PORTFOLIO_ALLIANCES},
        options={call: call.capitalize() for call in CALLS},
    )


def answer_calls(path=CALLS_FILE):
    """The exercise's control: a drop-down of the four calls for each alliance."""
    return answer_control(calls_question(), path)


def saved_calls(path=CALLS_FILE):
    """The calls picked so far (alliance -> call), or ``None`` when nothing was saved yet."""
    return read_saved(calls_question(), path)


def check_portfolio(calls) -> Report:
    """The portfolio call of four alliances (course ratings of importance, latest health).

    Each call is the one :func:`~toolkit.steering.portfolio.model.portfolio` gives the
    alliance, worked out for the four alliances asked about only (a call needs no stage).
    """
    calls_of = {
        a: portfolio_call(strategic_importance(a), latest_health(a)) for a in PORTFOLIO_ALLIANCES
    }
    is_dict = isinstance(calls, dict) and bool(calls)
    given = {str(k).strip(): str(v).strip().lower() for k, v in calls.items()} if is_dict else {}
    missing = [a for a in PORTFOLIO_ALLIANCES if a not in given]
    strange = sorted({v for v in given.values() if v not in CALLS})
    wrong = [a for a in PORTFOLIO_ALLIANCES if a in given and given[a] != calls_of[a]]
    checks = [
        Check(
            "You picked calls with the drop-downs above",
            calls is not None and calls is not ...,
            "Pick a call for each alliance in the drop-downs above; they are saved as you go.",
        ),
        Check(
            "At least one alliance has a call",
            is_dict,
            "Pick a call for each alliance in the drop-downs above.",
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
