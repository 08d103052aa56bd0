"""The alliance lifecycle and the portfolio view of the course's ten alliances.

**Lifecycle.** An alliance needs different governance and different numbers as it ages
(:data:`STAGES`): at launch the leading indicators are all there is to read; in growth the
pipeline and the first results; at maturity the results and the relationship's health; at
renewal or exit, whether the joint work is still being done. :func:`lifecycle_stage` places an
alliance of the course data by a rule stated in its docstring.

**Portfolio.** A company with many alliances cannot invest in all of them alike. The
portfolio view places each alliance by **strategic importance** and **health**:

- important (3 or more of 5) and healthy (a health index of 3.5 or more): **invest**;
- important but not healthy: **fix**;
- healthy but less important: **maintain**;
- neither: **exit** (or rethink it).

Health is the alliance's health index from its latest health check (:mod:`toolkit.health`).
Strategic importance is not in the course data: it is a judgement, so it is written down here
in the open (:data:`IMPORTANCE`), as Acme Software's strategy team rated each alliance on two
criteria from 1 to 5, with the reason. Change it and the calls change; that is the point of
writing it down.

Examples
--------
>>> strategic_importance("Granite")
4.5
>>> portfolio_call(4.5, 2.4), portfolio_call(2.0, 4.1)
('fix', 'maintain')
>>> sorted(set(portfolio()["call"])) <= ["exit", "fix", "invest", "maintain"]
True
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from toolkit.data.loaders import per_read
from toolkit.health.bands import HEALTHY  # the one healthy line of the course
from toolkit.health.model import health_index, health_indexes
from toolkit.indicators.trends import indicator_trends

__all__ = [
    "ASAP_PHASES",
    "CALLS",
    "LIFECYCLE_SOURCE",
    "HEALTHY",
    "IMPORTANCE",
    "IMPORTANT",
    "STAGES",
    "STAGE_RULE",
    "Importance",
    "StageGuide",
    "importance_table",
    "latest_health",
    "lifecycle_stage",
    "portfolio",
    "portfolio_call",
    "standing",
    "stage_names",
    "stages_table",
    "strategic_importance",
]

#: importance at or above this (average of the two criteria, 1-5) counts as high
IMPORTANT = 3.0
#: what each call means for the next year
CALLS = {
    "invest": "important and healthy: put more people and budget behind it",
    "fix": "important but unhealthy: find the cause with the partner and repair it",
    "maintain": "healthy but less important: keep it running at its present level",
    "exit": "unhealthy and less important: wind it down in good order, or rethink it",
}


@dataclass(frozen=True)
class StageGuide:
    """One stage of the lifecycle: its plain name, what it means, and what matters then."""

    stage: str
    label: str
    meaning: str
    governance: str
    metrics: str
    cadence: str


STAGES: dict[str, StageGuide] = {
    g.stage: g
    for g in (
        StageGuide(
            "launch",
            "Launch",
            "The partners have signed and start the joint work; no joint deal is won yet, or "
            "the alliance is less than a year old.",
            "Set up all three tiers, name sponsors and alliance managers, sign the joint "
            "business plan and the charter with its decision rights.",
            "Leading only: sponsor meetings, trained sellers, account plans, the first leads "
            "and registrations. Revenue is not a useful measure yet.",
            "Steering committee every 1-2 months; management team weekly.",
        ),
        StageGuide(
            "growth",
            "Growth",
            "The joint work brings its first wins and revenue, and revenue is rising fast.",
            "Scale the working groups, settle escalations fast, review the joint business "
            "plan each quarter.",
            "Pipeline, registrations and conversion; the first wins, win rate and deal size.",
            "Steering committee quarterly; management team every two weeks.",
        ),
        StageGuide(
            "maturity",
            "Maturity",
            "The alliance runs steadily: revenue holds at its level, and the work is to keep "
            "it healthy.",
            "Keep the governance lean and on cadence; renew sponsors when people move on.",
            "Revenue, growth, renewals and customer satisfaction, with the health check to "
            "catch the relationship wearing thin.",
            "Steering committee quarterly or twice a year; management team monthly.",
        ),
        StageGuide(
            "renewal_or_exit",
            "Renewal or exit",
            "The joint work is slowing down, and the partners must decide to renew the "
            "alliance or to end it.",
            "The steering committee decides: renew the alliance with a new plan and new "
            "commitments, or wind it down in good order for the customers.",
            "Leading indicators first (are the partners still doing the joint work?), then "
            "the health check and the revenue still coming from earlier work.",
            "A dedicated steering committee meeting for the decision.",
        ),
    )
}


#: the rule that places a course alliance in a stage (:func:`lifecycle_stage`): launch for
#: the first months, renewal or exit when deal registrations fall by this many per cent on
#: the year before, growth when partner-sourced revenue rises by this many per cent
STAGE_RULE = {"launch_months": 12, "exit_fall": 40, "growth_rise": 20}
#: ASAP's seven phases of an alliance's life, which the course's four stages simplify
ASAP_PHASES = (
    "strategy",
    "partner analysis and selection",
    "negotiation",
    "operational planning",
    "structuring the governance",
    "launch and management",
    "transformation or exit",
)
#: where the lifecycle comes from, in the words the lessons use
LIFECYCLE_SOURCE = (
    "The Association of Strategic Alliance Professionals (ASAP) describes an alliance's life "
    "in seven phases; the course's four stages are its own simplification of the last two, "
    "for an alliance that runs, and are not part of ASAP's model."
)


def stage_names() -> str:
    """The four stages by their plain names, as a sentence lists them.

    Examples
    --------
    >>> stage_names()
    'launch, growth, maturity, renewal or exit'
    """
    return ", ".join(g.label.lower() for g in STAGES.values())


@dataclass(frozen=True)
class Importance:
    """Acme Software's view of one alliance: two criteria from 1 to 5 and the reason."""

    fit: int  # fit with Acme's strategy (markets, product direction)
    market: int  # size and growth of the joint market
    reason: str

    @property
    def score(self) -> float:
        """The strategic importance: the average of the two criteria."""
        return (self.fit + self.market) / 2


#: strategic importance of each course alliance, as Acme's strategy team rated it
IMPORTANCE: dict[str, Importance] = {
    "Northwind": Importance(5, 4, "cloud infrastructure is where most of our customers run"),
    "Bluepeak": Importance(2, 3, "analytics overlaps with our own roadmap"),
    "Harbor": Importance(4, 4, "industrial software is our largest customer segment"),
    "Quarry": Importance(3, 3, "IoT is a bet on a market still taking shape"),
    "Constellation": Importance(4, 5, "public sector is our growth market for three years"),
    "Cedar": Importance(4, 3, "healthcare is a target market with strict rules to master"),
    "Granite": Importance(4, 5, "banks buy large deals and stay for years"),
    "Pixel": Importance(2, 2, "small retail deals sit outside our enterprise focus"),
    "Delta": Importance(3, 2, "logistics is a niche we serve through partners only"),
    "Summit": Importance(2, 3, "marketing technology is adjacent to our offer"),
}


def stages_table() -> pd.DataFrame:
    """The lifecycle stages as a table: what each means; governance, metrics and cadence then.

    Examples
    --------
    >>> stages_table().index.tolist()
    ['Launch', 'Growth', 'Maturity', 'Renewal or exit']
    """
    rows = [
        {
            "stage": g.label,
            "what it means": g.meaning,
            "governance": g.governance,
            "metrics": g.metrics,
            "cadence": g.cadence,
        }
        for g in STAGES.values()
    ]
    return pd.DataFrame(rows).set_index("stage")


def importance_table() -> pd.DataFrame:
    """The course's strategic-importance ratings, with both criteria and the reason.

    Examples
    --------
    >>> importance_table().loc["Pixel", ["fit", "market", "importance"]].tolist()
    [2.0, 2.0, 2.0]
    """
    rows = [
        {
            "alliance": name,
            "fit": value.fit,
            "market": value.market,
            "importance": value.score,
            "reason": value.reason,
        }
        for name, value in IMPORTANCE.items()
    ]
    return pd.DataFrame(rows).set_index("alliance")


def strategic_importance(alliance: str, importance: dict | None = None) -> float:
    """An alliance's strategic importance (1-5) from :data:`IMPORTANCE` (or a table of yours)."""
    table = IMPORTANCE if importance is None else importance
    if alliance not in table:
        msg = f"no strategic importance for {alliance!r}; rated: {', '.join(table)}"
        raise ValueError(msg)
    value = table[alliance]
    return float(value.score if isinstance(value, Importance) else value)


def portfolio_call(importance: float, health: float) -> str:
    """The portfolio call for an importance (1-5) and a health index (1-5)."""
    if importance >= IMPORTANT:
        return "invest" if health >= HEALTHY else "fix"
    return "maintain" if health >= HEALTHY else "exit"


def latest_health(alliance: str, month: int | None = None) -> float:
    """The health index of the alliance's last health check up to ``month`` (default: all)."""
    from toolkit import data

    known = _every_latest_health(month)
    if alliance in known:
        return known[alliance]
    return _latest_health(data.survey(alliance), alliance, month)  # says what is missing


@per_read("health_checks.csv")
def _every_latest_health(month: int | None) -> dict[str, float]:
    """:func:`latest_health` of every alliance with a health check up to ``month``.

    Read in one pass (each alliance's last round picked out of all the answers at once) and
    kept per read of the data (:func:`toolkit.data.loaders.per_read`): the portfolio map and
    the exercise's check ask the same of the same alliances.
    """
    from toolkit import data

    answers = data.survey()
    if month is not None:
        answers = answers[answers["month"] <= month]
    last = answers.groupby("alliance", sort=False)["quarter"].transform("max")
    latest = answers[answers["quarter"] == last]
    return health_indexes(latest)


def _latest_health(answers: pd.DataFrame, alliance: str, month: int | None) -> float:
    """:func:`latest_health` from the alliance's health-check answers (all its rounds)."""
    if month is not None:
        answers = answers[answers["month"] <= month]
    if answers.empty:
        msg = f"{alliance} has no health check up to month {month}"
        raise ValueError(msg)
    last = answers["quarter"].max()
    return health_index(answers[answers["quarter"] == last])


#: the trends the lifecycle rule reads
_STAGE_TRENDS = ("deal_registrations", "sourced_revenue")


def lifecycle_stage(alliance: str, month: int | None = None) -> str:
    """The alliance's stage at ``month`` (default: the last month of the data).

    The rule, in order:

    1. **launch**: the first twelve months, or no partner-sourced deal won yet;
    2. **renewal or exit**: deal registrations of the last six months fell by 40 % or more
       against the year before (the joint work is stopping);
    3. **growth**: partner-sourced revenue of the last six months rose by 20 % or more
       against the year before;
    4. **maturity**: otherwise.

    Examples
    --------
    >>> lifecycle_stage("Harbor"), lifecycle_stage("Harbor", month=10)
    ('renewal_or_exit', 'launch')
    """
    from toolkit import data

    def trends_at(month: int) -> pd.Series:
        return indicator_trends(_STAGE_TRENDS, alliance=alliance, month=month).loc[alliance]

    return _stage(data.panel(alliance)["new_customer_wins"], month, trends_at)


def _stage(wins: pd.Series, month: int | None, trends_at) -> str:
    """:func:`lifecycle_stage` from the alliance's wins by month and its trends at a month."""
    month = int(wins.index.max()) if month is None else int(month)
    if month <= STAGE_RULE["launch_months"] or wins.loc[:month].astype(float).sum() == 0:
        return "launch"
    registrations, revenue = trends_at(month)
    if pd.notna(registrations) and registrations <= -STAGE_RULE["exit_fall"]:
        return "renewal_or_exit"
    if pd.notna(revenue) and revenue >= STAGE_RULE["growth_rise"]:
        return "growth"
    return "maturity"


def standing(month: int | None = None) -> dict[str, tuple[float, str]]:
    """What the data says of each course alliance, whatever its importance: health and stage.

    The same numbers as :func:`latest_health` and :func:`lifecycle_stage` alliance by
    alliance, read in one pass: each alliance's last health check picked out of all the answers
    at once, the panel split by alliance once, and the trends of every alliance worked out
    together (one table per month looked back from); kept per read of the data.

    Returns
    -------
    dict
        Alliance -> ``(health index, lifecycle stage)`` at ``month`` (default: all the data),
        as :func:`latest_health` and :func:`lifecycle_stage` read them.

    Examples
    --------
    >>> health, stage = standing()["Harbor"]
    >>> stage, health == latest_health("Harbor")
    ('renewal_or_exit', True)
    """
    return dict(_standing(month))


@per_read("health_checks.csv", "panel.csv", "alliances.csv")
def _standing(month: int | None) -> dict[str, tuple[float, str]]:
    """:func:`standing`, worked out once per read of the data (the dict is shared)."""
    from toolkit import data

    healths = _every_latest_health(month)
    panel = data.panel()[["alliance", "month", "new_customer_wins", *_STAGE_TRENDS]]
    wins = {
        alliance: rows.set_index(rows["month"].astype(int).rename("month"))["new_customer_wins"]
        for alliance, rows in panel.groupby("alliance", sort=False)
    }
    every = {}  # month -> the trends of every alliance at that month

    def trends_at(month: int) -> pd.DataFrame:
        if month not in every:
            every[month] = indicator_trends(_STAGE_TRENDS, panel=panel, month=month)
        return every[month]

    known = {}
    for alliance in data.alliance_names():
        health = healths[alliance] if alliance in healths else latest_health(alliance, month)
        own = wins.get(alliance)
        if own is None or (month is not None and int(month) > int(own.index.max())):
            stage = lifecycle_stage(alliance, month)  # no data that far: as it reads it
        else:
            stage = _stage(own, month, lambda m, a=alliance: trends_at(m).loc[a])
        known[alliance] = (health, stage)
    return known


def portfolio(
    month: int | None = None,
    importance: dict | None = None,
    *,
    known: dict[str, tuple[float, str]] | None = None,
) -> pd.DataFrame:
    """The portfolio view: each course alliance's importance, health, stage and call.

    Parameters
    ----------
    month : int, optional
        Read the data up to this month (default: all of it).
    importance : dict, optional
        Alliance -> :class:`Importance` or a number from 1 to 5 (default :data:`IMPORTANCE`).
    known : dict, optional
        :func:`standing` at ``month``, read once already: only the importance changes, so a
        widget whose sliders rate importance passes it rather than read the data again.

    Returns
    -------
    pandas.DataFrame
        Indexed by alliance: ``importance``, ``health``, ``stage``, ``call`` and ``reason``
        (why the importance is what it is).
    """
    table = IMPORTANCE if importance is None else importance
    rows = []
    for alliance, (health, stage) in (standing(month) if known is None else known).items():
        score = strategic_importance(alliance, table)
        value = table[alliance]
        rows.append(
            {
                "alliance": alliance,
                "importance": score,
                "health": round(health, 2),
                "stage": stage,
                "call": portfolio_call(score, health),
                "reason": value.reason if isinstance(value, Importance) else "your own rating",
            }
        )
    return pd.DataFrame(rows).set_index("alliance")
