"""Self-checks and hints for the exercises on leading and lagging indicators (lesson 03).

Every expected value is derived from the course's own data and catalogue when the check runs
(``best_lag`` on the panel, the catalogue's kinds), so no answer is written down here. A
failed check says what to look at, never the answer.

Examples
--------
>>> check_best_lag(...).passed
False
>>> hint_best_lag.given = 0
>>> str(hint_best_lag()).startswith("Hint 1 of 3")
True
>>> check_young_alliance(3).passed
False

Each exercise is answered in a number box (:func:`answer_best_lag`,
:func:`answer_young_alliance`) that saves to a file beside the notebook; called with no
answer, a check reads that file:

>>> import os, tempfile
>>> os.chdir(tempfile.mkdtemp())
>>> box = answer_young_alliance()
>>> box.cannot_tell.value = True
>>> check_young_alliance().passed
True
"""

from __future__ import annotations

from pathlib import Path

from toolkit import data
from toolkit.indicators.catalogue import METRICS
from toolkit.indicators.lags import best_lag
from toolkit.indicators.model import load_answers, score
from toolkit.selfstudy.checks import (
    Check,
    Hints,
    Report,
    answered,
    is_blank,
    is_whole,
    whole_number,
)
from toolkit.ui.answers import CANNOT_TELL as SAID_CANNOT_TELL
from toolkit.ui.answers import Number, read_saved

__all__ = [
    "CANNOT_TELL",
    "LAG",
    "LAG_FILE",
    "YOUNG",
    "YOUNG_FILE",
    "answer_best_lag",
    "answer_young_alliance",
    "young_alliance_explorer",
    "best_lag_question",
    "check_best_lag",
    "check_northwind_lag",
    "check_sorting",
    "check_young_alliance",
    "hint_best_lag",
    "hint_northwind_lag",
    "hint_sorting",
    "hint_young_alliance",
    "young_question",
]

# what the lag exercise asks about (the question, not the answer)
LAG = {"alliance": "Harbor", "leading": "deal_registrations", "lagging": "sourced_revenue"}
# the young-alliance exercise: the same alliance as lesson 03's worked example, first months only
YOUNG = {"alliance": "Summit", "months": 24}
# how a student writes that the data cannot tell yet (any of these, any case)
CANNOT_TELL = ("cannot tell", "cannot tell yet", "can't tell", "can't tell yet", "not yet")
#: the files the exercises' number boxes save their answers in, beside the notebook
LAG_FILE = "harbor-lag.answer.json"
YOUNG_FILE = "young-alliance.answer.json"
_SAVED = object()  # a check called with no answer reads the saved one


def best_lag_question() -> Number:
    """The Harbor exercise: months from registrations to revenue, over all four years."""
    return Number(
        f"Months {LAG['alliance']}'s revenue follows its deal registrations",
        unit="months",
        low=0,
        high=12,
    )


def young_question() -> Number:
    """The young-alliance exercise: what the first two years can say ("cannot tell" allowed)."""
    return Number(
        f"Months {YOUNG['alliance']}'s revenue follows its deal registrations, read on months "
        f"1 to {YOUNG['months']}",
        unit="months",
        low=0,
        high=12,
        cannot_tell=True,
    )


def answer_best_lag(path: str = LAG_FILE):
    """The number box that answers the Harbor exercise (saved in ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(best_lag_question(), path)


def answer_young_alliance(path: str = YOUNG_FILE):
    """The number box (with "The data cannot tell yet") that answers the young-alliance one."""
    from toolkit.ui.answers import answer_control

    return answer_control(young_question(), path)


def young_alliance_explorer(path: str = "my-lag-explorer-young.json"):
    """A lag explorer of its own for the young-alliance exercise, open at Summit's data.

    Its period controls (From month, To month) start at the whole four years: reading months
    1 to 24 is the exercise.
    """
    from toolkit.indicators.widget import LagExplorer

    return LagExplorer(YOUNG["alliance"], path=path)


def _boxed(answer) -> bool:
    """Whether an answer came from a number box (not typed as code)."""
    return answer is _SAVED


def check_sorting(answers=None, *, path: str | Path = "my-metric-sorting.json") -> Report:
    """Lesson 03: your sorting of the catalogue (judged against the catalogue itself).

    ``answers`` is a dict metric -> "leading"/"lagging" (e.g. ``sorter.answers``); without it
    the check reads what the MetricSorter saved in ``path`` beside the notebook.
    """
    blank = answers is ...
    if answers is None or blank:
        answers = {} if blank else load_answers(path)
    valid = isinstance(answers, dict)
    try:
        right, done = score(answers) if valid else (0, 0)
    except (ValueError, KeyError):
        valid, right, done = False, 0, 0
    total = len(METRICS)
    checks = [
        Check(
            "You gave your answers (in the sorter, or typed)",
            not blank,
            "Sort the metrics in the sorter, then call check_sorting() with nothing between "
            "the brackets (in place of the ...) to read the sorter's file.",
        ),
        Check(
            "Your answers name metrics of the catalogue",
            valid,
            "Use the sorter above; it saves answers in the right form.",
        ),
        Check(
            "You sorted at least ten metrics",
            done >= 10,
            f"You sorted {done}; keep clicking Leading or Lagging in the sorter above.",
        ),
        Check(
            "At least four in five of your answers are right",
            done > 0 and right >= 0.8 * done,
            "Open 'Your answers' under the sorter and re-sort those whose explanation "
            "surprised you.",
        ),
        Check(
            "You sorted every metric of the catalogue",
            done == total,
            f"{total - done} metrics are still unsorted.",
        ),
    ]
    return Report("indicators.sort-metrics", checks)


hint_sorting = Hints(
    "indicators.sort-metrics",
    [
        "Ask of each metric: can the alliance manager change it this month by doing work?",
        "Activities and capacities (meetings, training, campaigns, registrations, pipeline) "
        "lead; results that depend on customers signing (wins, revenue, renewals) lag.",
        "Worked example: 'number of joint webinars held' is something the team does this "
        "month, so it leads; 'share of webinar attendees who became customers' is known only "
        "after deals close, so it lags.",
    ],
)


def _reading(alliance: str, months: int | None = None):
    lead = data.series(alliance, LAG["leading"])
    lagging = data.series(alliance, LAG["lagging"])
    if months is not None:
        lead, lagging = lead.loc[:months], lagging.loc[:months]
    return best_lag(lead, lagging)


def _check_lag(answer, alliance: str, *, boxed: bool = False) -> Report:
    found = _reading(alliance).lag
    ok = is_whole(answer)
    checks = [
        Check(
            "You gave the lag in the box",
            not is_blank(answer),
            "Type a whole number of months in the box and press Enter.",
        )
        if boxed
        else answered(answer, "a number of months"),
        whole_number(answer, low=0, high=12, example=4),
        Check(
            "Revenue does not follow registrations at once",
            ok and answer > 0,
            "A registered deal still has to go through its sales cycle.",
        ),
        Check(
            "The lag is within one month of the reading",
            ok and found is not None and abs(answer - found) <= 1,
            f"Choose {alliance} in the explorer and read the sentence under the controls, or "
            "look for the dark bar in the chart of correlations.",
        ),
    ]
    if boxed:  # the control only saves answers of the right form: those checks say nothing
        checks = [c for i, c in enumerate(checks) if i not in {1}]
    return Report("indicators.best-lag", checks)


def check_best_lag(answer=_SAVED, *, path: str = LAG_FILE) -> Report:
    """Lesson 03: months from Harbor's registrations to its revenue (best_lag on the data).

    With no ``answer``, the check reads what the number box saved in ``path``.
    """
    boxed = _boxed(answer)
    if boxed:
        answer = read_saved(best_lag_question(), path)
    return _check_lag(answer, LAG["alliance"], boxed=boxed)


def _lag_hints(alliance: str) -> Hints:
    return Hints(
        "indicators.best-lag",
        [
            f"Choose {alliance} in the explorer and move the slider until the thick lines "
            "move together.",
            "The bar chart under the lines shows one correlation per lag; the dark bar is the "
            "lag the reading names, and the sentence above the charts says it in words.",
            "Worked example for another alliance: choose Pixel in the explorer, with the whole "
            "period and both recommended boxes ticked; the sentence names Pixel's lag and how "
            f"sure it is. Do the same with {alliance}, and type its lag in the box.",
        ],
    )


hint_best_lag = _lag_hints(LAG["alliance"])


# The lesson released before lag readings said how sure they are asked for Northwind's lag;
# its notebooks reach these through their old import path (toolkit/_moved.py).
def check_northwind_lag(answer) -> Report:
    """Lesson 03 as first released: months from Northwind's registrations to its revenue."""
    return _check_lag(answer, "Northwind")


hint_northwind_lag = _lag_hints("Northwind")


def _says_cannot_tell(answer) -> bool:
    return isinstance(answer, str) and answer.strip().lower().rstrip(".!") in CANNOT_TELL


def check_young_alliance(answer=_SAVED, *, path: str = YOUNG_FILE) -> Report:
    """Lesson 03: what the first two years of Summit's data can say about its lag.

    The answer is a whole number of months, or "cannot tell yet"; it is judged against
    :func:`~toolkit.indicators.lags.best_lag` on those months. With no ``answer``, the check
    reads what the number box saved in ``path``.
    """
    boxed = _boxed(answer)
    if boxed:
        answer = read_saved(young_question(), path)
        answer = "cannot tell yet" if answer == SAID_CANNOT_TELL else answer
    reading = _reading(YOUNG["alliance"], YOUNG["months"])
    blank = is_blank(answer)
    number = is_whole(answer)
    words = _says_cannot_tell(answer)
    right = words if reading.lag is None else number and abs(answer - reading.lag) <= 1
    if boxed:
        given = Check(
            "You answered in the box",
            not blank,
            "Type a whole number of months in the box and press Enter, or tick 'The data "
            "cannot tell yet'.",
        )
    else:
        given = answered(answer, 'a number of months, or "cannot tell yet"')
    checks = [
        given,
        Check(
            'The answer is a whole number of months or "cannot tell yet"',
            not blank and (number or words),
            'Write a number without quotes, like 4, or the words in quotes: "cannot tell yet".',
        ),
        Check(
            "It is what the first two years of data can say",
            not blank and right,
            "Read the verdict the explorer gives for months 1 to 24, not only its tallest bar: "
            "does it name a lag, or say that the data cannot tell yet?",
        ),
    ]
    if boxed:  # the control only saves answers of the right form: those checks say nothing
        checks = [c for i, c in enumerate(checks) if i not in {1}]
    return Report("indicators.young-alliance", checks)


hint_young_alliance = Hints(
    "indicators.young-alliance",
    [
        "Read only the first two years: in the explorer above, keep Summit and set From month "
        "to 1 and To month to 24.",
        "Read the sentence above the charts: does it name a lag, and how sure is it? The dark "
        "bar alone does not say whether the data can tell.",
        "Worked example with another alliance: choose Pixel and months 1 to 15; the sentence "
        "says what Pixel's first 15 months can tell. Answer with its lag if it names one, or "
        "tick 'The data cannot tell yet' if it does not.",
    ],
)
