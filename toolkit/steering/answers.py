"""Reading a participant's answer that names items: a list of names, and those not known.

Shared by the steering lessons whose exercises ask for a list of names (the dashboard's items,
the proposals of a meeting).

Examples
--------
>>> names_in(["win_rate ", "trust"])
['win_rate', 'trust']
>>> names_in("win_rate") is None
True
>>> unknown_names(["trsut"], ["trust", "win_rate"])
"Not an item here: 'trsut'. Did you mean 'trust'?"
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.ui.messages import did_you_mean

__all__ = ["names_in", "unknown_names"]


def names_in(answer) -> list[str] | None:
    """A list of names from a list, tuple or set of text (``None`` for anything else)."""
    if isinstance(answer, str) or not isinstance(answer, Iterable) or isinstance(answer, dict):
        return None
    items = list(answer)
    if not all(isinstance(i, str) for i in items):
        return None
    return [i.strip() for i in items]


def unknown_names(names: list[str], known: list[str]) -> str:
    """A sentence naming the names not among ``known`` (with a guess), or ``""`` if none."""
    wrong = [n for n in names if n not in known]
    if not wrong:
        return ""
    return f"Not an item here: {', '.join(map(repr, wrong))}.{did_you_mean(wrong[0], known)}"
