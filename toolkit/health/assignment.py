"""Visible checks and hints of the graded assignment ``reading-the-indicators``, part 4.

Part 4 asks for the perception gaps of a health-check survey and the dimension with the
largest gap. The checks look only at the form of each answer; the instructor's grading
decides whether it is right, so each report ends with "these checks passed; your
instructor's grading may check more".

Examples
--------
>>> check_largest_gap("trust").passed
True
>>> check_largest_gap("honesty").passed
False
"""

from __future__ import annotations

import pandas as pd

from toolkit.health.model import DIMENSIONS
from toolkit.selfstudy.checks import Check, Hints, Report, is_blank

__all__ = ["check_gaps", "check_largest_gap", "hint_gaps"]


def check_gaps(gaps) -> Report:
    """Part 4a: a table of perception gaps, one row per dimension, with a ``gap`` column."""
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


def check_largest_gap(name) -> Report:
    """Part 4b: the answer names one of the six dimensions."""
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


hint_gaps = Hints(
    "reading.largest-gap",
    [
        "A perception gap is the difference between how the partners rate the same "
        "dimension of the alliance.",
        "`perception_gaps(survey)` gives one row per dimension with each side's mean and the "
        "gap; the largest gap is the row with the biggest value in the 'gap' column.",
        "Worked example with made-up numbers: one side rates trust 4.2 and the other 3.1 (gap "
        "1.1), communication 3.9 and 3.6 (gap 0.3): the largest gap is trust.",
    ],
)
