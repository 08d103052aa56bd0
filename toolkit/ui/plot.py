"""Simple charts (lines, areas, bars, rules and dots on two axes) drawn as SVG directly.

The charts a widget redraws on every move are drawn here in Python, in a millisecond or two,
instead of through Vega in ``vl-convert`` (some 25 ms for even a one-point chart, before
Vega-Lite compiles the specification). They look like the course's Vega-Lite charts: the same
title above the plot, axes with rounded ticks, grid lines and titles, legends under the plot,
the same marks and colours (:data:`~toolkit.ui.render.LEADING_COLOUR`,
:data:`~toolkit.ui.render.LAGGING_COLOUR`), and they are accessible the same way: one image
(``role="img"``) named by the chart's description, with ``<title>`` and ``<desc>``, and
nothing inside it exposed to screen readers.

A chart is built in three steps: the scales (:class:`Linear`, :class:`Band`), the marks
(methods of :class:`Plot` that take data values and draw with the scales), and
:meth:`Plot.draw`, which lays out the axes, legends and title around the plot and returns a
:class:`~toolkit.ui.svg.Diagram`.

Examples
--------
>>> plot = Plot(Linear(0, 3, 120, title="Month"), Linear(0, 5, 80, title="Revenue", vertical=True))
>>> plot.line([1, 2, 3], [0, 0, 5], colour="#2b6cb0")
>>> chart = plot.draw("Revenue", "Revenue stays at zero for two months, then rises.", data={})
>>> chart.svg.startswith("<svg") and 'role="img"' in chart.svg
True
>>> 'aria-label="Revenue stays at zero for two months, then rises."' in chart.svg
True
>>> Linear(0, 0.93, 200, vertical=True).ticks
[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from toolkit.ui.svg import FONT, Diagram, text_width, xml_text

__all__ = ["Band", "Legend", "Linear", "Plot"]

AXIS_COLOUR, GRID_COLOUR = "#888", "#ddd"
LABEL_SIZE, AXIS_TITLE_SIZE, TITLE_SIZE = 10, 11, 13
TICK, LABEL_PAD, TITLE_PAD = 5, 2, 4
MARGIN = 5


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _tick_step(low: float, high: float, count: int) -> float:
    """The step of about ``count`` round ticks between ``low`` and ``high`` (1, 2 or 5 x 10^n)."""
    raw = (high - low) / max(count, 1)
    power = math.floor(math.log10(raw))
    error = raw / 10**power
    factor = (
        10
        if error >= math.sqrt(50)
        else 5
        if error >= math.sqrt(10)
        else 2
        if error >= 2**0.5
        else 1
    )
    return factor * 10.0**power


@dataclass
class Linear:
    """A quantitative scale from data values to pixels, with its round ticks.

    Parameters
    ----------
    low, high : float
        The data's range (widened to include zero with ``zero``, and to round ticks).
    length : float
        Pixels from the lowest to the highest value.
    title : str, optional
        The axis title.
    vertical : bool, optional
        A y scale: the lowest value at the bottom.
    zero : bool, optional
        Include zero (bars and areas grow from it).
    nice : bool, optional
        Widen the range to round ticks at both ends (off for a fixed range).
    percent : bool, optional
        Label the ticks as percentages (a share of 1 as "40%").
    """

    low: float
    high: float
    length: float
    title: str = ""
    vertical: bool = False
    zero: bool = True
    nice: bool = True
    percent: bool = False
    ticks: list = field(init=False)
    decimals: int = field(init=False)

    def __post_init__(self):
        low, high = float(self.low), float(self.high)
        if self.zero:
            low, high = min(low, 0.0), max(high, 0.0)
        if not high > low:
            high = low + 1
        count = math.ceil(self.length / 40)
        step = _tick_step(low, high, count)
        if self.nice:
            for _ in range(2):  # as d3: round the ends, then the step of the rounded range
                low, high = math.floor(low / step) * step, math.ceil(high / step) * step
                step = _tick_step(low, high, count)
        self.low, self.high = low, high
        first = math.ceil(low / step - 1e-9)
        last = math.floor(high / step + 1e-9)
        self.ticks = [round(i * step, 12) for i in range(first, last + 1)]
        self.decimals = max(0, -math.floor(math.log10(step) + 1e-9))

    def __call__(self, value: float) -> float:
        """The pixel of ``value``."""
        at = (float(value) - self.low) / (self.high - self.low) * self.length
        return self.length - at if self.vertical else at

    def label(self, value: float) -> str:
        """A tick's label: thousands grouped, a true minus sign, as many decimals as the step."""
        if self.percent:
            return f"{value:.{max(0, self.decimals - 2)}%}".replace("-", "\u2212")
        return f"{value:,.{self.decimals}f}".replace("-", "\u2212")

    def positions(self) -> list[tuple[float, str]]:
        """Each tick's pixel and label."""
        return [(self(t), self.label(t)) for t in self.ticks]


@dataclass
class Band:
    """A scale of categories (in this order), each with its band of pixels.

    ``padding`` is the room between bands, as a share of one step; half of it is left at each
    end. With ``points`` (dots on rows) each category is a row of one step, its mark centred.
    On x, ``upright`` labels stand level (not turned) under each band, and ``top`` puts the
    axis above the plot (a table's column heads); ``axis=False`` draws no axis (a table's rows).
    """

    categories: Sequence
    length: float
    title: str = ""
    vertical: bool = False
    padding: float = 0.1
    points: bool = False
    upright: bool = False
    top: bool = False
    axis: bool = True

    def __post_init__(self):
        self.categories = list(self.categories)
        n = max(len(self.categories), 1)
        if self.points:
            self.step, self.width, self._start = self.length / n, 0.0, self.length / n / 2
        else:
            self.step = self.length / n  # n bands, the padding between them and half at the ends
            self.width = self.step * (1 - self.padding)
            self._start = self.step * self.padding / 2
        self._index = {c: i for i, c in enumerate(self.categories)}

    def __call__(self, category) -> float:
        """Where the category's band starts (its centre for points)."""
        return self._start + self._index[category] * self.step

    def centre(self, category) -> float:
        """The middle of the category's band."""
        return self(category) + self.width / 2

    def positions(self) -> list[tuple[float, str]]:
        """Each category's pixel (its band's middle) and label."""
        return [(self.centre(c), str(c)) for c in self.categories]


@dataclass
class Legend:
    """A legend under the plot: a title (or none) and one entry per symbol.

    Each entry is ``(label, symbol)``, where the symbol is ``{"shape": "line", "colour": ...,
    "dash": ..., "width": ..., "opacity": ...}``, or ``{"shape": ..., "colour": ...}`` with
    the shape ``"circle"``, ``"diamond"`` or ``"square"``. ``vertical`` lists the entries one
    under the other, else side by side; ``columns`` (more than 0) lays them out in that many
    columns.
    """

    entries: list
    title: str = ""
    vertical: bool = True
    columns: int = 0


def _text(x, y, line, size=LABEL_SIZE, *, anchor="start", bold=False, rotate=0, colour="#000"):
    weight = ' font-weight="bold"' if bold else ""
    turn = f" rotate({rotate:g})" if rotate else ""
    return (
        f'<text text-anchor="{anchor}" transform="translate({_num(x)},{_num(y)}){turn}" '
        f'font-size="{size}"{weight} fill="{colour}">{xml_text(line)}</text>'
    )


def _line(x1, y1, x2, y2, colour, width=1.0, extra="") -> str:
    """A straight line in pixels."""
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'stroke="{colour}" stroke-width="{width:g}"{extra}/>'
    )


class Plot:
    """The plot area of a chart: its two scales and the marks drawn on them.

    Parameters
    ----------
    x, y : Linear or Band
        The scales (``y`` vertical).
    grid : bool, optional
        Grid lines at the ticks of quantitative axes.
    """

    def __init__(self, x: Linear | Band, y: Linear | Band, *, grid: bool = True):
        self.x, self.y, self.grid = x, y, grid
        self.marks: list[str] = []
        self.legends: list[Legend] = []
        self.above = 0.0  # room that marks drawn above the plot take (under the title)

    # -- marks ---------------------------------------------------------------------------
    def line(self, xs, ys, *, colour, width=2.0, dash=None, opacity=1.0) -> None:
        """A line through the points ``(xs[i], ys[i])`` in data values (missing ones left out)."""
        points = [
            f"{_num(self.x(a))},{_num(self.y(b))}" for a, b in zip(xs, ys, strict=True) if b == b
        ]
        if not points:
            return
        style = f' stroke-dasharray="{",".join(map(str, dash))}"' if dash and dash[1] else ""
        self.marks.append(
            f'<path d="M{"L".join(points)}" fill="none" stroke="{colour}" '
            f'stroke-width="{width:g}" opacity="{opacity:g}"{style}/>'
        )

    def area(self, xs, ys, *, colour, opacity=1.0) -> None:
        """The area between zero and ``ys`` along ``xs``."""
        pairs = [(a, b) for a, b in zip(xs, ys, strict=True) if b == b]
        if not pairs:
            return
        base = self.y(0)
        top = "L".join(f"{_num(self.x(a))},{_num(self.y(b))}" for a, b in pairs)
        self.marks.append(
            f'<path d="M{_num(self.x(pairs[0][0]))},{_num(base)}L{top}'
            f'L{_num(self.x(pairs[-1][0]))},{_num(base)}Z" fill="{colour}" '
            f'opacity="{opacity:g}"/>'
        )

    def bar(self, x, low, high, *, colour, width=None, opacity=1.0, stroke=None, stroke_width=0):
        """A bar from ``low`` to ``high`` at ``x``: a band, or a value ``width`` wide."""
        if high != high or low != low:
            return
        if isinstance(self.x, Band):
            left, size = self.x(x), self.x.width
        else:
            size = self.x(x + width / 2) - self.x(x - width / 2)
            left = self.x(x) - size / 2
        top, bottom = sorted((self.y(low), self.y(high)))
        outline = (
            f' stroke="{stroke}" stroke-width="{stroke_width:g}"' if stroke and stroke_width else ""
        )
        self.marks.append(
            f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(size)}" '
            f'height="{_num(bottom - top)}" fill="{colour}" opacity="{opacity:g}"{outline}/>'
        )

    def rule(self, x1, y1, x2, y2, *, colour, width=1.0) -> None:
        """A straight line between two points in data values (a band's centre on a band axis)."""
        at = [
            self.x.centre(x1) if isinstance(self.x, Band) else self.x(x1),
            self.y.centre(y1) if isinstance(self.y, Band) else self.y(y1),
            self.x.centre(x2) if isinstance(self.x, Band) else self.x(x2),
            self.y.centre(y2) if isinstance(self.y, Band) else self.y(y2),
        ]
        if any(v != v for v in at):
            return
        self.marks.append(_line(*at, colour, width))

    def dot(self, x, y, *, colour, radius=6.2, shape="circle", opacity=1.0) -> None:
        """A filled circle (or a ``shape="diamond"``) at ``(x, y)``: a row's centre on a band."""
        cx = self.x.centre(x) if isinstance(self.x, Band) else self.x(x)
        cy = self.y.centre(y) if isinstance(self.y, Band) else self.y(y)
        symbol = {"shape": shape, "colour": colour, "radius": radius, "opacity": opacity}
        self.marks.append(_symbol(cx, cy, symbol))

    def hbar(self, y, low, high, *, colour, height: float | None = None, slot=(0, 1)) -> None:
        """A bar along x from ``low`` to ``high`` on the row ``y`` (none for a missing value).

        ``height`` pixels thick round the row's centre, or, with no ``height``, filling slice
        ``slot[0]`` of ``slot[1]`` equal slices of the row's band, top first: one bar per series
        side by side within a row (Vega-Lite's ``yOffset``).
        """
        if high != high or low != low:
            return
        left, right = sorted((self.x(low), self.x(high)))
        if height is None:
            index, count = slot
            height = self.y.width / count
            top = self.y(y) + index * height
        else:
            top = self.y.centre(y) - height / 2
        self.marks.append(
            f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(right - left)}" '
            f'height="{_num(height)}" fill="{colour}"/>'
        )

    def cell(self, x, y, *, colour, stroke="#fff", words="", size=11, ink="#000") -> None:
        """A table's cell: the rectangle where the bands ``x`` and ``y`` cross, and its words."""
        left, top = self.x(x), self.y(y)
        self.marks.append(
            f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(self.x.width)}" '
            f'height="{_num(self.y.width)}" fill="{colour}" stroke="{stroke}"/>'
        )
        lines = str(words).split("\n")
        first = self.y.centre(y) - (len(lines) - 1) * (size + 2) / 2 + size * 0.35
        for n, line in enumerate(lines):
            self.marks.append(
                _text(
                    self.x.centre(x),
                    first + n * (size + 2),
                    line,
                    size,
                    anchor="middle",
                    colour=ink,
                )
            )

    def vline(self, x, *, colour, width=1.0, dash=None) -> None:
        """A line across the whole plot, top to bottom, at the value ``x``."""
        style = f' stroke-dasharray="{",".join(map(str, dash))}"' if dash else ""
        self.marks.append(_line(self.x(x), 0, self.x(x), self.y.length, colour, width, style))

    def hline(self, y, *, colour, width=1.0, dash=None) -> None:
        """A line across the whole plot, left to right, at the value ``y``."""
        style = f' stroke-dasharray="{",".join(map(str, dash))}"' if dash else ""
        self.marks.append(_line(0, self.y(y), self.x.length, self.y(y), colour, width, style))

    def label(
        self, x, y, words: str, *, anchor="start", dx=0.0, size=11, bold=False, colour="#000"
    ):
        """Words at the values ``(x, y)``, centred on it in height, ``dx`` pixels aside."""
        at_x = self.x(min(max(x, self.x.low), self.x.high))  # clamped to the axis, as Vega's
        at_y = self.y(y) + size * 0.35
        self.marks.append(
            _text(at_x + dx, at_y, words, size, anchor=anchor, bold=bold, colour=colour)
        )

    def text(self, x, y: float, words: str, *, colour="#000", bold=False, dx=0.0) -> None:
        """Words ``dx`` pixels right of the value ``x``, at the pixel ``y`` (0: plot's top)."""
        self.marks.append(_text(self.x(x) + dx, y, words, 11, bold=bold, colour=colour))
        self.above = max(self.above, 11 - y)

    def legend(self, entries, *, title: str = "", vertical: bool = True, columns: int = 0):
        """Add a legend under the plot (see :class:`Legend`)."""
        self.legends.append(Legend(list(entries), title, vertical, columns))

    # -- the picture ---------------------------------------------------------------------
    def draw(self, title: str, description: str, *, data: dict) -> Diagram:
        """The accessible picture: plot, axes, legends and title, as a :class:`Diagram`."""
        width, height = self.x.length, self.y.length
        y_parts, y_extent = self._y_axis()
        x_parts, x_extent = self._x_axis()
        on_top = isinstance(self.x, Band) and self.x.top
        below = 0.0 if on_top else x_extent
        legends, legend_width, legend_height = self._legends(height + below)
        top = MARGIN + TITLE_SIZE + 10 + self.above + (x_extent if on_top else 0)
        left = MARGIN + y_extent
        title_width = text_width(title, TITLE_SIZE, bold=True)
        ends = self.x.positions()[-1:] if isinstance(self.x, Linear) else []
        overhang = max((text_width(label, LABEL_SIZE) / 2 for _, label in ends), default=0)
        right_edge = max(width + overhang, legend_width, width / 2 + title_width / 2)
        shift = max(0.0, title_width / 2 - width / 2 - left + MARGIN)
        left += shift
        total_w = math.ceil(left + right_edge + MARGIN)
        total_h = math.ceil(top + max(height + below, legend_height) + MARGIN)
        body = [
            f'<g transform="translate({_num(left)},{_num(top)})">',
            _text(
                width / 2,
                -10 - self.above - (x_extent if on_top else 0),
                title,
                TITLE_SIZE,
                anchor="middle",
                bold=True,
            ),
            *self._grid(),
            *self.marks,
            *x_parts,
            *y_parts,
            *legends,
            "</g>",
        ]
        label = xml_text(description or title).replace('"', "&quot;")
        svg = "".join(
            [
                f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" '
                f'viewBox="0 0 {total_w} {total_h}" style="max-width:100%;height:auto" '
                f'role="img" aria-label="{label}" font-family="{FONT}">',
                f"<title>{xml_text(title or description)}</title>",
                f"<desc>{xml_text(description)}</desc>" if description else "",
                f'<g aria-hidden="true"><rect width="{total_w}" height="{total_h}" fill="white"/>',
                *body,
                "</g></svg>",
            ]
        )
        return Diagram(title, description, data, svg)

    def _grid(self) -> list[str]:
        width, height = self.x.length, self.y.length
        parts = [
            f'<rect width="{_num(width)}" height="{_num(height)}" fill="none" '
            f'stroke="{GRID_COLOUR}"/>'
        ]
        if not self.grid:
            return parts
        if isinstance(self.x, Linear):
            parts += [_line(at, 0, at, height, GRID_COLOUR) for at, _ in self.x.positions()]
        if isinstance(self.y, Linear):
            parts += [_line(0, at, width, at, GRID_COLOUR) for at, _ in self.y.positions()]
        return parts

    def _y_axis(self) -> tuple[list[str], float]:
        if isinstance(self.y, Band) and not self.y.axis:
            return [], 0.0
        height = self.y.length
        positions = self.y.positions()
        widest = max((text_width(t, LABEL_SIZE) for _, t in positions), default=0)
        parts = [_line(0.5, 0, 0.5, height, AXIS_COLOUR)]
        for at, text in positions:
            parts.append(_line(-TICK, at, 0, at, AXIS_COLOUR))
            parts.append(_text(-TICK - LABEL_PAD, at + 3, text, anchor="end"))
        extent = TICK + LABEL_PAD + widest
        if self.y.title:
            extent += TITLE_PAD + AXIS_TITLE_SIZE
            parts.append(
                _text(
                    -extent + AXIS_TITLE_SIZE - 2,
                    height / 2,
                    self.y.title,
                    AXIS_TITLE_SIZE,
                    anchor="middle",
                    bold=True,
                    rotate=-90,
                )
            )
        return parts, extent

    def _x_axis(self) -> tuple[list[str], float]:
        width, height = self.x.length, self.y.length
        positions = self.x.positions()
        band = isinstance(self.x, Band)
        turned = band and not self.x.upright  # category labels stand upright, as Vega-Lite's
        if band and self.x.top:  # the axis above the plot, its labels level
            parts = [_line(0, -0.5, width, -0.5, AXIS_COLOUR)]
            for at, text in positions:
                parts.append(_line(at, -TICK, at, 0, AXIS_COLOUR))
                parts.append(_text(at, -TICK - LABEL_PAD - 1, text, anchor="middle"))
            return parts, TICK + LABEL_PAD + LABEL_SIZE
        parts = [_line(0, height + 0.5, width, height + 0.5, AXIS_COLOUR)]
        tallest = LABEL_SIZE
        for at, text in positions:
            parts.append(_line(at, height, at, height + TICK, AXIS_COLOUR))
            if turned:
                parts.append(
                    _text(at + 3, height + TICK + LABEL_PAD, text, anchor="end", rotate=-90)
                )
                tallest = max(tallest, text_width(text, LABEL_SIZE))
            else:
                parts.append(
                    _text(at, height + TICK + LABEL_PAD + LABEL_SIZE, text, anchor="middle")
                )
        extent = TICK + LABEL_PAD + tallest
        if self.x.title:
            extent += TITLE_PAD + AXIS_TITLE_SIZE
            parts.append(
                _text(
                    width / 2,
                    height + extent,
                    self.x.title,
                    AXIS_TITLE_SIZE,
                    anchor="middle",
                    bold=True,
                )
            )
        return parts, extent

    def _legends(self, below: float) -> tuple[list[str], float, float]:
        """The legends side by side under the plot: their parts, width and bottom."""
        parts, x, bottom = [], 0.0, below
        top = below + 16
        for legend in self.legends:
            y, width = top, 0.0
            if legend.title:
                parts.append(
                    _text(x, y + AXIS_TITLE_SIZE, legend.title, AXIS_TITLE_SIZE, bold=True)
                )
                width = text_width(legend.title, AXIS_TITLE_SIZE, bold=True)
                y += AXIS_TITLE_SIZE + 6
            across = x
            if legend.columns:
                column = 26 + max(text_width(label, LABEL_SIZE) for label, _ in legend.entries)
                for n, (label, symbol) in enumerate(legend.entries):
                    at, row = x + (n % legend.columns) * column, y + (n // legend.columns) * 16
                    parts += [_symbol(at + 6, row + 6, symbol), _text(at + 16, row + 10, label)]
                rows = -(-len(legend.entries) // legend.columns)
                bottom = max(bottom, y + 16 * rows)
                x += max(width, column * min(legend.columns, len(legend.entries))) + 20
                continue
            for label, symbol in legend.entries:
                parts.append(_symbol(across + 6, y + 6, symbol))
                parts.append(_text(across + 16, y + 10, label))
                entry = 16 + text_width(label, LABEL_SIZE)
                if legend.vertical:
                    y += 16
                    width = max(width, entry)
                else:
                    across += entry + 10
                    width = max(width, across - x)
            bottom = max(bottom, y + (0 if legend.vertical else 16))
            x += width + 20
        return parts, x, bottom


def _symbol(cx: float, cy: float, symbol: dict) -> str:
    colour = symbol.get("colour", AXIS_COLOUR)
    radius = symbol.get("radius", 5)
    if symbol.get("shape") == "circle":
        shade = f' opacity="{symbol["opacity"]:g}"' if symbol.get("opacity", 1) != 1 else ""
        return f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{radius:g}" fill="{colour}"{shade}/>'
    if symbol.get("shape") == "diamond":
        corners = ((0, -radius), (radius, 0), (0, radius), (-radius, 0))
        path = "L".join(f"{_num(cx + dx)},{_num(cy + dy)}" for dx, dy in corners)
        return f'<path d="M{path}Z" fill="{colour}"/>'
    if symbol.get("shape") == "square":
        return (
            f'<rect x="{_num(cx - 5)}" y="{_num(cy - 5)}" width="10" height="10" fill="{colour}"/>'
        )
    dash = symbol.get("dash")
    style = f' stroke-dasharray="{",".join(map(str, dash))}"' if dash and dash[1] else ""
    extra = f' opacity="{symbol.get("opacity", 1):g}"{style}'
    return _line(cx - 6, cy, cx + 6, cy, colour, symbol.get("width", 2), extra)
