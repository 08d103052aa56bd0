"""The steering committee's quarterly dashboard: scorecard, indicator trends and health on one page.

Once a quarter the steering committee looks at one page: the balanced scorecard (red, amber
or green against the targets, each measure marked leading or lagging), where the indicators
are heading (the last six months against the year before) and the health check (the gap
between each pair of partners). :func:`quarterly_dashboard` puts the three together from the
course data, reusing :mod:`toolkit.scorecard`, :mod:`toolkit.indicators.trends` and
:mod:`toolkit.health`.

The committee reads it **leading first**: the drivers it can still steer, then the results
they produced. :func:`discussion_plan` applies the course's rules for what the meeting must
discuss, may discuss, or can leave alone:

- **must**: a leading measure in red; a leading indicator that fell by a quarter or more
  (:data:`FALL_TO_DISCUSS`); a health dimension that two partners see a point or more apart
  (:data:`GAP_TO_DISCUSS`) or that one partner scores below 2.5 (:data:`LOW_TO_DISCUSS`);
- **may**: a lagging measure in red or amber (note it, and explain it with the leading ones),
  an amber leading measure, a leading indicator that slipped by a tenth or more, a lagging one
  that fell by a quarter, gaps of half a point or more and scores below 3;
- **no**: everything else, on target and not falling.

Examples
--------
>>> board = quarterly_dashboard("Constellation", 16)
>>> board.sides
('Acme Software', 'Orbit Systems', 'Vela Consulting')
>>> plan = discussion_plan(board)
>>> sorted({p.verdict for p in plan.values()}) <= ["may", "must", "no"]
True
>>> [item.kind for item in dashboard_items(board)][:2]
['leading', 'leading']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from toolkit.health.model import health_index, pairwise_gaps
from toolkit.indicators.catalogue import METRICS
from toolkit.indicators.trends import indicator_trends
from toolkit.scorecard.model import DEFAULT_TARGETS, quarter_actuals, scorecard

__all__ = [
    "FALL_TO_DISCUSS",
    "GAP_TO_DISCUSS",
    "LOW_TO_DISCUSS",
    "TREND_METRICS",
    "Dashboard",
    "DashboardItem",
    "Verdict",
    "dashboard_items",
    "discussion_plan",
    "leading_first",
    "must_discuss",
    "quarterly_dashboard",
    "read_leading_first",
]

#: a leading indicator that fell by this many percent (or more) is on the agenda
FALL_TO_DISCUSS = -25.0
#: a fall of this many percent (or more) is worth a word
SLIP_TO_NOTE = -10.0
#: two partners this many points apart (or more) on a dimension: on the agenda
GAP_TO_DISCUSS = 1.0
#: a gap of this many points (or more) is worth a word
GAP_TO_NOTE = 0.5
#: a partner scoring a dimension below this is on the agenda
LOW_TO_DISCUSS = 2.5
#: a score below this is worth a word
LOW_TO_NOTE = 3.0
#: the indicators whose trend the dashboard shows, leading ones first
TREND_METRICS = (
    "partner_leads",
    "deal_registrations",
    "pipeline_value",
    "trained_sellers",
    "joint_campaigns",
    "sponsor_meetings",
    "sourced_revenue",
    "new_customer_wins",
)


@dataclass(frozen=True, eq=False)
class Dashboard:
    """One alliance's quarterly dashboard, as plain tables.

    ``card`` is the scorecard (:func:`toolkit.scorecard.model.scorecard`, leading measures
    first), ``trends`` each indicator's change in percent (last six months against the year
    before), ``gaps`` the pairwise perception gaps of the quarter's health check and ``health``
    its index.
    """

    alliance: str
    quarter: int
    month: int
    card: pd.DataFrame
    trends: pd.Series
    gaps: pd.DataFrame
    health: float
    sides: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DashboardItem:
    """One thing on the dashboard the meeting could discuss: a measure or a health dimension.

    ``key`` is the metric's catalogue name or the dimension's name; ``kind`` is ``leading``,
    ``lagging`` or ``health``; ``status`` the scorecard colour (``""`` when the metric has no
    target); ``change`` the trend in percent (``None`` when not shown); ``gap`` the widest gap
    between two partners (health items only), ``pair`` who they are, and ``lowest`` the
    lowest side's average with ``lowest_side`` naming it.
    """

    key: str
    label: str
    kind: str
    status: str = ""
    change: float | None = None
    gap: float | None = None
    pair: str = ""
    lowest: float | None = None
    lowest_side: str = ""

    def describe(self) -> str:
        """The item in one line, as the dashboard shows it."""
        parts = []
        if self.status:
            parts.append(self.status)
        if self.change is not None:
            parts.append(f"{self.change:+.0f} % on the year before")
        if self.gap is not None:
            parts.append(f"widest gap {self.gap:.2f} points ({self.pair})")
        if self.lowest is not None:
            parts.append(f"lowest {self.lowest:.2f} ({self.lowest_side})")
        return f"{self.label} ({self.kind}): {', '.join(parts) or 'no data'}"


@dataclass(frozen=True)
class Verdict:
    """Whether the meeting ``must`` or ``may`` discuss an item, or need not (``no``), and why."""

    verdict: str
    reason: str


def _last_quarter() -> int:
    from toolkit import data

    return int(data.survey()["quarter"].max())


def quarterly_dashboard(
    alliance: str,
    quarter: int | None = None,
    *,
    targets: dict[str, float] | None = None,
    by: str = "company",
) -> Dashboard:
    """The steering committee's dashboard of one alliance for one quarter.

    Parameters
    ----------
    alliance : str
        An alliance of the course data (``"Constellation"`` has three companies).
    quarter : int, optional
        The quarter of the health-check survey (1 = the first; default: the last); the
        scorecard and trends are read at the end of the same quarter.
    targets : dict, optional
        The scorecard's targets (default :data:`toolkit.scorecard.DEFAULT_TARGETS`).
    by : str, optional
        Whose answers form a side of the health check: ``"company"`` (each company its own
        side) or ``"side"`` (us against all partners together).

    Raises
    ------
    ValueError
        For an unknown alliance or a quarter without a survey (the message lists the choices).
    """
    quarter = _last_quarter() if quarter is None else quarter
    if isinstance(quarter, bool) or not isinstance(quarter, int):
        msg = f"quarter must be a whole number such as 16, got {quarter!r}"
        raise ValueError(msg)
    if targets is not None or not isinstance(alliance, str) or not isinstance(by, str):
        return _dashboard(alliance, quarter, targets, by)
    board = _course_dashboard(alliance, quarter, by)
    # the tables are the caller's to change: copies, so the one worked out stays as it was
    return replace(
        board, card=board.card.copy(), trends=board.trends.copy(), gaps=board.gaps.copy()
    )


@lru_cache(maxsize=64)
def _course_dashboard(alliance: str, quarter: int, by: str) -> Dashboard:
    """A dashboard with the course's targets, worked out once per kernel.

    The course data are read once per kernel too; lesson 05's widget and its check ask for
    the same dashboard.
    """
    return _dashboard(alliance, quarter, None, by)


def _dashboard(alliance, quarter: int, targets, by) -> Dashboard:
    from toolkit import data

    survey = data.survey(alliance, quarter=quarter)
    month = int(survey["month"].iloc[0])
    card = leading_first(scorecard(quarter_actuals(alliance, month), targets or DEFAULT_TARGETS))
    trends = indicator_trends(TREND_METRICS, alliance=alliance, month=month).loc[alliance]
    gaps = pairwise_gaps(survey, by=by)
    sides = tuple(dict.fromkeys([*gaps["side_a"], *gaps["side_b"]]))
    return Dashboard(alliance, quarter, month, card, trends, gaps, health_index(survey), sides)


def leading_first(card: pd.DataFrame) -> pd.DataFrame:
    """A scorecard with its leading measures first (then lagging), each in perspective order.

    Examples
    --------
    >>> card = scorecard({}, {"sourced_revenue": 500, "trained_sellers": 60})
    >>> leading_first(card)["metric"].tolist()
    ['trained_sellers', 'sourced_revenue']
    """
    order = {"leading": 0, "lagging": 1}
    return card.sort_values("kind", key=lambda s: s.map(order), kind="stable").reset_index(
        drop=True
    )


def dashboard_items(board: Dashboard) -> list[DashboardItem]:
    """Everything on the dashboard, in reading order: leading, then lagging, then health.

    A metric that is both on the scorecard and among the trends is one item.
    """
    table = {m.name: m for m in METRICS}  # the catalogue, each metric's kind and label
    status = dict(zip(board.card["metric"], board.card["status"], strict=True))
    metrics = list(dict.fromkeys([*board.card["metric"], *board.trends.index]))
    items = []
    for kind in ("leading", "lagging"):
        for metric in metrics:
            if table[metric].kind != kind:
                continue
            change = board.trends.get(metric)
            items.append(
                DashboardItem(
                    metric,
                    str(table[metric].label),
                    kind,
                    status.get(metric, ""),
                    None if change is None or pd.isna(change) else float(change),
                )
            )
    return items + _health_items(board.gaps)


def _number(value) -> float:
    return float("nan") if pd.isna(value) else float(value)


def _health_items(gaps: pd.DataFrame) -> list[DashboardItem]:
    """One item per dimension of the gaps, in their order: its widest gap and lowest side.

    Plain Python over the table's columns (a handful of rows: no grouping machinery). The
    widest gap is the first of the largest; a side's score is the first it is given, and the
    lowest side the first of the lowest scores.
    """
    if gaps.empty:
        return []
    columns = ("dimension", "side_a", "side_b", "score_a", "score_b", "gap")
    groups: dict = {}
    for row in zip(*(gaps[c].tolist() for c in columns), strict=True):
        if not pd.isna(row[0]):
            groups.setdefault(row[0], []).append(row)
    items = []
    for dimension, rows in groups.items():
        widest = None
        for row in rows:
            gap = _number(row[5])
            if gap == gap and (widest is None or gap > _number(widest[5])):
                widest = row
        scores: dict = {}
        for side, score in [(r[1], r[3]) for r in rows] + [(r[2], r[4]) for r in rows]:
            scores.setdefault(side, _number(score))
        known = [(score, side) for side, score in scores.items() if score == score]
        lowest = min(known, key=lambda pair: pair[0], default=None)
        items.append(
            DashboardItem(
                str(dimension),
                str(dimension).replace("_", " ").capitalize(),
                "health",
                gap=None if widest is None else _number(widest[5]),
                pair="" if widest is None else f"{widest[1]} and {widest[2]}",
                lowest=None if lowest is None else lowest[0],
                lowest_side="" if lowest is None else str(lowest[1]),
            )
        )
    return items


def _verdict(item: DashboardItem) -> Verdict:
    if item.kind == "health":
        gap, low = item.gap or 0.0, 5.0 if item.lowest is None else item.lowest
        apart = f"{item.pair} see it {gap:.1f} points apart"
        scored = f"{item.lowest_side} scores it {low:.1f} of 5"
        if gap >= GAP_TO_DISCUSS or low < LOW_TO_DISCUSS:
            return Verdict("must", apart if gap >= GAP_TO_DISCUSS else scored)
        if gap >= GAP_TO_NOTE or low < LOW_TO_NOTE:
            return Verdict("may", apart if gap >= GAP_TO_NOTE else scored)
        return Verdict("no", "the partners see it much the same way, and well enough")
    falling = item.change is not None and item.change <= FALL_TO_DISCUSS
    slipping = item.change is not None and item.change <= SLIP_TO_NOTE
    if item.kind == "leading":
        if item.status == "red":
            return Verdict("must", "a driver in red: the results of the next quarters depend on it")
        if falling:
            return Verdict("must", f"a driver that fell by {-item.change:.0f} %")
        if item.status == "amber" or slipping:
            return Verdict("may", "a driver a little off its target or slipping")
        return Verdict("no", "a driver on target and not falling")
    if item.status in ("red", "amber") or falling:
        return Verdict("may", "a result off target: explain it with the drivers, months back")
    return Verdict("no", "a result on target")


def discussion_plan(board: Dashboard) -> dict[str, Verdict]:
    """For each dashboard item (by key): must, may or need not be discussed, and why.

    Examples
    --------
    >>> board = quarterly_dashboard("Harbor", 16, by="side")
    >>> discussion_plan(board)["deal_registrations"].verdict
    'must'
    """
    return {item.key: _verdict(item) for item in dashboard_items(board)}


def must_discuss(board: Dashboard) -> list[str]:
    """The keys of the items the meeting must discuss, in reading order."""
    return [key for key, v in discussion_plan(board).items() if v.verdict == "must"]


def read_leading_first(board: Dashboard) -> list[str]:
    """The dashboard in words, one line per item, leading indicators first."""
    lines = [f"{board.alliance}, quarter {board.quarter} (month {board.month})."]
    lines += [item.describe() for item in dashboard_items(board)]
    lines.append(f"Health index: {board.health:.2f} of 5.")
    return lines
