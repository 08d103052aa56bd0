"""The answer key of the ``governance-design`` variants, and their vetting (instructors only).

The cases are the toolkit's (:mod:`toolkit.governance.cases`): they hold the questions, and
the grading checks properties of what the student builds. Here: whether each variant is
sound by the course's own review (:func:`vet`), the numbers that should be alike across
variants (:func:`difficulty`), and a variant's answers (:func:`answers`): the files the two
builders and Part C's answer control save, computed from the variant's case
(:func:`reference_design`, :func:`reference_repair`, :func:`truth`), never from variables of
the notebook.

Examples
--------
>>> vet(17)
[]
>>> difficulty(17)["case requirements"]
8
>>> from toolkit.governance import is_workable
>>> is_workable(reference_design(case_for(17))), is_workable(reference_repair(case_for(17)))
(True, True)
>>> sorted(answers({"case": case_for(17)})["files"])
['decision-owners.answer.json', 'governance-design.json', 'repaired-design.json']
"""

from __future__ import annotations

import json

from instructor.keys import Key
from toolkit.governance.assignment import (
    CASE_DESIGN_FILE,
    OWNERS_FILE,
    REPAIR_FILE,
    owners_question,
)
from toolkit.governance.cases import (
    ASSIGNMENT,
    DIRECTION,
    PATH_CODES,
    SEAT_CODES,
    Case,
    case_for,
    draft_errors,
    rule_of_thumb_tier,
)
from toolkit.governance.model import CORE_DECISIONS, Body, Design, Member
from toolkit.ui.answers.questions import saved_form

__all__ = ["KEY", "answers", "difficulty", "reference_design", "reference_repair", "truth", "vet"]


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


def reference_design(case: Case) -> Design:
    """Part A: a design that meets every requirement of the case (one of many)."""
    (sponsor_a, sponsor_b), (manager_a, manager_b) = case.sponsors, case.managers
    managers = [manager_a.member("alliance_manager"), manager_b.member("alliance_manager")]
    group = [
        Member(f"{partner} {case.group_function} lead", partner, "member", case.group_function)
        for partner in case.partners
    ]
    steering = Body(
        "jsc", "Joint Steering Committee", "steering", case.steering_every_days,
        [sponsor_a.member("executive_sponsor"), sponsor_b.member("executive_sponsor"),
         *managers],
        list(DIRECTION),
    )  # fmt: skip
    management = Body(
        "amt", "Alliance Management Team", "management", 14, list(managers),
        ["joint_business_plan"], "jsc", case.escalation_days - 5,
    )  # fmt: skip
    working = Body("group", case.group_name.capitalize(), "operational", 7, group, [], "amt", 5)
    return Design(case.alliance, list(case.partners), [steering, management, working])


def reference_repair(case: Case) -> Design:
    """Part B: the draft with its errors fixed, keeping every body and person (one of many)."""
    repaired = case.draft
    top = next(b for b in repaired.bodies if b.tier == "steering")
    middle = next(b for b in repaired.bodies if b.tier == "management")
    for body in repaired.bodies:  # escalation goes up one tier, after a stated number of days
        if body is top:
            body.escalates_to, body.escalation_days = None, None
        else:
            body.escalates_to = top.id if body is middle else middle.id
            body.escalation_days = body.escalation_days or 5
        if not body.members:  # an empty group gets one person from each partner
            body.members = [Member(f"Delegate of {p}", p, "member") for p in repaired.partners]
    for partner in repaired.partners:  # a sponsor on top, the alliance manager in the middle
        theirs = [m for m in top.members if m.partner == partner]
        if not any(m.role == "executive_sponsor" for m in theirs):
            next(m for m in theirs if m.role == "member").role = "executive_sponsor"
        manager = next(m for m in theirs if m.role == "alliance_manager")
        if manager.person not in {m.person for m in middle.members}:
            middle.members.append(Member(manager.name, partner, "alliance_manager"))
    for key in CORE_DECISIONS:  # one owner per core decision
        for body in repaired.bodies:
            body.decides = [d for d in body.decides if d != key]
        (top if key in DIRECTION else middle).decides.append(key)
    return repaired


def truth(case: Case) -> dict[str, str]:
    """Part C: each core decision's owner by the rule of thumb, ``{decision: body id}``."""
    tangled = case.decisions
    return {
        key: next(b.id for b in tangled.bodies if b.tier == rule_of_thumb_tier(key))
        for key in CORE_DECISIONS
    }


def _as_saved(kind: str, data) -> str:
    """A file's text exactly as a control writes it (``toolkit.ui.saved.save_json``)."""
    return json.dumps({"kind": kind, "data": data}, indent=2, ensure_ascii=False) + "\n"


def answers(namespace: dict) -> dict:
    """The answer key of the variant the notebook ran for: the three files a student saves.

    Computed from the variant's case (``namespace["case"]``, as the notebook's first cell
    makes it); the notebook's answers are all given with widgets, so ``answers`` is empty.
    """
    from toolkit.governance import dumps

    case = namespace["case"]
    question = owners_question(case)
    return {
        "answers": {},
        "files": {
            CASE_DESIGN_FILE: dumps(reference_design(case)),
            REPAIR_FILE: dumps(reference_repair(case)),
            OWNERS_FILE: _as_saved(
                question.kind, saved_form(question, truth(case), variant=case.number)
            ),
        },
    }


KEY = Key(
    assignment=ASSIGNMENT,
    answers=answers,
    difficulty=difficulty,
    vet=vet,
    spread={"draft errors": 1, "draft mistakes": 0, "decisions to settle": 0},
)
