"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: each agenda item to the body that owns its decision. The check looks at properties
of the student's answer and derives what it needs from the design's decision rights when it
runs; no answer is written down here. A failed check says what to look at, never the answer.

Examples
--------
>>> check_agenda({}).passed
False
"""

from __future__ import annotations

from toolkit.governance.model import Design
from toolkit.selfstudy.checks import Check, Hints, Report, answered, naming
from toolkit.steering.agenda.model import AGENDA, constellation_design, owners_of, route

__all__ = [
    "check_agenda",
    "hint_agenda",
]


def check_agenda(routing, design: Design | None = None) -> Report:
    """Each agenda item sent to the body that owns its decision (or down to management)."""
    design = design or constellation_design()
    ids = [item.id for item in AGENDA]
    bodies = {b.id for b in design.bodies}
    names = {b.name.casefold(): b.id for b in design.bodies}
    is_dict = isinstance(routing, dict) and bool(routing)
    picks = {}
    if is_dict:
        for key, value in routing.items():
            text = str(value).strip()
            picks[str(key)] = names.get(text.casefold(), text)
    missing = [i for i in ids if i not in picks]
    strangers = sorted({v for v in picks.values() if v not in bodies})
    owned_wrong, unowned_wrong = [], []
    for item in AGENDA:
        if item.id not in picks:
            continue
        right, _ = route(design, item.decision)
        if picks[item.id] != right:
            (owned_wrong if owners_of(design, item.decision) else unowned_wrong).append(item.id)
    checks = [
        answered(routing, "the picks of the widget, router.routing"),
        Check(
            "The answer is a dict of agenda item -> body",
            is_dict,
            "Pick a body for each item in the widget and use router.routing, or write "
            '{"trade-fair": "bids", ...}.',
        ),
        Check(
            "Every agenda item has a body",
            is_dict and not missing,
            naming("Still to place: ", missing, otherwise="Pick a body for every item."),
        ),
        Check(
            "Every body is a body of the design",
            is_dict and not strangers,
            naming(
                "No such body: ",
                map(repr, strangers),
                tail="; the bodies are ",
                otherwise="The bodies are ",
            )
            + f"{', '.join(sorted(bodies))}.",
        ),
        Check(
            "Each item goes to the body that owns its decision",
            is_dict and not missing and not owned_wrong,
            naming(
                "Look again, in the decision-rights matrix, at: ",
                owned_wrong,
                otherwise="Place every item first, then compare each with its row in the "
                "decision-rights matrix.",
            ),
        ),
        Check(
            "An item whose decision nobody owns goes down to the management team",
            is_dict and not missing and not unowned_wrong,
            naming(
                "Nobody owns the decision of: ",
                unowned_wrong,
                tail="; the team that runs the alliance day to day takes it.",
                otherwise="Place every item first; an item whose decision nobody owns goes to "
                "the team that runs the alliance day to day.",
            ),
        ),
    ]
    return Report("steering.agenda", checks)


hint_agenda = Hints(
    "steering.agenda",
    [
        "Use the decision-rights matrix under the drop-downs: each row is a decision, and the "
        "marked cell shows the body that owns it.",
        "Each item needs one decision: strategy, investment, dispute resolution, the joint "
        "business plan, pricing, bid staffing, or one nobody owns yet. Send the item to the "
        "body that owns that decision; if nobody owns it, down to the management team.",
        "Worked example from lesson 02's enterprise design: a question about the product "
        "roadmap goes to the Technical Integration Group, whose row in the matrix is marked; "
        "a question about the date of a sales training, which no body owns, goes to the "
        "Alliance Management Team, and the committee gives that decision an owner.",
    ],
)
