"""The models behind the indicators' widgets: sorted answers scored, and the lag explorer's numbers.

The sorter's answers (metric -> ``leading``/``lagging``) are scored against the catalogue's
kinds and read from the file :class:`~toolkit.indicators.widget.MetricSorter` saves; the lag
explorer's state (alliance, metrics, lag, options) gives the reading and correlations that
:class:`~toolkit.indicators.widget.LagExplorer` draws.

Examples
--------
>>> feedback("deal_registrations", "leading")["correct"]
True
>>> score({"sourced_revenue": "lagging", "trained_sellers": "lagging"})
(1, 2)
>>> state = ExplorerState(alliance="Summit", lag=3)
>>> result = explore(state)
>>> result["best_lag"], result["reading"].verdict
(3, 'clear')
>>> explore(ExplorerState(alliance="Summit", rhythm_out=False))["reading"].adjusted
'nothing (seasonality=None)'

The period read is months ``first`` to ``last`` (``None``: the last month of the data):

>>> explore(ExplorerState(alliance="Summit", first=1, last=12))["reading"].lag is None
True
>>> explore(ExplorerState(alliance="Summit", first=20, last=12))
Traceback (most recent call last):
...
ValueError: the period must end after it starts: month 20 to month 12; move "From month" ...
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit import data
from toolkit.indicators.catalogue import KINDS, METRICS, metric_name
from toolkit.indicators.lags import best_lag
from toolkit.ui.saved import AnswerFile

__all__ = [
    "BY_NAME",
    "KIND",
    "LABELS",
    "LAGGING",
    "LEADING",
    "MAX_LAG",
    "MIN_PERIOD",
    "SORTER_FILE",
    "ExplorerState",
    "explore",
    "feedback",
    "load_answers",
    "parse_answers",
    "score",
]

BY_NAME = {m.name: m for m in METRICS}
SORTER_FILE = "my-metric-sorting.json"
KIND = "metric-sorting"
MAX_LAG = 12
LEADING = [m.name for m in METRICS if m.kind == "leading" and m.source == "panel"]
LAGGING = [m.name for m in METRICS if m.kind == "lagging" and m.source == "panel"]
LABELS = {m.name: m.label for m in METRICS}


# -- sorting metrics into leading and lagging ------------------------------------------
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


def load_answers(path: str | Path = SORTER_FILE) -> dict[str, str]:
    """The answers saved by a :class:`MetricSorter` (empty when there are none or unusable).

    Reading never moves or changes the file (checks call this; the widget keeps a file it
    cannot use aside when it starts).
    """
    content = AnswerFile(path, kind=KIND).peek({})
    try:
        return parse_answers(content)
    except ValueError:
        return {}


# -- the lag explorer's numbers ------------------------------------------------------
@dataclass
class ExplorerState:
    """What the explorer shows: plain data, saved as it is."""

    alliance: str = "Summit"
    leading: str = "deal_registrations"
    lagging: str = "sourced_revenue"
    lag: int = 0
    changes: bool = True
    rhythm_out: bool = True  # take the quarter rhythm out (and average over 3 months)
    first: int = 1  # the first month read
    last: int | None = None  # the last month read (None: the last month of the data)


#: the fewest months a period may hold (a shorter one has no lag to compare)
MIN_PERIOD = 6


@lru_cache(maxsize=256)
def _reading(
    source,
    alliance: str,
    leading: str,
    lagging: str,
    changes: bool,
    rhythm_out: bool,
    first: int,
    last: int | None,
):
    lead = source.series(alliance, leading).loc[first:last]
    lagged = source.series(alliance, lagging).loc[first:last]
    options = {} if rhythm_out else {"seasonality": None, "window": 1}
    return lead, lagged, best_lag(lead, lagged, MAX_LAG, changes=changes, **options)


def _check_period(state: ExplorerState) -> tuple[int, int | None]:
    first = int(state.first)
    last = None if state.last is None else int(state.last)
    if first < 1:
        msg = f"the period starts at month 1 at the earliest, got month {first}"
        raise ValueError(msg)
    if last is not None and last - first + 1 < MIN_PERIOD:
        msg = (
            f"the period must end after it starts: month {first} to month {last}; move "
            f'"From month" before "To month"'
            if last < first
            else f"the period month {first} to month {last} holds fewer than {MIN_PERIOD} "
            'months; move "From month" and "To month" further apart'
        )
        raise ValueError(msg)
    return first, last


def explore(state: ExplorerState, source=None) -> dict:
    """The numbers behind the explorer for one state.

    ``source`` holds the series (``source.series(alliance, metric)``): the course data by
    default, or a student's own portfolio (an assignment's case).

    With ``rhythm_out`` (the default) the reading is :func:`~toolkit.indicators.lags.best_lag`
    as it is; without, it compares single months with the quarter rhythm left in (the naive
    reading lesson 03 warns about).

    Returns
    -------
    dict
        ``leading`` and ``lagging`` (the Series), ``reading`` (the
        :class:`~toolkit.indicators.lags.LagReading`), ``table`` (its correlation by lag),
        ``correlation`` (at the chosen lag) and ``best_lag`` (the lag the reading names, or
        None when the data cannot tell).

    Raises
    ------
    ValueError
        For an unknown alliance or metric, a lag outside 0-12, or a period that ends before
        it starts (or holds fewer than :data:`MIN_PERIOD` months).
    """
    if not 0 <= int(state.lag) <= MAX_LAG:
        msg = f"the lag must be from 0 to {MAX_LAG} months, got {state.lag}"
        raise ValueError(msg)
    first, last = _check_period(state)
    lead, lagged, reading = _reading(
        data if source is None else source,
        state.alliance,
        state.leading,
        state.lagging,
        bool(state.changes),
        bool(state.rhythm_out),
        first,
        last,
    )
    return {
        "leading": lead,
        "lagging": lagged,
        "reading": reading,
        "table": reading.table,
        "correlation": float(reading.table["correlation"].loc[int(state.lag)]),
        "best_lag": reading.lag,
    }
