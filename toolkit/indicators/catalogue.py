"""The course's metric catalogue: what each alliance metric means and why it leads or lags.

This is the source of ``datasets/metrics.csv`` (written by :mod:`instructor.generator`). Leading
metrics measure the joint work that managers can steer today; lagging metrics measure the
results that joint work produces months later. On the alliance balanced scorecard the
operational and relationship perspectives hold the drivers (leading) and the strategic and
financial perspectives hold the outcomes (lagging).

Examples
--------
>>> len(METRICS) >= 20
True
>>> sorted({m.kind for m in METRICS})
['lagging', 'leading']
>>> next(m for m in METRICS if m.name == "sourced_revenue").perspective
'financial'
>>> kind_of("partner-sourced revenue")
'lagging'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from toolkit.ui.messages import did_you_mean

__all__ = ["KINDS", "METRICS", "PERSPECTIVES", "Metric", "catalogue", "kind_of", "metric_name"]

KINDS = ("leading", "lagging")
PERSPECTIVES = ("strategic", "financial", "operational", "relationship")


@dataclass(frozen=True)
class Metric:
    """One metric of the catalogue.

    ``name`` is the column in the monthly panel (when ``source`` is ``"panel"``).
    """

    name: str
    label: str
    kind: str
    perspective: str
    unit: str
    source: str
    definition: str
    why: str


METRICS: tuple[Metric, ...] = (
    # ---- leading: relationship ----
    Metric(
        "sponsor_meetings",
        "Executive sponsor meetings",
        "leading",
        "relationship",
        "meetings per month",
        "panel",
        "Meetings held this month between the executive sponsors of the two partners.",
        "Sponsors who meet build trust and unblock joint work; the deals that work enables "
        "close months later.",
    ),
    Metric(
        "governance_on_cadence",
        "Governance meetings on cadence",
        "leading",
        "relationship",
        "% of planned meetings, last 3 months",
        "panel",
        "Share of the planned steering, management and working-group meetings of the last "
        "three months that actually took place.",
        "A governance rhythm that slips is an early sign that attention is moving elsewhere, "
        "long before the revenue shows it.",
    ),
    Metric(
        "health_score",
        "Alliance health-check score",
        "leading",
        "relationship",
        "score 1-5",
        "panel",
        "Average of the quarterly health-check survey (trust, communication, commitment, "
        "strategic value, operational effectiveness, governance), both partners weighted "
        "equally.",
        "Trust and commitment come before joint effort; when they fall, effort and then "
        "results follow them down.",
    ),
    Metric(
        "jbp_current",
        "Joint business plan signed and reviewed",
        "leading",
        "operational",
        "yes/no",
        "panel",
        "Whether a joint business plan is signed and was reviewed by both partners in the "
        "last six months.",
        "A living plan commits both sides to targets and resources before any result exists.",
    ),
    # ---- leading: operational ----
    Metric(
        "joint_account_plans",
        "Joint account plans",
        "leading",
        "operational",
        "active plans",
        "panel",
        "Customer accounts with an active plan agreed by both partners' account teams.",
        "An account plan names the customers to pursue together; opportunities in those "
        "accounts come later.",
    ),
    Metric(
        "trained_sellers",
        "Trained / certified partner sellers",
        "leading",
        "operational",
        "people",
        "panel",
        "Partner sellers who have completed the joint offer's training or certification and "
        "are still in their role.",
        "Trained sellers find and shape deals; the deals close a sales cycle after they are found.",
    ),
    Metric(
        "integration_milestones",
        "Joint solution / integration milestones",
        "leading",
        "operational",
        "milestones reached (cumulative)",
        "panel",
        "Milestones of the joint solution or technical integration reached so far.",
        "There is nothing to sell together until the joint offer works; customers buy it later.",
    ),
    Metric(
        "joint_campaigns",
        "Joint marketing campaigns",
        "leading",
        "operational",
        "campaigns per month",
        "panel",
        "Joint marketing campaigns (events, webinars, mailings) launched this month.",
        "Campaigns create leads; leads become deals only after qualification and a sales cycle.",
    ),
    Metric(
        "accounts_mapped",
        "Account overlap mapped",
        "leading",
        "operational",
        "accounts (cumulative)",
        "panel",
        "Shared target accounts identified by mapping both partners' customer lists.",
        "Mapping tells the sellers where to start; it is preparation, not yet a sale.",
    ),
    Metric(
        "partner_leads",
        "Partner-sourced leads",
        "leading",
        "operational",
        "leads per month",
        "panel",
        "New leads passed to us by the partner this month.",
        "A lead is the first step of the funnel: most never become a deal, and those that do "
        "close months later.",
    ),
    Metric(
        "deal_registrations",
        "Deal registrations",
        "leading",
        "operational",
        "registrations per month",
        "panel",
        "Qualified opportunities the partner registered with us this month.",
        "A registration marks the start of a sales cycle: its revenue arrives when the deal "
        "closes, one sales cycle later.",
    ),
    Metric(
        "pipeline_value",
        "Partner-sourced pipeline",
        "leading",
        "operational",
        "k$ (open at month end)",
        "panel",
        "Value of the open partner-sourced opportunities at the end of the month.",
        "The intermediate indicator nearest to revenue: the part of it that is won becomes "
        "revenue as the deals close.",
    ),
    Metric(
        "pipeline_conversion",
        "Pipeline stage conversion",
        "leading",
        "operational",
        "% of registrations, last 3 months",
        "panel",
        "Share of the deal registrations of the last three months accepted as qualified "
        "opportunities.",
        "An intermediate indicator: better conversion today means more deals to win one sales "
        "cycle from now.",
    ),
    # ---- lagging: strategic ----
    Metric(
        "time_to_first_deal",
        "Time to first joint deal",
        "lagging",
        "strategic",
        "months",
        "derived",
        "Months from the alliance kick-off to the first won joint deal (one number per "
        "alliance, read from new_customer_wins).",
        "It can only be measured once the first deal has closed, after months of joint work.",
    ),
    Metric(
        "new_customer_wins",
        "New customer wins",
        "lagging",
        "strategic",
        "wins per month",
        "panel",
        "Partner-sourced deals won this month.",
        "A win is the end of a sales cycle that started months earlier.",
    ),
    Metric(
        "customer_satisfaction",
        "Customer satisfaction (NPS) of the joint offer",
        "lagging",
        "strategic",
        "NPS, -100 to 100",
        "panel",
        "Net promoter score of joint customers, surveyed each quarter once there are at least "
        "three joint customers.",
        "The customer side of the triple win: it reflects how well the joint offer and "
        "delivery worked, after the customer has used it for a while.",
    ),
    Metric(
        "renewal_rate",
        "Renewals / retention",
        "lagging",
        "strategic",
        "% of renewals due, last 12 months",
        "panel",
        "Share of joint customers due for renewal in the last twelve months who renewed.",
        "Renewals come a contract term after the win, and reflect the relationship and the "
        "delivery of a year or more.",
    ),
    # ---- lagging: financial ----
    Metric(
        "win_rate",
        "Win rate with the partner",
        "lagging",
        "financial",
        "% of closed opportunities, last 3 months",
        "panel",
        "Share of the partner-sourced opportunities closed in the last three months that were won.",
        "It is known only when deals close, at the end of the sales cycle.",
    ),
    Metric(
        "avg_deal_size",
        "Average deal size",
        "lagging",
        "financial",
        "k$ per won deal, last 3 months",
        "panel",
        "Average value of the partner-sourced deals won in the last three months.",
        "It is known only once deals are won.",
    ),
    Metric(
        "sourced_revenue",
        "Partner-sourced revenue",
        "lagging",
        "financial",
        "k$ per month",
        "panel",
        "Revenue of the deals the partner sourced that closed this month.",
        "The outcome of joint work done one sales cycle and more earlier: the classic lagging "
        "indicator.",
    ),
    Metric(
        "influenced_revenue",
        "Partner-influenced revenue",
        "lagging",
        "financial",
        "k$ per month",
        "panel",
        "Revenue of deals we sourced ourselves in which the partner played a documented part, "
        "closed this month.",
        "Like sourced revenue it is booked when deals close, long after the joint work that "
        "helped win them.",
    ),
    Metric(
        "revenue_growth",
        "Revenue growth",
        "lagging",
        "financial",
        "% against the same 3 months a year earlier",
        "panel",
        "Partner-sourced revenue of the last three months compared with the same three "
        "months a year earlier.",
        "It compares two lagging numbers, so it lags too: it moves a year after the revenue "
        "itself starts moving.",
    ),
)


# ---------------------------------------------------------------------------------------
# the catalogue
# ---------------------------------------------------------------------------------------
def catalogue() -> pd.DataFrame:
    """The metric catalogue: one row per metric, indexed by name.

    Returns
    -------
    pandas.DataFrame
        Columns ``label``, ``kind`` (leading/lagging), ``perspective`` (strategic, financial,
        operational, relationship), ``unit``, ``source``, ``definition`` and ``why``.

    Examples
    --------
    >>> table = catalogue()
    >>> table.loc["deal_registrations", ["kind", "perspective"]].tolist()
    ['leading', 'operational']
    """
    return _catalogue().copy()  # the caller's own table, from the one built


@cache  # the catalogue is fixed: built once
def _catalogue() -> pd.DataFrame:
    return pd.DataFrame([m.__dict__ for m in METRICS]).set_index("name")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


_KINDS = {m.name: m.kind for m in METRICS}


@cache  # the catalogue is fixed: built once, read on every lookup of a name
def _lookup() -> dict[str, str]:
    """Every metric's name and label (as :func:`_key` writes them) -> its name; made once."""
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
        return _KINDS[lookup[key]]
    hint = did_you_mean(key, lookup)
    msg = (
        f"no metric called {name!r} in the catalogue.{hint} "
        "See catalogue() for every metric and its name."
    )
    raise ValueError(msg)
