"""``LagExplorer``: slide a leading metric forward in time until it lines up with revenue.

Pick an alliance, a leading metric and a lagging one, and move the lag slider: the chart
moves the leading metric that many months later, and the bar chart shows the correlation for
every lag. With the quarter rhythm taken out (the default) the chart draws each series as
booked (thin) and as compared (3-month averages without the rhythm, thick), and the bars
carry how sure the reading is: the lag it names is dark, the plausible lags are shaded and
each bar shows its spread over resampled data. The readout says the reading in one
sentence. The choices are saved beside the notebook (``my-lag-explorer.json`` by default)
and come back when the cell runs again.

Examples
--------
>>> state = ExplorerState(alliance="Summit", lag=3)
>>> result = explore(state)
>>> result["best_lag"], result["reading"].verdict
(3, 'clear')
>>> explore(ExplorerState(alliance="Summit", rhythm_out=False))["reading"].adjusted
'nothing (seasonality=None)'
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
from toolkit.indicators.lags import best_lag
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.slider import Slider
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
    rhythm_out: bool = True  # take the quarter rhythm out (and average over 3 months)


@lru_cache(maxsize=256)
def _reading(alliance: str, leading: str, lagging: str, changes: bool, rhythm_out: bool):
    lead = data.series(alliance, leading)
    lagged = data.series(alliance, lagging)
    options = {} if rhythm_out else {"seasonality": None, "window": 1}
    return lead, lagged, best_lag(lead, lagged, MAX_LAG, changes=changes, **options)


def explore(state: ExplorerState) -> dict:
    """The numbers behind the explorer for one state.

    With ``rhythm_out`` (the default) the reading is :func:`~toolkit.indicators.lags.best_lag`
    as it is; without, it compares single months with the quarter rhythm left in (the naive
    reading lesson 03 warns about).

    Returns
    -------
    dict
        ``leading`` and ``lagging`` (the Series), ``reading`` (the
        :class:`~toolkit.indicators.lags.LagReading`), ``table`` (its correlation by lag),
        ``correlation`` (at the chosen lag) and ``best_lag`` (the lag the reading names, or
        None when the data cannot tell).

    Raises
    ------
    ValueError
        For an unknown alliance or metric, or a lag outside 0-12.
    """
    if not 0 <= int(state.lag) <= MAX_LAG:
        msg = f"the lag must be from 0 to {MAX_LAG} months, got {state.lag}"
        raise ValueError(msg)
    lead, lagged, reading = _reading(
        state.alliance, state.leading, state.lagging, bool(state.changes), bool(state.rhythm_out)
    )
    return {
        "leading": lead,
        "lagging": lagged,
        "reading": reading,
        "table": reading.table,
        "correlation": float(reading.table["correlation"].loc[int(state.lag)]),
        "best_lag": reading.lag,
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
            description="Leading metric",
            style={"description_width": "initial"},
            layout=w.Layout(width="460px", max_width="100%"),
        )
        self.lagging = w.Dropdown(
            options=[(LABELS[n], n) for n in LAGGING],
            description="Lagging metric",
            style={"description_width": "initial"},
            layout=w.Layout(width="460px", max_width="100%"),
        )
        self.lag = Slider(min=0, max=MAX_LAG, description="Lag", unit="months")
        whole_label = {"indent": False, "layout": w.Layout(width="auto", max_width="100%")}
        self.changes = w.Checkbox(
            description="compare changes, not levels (recommended)", **whole_label
        )
        self.rhythm_out = w.Checkbox(
            description="take the quarter rhythm out and average 3 months (recommended)",
            **whole_label,
        )
        self.readout = w.HTML()
        self.picture = chart_widget()
        self.bars = chart_widget()
        self._bars_for = None  # which metrics the bar chart shows
        self._sync_controls()
        self.when_changed(
            [self.alliance, self.leading, self.lagging, self.lag, self.changes, self.rhythm_out],
            self._changed,
        )
        self.children = [
            w.HBox([self.alliance, self.lag], layout=w.Layout(flex_flow="row wrap")),
            self.leading,
            self.lagging,
            self.changes,
            self.rhythm_out,
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
            self.rhythm_out.value = bool(self.state.rhythm_out)

    def _changed(self, _change=None) -> None:
        self.state = ExplorerState(
            self.alliance.value,
            self.leading.value,
            self.lagging.value,
            int(self.lag.value),
            bool(self.changes.value),
            bool(self.rhythm_out.value),
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
                adjusted=s.rhythm_out,
            ),
        )
        # the bars depend on the metrics, not on the lag: a slider move redraws one chart
        key = (s.alliance, s.leading, s.lagging, s.changes, s.rhythm_out)
        if key != self._bars_for:
            show_in(self.bars, correlation_chart(result["reading"]))
            self._bars_for = key
        corr = result["correlation"]
        corr_text = "cannot be measured" if corr != corr else f"{corr:.2f}"
        what = "changes" if s.changes else "levels"
        self.readout.value = (
            f"<p>{html.escape(s.alliance)}: {html.escape(result['reading'].sentence())}</p>"
            f"<p>Correlation of the {what} at a lag of {s.lag} months: <b>{corr_text}</b>.</p>"
        )
        self.save(asdict(s))
