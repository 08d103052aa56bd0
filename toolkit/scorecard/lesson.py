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

The exercise is answered in a table of number boxes, one per metric of the catalogue
(:func:`answer_scorecard`), saved beside the notebook; a box left blank keeps the metric off
the scorecard. Called with no answer, the check reads the saved table:

>>> import os, tempfile
>>> os.chdir(tempfile.mkdtemp())
>>> table = answer_scorecard()
>>> table.boxes["sourced_revenue", "target"].description
'Partner-sourced revenue (k$ per month): target (1 to 100000)'
>>> table.boxes["sourced_revenue", "target"].value = "500"
>>> check_scorecard().passed, targets_of(table.value)
(False, {'sourced_revenue': 500})
"""

from __future__ import annotations

from toolkit.scorecard.model import scorecard_findings
from toolkit.selfstudy.checks import Check, Hints, Report, answered
from toolkit.ui.answers import CANNOT_TELL, Column, TableOfNumbers, read_saved

__all__ = [
    "SCORECARD_FILE",
    "answer_scorecard",
    "check_scorecard",
    "hint_scorecard",
    "scorecard_question",
    "targets_of",
]

#: the file the exercise's table saves the targets in, beside the notebook
SCORECARD_FILE = "my-scorecard.answer.json"
_SAVED = object()  # a check called with no answer reads the saved table


def scorecard_question() -> TableOfNumbers:
    """The exercise: a target for each metric put on the scorecard (blank: not on it)."""
    from toolkit.indicators.catalogue import METRICS

    return TableOfNumbers(
        "Your scorecard's targets (leave a box blank to keep that metric off it)",
        {m.name: f"{m.label} ({m.unit})" for m in METRICS},
        columns=[Column("target", "target", low=1, high=100_000)],
    )


def answer_scorecard(path: str = SCORECARD_FILE):
    """The table of number boxes that answers the exercise (saved in ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(scorecard_question(), path)


def targets_of(table) -> dict:
    """The targets of a saved table: metric -> target, for the boxes filled in."""
    if not isinstance(table, dict):
        return {}
    return {row: cells["target"] for row, cells in table.items() if "target" in cells}


def check_scorecard(targets=_SAVED, *, path: str = SCORECARD_FILE) -> Report:
    """Lesson 04: a balanced scorecard (all four perspectives, leading and lagging measures).

    With no ``targets``, the check reads what the table of number boxes saved in ``path``.
    """
    boxed = targets is _SAVED
    if boxed:
        saved = read_saved(scorecard_question(), path)
        targets = None if saved in (None, CANNOT_TELL) else targets_of(saved) or None
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
    given = (
        Check(
            "You gave targets in the table",
            targets is not None,
            "Type a target in the box of each metric you put on your scorecard.",
        )
        if boxed
        else answered(targets, "a dict like {'sourced_revenue': 500, ...}")
    )
    checks = [
        given,
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
    if boxed:  # the control only saves answers of the right form: those checks say nothing
        checks = [c for i, c in enumerate(checks) if i not in {1, 2}]
    return Report("governance-tools.scorecard", checks)


hint_scorecard = Hints(
    "governance-tools.scorecard",
    [
        "Look at the catalogue table of lesson 03: its 'perspective' column tells you where "
        "each metric belongs.",
        "Pick at least one metric for each of strategic, financial, operational and "
        "relationship; the operational and relationship ones are your leading measures.",
        "Worked example of a two-perspective start: a target of 5 for new customer wins and "
        "of 2 for joint marketing campaigns. Add a financial and a relationship measure the "
        "same way.",
    ],
)
