"""The controls the steering widgets share: one slider factory and one table helper.

Every slider of this concept is made by :func:`slider`, so the course's own accessible slider
can replace ipywidgets' in one place; the signature follows it (a value, a range, a step, a
description saying what it sets, a unit or a percentage). Tables are drawn by :func:`table`.

Examples
--------
>>> cycle = slider(6, min=1, max=12, description="Sales cycle", unit="months")
>>> cycle.value, cycle.description
(6, 'Sales cycle (months)')
>>> rate = slider(0.3, min=0.05, max=0.6, step=0.05, description="Win rate", percent=True)
>>> rate.readout_format
'.0%'
>>> slider(3, min=1, max=5, description=" ")
Traceback (most recent call last):
...
ValueError: a slider needs a description saying what it sets (its label, read by screen readers)
"""

from __future__ import annotations

import html
import re

import ipywidgets as w
import pandas as pd

__all__ = ["slider", "table"]

_STYLE = {"description_width": "280px"}
_LAYOUT = {"width": "560px"}


def slider(
    value: float,
    *,
    min: float,  # noqa: A002 - the same names as the slider's traits
    max: float,  # noqa: A002
    step: float = 1,
    description: str,
    unit: str = "",
    percent: bool = False,
) -> w.IntSlider | w.FloatSlider:
    """A labelled slider: whole numbers when value, range and step are, else decimals.

    Parameters
    ----------
    value, min, max, step : number
        Where it starts, its range and its step.
    description : str
        What it sets, in words (its label, read by screen readers).
    unit : str, optional
        Added to the label in brackets ("months", "k$").
    percent : bool, optional
        Show the value as a percentage (0.3 as 30%).
    """
    if not str(description).strip():
        msg = "a slider needs a description saying what it sets (its label, read by screen readers)"
        raise ValueError(msg)
    label = f"{description} ({unit})" if unit else description
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (value, min, max, step))
    common = {
        "value": value,
        "min": min,
        "max": max,
        "step": step,
        "description": label,
        "style": _STYLE,
        "layout": w.Layout(**_LAYOUT),
    }
    if whole:
        return w.IntSlider(**common)
    return w.FloatSlider(**common, readout_format=".0%" if percent else ".1f")


def table(frame: pd.DataFrame, *, caption: str = "", index: bool = True) -> str:
    """A table as HTML, with a caption naming it for screen readers.

    Examples
    --------
    >>> print(table(pd.DataFrame({"a": [1]}), caption="One row"))  # doctest: +ELLIPSIS
    <table ...><caption ...>One row</caption>...
    """
    body = frame.to_html(border=0, classes="steering", escape=True, index=index)
    body = body.replace("<td>", '<td style="padding:2px 10px;text-align:left">')
    body = re.sub(r"<th( [^>]*)?>", r'<th\1 style="padding:2px 10px;text-align:left">', body)
    if caption:
        head, sep, rest = body.partition(">")
        body = (
            f'{head} style="border-collapse:collapse"{sep}'
            f'<caption style="text-align:left;font-weight:bold">{html.escape(caption)}</caption>'
            f"{rest}"
        )
    return body
