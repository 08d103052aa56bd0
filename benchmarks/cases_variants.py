"""Variants: how long a student's kernel takes to make its own case or data (target 100 ms)."""

import itertools

from run import Case

from toolkit.governance import cases
from toolkit.indicators import variants

_governance = itertools.cycle(range(cases.COUNT + 1))
_reading = itertools.cycle(range(variants.COUNT + 1))


def governance_case():
    """Build one governance-design case from nothing (no cache): the three parts' designs."""
    cases._build(next(_governance))


def reading_data():
    """Generate one reading-the-indicators portfolio: six alliances' panels and a survey."""
    variants._generate(variants.plan_for(next(_reading)))


CASES = [
    Case("governance-design: one variant's case", governance_case, repeat=41, target=100),
    Case("reading-the-indicators: one variant's data", reading_data, repeat=41, target=100),
]
