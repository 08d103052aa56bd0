"""Self-check and hints for the health-check exercise (lesson 04).

The expected dimension is derived from the course data with :func:`perception_gaps` when the
check runs; nothing is written down here.

Examples
--------
>>> check_largest_gap(...).passed
False
"""

from __future__ import annotations

from toolkit import data
from toolkit.health.model import DIMENSIONS, perception_gaps
from toolkit.selfstudy.checks import Check, Hints, Report, answered, is_blank

__all__ = ["GAP", "check_largest_gap", "hint_largest_gap"]

# what the exercise asks about (the question, not the answer)
GAP = {"alliance": "Bluepeak", "quarter": 8}


def check_largest_gap(answer) -> Report:
    """Lesson 04: the dimension with the largest perception gap (perception_gaps on the data)."""
    gaps = perception_gaps(data.survey(GAP["alliance"], quarter=GAP["quarter"]))
    text = "" if is_blank(answer) else str(answer).strip().lower().replace(" ", "_")
    checks = [
        answered(answer, "a dimension name in quotes"),
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
