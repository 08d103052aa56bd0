"""The assignments that give every student a variant, and the one shape of a variant set.

Every assignment with variants declares its set once, in its concept's folder (the governance
cases in :mod:`toolkit.governance.cases`, the indicator data in
:mod:`toolkit.indicators.variants`, the steering committee's quarters in
:mod:`toolkit.steering.cases`), as a :class:`VariantSet`: how to build the case of variant
``n``, the key facts it asks about, and the sample ``make test`` grades. The set gives the
rest, the same for every assignment: the variant numbers and their check, the cache of built
cases, the student's own case (:meth:`VariantSet.mine`) and, through :class:`VariantCase`,
the banner at the top of the notebook. This registry knows where each set is and how many
variants it has, so importing it, or finding a student's variant, loads none of them.

What a variant's answers are, and whether the taught method reads them with a clear margin,
is not the students' toolkit's to know: the answer keys and their vetting are the instructor
package's (``instructor.keys``).

Examples
--------
>>> names()
['governance-design', 'reading-the-indicators', 'steering-committee']
>>> count_of("governance-design") >= 30
True
>>> variant_set("governance-design").case(3).number
3
>>> variant_set("governance-design").case(99)
Traceback (most recent call last):
...
ValueError: variant 99 does not exist: governance-design has variants 0 to 40
>>> variant_set("lab-one")
Traceback (most recent call last):
...
KeyError: "no variants for assignment 'lab-one'; assignments with variants: ..."
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar

__all__ = ["VariantCase", "VariantSet", "count_of", "has_variants", "names", "variant_set"]

# assignment -> (the module that declares its VARIANTS, how many graded variants it has)
_SETS = {
    "governance-design": ("toolkit.governance.cases", 40),
    "reading-the-indicators": ("toolkit.indicators.variants", 40),
    "steering-committee": ("toolkit.steering.cases", 40),
}


def _known(assignment: str) -> tuple[str, int]:
    if assignment not in _SETS:
        msg = f"no variants for assignment {assignment!r}; assignments with variants: " + ", ".join(
            names()
        )
        raise KeyError(msg)
    return _SETS[assignment]


def count_of(assignment: str) -> int:
    """How many graded variants ``assignment`` has (numbered 1 to it; 0 is practice)."""
    return _known(assignment)[1]


class VariantCase:
    """What the case of every variant has: its ``number``, ``assigned`` and its banner.

    A case class (a frozen dataclass with the fields ``number`` and ``assigned``) names its
    assignment once, in ``assignment``.
    """

    assignment: ClassVar[str]

    def banner(self):
        """The line "Case for student `x`: variant n" (see :mod:`toolkit.variants.banner`)."""
        from toolkit.variants.assign import Assigned
        from toolkit.variants.banner import Banner

        practice = Assigned(self.assignment, None, self.number, "practice")
        return Banner(self.assigned or practice)


@dataclass(frozen=True)
class VariantSet:
    """The variants of one assignment: 1 to ``count``, and 0 for practice.

    Parameters
    ----------
    assignment : str
        The assignment's name (its folder in ``grading/source``).
    build : callable
        ``build(n)``: the case of variant ``n`` (a :class:`VariantCase`), made from nothing.
    facts : callable
        ``facts(n)``: the key facts of variant ``n`` (what it asks, never the answers), for
        the instructor's list.
    sample : tuple of int
        The fixed variants ``make test`` grades (the whole set is vetted by ``make vet``).
    """

    assignment: str
    build: Callable[[int], Any]
    facts: Callable[[int], dict]
    sample: tuple = field(default=())
    _built: dict = field(default_factory=dict, repr=False, compare=False)
    _shown: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def count(self) -> int:
        """How many graded variants there are (numbered 1 to ``count``)."""
        return count_of(self.assignment)

    def numbers(self) -> list[int]:
        """Every variant number, practice (0) first."""
        return list(range(self.count + 1))

    def check(self, number) -> int:
        """``number`` if it is a variant of this set; else ValueError naming the range."""
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= self.count:
            msg = (
                f"variant {number!r} does not exist: {self.assignment} has variants 0 to "
                f"{self.count}"
            )
            raise ValueError(msg)
        return number

    def case(self, number: int, assigned=None):
        """The case of variant ``number`` (built once), shown for ``assigned`` if given.

        The case shown for ``assigned`` is made once too: every cell of a notebook that asks
        for the student's case gets the same one, with what it has worked out already.
        """
        self.check(number)
        if number not in self._built:
            self._built[number] = self.build(number)
        case = self._built[number]
        if assigned is None:
            return case
        if (number, assigned) not in self._shown:
            fresh = replace(case, assigned=assigned)
            own = {f.name for f in fields(case)}
            # what the case worked out already (cached properties) is the same for the copy
            fresh.__dict__.update({k: v for k, v in case.__dict__.items() if k not in own})
            self._shown[number, assigned] = fresh
        return self._shown[number, assigned]

    def mine(self, environ=None):
        """The student's own case: their variant, the practice case when no id is known."""
        from toolkit.variants.assign import current

        assigned = current(self.assignment, self.count, environ)
        return self.case(assigned.number, assigned)


def names() -> list[str]:
    """The assignments that have variants."""
    return sorted(_SETS)


def has_variants(assignment: str) -> bool:
    """Whether ``assignment`` gives every student a variant."""
    return assignment in _SETS


def variant_set(assignment: str) -> VariantSet:
    """The :class:`VariantSet` of ``assignment`` (imports its concept module)."""
    return importlib.import_module(_known(assignment)[0]).VARIANTS
