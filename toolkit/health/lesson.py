"""Self-check and hints for the health-check exercise (lesson 04).

The expected dimension is derived from the course data with :func:`perception_gaps` when the
check runs; nothing is written down here.

Examples
--------
>>> check_largest_gap(...).passed
False

The exercise is answered with radio buttons (:func:`answer_largest_gap`) that save to a file
beside the notebook; called with no answer, the check reads that file:

>>> import os, tempfile
>>> os.chdir(tempfile.mkdtemp())
>>> check_largest_gap().checks[0].look_at
'Pick the dimension in the list above; your pick is saved as you click.'
"""

from __future__ import annotations

from toolkit import data
from toolkit.health.model import DIMENSIONS, perception_gaps
from toolkit.selfstudy.checks import Check, Hints, Report, answered, is_blank
from toolkit.ui.answers import OneOf, read_saved

__all__ = [
    "GAP",
    "GAP_FILE",
    "answer_largest_gap",
    "check_largest_gap",
    "gap_question",
    "hint_largest_gap",
]

# what the exercise asks about (the question, not the answer)
GAP = {"alliance": "Bluepeak", "quarter": 8}
#: the file the exercise's radio buttons save the answer in, beside the notebook
GAP_FILE = "largest-gap-bluepeak.answer.json"
_SAVED = object()  # a check called with no answer reads the saved one


def gap_question() -> OneOf:
    """The exercise: the dimension of the largest gap, each shown by its plain name."""
    return OneOf(
        f"Dimension with the largest perception gap in {GAP['alliance']}'s survey of "
        f"quarter {GAP['quarter']}",
        {d: d.replace("_", " ") for d in DIMENSIONS},
        sentence="You named {} as the dimension with the largest perception gap",
    )


def answer_largest_gap(path: str = GAP_FILE):
    """The radio buttons that answer the exercise (saved in ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(gap_question(), path)


def check_largest_gap(answer=_SAVED, *, path: str = GAP_FILE) -> Report:
    """Lesson 04: the dimension with the largest perception gap (perception_gaps on the data).

    With no ``answer``, the check reads what the radio buttons saved in ``path``.
    """
    boxed = answer is _SAVED
    if boxed:
        answer = read_saved(gap_question(), path)
    gaps = perception_gaps(data.survey(GAP["alliance"], quarter=GAP["quarter"]))
    text = "" if is_blank(answer) else str(answer).strip().lower().replace(" ", "_")
    checks = [
        Check(
            "You picked a dimension",
            not is_blank(answer),
            "Pick the dimension in the list above; your pick is saved as you click.",
        )
        if boxed
        else answered(answer, "a dimension name in quotes"),
        Check(
            "The answer is one of the six dimensions",
            text in DIMENSIONS,
            f"Use one of: {', '.join(DIMENSIONS)}.",
        ),
        Check(
            "It is the dimension with the largest gap",
            text in DIMENSIONS and gaps.loc[text, "gap"] == gaps["gap"].max(),
            "Compare the 'gap' column of the health check's table, or find the longest line in its "
            "chart.",
        ),
    ]
    if boxed:  # the control only saves answers of the right form: those checks say nothing
        checks = [c for i, c in enumerate(checks) if i not in {1}]
    return Report("governance-tools.largest-gap", checks)


hint_largest_gap = Hints(
    "governance-tools.largest-gap",
    [
        "Choose Bluepeak and quarter 8 in the health check widget above.",
        "The dumbbell chart draws one line per dimension; the longest line is the largest gap, "
        "and the table's 'gap' column gives the same figures.",
        "Worked example on Delta's survey of quarter 8, earlier in this notebook: its chart's "
        "longest line is commitment, and commitment has the biggest number in the table's "
        "'gap' column. Do the same with Bluepeak's quarter 8.",
    ],
)
