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
>>> question = owners_question(case)
>>> list(question.items.values())
['Strategy', 'Investment', 'Joint business plan', 'Dispute resolution']
>>> [name for name in question.options.values()][:2]
['Leadership Forum', 'Alliance Programme Team']
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
from toolkit.governance.model import CORE_DECISIONS, Design, body_labels, name_of
from toolkit.governance.review import counts, escalation_days_to_steering, review
from toolkit.selfstudy.checks import Check, Hints, Report
from toolkit.ui.answers.questions import Matching, describe_saved, read_saved
from toolkit.ui.messages import Text, box
from toolkit.ui.render import grading
from toolkit.ui.saved import StoreError, load_json

__all__ = [
    "CASE_DESIGN_FILE",
    "OWNERS_FILE",
    "REPAIR_CODES",
    "REPAIR_FILE",
    "SavedAnswer",
    "SavedDesign",
    "answer_owners",
    "assign_owners",
    "check_case_basics",
    "check_case_requirements",
    "check_owners",
    "check_repair",
    "decided_design",
    "describe_design",
    "describe_owners",
    "design_builder",
    "hint_case",
    "hint_owners",
    "hint_repair",
    "missing_from",
    "my_case",
    "owners_question",
    "path_errors",
    "repair_report",
    "requirements_left",
    "same_alliance",
    "sales_groups",
    "saved_design",
    "saved_owners",
    "seat_errors",
    "working_groups",
    "wrong_owners",
]

#: every error a draft of Part B can have: about seats, then about paths and decisions
REPAIR_CODES = SEAT_CODES + PATH_CODES
#: where the builders and the answer control of Parts A, B and C save, beside the notebook
CASE_DESIGN_FILE = "governance-design.json"
REPAIR_FILE = "repaired-design.json"
OWNERS_FILE = "decision-owners.answer.json"


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


def saved_design(path) -> Design | None:
    """The design a builder saved in ``path``, or ``None`` when nothing usable is saved there.

    For the check cells: they read what the participant built from its file, not from the
    kernel, so that they work the same while nbgrader grades. Nothing is moved or changed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.governance import save, template
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "governance-design.json"
    >>> saved_design(path) is None
    True
    >>> save(template("lean-startup-enterprise"), path)
    >>> len(saved_design(path).bodies)
    3
    >>> _ = path.write_text("{not json")
    >>> saved_design(path) is None, path.exists()
    (True, True)
    """
    path = Path(path)
    try:
        content = load_json(path, None, keep_damaged=False)
    except StoreError:
        return None
    if content is None:
        return None
    try:
        return from_dict(content, name=path.name)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _days(n) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def describe_design(design: Design | None, path, *, what: str = "design") -> Text:
    """What the participant built, in words: every body, its tier and cadence, and the review.

    Examples
    --------
    >>> from toolkit.governance.templates import template
    >>> print(describe_design(None, "governance-design.json"))
    Nothing saved yet in governance-design.json: build your design with the builder above.
    >>> print(describe_design(template("lean-startup-enterprise"), "governance-design.json"))
    Your design (saved in governance-design.json) of the alliance Brightpath + Omnicorp lean
    alliance has 3 bodies: the Alliance Board (steering, 4 people, meeting every 90 days); ...
    """
    name = Path(path).name
    if design is None:
        todo = "repair the draft" if what == "repair" else f"build your {what}"
        return Text(f"Nothing saved yet in {name}: {todo} with the builder above.")
    if not design.bodies:
        return Text(
            f"Your {what} (saved in {name}) of the alliance {design.alliance} has no bodies yet: "
            "add them "
            "with the builder above."
        )
    bodies = []
    for body in design.bodies:
        up = design.body(body.escalates_to) if body.escalates_to else None
        where = (
            f", escalating to the {up.name} after {_days(body.escalation_days)}"
            if up is not None and body.escalation_days
            else ""
        )
        bodies.append(
            f"the {body.name} ({name_of(body.tier).lower()}, {len(body.members)} people, "
            f"meeting every {_days(body.meets_every_days)}{where})"
        )
    n = counts(review(design))
    listed = "; ".join(bodies)
    errors = "1 error" if n["error"] == 1 else f"{n['error']} errors"
    warnings = "1 warning" if n["warning"] == 1 else f"{n['warning']} warnings"
    return Text(
        f"Your {what} (saved in {name}) of the alliance {design.alliance} has {len(design.bodies)} "
        f"{'body' if len(design.bodies) == 1 else 'bodies'}: {listed}. The review finds "
        f"{errors} and {warnings}."
    )


def _case(case: Case | None) -> Case:
    return my_case() if case is None else case


# --- Part A -----------------------------------------------------------------------------
def check_case_basics(design: Design | None, case: Case | None = None) -> Report:
    """Part A, first checks: the design has bodies, the case's partners, and no errors.

    ``design`` is ``None`` when nothing is saved yet (:func:`saved_design`).
    """
    case = _case(case)
    design = design if design is not None else Design(case.alliance, [], [])
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


def check_case_requirements(design: Design | None, case: Case | None = None) -> Report:
    """Part A, the case's own requirements that can be checked here (``None``: nothing built)."""
    case = _case(case)
    design = design if design is not None else Design(case.alliance, [], [])
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
    """What of the draft the repair lost: bodies (by name and tier) and people, in words.

    A body counts as kept when the repair has a body of the same id and tier (the files
    keep ids); it is named by what a participant reads (:func:`body_labels`).
    """
    kept = {(b.id, b.tier) for b in repaired.bodies}
    people = {m.person for b in repaired.bodies for m in b.members}
    lost = [
        f"the body {label}"
        for b, label in zip(draft.bodies, body_labels(draft), strict=True)
        if (b.id, b.tier) not in kept
    ]
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


def _repair_checks(original: Design, repaired: Design | None) -> dict[str, Check]:
    """Every check of Part B by name; ``repaired`` is ``None`` when nothing is saved yet."""
    saved = repaired is not None
    repaired = repaired if saved else original
    seats, paths = seat_errors(repaired), path_errors(repaired)
    lost = missing_from(original, repaired)
    return {
        "saved": Check(
            "You saved a repair (the repair builder saves it on every change)",
            saved,
            "Repair the draft with the builder above: it starts from the draft and saves "
            f"{REPAIR_FILE} on every change.",
        ),
        "alliance": Check(
            "The alliance and its partners are the draft's",
            same_alliance(original, repaired),
            "Repair the draft you were given: keep its alliance and partners. If the builder "
            "shows another alliance, it holds an older repair: pick the draft's alliance again.",
        ),
        "seats": Check(
            "No error about who sits on which body is left",
            not seats,
            "Still reported: " + ", ".join(sorted(set(seats))) + ". Read each hint in the "
            "review panel."
            if seats
            else "",
        ),
        "paths": Check(
            "No error about escalation or decision rights is left",
            not paths,
            "Still reported: " + ", ".join(sorted(set(paths))) + ". Read each hint in the "
            "review panel."
            if paths
            else "",
        ),
        "fixed": Check(
            "At least one of the draft's errors is fixed",
            len(draft_errors(repaired)) < len(draft_errors(original)),
            "Fix the errors the review panel lists, one at a time.",
        ),
        "kept": Check(
            "Every body and every person of the draft is still there",
            not lost,
            "Put back: " + ", ".join(lost) + "." if lost else "",
        ),
    }


#: the checks of each graded cell of Part B
REPAIR_PARTS = {
    "seats": ("saved", "alliance", "seats"),
    "paths": ("saved", "alliance", "paths"),
    "kept": ("saved", "alliance", "fixed", "kept"),
}


def check_repair(original: Design, repaired: Design | None) -> Report:
    """Part B: the draft's errors are gone, and the alliance, bodies and people are kept.

    ``repaired`` is ``None`` when nothing is saved yet (:func:`saved_design`).
    """
    checks = _repair_checks(original, repaired)
    names = ("saved", "alliance", "seats", "paths", "kept")
    return Report("governance-design.repair", [checks[n] for n in names], hidden_tests=True)


def repair_report(original: Design, repaired: Design | None, part: str) -> Report:
    """The checks of one graded cell of Part B: ``"seats"``, ``"paths"`` or ``"kept"``.

    Examples
    --------
    >>> from toolkit.governance.cases import case_for
    >>> draft = case_for(3).draft
    >>> print(repair_report(draft, None, "seats").checks[0].what)
    You saved a repair (the repair builder saves it on every change)
    >>> repair_report(draft, draft, "kept").passed
    False
    """
    if part not in REPAIR_PARTS:
        msg = f"no part {part!r} of the repair; use one of: {', '.join(REPAIR_PARTS)}"
        raise ValueError(msg)
    checks = _repair_checks(original, repaired)
    return Report(
        "governance-design.repair", [checks[n] for n in REPAIR_PARTS[part]], hidden_tests=True
    )


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


def owners_question(case: Case) -> Matching:
    """Part C's question: each core decision (by its name) to one body of the tangled design.

    The bodies are offered by the names the participant reads in the chart; the answer file
    keeps their ids (``{"strategy": "<steering body's id>", ...}``), the shape
    :func:`assign_owners` takes.
    """
    return Matching(
        "The body that owns each core decision",
        items={key: name_of(key) for key in CORE_DECISIONS},
        options=case.decisions.bodies,
        sentence="{item} is decided by {option}",
    )


class SavedAnswer:
    """An answer control's saved answer, shown in words, without the control.

    What a grading or validating kernel shows in place of the control (nobody sees a widget
    there, and a file saved for another variant must stay where it is for the checks).
    """

    def __init__(self, question, path, *, variant=None):
        self.question, self.path, self.variant = question, Path(path), variant

    @property
    def value(self):
        """The saved answer (``None`` when nothing usable is saved)."""
        return read_saved(self.question, self.path, self.variant)

    def describe(self) -> str:
        """The saved answer in one sentence."""
        return describe_saved(self.question, self.path, self.variant)

    def __repr__(self) -> str:
        return self.describe()

    def _repr_html_(self) -> str:
        return box(self.describe(), "info")


def answer_owners(case: Case, path=OWNERS_FILE):
    """Part C's answer control: a drop-down of the bodies for each core decision.

    It saves to ``path`` on every change and comes back after a restart; while nbgrader
    grades or validates, the saved answer in words (:class:`SavedAnswer`).
    """
    question = owners_question(case)
    if grading():
        return SavedAnswer(question, path, variant=case.number)
    from toolkit.ui.answers import answer_control

    return answer_control(question, path, variant=case.number)


def saved_owners(case: Case, path=OWNERS_FILE) -> dict | None:
    """The owners the participant matched, ``{decision: body id}``, or ``None`` (for checks)."""
    return read_saved(owners_question(case), path, variant=case.number)


def describe_owners(case: Case, path=OWNERS_FILE) -> Text:
    """Part C's saved answer in words ("Strategy is decided by the Leadership Forum. ...")."""
    return Text(describe_saved(owners_question(case), path, variant=case.number))


def decided_design(case: Case, path=OWNERS_FILE) -> Design:
    """The tangled design with the saved owners applied (the tangled one if nothing is saved)."""
    return assign_owners(case.decisions, saved_owners(case, path) or {})


def check_owners(design: Design, owners) -> Report:
    """Part C: each core decision is matched to a body, and has exactly one owner.

    Parameters
    ----------
    design : Design
        The design with the owners applied (:func:`decided_design`).
    owners : dict or None
        The saved answer, ``{decision: body id}`` (``None`` when nothing is saved yet).
    """
    named = owners if isinstance(owners, dict) else {}
    left = [name_of(k) for k in CORE_DECISIONS if k not in named]
    counts = {k: sum(k in b.decides for b in design.bodies) for k in CORE_DECISIONS}
    checks = [
        Check(
            "You matched each core decision to a body",
            not left,
            f"Not matched yet: {', '.join(left)}. Pick a body for each in the lists above."
            if left
            else "",
        ),
        Check(
            "Each core decision has exactly one owning body",
            all(n == 1 for n in counts.values()),
            "Decisions with no or several owners: "
            + ", ".join(name_of(k) for k, n in counts.items() if n != 1)
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
        "Find each body's tier in the chart of the design (its row: steering at the top, "
        "management below it); the rule of thumb in the text says which tier owns direction "
        "and which owns the joint plan. Then pick that body in each decision's list.",
        "Worked example for another alliance whose bodies are an 'Alliance Board' (steering) "
        "and an 'Operations Team' (management): picking the Alliance Board for pricing and the "
        "Operations Team for the launch plan gives each of those two decisions one owner, and "
        "the chart of your decisions shows one green cell in each of their rows.",
    ],
)
