"""``MetricSorter``: sort alliance metrics into leading and lagging, one at a time.

The student sees a metric and its definition, clicks **Leading** or **Lagging**, and (in a
lesson) reads right away whether that was right and why the metric leads or lags. Answers are
saved beside the notebook on every click (``my-metric-sorting.json`` by default) and come
back when the cell runs again; graded exercises read the same answers.

Examples
--------
>>> feedback("deal_registrations", "leading")["correct"]
True
>>> score({"sourced_revenue": "lagging", "trained_sellers": "lagging"})
(1, 2)
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-metric-sorting.json"
>>> MetricSorter(["win_rate", "trained_sellers"], path=path).choose("lagging")
>>> load_answers(path)
{'win_rate': 'lagging'}
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from toolkit.indicators.catalogue import KINDS, METRICS, metric_name
from toolkit.ui.messages import box
from toolkit.ui.saved import AnswerFile
from toolkit.ui.widget import CourseWidget

__all__ = ["MetricSorter", "feedback", "load_answers", "parse_answers", "score"]

BY_NAME = {m.name: m for m in METRICS}
DEFAULT_FILE = "my-metric-sorting.json"
KIND = "metric-sorting"


def _name(metric: str) -> str:
    return metric_name(str(metric))


def feedback(metric: str, choice: str) -> dict:
    """Whether ``choice`` (leading/lagging) is right for ``metric``, and why.

    Returns
    -------
    dict
        ``correct`` (bool), ``kind`` (the metric's kind), ``label`` and ``why``.
    """
    m = BY_NAME[_name(metric)]
    return {
        "correct": str(choice).strip().lower() == m.kind,
        "kind": m.kind,
        "label": m.label,
        "why": m.why,
    }


def score(answers: dict[str, str]) -> tuple[int, int]:
    """How many of the sorted metrics are sorted right, out of how many."""
    right = sum(feedback(name, kind)["correct"] for name, kind in answers.items())
    return right, len(answers)


def parse_answers(content) -> dict[str, str]:
    """Saved answers, checked: catalogue names, each ``leading`` or ``lagging``.

    Raises
    ------
    ValueError
        Naming the first answer that does not fit.
    """
    answers = content.get("answers", {}) if isinstance(content, dict) else None
    if not isinstance(answers, dict):
        msg = "expected the sorter's answers"
        raise ValueError(msg)
    for name, kind in answers.items():
        if name not in BY_NAME:
            msg = f"{name!r} is not a metric of the catalogue"
            raise ValueError(msg)
        if kind not in KINDS:
            msg = f"{name} is sorted as {kind!r}; expected 'leading' or 'lagging'"
            raise ValueError(msg)
    return dict(answers)


def load_answers(path: str | Path = DEFAULT_FILE) -> dict[str, str]:
    """The answers saved by a :class:`MetricSorter` (empty when there are none or unusable).

    Reading never moves or changes the file (checks call this; the widget keeps a file it
    cannot use aside when it starts).
    """
    content = AnswerFile(path, kind=KIND).peek({})
    try:
        return parse_answers(content)
    except ValueError:
        return {}


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

    def __init__(self, metrics=None, *, path: str | Path = DEFAULT_FILE, reveal: bool = True):
        super().__init__(path)
        names = [m.name for m in METRICS] if metrics is None else [_name(m) for m in metrics]
        self.metrics = list(dict.fromkeys(names))
        self.reveal = reveal
        saved = self.restore(parse_answers, {})
        # answers about metrics not sorted here stay in the file, untouched
        self._elsewhere = {k: v for k, v in saved.items() if k not in self.metrics}
        self.answers = {k: v for k, v in saved.items() if k in self.metrics}
        self.picker = w.Dropdown(
            options=[(BY_NAME[n].label, n) for n in self.metrics],
            description="Metric",
            layout=w.Layout(width="460px"),
        )
        self.definition = w.HTML()
        # plain buttons: ipywidgets' "info" and "warning" colours put white text at 3.5:1 and
        # 2.7:1, below WCAG AA; the words say which is which
        self.leading_button = w.Button(description="Leading", icon="forward")
        self.lagging_button = w.Button(description="Lagging", icon="backward")
        self.feedback = w.HTML()
        self.progress = w.HTML()
        self.show_notice()
        self.summary = w.HTML()
        self.leading_button.on_click(lambda _b: self.choose("leading"))
        self.lagging_button.on_click(lambda _b: self.choose("lagging"))
        self.picker.observe(lambda _c: self._show_metric(), names="value")
        self.children = [
            w.HTML(
                "<b>Is this metric leading (joint work you can steer today) or lagging "
                "(a result that comes later)?</b>"
            ),
            self.picker,
            self.definition,
            w.HBox([self.leading_button, self.lagging_button]),
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
            metric = _name(metric)
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
