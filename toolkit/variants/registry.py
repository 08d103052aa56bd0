"""The assignments that give every student a variant, and what each variant set provides.

An assignment's variant *content* lives in its concept folder (the governance cases in
:mod:`toolkit.governance.cases`, the indicator data in :mod:`toolkit.indicators.variants`,
the steering committee's quarters in :mod:`toolkit.steering.cases`);
each defines ``VARIANTS``, a :class:`VariantSet`. This registry only knows where they are,
so importing it loads none of them.

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
    key_code : str
        Python run after the assignment's source notebook (its reference solution) in the
        same kernel: prints the answer key as JSON, ``{"answers": ..., "files": ...}``.
    key : str
        The module with the set's ``difficulty(n)`` (named numbers that should be alike
        across variants) and ``vet(n)`` (what the taught method finds wrong with variant
        ``n``; empty when it recovers the variant's answers with a clear margin). Where it
        holds the answers, the course environment leaves it out, so it is imported only when
        an instructor's tool asks.
    sample : tuple of int
        The fixed variants ``make test`` grades (the whole set is vetted by ``make vet``).
    spread : dict
        Difficulty name -> how far apart its values may be across the variants.
    """

    assignment: str
    count: int
    facts: Callable[[int], dict]
    key_code: str
    key: str
    sample: tuple = field(default=())
    spread: dict = field(default_factory=dict)

    def numbers(self) -> list[int]:
        """Every variant number, practice (0) first."""
        return list(range(self.count + 1))

    def difficulty(self, number: int) -> dict:
        """Named numbers of variant ``number`` that should be alike across the variants."""
        return self._key().difficulty(number)

    def vet(self, number: int) -> list[str]:
        """What the taught method finds wrong with variant ``number`` (empty: nothing)."""
        return self._key().vet(number)

    def _key(self):
        try:
            return importlib.import_module(self.key)
        except ModuleNotFoundError as error:
            if error.name != self.key:
                raise
            msg = (
                f"vetting {self.assignment} needs {self.key}, which the course environment "
                "leaves out on purpose (it holds the answers): run `make vet` in the "
                "course's repository"
            )
            raise FileNotFoundError(msg) from None


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
