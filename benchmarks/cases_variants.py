"""Variants: how long a student's kernel takes to make its own case or data (target 100 ms)."""

import itertools

from run import Case

from toolkit.governance import cases

_numbers = itertools.cycle(range(cases.COUNT + 1))


def governance_case():
    """Build one governance-design case from nothing (no cache): the three parts' designs."""
    cases._build(next(_numbers))


CASES = [
    Case("governance-design: one variant's case", governance_case, repeat=41, target=100),
]
