"""The assignments that give every student a variant, and what each variant set provides.

An assignment's variant *content* lives in its concept folder (the governance cases in
:mod:`toolkit.governance.cases`, the indicator data in :mod:`toolkit.indicators.variants`,
the steering committee's quarters in :mod:`toolkit.steering.cases`);
each defines ``VARIANTS``, a :class:`VariantSet`. This registry only knows where they are,
so importing it loads none of them. What a variant's answers are, and whether the taught method
reads them with a clear margin, is not the students' toolkit's to know: the answer keys and
their vetting are the instructor package's (``instructor.keys``).

Examples
--------
>>> names()
['governance-design', 'reading-the-indicators', 'steering-committee']
>>> variant_set("governance-design").count >= 30
True
>>> variant_set("lab-one")
Traceback (most recent call last):
...
KeyError: "no variants for assignment 'lab-one'; assignments with variants: ..."
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["VariantSet", "has_variants", "names", "variant_set"]

# assignment -> the module that defines its VARIANTS
_HOMES = {
    "governance-design": "toolkit.governance.cases",
    "reading-the-indicators": "toolkit.indicators.variants",
    "steering-committee": "toolkit.steering.cases",
}


@dataclass(frozen=True)
class VariantSet:
    """The variants of one assignment: 1 to ``count``, and 0 for practice.

    Parameters
    ----------
    assignment : str
        The assignment's name (its folder in ``grading/source``).
    count : int
        How many graded variants there are (numbered 1 to ``count``).
    facts : callable
        ``facts(n)``: the key facts of variant ``n`` (what it asks, never the answers), for
        the instructor's list.
    sample : tuple of int
        The fixed variants ``make test`` grades (the whole set is vetted by ``make vet``).
    """

    assignment: str
    count: int
    facts: Callable[[int], dict]
    sample: tuple = field(default=())

    def numbers(self) -> list[int]:
        """Every variant number, practice (0) first."""
        return list(range(self.count + 1))


def names() -> list[str]:
    """The assignments that have variants."""
    return sorted(_HOMES)


def has_variants(assignment: str) -> bool:
    """Whether ``assignment`` gives every student a variant."""
    return assignment in _HOMES


def variant_set(assignment: str) -> VariantSet:
    """The :class:`VariantSet` of ``assignment`` (imports its concept module)."""
    if assignment not in _HOMES:
        msg = f"no variants for assignment {assignment!r}; assignments with variants: " + ", ".join(
            names()
        )
        raise KeyError(msg)
    return importlib.import_module(_HOMES[assignment]).VARIANTS
