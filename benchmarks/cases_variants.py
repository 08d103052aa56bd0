"""Variants: how long a student's kernel takes to make its own case or data (target 50 ms)."""

import itertools
import tempfile
from pathlib import Path

from run import Case

from instructor.keys import reading_the_indicators as variant_plan
from toolkit.governance import cases
from toolkit.indicators import variants

_governance = itertools.cycle(range(cases.COUNT + 1))
_reading = itertools.cycle(range(variants.COUNT + 1))
_FOLDER = Path(tempfile.mkdtemp(prefix="variant-data-"))


def write_reading_data():
    """Write every variant's data as build-course-env does (once, before measuring)."""
    variant_plan.write_data(_FOLDER)


def governance_case():
    """Build one governance-design case from nothing (no cache): the three parts' designs."""
    cases._build(next(_governance))


def reading_data():
    """Generate one reading-the-indicators portfolio: six alliances' panels and a survey."""
    variant_plan.generate(next(_reading))


def reading_data_from_files():
    """Read one portfolio from the data files a course environment holds (build-course-env)."""
    variants.read_tables(_FOLDER, next(_reading))


CASES = [
    Case("governance-design: one variant's case", governance_case, repeat=41, target=50),
    Case("reading-the-indicators: one variant's data", reading_data, repeat=41, target=50),
    Case(
        "reading-the-indicators: one variant's data, from the course environment's files",
        reading_data_from_files,
        repeat=41,
        target=50,
        setup=write_reading_data,
    ),
]
