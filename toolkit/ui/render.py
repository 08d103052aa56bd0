"""Offline chart rendering for every notebook of the course.

Altair 6 normally emits HTML that loads Vega from a CDN, and JupyterLab 4 has no renderer for
Vega-Lite 6, so in an offline classroom a chart would be blank. The course therefore renders
every chart to static SVG inside the kernel with ``vl-convert`` (which bundles Vega, Vega-Lite
and a JavaScript engine). SVG shows in JupyterLab, in classic notebooks, in nbconvert and
nbgrader HTML feedback, and in screen readers (the chart's title and description become the
SVG's ``aria-label``). Interactivity comes from the course's ipywidgets, not from the chart.

Chart helpers elsewhere in :mod:`toolkit` return an ``alt.Chart`` and never display it; use
:func:`to_svg` to get the picture as text (widgets show it in an ``HTML`` widget).

Examples
--------
>>> import altair as alt, pandas as pd
>>> chart = describe(
...     alt.Chart(pd.DataFrame({"month": [1, 2, 3], "revenue": [0, 0, 5]}))
...     .mark_line()
...     .encode(x="month", y="revenue"),
...     title="Revenue",
...     description="Revenue stays at zero for two months, then rises.",
... )
>>> svg = to_svg(chart)
>>> svg.startswith("<svg") and 'aria-label="Revenue stays at zero' in svg
True
>>> "http" in svg.replace("http://www.w3.org", "")
False
"""

from __future__ import annotations

import html
import json
import os
from typing import TYPE_CHECKING

import altair as alt

if TYPE_CHECKING:  # pragma: no cover
    import ipywidgets

__all__ = [
    "DEFERRED_MIME",
    "LAGGING_COLOUR",
    "LEADING_COLOUR",
    "RENDERER",
    "chart_widget",
    "describe",
    "enable_offline",
    "render_deferred",
    "renderer_name",
    "show_in",
    "to_svg",
]

RENDERER = "alliance-offline"
#: the course's two series colours: leading metrics (and our side) blue, lagging (partner) orange
LEADING_COLOUR = "#2b6cb0"
LAGGING_COLOUR = "#c05621"
#: MIME type of a chart whose drawing is left to the grader (see :func:`render_deferred`).
DEFERRED_MIME = "application/vnd.alliance-course.chart+json"
#: Largest specification (as JSON text) the grader draws; larger charts draw in the kernel.
DEFERRED_MAX_CHARS = 200_000


def to_svg(chart: alt.TopLevelMixin | dict) -> str:
    """Render a chart (or a Vega-Lite spec) to an SVG string, with no network access.

    Parameters
    ----------
    chart : altair.Chart or dict
        The chart, or its ``to_dict()`` specification.

    Returns
    -------
    str
        A standalone ``<svg>`` document.
    """
    import vl_convert as vlc  # imported on first render: it is a large native module

    spec = chart if isinstance(chart, dict) else chart.to_dict()
    return _accessible(vlc.vegalite_to_svg(spec), _title_text(spec), spec.get("description", ""))


def _accessible(svg: str, title: str, description: str) -> str:
    """Give the SVG a role, an accessible name and a description (read by screen readers)."""
    label = html.escape(description or title or "chart", quote=True)
    head, sep, rest = svg.partition(">")
    if not sep or not head.startswith("<svg"):
        return svg
    inner = f"<title>{html.escape(title or description)}</title>"
    if description:
        inner += f"<desc>{html.escape(description)}</desc>"
    return f'{head} role="img" aria-label="{label}">{inner}{rest}'


def _mimebundle(spec: dict, **_kwargs) -> dict:
    """Altair renderer: an SVG picture plus a plain-text description.

    While nbgrader autogrades or validates (it sets ``NBGRADER_EXECUTION``), a chart is left
    as its specification under :data:`DEFERRED_MIME`: the grader draws it afterwards with
    :func:`render_deferred`, in one process whose JavaScript engine stays warm from one
    submission to the next, instead of every student's kernel starting its own (0.4 s each).
    Specifications that generate their own data (``sequence``) or are very large are drawn in
    the kernel, where the cell timeout still bounds them.
    """
    text = _label(spec)
    if _grading() and _deferrable(spec):
        return {DEFERRED_MIME: spec, "text/plain": f"<chart: {text}>"}
    return {"image/svg+xml": to_svg(spec), "text/plain": f"<chart: {text}>"}


def _grading() -> bool:
    return os.environ.get("NBGRADER_EXECUTION") in ("autograde", "validate")


def _deferrable(spec: dict) -> bool:
    text = json.dumps(spec)
    return len(text) <= DEFERRED_MAX_CHARS and '"sequence"' not in text


def render_deferred(outputs: list) -> list[str]:
    """Draw, in place, every chart of ``outputs`` that the kernel left to the grader.

    Each output carrying :data:`DEFERRED_MIME` gets its ``image/svg+xml`` picture (the same
    accessible SVG :func:`to_svg` makes) and loses the specification. A chart that cannot be
    drawn keeps only its text and a note saying so; nothing is raised.

    Parameters
    ----------
    outputs : list
        A notebook cell's outputs (nbformat ``display_data`` / ``execute_result`` dicts).

    Returns
    -------
    list of str
        One message per chart that could not be drawn (empty when all were).

    Examples
    --------
    >>> spec = {"mark": "point", "description": "One dot.",
    ...         "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}
    >>> outputs = [{"output_type": "display_data", "metadata": {},
    ...             "data": {DEFERRED_MIME: spec, "text/plain": "<chart: One dot.>"}}]
    >>> render_deferred(outputs)
    []
    >>> sorted(outputs[0]["data"]), 'aria-label="One dot."' in outputs[0]["data"]["image/svg+xml"]
    (['image/svg+xml', 'text/plain'], True)
    """
    problems = []
    for output in outputs:
        data = output.get("data", {})
        spec = data.pop(DEFERRED_MIME, None)
        if spec is None:
            continue
        try:
            data["image/svg+xml"] = to_svg(dict(spec))
        except Exception as error:  # noqa: BLE001 - a bad chart must not stop the grading
            message = f"chart could not be drawn: {type(error).__name__}: {error}"
            data["text/plain"] = f"{data.get('text/plain', '<chart>')} ({message})"
            problems.append(message)
    return problems


def _label(spec: dict) -> str:
    """What a chart says in words: its description, else its title."""
    return spec.get("description") or _title_text(spec) or "chart"


def _title_text(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(title)
    return title or ""


def enable_offline() -> None:
    """Make Altair render every chart as offline SVG (called by ``import toolkit``)."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _mimebundle)
    alt.renderers.enable(RENDERER)


def renderer_name() -> str:
    """Name of the Altair renderer in use."""
    return alt.renderers.active


def describe(chart: alt.TopLevelMixin, *, title: str, description: str) -> alt.TopLevelMixin:
    """Give a chart its title and a one-sentence text description (read by screen readers)."""
    return chart.properties(title=title, description=description)


def chart_widget(chart: alt.TopLevelMixin | None = None) -> ipywidgets.HTML:
    """An ``ipywidgets.HTML`` that shows a chart; update it with :func:`show_in`."""
    import ipywidgets

    box = ipywidgets.HTML(layout=ipywidgets.Layout(overflow="auto"))
    if chart is not None:
        show_in(box, chart)
    return box


def show_in(box: ipywidgets.HTML, chart: alt.TopLevelMixin | dict) -> None:
    """Draw ``chart`` into an HTML widget (as accessible SVG, see :func:`to_svg`).

    While nbgrader autogrades or validates a notebook (it sets ``NBGRADER_EXECUTION``), no
    one sees a widget: its picture never reaches the feedback, which shows cell outputs only.
    The widget then gets the chart's description as text instead of a drawing, which spares
    every submission the cost of rendering (the first render starts a JavaScript engine).
    """
    if _grading():
        spec = chart if isinstance(chart, dict) else chart.to_dict()
        text = _label(spec)
        box.value = f"<p>{html.escape(text)}</p>"
        return
    box.value = to_svg(chart)
