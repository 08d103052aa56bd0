"""``PortfolioMap``: the ten course alliances by strategic importance and health.

The map starts from the course's importance ratings
(:data:`~toolkit.steering.portfolio.IMPORTANCE`) and each alliance's latest health check; a
slider per alliance lets you rate its importance your own way, and the map and the calls
(invest, fix, maintain, exit) follow. Your ratings are saved beside the notebook
(``my-portfolio.json``); the button puts the course's ratings back.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-portfolio.json"
>>> board = PortfolioMap(path=path, chart=False)
>>> board.table.loc["Pixel", "call"]
'maintain'
>>> board.sliders["Pixel"].value = 4.0
>>> PortfolioMap(path=path, chart=False).table.loc["Pixel", "call"]   # saved, restored
'invest'
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from toolkit import data
from toolkit.steering.controls import slider, table
from toolkit.steering.portfolio.chart import portfolio_chart
from toolkit.steering.portfolio.model import (
    HEALTHY,
    IMPORTANCE,
    IMPORTANT,
    STAGES,
    portfolio,
    standing,
    strategic_importance,
)
from toolkit.ui.parts import part
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.widget import CourseWidget

__all__ = ["PortfolioMap", "parse_saved"]

DEFAULT_FILE = "my-portfolio.json"


def parse_saved(content) -> dict[str, float]:
    """The saved importance ratings, checked: alliance -> a number from 1 to 5."""
    if not isinstance(content, dict) or not isinstance(content.get("importance", {}), dict):
        msg = "expected the importance ratings: a dict of alliance -> 1 to 5"
        raise ValueError(msg)
    ratings = content.get("importance", {})
    for alliance, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
            msg = f"{alliance}'s importance must be a number from 1 to 5, got {value!r}"
            raise ValueError(msg)
    return {k: float(v) for k, v in ratings.items()}


class PortfolioMap(CourseWidget):
    """A slider per alliance for its importance; the portfolio map and calls below.

    Parameters
    ----------
    path : str or Path, optional
        The file beside the notebook that keeps your ratings.
    chart : bool, optional
        Draw the map.
    """

    kind = "portfolio-map"

    def __init__(self, *, path: str | Path = DEFAULT_FILE, chart: bool = True):
        super().__init__(path)
        saved = self.restore(parse_saved, {})
        self.chart = chart
        self.known = standing()  # health and stages: the sliders change importance only
        names = data.alliance_names()
        self.sliders = {
            name: slider(
                saved.get(name, strategic_importance(name)),
                min=1.0,
                max=5.0,
                step=0.5,
                description=f"{name}: importance",
            )
            for name in names
        }
        self.when_changed(self.sliders.values(), lambda _c: self.update())
        self.reset_button = part(
            w.Button, description="Put the course's ratings back", layout={"width": "auto"}
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.picture = chart_widget()
        self.calls = part(w.HTML)
        self.table = None
        self.children = [
            part(
                w.HTML,
                f"<b>Strategic importance</b> (1-5; {IMPORTANT:g} or more counts as important). "
                f"An alliance is healthy with a health index of {HEALTHY:g} or more.",
            ),
            part(
                w.GridBox,
                list(self.sliders.values()),
                layout={"grid_template_columns": "repeat(auto-fill, minmax(560px, 1fr))"},
            ),
            self.reset_button,
            self.message,
            self.picture,
            self.calls,
        ]
        self.update()

    @property
    def ratings(self) -> dict[str, float]:
        """Importance per alliance, as the sliders set it now."""
        return {name: float(s.value) for name, s in self.sliders.items()}

    def reset(self) -> None:
        """Put the course's importance ratings back."""
        with self.quiet():
            for name, s in self.sliders.items():
                s.value = IMPORTANCE[name].score
        self.update()

    def update(self) -> None:
        """Recompute the portfolio with the ratings, redraw, and save them."""
        self.show_notice()
        ratings = self.ratings
        own = {n: v for n, v in ratings.items() if v != IMPORTANCE[n].score}
        self.table = portfolio(importance={**IMPORTANCE, **own}, known=self.known)
        shown = self.table.assign(stage=self.table["stage"].map(lambda s: STAGES[s].label))
        self.calls.value = table(
            shown[["importance", "health", "stage", "call", "reason"]],
            caption="Each alliance's importance, health, lifecycle stage and call",
        )
        if self.chart:
            show_in(self.picture, portfolio_chart(self.table, important=IMPORTANT, healthy=HEALTHY))
        self.save({"importance": own})
