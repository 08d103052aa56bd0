"""Self-checks and hints for the exercises of lessons 01, 03 and 04.

Every expected value is derived from the course's own model or data when the check runs
(the simulator, ``best_lag`` on the panel, ``perception_gaps`` on the survey, the catalogue),
so no answer is written down here. A failed check says what to look at, never the answer.

Examples
--------
>>> report = check_first_revenue(...)
>>> report.passed
False
>>> hint_first_revenue.given = 0  # start from the first hint
>>> print(hint_first_revenue())
Hint 1 of 3: Set the sales cycle slider to 9 and read the sentence under the sliders.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.checks import Check, Hints, Report, is_blank

__all__ = [
    "FIRST_REVENUE",
    "GAP",
    "LAG",
    "check_best_lag",
    "check_first_revenue",
    "check_largest_gap",
    "check_scorecard",
    "check_sorting",
    "hint_best_lag",
    "hint_first_revenue",
    "hint_largest_gap",
    "hint_scorecard",
    "hint_sorting",
]

# what each exercise asks about (the questions, not the answers)
FIRST_REVENUE = {"sales_cycle": 9, "effort": 0.8}
LAG = {"alliance": "Northwind", "leading": "deal_registrations", "lagging": "sourced_revenue"}
GAP = {"alliance": "Bluepeak", "quarter": 8}


def _whole(answer) -> bool:
    return not is_blank(answer) and isinstance(answer, int) and not isinstance(answer, bool)


# ---- 01: the magic wand ------------------------------------------------------------
def check_first_revenue(answer) -> Report:
    """Lesson 01: the first revenue month with a 9-month sales cycle (from the simulator)."""
    from toolkit.simulator import first_revenue_month, simulate

    first = first_revenue_month(
        simulate(FIRST_REVENUE["effort"], months=36, sales_cycle=FIRST_REVENUE["sales_cycle"])
    )
    ok = _whole(answer)
    checks = [
        Check(
            "You replaced the ... with an answer",
            not is_blank(answer),
            "Type a month number instead of ...",
        ),
        Check("The answer is a whole number of months", ok, "Write it like 7, without quotes."),
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


# ---- 03: leading and lagging indicators --------------------------------------------
def check_sorting(answers=None, *, path: str | Path = "my-metric-sorting.json") -> Report:
    """Lesson 03: your sorting of the catalogue (judged against the catalogue itself).

    ``answers`` is a dict metric -> "leading"/"lagging" (e.g. ``sorter.answers``); without it
    the check reads what the MetricSorter saved in ``path`` beside the notebook.
    """
    from toolkit.catalogue import METRICS
    from toolkit.metric_sorter import load_answers, score

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
    from toolkit import data
    from toolkit.metrics import best_lag

    found = best_lag(
        data.series(LAG["alliance"], LAG["leading"]), data.series(LAG["alliance"], LAG["lagging"])
    )
    ok = _whole(answer)
    checks = [
        Check(
            "You replaced the ... with an answer",
            not is_blank(answer),
            "Type a number of months instead of ...",
        ),
        Check(
            "The answer is a whole number of months from 0 to 12",
            ok and 0 <= answer <= 12,
            "Write it like 4, without quotes.",
        ),
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


# ---- 04: governance tools ------------------------------------------------------------
def check_scorecard(targets) -> Report:
    """Lesson 04: a balanced scorecard (all four perspectives, leading and lagging measures)."""
    from toolkit.metrics import scorecard_findings

    blank = is_blank(targets)
    is_dict = isinstance(targets, dict) and bool(targets)
    problems, unknown = [], ""
    numbers = False
    if is_dict:
        try:
            problems = scorecard_findings(list(targets))
        except ValueError as err:
            unknown = str(err)
        numbers = all(
            isinstance(v, int | float) and not isinstance(v, bool) and v > 0
            for v in targets.values()
        )
    checks = [
        Check(
            "You replaced the ... with your targets",
            not blank,
            "Write a dict like {'sourced_revenue': 500, ...}.",
        ),
        Check(
            "Every measure is a metric of the catalogue",
            is_dict and not unknown,
            unknown or "Use the names in the catalogue table (catalog()).",
        ),
        Check(
            "Every target is a positive number",
            is_dict and numbers,
            "Write targets as numbers such as 40 or 0.8, without quotes.",
        ),
        Check(
            "All four perspectives have a measure",
            is_dict and not unknown and not any("perspective" in p for p in problems),
            " ".join(p for p in problems if "perspective" in p) or "Add measures.",
        ),
        Check(
            "There are leading and lagging measures",
            is_dict and not unknown and not any("leading" in p or "lagging" in p for p in problems),
            "A scorecard needs drivers you can steer and results that show the pay-off.",
        ),
    ]
    return Report("governance-tools.scorecard", checks)


hint_scorecard = Hints(
    "governance-tools.scorecard",
    [
        "Look at the catalogue table: its 'perspective' column tells you where each metric "
        "belongs.",
        "Pick at least one metric for each of strategic, financial, operational and "
        "relationship; the operational and relationship ones are your leading measures.",
        "Worked example of a two-perspective start: {'new_customer_wins': 5, "
        "'joint_campaigns': 2}. Add a financial and a relationship measure the same way.",
    ],
)


def check_largest_gap(answer) -> Report:
    """Lesson 04: the dimension with the largest perception gap (perception_gaps on the data)."""
    from toolkit import data
    from toolkit.datagen import DIMENSIONS
    from toolkit.metrics import perception_gaps

    gaps = perception_gaps(data.survey(GAP["alliance"], quarter=GAP["quarter"]))
    text = "" if is_blank(answer) else str(answer).strip().lower().replace(" ", "_")
    checks = [
        Check(
            "You replaced the ... with an answer",
            not is_blank(answer),
            "Type a dimension name in quotes instead of ...",
        ),
        Check(
            "The answer is one of the six dimensions",
            text in DIMENSIONS,
            f"Use one of: {', '.join(DIMENSIONS)}.",
        ),
        Check(
            "It is the dimension with the largest gap",
            text in DIMENSIONS and gaps.loc[text, "gap"] == gaps["gap"].max(),
            "Sort the gap table by its 'gap' column, or look for the longest bar in the chart.",
        ),
    ]
    return Report("governance-tools.largest-gap", checks)


hint_largest_gap = Hints(
    "governance-tools.largest-gap",
    [
        "Choose Bluepeak and quarter 8 in the health check widget above.",
        "The dumbbell chart draws one line per dimension; the longest line is the largest gap. "
        "In code: perception_gaps(survey)['gap'].idxmax().",
        "Worked example: for Delta in quarter 8 the longest line is the one the widget names "
        "under 'Largest perception gap'. Do the same for Bluepeak.",
    ],
)
