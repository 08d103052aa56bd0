"""The answer key of the ``governance-design`` variants, and their vetting (instructors only).

The cases are the toolkit's (:mod:`toolkit.governance.cases`): they hold the questions, and
the grading checks properties of what the student builds. Here: whether each variant is
sound by the course's own review (:func:`vet`), the numbers that should be alike across
variants (:func:`difficulty`), and a variant's answers read from the reference solution's
variables (:func:`answers`).

Examples
--------
>>> vet(17)
[]
>>> difficulty(17)["case requirements"]
8
"""

from __future__ import annotations

from instructor.keys import Key
from toolkit.governance.cases import (
    ASSIGNMENT,
    PATH_CODES,
    SEAT_CODES,
    case_for,
    draft_errors,
    rule_of_thumb_tier,
)
from toolkit.governance.model import CORE_DECISIONS

__all__ = ["KEY", "answers", "difficulty", "vet"]


def difficulty(number: int) -> dict:
    """Numbers that should be alike across variants: errors to fix, decisions to settle."""
    case = case_for(number)
    return {
        "draft errors": len(draft_errors(case.draft)),
        "draft mistakes": len(case.draft_stories),
        "decisions to settle": len(case.conflicts) + len(case.gaps),
        "case requirements": 8,
    }


def vet(number: int) -> list[str]:
    """What is wrong with a variant, by the course's own review (empty when it is sound)."""
    case = case_for(number)
    problems = []
    people = [p.name for p in case.sponsors + case.managers]
    if len(set(people)) != 4:
        problems.append("the case names the same person twice")
    codes = set(draft_errors(case.draft))
    if not codes & set(SEAT_CODES) or not codes & set(PATH_CODES):
        problems.append(f"the draft lacks a family of errors: {sorted(codes)}")
    if not 4 <= len(draft_errors(case.draft)) <= 5:
        problems.append(f"the draft has {len(draft_errors(case.draft))} errors, not 4 or 5")
    tangled = case.decisions
    tiers = [b.tier for b in tangled.bodies]
    if tiers.count("steering") != 1 or tiers.count("management") != 1:
        problems.append("Part C needs exactly one steering and one management body")
    owners = {
        k: b.id for b in tangled.bodies for k in CORE_DECISIONS if b.tier == rule_of_thumb_tier(k)
    }
    for key in case.conflicts:
        if sum(key in b.decides for b in tangled.bodies) != 2:
            problems.append(f"{key} should have two owners in Part C")
    for key in case.gaps:
        if tangled.body(owners[key]) and key in tangled.body(owners[key]).decides:
            problems.append(f"{key} already has its right owner in Part C")
    return problems


def answers(namespace: dict) -> dict:
    """The answer key from the reference solution's variables (see :class:`instructor.keys.Key`)."""
    from toolkit.governance import dumps

    return {
        "answers": {"owners_answer": {"owners": dict(namespace["owners"])}},
        "files": {
            "governance-design.json": dumps(namespace["case_design"]),
            "repaired-design.json": dumps(namespace["repaired"]),
        },
    }


KEY = Key(
    assignment=ASSIGNMENT,
    answers=answers,
    difficulty=difficulty,
    vet=vet,
    spread={"draft errors": 1, "draft mistakes": 0, "decisions to settle": 0},
)
