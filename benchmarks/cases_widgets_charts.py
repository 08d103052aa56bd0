"""Widgets that redraw charts: every slider, picker and button a participant waits on.

Each case is one reaction as the browser causes it (a trait set, a button clicked) and takes
what the kernel does from the change to the new view: the numbers, the redrawn chart(s), the
readout and the save. Every repeat makes a different change than the one before (the next lag,
alliance, metric, scenario or value), so nothing is measured twice from a cache of views. The
explorer keeps the last 256 lag readings (``toolkit.indicators.model._reading``): every case
that asks for a new reading (another alliance, metric, period, tick box) empties them before
each timed move, untimed, so each figure is a first reading; the lag slider shows another
lag of the reading already on screen, as it does for a participant.
Target: 50 ms each (issue 28).
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from run import Case

import toolkit  # noqa: F401 - offline chart rendering, as in a notebook
from toolkit import data

TARGET = 50  # ms, each reaction (issue 28)
_state: dict = {}


def _folder() -> Path:
    return Path(tempfile.mkdtemp())


def _cycle(values):
    return itertools.cycle(list(values))


def _case(name, run, setup, repeat=15, prepare=None):
    return Case(name, run, setup=setup, repeat=repeat, warmup=2, target=TARGET, prepare=prepare)


def _forget_readings():
    from toolkit.indicators import model

    model._reading.cache_clear()


# -- the lag explorer (lessons 03 and 04, reading-the-indicators) ------------------------------
def explorer_setup():
    from toolkit.indicators.model import LAGGING, LEADING
    from toolkit.indicators.widget import LagExplorer

    explorer = LagExplorer("Summit", path=_folder() / "my-lag-explorer.json")
    _state["explorer"] = explorer
    low, high = explorer.months
    _state["moves"] = {
        "lag": _cycle(range(1, 13)),
        "alliance": _cycle(data.alliance_names()),
        "leading": _cycle(LEADING),
        "lagging": _cycle(LAGGING),
        "first_month": _cycle(range(low + 1, low + 13)),
        "last_month": _cycle(range(high - 1, high - 13, -1)),
        "changes": _cycle([False, True]),
        "rhythm_out": _cycle([False, True]),
    }


def _explorer_move(control: str):
    def run():
        explorer = _state["explorer"]
        getattr(explorer, control).value = next(_state["moves"][control])
        assert "<svg" in explorer.picture.value and "<svg" in explorer.bars.value

    return run


EXPLORER = [
    ("LagExplorer lag slider (chart redrawn)", "lag"),
    ("LagExplorer alliance change (both charts)", "alliance"),
    ("LagExplorer leading metric pick (both charts)", "leading"),
    ("LagExplorer lagging metric pick (both charts)", "lagging"),
    ("LagExplorer From month slider (both charts)", "first_month"),
    ("LagExplorer To month slider (both charts)", "last_month"),
    ("LagExplorer changes/levels tick box (both charts)", "changes"),
    ("LagExplorer quarter rhythm tick box (both charts)", "rhythm_out"),
]


# -- the metric sorter --------------------------------------------------------------------------
def sorter_setup():
    from toolkit.indicators.widget import MetricSorter

    sorter = MetricSorter(path=_folder() / "my-metric-sorting.json")
    _state["sorter"] = sorter
    _state["metrics"] = _cycle(sorter.metrics)


def sorter_pick():
    sorter = _state["sorter"]
    sorter.picker.value = next(_state["metrics"])
    assert sorter.definition.value


def _sorter_click(kind: str):
    def run():
        """Show the next metric, then sort it with the button (a different metric each time)."""
        sorter = _state["sorter"]
        sorter.picker.value = next(_state["metrics"])
        button = sorter.leading_button if kind == "leading" else sorter.lagging_button
        button.click()
        assert sorter.feedback.value

    return run


# -- the magic wand (lessons 00 and 01) ---------------------------------------------------------
def wand_setup():
    from toolkit.magic_wand.widget import MagicWandSimulator

    wand = MagicWandSimulator(path=_folder() / "my-magic-wand.json")
    wand.months.value = 60
    _state["wand"] = wand
    _state["wand_moves"] = {
        "effort": _cycle([0.2, 0.5, 0.8, 1.0, 1.2, 0.6]),
        "sales_cycle": _cycle(range(1, 19)),
        "win_rate": _cycle([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
        "months": _cycle(range(24, 61, 6)),
        "visit_month": _cycle(range(1, 25)),
        "plug_month": _cycle([0, *range(10, 60, 5)]),
    }
    _state["scenarios"] = _cycle(wand.buttons)
    _state["guesses"] = _cycle(range(1, 30))


def _wand_move(control: str):
    def run():
        wand = _state["wand"]
        getattr(wand, control).value = next(_state["wand_moves"][control])
        assert "<svg" in wand.picture.value

    return run


def wand_scenario():
    wand = _state["wand"]
    wand.buttons[next(_state["scenarios"])].click()
    assert "<svg" in wand.picture.value


def wand_guess():
    wand = _state["wand"]
    wand.guess.value = str(next(_state["guesses"]))
    wand.check_button.click()
    assert wand.verdict.value


def first_look_setup():
    from toolkit.magic_wand.widget import first_look

    box = first_look()
    _state["first_look"] = box
    _state["cycles"] = _cycle(range(1, 13))


def first_look_move():
    _slider, picture = _state["first_look"].children[1:3]
    _slider.value = next(_state["cycles"])
    assert "<svg" in picture.value


# -- the health check (lesson 04, reading-the-indicators) ---------------------------------------
def health_setup():
    from toolkit.health.widget import HealthCheck

    check = HealthCheck("Delta", path=_folder() / "my-health-check.json")
    _state["health"] = check
    quarters = list(check.quarter.options)
    _state["health_moves"] = {
        "alliance": _cycle(check.alliance.options),
        "quarter": _cycle(quarters[::-1]),
        "source": _cycle(["My own answers", "Course data"]),
    }
    for n in range(40):  # answers from both sides to add to and remove from
        check.side.value = ("us", "partner")[n % 2]
        check.sliders["trust"].value = 1 + n % 5
        check.add_button.click()
    _state["sides"] = _cycle(["us", "partner"])
    _state["scores"] = _cycle(range(1, 6))
    survey = data.survey()
    last = survey.groupby("alliance")["quarter"].transform("max")
    _state["csv"] = _cycle(  # each alliance's latest health check, as a participant uploads it
        [
            (rows.to_csv(index=False).encode(), len(rows))
            for _, rows in survey[survey["quarter"] == last].groupby("alliance", sort=False)
        ]
    )


def _health_move(control: str):
    def run():
        check = _state["health"]
        getattr(check, control).value = next(_state["health_moves"][control])
        assert check.readout.value

    return run


def _health_course(control: str):
    def run():
        check = _state["health"]
        with check.quiet():
            check.source.value = "Course data"
        _health_move(control)()
        assert "<svg" in check.picture.value

    return run


def health_add():
    check = _state["health"]
    check.side.value = next(_state["sides"])
    check.sliders["trust"].value = next(_state["scores"])
    check.add_button.click()
    assert "<svg" in check.picture.value


def health_remove():
    check = _state["health"]
    check.remove_button.click()
    assert "<svg" in check.picture.value


def health_csv():
    check = _state["health"]
    content, answers = next(_state["csv"])
    check.picture.value = ""
    check.load_csv(content, "survey.csv")
    assert f"({answers} answers)" in check.readout.value and "<svg" in check.picture.value


CASES = [
    *[
        _case(
            name,
            _explorer_move(control),
            explorer_setup,
            prepare=None if control == "lag" else _forget_readings,
        )
        for name, control in EXPLORER
    ],
    _case("MetricSorter metric pick", sorter_pick, sorter_setup),
    _case("MetricSorter next metric + Leading button", _sorter_click("leading"), sorter_setup),
    _case("MetricSorter next metric + Lagging button", _sorter_click("lagging"), sorter_setup),
    *[
        _case(f"MagicWandSimulator {control} slider (chart)", _wand_move(control), wand_setup)
        for control in ("effort", "sales_cycle", "win_rate", "months", "visit_month", "plug_month")
    ],
    _case("MagicWandSimulator scenario button (chart)", wand_scenario, wand_setup),
    _case("MagicWandSimulator Check my guess button", wand_guess, wand_setup),
    _case("first_look sales-cycle slider (chart)", first_look_move, first_look_setup),
    _case("HealthCheck alliance pick (chart)", _health_course("alliance"), health_setup),
    _case("HealthCheck quarter pick (chart)", _health_course("quarter"), health_setup),
    _case("HealthCheck answers-from toggle", _health_move("source"), health_setup),
    _case("HealthCheck Add button (chart)", health_add, health_setup),
    _case("HealthCheck Remove button (chart)", health_remove, health_setup),
    _case("HealthCheck CSV upload (chart)", health_csv, health_setup),
]
