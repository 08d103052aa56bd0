"""Exercises and checks of the lesson ``02-governance-structures``.

The checks look at properties of the student's answer (derived from the review), never at a
stored answer, and say what to look at when a check fails. The "missing sponsor" exercise is
answered by picking a partner (:func:`answer_missing_sponsor`, saved in
``my-missing-sponsor.answer.json``); called with no answer, its check reads that file.

Examples
--------
>>> design = mystery_design()
>>> len(design.distinct_partners())
3
>>> list(missing_sponsor_question().options.values()) == design.distinct_partners()
True
>>> check_missing_sponsor(...).passed
False
>>> check_case_design(empty_case()).passed
False
"""

from __future__ import annotations

from toolkit.governance.model import Design
from toolkit.governance.review import CADENCE_RANGES, review
from toolkit.governance.templates import template
from toolkit.selfstudy.checks import Check, Hints, Report, is_blank
from toolkit.ui.answers.questions import OneOf, read_saved

__all__ = [
    "CASE_ALLIANCE",
    "CASE_PARTNERS",
    "SPONSOR_FILE",
    "answer_missing_sponsor",
    "check_case_design",
    "check_missing_sponsor",
    "empty_case",
    "hint_case",
    "hint_sponsor",
    "missing_sponsor_question",
    "mystery_design",
]

SPONSOR_EXERCISE = "governance.missing-sponsor"
#: where the exercise's choice is saved, beside the notebook
SPONSOR_FILE = "my-missing-sponsor.answer.json"
#: a check called with no answer reads the exercise's saved answer
SAVED = object()
CASE_EXERCISE = "governance.lean-case"
CASE_ALLIANCE = "Kite Analytics + Hanseatic Bank"
CASE_PARTNERS = ("Kite Analytics", "Hanseatic Bank")
LEAN_STEERING_SEATS = 6


def mystery_design() -> Design:
    """The three-partner template in which one partner's sponsor lost the sponsor role."""
    design = template("three-partner-alliance")
    steering = design.bodies[0]
    sponsors = [m for m in steering.members if m.role == "executive_sponsor"]
    sponsors[1].role = "member"
    return design


def _unsponsored(design: Design) -> set[str]:
    partners = design.distinct_partners()
    return {
        p
        for p in partners
        for f in review(design)
        if f.code == "no-executive-sponsor" and f.message.startswith(f"{p} has no")
    }


def missing_sponsor_question() -> OneOf:
    """The exercise's question: one of the mystery alliance's partners, by name."""
    partners = mystery_design().distinct_partners()
    return OneOf("Partner without an executive sponsor", {p: p for p in partners})


def answer_missing_sponsor(path=SPONSOR_FILE):
    """The choice of partners that answers the exercise (saves to ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(missing_sponsor_question(), path)


def check_missing_sponsor(answer=SAVED) -> Report:
    """Check the partner named as having no executive sponsor in :func:`mystery_design`.

    With no answer given, the one saved by :func:`answer_missing_sponsor`.
    """
    if answer is SAVED:
        answer = read_saved(missing_sponsor_question(), SPONSOR_FILE)
    design = mystery_design()
    partners = design.distinct_partners()
    text = answer.strip() if isinstance(answer, str) else None
    known = text is not None and text.casefold() in {p.casefold() for p in partners}
    right = known and text.casefold() in {p.casefold() for p in _unsponsored(design)}
    checks = [
        Check(
            "You picked a partner",
            not is_blank(answer),
            "Pick a partner in the list above, then run this cell again.",
        ),
        Check(
            "The answer is one of the alliance's partners",
            known,
            "Pick one of the partners: " + ", ".join(partners) + ".",
        ),
        Check(
            "That partner has no executive sponsor on the steering committee",
            right,
            "Read the steering box: whose line shows no '(sponsor)'?",
        ),
    ]
    return Report(SPONSOR_EXERCISE, checks)


hint_sponsor = Hints(
    SPONSOR_EXERCISE,
    [
        "Look at the top box of the chart: each partner's line lists its people and their role.",
        "A sponsor is marked '(sponsor)'. Find the partner whose steering members are all "
        "something else (alliance managers are marked '(AM)'; plain members have no mark).",
        "Worked example on another design: in the lean template, if Victor Hale (Omnicorp) "
        "were a plain member, the review would say 'Omnicorp has no executive sponsor on any "
        "steering body', and the answer to pick would be Omnicorp.",
    ],
)


def empty_case() -> Design:
    """The case's starting point: the alliance and its partners, no bodies yet."""
    return Design(CASE_ALLIANCE, list(CASE_PARTNERS), [])


def check_case_design(design: Design) -> Report:
    """Check a design for the lesson's case: lean, joint, workable and on cadence."""
    given = isinstance(design, Design)
    if not given:
        design = empty_case()
    findings = review(design)
    errors = [f for f in findings if f.severity == "error"]
    partners = set(design.distinct_partners())
    steering = [b for b in design.bodies if b.tier == "steering"]
    joint_groups = [
        b
        for b in design.bodies
        if b.tier == "operational" and set(CASE_PARTNERS) <= {m.partner for m in b.members}
    ]
    off_cadence = [
        b.name
        for b in design.bodies
        if not CADENCE_RANGES[b.tier][0] <= b.meets_every_days <= CADENCE_RANGES[b.tier][1]
    ]
    checks = [
        Check(
            "You gave your design (builder.design)",
            given,
            "Run the builder's cell, then put builder.design in place of the ....",
        ),
        Check(
            "The design has bodies",
            bool(design.bodies),
            "Add a body in the builder: type a name, pick a tier, click 'Add body'.",
        ),
        Check(
            "The partners are the two companies of the case",
            partners == set(CASE_PARTNERS),
            "Set the partners to: " + ", ".join(CASE_PARTNERS) + ".",
        ),
        Check(
            "The review finds no errors (the design is workable)",
            bool(design.bodies) and not errors,
            f"The review panel lists {len(errors)} errors: fix them one by one.",
        ),
        Check(
            f"The steering body is lean (at most {LEAN_STEERING_SEATS} people)",
            bool(steering) and all(len(b.people()) <= LEAN_STEERING_SEATS for b in steering),
            "A 40-person start-up cannot staff a big board: two sponsors and the two "
            "alliance managers are enough.",
        ),
        Check(
            "A joint working group has people from both companies",
            bool(joint_groups),
            "Add an operational body and seat someone from each company on it.",
        ),
        Check(
            "Every body meets on its tier's cadence",
            bool(design.bodies) and not off_cadence,
            "Look for 'cadence' warnings in the review panel.",
        ),
    ]
    return Report(CASE_EXERCISE, checks)


hint_case = Hints(
    CASE_EXERCISE,
    [
        "Start with the top: who gives direction for each company? Those two people are the "
        "executive sponsors of a steering body.",
        "You need three bodies: a steering body (sponsors + alliance managers), a management "
        "body (the two alliance managers) and one joint working group. Set each lower body's "
        "'Escalates to' and its days.",
        "Worked example for another alliance: 'Brightpath + Omnicorp' uses an Alliance Board "
        "(2 sponsors, 2 alliance managers, every 90 days), Alliance Managers (every 14 days, "
        "escalating to the board after 10 days) and a Go-to-Market Group (every 7 days, "
        "escalating after 5 days). Start the builder from 'lean-startup-enterprise' to see it.",
    ],
)


def __getattr__(name):
    """Names renamed in the move to one vocabulary (see :mod:`toolkit._moved`)."""
    from toolkit import _moved

    return _moved.resolve(__name__, name)
