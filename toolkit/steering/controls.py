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

from toolkit.ui.display import frame_html
from toolkit.ui.slider import Slider

__all__ = ["slider", "table"]

_LABEL_WIDTH = "17em"  # a column of sliders lines up


def slider(value: float, **options) -> Slider:
    """A labelled slider (the course's own, :class:`toolkit.ui.slider.Slider`) in the column.

    ``options`` are the slider's: ``min``, ``max``, ``step``, ``description`` (what it sets,
    in words: its label, read by screen readers), ``unit`` ("months", "k$") and ``percent``
    (show 0.3 as 30%).
    """
    return Slider(value, label_width=_LABEL_WIDTH, **options)


def table(frame: pd.DataFrame, *, caption: str = "", index: bool = True) -> str:
    """A table as HTML, with a caption naming it for screen readers.

    Examples
    --------
    >>> print(table(pd.DataFrame({"a": [1]}), caption="One row"))  # doctest: +ELLIPSIS
    <table ...><caption ...>One row</caption>...
    """
    body = frame_html(frame, border=0, classes="steering", escape=True, index=index)
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
