"""Self-check and hints for the scorecard exercise (lesson 04).

The check looks at properties of the student's scorecard (every perspective covered, leading
and lagging measures, positive targets), not at one reference answer.

Examples
--------
>>> check_scorecard({"sourced_revenue": 500}).passed
False
>>> from toolkit.scorecard.model import DEFAULT_TARGETS
>>> check_scorecard(DEFAULT_TARGETS).passed
True
"""

from __future__ import annotations

from toolkit.scorecard.model import scorecard_findings
from toolkit.selfstudy.checks import Check, Hints, Report, answered

__all__ = ["check_scorecard", "hint_scorecard"]


def check_scorecard(targets) -> Report:
    """Lesson 04: a balanced scorecard (all four perspectives, leading and lagging measures)."""
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
        answered(targets, "a dict like {'sourced_revenue': 500, ...}"),
        Check(
            "Every measure is a metric of the catalogue",
            is_dict and not unknown,
            unknown or "Use the names in the catalogue table (catalogue()).",
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
