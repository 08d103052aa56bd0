"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: the proposals consensus leaves blocked. The check looks at properties of the
student's answer and derives what it needs from the partners' positions and the decision rules
when it runs; no answer is written down here. A failed check says what to look at, never the
answer.

Examples
--------
>>> hint_blocked.given = 0
>>> print(hint_blocked())
Hint 1 of 3: Look at the Consensus column of the grid above the exercise.
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, answered, naming
from toolkit.steering.answers import names_in, unknown_names
from toolkit.steering.decisions.model import PROPOSALS, outcome

__all__ = [
    "check_blocked",
    "hint_blocked",
]


def check_blocked(blocked) -> Report:
    """The proposals that consensus leaves blocked (from the partners' positions)."""
    ids = [p.id for p in PROPOSALS]
    names = names_in(blocked)
    listed = names is not None
    unknown = unknown_names(names, ids) if listed else ""
    stuck = {p.id for p in PROPOSALS if outcome(p.votes, "consensus") == "blocked"}
    settled = [n for n in names or [] if n in ids and n not in stuck]
    checks = [
        answered(blocked, "a list of proposal names in quotes"),
        Check(
            "The answer is a list of proposal names",
            listed,
            'Write it like ["proposal-a", "proposal-b"], with quotes and square brackets.',
        ),
        Check("Every name is a proposal of the meeting", listed and not unknown, unknown),
        Check(
            "Every proposal consensus blocks is on the list",
            listed and stuck <= set(names),
            "A proposal on which the partners do not all agree has no decision at all under "
            "consensus.",
        ),
        Check(
            "No proposal on the list is settled under consensus",
            listed and not settled,
            naming(
                "All the partners agree on these, so consensus settles them: ",
                settled,
                otherwise="Keep only the proposals on which the partners do not all agree.",
            ),
        ),
    ]
    return Report("steering.consensus", checks)


hint_blocked = Hints(
    "steering.consensus",
    [
        "Look at the Consensus column of the grid above the exercise.",
        "Under consensus a proposal is approved only if every partner is for it, and rejected "
        "only if every partner is against it; any split between the partners leaves it "
        "blocked. Use the names in the first column of the outcomes table.",
        "Worked example with four partners: for, for, for and against is blocked under "
        "consensus but approved by a majority; against four times is rejected under every "
        "rule, so it is not blocked.",
    ],
)
