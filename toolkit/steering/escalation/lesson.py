"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: an escalation that no longer stalls. The check looks at properties of the
student's answer and derives what it needs from the escalation walk and the design review when
it runs; no answer is written down here. A failed check says what to look at, never the answer.

Examples
--------
>>> check_escalation(None).passed
False
"""

from __future__ import annotations

from toolkit.governance.model import Design
from toolkit.governance.review import review
from toolkit.selfstudy.checks import Check, Hints, Report, answered
from toolkit.steering.agenda.model import owners_of
from toolkit.steering.escalation.model import issue_named, walk_escalation

__all__ = [
    "ESCALATION_ISSUE",
    "check_escalation",
    "hint_escalation",
]

# what the exercise asks about (the question, not the answer)
ESCALATION_ISSUE = "ministry-bid-lead"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def check_escalation(design) -> Report:
    """A repaired design: the ministry-bid issue is settled in time, and the design still works."""
    issue = issue_named(ESCALATION_ISSUE)
    is_design = isinstance(design, Design)
    walk = None
    if is_design:
        try:
            walk = walk_escalation(design, issue)
        except ValueError:
            walk = None
    errors = [f for f in review(design) if f.severity == "error"] if is_design else []
    owners = owners_of(design, issue.decision) if is_design else []
    checks = [
        answered(design, "the design of the widget, walk.design"),
        Check(
            "The answer is a governance design",
            is_design,
            "Fix the design in the widget, then check walk.design.",
        ),
        Check(
            "The issue still starts in the bid group",
            walk is not None,
            f"Keep the body {issue.start!r}: that is where the issue is raised.",
        ),
        Check(
            "The design is still workable (the review finds no errors)",
            is_design and not errors,
            "The review finds: " + " ".join(f.message for f in errors[:2])
            if errors
            else "Fix the design in the widget until the review finds no errors.",
        ),
        Check(
            f"The decision ({issue.decision.replace('_', ' ')}) has exactly one owner",
            is_design and len(owners) == 1,
            "Give the decision to one body, and only one.",
        ),
        Check(
            "The issue no longer stalls",
            walk is not None and walk.verdict != "stalled",
            "Move the day slider and see where the bar stops: " + _lower(walk.summary())
            if walk
            else "Move the day slider and see where the bar stops.",
        ),
        Check(
            f"The issue is settled within its {issue.deadline}-day deadline",
            walk is not None and walk.in_time,
            "Follow the bars day by day: " + _lower(walk.summary())
            if walk
            else "Follow the bars day by day, from the day the issue is raised.",
        ),
    ]
    return Report("steering.escalation", checks)


hint_escalation = Hints(
    "steering.escalation",
    [
        "Move the day slider (or press 5 days on) and watch where the bar stops: the body where "
        "the issue stalls is the first thing to fix.",
        "A body that cannot decide needs a time limit to pass the issue on. Then the body "
        "that owns the decision must settle it before the deadline: give it a time limit, or "
        "give the decision to a body lower down, keeping one owner only.",
        "Worked example with other numbers: a customer complaint starts in a working group "
        "with a 7-day limit and goes to a management team with a 10-day limit; the steering "
        "committee owns it but has no time limit and meets every 60 days, so the complaint "
        "is settled on day 77. With a 20-day limit for the committee it is settled on day 37.",
    ],
)
