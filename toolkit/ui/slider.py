"""The course's slider: a native range input with its label and its value, for every widget.

ipywidgets 8 draws its sliders with noUiSlider, whose handle has no accessible name: a screen
reader says "slider, 6" and never what it sets. :class:`Slider` is the course's own, built on
anywidget (which bundles its JavaScript, so it works offline): an ``<input type="range">``
with a ``<label>`` saying what it sets, its value in words beside it (and as
``aria-valuetext``: "45%", "6 months"), and the keyboard behaviour every browser gives a range
input (Tab reaches it; arrows, Page Up/Down, Home and End move it).

In Python it behaves like an ipywidgets slider: ``value``, ``min``, ``max``, ``step``,
``description`` and ``disabled`` traits, ``observe(handler, names="value")``, and a value
set from Python is kept within ``min`` and ``max``. Its values are whole numbers when
``min``, ``max`` and ``step`` are, floats otherwise. Tests move it as the browser does, by
setting ``.value``.

Examples
--------
>>> cycle = Slider(6, min=1, max=12, description="Sales cycle", unit="months")
>>> cycle.value, cycle.decimals
(6, 0)
>>> moves = []
>>> cycle.observe(lambda change: moves.append(change["new"]), names="value")
>>> cycle.value = 9
>>> cycle.value = 40        # out of range: kept at the end of the scale
>>> moves, cycle.value
([9, 12], 12)
>>> rate = Slider(0.25, min=0.05, max=0.6, step=0.05, description="Win rate", percent=True)
>>> rate.value, rate.decimals, rate.text()
(0.25, 0, '25%')
>>> Slider(description=" ")
Traceback (most recent call last):
...
ValueError: a slider needs a description saying what it sets (its label, read by screen readers)
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import anywidget
import ipywidgets
import traitlets

from toolkit.ui.parts import shared

__all__ = ["Slider"]

_HERE = Path(__file__).resolve().parent
_NUMBER = (traitlets.Int, traitlets.Float)


def _number(default):
    return traitlets.Union([kind() for kind in _NUMBER], default_value=default).tag(sync=True)


def _decimals(step: float, percent: bool) -> int:
    """How many decimals the value needs to show every step (two fewer for a percentage)."""
    places = max(0, -Decimal(str(step)).normalize().as_tuple().exponent)
    return max(0, places - 2) if percent else places


class Slider(anywidget.AnyWidget):
    """A labelled slider (native range input) with its value shown in words.

    Parameters
    ----------
    value : int or float, optional
        Where it starts (default: ``min``).
    min, max, step : int or float, optional
        The scale; whole numbers give whole-number values.
    description : str
        What the slider sets, shown as its label and read by screen readers (required).
    label_width : str, optional
        Room for the label (a CSS length such as ``"16em"``), so that a column of sliders
        lines up; by default the label takes the room it needs. A longer label wraps, never
        cut off.
    unit : str, optional
        Shown after the value ("months").
    percent : bool, optional
        Show the value as a percentage (0.25 shows as 25%).
    **kwargs
        Passed to ``anywidget.AnyWidget`` (``layout``, for example).
    """

    _esm = _HERE / "slider.js"
    _css = _HERE / "slider.css"

    value = _number(0)
    min = _number(0)
    max = _number(100)
    step = _number(1)
    description = traitlets.Unicode("").tag(sync=True)
    label_width = traitlets.Unicode("").tag(sync=True)
    unit = traitlets.Unicode("").tag(sync=True)
    percent = traitlets.Bool(False).tag(sync=True)
    decimals = traitlets.Int(0).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self,
        value: float | None = None,
        *,
        min: float = 0,  # noqa: A002 - the name every slider API uses
        max: float = 100,  # noqa: A002
        step: float = 1,
        description: str = "",
        label_width: str = "",
        unit: str = "",
        percent: bool = False,
        **kwargs,
    ):
        if not str(description).strip():
            msg = (
                "a slider needs a description saying what it sets "
                "(its label, read by screen readers)"
            )
            raise ValueError(msg)
        if not min < max or step <= 0:
            msg = f"a slider needs min < max and a positive step; got {min}, {max}, {step}"
            raise ValueError(msg)
        kwargs.setdefault("layout", shared(ipywidgets.Layout))  # never restyled
        self._whole = all(float(x).is_integer() for x in (min, max, step))
        super().__init__(
            min=min,
            max=max,
            step=step,
            description=description,
            label_width=label_width,
            unit=unit,
            percent=percent,
            decimals=_decimals(step, percent),
            # with the rest, so that it is in the message opening the slider (checked by
            # _within_scale once the scale is set), not in one more message after it
            value=min if value is None else value,
            **kwargs,
        )

    @traitlets.validate("value")
    def _within_scale(self, proposal):
        """Keep a value within ``min``..``max``; whole numbers on a whole-number scale."""
        value = proposal["value"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            msg = f"{self.description}: a slider's value is a number, got {value!r}"
            raise traitlets.TraitError(msg)
        value = min(max(value, self.min), self.max)
        return int(round(value)) if getattr(self, "_whole", False) else float(value)

    def text(self) -> str:
        """The value as the slider shows it (and a screen reader reads it)."""
        number = self.value * 100 if self.percent else self.value
        text = f"{number:.{self.decimals}f}" + ("%" if self.percent else "")
        return f"{text} {self.unit}" if self.unit else text
