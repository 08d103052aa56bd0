"""Visible checks and hints of the ``governance-design`` assignment, and the helpers it uses.

Every student has a case of their own (:func:`my_case`, a variant of
:mod:`toolkit.governance.cases`). The checks look at properties of the student's design (any
design that has them passes), say which passed, and remind the student that the instructor's
grading may check more; the requirements are all stated in the case's text. Each graded part
depends only on its own answer: an unfinished repair loses the points of the errors left,
not those for keeping the draft.

Examples
--------
>>> from toolkit.governance.cases import case_for
>>> from toolkit.governance.templates import template
>>> case = case_for(5)
>>> check_case_basics(template("enterprise-three-tier"), case).passed
False
>>> requirements_left(template("enterprise-three-tier"), case)[0]
'the executive sponsors are not ...'
>>> draft = case.draft
>>> bool(seat_errors(draft) and path_errors(draft)), missing_from(draft, draft)
(True, [])
>>> decided = assign_owners(case.decisions, {k: "nobody" for k in case.conflicts})
>>> wrong_owners(decided, case.conflicts) == list(case.conflicts)
True
"""

from __future__ import annotations

from pathlib import Path

from toolkit.governance.cases import (
    PATH_CODES,
    SEAT_CODES,
    Case,
    draft_errors,
    rule_of_thumb_tier,
)
from toolkit.governance.files import from_dict
from toolkit.governance.model import CORE_DECISIONS, Design
from toolkit.governance.review import counts, escalation_days_to_steering, review
from toolkit.selfstudy.checks import Check, Hints, Report, is_blank
from toolkit.ui.messages import box
from toolkit.ui.render import grading

__all__ = [
    "REPAIR_CODES",
    "SavedDesign",
    "assign_owners",
    "check_case_basics",
    "check_case_requirements",
    "check_owners",
    "check_repair",
    "design_builder",
    "hint_case",
    "hint_owners",
    "hint_repair",
    "missing_from",
    "my_case",
    "path_errors",
    "requirements_left",
    "same_alliance",
    "sales_groups",
    "seat_errors",
    "working_groups",
    "wrong_owners",
]

#: every error a draft of Part B can have: about seats, then about paths and decisions
REPAIR_CODES = SEAT_CODES + PATH_CODES


def my_case() -> Case:
    """The student's own case (their variant; the practice case when no student id is known)."""
    from toolkit.governance.cases import VARIANTS

    return VARIANTS.mine()


class SavedDesign:
    """A builder's design as its file holds it, without the builder (while nbgrader runs).

    A grading or validating kernel shows no widget to anybody: it needs the design the
    student saved, loaded exactly as :class:`~toolkit.governance.widget.GovernanceBuilder`
    loads it (a file that cannot be used is kept aside and the start design used instead),
    and a still picture of the review for the feedback.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "my-design.json"
    >>> view = SavedDesign(path, alliance="A + B", partners=["A", "B"])
    >>> view.design.partners, view.saved
    (['A', 'B'], False)
    """

    def __init__(self, path, *, start=None, alliance: str = "", partners=()):
        from toolkit.ui.saved import load_saved

        self.path = Path(path)
        saved, self.problem = load_saved(
            self.path, lambda data: from_dict(data, name=self.path.name), None
        )
        self.saved = saved is not None
        if saved is None:
            saved = start.copy() if start is not None else Design(alliance, list(partners), [])
        self._design = saved

    @property
    def design(self) -> Design:
        """A copy of the design."""
        return self._design.copy()

    def __repr__(self) -> str:
        return f"<design saved in {self.path.name}: {len(self._design.bodies)} bodies>"

    def _repr_html_(self) -> str:
        n = counts(review(self._design))
        where = f"saved in {self.path.name}" if self.saved else f"nothing saved in {self.path.name}"
        text = (
            f"<b>Your design</b> ({where}): {len(self._design.bodies)} bodies, "
            f"{n['error']} errors and {n['warning']} warnings in the review."
        )
        return box(text, "ok" if self.saved and not n["error"] else "info", escape=False)


def design_builder(path, **kwargs):
    """The assignment's builder; while nbgrader grades or validates, :class:`SavedDesign`.

    Parameters are those of :class:`~toolkit.governance.widget.GovernanceBuilder`
    (``start``, ``alliance``, ``partners``). Nobody sees the widget in a grading kernel, so
    grading does not pay for building it.
    """
    if grading():
        return SavedDesign(path, **kwargs)
    from toolkit.governance.widget import GovernanceBuilder

    return GovernanceBuilder(path, **kwargs)


def _case(case: Case | None) -> Case:
    return my_case() if case is None else case


# --- Part A -----------------------------------------------------------------------------
def check_case_basics(design: Design, case: Case | None = None) -> Report:
    """Part A, first checks: the design has bodies, the case's partners, and no errors."""
    case = _case(case)
    errors = draft_errors(design)
    checks = [
        Check(
            "You built a design (it has bodies)",
            bool(design.bodies),
            "Build it with the builder above; it is saved on every change.",
        ),
        Check(
            "The partners are the two companies of your case",
            set(design.distinct_partners()) == set(case.partners),
            "Set the partners to: " + ", ".join(case.partners) + ".",
        ),
        Check(
            "The design is workable (the review finds no errors)",
            bool(design.bodies) and not errors,
            f"The review lists {len(errors)} errors; the builder's panel shows each one "
            "with a hint.",
        ),
    ]
    return Report("governance-design.case-design", checks, hidden_tests=True)


def working_groups(design: Design, function: str) -> list:
    """Operational bodies with a member of ``function`` from every partner."""
    partners = set(design.distinct_partners())
    return [
        b
        for b in design.bodies
        if b.tier == "operational"
        and partners
        and partners <= {m.partner for m in b.members if (m.function or "").lower() == function}
    ]


def sales_groups(design: Design) -> list:
    """Operational bodies with a salesperson (function ``sales``) of every partner."""
    return working_groups(design, "sales")


def _seated(design: Design, tier: str, role: str) -> set:
    return {m.person for b in design.bodies if b.tier == tier for m in b.members if m.role == role}


def check_case_requirements(design: Design, case: Case | None = None) -> Report:
    """Part A, the case's own requirements that can be checked here."""
    case = _case(case)
    sponsors = _seated(design, "steering", "executive_sponsor")
    named = [(p.name, p.company) for p in case.sponsors]
    checks = [
        Check(
            "The sponsors named in the case are executive sponsors on a steering body",
            all(s in sponsors for s in named),
            "Seat "
            + " and ".join(f"{n} ({c})" for n, c in named)
            + " on the steering body with the role Executive sponsor.",
        ),
        Check(
            f"A {case.group_name} has a member of function {case.group_function} from each partner",
            bool(working_groups(design, case.group_function)),
            f"Add an operational body, and give a member of each partner the function "
            f"'{case.group_function}'.",
        ),
    ]
    return Report("governance-design.case-design", checks, hidden_tests=True)


def requirements_left(design: Design, case: Case) -> list[str]:
    """Every requirement of the case (3 to 8) that the design does not meet, in words."""
    left = []
    sponsors = _seated(design, "steering", "executive_sponsor")
    if not all((p.name, p.company) in sponsors for p in case.sponsors):
        left.append("the executive sponsors are not " + " and ".join(p.name for p in case.sponsors))
    managers = _seated(design, "management", "alliance_manager")
    if not all((p.name, p.company) in managers for p in case.managers):
        left.append("the alliance managers are not " + " and ".join(p.name for p in case.managers))
    groups = working_groups(design, case.group_function)
    if not groups:
        left.append(f"there is no {case.group_name}")
    days = [escalation_days_to_steering(design, g) for g in groups]
    if groups and not any(d is not None and d <= case.escalation_days for d in days):
        left.append(f"no {case.group_name} reaches the steering committee within "
                    f"{case.escalation_days} days")  # fmt: skip
    if any(f.code == "escalation-time-missing" for f in review(design)):
        left.append("a body escalates without saying after how many days")
    steering = [b for b in design.bodies if b.tier == "steering"]
    if not steering or any(b.meets_every_days > case.steering_every_days for b in steering):
        left.append(f"the steering committee meets less often than every "
                    f"{case.steering_every_days} days")  # fmt: skip
    return left


# --- Part B -----------------------------------------------------------------------------
def seat_errors(design: Design) -> list[str]:
    """The review's errors about who sits on which body (one code per finding)."""
    return [code for code in draft_errors(design) if code in SEAT_CODES]


def path_errors(design: Design) -> list[str]:
    """The review's errors about escalation paths and decision rights (one per finding)."""
    return [code for code in draft_errors(design) if code not in SEAT_CODES]


def missing_from(draft: Design, repaired: Design) -> list[str]:
    """What of the draft the repair lost: bodies (by id and tier) and people, in words."""
    kept = {(b.id, b.tier) for b in repaired.bodies}
    people = {m.person for b in repaired.bodies for m in b.members}
    lost = [f"the body {b.id} ({b.tier})" for b in draft.bodies if (b.id, b.tier) not in kept]
    seen = set()
    for body in draft.bodies:
        for m in body.members:
            if m.person not in people and m.person not in seen:
                seen.add(m.person)
                lost.append(f"{m.name} ({m.partner})")
    return lost


def same_alliance(draft: Design, repaired: Design) -> bool:
    """Whether the repair is of this draft: the same alliance and partners."""
    return repaired.alliance == draft.alliance and set(repaired.distinct_partners()) == set(
        draft.distinct_partners()
    )


def check_repair(original: Design, repaired: Design) -> Report:
    """Part B: the draft's errors are gone, and the alliance, bodies and people are kept."""
    seats, paths = seat_errors(repaired), path_errors(repaired)
    lost = missing_from(original, repaired)
    checks = [
        Check(
            "The alliance and its partners are the draft's",
            same_alliance(original, repaired),
            "Repair the draft you were given: keep its alliance and partners. If the builder "
            "shows another alliance, it holds an older repair: pick the draft's alliance again.",
        ),
        Check(
            "No error about who sits on which body is left",
            not seats,
            "Still reported: " + ", ".join(sorted(set(seats))) + ". Read each hint in the "
            "review panel."
            if seats
            else "",
        ),
        Check(
            "No error about escalation or decision rights is left",
            not paths,
            "Still reported: " + ", ".join(sorted(set(paths))) + ". Read each hint in the "
            "review panel."
            if paths
            else "",
        ),
        Check(
            "Every body and every person of the draft is still there",
            not lost,
            "Put back: " + ", ".join(lost) + "." if lost else "",
        ),
    ]
    return Report("governance-design.repair", checks, hidden_tests=True)


# --- Part C -----------------------------------------------------------------------------
def assign_owners(design: Design, owners: dict) -> Design:
    """A copy of ``design`` in which each decision of ``owners`` belongs to that body only.

    Parameters
    ----------
    design : Design
        The design to change (it is not modified).
    owners : dict
        Decision key -> the ``id`` of the body that owns it.

    Returns
    -------
    Design
        The decisions listed in ``owners`` are taken from every body, then given to their
        owner (an owner that is not a body's id leaves the decision unowned).
    """
    new = design.copy()
    if not isinstance(owners, dict):
        return new
    for body in new.bodies:
        body.decides = [k for k in body.decides if k not in owners]
    for key, owner in owners.items():
        body = new.body(owner) if isinstance(owner, str) else None
        if body is not None and key not in body.decides:
            body.decides.append(key)
    return new


def check_owners(design: Design, owners) -> Report:
    """Part C: each core decision has exactly one owner, an existing body."""
    blank = is_blank(owners) or not isinstance(owners, dict)
    ids = {b.id for b in design.bodies}
    named = {} if blank else owners
    unknown = [f"{k} -> {v!r}" for k, v in named.items() if v not in ids]
    counts = {k: sum(k in b.decides for b in design.bodies) for k in CORE_DECISIONS}
    checks = [
        Check(
            "You wrote a dictionary of owners", not blank, 'Write it like {"strategy": "jsc", ...}.'
        ),
        Check(
            "Every core decision is in your dictionary",
            not blank and all(k in named for k in CORE_DECISIONS),
            "The core decisions are: " + ", ".join(CORE_DECISIONS) + ".",
        ),
        Check(
            "Every owner is the id of a body of the design",
            not blank and not unknown,
            "Unknown ids: " + ", ".join(unknown) + ". Use the ids shown in brackets in the "
            "decision-rights chart."
            if unknown
            else "Use the bodies' ids.",
        ),
        Check(
            "Each core decision has exactly one owning body",
            all(n == 1 for n in counts.values()),
            "Decisions with no or several owners: "
            + ", ".join(k for k, n in counts.items() if n != 1)
            + ".",
        ),
    ]
    return Report("governance-design.decision-owners", checks, hidden_tests=True)


def wrong_owners(design: Design, decisions) -> list[str]:
    """The decisions of ``decisions`` not owned by exactly one body of the rule-of-thumb tier."""
    wrong = []
    for key in decisions:
        owners = [b for b in design.bodies if key in b.decides]
        if len(owners) != 1 or owners[0].tier != rule_of_thumb_tier(key):
            wrong.append(key)
    return wrong


# --- hints ---------------------------------------------------------------------------------
hint_case = Hints(
    "governance-design.case-design",
    [
        "Turn the case into a checklist: which partners, which people with which role, which "
        "joint work needs a group, and how many days an issue may take to reach the top.",
        "Build from the top down: a steering body with the two sponsors and the two alliance "
        "managers, a management body with the alliance managers, and the joint working group "
        "the case asks for, with people from both sides. Then give each lower body an "
        "'Escalates to' and a number of days, and add the days up along the path.",
        "Worked example for another alliance, 'Brightpath + Omnicorp': an Alliance Board "
        "(both sponsors and both alliance managers, every 90 days), an Alliance Managers team "
        "(every 14 days, escalating to the board after 10 days) and a Go-to-Market Group (every "
        "7 days, escalating to the managers after 5 days): its path to the top takes 5 + 10 = "
        "15 days. Start a builder from 'lean-startup-enterprise' to look at it.",
    ],
)

hint_repair = Hints(
    "governance-design.repair",
    [
        "Read the review panel of the repair builder: each error names the body and says "
        "what is missing.",
        "Fix one error at a time and keep everything else: pick the body the review names, "
        "add the missing person or change its setting, and never remove a body or a person "
        "for good (to change someone's role, remove them and add them again with the new "
        "role). A decision listed by two bodies is fixed by taking it from one of them.",
        "Worked example on another draft: a management team set to escalate to 'nobody' gives "
        "`no-escalation`; picking the steering committee under 'Escalates to', typing 10 "
        "days and clicking 'Apply settings' makes it go away, and nothing else changes.",
    ],
)

hint_owners = Hints(
    "governance-design.decision-owners",
    [
        "Each of the four core decisions needs exactly one owner: a decision with two owners "
        "is a conflict, one with none is a gap.",
        "The chart shows each body's id in brackets; the rule of thumb in the text says which "
        "tier owns direction and which owns the joint plan. Write the ids, not the names.",
        "Worked example for another alliance whose bodies are 'board' (steering) and 'ops' "
        '(management): owners = {"pricing": "board", "launch_plan": "ops"} gives each of '
        "those two decisions one owner.",
    ],
)
