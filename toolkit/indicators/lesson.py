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

__all__ = [
    "CANNOT_TELL",
    "LAG",
    "YOUNG",
    "check_best_lag",
    "check_northwind_lag",
    "check_sorting",
    "check_young_alliance",
    "hint_best_lag",
    "hint_northwind_lag",
    "hint_sorting",
    "hint_young_alliance",
]

# what the lag exercise asks about (the question, not the answer)
LAG = {"alliance": "Harbor", "leading": "deal_registrations", "lagging": "sourced_revenue"}
# the young-alliance exercise: the same alliance as lesson 03's worked example, first months only
YOUNG = {"alliance": "Summit", "months": 24}
# how a student writes that the data cannot tell yet (any of these, any case)
CANNOT_TELL = ("cannot tell", "cannot tell yet", "can't tell", "can't tell yet", "not yet")


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


def _check_lag(answer, alliance: str) -> Report:
    found = _reading(alliance).lag
    ok = is_whole(answer)
    checks = [
        answered(answer, "a number of months"),
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
    return Report("indicators.best-lag", checks)


def check_best_lag(answer) -> Report:
    """Lesson 03: months from Harbor's registrations to its revenue (best_lag on the data)."""
    return _check_lag(answer, LAG["alliance"])


def _lag_hints(alliance: str) -> Hints:
    return Hints(
        "indicators.best-lag",
        [
            f"Choose {alliance} in the explorer and move the slider until the thick lines "
            "move together.",
            "The bar chart under the lines shows one correlation per lag; the dark bar is the "
            "lag the reading names, and the sentence above the charts says it in words. You "
            "can also run best_lag(leading, lagging).",
            "Worked example for another alliance: best_lag(data.series('Pixel', "
            "'deal_registrations'), data.series('Pixel', 'sourced_revenue')) reads Pixel's "
            f"lag and says how sure it is; do the same with '{alliance}'.",
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


def check_young_alliance(answer) -> Report:
    """Lesson 03: what the first two years of Summit's data can say about its lag.

    The answer is a whole number of months, or "cannot tell yet"; it is judged against
    :func:`~toolkit.indicators.lags.best_lag` on those months.
    """
    reading = _reading(YOUNG["alliance"], YOUNG["months"])
    blank = is_blank(answer)
    number = is_whole(answer)
    words = _says_cannot_tell(answer)
    right = words if reading.lag is None else number and abs(answer - reading.lag) <= 1
    checks = [
        answered(answer, 'a number of months, or "cannot tell yet"'),
        Check(
            'The answer is a whole number of months or "cannot tell yet"',
            not blank and (number or words),
            'Write a number without quotes, like 4, or the words in quotes: "cannot tell yet".',
        ),
        Check(
            "It is what the first two years of data can say",
            not blank and right,
            "Read the verdict best_lag gives for those months, not only its tallest bar: does "
            "it name a lag, or say that the data cannot tell yet?",
        ),
    ]
    return Report("indicators.young-alliance", checks)


hint_young_alliance = Hints(
    "indicators.young-alliance",
    [
        "Slice the first two years: data.series('Summit', 'deal_registrations').loc[:24] "
        "keeps months 1 to 24.",
        "Pass both sliced series to best_lag and read its sentence: does it name a lag, and "
        "how sure is it?",
        "Worked example with another alliance: best_lag(data.series('Pixel', "
        "'deal_registrations').loc[:15], data.series('Pixel', 'sourced_revenue').loc[:15]) "
        "says what Pixel's first 15 months can tell; answer with its lag if it names one, "
        'or with "cannot tell yet" if it does not.',
    ],
)
