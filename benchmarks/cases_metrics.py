"""Leading and lagging indicators: the simulator's model.

The widgets' reactions (the lag explorer's slider and alliance change among them) are in
``cases_widgets_charts.py``.
"""

from run import Case

import toolkit  # noqa: F401 - as in a notebook
from toolkit.magic_wand.model import simulate


def simulation_60_months():
    simulate(0.8, months=60, sales_cycle=6, visit_months=(1, 13), plug_month=40)


CASES = [
    Case("simulate 60 months (magic wand)", simulation_60_months, repeat=50, target=5),
]
