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
"""

from __future__ import annotations

from pathlib import Path

from toolkit import data
from toolkit.indicators.catalogue import METRICS
from toolkit.indicators.lags import best_lag
from toolkit.indicators.sorter import load_answers, score
from toolkit.selfstudy.checks import Check, Hints, Report, answered, is_whole, whole_number

__all__ = ["LAG", "check_best_lag", "check_sorting", "hint_best_lag", "hint_sorting"]

# what the lag exercise asks about (the question, not the answer)
LAG = {"alliance": "Northwind", "leading": "deal_registrations", "lagging": "sourced_revenue"}


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
            "You replaced the ... with your answers (or used the sorter)",
            not blank,
            "Call check_sorting() with nothing between the brackets to read the sorter's file.",
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


def check_best_lag(answer) -> Report:
    """Lesson 03: months from Northwind's registrations to its revenue (best_lag on the data)."""
    found = best_lag(
        data.series(LAG["alliance"], LAG["leading"]), data.series(LAG["alliance"], LAG["lagging"])
    )
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
            "The lag is within one month of the highest correlation",
            ok and abs(answer - found) <= 1,
            "Use the bar chart of correlations for Northwind: which bar is the tallest?",
        ),
    ]
    return Report("indicators.best-lag", checks)


hint_best_lag = Hints(
    "indicators.best-lag",
    [
        "Choose Northwind in the explorer and move the slider until the two lines move together.",
        "The bar chart under the lines shows one correlation per lag; the dark bar is the "
        "highest. You can also run best_lag(leading, lagging).",
        "Worked example for another alliance: best_lag(data.series('Pixel', "
        "'deal_registrations'), data.series('Pixel', 'sourced_revenue')) gives Pixel's lag; "
        "do the same with 'Northwind'.",
    ],
)
