"""Offline chart rendering for every notebook of the course.

Altair 6 normally emits HTML that loads Vega from a CDN, and JupyterLab 4 has no renderer for
Vega-Lite 6, so in an offline classroom a chart would be blank. The course therefore renders
every chart to static SVG inside the kernel with ``vl-convert`` (which bundles Vega, Vega-Lite
and a JavaScript engine). SVG shows in JupyterLab, in classic notebooks, in nbconvert and
nbgrader HTML feedback. Interactivity comes from the course's ipywidgets, not from the chart.

Every chart meets WCAG 2.1 AA wherever it is shown, and this module is the one place that sees
to it:

- the SVG is one image (``role="img"``) named by the chart's description (``aria-label``),
  with the title and description as its ``<title>`` and ``<desc>``; Vega-Lite's ``aria``
  configuration, set here for every chart, keeps marks and axes out of the accessibility tree,
  so nothing inside the picture has a role without a name;
- a cell output is an ``<img>`` whose alternative text is the description (JupyterLab draws
  ``image/svg+xml`` as an image with no ``alt``, so the bundle leads with ``text/html``);
  nbgrader feedback does the same (``instructor/admin/templates/feedback``);
- the picture shrinks to the width it is given (``max-width: 100%`` over its ``viewBox``), so
  no chart is wider than the notebook.

The course's own chart helpers draw their pictures as SVG directly (:mod:`toolkit.ui.plot`,
returning a :class:`~toolkit.ui.svg.Diagram` that meets the same promises) and never display
them; Altair charts, such as a participant's own, are drawn here. :func:`to_svg` gives either
picture as text (widgets show it in an ``HTML`` widget). Altair itself is imported only when
something uses it: ``import toolkit`` enables this module's renderer the moment Altair is
imported (see :func:`enable_offline`), and ``vl-convert`` starts at the first drawing.

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
>>> 'aria-hidden="true"' in svg, 'style="max-width:100%;height:auto"' in svg  # marks hidden
(True, True)
>>> print(svg_bundle(svg, "Revenue stays at zero for two months, then rises.")["text/html"])
<img alt="Revenue stays at zero for two months, then rises." ... src="data:image/svg+xml;...">
>>> "http" in svg.replace("http://www.w3.org", "")
False
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt
    import ipywidgets

__all__ = [
    "DEFERRED_MIME",
    "KIND_COLOURS",
    "LAGGING_COLOUR",
    "LEADING_COLOUR",
    "RENDERER",
    "chart_widget",
    "describe",
    "enable_offline",
    "render_deferred",
    "renderer_name",
    "show_in",
    "svg_bundle",
    "to_svg",
]

RENDERER = "alliance-offline"
#: the course's two series colours: leading metrics (and our side) blue, lagging (partner) orange
LEADING_COLOUR = "#2b6cb0"
LAGGING_COLOUR = "#c05621"
#: each kind of indicator's colour, leading first (a legend's order)
KIND_COLOURS = {"leading": LEADING_COLOUR, "lagging": LAGGING_COLOUR}
#: MIME type of a chart whose drawing is left to the grader (see :func:`render_deferred`).
DEFERRED_MIME = "application/vnd.alliance-course.chart+json"
#: Largest specification (as JSON text) the grader draws; larger charts draw in the kernel.
DEFERRED_MAX_CHARS = 200_000
#: how every picture is sized: its own width at most, narrower when the page is narrower
FIT = "max-width:100%;height:auto"
#: the charts' font: vl-convert measures text with the first of these it finds, a browser draws
#: it with the first it has; DejaVu Sans (Debian's sans-serif) and Verdana are the widest
#: common ones, so text measured with them is never cut off or overlapping in a narrower font
FONT = "DejaVu Sans, Verdana, sans-serif"
#: whether :func:`enable_offline` has set the course's renderer to be enabled with Altair
_HOOKED = False


def _configured(spec: dict) -> dict:
    """``spec`` with the course's accessibility configuration, set here for every chart.

    ``aria: false`` for the chart and for every mark: Vega then hides marks and axes from
    screen readers (``aria-hidden``) instead of giving each a role, often with no name. The
    chart as a whole is the image; :func:`_accessible` names it. Text is laid out in
    :data:`FONT` unless the chart chose its own.
    """
    config = dict(spec.get("config") or {})
    config.setdefault("font", FONT)
    config["aria"] = False
    config["mark"] = {**(config.get("mark") or {}), "aria": False}
    return {**spec, "config": config}


def to_svg(chart: alt.TopLevelMixin | dict) -> str:
    """Render a chart (or a Vega-Lite spec) to an SVG string, with no network access.

    Parameters
    ----------
    chart : altair.Chart or dict
        The chart, or its ``to_dict()`` specification; a picture drawn as SVG already (a
        :class:`~toolkit.ui.svg.Diagram`) comes back as it is.

    Returns
    -------
    str
        A standalone ``<svg>`` document.
    """
    if _drawn(chart):
        return chart.svg
    import vl_convert as vlc  # imported on first render: it is a large native module

    spec = chart if isinstance(chart, dict) else chart.to_dict()
    svg = vlc.vegalite_to_svg(_configured(spec))
    return _accessible(svg, _title_text(spec), spec.get("description", ""))


_FIRST_GROUP = re.compile(r"<g\b([^>]*)>")
_OWN_ROLE = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')


def _accessible(svg: str, title: str, description: str) -> str:
    """Make the SVG one image: a role, a name, a description, sized to fit.

    Nothing inside is exposed: the drawing's outer group is hidden from screen readers (Vega's
    root group keeps a role without a name even when every mark has ``aria: false``).
    """
    label = html.escape(description or title or "chart", quote=True)
    head, sep, rest = svg.partition(">")
    if not sep or not head.startswith("<svg"):
        return svg
    inner = f"<title>{html.escape(title or description)}</title>"
    if description:
        inner += f"<desc>{html.escape(description)}</desc>"
    drawing = _FIRST_GROUP.search(rest)
    if drawing:
        attributes = _OWN_ROLE.sub("", drawing.group(1))
        rest = f'{rest[: drawing.start()]}<g{attributes} aria-hidden="true">{rest[drawing.end() :]}'
    return f'{head} style="{FIT}" role="img" aria-label="{label}">{inner}{rest}'


def svg_bundle(svg: str, text: str) -> dict:
    """How a picture drawn as SVG shows in a notebook: an image with ``text`` as its ``alt``.

    JupyterLab draws an ``image/svg+xml`` output as an ``<img>`` with no alternative text, so
    the bundle leads with ``text/html``: the same picture as an image whose ``alt`` is
    ``text`` (the chart's description), sized to fit the page. ``image/svg+xml`` stays for
    tools that want the picture itself.

    Parameters
    ----------
    svg : str
        The picture (an accessible SVG such as :func:`to_svg` makes).
    text : str
        What the picture shows, in one sentence.

    Returns
    -------
    dict
        ``text/html``, ``image/svg+xml`` and ``text/plain`` (``<chart: text>``).

    Examples
    --------
    >>> bundle = svg_bundle('<svg xmlns="http://www.w3.org/2000/svg"></svg>', "An empty box.")
    >>> sorted(bundle), bundle["text/plain"]
    (['image/svg+xml', 'text/html', 'text/plain'], '<chart: An empty box.>')
    >>> 'alt="An empty box."' in bundle["text/html"]
    True
    """
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    image = (
        f'<img alt="{html.escape(text, quote=True)}" style="{FIT}" '
        f'src="data:image/svg+xml;base64,{encoded}">'
    )
    return {"text/html": image, "image/svg+xml": svg, "text/plain": f"<chart: {text}>"}


def _mimebundle(spec: dict, **_kwargs) -> dict:
    """Altair renderer: an SVG picture with its description (see :func:`svg_bundle`).

    While nbgrader autogrades or validates (it sets ``NBGRADER_EXECUTION``), a chart is left
    as its specification under :data:`DEFERRED_MIME`: the grader draws it afterwards with
    :func:`render_deferred`, in one process whose JavaScript engine stays warm from one
    submission to the next, instead of every student's kernel starting its own (0.4 s each).
    Specifications that generate their own data (``sequence``) or are very large are drawn in
    the kernel, where the cell timeout still bounds them.
    """
    text = _label(spec)
    if grading() and _deferrable(spec):
        return {DEFERRED_MIME: spec, "text/plain": f"<chart: {text}>"}
    return svg_bundle(to_svg(spec), text)


def grading() -> bool:
    """Whether nbgrader is running this kernel to grade or validate (nobody sees widgets)."""
    return os.environ.get("NBGRADER_EXECUTION") in ("autograde", "validate")


def _deferrable(spec: dict) -> bool:
    text = json.dumps(spec)
    return len(text) <= DEFERRED_MAX_CHARS and '"sequence"' not in text


def render_deferred(outputs: list) -> list[str]:
    """Draw, in place, every chart of ``outputs`` that the kernel left to the grader.

    Each output carrying :data:`DEFERRED_MIME` gets the bundle a student's kernel would have
    made (:func:`svg_bundle`: the image with its description as ``alt``, and the accessible
    SVG :func:`to_svg` makes) and loses the specification. A chart that cannot be
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
    (['image/svg+xml', 'text/html', 'text/plain'], True)
    """
    problems = []
    for output in outputs:
        data = output.get("data", {})
        spec = data.pop(DEFERRED_MIME, None)
        if spec is None:
            continue
        try:
            data.update(svg_bundle(to_svg(dict(spec)), _label(dict(spec))))
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
    """Make Altair render every chart as offline SVG (called by ``import toolkit``).

    Altair is not imported for this (it costs most of a second, and the course's own charts are
    drawn without it): wrapt's post-import hook enables the renderer now if Altair is imported
    already, else the moment something imports it (a participant's own ``import altair``), so
    a chart made in the next line already renders offline.
    """
    from wrapt import register_post_import_hook

    global _HOOKED
    register_post_import_hook(_enable, "altair")
    _HOOKED = True


def _enable(alt) -> None:
    """Register and enable the course's renderer in the Altair module ``alt``."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, _mimebundle)
    alt.renderers.enable(RENDERER)


def renderer_name() -> str:
    """Name of the Altair renderer every chart of this kernel is drawn with.

    Once Altair is imported, the one it has active; before that, the one it will have: the
    course's, which :func:`enable_offline` enables the moment Altair is imported (Altair's own
    ``"default"`` if nothing did). Altair is not imported to answer: it costs most of a second,
    and a lesson that draws no Altair chart never needs it.

    Examples
    --------
    >>> renderer_name()  # ``import toolkit`` called enable_offline
    'alliance-offline'
    """
    alt = sys.modules.get("altair")
    if alt is not None:
        return alt.renderers.active
    return RENDERER if _HOOKED else "default"


def describe(chart: alt.TopLevelMixin, *, title: str, description: str) -> alt.TopLevelMixin:
    """Give a chart its title and a one-sentence text description (read by screen readers)."""
    return chart.properties(title=title, description=description)


def chart_widget(chart: alt.TopLevelMixin | None = None) -> ipywidgets.HTML:
    """An ``ipywidgets.HTML`` that shows a chart; update it with :func:`show_in`."""
    import ipywidgets

    from toolkit.ui.parts import part

    box = part(ipywidgets.HTML, layout={"max_width": "100%"})
    if chart is not None:
        show_in(box, chart)
    return box


def _drawn(chart) -> bool:
    """Whether ``chart`` is a picture drawn as SVG already (a :class:`~toolkit.ui.svg.Diagram`)."""
    return hasattr(chart, "svg") and hasattr(chart, "description")


def show_in(box: ipywidgets.HTML, chart: alt.TopLevelMixin | dict) -> None:
    """Draw ``chart`` into an HTML widget (as accessible SVG, see :func:`to_svg`).

    ``chart`` may also be a picture drawn as SVG already (a governance ``Diagram``: anything
    with ``svg`` and ``description``), shown as it is.

    While nbgrader autogrades or validates a notebook (it sets ``NBGRADER_EXECUTION``), no
    one sees a widget: its picture never reaches the feedback, which shows cell outputs only.
    The widget then gets the chart's description as text instead of a drawing, which spares
    every submission the cost of rendering (the first render starts a JavaScript engine).
    """
    if _drawn(chart):
        box.value = f"<p>{html.escape(chart.description)}</p>" if grading() else chart.svg
        return
    if grading():
        spec = chart if isinstance(chart, dict) else chart.to_dict()
        text = _label(spec)
        box.value = f"<p>{html.escape(text)}</p>"
        return
    box.value = to_svg(chart)
