"""``SteeringDashboard``: the quarterly one-page dashboard, read leading-first, with a picker.

Pick an alliance and a quarter; the widget shows the scorecard (leading measures first, each
marked leading or lagging), where the indicators are heading and the health check's gaps
between each pair of partners, then lists everything on the page in reading order with a tick
box beside each item: tick what the meeting must discuss. The ticks of each alliance and
quarter are saved beside the notebook (``my-dashboard.json``) and come back after a restart.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-dashboard.json"
>>> board = SteeringDashboard("Constellation", 16, path=path, charts=False)
>>> board.boxes["deal_registrations"].value = True
>>> SteeringDashboard(path=path, charts=False).chosen   # saved, restored
['deal_registrations']
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as w

from toolkit import data
from toolkit.health.chart import pairwise_gap_chart
from toolkit.scorecard.chart import scorecard_chart
from toolkit.steering.dashboard.chart import trend_chart
from toolkit.steering.dashboard.model import Dashboard, dashboard_items, quarterly_dashboard
from toolkit.ui.parts import part
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.widget import CourseWidget

__all__ = ["SteeringDashboard", "parse_saved"]

DEFAULT_FILE = "my-dashboard.json"


def parse_saved(content) -> dict:
    """The widget's saved state, checked: alliance, quarter and the ticks of each view.

    Raises
    ------
    ValueError
        When the ticks are not lists of item names (the file is then kept aside).
    """
    if not isinstance(content, dict):
        msg = "expected the dashboard's settings and ticks"
        raise ValueError(msg)
    picks = content.get("picks", {})
    if not isinstance(picks, dict) or not all(
        isinstance(v, list) and all(isinstance(k, str) for k in v) for v in picks.values()
    ):
        msg = "'picks' must map each alliance and quarter to a list of item names"
        raise ValueError(msg)
    return {"alliance": content.get("alliance"), "quarter": content.get("quarter"), "picks": picks}


@dataclass(frozen=True)
class _View:
    """One alliance's dashboard in one quarter, as the widget shows it: drawn once, then kept."""

    board: Dashboard
    headline: str
    labels: dict[str, str]
    charts: tuple = ()


class SteeringDashboard(CourseWidget):
    """The quarterly dashboard of one alliance, with a tick box per item to discuss.

    Parameters
    ----------
    alliance : str, optional
        The alliance to start with (saved settings win over it).
    quarter : int, optional
        The quarter to start with (default: the last one).
    path : str or Path, optional
        The file beside the notebook that keeps the settings and ticks.
    charts : bool, optional
        Draw the charts (tests of the controls can leave them out).
    """

    kind = "steering-dashboard"

    def __init__(
        self,
        alliance: str = "Constellation",
        quarter: int | None = None,
        *,
        path: str | Path = DEFAULT_FILE,
        charts: bool = True,
    ):
        super().__init__(path)
        saved = self.restore(parse_saved, {})
        self.picks: dict[str, list[str]] = dict(saved.get("picks", {}))
        self.charts = charts
        names = data.alliance_names()
        quarters = sorted(int(q) for q in data.survey()["quarter"].dropna().unique())
        start = saved.get("alliance") or alliance
        self.alliance = part(
            w.Dropdown,
            options=names,
            value=start if start in names else names[0],
            description="Alliance",
        )
        start_q = saved.get("quarter") or quarter or quarters[-1]
        self.quarter = part(
            w.Dropdown,
            options=quarters,
            value=start_q if start_q in quarters else quarters[-1],
            description="Quarter",
        )
        self.headline = part(w.HTML)
        self.card_picture = chart_widget()
        self.trend_picture = chart_widget()
        self.gap_picture = chart_widget()
        self.board: Dashboard | None = None
        self._views: dict[tuple, _View] = {}
        # the items' keys, from the view of the last quarter (kept: usually the one shown)
        # labelled as there: what update() labels them is then in the message opening each box
        labels = self._view(self.alliance.value, quarters[-1]).labels
        self.boxes = {
            key: part(
                w.Checkbox, value=False, description=label, indent=False, layout={"width": "auto"}
            )
            for key, label in labels.items()
        }
        self.when_changed(self.boxes.values(), self._ticked)
        self.when_changed([self.alliance, self.quarter], lambda _c: self.update())
        self.picker = part(w.VBox, list(self.boxes.values()))
        self.children = [
            part(w.HBox, [self.alliance, self.quarter]),
            self.message,
            self.headline,
            self.card_picture,
            self.trend_picture,
            self.gap_picture,
            part(
                w.HTML,
                "<b>Read it leading-first, and tick what the meeting must discuss:</b> "
                "drivers first, then results, then the health check.",
            ),
            self.picker,
        ]
        self.update()

    # -- the student's ticks ---------------------------------------------------------
    @property
    def view(self) -> str:
        """The key of the dashboard shown: ``"<alliance>/<quarter>"``."""
        return f"{self.alliance.value}/{self.quarter.value}"

    @property
    def chosen(self) -> list[str]:
        """The items ticked on the dashboard shown, in reading order."""
        ticked = set(self.picks.get(self.view, []))
        return [key for key in self.boxes if key in ticked]

    def choose(self, keys) -> None:
        """Tick exactly ``keys`` on the dashboard shown (unknown names give an inline message)."""
        unknown = [k for k in keys if k not in self.boxes]
        if unknown:
            self.say(
                f"No item called {', '.join(map(repr, unknown))}; the items are: "
                f"{', '.join(self.boxes)}.",
                "error",
            )
            return
        self.picks[self.view] = [k for k in self.boxes if k in set(keys)]
        self._sync_boxes()
        self._save()

    def _ticked(self, _change=None) -> None:
        self.picks[self.view] = [k for k, b in self.boxes.items() if b.value]
        self._save()

    def _sync_boxes(self) -> None:
        ticked = set(self.picks.get(self.view, []))
        with self.quiet():
            for key, box in self.boxes.items():
                box.value = key in ticked

    # -- the view --------------------------------------------------------------------
    def _view(self, alliance: str, quarter: int) -> _View:
        """The dashboard of ``alliance`` in ``quarter``, built once and then kept.

        It depends only on the course data (read once per kernel) and on the two choices, so
        going back to an alliance or quarter already shown costs no recomputation.
        """
        key = (alliance, quarter, self.charts)
        if key not in self._views:
            board = quarterly_dashboard(alliance, quarter)
            sides = ", ".join(board.sides)
            headline = (
                f"<p><b>{html.escape(board.alliance)}</b>, quarter {board.quarter} (month "
                f"{board.month}): health index <b>{board.health:.2f}</b> of 5; the health "
                f"check compares {html.escape(sides)}.</p>"
            )
            labels = {item.key: item.describe() for item in dashboard_items(board)}
            charts = (
                (
                    scorecard_chart(board.card),
                    trend_chart(board.trends, board.alliance),
                    pairwise_gap_chart(board.gaps),
                )
                if self.charts
                else ()
            )
            self._views[key] = _View(board, headline, labels, charts)
        return self._views[key]

    def update(self) -> None:
        """Show the dashboard picked, relabel the tick boxes, and save."""
        try:
            view = self._view(self.alliance.value, int(self.quarter.value))
        except ValueError as err:
            self.say(str(err), "error")
            return
        self.board = view.board
        self.show_notice()
        self.headline.value = view.headline
        for key, label in view.labels.items():
            if key in self.boxes:
                self.boxes[key].description = label
        self._sync_boxes()
        for box, chart in zip(
            (self.card_picture, self.trend_picture, self.gap_picture), view.charts, strict=False
        ):
            show_in(box, chart)
        self._save()

    def _save(self) -> None:
        self.save(
            {
                "alliance": self.alliance.value,
                "quarter": int(self.quarter.value),
                "picks": self.picks,
            }
        )
