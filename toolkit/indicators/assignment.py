"""Visible checks of the graded assignment ``reading-the-indicators``.

These checks look only at the *form* of each answer (is it filled in, a whole number, a
known alliance or dimension?). Whether it is right is decided by the instructor's grading,
so each report ends with "these checks passed; your instructor's grading may check more".

Examples
--------
>>> print(lag_report(...))
2 of 3 checks passed.
  ✘ You replaced the answer line with a number — Write it like granite_lag = 4.
  ✔ The answer is a whole number of months from 0 to 12
  ✔ Revenue does not follow at once
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.checks import Check, Report, is_blank

__all__ = [
    "ASSIGNMENT_METRICS",
    "SORTING_FILE",
    "falling_report",
    "gaps_report",
    "lag_report",
    "largest_gap_report",
    "sorting_report",
]

# the metrics part 1 asks to classify, and the file the sorter saves them in
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


def _whole(value) -> bool:
    return not is_blank(value) and isinstance(value, int) and not isinstance(value, bool)


def sorting_report(path: str | Path = SORTING_FILE) -> Report:
    """Part 1: every assigned metric sorted in the widget (read from its answer file)."""
    from toolkit.metric_sorter import load_answers

    answers = load_answers(path)
    missing = [m for m in ASSIGNMENT_METRICS if m not in answers]
    checks = [
        Check(
            f"Your sorting is saved in {Path(path).name}",
            bool(answers),
            "Run the sorter cell and click Leading or Lagging for each metric.",
        ),
        Check(
            f"All {len(ASSIGNMENT_METRICS)} metrics are sorted",
            not missing,
            f"{len(missing)} still to sort.",
        ),
    ]
    return Report("reading.classify", checks, hidden_tests=True)


def lag_report(value) -> Report:
    """Part 2: the lag is a whole number of months from 1 to 12."""
    whole = _whole(value)
    checks = [
        Check(
            "You replaced the answer line with a number",
            not is_blank(value),
            "Write it like granite_lag = 4.",
        ),
        Check(
            "The answer is a whole number of months from 0 to 12",
            is_blank(value) or (whole and 0 <= value <= 12),
            "Write a whole number without quotes, from 0 to 12.",
        ),
        Check(
            "Revenue does not follow at once",
            is_blank(value) or not whole or value > 0,
            "Registered deals still go through a sales cycle.",
        ),
    ]
    return Report("reading.lag", checks, hidden_tests=True)


def falling_report(names) -> Report:
    """Part 3: a list of alliance names from the course data (at least one, not all)."""
    from toolkit import data

    known = {n.lower(): n for n in data.alliance_names()}
    is_list = isinstance(names, list | tuple | set) and all(isinstance(n, str) for n in names)
    unknown = [n for n in names if n.strip().lower() not in known] if is_list else []
    checks = [
        Check(
            "The answer is a list of alliance names in quotes",
            is_list,
            'Write it like falling = ["Pixel", "Summit"].',
        ),
        Check(
            "Every name is an alliance of the course data",
            is_list and not unknown,
            f"Unknown: {', '.join(unknown)}. The alliances: {', '.join(known.values())}."
            if unknown
            else "Use the names in data.alliance_names().",
        ),
        Check(
            "You named at least one alliance, and not all of them",
            is_list and 0 < len({n.strip().lower() for n in names}) < len(known),
            "Name the alliances whose leading indicators have fallen.",
        ),
    ]
    return Report("reading.falling", checks, hidden_tests=True)


def gaps_report(gaps) -> Report:
    """Part 4a: a table of perception gaps, one row per dimension, with a ``gap`` column."""
    from toolkit.datagen import DIMENSIONS

    is_frame = isinstance(gaps, pd.DataFrame)
    has_gap = is_frame and "gap" in gaps.columns
    dims = is_frame and set(map(str, gaps.index)) == set(DIMENSIONS)
    checks = [
        Check(
            "The answer is a table (use perception_gaps)",
            is_frame,
            "Write it like gaps = perception_gaps(survey).",
        ),
        Check(
            "It has one row per dimension and a 'gap' column",
            bool(has_gap and dims),
            "Compute it from the survey of the alliance and quarter asked for.",
        ),
    ]
    return Report("reading.largest-gap", checks, hidden_tests=True)


def largest_gap_report(name) -> Report:
    """Part 4b: the answer names one of the six dimensions."""
    from toolkit.datagen import DIMENSIONS

    text = "" if is_blank(name) else str(name).strip().lower().replace(" ", "_")
    checks = [
        Check(
            "You replaced the answer line with a dimension",
            not is_blank(name),
            'Write it like largest_gap = "trust".',
        ),
        Check(
            "It is one of the six dimensions",
            text in DIMENSIONS,
            f"Use one of: {', '.join(DIMENSIONS)}.",
        ),
    ]
    return Report("reading.largest-gap", checks, hidden_tests=True)
