"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: the proposals consensus leaves blocked, ticked by their titles
(:func:`answer_blocked`, saved in :data:`BLOCKED_FILE`). The check reads the saved answer
(:func:`saved_blocked`), looks at its properties and derives what it needs from the partners'
positions and the decision rules when it runs; no answer is written down here. A failed check
says what to look at, never the answer.

Examples
--------
>>> hint_blocked.given = 0
>>> print(hint_blocked())
Hint 1 of 3: Look at the Consensus column of the grid above the exercise.
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / BLOCKED_FILE
>>> control = answer_blocked(path)
>>> control.choices.options[:2]
['Hire a shared bid manager', 'Take the joint offer to hospitals']
>>> control.choices.value = [1]
>>> saved_blocked(path)
['hospitals']
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, naming
from toolkit.steering.answers import names_in, unknown_names
from toolkit.steering.decisions.model import PROPOSALS, outcome
from toolkit.ui.answers import SeveralOf, answer_control, read_saved

__all__ = [
    "BLOCKED_FILE",
    "answer_blocked",
    "blocked_question",
    "check_blocked",
    "hint_blocked",
    "saved_blocked",
]

#: the exercise's answer file, beside the notebook
BLOCKED_FILE = "steering-blocked.answer.json"


def blocked_question() -> SeveralOf:
    """The question: the meeting's proposals, by their titles; tick those consensus blocks."""
    return SeveralOf(
        "Proposals that consensus leaves blocked",
        {p.id: p.title for p in PROPOSALS},
        sentence="You said consensus leaves these blocked: {}",
    )


def answer_blocked(path=BLOCKED_FILE):
    """The exercise's control: a check box per proposal, saved in ``path`` as you tick."""
    return answer_control(blocked_question(), path)


def saved_blocked(path=BLOCKED_FILE):
    """The proposals ticked so far (their ids), or ``None`` when nothing was saved yet."""
    return read_saved(blocked_question(), path)


def check_blocked(blocked) -> Report:
    """The proposals that consensus leaves blocked (from the partners' positions)."""
    ids = [p.id for p in PROPOSALS]
    names = names_in(blocked)
    listed = names is not None
    unknown = unknown_names(names, ids) if listed else ""
    stuck = {p.id for p in PROPOSALS if outcome(p.votes, "consensus") == "blocked"}
    settled = [n for n in names or [] if n in ids and n not in stuck]
    checks = [
        Check(
            "You ticked the proposals with the check boxes above",
            blocked is not None and blocked is not ...,
            "Tick the proposals in the check boxes above; your picks are saved as you go.",
        ),
        Check(
            "The answer is a list of proposals",
            listed,
            "Tick the proposals in the check boxes above.",
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
        "blocked. Tick the proposals by their titles, as the grid shows them.",
        "Worked example with four partners: for, for, for and against is blocked under "
        "consensus but approved by a majority; against four times is rejected under every "
        "rule, so it is not blocked.",
    ],
)
