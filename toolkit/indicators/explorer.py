"""``LagExplorer``: slide a leading metric forward in time until it lines up with revenue.

Pick an alliance, a leading metric and a lagging one, and move the lag slider: the chart
moves the leading metric that many months later, and the bar chart shows the correlation for
every lag, with the best one dark. The choices are saved beside the notebook
(``my-lag-explorer.json`` by default) and come back when the cell runs again.

Examples
--------
>>> state = ExplorerState(alliance="Summit", lag=3)
>>> result = explore(state)
>>> result["best_lag"], round(result["correlation"], 2)
(3, 0.81)
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import ipywidgets as w

from toolkit import data
from toolkit.indicators.catalogue import METRICS
from toolkit.indicators.chart import correlation_chart, lag_chart
from toolkit.indicators.lags import lag_correlations
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.widget import CourseWidget

__all__ = ["ExplorerState", "LagExplorer", "explore", "parse_saved"]

DEFAULT_FILE = "my-lag-explorer.json"
MAX_LAG = 12
LEADING = [m.name for m in METRICS if m.kind == "leading" and m.source == "panel"]
LAGGING = [m.name for m in METRICS if m.kind == "lagging" and m.source == "panel"]
LABELS = {m.name: m.label for m in METRICS}


@dataclass
class ExplorerState:
    """What the explorer shows: plain data, saved as it is."""

    alliance: str = "Summit"
    leading: str = "deal_registrations"
    lagging: str = "sourced_revenue"
    lag: int = 0
    changes: bool = True


@lru_cache(maxsize=256)
def _table(alliance: str, leading: str, lagging: str, changes: bool):
    lead = data.series(alliance, leading)
    lagged = data.series(alliance, lagging)
    return lead, lagged, lag_correlations(lead, lagged, MAX_LAG, changes=changes)


def explore(state: ExplorerState) -> dict:
    """The numbers behind the explorer for one state.

    Returns
    -------
    dict
        ``leading`` and ``lagging`` (the Series), ``table`` (correlation by lag),
        ``correlation`` (at the chosen lag), ``best_lag`` (None if no lag can be measured).

    Raises
    ------
    ValueError
        For an unknown alliance or metric, or a lag outside 0-12.
    """
    if not 0 <= int(state.lag) <= MAX_LAG:
        msg = f"the lag must be from 0 to {MAX_LAG} months, got {state.lag}"
        raise ValueError(msg)
    lead, lagged, table = _table(state.alliance, state.leading, state.lagging, bool(state.changes))
    corr = table["correlation"]
    return {
        "leading": lead,
        "lagging": lagged,
        "table": table,
        "correlation": float(corr.loc[int(state.lag)]),
        "best_lag": None if corr.isna().all() else int(corr.idxmax()),
    }


def parse_saved(content) -> ExplorerState:
    """Saved settings, checked against the course data (a ``ValueError`` says what is off)."""
    if not isinstance(content, dict):
        msg = "expected the explorer's settings"
        raise ValueError(msg)
    state = ExplorerState(**content)
    explore(state)
    return state


class LagExplorer(CourseWidget):
    """Alliance, leading metric and lag slider -> the shifted chart and the correlation.

    Parameters
    ----------
    alliance, leading, lagging : str, optional
        Where to start (a saved state from an earlier run wins over these).
    path : str or Path, optional
        The file beside the notebook that keeps the explorer's settings.
    """

    kind = "lag-explorer"

    def __init__(
        self,
        alliance: str = "Summit",
        leading: str = "deal_registrations",
        lagging: str = "sourced_revenue",
        *,
        path: str | Path = DEFAULT_FILE,
    ):
        super().__init__(path)
        self.state = self.restore(parse_saved, ExplorerState(alliance, leading, lagging))
        names = data.alliance_names()
        self.alliance = w.Dropdown(options=names, description="Alliance")
        self.leading = w.Dropdown(
            options=[(LABELS[n], n) for n in LEADING],
            description="Leading",
            layout=w.Layout(width="420px"),
        )
        self.lagging = w.Dropdown(
            options=[(LABELS[n], n) for n in LAGGING],
            description="Lagging",
            layout=w.Layout(width="420px"),
        )
        self.lag = w.IntSlider(
            min=0, max=MAX_LAG, description="Lag (months)", style={"description_width": "initial"}
        )
        self.changes = w.Checkbox(description="compare month-to-month changes (recommended)")
        self.readout = w.HTML()
        self.picture = chart_widget()
        self.bars = chart_widget()
        self._bars_for = None  # which metrics the bar chart shows
        self._sync_controls()
        self.when_changed(
            [self.alliance, self.leading, self.lagging, self.lag, self.changes], self._changed
        )
        self.children = [
            w.HBox([self.alliance, self.lag]),
            self.leading,
            self.lagging,
            self.changes,
            self.message,
            self.readout,
            self.picture,
            self.bars,
        ]
        self.update()

    def _sync_controls(self) -> None:
        with self.quiet():
            self.alliance.value = self.state.alliance
            self.leading.value = self.state.leading
            self.lagging.value = self.state.lagging
            self.lag.value = int(self.state.lag)
            self.changes.value = bool(self.state.changes)

    def _changed(self, _change=None) -> None:
        self.state = ExplorerState(
            self.alliance.value,
            self.leading.value,
            self.lagging.value,
            int(self.lag.value),
            bool(self.changes.value),
        )
        self.update()

    def update(self) -> None:
        """Recompute for the current state, redraw both charts and save the settings."""
        try:
            result = explore(self.state)
        except ValueError as err:
            self.say(str(err), "error")
            return
        self.show_notice()
        s = self.state
        show_in(
            self.picture,
            lag_chart(
                result["leading"],
                result["lagging"],
                s.lag,
                leading_name=LABELS[s.leading],
                lagging_name=LABELS[s.lagging],
            ),
        )
        # the bars depend on the metrics, not on the lag: a slider move redraws one chart
        key = (s.alliance, s.leading, s.lagging, s.changes)
        if key != self._bars_for:
            show_in(self.bars, correlation_chart(result["table"]))
            self._bars_for = key
        corr = result["correlation"]
        corr_text = "cannot be measured" if corr != corr else f"{corr:.2f}"
        best = result["best_lag"]
        best_text = "no lag can be measured" if best is None else f"the best lag is {best} months"
        what = "changes" if s.changes else "levels"
        self.readout.value = (
            f"<p>{html.escape(s.alliance)}: correlation of the {what} at a lag of {s.lag} "
            f"months: <b>{corr_text}</b>; {best_text}.</p>"
        )
        self.save(asdict(s))
