"""Honest self-checks and tiered hints for every exercise of the course.

An exercise's checks look at *properties* of the student's answer and report, in plain
English, which passed and what to look at for those that did not. A failed check never
shows test code or the expected answer. Where the instructor's grading checks more than the
student can see, the report says so ("these checks passed; your instructor's grading may
check more") instead of claiming that everything passed.

Answers that must be compared exactly are stored as salted hashes (:func:`digest`), or
derived from the course data, never as plain values in the toolkit's source.

Examples
--------
>>> report = Report("demo.answer", [Check("The answer is a whole number", True),
...                                 Check("The answer matches the chart", False,
...                                       look_at="Read the month of the first bar.")],
...                 hidden_tests=True)
>>> print(report)
1 of 2 checks passed.
  ✔ The answer is a whole number
  ✘ The answer matches the chart — Read the month of the first bar.
>>> report.passed
False
>>> h = Hints("demo.answer", ["nudge", "pointer", "worked example"])
>>> h()
Hint 1 of 3: nudge
>>> [str(h()) for _ in range(3)]
['Hint 2 of 3: pointer', 'Hint 3 of 3: worked example', 'Hint 3 of 3: worked example']
>>> d = digest(7, salt="demo")
>>> matches(7, d, salt="demo"), matches(8, d, salt="demo")
(True, False)
>>> answered(...).passed, whole_number(7.5).passed, whole_number(7, low=0, high=12).passed
(False, False, True)
>>> naming("Not a call: ", ["'grow'"], otherwise="Use invest, fix, maintain or exit.")
"Not a call: 'grow'."
>>> naming("Not a call: ", [], otherwise="Use invest, fix, maintain or exit.")
'Use invest, fix, maintain or exit.'
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field

from toolkit.selfstudy import progress
from toolkit.ui.messages import box

__all__ = [
    "Check",
    "Hint",
    "Hints",
    "Report",
    "answered",
    "digest",
    "is_blank",
    "is_whole",
    "matches",
    "naming",
    "whole_number",
]

PASSED_NOTE = "These checks passed; your instructor's grading may check more."
ALL_VISIBLE_NOTE = "These checks passed. This exercise has no other checks."


@dataclass(frozen=True)
class Check:
    """One property of an answer: what it is, whether it holds, and where to look if not."""

    what: str
    passed: bool
    look_at: str = ""


@dataclass
class Report:
    """The result of running an exercise's checks; records progress when created.

    Displayed in a notebook it shows a short coloured list; ``str()`` gives the same as text.
    """

    exercise: str
    checks: list[Check]
    hidden_tests: bool = False
    status: str = field(init=False, default="")

    def __post_init__(self):
        self.status = progress.record(self.exercise, passed=self.passed)

    @property
    def passed(self) -> bool:
        """True when every visible check passed."""
        return all(c.passed for c in self.checks)

    def summary(self) -> str:
        """One line: how many checks passed, and what that means."""
        if self.passed:
            return PASSED_NOTE if self.hidden_tests else ALL_VISIBLE_NOTE
        n_ok = sum(c.passed for c in self.checks)
        return f"{n_ok} of {len(self.checks)} checks passed."

    def __str__(self) -> str:
        lines = [self.summary()]
        for c in self.checks:
            mark = "✔" if c.passed else "✘"
            tail = f" — {c.look_at}" if (not c.passed and c.look_at) else ""
            lines.append(f"  {mark} {c.what}{tail}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li>{'✔' if c.passed else '✘'} {html.escape(c.what)}"
            + (f" — <i>{html.escape(c.look_at)}</i>" if not c.passed and c.look_at else "")
            + "</li>"
            for c in self.checks
        )
        content = f"<b>{html.escape(self.summary())}</b><ul style='margin:4px 0'>{items}</ul>"
        return box(content, "ok" if self.passed else "error", escape=False, role="status")


class Hints:
    """Tiered hints for one exercise: each call gives the next tier, the last one repeats.

    Tiers go from a nudge, to a concrete pointer, to a worked example of a *similar*
    problem; none of them contains the answer.
    """

    def __init__(self, exercise: str, tiers: list[str]):
        if not tiers:
            msg = f"exercise {exercise!r} needs at least one hint"
            raise ValueError(msg)
        self.exercise = exercise
        self.tiers = list(tiers)
        self.given = 0

    def __call__(self) -> Hint:
        """Return the next hint (the last tier repeats once all were given)."""
        self.given = min(self.given + 1, len(self.tiers))
        return Hint(f"Hint {self.given} of {len(self.tiers)}: {self.tiers[self.given - 1]}")


class Hint(str):
    """A hint's text; shown in a notebook as plain text, without quotes."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return box(str(self), "hint")


def _normal(value) -> str:
    if isinstance(value, str):
        return " ".join(value.strip().lower().split())
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "|".join(sorted(_normal(v) for v in value))
    return str(value)


def digest(value, *, salt: str) -> str:
    """Salted SHA-256 of an answer, normalised (case, spaces, order of a collection)."""
    return hashlib.sha256(f"{salt}:{_normal(value)}".encode()).hexdigest()


def matches(value, expected_digest: str, *, salt: str) -> bool:
    """Whether ``value`` is the answer whose :func:`digest` is ``expected_digest``."""
    return digest(value, salt=salt) == expected_digest


def is_blank(value) -> bool:
    """Whether a student left the blank (``...`` or ``None``) unfilled."""
    return value is ... or value is None


def is_whole(value) -> bool:
    """Whether an answer is a whole number (an ``int``; not ``True``, not ``7.0``, not blank)."""
    return isinstance(value, int) and not isinstance(value, bool)


def answered(value, example: str = "your answer") -> Check:
    """The check every exercise starts with: the blank ``...`` was replaced.

    Parameters
    ----------
    value
        The student's answer.
    example : str, optional
        What to type instead, in words ("a month number", "a dimension name in quotes").
    """
    return Check("You gave an answer", not is_blank(value), f"Type {example} in place of the ...")


def naming(lead: str, names, *, otherwise: str, tail: str = ".") -> str:
    """A sentence that names ``names`` after ``lead``; ``otherwise`` when there are none.

    A check's advice must never list an empty set ("Not a call: ."): when the check failed
    for another reason (the answer is blank, or not a list), ``otherwise`` says what to do.
    """
    names = [str(n) for n in names or []]
    return f"{lead}{', '.join(names)}{tail}" if names else otherwise


def whole_number(
    value,
    *,
    low: int | None = None,
    high: int | None = None,
    unit: str = "months",
    example: int = 7,
) -> Check:
    """The check that an answer is a whole number, optionally within ``low`` to ``high``.

    Examples
    --------
    >>> whole_number("7").look_at
    'Write it like 7, without quotes.'
    >>> whole_number(13, low=0, high=12).what
    'The answer is a whole number of months from 0 to 12'
    """
    what = f"The answer is a whole number of {unit}"
    ok = is_whole(value)
    if low is not None and high is not None:
        what += f" from {low} to {high}"
        ok = ok and low <= value <= high
    return Check(what, ok, f"Write it like {example}, without quotes.")
