"""The alliance balanced scorecard: targets per perspective, actuals, red/amber/green.

Four perspectives (strategic, financial, operational, relationship), each with leading
measures (the drivers a team can steer) and lagging ones (the results). The steering
committee reviews it as a one-page quarterly dashboard.

Examples
--------
>>> card = scorecard(quarter_actuals("Northwind", 24), DEFAULT_TARGETS)
>>> sorted(set(card["perspective"]))
['financial', 'operational', 'relationship', 'strategic']
>>> scorecard_findings(DEFAULT_TARGETS)
[]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.indicators.catalogue import METRICS, PERSPECTIVES, _key, _lookup, catalogue, kind_of

__all__ = [
    "DEFAULT_TARGETS",
    "LOWER_IS_BETTER",
    "STOCKS",
    "quarter_actuals",
    "rag",
    "scorecard",
    "scorecard_findings",
    "scorecard_of",
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
    198
    """
    from toolkit import data

    one = data.panel(alliance)
    month = int(month)
    if month not in one.index:
        msg = f"month {month} is not in the data for {alliance}; months run 1 to {one.index.max()}"
        raise ValueError(msg)
    names = [m.name for m in METRICS if m.name in one.columns]
    # the quarter's months as one array (a column per metric, NaN where a month has no value)
    window = one.loc[max(1, month - 2) : month, names].to_numpy(dtype=float, na_value=np.nan)
    given = ~np.isnan(window)
    with np.errstate(invalid="ignore"):  # a metric with no value that quarter: NaN, as pandas
        means = np.where(given, window, 0.0).sum(axis=0) / given.sum(axis=0)
    return {
        name: float(window[-1, i]) if name in STOCKS else float(means[i])
        for i, name in enumerate(names)
    }


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
    table = catalogue()
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


def scorecard_of(measures, actuals: dict[str, float], *, amber: float = 0.9) -> pd.DataFrame:
    """The scorecard of measures that need not be in the catalogue (a participant's own).

    The same table and statuses as :func:`scorecard`, for measures given in full.

    Parameters
    ----------
    measures : iterable of dict
        Each with ``metric``, ``label``, ``kind``, ``perspective``, ``unit``, ``target`` and
        optionally ``lower_is_better``; a measure with no target is left out.
    actuals : dict
        Metric name -> actual value (missing or NaN: grey, no data).
    amber : float, optional
        Share of the target that still counts as amber (default 0.9).

    Examples
    --------
    >>> own = [{"metric": "joint_webinars", "label": "Joint webinars", "kind": "leading",
    ...         "perspective": "relationship", "unit": "a month", "target": 4}]
    >>> scorecard_of(own, {"joint_webinars": 3})[["metric", "status"]].values.tolist()
    [['joint_webinars', 'red']]
    """
    columns = ["perspective", "metric", "label", "kind", "unit", "actual", "target", "status"]
    rows = []
    for m in measures:
        if m.get("target") is None or pd.isna(m["target"]):
            continue
        actual = actuals.get(m["metric"], np.nan)
        actual = np.nan if actual is None else float(actual)
        target = float(m["target"])
        lower = bool(m.get("lower_is_better", m["metric"] in LOWER_IS_BETTER))
        rows.append(
            {
                **{k: m[k] for k in ("perspective", "metric", "label", "kind")},
                "unit": m.get("unit", ""),
                "actual": actual,
                "target": target,
                "status": rag(actual, target, lower_is_better=lower, amber=amber),
            }
        )
    card = pd.DataFrame(rows, columns=columns)
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
    table = catalogue()
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
