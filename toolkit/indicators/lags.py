"""Leading and lagging metrics: the catalogue, lag analysis, the scorecard and the health check.

Revenue is a *lagging* indicator: it is the result of joint work done months earlier. The
joint work itself (trained sellers, campaigns, deal registrations, pipeline) is measured by
*leading* indicators, which managers can steer today. This module answers three questions:

- which metrics lead and which lag (:func:`catalog`, :func:`kind_of`);
- by how many months a lagging metric follows a leading one (:func:`lag_correlations`,
  :func:`best_lag`);
- how the alliance is doing on its balanced scorecard and health check (:func:`scorecard`,
  :func:`health_index`, :func:`perception_gaps`).

Why compare month-to-month changes
----------------------------------
Two series that both grow over time (a growing alliance has more trained sellers *and* more
revenue every month) are strongly correlated at *every* lag, so the correlation of their levels
says nothing about timing: it mostly measures the shared trend. The changes from one month to
the next remove the trend; what is left is the month-to-month movement, and a movement in the
leading metric is echoed in the lagging metric a fixed number of months later. That is why
:func:`best_lag` compares changes by default (``changes=False`` compares levels).

Examples
--------
>>> kind_of("partner-sourced revenue")
'lagging'
>>> import pandas as pd
>>> registrations = pd.Series([5, 9, 4, 8, 3, 7, 6, 2, 9, 5, 4, 8], index=range(1, 13))
>>> revenue = registrations.shift(3) * 10   # revenue follows registrations by 3 months
>>> best_lag(registrations, revenue, max_lag=6)
3
>>> round(float(lag_correlations(registrations, revenue, max_lag=6).loc[3, "correlation"]), 3)
1.0
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from toolkit.catalogue import METRICS, PERSPECTIVES

__all__ = [
    "DEFAULT_TARGETS",
    "LOWER_IS_BETTER",
    "STOCKS",
    "best_lag",
    "catalog",
    "dimension_scores",
    "health_index",
    "indicator_trends",
    "item_columns",
    "kind_of",
    "lag_correlations",
    "metric_name",
    "perception_gaps",
    "quarter_actuals",
    "rag",
    "scorecard",
    "scorecard_findings",
]

# metrics where less is better (everything else: more is better)
LOWER_IS_BETTER = frozenset({"time_to_first_deal"})
# stocks: a quarter's value is the last month's, not the average of its months
STOCKS = frozenset(
    {"trained_sellers", "integration_milestones", "accounts_mapped", "joint_account_plans"}
)
# an example balanced scorecard: two measures per perspective, leading and lagging
DEFAULT_TARGETS = {
    "new_customer_wins": 8,
    "customer_satisfaction": 30,
    "sourced_revenue": 600,
    "win_rate": 30,
    "trained_sellers": 120,
    "deal_registrations": 40,
    "sponsor_meetings": 1,
    "governance_on_cadence": 80,
}


# ---------------------------------------------------------------------------------------
# the catalogue
# ---------------------------------------------------------------------------------------
def catalog() -> pd.DataFrame:
    """The metric catalogue: one row per metric, indexed by name.

    Returns
    -------
    pandas.DataFrame
        Columns ``label``, ``kind`` (leading/lagging), ``perspective`` (strategic, financial,
        operational, relationship), ``unit``, ``source``, ``definition`` and ``why``.

    Examples
    --------
    >>> table = catalog()
    >>> table.loc["deal_registrations", ["kind", "perspective"]].tolist()
    ['leading', 'operational']
    """
    return pd.DataFrame([m.__dict__ for m in METRICS]).set_index("name")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def _lookup() -> dict[str, str]:
    table = {}
    for m in METRICS:
        table[_key(m.name)] = m.name
        table[_key(m.label)] = m.name
    return table


def metric_name(name: str) -> str:
    """The catalogue name of a metric given by name or label (any case or punctuation).

    Examples
    --------
    >>> metric_name("Partner-sourced revenue")
    'sourced_revenue'
    """
    kind_of(name)  # raises with the closest names for an unknown metric
    return _lookup()[_key(name)]


def kind_of(name: str) -> str:
    """Whether a metric is ``'leading'`` or ``'lagging'``.

    Parameters
    ----------
    name : str
        The metric's name (``"deal_registrations"``) or label (``"Deal registrations"``);
        case, spaces and punctuation do not matter.

    Returns
    -------
    str
        ``'leading'`` or ``'lagging'``.

    Raises
    ------
    ValueError
        For a name not in the catalogue; the message suggests the closest names.

    Examples
    --------
    >>> kind_of("Trained sellers")
    'leading'
    >>> kind_of("trained seller")
    Traceback (most recent call last):
    ...
    ValueError: no metric called 'trained seller' in the catalogue. Did you mean ...
    """
    lookup = _lookup()
    key = _key(name)
    if key in lookup:
        return next(m.kind for m in METRICS if m.name == lookup[key])
    names = [m.name for m in METRICS]
    labels = {_key(m.label): m.name for m in METRICS}
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.5)
    close += [labels[k] for k in difflib.get_close_matches(key, list(labels), n=3, cutoff=0.5)]
    close = list(dict.fromkeys(close))[:3]
    hint = f" Did you mean {' or '.join(map(repr, close))}?" if close else ""
    msg = (
        f"no metric called {name!r} in the catalogue.{hint} "
        "See catalog() for every metric and its name."
    )
    raise ValueError(msg)


# ---------------------------------------------------------------------------------------
# lag analysis
# ---------------------------------------------------------------------------------------
def _month_numbers(index: pd.Index, what: str) -> np.ndarray:
    if isinstance(index, pd.PeriodIndex):
        return (index.asfreq("M").year * 12 + index.asfreq("M").month).to_numpy()
    if isinstance(index, pd.DatetimeIndex):
        return (index.year * 12 + index.month).to_numpy()
    try:
        numbers = pd.to_numeric(pd.Series(index), errors="raise").to_numpy(dtype=float)
    except (TypeError, ValueError):
        msg = (
            f"{what}: the index must be months (1, 2, 3, ... or calendar months), "
            f"got values like {list(index[:3])}"
        )
        raise ValueError(msg) from None
    if len(numbers) and not np.all(np.isnan(numbers) | (numbers % 1 == 0)):
        msg = f"{what}: month numbers must be whole numbers, got {list(index[:3])}"
        raise ValueError(msg)
    return numbers


def _monthly(series, what: str) -> pd.Series:
    """A float Series indexed by consecutive month numbers (missing months as NaN)."""
    if not isinstance(series, pd.Series):
        msg = (
            f"{what} must be a pandas Series indexed by month, got {type(series).__name__}; "
            "for example toolkit.data.series('Summit', 'deal_registrations')"
        )
        raise ValueError(msg)
    values = pd.to_numeric(series, errors="coerce").astype(float)
    months = _month_numbers(series.index, what)
    s = pd.Series(values.to_numpy(), index=months)
    s = s[~np.isnan(s.index.to_numpy(dtype=float))]
    s.index = s.index.astype(int)
    s = s.groupby(level=0).mean()  # a month given twice counts once (its average)
    return s


def lag_correlations(
    leading: pd.Series, lagging: pd.Series, max_lag: int = 12, *, changes: bool = True
) -> pd.DataFrame:
    """Correlation between ``leading`` at month t and ``lagging`` at month t + k, for each k.

    Parameters
    ----------
    leading, lagging : pandas.Series
        Monthly values indexed by month (whole numbers or calendar months). They are aligned
        on the index; a month missing from either (or empty) is skipped, not an error.
    max_lag : int, optional
        The largest lag to try, in months (default 12).
    changes : bool, optional
        Compare month-to-month changes (default) rather than levels; see the module notes.

    Returns
    -------
    pandas.DataFrame
        One row per lag 0 ... ``max_lag`` (the index), with columns ``lag``, ``correlation``
        (NaN when fewer than three months overlap) and ``months`` (how many months were
        compared).

    Examples
    --------
    >>> import pandas as pd
    >>> lead = pd.Series([1, 4, 2, 5, 3, 6, 2, 7], index=range(1, 9))
    >>> lag_correlations(lead, lead.shift(1), max_lag=2)["months"].tolist()
    [6, 6, 5]
    """
    max_lag = int(max_lag)
    if max_lag < 0:
        msg = f"max_lag must be 0 or more months, got {max_lag}"
        raise ValueError(msg)
    a = _monthly(leading, "leading")
    b = _monthly(lagging, "lagging")
    rows = []
    if a.empty or b.empty:
        full = pd.Index([], dtype=int)
    else:
        full = pd.RangeIndex(
            min(a.index.min(), b.index.min()), max(a.index.max(), b.index.max()) + 1
        )
    a, b = a.reindex(full), b.reindex(full)
    if changes:
        a, b = a.diff(), b.diff()
    for k in range(max_lag + 1):
        x = a.shift(k)
        both = x.notna() & b.notna()
        n = int(both.sum())
        r = np.nan
        if n >= 3 and x[both].std() > 0 and b[both].std() > 0:
            r = float(np.corrcoef(x[both], b[both])[0, 1])
        rows.append({"lag": k, "correlation": r, "months": n})
    return pd.DataFrame(rows).set_index(pd.Index(range(max_lag + 1), name="lag_months"))


def best_lag(
    leading: pd.Series, lagging: pd.Series, max_lag: int = 12, *, changes: bool = True
) -> int:
    """The number of months by which ``lagging`` follows ``leading``.

    The lag with the highest correlation in :func:`lag_correlations` (the shortest one on a
    tie). By default it compares month-to-month changes, because trending levels are
    correlated at every lag (see the module notes).

    Parameters
    ----------
    leading, lagging : pandas.Series
        Monthly values indexed by month; missing months are skipped.
    max_lag : int, optional
        The largest lag to try, in months (default 12).
    changes : bool, optional
        Compare month-to-month changes (default) rather than levels.

    Returns
    -------
    int
        Months, from 0 to ``max_lag``.

    Raises
    ------
    ValueError
        When no lag has at least three overlapping months with some variation.

    Examples
    --------
    >>> import toolkit.data as data
    >>> best_lag(data.series("Summit", "deal_registrations"),
    ...          data.series("Summit", "sourced_revenue"))
    3
    """
    table = lag_correlations(leading, lagging, max_lag, changes=changes)
    corr = table["correlation"]
    if corr.isna().all():
        msg = (
            "cannot measure a lag: the two series share fewer than three months that vary "
            f"(months compared: {table['months'].max()}); use longer series with fewer gaps"
        )
        raise ValueError(msg)
    return int(corr.idxmax())


def indicator_trends(
    metrics=(
        "deal_registrations",
        "partner_leads",
        "trained_sellers",
        "sponsor_meetings",
        "sourced_revenue",
    ),
    *,
    recent: int = 6,
    before: int = 12,
) -> pd.DataFrame:
    """How each alliance's metrics moved lately: the last months against the year before.

    For every alliance of the course data and every metric, the average of the last
    ``recent`` months compared with the average of the ``before`` months just before them,
    as a percentage change (-50 means "half of what it was"). Read the leading metrics to
    see where the lagging ones are heading.

    Examples
    --------
    >>> trends = indicator_trends()
    >>> trends.shape
    (10, 5)
    >>> bool(trends.loc["Northwind", "deal_registrations"] > -25)
    True
    """
    from toolkit import data

    table = data.panel()
    rows = {}
    for alliance, one in table.groupby("alliance", sort=False):
        one = one.sort_values("month")
        row = {}
        for metric in metrics:
            values = one[metric_name(metric)].astype(float)
            last = values.iloc[-recent:].mean()
            earlier = values.iloc[-(recent + before) : -recent].mean()
            row[metric_name(metric)] = (
                np.nan if not earlier or pd.isna(earlier) else 100 * (last / earlier - 1)
            )
        rows[alliance] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("alliance").round(0)


# ---------------------------------------------------------------------------------------
# the alliance balanced scorecard
# ---------------------------------------------------------------------------------------
def rag(actual: float, target: float, *, lower_is_better: bool = False, amber: float = 0.9) -> str:
    """Red / amber / green status of one measure against its target.

    Green when the target is met; amber when the actual reaches ``amber`` × target (or, when
    lower is better, stays within target ÷ ``amber``); red otherwise, and grey when there is
    no actual value.

    Examples
    --------
    >>> rag(95, 100), rag(100, 100), rag(50, 100), rag(6.5, 6, lower_is_better=True)
    ('amber', 'green', 'red', 'amber')
    """
    if actual is None or pd.isna(actual):
        return "grey"
    if lower_is_better:
        if actual <= target:
            return "green"
        return "amber" if actual * amber <= target else "red"
    if actual >= target:
        return "green"
    return "amber" if actual >= amber * target else "red"


def quarter_actuals(alliance: str, month: int) -> dict[str, float]:
    """Each panel metric's value for the quarter ending at ``month`` (a quarterly review).

    Flows (meetings, registrations, revenue, ...) are the average of the quarter's three
    months; stocks (trained sellers, account plans, ...) are the last month's value.

    Examples
    --------
    >>> round(quarter_actuals("Northwind", 24)["trained_sellers"])
    196
    """
    from toolkit import data

    one = data.panel(alliance)
    month = int(month)
    if month not in one.index:
        msg = f"month {month} is not in the data for {alliance}; months run 1 to {one.index.max()}"
        raise ValueError(msg)
    window = one.loc[max(1, month - 2) : month]
    actuals = {}
    for m in METRICS:
        if m.name not in one.columns:
            continue
        column = window[m.name].astype(float)
        actuals[m.name] = float(column.iloc[-1]) if m.name in STOCKS else float(column.mean())
    return actuals


def scorecard(actuals: dict[str, float], targets: dict[str, float], *, amber: float = 0.9):
    """The alliance balanced scorecard: each target measure, its actual and its status.

    Parameters
    ----------
    actuals : dict
        Metric name -> actual value (for example from :func:`quarter_actuals`).
    targets : dict
        Metric name -> target; the scorecard shows these metrics, grouped by perspective.
    amber : float, optional
        Share of the target that still counts as amber (default 0.9).

    Returns
    -------
    pandas.DataFrame
        Columns ``perspective``, ``metric``, ``label``, ``kind``, ``unit``, ``actual``,
        ``target`` and ``status`` (``green``, ``amber``, ``red`` or ``grey``), in the order
        strategic, financial, operational, relationship.

    Examples
    --------
    >>> card = scorecard({"sourced_revenue": 450, "trained_sellers": 130},
    ...                  {"sourced_revenue": 600, "trained_sellers": 120})
    >>> card[["metric", "status"]].values.tolist()
    [['sourced_revenue', 'red'], ['trained_sellers', 'green']]
    """
    table = catalog()
    rows = []
    for name, target in targets.items():
        key = _lookup().get(_key(name))
        if key is None:
            kind_of(name)  # raises with the closest names
        m = table.loc[key]
        actual = actuals.get(key, actuals.get(name, np.nan))
        rows.append(
            {
                "perspective": m["perspective"],
                "metric": key,
                "label": m["label"],
                "kind": m["kind"],
                "unit": m["unit"],
                "actual": float(actual) if actual is not None else np.nan,
                "target": float(target),
                "status": rag(
                    actual, float(target), lower_is_better=key in LOWER_IS_BETTER, amber=amber
                ),
            }
        )
    card = pd.DataFrame(
        rows,
        columns=["perspective", "metric", "label", "kind", "unit", "actual", "target", "status"],
    )
    order = {p: i for i, p in enumerate(PERSPECTIVES)}
    card = card.sort_values("perspective", key=lambda s: s.map(order), kind="stable")
    return card.reset_index(drop=True)


def scorecard_findings(metrics) -> list[str]:
    """What a scorecard built from these metrics lacks (an empty list: nothing).

    A balanced scorecard covers all four perspectives and has both leading measures (the
    drivers) and lagging ones (the outcomes).

    Examples
    --------
    >>> scorecard_findings(["sourced_revenue", "win_rate"])  # doctest: +NORMALIZE_WHITESPACE
    ['No measure for the strategic perspective.', 'No measure for the operational perspective.',
     'No measure for the relationship perspective.',
     'No leading measure: the scorecard only shows results, too late to steer.']
    """
    table = catalog()
    names = []
    for name in metrics:
        kind_of(name)  # raises with suggestions for an unknown name
        names.append(_lookup()[_key(name)])
    chosen = table.loc[names]
    findings = [
        f"No measure for the {p} perspective."
        for p in PERSPECTIVES
        if p not in set(chosen["perspective"])
    ]
    kinds = set(chosen["kind"])
    if "leading" not in kinds:
        findings.append("No leading measure: the scorecard only shows results, too late to steer.")
    if "lagging" not in kinds:
        findings.append("No lagging measure: the scorecard never shows whether the work paid off.")
    return findings


# ---------------------------------------------------------------------------------------
# the health check
# ---------------------------------------------------------------------------------------
def item_columns(survey: pd.DataFrame) -> list[str]:
    """The survey's item columns: names like ``trust_1`` (a dimension, ``_``, a number)."""
    return [c for c in survey.columns if re.fullmatch(r"[a-z][a-z_]*_\d+", str(c))]


def _check_survey(survey) -> list[str]:
    if not isinstance(survey, pd.DataFrame):
        msg = f"the survey must be a table (pandas DataFrame), got {type(survey).__name__}"
        raise ValueError(msg)
    if "side" not in survey.columns:
        msg = "the survey has no 'side' column; each answer needs side 'us' or 'partner'"
        raise ValueError(msg)
    items = item_columns(survey)
    if not items:
        msg = (
            "the survey has no item columns; name them <dimension>_<number>, e.g. trust_1, "
            f"got columns {', '.join(map(str, survey.columns))}"
        )
        raise ValueError(msg)
    for key in ("alliance", "quarter"):
        if key in survey.columns and survey[key].nunique() > 1:
            values = sorted(map(str, survey[key].dropna().unique()))
            msg = (
                f"the survey mixes several values of {key!r} ({', '.join(values[:5])}); "
                "pick one survey first, e.g. toolkit.data.survey('Delta', quarter=8)"
            )
            raise ValueError(msg)
    scores = survey[items].apply(pd.to_numeric, errors="coerce")
    bad = scores.notna() & ((scores < 1) | (scores > 5))
    if bad.any().any():
        column = bad.any()[bad.any()].index[0]
        msg = f"column {column!r} has answers outside 1 to 5; answers must be 1, 2, 3, 4 or 5"
        raise ValueError(msg)
    return items


def dimension_scores(survey: pd.DataFrame) -> pd.DataFrame:
    """Each side's average per dimension (rows: dimensions; columns: sides)."""
    items = _check_survey(survey)
    scores = survey[items].apply(pd.to_numeric, errors="coerce")
    long = scores.assign(side=survey["side"].astype(str).to_numpy()).melt(
        id_vars="side", var_name="item", value_name="score"
    )
    long["dimension"] = long["item"].str.rsplit("_", n=1).str[0]
    table = long.groupby(["dimension", "side"])["score"].mean().unstack("side")
    dims = list(dict.fromkeys(i.rsplit("_", 1)[0] for i in items))
    sides = [s for s in ("us", "partner") if s in table.columns]
    sides += [s for s in table.columns if s not in sides]
    return table.loc[dims, sides].rename_axis(index="dimension", columns=None)


def health_index(survey: pd.DataFrame) -> float:
    """The alliance's health index: the average of the dimension scores, sides weighted equally.

    Each side counts equally however many people answered, and each dimension counts equally
    however many items it has; empty answers are skipped. The result is on the survey's 1-5
    scale (*typical* averages run from about 3.2 to 4.6).

    Examples
    --------
    >>> import toolkit.data as data
    >>> round(health_index(data.survey("Northwind", quarter=8)), 2)
    3.9
    """
    return float(dimension_scores(survey).mean(axis=1).mean())


def perception_gaps(survey: pd.DataFrame) -> pd.DataFrame:
    """Per dimension: each partner's average score and the gap between them.

    Returns
    -------
    pandas.DataFrame
        Indexed by dimension, with one column per side (``us``, ``partner``), ``gap`` (the
        absolute difference) and ``higher`` (the side that sees the dimension more
        favourably). The largest gap is ``perception_gaps(survey)["gap"].idxmax()``.

    Examples
    --------
    >>> import toolkit.data as data
    >>> gaps = perception_gaps(data.survey("Delta", quarter=8))
    >>> list(gaps.columns)
    ['us', 'partner', 'gap', 'higher']
    """
    table = dimension_scores(survey)
    sides = list(table.columns)
    if len(sides) != 2:
        msg = f"a perception gap needs answers from two sides, got {sides or 'none'}"
        raise ValueError(msg)
    first, second = sides
    gaps = table.copy()
    gaps["gap"] = (table[first] - table[second]).abs()
    gaps["higher"] = np.where(table[first] >= table[second], first, second)
    return gaps
