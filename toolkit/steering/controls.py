"""The controls the steering widgets share: one slider factory and one table helper.

Every slider of this concept is made by :func:`slider`: the course's accessible slider
(:mod:`toolkit.ui.slider`), with the labels lined up in a column; a value, a range, a step, a
description saying what it sets, a unit or a percentage. Tables are drawn by :func:`table`.

Examples
--------
>>> cycle = slider(6, min=1, max=12, description="Sales cycle", unit="months")
>>> cycle.value, cycle.description, cycle.text()
(6, 'Sales cycle', '6 months')
>>> rate = slider(0.3, min=0.05, max=0.6, step=0.05, description="Win rate", percent=True)
>>> rate.text()
'30%'
>>> slider(3, min=1, max=5, description=" ")
Traceback (most recent call last):
...
ValueError: a slider needs a description saying what it sets (its label, read by screen readers)
"""

from __future__ import annotations

import html
import re

import pandas as pd

from toolkit.ui.slider import Slider

__all__ = ["slider", "table"]

_LABEL_WIDTH = "17em"  # a column of sliders lines up


def slider(
    value: float,
    *,
    min: float,  # noqa: A002 - the same names as the slider's traits
    max: float,  # noqa: A002
    step: float = 1,
    description: str,
    unit: str = "",
    percent: bool = False,
) -> Slider:
    """A labelled slider (the course's own, :class:`toolkit.ui.slider.Slider`).

    Parameters
    ----------
    value, min, max, step : number
        Where it starts, its range and its step (whole numbers give whole-number values).
    description : str
        What it sets, in words (its label, read by screen readers).
    unit : str, optional
        Shown after the value ("months", "k$").
    percent : bool, optional
        Show the value as a percentage (0.3 as 30%).
    """
    return Slider(
        value,
        min=min,
        max=max,
        step=step,
        description=description,
        unit=unit,
        percent=percent,
        label_width=_LABEL_WIDTH,
    )


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
