"""``BusinessPlanner``: the joint business plan, recomputed as the goal or the funnel moves.

Sliders set the revenue goal (k$ a month, and by which month), the funnel rates, the deal
size and the sales cycle; the widget works the plan backwards
(:func:`toolkit.steering.plan.plan_backwards`) and shows each leading target with the month it
must be reached, as a table and as milestones on a month axis. A goal that no plan can reach
(too early for the sales cycle) is said inline. Settings are saved beside the notebook
(``my-business-plan.json``).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-business-plan.json"
>>> planner = BusinessPlanner(path=path, chart=False)
>>> planner.win_rate.value = 0.25
>>> int(BusinessPlanner(path=path, chart=False).plan.loc["deal_registrations", "target"])
60
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import ipywidgets as w

from toolkit.steering.controls import slider, table
from toolkit.steering.plan.chart import plan_chart
from toolkit.steering.plan.model import Funnel, Goal, check_values, plan_backwards
from toolkit.ui.parts import part
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.widget import CourseWidget

__all__ = ["BusinessPlanner", "parse_saved"]

DEFAULT_FILE = "my-business-plan.json"


def parse_saved(content) -> tuple[Goal, Funnel]:
    """The saved goal and funnel, checked (a ``ValueError`` says what no longer fits)."""
    if not isinstance(content, dict):
        msg = "expected the plan's goal and funnel"
        raise ValueError(msg)
    parts = []
    for key, kind in (("goal", Goal), ("funnel", Funnel)):
        values = content.get(key) or {}
        known = {f.name for f in fields(kind)}
        unknown = sorted(set(values) - known)
        if unknown:
            msg = f"unknown {key} settings {', '.join(unknown)}"
            raise ValueError(msg)
        parts.append(kind(**values))
    goal, funnel = parts
    check_values(goal, funnel)  # numbers in range; a goal no plan can reach is kept and said
    return goal, funnel


class BusinessPlanner(CourseWidget):
    """Sliders for the goal and the funnel; the plan's targets and months below.

    Parameters
    ----------
    goal : Goal, optional
        Where to start (saved settings win over it).
    funnel : Funnel, optional
        The funnel to start with.
    path : str or Path, optional
        The file beside the notebook that keeps the settings.
    chart : bool, optional
        Draw the milestones chart.
    """

    kind = "business-plan"

    def __init__(
        self,
        goal: Goal | None = None,
        funnel: Funnel | None = None,
        *,
        path: str | Path = DEFAULT_FILE,
        chart: bool = True,
    ):
        super().__init__(path)
        self.goal, self.funnel = self.restore(parse_saved, (goal or Goal(), funnel or Funnel()))
        self.chart = chart
        g, f = self.goal, self.funnel
        self.revenue = slider(
            int(g.revenue), min=50, max=3000, step=50, description="Revenue goal", unit="k$ a month"
        )
        self.month = slider(int(g.month), min=2, max=48, description="Reached by month")
        self.deal_size = slider(
            int(f.deal_size), min=10, max=400, step=10, description="Average deal size", unit="k$"
        )
        self.win_rate = slider(
            f.win_rate, min=0.05, max=0.6, step=0.01, description="Opportunities won", percent=True
        )
        self.accept_rate = slider(
            f.accept_rate,
            min=0.3,
            max=0.9,
            step=0.01,
            description="Registrations that become opportunities",
            percent=True,
        )
        self.qualify_rate = slider(
            f.qualify_rate,
            min=0.1,
            max=0.8,
            step=0.01,
            description="Leads qualified and registered",
            percent=True,
        )
        self.sales_cycle = slider(
            int(f.sales_cycle), min=1, max=18, description="Sales cycle", unit="months"
        )
        self.controls = [
            self.revenue,
            self.month,
            self.deal_size,
            self.win_rate,
            self.accept_rate,
            self.qualify_rate,
            self.sales_cycle,
        ]
        self.when_changed(self.controls, lambda _c: self._moved())
        self.targets = part(w.HTML)
        self.picture = chart_widget()
        self.plan = None
        self.children = [*self.controls, self.message, self.targets, self.picture]
        self.update()

    def _moved(self) -> None:
        self.goal = Goal(revenue=float(self.revenue.value), month=int(self.month.value))
        self.funnel = Funnel(
            qualify_rate=round(float(self.qualify_rate.value), 4),
            accept_rate=round(float(self.accept_rate.value), 4),
            win_rate=round(float(self.win_rate.value), 4),
            deal_size=float(self.deal_size.value),
            sales_cycle=int(self.sales_cycle.value),
        )
        self.update()

    def update(self) -> None:
        """Work the plan backwards, show it, and save the settings."""
        self.save({"goal": self.goal.to_dict(), "funnel": self.funnel.to_dict()})
        try:
            plan = plan_backwards(self.goal, self.funnel)
        except ValueError as err:
            self.say(str(err), "error")
            self.targets.value = ""
            self.picture.value = ""
            return
        self.show_notice()
        self.plan = plan
        shown = plan[["label", "kind", "target", "unit", "by_month"]].rename(
            columns={"by_month": "reach by month", "label": "what"}
        )
        shown["target"] = shown["target"].astype(object).where(shown["target"].notna(), "")
        self.targets.value = table(
            shown,
            index=False,
            caption=f"Plan for {self.goal.revenue:,.0f} k$ a month by month {self.goal.month}",
        )
        if self.chart:
            show_in(self.picture, plan_chart(plan))
