"""``MagicWandSimulator``: sliders and scenario buttons that answer "when does revenue show up?".

A view over :func:`toolkit.simulator.simulate`: the sliders edit a
:class:`~toolkit.simulator.Scenario`, the buttons load a typical scenario (a visit and
nothing else, a steady builder, pulling the plug at month 6), and the chart shows pipeline and
revenue month by month. The student can write down a guess of the first revenue month and
check it. Settings and guesses are saved beside the notebook (``my-magic-wand.json``).

Examples
--------
>>> SCENARIOS["pull the plug at month 6"].plug_month
6
>>> summary(Scenario(sales_cycle=6))["first_revenue_month"]
8
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from pathlib import Path

from toolkit.answer_file import AnswerFile, error_html, info_html
from toolkit.simulator import Scenario, first_revenue_month, simulate_scenario

__all__ = ["SCENARIOS", "MagicWandSimulator", "summary"]

DEFAULT_FILE = "my-magic-wand.json"
KIND = "magic-wand"
SCENARIOS = {
    "a visit, then nothing": Scenario(effort=0.0, visit_month=1),
    "steady builder": Scenario(effort=0.8, visit_month=1),
    "pull the plug at month 6": Scenario(effort=0.8, visit_month=1, plug_month=6),
}


def summary(scenario: Scenario) -> dict:
    """The headline numbers of a scenario: first revenue month, revenue after 2 weeks, ...

    Returns
    -------
    dict
        ``first_revenue_month`` (None if none), ``revenue_after_two_weeks`` (always 0:
        month 1 has no closed deals), ``revenue_first_year`` and ``revenue_total`` (k$),
        and ``run`` (the month-by-month table).
    """
    run = simulate_scenario(scenario)
    return {
        "first_revenue_month": first_revenue_month(run),
        "revenue_after_two_weeks": float(run["revenue"].iloc[0]),
        "revenue_first_year": float(run["revenue"].iloc[:12].sum()),
        "revenue_total": float(run["revenue"].sum()),
        "run": run,
    }


class MagicWandSimulator:
    """Sliders and scenario buttons over the magic-wand simulator.

    Parameters
    ----------
    scenario : Scenario, optional
        Where to start (saved settings from an earlier run win over it).
    path : str or Path, optional
        The file beside the notebook that keeps settings and guesses.
    """

    def __init__(self, scenario: Scenario | None = None, *, path: str | Path = DEFAULT_FILE):
        import ipywidgets as w

        from toolkit.charts import chart_widget

        self.file = AnswerFile(path, kind=KIND)
        saved = self.file.load({})
        self.scenario = scenario or Scenario()
        self.guesses: list[dict] = []
        if isinstance(saved, dict):
            known = {f.name for f in fields(Scenario)}
            settings = saved.get("scenario") or {}
            try:
                self.scenario = Scenario(**{k: v for k, v in settings.items() if k in known})
            except TypeError:
                pass
            self.guesses = [g for g in saved.get("guesses", []) if isinstance(g, dict)]
        style = {"description_width": "initial"}
        self.effort = w.FloatSlider(
            min=0, max=1.2, step=0.1, description="Monthly joint effort", style=style
        )
        self.sales_cycle = w.IntSlider(
            min=0, max=18, description="Sales cycle (months)", style=style
        )
        self.win_rate = w.FloatSlider(
            min=0.05, max=0.6, step=0.05, description="Win rate", style=style, readout_format=".0%"
        )
        self.months = w.IntSlider(min=12, max=60, step=6, description="Months shown", style=style)
        self.visit_month = w.IntSlider(
            min=0,
            max=24,
            description="Executive visit in month (0 = none)",
            style=style,
            layout=w.Layout(width="420px"),
        )
        self.plug_month = w.IntSlider(
            min=0,
            max=60,
            description="Pull the plug after month (0 = never)",
            style=style,
            layout=w.Layout(width="420px"),
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
        self.message = w.HTML()
        self._notice = self.file.problem  # shown once, with the first picture
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
        for control in self._controls.values():
            control.observe(self._changed, names="value")
        self.widget = w.VBox(
            [
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
        )
        self.update()

    # -- state changes ---------------------------------------------------------------
    def load_scenario(self, name: str) -> None:
        """Load one of :data:`SCENARIOS` (keeps the months shown)."""
        if name not in SCENARIOS:
            self.message.value = error_html(f"no scenario {name!r}; choose one of the buttons")
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
            self.verdict.value = error_html(
                f"Type a month as a whole number, like 9 (got {str(text)!r})."
            )
            return None
        right = guess == first
        self.guesses.append({"scenario": asdict(self.scenario), "guess": guess, "right": right})
        if right:
            text = f"Right: the first revenue comes in month {first}."
            self.verdict.value = info_html(text, "#276749")
        elif first is None:
            self.verdict.value = info_html(
                "No revenue at all comes in the months shown: no effort, no pipeline.", "#9b2c2c"
            )
        else:
            direction = "later" if guess < first else "earlier"
            self.verdict.value = info_html(
                f"Not quite: it comes {direction} than month {guess}. Count the sales cycle "
                "and the month it takes the first leads to arrive.",
                "#9b2c2c",
            )
        self._save()
        return right

    def _sync_controls(self) -> None:
        self._quiet = True
        try:
            s = self.scenario
            self.effort.value = s.effort
            self.sales_cycle.value = s.sales_cycle
            self.win_rate.value = s.win_rate
            self.months.value = s.months
            self.visit_month.value = s.visit_month or 0
            self.plug_month.value = s.plug_month or 0
        finally:
            self._quiet = False

    def _changed(self, _change=None) -> None:
        if getattr(self, "_quiet", False):
            return
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
        from toolkit.charts import show_in
        from toolkit.metric_charts import pipeline_chart

        try:
            result = summary(self.scenario)
        except ValueError as err:
            self.message.value = error_html(str(err))
            return
        self.message.value = error_html(self._notice) if self._notice else ""
        self._notice = ""
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
        try:
            self.file.save({"scenario": asdict(self.scenario), "guesses": self.guesses})
        except OSError as err:
            self.message.value = error_html(f"Could not save ({err}).")

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
