"""The magic wand: when an alliance's revenue shows up after the joint work starts.

- :mod:`~toolkit.magic_wand.model`: the simulator (effort -> pipeline -> revenue) and the
  first-revenue rule;
- :mod:`~toolkit.magic_wand.chart`: pipeline and first-revenue charts;
- :mod:`~toolkit.magic_wand.widget`: :func:`first_look` (lesson 00) and
  :class:`MagicWandSimulator` (lesson 01);
- :mod:`~toolkit.magic_wand.lesson`: the lessons' checks and hints.

Examples
--------
>>> from toolkit import magic_wand
>>> magic_wand.first_revenue_month(magic_wand.simulate(effort=1.0, months=24, sales_cycle=6))
8
"""

from toolkit._lazy import lazy_names
from toolkit.magic_wand.chart import first_revenue_chart, pipeline_chart
from toolkit.magic_wand.model import (
    SCENARIOS,
    Scenario,
    first_revenue_month,
    first_revenue_table,
    simulate,
    simulate_scenario,
    summary,
)

__all__ = [
    "SCENARIOS",
    "MagicWandSimulator",
    "Scenario",
    "first_look",
    "first_revenue_chart",
    "first_revenue_month",
    "first_revenue_table",
    "pipeline_chart",
    "simulate",
    "simulate_scenario",
    "summary",
]


# the widgets (and ipywidgets) load only when first used
__getattr__ = lazy_names(
    __name__,
    {"MagicWandSimulator": "toolkit.magic_wand.widget", "first_look": "toolkit.magic_wand.widget"},
)
