"""Widgets of the magic-wand concept: when revenue shows up after the joint work starts.

- :func:`first_look` (lesson 00): one slider for the sales cycle and the revenue it gives.
- :class:`MagicWandSimulator` (lesson 01): a view over :func:`toolkit.magic_wand.model.simulate`.
  The sliders edit a :class:`~toolkit.magic_wand.model.Scenario`, the buttons load a typical
  scenario (a visit and nothing else, a steady builder, pulling the plug at month 6), and the
  chart shows pipeline and revenue month by month. The student can write down a guess of the
  first revenue month and check it. Settings and guesses are saved beside the notebook
  (``my-magic-wand.json``).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-magic-wand.json"
>>> wand = MagicWandSimulator(path=path)
>>> wand.sales_cycle.value = 9
>>> MagicWandSimulator(path=path).scenario.sales_cycle   # saved, restored
9
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from pathlib import Path

import ipywidgets as w

from toolkit.magic_wand.chart import first_revenue_chart, pipeline_chart
from toolkit.magic_wand.model import SCENARIOS, Scenario, summary
from toolkit.ui.messages import box
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.slider import Slider
from toolkit.ui.widget import CourseWidget

__all__ = ["MagicWandSimulator", "first_look", "parse_saved"]

DEFAULT_FILE = "my-magic-wand.json"


def parse_saved(content) -> tuple[Scenario, list[dict]]:
    """The saved settings and guesses, checked (a ``ValueError`` says what no longer fits)."""
    if not isinstance(content, dict):
        msg = "expected the simulator's settings and guesses"
        raise ValueError(msg)
    known = {f.name for f in fields(Scenario)}
    settings = content.get("scenario") or {}
    unknown = sorted(set(settings) - known)
    if unknown:
        msg = f"unknown settings {', '.join(unknown)}"
        raise ValueError(msg)
    scenario = Scenario(**settings)
    summary(scenario)  # raises ValueError for settings out of range
    guesses = content.get("guesses", [])
    if not isinstance(guesses, list) or not all(isinstance(g, dict) for g in guesses):
        msg = "'guesses' must be a list of guesses"
        raise ValueError(msg)
    return scenario, guesses


class MagicWandSimulator(CourseWidget):
    """Sliders and scenario buttons over the magic-wand simulator.

    Parameters
    ----------
    scenario : Scenario, optional
        Where to start (saved settings from an earlier run win over it).
    path : str or Path, optional
        The file beside the notebook that keeps settings and guesses.
    """

    kind = "magic-wand"

    def __init__(self, scenario: Scenario | None = None, *, path: str | Path = DEFAULT_FILE):
        super().__init__(path)
        self.scenario, self.guesses = self.restore(parse_saved, (scenario or Scenario(), []))
        style = {"description_width": "initial"}
        column = {"label_width": "20em"}  # the sliders line up
        self.effort = Slider(
            min=0, max=1.2, step=0.1, description="Joint effort a month (1 = full)", **column
        )
        self.sales_cycle = Slider(min=0, max=18, description="Sales cycle", unit="months", **column)
        self.win_rate = Slider(
            min=0.05, max=0.6, step=0.05, description="Win rate of deals", percent=True, **column
        )
        self.months = Slider(
            min=12, max=60, step=6, description="Months shown", unit="months", **column
        )
        self.visit_month = Slider(
            min=0, max=24, description="Executive visit in month (0 = none)", **column
        )
        self.plug_month = Slider(
            min=0, max=60, description="Pull the plug after month (0 = never)", **column
        )
        self.buttons = {
            name: w.Button(description=name.capitalize(), layout=w.Layout(width="auto"))
            for name in SCENARIOS
        }
        for name, button in self.buttons.items():
            button.on_click(lambda _b, name=name: self.load_scenario(name))
        self.guess = w.Text(
            description="Your guess: first revenue in month",
            style=style,
            layout=w.Layout(width="340px"),
        )
        self.check_button = w.Button(description="Check my guess", icon="check")
        self.check_button.on_click(lambda _b: self.check_guess(self.guess.value))
        self.verdict = w.HTML()
        self.readout = w.HTML()
        self.picture = chart_widget()
        self._controls = {
            "effort": self.effort,
            "sales_cycle": self.sales_cycle,
            "win_rate": self.win_rate,
            "months": self.months,
            "visit_month": self.visit_month,
            "plug_month": self.plug_month,
        }
        self._sync_controls()
        self.when_changed(self._controls.values(), self._changed)
        self.children = [
            w.HTML("<b>Scenarios:</b>"),
            w.HBox(list(self.buttons.values())),
            self.effort,
            self.sales_cycle,
            self.win_rate,
            self.visit_month,
            self.plug_month,
            self.months,
            w.HBox([self.guess, self.check_button]),
            self.verdict,
            self.message,
            self.readout,
            self.picture,
        ]
        self.update()

    # -- state changes ---------------------------------------------------------------
    def load_scenario(self, name: str) -> None:
        """Load one of :data:`~toolkit.magic_wand.model.SCENARIOS` (keeps the months shown)."""
        if name not in SCENARIOS:
            self.say(f"no scenario {name!r}; choose one of the buttons", "error")
            return
        self.scenario = replace(SCENARIOS[name], months=self.scenario.months)
        self._sync_controls()
        self.update()

    def check_guess(self, text) -> bool | None:
        """Compare a guess of the first revenue month with the simulation; record it."""
        first = summary(self.scenario)["first_revenue_month"]
        try:
            guess = int(str(text).strip())
        except ValueError:
            self.verdict.value = box(
                f"Type a month as a whole number, like 9 (got {str(text)!r}).", "error"
            )
            return None
        right = guess == first
        self.guesses.append({"scenario": asdict(self.scenario), "guess": guess, "right": right})
        if right:
            self.verdict.value = box(f"✔ Right: the first revenue comes in month {first}.", "ok")
        elif first is None:
            self.verdict.value = box(
                "✘ No revenue at all comes in the months shown: no effort, no pipeline.", "error"
            )
        else:
            direction = "later" if guess < first else "earlier"
            self.verdict.value = box(
                f"✘ Not quite: it comes {direction} than month {guess}. Count the sales cycle "
                "and the month it takes the first leads to arrive.",
                "error",
            )
        self._save()
        return right

    def _sync_controls(self) -> None:
        s = self.scenario
        with self.quiet():
            self.effort.value = s.effort
            self.sales_cycle.value = s.sales_cycle
            self.win_rate.value = s.win_rate
            self.months.value = s.months
            self.visit_month.value = s.visit_month or 0
            self.plug_month.value = s.plug_month or 0

    def _changed(self, _change=None) -> None:
        self.scenario = Scenario(
            months=int(self.months.value),
            effort=float(self.effort.value),
            sales_cycle=int(self.sales_cycle.value),
            win_rate=float(self.win_rate.value),
            deal_size=self.scenario.deal_size,
            visit_month=int(self.visit_month.value) or None,
            plug_month=int(self.plug_month.value) or None,
        )
        self.update()

    # -- the view --------------------------------------------------------------------
    def update(self) -> None:
        """Run the scenario, redraw the chart and the headline, and save."""
        s = self.scenario
        for month, what in ((s.visit_month, "The executive visit"), (s.plug_month, "The plug")):
            if month and month > s.months:
                self.say(
                    f"{what} is set for month {month}, after the {s.months} months shown; "
                    f"choose a month up to {s.months}, or show more months.",
                    "error",
                )
                return
        try:
            result = summary(self.scenario)
        except ValueError as err:
            self.say(str(err), "error")
            return
        self.show_notice()
        first = result["first_revenue_month"]
        when = (
            f"The first revenue comes in month <b>{first}</b>"
            if first
            else "No revenue comes within the months shown"
        )
        self.readout.value = (
            f"<p>{when}. Revenue two weeks after the visit: "
            f"<b>{result['revenue_after_two_weeks']:,.0f} k$</b>. "
            f"First year: {result['revenue_first_year']:,.0f} k$; all months shown: "
            f"{result['revenue_total']:,.0f} k$.</p>"
        )
        show_in(self.picture, pipeline_chart(result["run"]))
        self._save()

    def _save(self) -> None:
        self.save({"scenario": asdict(self.scenario), "guesses": self.guesses})


def first_look(sales_cycle_months: int = 6):
    """A slider for the sales cycle and the revenue chart it produces (lesson 00)."""
    slider = Slider(
        sales_cycle_months,
        min=1,
        max=12,
        description="Sales cycle (from first joint work to a closed deal)",
        unit="months",
    )
    picture = chart_widget(first_revenue_chart(slider.value))

    def redraw(change):
        show_in(picture, first_revenue_chart(change["new"]))

    slider.observe(redraw, names="value")
    return w.VBox(
        [
            w.HTML("<b>Move the slider: how long from the first joint work to a closed deal</b>"),
            slider,
            picture,
        ]
    )
