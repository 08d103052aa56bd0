"""One question of each shape, on the course's own data, and how a participant answers each.

Shared by tests/ui/test_answers.py, tests/ui/test_accessibility.py and the browser test of
the answer controls. Options come from the course (a design's bodies, the alliances of the
data), so names and ids differ as they do in the exercises ("Alliance Management Team" is
saved as ``amt``).
"""

from __future__ import annotations

from toolkit import data
from toolkit.governance import template
from toolkit.ui.answers import (
    Column,
    Matching,
    Number,
    OneOf,
    SeveralOf,
    TableOfNumbers,
    answer_control,
)


def bodies() -> dict[str, str]:
    """The bodies of the enterprise template, ``{id: name}``."""
    return {b.id: b.name for b in template("enterprise-three-tier").bodies}


def alliances() -> dict[str, str]:
    """Four alliances of the course data, ``{id: name}`` (the id is the name in lower case)."""
    return {name.lower(): name for name in data.alliance_names()[:4]}


def questions() -> dict[str, object]:
    """One question of each shape, every one allowing "the data cannot tell yet"."""
    return {
        "PickOne": OneOf(
            "Body that decides pricing",
            bodies(),
            cannot_tell=True,
            sentence="You sent the pricing item to {}",
        ),
        "PickSeveral": SeveralOf(
            "Alliances that need a call this quarter", alliances(), cannot_tell=True
        ),
        "MatchEach": Matching(
            "Where each agenda item goes",
            items={"pricing": "Pricing of the joint offer", "hiring": "Hiring a sales lead"},
            options=bodies(),
            cannot_tell=True,
            sentence="You sent “{item}” to {option}",
        ),
        "NumberAnswer": Number(
            "Months until the first revenue", unit="months", low=1, high=36, cannot_tell=True
        ),
        "NumberTable": TableOfNumbers(
            "Your plan's targets",
            rows={"partner_leads": "Partner leads", "joint_deals": "Joint deals"},
            columns=[
                Column("target", "target", "", 1, 2000),
                Column("by_month", "by month", "", 1, 36),
            ],
            cannot_tell=True,
        ),
    }


def make(kind: str, path, variant=None):
    """The control of ``kind`` (a class name), saving to ``path``."""
    return answer_control(questions()[kind], path, variant=variant)


def answer(kind: str, control):
    """Answer the control as the browser would (setting its inputs); return the value due."""
    if kind == "PickOne":
        control.choices.value = [1]
        return "amt"
    if kind == "PickSeveral":
        control.choices.value = [0]
        control.choices.value = [0, 2]
        return ["northwind", "harbor"]
    if kind == "MatchEach":
        control.pickers[0].value = [0]  # the bodies' names, in the design's order
        control.pickers[1].value = [2]
        return {"pricing": "jsc", "hiring": "sales"}
    if kind == "NumberAnswer":
        control.number.value = "18"
        return 18
    if kind == "NumberTable":
        for (row, col), text in {
            ("partner_leads", "target"): "190",
            ("partner_leads", "by_month"): "18",
            ("joint_deals", "target"): "1,200",
            ("joint_deals", "by_month"): "24",
        }.items():
            control.boxes[row, col].value = text
        return {
            "partner_leads": {"target": 190, "by_month": 18},
            "joint_deals": {"target": 1200, "by_month": 24},
        }
    raise KeyError(kind)


def say_cannot_tell(kind: str, control) -> None:
    """Answer "the data cannot tell yet" with the control."""
    if kind in ("PickOne", "PickSeveral"):
        control.choices.value = [len(control.choices.options) - 1]
    elif kind == "MatchEach":
        for picker in control.pickers:
            picker.value = [len(picker.options) - 1]
    else:
        control.cannot_tell.value = True


KINDS = list(questions())
