"""The lessons' tools applied to the participant's own alliance.

Nothing here computes a scorecard, a lag or a gap of its own: each function turns the
participant's plain data into what the lesson's function takes and calls it —
:func:`toolkit.scorecard.scorecard_of` and :func:`toolkit.scorecard.rag`,
:func:`toolkit.indicators.best_lag`, :func:`toolkit.health.perception_gaps` (or
:func:`~toolkit.health.pairwise_gaps` for three partners) and
:func:`toolkit.steering.plan_backwards`.

Examples
--------
>>> from toolkit.own_alliance.model import Alliance, Partner, measure_from_catalogue
>>> alliance = Alliance("Kite + Harbour", [Partner("Kite"), Partner("Harbour")],
...     measures=[measure_from_catalogue("deal_registrations", 40)],
...     figures={"2027-01": {"deal_registrations": 36}, "2027-02": {"deal_registrations": 38},
...              "2027-03": {"deal_registrations": 40}})
>>> card = own_scorecard(alliance)
>>> card.loc[0, "status"], card.attrs["quarter"]
('amber', '2027 Q1')
>>> print(card.loc[0, "in_words"])  # doctest: +NORMALIZE_WHITESPACE
Deal registrations: 38 registrations per month against a target of 40 in 2027 Q1 —
amber, close: 95 % of the target.
"""

from __future__ import annotations

import re
from dataclasses import astuple, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from toolkit.health import pairwise_gaps, perception_gaps
from toolkit.indicators import LagReading, best_lag
from toolkit.indicators.lags import MIN_MONTHS
from toolkit.own_alliance.model import SCORE_DIMENSIONS, Alliance
from toolkit.scorecard import scorecard_of
from toolkit.steering import Funnel, Goal, plan_backwards

__all__ = [
    "executive_reply",
    "figures_table",
    "health_gaps",
    "joint_plan",
    "lag_reading",
    "measure_series",
    "own_scorecard",
    "quarter_actuals",
    "survey_table",
]


#: the quarter named while there are no monthly figures at all
_NO_QUARTER = "no quarter yet"


def figures_table(alliance: Alliance) -> pd.DataFrame:
    """The monthly figures as a table: one row per month (calendar months), one column a measure.

    Months between the first and the last with no row are there, empty. The table is built
    once for the same measures and figures (every part of the workbook reads it) and each
    caller gets its own copy.

    Examples
    --------
    >>> from toolkit.own_alliance.model import Alliance
    >>> a = Alliance("A", figures={"2027-01": {"x": 1}, "2027-03": {"x": 3}})
    >>> figures_table(a)["x"].tolist()
    [1.0, nan, 3.0]
    """
    names = tuple(m.name for m in alliance.measures)
    rows = tuple((month, tuple(values.items())) for month, values in alliance.figures.items())
    try:
        return _figures_table(names, rows).copy()
    except TypeError:  # a value that cannot be a key (not a number): build it afresh
        return _build_figures_table(names, alliance.figures)


@lru_cache(maxsize=8)
def _figures_table(names: tuple, rows: tuple) -> pd.DataFrame:
    return _build_figures_table(names, {month: dict(values) for month, values in rows})


#: a month as the workbook writes it (``2027-01``)
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _build_figures_table(names: tuple, figures: dict) -> pd.DataFrame:
    names = list(names)
    for values in figures.values():
        names += [n for n in values if n not in names]
    if not figures:
        return pd.DataFrame(columns=names, index=pd.PeriodIndex([], freq="M", name="month"))
    plain = all(_MONTH.fullmatch(m) for m in figures) and all(
        v is None or type(v) in (int, float) for values in figures.values() for v in values.values()
    )
    if plain:  # months as written and numbers (the usual case): filled in place, no parsing
        full = pd.period_range(min(figures), max(figures), freq="M", name="month")
        table = np.full((len(full), len(names)), np.nan)
        row = {str(month): i for i, month in enumerate(full)}
        column = {name: j for j, name in enumerate(names)}
        for month, values in figures.items():
            for name, value in values.items():
                if value is not None:
                    table[row[month], column[name]] = value
        return pd.DataFrame(table, index=full, columns=pd.Index(names))
    table = pd.DataFrame.from_dict(figures, orient="index").reindex(columns=names)
    table.index = pd.PeriodIndex(table.index, freq="M", name="month")
    table = table.apply(pd.to_numeric, errors="coerce").astype(float).sort_index()
    full = pd.period_range(table.index.min(), table.index.max(), freq="M", name="month")
    return table.reindex(full)


def quarter_actuals(alliance: Alliance, quarter: str | None = None) -> tuple[dict, str]:
    """Each measure's figure for one calendar quarter, and the quarter's name (``2027 Q1``).

    A measure whose quarter is ``"average"`` (a flow: meetings, registrations, revenue) is the
    average of the quarter's months it has; ``"last month"`` (a stock: trained sellers) is the
    last month's value it has, as :func:`toolkit.scorecard.quarter_actuals` does for the
    course's alliances. Without ``quarter``, the latest quarter with any figure.
    """
    table = figures_table(alliance).dropna(how="all")
    if table.empty:
        return {}, quarter or _NO_QUARTER
    quarters = table.index.asfreq("Q")
    chosen = pd.Period(quarter.replace(" ", ""), freq="Q") if quarter else quarters.max()
    window = table[quarters == chosen]
    actuals = {}
    for m in alliance.measures:
        if m.name not in window:
            continue
        column = window[m.name].dropna()
        if column.empty:
            continue
        actuals[m.name] = float(column.iloc[-1] if m.quarter == "last month" else column.mean())
    return actuals, f"{chosen.year} Q{chosen.quarter}"


def _words(row, quarter: str) -> str:
    unit = f" {row['unit']}" if row["unit"] else ""
    if row["status"] == "grey":
        when = "yet" if quarter == _NO_QUARTER else f"in {quarter}"
        return f"{row['label']}: no figures {when} (target {row['target']:,.4g}{unit})."
    share = row["actual"] / row["target"] * 100 if row["target"] else float("nan")
    head = (
        f"{row['label']}: {row['actual']:,.4g}{unit} against a target of "
        f"{row['target']:,.4g} in {quarter} — "
    )
    lower = row.get("lower_is_better", False)
    if row["status"] == "green":
        return head + "green, on target."
    if row["status"] == "amber":
        if lower:
            return head + "amber, close: a little above the target (lower is better)."
        return head + f"amber, close: {share:.0f} % of the target."
    if lower:
        return head + "red, off target: well above it (lower is better)."
    return head + f"red, off target: {share:.0f} % of the target."


def own_scorecard(alliance: Alliance, quarter: str | None = None, *, amber: float = 0.9):
    """The alliance's balanced scorecard for a quarter, with a status in words for each measure.

    The table of :func:`toolkit.scorecard.scorecard_of` (so
    :func:`toolkit.scorecard.scorecard_chart` draws it) with ``lower_is_better`` and
    ``in_words``, one plain sentence per measure; ``.attrs["quarter"]`` names the quarter.
    Measures without a target are left out. The card is made once for the same measures,
    figures and options (the charter and the spreadsheet written together both show it) and
    each caller gets its own copy.
    """
    measures = tuple(astuple(m) for m in alliance.measures)
    rows = tuple((month, tuple(values.items())) for month, values in alliance.figures.items())
    try:
        return _own_scorecard(ByContent((measures, rows), alliance), quarter, amber).copy()
    except TypeError:  # a value that cannot be a key (not a number): make it afresh
        return _make_scorecard(alliance, quarter, amber)


@lru_cache(maxsize=8)
def _own_scorecard(alliance: ByContent, quarter: str | None, amber: float) -> pd.DataFrame:
    return _make_scorecard(alliance.value, quarter, amber)


def _make_scorecard(alliance: Alliance, quarter: str | None, amber: float) -> pd.DataFrame:
    actuals, name = quarter_actuals(alliance, quarter)
    measures = [
        {
            "metric": m.name,
            "label": m.label,
            "kind": m.kind,
            "perspective": m.perspective,
            "unit": m.unit,
            "target": m.target,
            "lower_is_better": m.lower_is_better,
        }
        for m in alliance.measures
    ]
    card = scorecard_of(measures, actuals, amber=amber)
    lower = {m.name: m.lower_is_better for m in alliance.measures}
    card["lower_is_better"] = [lower[m] for m in card["metric"]]
    card["in_words"] = [_words(row, name) for row in card.to_dict("records")]
    card.attrs["quarter"] = name
    return card


def measure_series(alliance: Alliance, name: str) -> pd.Series:
    """One measure's monthly figures, indexed by calendar month, named by its label."""
    measure = alliance.measure(name)
    table = figures_table(alliance)
    series = table[name] if name in table else pd.Series(index=table.index, dtype=float)
    return series.rename(measure.label)


def lag_reading(alliance: Alliance, leading: str, lagging: str, **options) -> LagReading:
    """By how many months ``lagging`` follows ``leading`` in the participant's own figures.

    :func:`toolkit.indicators.best_lag` on the two measures' monthly series (options go to
    it); its verdict may be ``"cannot tell"`` with the reason in words, which is an answer:
    :func:`executive_reply` says what to tell an executive then. The reading is made once for
    the same two series (by their months and values) and options: a change elsewhere in the
    alliance (another measure, an answer, an action) does not read the lag again.
    """
    pair = (measure_series(alliance, leading), measure_series(alliance, lagging))
    key = tuple(
        (s.name, tuple(str(m) for m in s.index), s.to_numpy(dtype=float).tobytes()) for s in pair
    )
    try:
        reading = _lag_reading(ByContent(key, pair), tuple(sorted(options.items())))
    except TypeError:  # an option that cannot be a key: read it afresh
        return best_lag(*pair, **options)
    return replace(reading, table=reading.table.copy())


class ByContent:
    """A value that a cache finds by ``key``, a hashable summary of its whole content.

    For :func:`functools.lru_cache` on inputs that are not hashable themselves (tables, an
    alliance): two values with equal keys are the same input.
    """

    def __init__(self, key, value) -> None:
        self.key, self.value = key, value

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, ByContent) and self.key == other.key


@lru_cache(maxsize=8)
def _lag_reading(pair: ByContent, options: tuple) -> LagReading:
    return best_lag(*pair.value, **dict(options))


def executive_reply(reading: LagReading, alliance: Alliance | None = None) -> str:
    """What to tell an impatient executive who asks where the revenue is, given a reading.

    Examples
    --------
    >>> from toolkit.indicators import LagReading
    >>> early = LagReading(None, "cannot tell", None, None, "nothing", 3, 9,
    ...                    reason="only 9 months can be compared, and a reading needs at "
    ...                           "least 18", names=("deal registrations", "revenue"))
    >>> print(executive_reply(early))  # doctest: +ELLIPSIS
    It is too early to say from our own figures when the joint work shows in revenue: ...
    """
    lead, lagging = reading.names
    steer = ""
    if alliance is not None:
        leading = [m.label.lower() for m in alliance.measures if m.kind == "leading"]
        if leading:
            steer = f" The measures to watch meanwhile: {', '.join(leading)}."
    if reading.verdict == "cannot tell":
        more = max(MIN_MONTHS - reading.months, 3)
        return (
            f"It is too early to say from our own figures when the joint work shows in "
            f"{lagging}: {reading.reason}. That is normal: from kick-off to the first alliance "
            f"revenue often takes 6 to 18 months, and revenue is a lagging result. What we can "
            f"show now is the joint work that comes first, {lead}, against its target; we will "
            f"read the lag again with about {more} more months of figures.{steer}"
        )
    months = "month" if reading.lag == 1 else "months"
    sure = "clearly" if reading.verdict == "clear" else "probably (not yet certain)"
    return (
        f"In our own figures {lagging} {sure} follows {lead} by about {reading.lag} {months}. "
        f"So what moves {lead} this quarter shows in {lagging} about {reading.lag} {months} "
        f"later: judge the alliance now by {lead}, not by this quarter's {lagging}.{steer}"
    )


def survey_table(alliance: Alliance) -> pd.DataFrame:
    """Both sides' answers as the health lessons' survey table (``trust_1``, ... and ``side``).

    ``side`` and ``company`` are the partner's name, so a three-partner alliance's answers
    group by company as the lesson's Constellation survey does.
    """
    survey = alliance.survey
    if not survey:
        return pd.DataFrame(columns=["respondent", "side", "company"])
    answered = [d for d in SCORE_DIMENSIONS if any(a.get(d) is not None for a in survey)]
    sides = [a["side"] for a in survey]
    columns = {
        "respondent": [a.get("respondent") or f"R{i}" for i, a in enumerate(survey, start=1)],
        "side": sides,
        "company": list(sides),
    }
    # each item a column of numbers (an unanswered item is NaN), made in one go
    columns.update({f"{d}_1": np.array([a.get(d) for a in survey], float) for d in answered})
    return pd.DataFrame(columns, columns=list(columns))


def health_gaps(alliance: Alliance) -> pd.DataFrame:
    """The perception gaps between the partners, as the health lesson computes them.

    Two partners: :func:`toolkit.health.perception_gaps` (a row per dimension, a column per
    side, ``gap`` and ``higher``). Three: :func:`toolkit.health.pairwise_gaps` (a row per
    pair and dimension).
    """
    survey = survey_table(alliance)
    if survey["side"].nunique() > 2:
        return pairwise_gaps(survey)
    return perception_gaps(survey)


def _months_between(start: str, end: str) -> int:
    a, b = pd.Period(start, freq="M"), pd.Period(end, freq="M")
    return (b - a).n


def joint_plan(alliance: Alliance) -> pd.DataFrame:
    """The joint business plan worked backwards from the alliance's revenue goal.

    :func:`toolkit.steering.plan_backwards`, month 1 being the plan's start month, with a
    ``by`` column naming each step's calendar month (``Mar 2028``). The plan is worked out
    once for the same goal (the charter and its self-check both read it) and each caller
    gets its own copy.
    """
    goal = alliance.goal
    if goal is None:
        msg = "the alliance has no revenue goal yet: set one (revenue, start month, goal month)"
        raise ValueError(msg)
    try:
        return _joint_plan(ByContent(astuple(goal), goal)).copy()
    except TypeError:  # a value that cannot be a key (not a number): work it out afresh
        return _make_plan(goal)


@lru_cache(maxsize=8)
def _joint_plan(goal: ByContent) -> pd.DataFrame:
    return _make_plan(goal.value)


def _make_plan(goal) -> pd.DataFrame:
    month = _months_between(goal.start, goal.by) + 1
    funnel = Funnel(
        goal.qualify_rate, goal.accept_rate, goal.win_rate, goal.deal_size, int(goal.sales_cycle)
    )
    plan = plan_backwards(Goal(goal.revenue, month), funnel)
    start = pd.Period(goal.start, freq="M")
    plan["by"] = [(start + int(m) - 1).strftime("%b %Y") for m in plan["by_month"]]
    return plan
