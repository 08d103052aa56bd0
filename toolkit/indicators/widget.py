"""The indicators' widgets: sort metrics into leading and lagging; slide a lag until it fits.

:class:`MetricSorter`: the student sees a metric and its definition, clicks **Leading** or
**Lagging**, and (in a lesson) reads right away whether that was right and why the metric
leads or lags. Answers are saved beside the notebook on every click
(``my-metric-sorting.json`` by default) and come back when the cell runs again; graded
exercises read the same answers (:func:`~toolkit.indicators.model.load_answers`).

:class:`LagExplorer`: pick an alliance, a leading metric and a lagging one, and move the lag
slider: the chart moves the leading metric that many months later, and the bar chart shows
the correlation for every lag. With the quarter rhythm taken out (the default) the chart draws
each series as booked (thin) and as compared (3-month averages without the rhythm, thick), and
the bars carry how sure the reading is: the lag it names is dark, the plausible lags are
shaded and each bar shows its spread over resampled data. The readout says the reading in one
sentence. Two sliders set the period read (**From month**, **To month**): a young alliance's
first two years read alone say what those months can tell. The explorer reads the course data,
or a student's own portfolio (``source=case`` in an assignment). The choices are saved beside
the notebook (``my-lag-explorer.json`` by default) and come back when the cell runs again. The
numbers behind both are in
:mod:`toolkit.indicators.model`.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.indicators.model import load_answers
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> MetricSorter(["win_rate", "trained_sellers"], path=folder / "my-metric-sorting.json").choose(
...     "lagging"
... )
>>> load_answers(folder / "my-metric-sorting.json")
{'win_rate': 'lagging'}
>>> LagExplorer("Summit", path=folder / "my-lag-explorer.json").state.lag
0
"""

from __future__ import annotations

import html
from dataclasses import asdict
from pathlib import Path

import ipywidgets as w

from toolkit import data
from toolkit.indicators.catalogue import METRICS, metric_name
from toolkit.indicators.chart import correlation_chart, lag_chart
from toolkit.indicators.model import (
    BY_NAME,
    KIND,
    LABELS,
    LAGGING,
    LEADING,
    MAX_LAG,
    SORTER_FILE,
    ExplorerState,
    explore,
    feedback,
    parse_answers,
    score,
)
from toolkit.ui.messages import box
from toolkit.ui.parts import part
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.slider import Slider
from toolkit.ui.widget import CourseWidget

__all__ = ["EXPLORER_FILE", "LagExplorer", "MetricSorter", "parse_saved"]

EXPLORER_FILE = "my-lag-explorer.json"


# -- sorting metrics -------------------------------------------------------------------
class MetricSorter(CourseWidget):
    """Sort metrics into leading and lagging, with an explanation after each choice.

    Parameters
    ----------
    metrics : list of str, optional
        The metrics to sort (names or labels); default: the whole catalogue.
    path : str or Path, optional
        The answer file (beside the notebook).
    reveal : bool, optional
        Say right away whether each choice was right (lessons). With ``False`` (graded
        work) the widget only confirms the choice and shows the definition.
    """

    kind = KIND

    def __init__(self, metrics=None, *, path: str | Path = SORTER_FILE, reveal: bool = True):
        super().__init__(path)
        names = (
            [m.name for m in METRICS] if metrics is None else [metric_name(str(m)) for m in metrics]
        )
        self.metrics = list(dict.fromkeys(names))
        self.reveal = reveal
        saved = self.restore(parse_answers, {})
        # answers about metrics not sorted here stay in the file, untouched
        self._elsewhere = {k: v for k, v in saved.items() if k not in self.metrics}
        self.answers = {k: v for k, v in saved.items() if k in self.metrics}
        self.picker = part(
            w.Dropdown,
            options=[(BY_NAME[n].label, n) for n in self.metrics],
            description="Metric",
            layout={"width": "460px"},
        )
        self.definition = part(w.HTML)
        # plain buttons: ipywidgets' "info" and "warning" colours put white text at 3.5:1 and
        # 2.7:1, below WCAG AA; the words say which is which
        self.leading_button = part(w.Button, description="Leading", icon="forward")
        self.lagging_button = part(w.Button, description="Lagging", icon="backward")
        self.feedback = part(w.HTML)
        self.progress = part(w.HTML)
        self.show_notice()
        self.summary = part(w.HTML)
        self.leading_button.on_click(lambda _b: self.choose("leading"))
        self.lagging_button.on_click(lambda _b: self.choose("lagging"))
        self.picker.observe(lambda _c: self._show_metric(), names="value")
        self.children = [
            part(
                w.HTML,
                "<b>Is this metric leading (joint work you can steer today) or lagging "
                "(a result that comes later)?</b>",
            ),
            self.picker,
            self.definition,
            part(w.HBox, [self.leading_button, self.lagging_button]),
            self.feedback,
            self.message,
            self.progress,
            self.summary,
        ]
        first = next((n for n in self.metrics if n not in self.answers), self.metrics[0])
        self.picker.value = first
        self._show_metric()
        self._refresh()

    # -- the pure part ---------------------------------------------------------------
    def choose(self, kind: str, metric: str | None = None) -> None:
        """Sort ``metric`` (default: the one shown) as ``kind``; save; explain; move on."""
        metric = self.picker.value if metric is None else metric
        try:
            metric = metric_name(str(metric))
            if metric not in self.metrics:
                msg = f"{metric!r} is not one of the metrics to sort here"
                raise ValueError(msg)
            kind = str(kind).strip().lower()
            if kind not in ("leading", "lagging"):
                msg = f"choose 'leading' or 'lagging', not {kind!r}"
                raise ValueError(msg)
        except ValueError as err:
            self.say(str(err), "error")
            return
        self.answers[metric] = kind
        if self.save({"answers": {**self._elsewhere, **self.answers}}):
            self.say("")
        self._explain(metric, kind)
        nxt = next((n for n in self.metrics if n not in self.answers), None)
        if nxt is not None:
            self.picker.value = nxt
        self._refresh()

    # -- the view --------------------------------------------------------------------
    def _show_metric(self) -> None:
        m = BY_NAME[self.picker.value]
        earlier = self.answers.get(m.name)
        note = f" <i>(you sorted it as {earlier})</i>" if earlier else ""
        self.definition.value = (
            f"<p><b>{html.escape(m.label)}</b> ({html.escape(m.unit)}){note}<br>"
            f"{html.escape(m.definition)}</p>"
        )

    def _explain(self, metric: str, kind: str) -> None:
        f = feedback(metric, kind)
        if self.reveal:
            verdict = "✔ Right" if f["correct"] else "✘ Not quite"
            tone = "ok" if f["correct"] else "error"
            text = f"{verdict}: {f['label']} is a {f['kind']} indicator. {f['why']}"
        else:
            tone = "info"
            text = f"Saved: {f['label']} as {kind}. {BY_NAME[metric].definition}"
        self.feedback.value = box(text, tone, role="status")

    def _refresh(self) -> None:
        done = len(self.answers)
        total = len(self.metrics)
        if self.reveal:
            right, _ = score(self.answers)
            tail = f" ({right} right)"
        else:
            tail = ""
        self.progress.value = f"<p>{done} of {total} metrics sorted{tail}.</p>"
        rows = "".join(
            f"<tr><td>{html.escape(BY_NAME[n].label)}</td><td>{self.answers[n]}</td></tr>"
            for n in self.metrics
            if n in self.answers
        )
        self.summary.value = (
            f"<details><summary>Your answers</summary><table>{rows}</table></details>"
            if rows
            else ""
        )


# -- exploring lags --------------------------------------------------------------------
def parse_saved(content, source=None) -> ExplorerState:
    """Saved settings, checked against the data read (a ``ValueError`` says what is off).

    ``source`` is what the explorer reads (default: the course data).
    """
    if not isinstance(content, dict):
        msg = "expected the explorer's settings"
        raise ValueError(msg)
    state = ExplorerState(**content)
    explore(state, source)
    return state


class LagExplorer(CourseWidget):
    """Alliance, leading metric and lag slider -> the shifted chart and the correlation.

    Parameters
    ----------
    alliance, leading, lagging : str, optional
        Where to start (a saved state from an earlier run wins over these).
    path : str or Path, optional
        The file beside the notebook that keeps the explorer's settings.
    source : optional
        What the explorer reads: an object with ``series(alliance, metric)`` and
        ``alliance_names()``, such as a student's portfolio in an assignment (default: the
        course data).
    first, last : int, optional
        The period to start with (``last=None``: up to the last month of the data).
    """

    kind = "lag-explorer"

    def __init__(
        self,
        alliance: str = "Summit",
        leading: str = "deal_registrations",
        lagging: str = "sourced_revenue",
        *,
        path: str | Path = EXPLORER_FILE,
        source=None,
        first: int = 1,
        last: int | None = None,
    ):
        super().__init__(path)
        self.source = data if source is None else source
        start = ExplorerState(alliance, leading, lagging, first=first, last=last)
        self.state = self.restore(lambda content: parse_saved(content, self.source), start)
        names = list(self.source.alliance_names())
        months = self.source.series(names[0], leading).index
        self.months = (int(months.min()), int(months.max()))
        self.alliance = part(w.Dropdown, options=names, description="Alliance")
        self.leading = part(
            w.Dropdown,
            options=[(LABELS[n], n) for n in LEADING],
            description="Leading metric",
            style={"description_width": "initial"},
            layout={"width": "460px", "max_width": "100%"},
        )
        self.lagging = part(
            w.Dropdown,
            options=[(LABELS[n], n) for n in LAGGING],
            description="Lagging metric",
            style={"description_width": "initial"},
            layout={"width": "460px", "max_width": "100%"},
        )
        self.lag = Slider(min=0, max=MAX_LAG, description="Lag", unit="months")
        low, high = self.months
        self.first_month = Slider(low, min=low, max=high, description="From month")
        self.last_month = Slider(high, min=low, max=high, description="To month")
        whole_label = {"indent": False, "layout": {"width": "auto", "max_width": "100%"}}
        self.changes = part(
            w.Checkbox, description="compare changes, not levels (recommended)", **whole_label
        )
        self.rhythm_out = part(
            w.Checkbox,
            description="take the quarter rhythm out and average 3 months (recommended)",
            **whole_label,
        )
        self.readout = part(w.HTML)
        self.picture = chart_widget()
        self.bars = chart_widget()
        self._bars_for = None  # which metrics the bar chart shows
        self._sync_controls()
        self.when_changed(
            [
                self.alliance,
                self.leading,
                self.lagging,
                self.lag,
                self.first_month,
                self.last_month,
                self.changes,
                self.rhythm_out,
            ],
            self._changed,
        )
        self.children = [
            part(w.HBox, [self.alliance, self.lag], layout={"flex_flow": "row wrap"}),
            part(w.HBox, [self.first_month, self.last_month], layout={"flex_flow": "row wrap"}),
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
            self.first_month.value = int(self.state.first)
            last = self.state.last
            self.last_month.value = self.months[1] if last is None else int(last)
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
            int(self.first_month.value),
            None if self.last_month.value == self.months[1] else int(self.last_month.value),
        )
        self.update()

    def update(self) -> None:
        """Recompute for the current state, redraw both charts and save the settings."""
        try:
            result = explore(self.state, self.source)
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
        key = (s.alliance, s.leading, s.lagging, s.changes, s.rhythm_out, s.first, s.last)
        if key != self._bars_for:
            show_in(self.bars, correlation_chart(result["reading"]))
            self._bars_for = key
        corr = result["correlation"]
        corr_text = "cannot be measured" if corr != corr else f"{corr:.2f}"
        what = "changes" if s.changes else "levels"
        last = self.months[1] if s.last is None else s.last
        self.readout.value = (
            f"<p>{html.escape(s.alliance)}, months {s.first} to {last}: "
            f"{html.escape(result['reading'].sentence())}</p>"
            f"<p>Correlation of the {what} at a lag of {s.lag} months: <b>{corr_text}</b>.</p>"
        )
        self.save(asdict(s))
