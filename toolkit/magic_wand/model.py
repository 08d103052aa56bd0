"""The magic-wand simulator: when an alliance's revenue shows up after the joint work.

A deliberately simple, deterministic model of the chain the course teaches:

    effort -> enablement -> leads -> deal registrations -> pipeline -> wins -> revenue

- **Effort** is the monthly joint work (0 = none, 1 = a fully staffed alliance). An
  **executive visit** adds a short pulse of effort in its month and the next.
  **Pulling the plug** at month *m* stops all effort after month *m*.
- **Enablement** (trained sellers, account plans) follows effort slowly: each month it
  closes ``1 / ramp_months`` of the distance to the current effort, and wears away the same
  way when effort stops.
- One month later enablement produces **leads**; a share is qualified and **registered**, a
  share of those becomes **opportunities** (the pipeline).
- Each opportunity closes one **sales cycle** after it was registered and is **won** with the
  win rate; a won deal is booked as **revenue** in the month it closes.

So the first revenue can never come earlier than one sales cycle (plus a month of lead
generation) after the first effort, whatever the executive hopes. Every number is a *typical*
practitioner figure, not a forecast.

Examples
--------
>>> run = simulate(effort=1.0, months=24, sales_cycle=6)
>>> first_revenue_month(run)
8
>>> int(run.loc[24, "wins"] * 10)   # 100 leads x 40 % x 67 % x 30 % = 8.04 wins a month
80
>>> plugged = simulate(effort=1.0, months=24, sales_cycle=6, plug_month=6)
>>> bool(plugged.loc[20, "revenue"] < plugged.loc[13, "revenue"])
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

__all__ = [
    "SCENARIOS",
    "Scenario",
    "first_revenue_month",
    "first_revenue_table",
    "simulate",
    "simulate_scenario",
    "summary",
]

COLUMNS = [
    "effort",
    "enablement",
    "leads",
    "registrations",
    "opportunities",
    "pipeline",
    "wins",
    "revenue",
    "cumulative_revenue",
]


def _plan(effort, months: int | None) -> np.ndarray:
    if isinstance(effort, (int, float, np.integer, np.floating)) and not isinstance(effort, bool):
        n = 36 if months is None else int(months)
        plan = np.full(n, float(effort))
    elif isinstance(effort, Sequence | np.ndarray | pd.Series) and not isinstance(effort, str):
        try:
            plan = np.asarray(list(effort), dtype=float)
        except (TypeError, ValueError):
            msg = "effort must be a list of monthly numbers of 0 or more (0 = no joint work)"
            raise ValueError(msg) from None
        if months is not None:
            plan = np.concatenate([plan, np.zeros(max(0, int(months) - len(plan)))])[: int(months)]
    else:
        msg = f"effort must be a number or a list of monthly numbers, got {type(effort).__name__}"
        raise ValueError(msg)
    if plan.size == 0 or not np.all(np.isfinite(plan)) or (plan < 0).any():
        msg = "effort must be one or more months of numbers of 0 or more (0 = no joint work)"
        raise ValueError(msg)
    return plan


def _check(name, value, low, high):
    if not isinstance(value, (int, float, np.integer, np.floating)) or not low <= value <= high:
        msg = f"{name} must be a number from {low} to {high}, got {value!r}"
        raise ValueError(msg)


def simulate(
    effort: float | Sequence[float] = 1.0,
    *,
    months: int | None = None,
    sales_cycle: int = 6,
    lead_rate: float = 100.0,
    qualify_rate: float = 0.4,
    accept_rate: float = 0.67,
    win_rate: float = 0.3,
    deal_size: float = 60.0,
    ramp_months: float = 3.0,
    visit_months: Sequence[int] = (),
    visit_boost: float = 0.5,
    plug_month: int | None = None,
) -> pd.DataFrame:
    """Simulate an alliance month by month: pipeline, wins and revenue from an effort plan.

    Parameters
    ----------
    effort : float or sequence of float
        Monthly joint effort (0 = none, 1 = fully staffed): one number for every month, or
        one number per month.
    months : int, optional
        How many months to simulate (default: the plan's length, or 36 for one number).
    sales_cycle : int
        Months from deal registration to a closed deal (0-24).
    lead_rate : float
        Leads a month at full enablement.
    qualify_rate, accept_rate, win_rate : float
        Funnel rates: lead -> registration, registration -> opportunity, opportunity -> won.
    deal_size : float
        Average won deal (k$).
    ramp_months : float
        How slowly enablement follows effort (months to close about two thirds of the gap).
    visit_months : sequence of int
        Months with an executive visit: effort gets ``visit_boost`` that month and half of it
        the next.
    visit_boost : float
        Extra effort an executive visit brings.
    plug_month : int, optional
        Pull the plug: no effort at all after this month.

    Returns
    -------
    pandas.DataFrame
        Indexed by month (1, 2, ...), with columns ``effort``, ``enablement``, ``leads``,
        ``registrations``, ``opportunities``, ``pipeline`` (open value, k$), ``wins``,
        ``revenue`` (k$) and ``cumulative_revenue``.
    """
    plan = _plan(effort, months)
    n = len(plan)
    _check("sales_cycle", sales_cycle, 0, 24)
    for name, rate in (
        ("qualify_rate", qualify_rate),
        ("accept_rate", accept_rate),
        ("win_rate", win_rate),
    ):
        _check(name, rate, 0, 1)
    _check("lead_rate", lead_rate, 0, 1e6)
    _check("deal_size", deal_size, 0, 1e6)
    _check("ramp_months", ramp_months, 1, 36)
    cycle = int(sales_cycle)
    plan = plan.copy()
    for month in visit_months:
        _check("a visit month", month, 1, n)
        plan[int(month) - 1] += visit_boost
        if int(month) < n:
            plan[int(month)] += visit_boost / 2
    if plug_month is not None:
        _check("plug_month", plug_month, 0, n)
        plan[int(plug_month) :] = 0.0

    enablement = np.zeros(n)
    level = 0.0
    for i in range(n):
        level += (plan[i] - level) / ramp_months
        enablement[i] = level
    leads = np.zeros(n)
    leads[1:] = lead_rate * enablement[:-1]
    registrations = leads * qualify_rate
    opportunities = registrations * accept_rate
    value = opportunities * deal_size
    wins = np.zeros(n)
    if cycle < n:
        wins[cycle:] = opportunities[: n - cycle] * win_rate
    revenue = wins * deal_size
    # open pipeline: opportunities registered in the last `cycle` months, not yet closed
    opened = np.concatenate([[0.0], np.cumsum(value)])
    months_idx = np.arange(1, n + 1)
    pipeline = opened[months_idx] - opened[np.maximum(months_idx - cycle, 0)]
    table = pd.DataFrame(
        {
            "effort": plan,
            "enablement": enablement,
            "leads": leads,
            "registrations": registrations,
            "opportunities": opportunities,
            "pipeline": pipeline,
            "wins": wins,
            "revenue": revenue,
            "cumulative_revenue": np.cumsum(revenue),
        },
        index=pd.RangeIndex(1, n + 1, name="month"),
    )
    return table


def first_revenue_month(run: pd.DataFrame, threshold: float = 1e-9) -> int | None:
    """The first month with revenue in a :func:`simulate` result (None if there is none)."""
    months = run.index[run["revenue"] > threshold]
    return int(months[0]) if len(months) else None


@dataclass
class Scenario:
    """The settings of the magic-wand simulator, as plain data (what the widget edits).

    Examples
    --------
    >>> first_revenue_month(simulate_scenario(Scenario(sales_cycle=3)))
    5
    """

    months: int = 36
    effort: float = 0.8
    sales_cycle: int = 6
    win_rate: float = 0.3
    deal_size: float = 60.0
    visit_month: int | None = 1
    plug_month: int | None = None

    def to_dict(self) -> dict:
        """The settings as a plain dict (for saving)."""
        return asdict(self)


def simulate_scenario(scenario: Scenario) -> pd.DataFrame:
    """Run :func:`simulate` for a :class:`Scenario`."""
    return simulate(
        effort=scenario.effort,
        months=scenario.months,
        sales_cycle=scenario.sales_cycle,
        win_rate=scenario.win_rate,
        deal_size=scenario.deal_size,
        visit_months=() if scenario.visit_month is None else (scenario.visit_month,),
        plug_month=scenario.plug_month,
    )


HORIZON = 18


def first_revenue_table(sales_cycle_months: int, months: int = HORIZON) -> pd.DataFrame:
    """Monthly revenue (k$) when joint work starts in month 1 and deals take ``sales_cycle_months``.

    Parameters
    ----------
    sales_cycle_months : int
        Months from the first joint work to the first closed deal (1 to 12).
    months : int, optional
        How many months to show.

    Returns
    -------
    pandas.DataFrame
        Columns ``month`` and ``revenue``.
    """
    first = 1 + int(sales_cycle_months)
    revenue = [0 if m < first else 20 * (m - first + 1) for m in range(1, months + 1)]
    return pd.DataFrame({"month": range(1, months + 1), "revenue": revenue})


SCENARIOS = {
    "a visit, then nothing": Scenario(effort=0.0, visit_month=1),
    "steady builder": Scenario(effort=0.8, visit_month=1),
    "pull the plug at month 6": Scenario(effort=0.8, visit_month=1, plug_month=6),
}


def summary(scenario: Scenario) -> dict:
    """The headline numbers of a scenario: first revenue month, revenue after 2 weeks, ...

    Returns
    -------
    dict
        ``first_revenue_month`` (None if none), ``revenue_after_two_weeks`` (always 0:
        month 1 has no closed deals), ``revenue_first_year`` and ``revenue_total`` (k$),
        and ``run`` (the month-by-month table).
    """
    run = simulate_scenario(scenario)
    return {
        "first_revenue_month": first_revenue_month(run),
        "revenue_after_two_weeks": float(run["revenue"].iloc[0]),
        "revenue_first_year": float(run["revenue"].iloc[:12].sum()),
        "revenue_total": float(run["revenue"].sum()),
        "run": run,
    }
