"""The self-check and hints of a lesson 05 exercise (``05-the-steering-committee``).

The exercise: what the quarterly meeting must discuss. The check looks at properties of the
student's answer and derives what it needs from the dashboard's discussion rules when it runs;
no answer is written down here. A failed check says what to look at, never the answer.

Examples
--------
>>> check_discussion(...).passed
False
"""

from __future__ import annotations

from toolkit.selfstudy.checks import Check, Hints, Report, answered, naming
from toolkit.steering.answers import names_in, unknown_names
from toolkit.steering.dashboard.model import discussion_plan, quarterly_dashboard

__all__ = [
    "DISCUSS",
    "check_discussion",
    "hint_discussion",
]

# what the exercise asks about (the question, not the answer)
DISCUSS = {"alliance": "Constellation", "quarter": 16}


def check_discussion(chosen) -> Report:
    """What Constellation's quarterly meeting must discuss (the dashboard's discussion rules)."""
    plan = discussion_plan(quarterly_dashboard(DISCUSS["alliance"], DISCUSS["quarter"]))
    names = names_in(chosen)
    listed = names is not None and bool(names)
    unknown = unknown_names(names, list(plan)) if listed else ""
    must = {k for k, v in plan.items() if v.verdict == "must"}
    idle = [n for n in names or [] if n in plan and plan[n].verdict == "no"]
    missing = must - set(names or [])
    checks = [
        answered(chosen, "the list of ticked items, board.chosen"),
        Check(
            "The answer is a list of item names",
            listed,
            "Tick items in the dashboard and use board.chosen, or write a list such as "
            '["win_rate", "trust"].',
        ),
        Check("Every name is an item of the dashboard", listed and not unknown, unknown),
        Check(
            "Every item the meeting must discuss is on the list",
            listed and not missing,
            f"{len(missing)} of them are missing: read the leading measures first (red ones, "
            "and those that fell by a quarter or more), then the health check's gaps.",
        ),
        Check(
            "Nothing on the list can be left alone",
            listed and not idle,
            naming(
                "These are on target and not falling, or seen alike by all partners: ",
                idle,
                otherwise="Tick the items in the dashboard first, then leave off those on "
                "target, not falling and seen alike by all partners.",
            ),
        ),
    ]
    return Report("steering.discuss", checks)


hint_discussion = Hints(
    "steering.discuss",
    [
        "Start at the top of the tick list, with the leading measures: which are red, and "
        "which fell most against the year before?",
        "The meeting must discuss every leading measure in red, every leading indicator that "
        "fell by 25 % or more, and every health dimension two partners see a full point "
        "apart (or one partner scores below 2.5). Lagging results may be noted, not required.",
        "Worked example from another alliance: Harbor's last dashboard shows its revenue on "
        "target while its deal registrations, sponsor meetings and campaigns have collapsed. "
        "The committee puts those drivers first on the agenda, then the dimensions Harbor's "
        "people score lowest, and leaves the revenue line alone: it is on target, for now.",
    ],
)
