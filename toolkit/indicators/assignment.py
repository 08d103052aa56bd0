"""Visible checks and hints of the graded assignment ``reading-the-indicators`` (parts 1-3).

Every student works on a portfolio of their own (:func:`my_case`, a variant of
:mod:`toolkit.indicators.variants`). These checks look only at the *form* of each answer (is
it filled in, a whole number, an alliance of the portfolio?). Whether it is right is decided
by the instructor's grading, so each report ends with "these checks passed; your instructor's
grading may check more". The hints go from a nudge to a worked example on *other* alliances
and metrics, so none gives an answer away. Part 4 (perception gaps) is in
:mod:`toolkit.health.assignment`.

Examples
--------
>>> print(check_lag(...))
2 of 3 checks passed.
  ✘ You replaced the answer line with a number — Write it like lag_months = 4.
  ✔ The answer is a whole number of months from 0 to 12
  ✔ Revenue does not follow at once
"""

from __future__ import annotations

from pathlib import Path

from toolkit import data
from toolkit.indicators.lags import LagReading
from toolkit.indicators.model import load_answers
from toolkit.selfstudy.checks import Check, Hints, Report, is_blank, is_whole

__all__ = [
    "ASSIGNMENT_METRICS",
    "SORTING_FILE",
    "check_classify",
    "check_falling",
    "check_lag",
    "hint_classify",
    "hint_falling",
    "hint_lag",
    "my_case",
]


def my_case():
    """The student's own portfolio (their variant; the practice one when no id is known)."""
    from toolkit.indicators.variants import VARIANTS

    return VARIANTS.mine()


# the metrics part 1 asked to classify before every student had a variant (kept for the
# notebooks released then), and the file the sorter saves them in
ASSIGNMENT_METRICS = (
    "joint_account_plans",
    "win_rate",
    "pipeline_value",
    "renewal_rate",
    "accounts_mapped",
    "avg_deal_size",
    "governance_on_cadence",
    "influenced_revenue",
)
SORTING_FILE = "my-indicator-sorting.json"


def check_classify(path: str | Path = SORTING_FILE, metrics=ASSIGNMENT_METRICS) -> Report:
    """Part 1: every metric to sort is sorted in the widget (read from its answer file)."""
    answers = load_answers(path)
    missing = [m for m in metrics if m not in answers]
    checks = [
        Check(
            f"Your sorting is saved in {Path(path).name}",
            bool(answers),
            "Run the sorter cell and click Leading or Lagging for each metric.",
        ),
        Check(
            f"All {len(metrics)} metrics are sorted",
            not missing,
            f"{len(missing)} still to sort.",
        ),
    ]
    return Report("reading.classify", checks, hidden_tests=True)


def check_lag(value) -> Report:
    """Part 2: the lag is a whole number of months from 1 to 12."""
    whole = is_whole(value)
    reading = isinstance(value, LagReading)
    checks = [
        Check(
            "You replaced the answer line with a number",
            not is_blank(value),
            "Write it like lag_months = 4.",
        ),
        Check(
            "The answer is a whole number of months from 0 to 12",
            is_blank(value) or (whole and 0 <= value <= 12),
            "That is a whole reading; its number of months is best_lag(...).lag."
            if reading
            else "Write a whole number without quotes, from 0 to 12.",
        ),
        Check(
            "Revenue does not follow at once",
            is_blank(value) or not whole or value > 0,
            "Registered deals still go through a sales cycle.",
        ),
    ]
    return Report("reading.lag", checks, hidden_tests=True)


def check_falling(names, alliances=None) -> Report:
    """Part 3: a list of alliance names of the portfolio (at least one, not all).

    ``alliances`` are the names to choose from (default: the course data's alliances).
    """
    known = {n.lower(): n for n in (alliances or data.alliance_names())}
    is_list = isinstance(names, list | tuple | set) and all(isinstance(n, str) for n in names)
    unknown = [n for n in names if n.strip().lower() not in known] if is_list else []
    checks = [
        Check(
            "The answer is a list of alliance names in quotes",
            is_list,
            'Write it like falling = ["Pixel", "Summit"].',
        ),
        Check(
            "Every name is an alliance of your portfolio",
            is_list and not unknown,
            f"Unknown: {', '.join(unknown)}. The alliances: {', '.join(known.values())}."
            if unknown
            else "Use the names of your portfolio.",
        ),
        Check(
            "You named at least one alliance, and not all of them",
            is_list and 0 < len({n.strip().lower() for n in names}) < len(known),
            "Name the alliances whose leading indicators have fallen.",
        ),
    ]
    return Report("reading.falling", checks, hidden_tests=True)


hint_classify = Hints(
    "reading.classify",
    [
        "For each metric ask: does it count joint work the partners can do this month, or a "
        "result that comes out of work done months ago?",
        "Activities, enablement and pipeline come before a deal closes, so they lead; money "
        "received, deals won and how customers feel about what they bought come after, so "
        "they lag. Read each metric's definition in the widget before you click.",
        "Worked example with metrics that are not in the assignment: 'partner webinars held' "
        "counts work done now, so it leads; 'support tickets per customer' measures what "
        "happened after a sale, so it lags.",
    ],
)

hint_lag = Hints(
    "reading.lag",
    [
        "Revenue follows the joint work by some months: compare the two series shifted by "
        "0, 1, 2, … 12 months and see where they line up best.",
        "`best_lag(leading, lagging)` does the shifting for you (quarter rhythm taken out, "
        "changes compared) and says how sure it is; `case.series(alliance, metric)` gives each "
        "series of your portfolio. Use the two series of the alliance the question names.",
        "Worked example: for Summit, best_lag(data.series('Summit', 'deal_registrations'), "
        "data.series('Summit', 'sourced_revenue')).lag is Summit's lag in months; "
        "lag_correlations(...) shows the whole table, with the strongest row at that lag.",
    ],
)

hint_falling = Hints(
    "reading.falling",
    [
        "Revenue is lagging: today's revenue tells you about work done long ago. Look at "
        "what the leading columns did recently.",
        "In the table, look for alliances whose leading indicators dropped sharply over the "
        "last 6 months, whatever their revenue column says today.",
        "Worked example with made-up numbers: if alliance 'Zeta' shows sourced_revenue +8 % "
        "but deal registrations -55 % and pipeline -40 %, its revenue will fall once its "
        "sales cycle has passed, so 'Zeta' belongs in the list.",
    ],
)
