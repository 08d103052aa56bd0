"""Leading and lagging indicators: the simulator and one LagExplorer update."""

import itertools
import tempfile
from pathlib import Path

from run import Case

import toolkit  # noqa: F401 - offline chart rendering, as in a notebook
from toolkit.magic_wand.model import simulate

_state = {}


def simulation_60_months():
    simulate(0.8, months=60, sales_cycle=6, visit_months=(1, 13), plug_month=40)


def explorer_setup():
    from toolkit.indicators.widget import LagExplorer

    folder = Path(tempfile.mkdtemp())
    _state["explorer"] = LagExplorer("Summit", path=folder / "my-lag-explorer.json")
    _state["lags"] = itertools.cycle(range(1, 13))


def explorer_update():
    """Move the lag slider once: recompute, redraw both charts (SVG), save the settings."""
    explorer = _state["explorer"]
    explorer.lag.value = next(_state["lags"])
    assert "<svg" in explorer.picture.value


def explorer_switch():
    """Pick another alliance: new correlations, both charts redrawn, settings saved."""
    explorer = _state["explorer"]
    explorer.alliance.value = next(_state["alliances"])
    assert "<svg" in explorer.bars.value


def switch_setup():
    from toolkit import data

    explorer_setup()
    _state["alliances"] = itertools.cycle(data.alliance_names())


CASES = [
    Case("simulate 60 months (magic wand)", simulation_60_months, repeat=50, target=5),
    Case(
        "LagExplorer update incl. chart",
        explorer_update,
        setup=explorer_setup,
        repeat=15,
        warmup=2,
        target=100,
    ),
    Case(
        "LagExplorer alliance change (both charts)",
        explorer_switch,
        setup=switch_setup,
        repeat=15,
        warmup=2,  # informational: the 100 ms target is for a slider move (the case above)
    ),
]
