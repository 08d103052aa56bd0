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
"""

from __future__ import annotations

import html
from pathlib import Path

from toolkit.answer_file import AnswerFile, error_html, info_html
from toolkit.catalogue import METRICS
from toolkit.metrics import metric_name

__all__ = ["MetricSorter", "feedback", "load_answers", "score"]

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


def load_answers(path: str | Path = DEFAULT_FILE) -> dict[str, str]:
    """The answers saved by a :class:`MetricSorter` (empty when there are none)."""
    data = AnswerFile(path, kind=KIND).load({})
    answers = data.get("answers", {}) if isinstance(data, dict) else {}
    return {k: v for k, v in answers.items() if k in BY_NAME and v in ("leading", "lagging")}


class MetricSorter:
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

    def __init__(self, metrics=None, *, path: str | Path = DEFAULT_FILE, reveal: bool = True):
        import ipywidgets as w

        names = [m.name for m in METRICS] if metrics is None else [_name(m) for m in metrics]
        self.metrics = list(dict.fromkeys(names))
        self.reveal = reveal
        self.file = AnswerFile(path, kind=KIND)
        saved = self.file.load({})
        saved = saved.get("answers", {}) if isinstance(saved, dict) else {}
        self.answers = {
            k: v for k, v in saved.items() if k in self.metrics and v in ("leading", "lagging")
        }
        self.picker = w.Dropdown(
            options=[(BY_NAME[n].label, n) for n in self.metrics],
            description="Metric",
            layout=w.Layout(width="460px"),
        )
        self.definition = w.HTML()
        self.leading_button = w.Button(description="Leading", button_style="info", icon="forward")
        self.lagging_button = w.Button(
            description="Lagging", button_style="warning", icon="backward"
        )
        self.feedback = w.HTML()
        self.progress = w.HTML()
        self.message = w.HTML(self.file.problem and error_html(self.file.problem))
        self.summary = w.HTML()
        self.leading_button.on_click(lambda _b: self.choose("leading"))
        self.lagging_button.on_click(lambda _b: self.choose("lagging"))
        self.picker.observe(lambda _c: self._show_metric(), names="value")
        self.widget = w.VBox(
            [
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
        )
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
            self.message.value = error_html(str(err))
            return
        self.answers[metric] = kind
        try:
            self.file.save({"answers": self.answers})
            self.message.value = ""
        except OSError as err:
            self.message.value = error_html(
                f"Could not save your answers to {self.file.path.name} ({err}); they are kept "
                "in this notebook until the kernel stops."
            )
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
            verdict = "Right" if f["correct"] else "Not quite"
            colour = "#276749" if f["correct"] else "#9b2c2c"
            text = f"{verdict}: {f['label']} is a {f['kind']} indicator. {f['why']}"
        else:
            colour = "#2b6cb0"
            text = f"Saved: {f['label']} as {kind}. {BY_NAME[metric].definition}"
        self.feedback.value = info_html(text, colour)

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

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
