"""The joint business plan, worked backwards from a revenue goal.

A joint business plan states shared targets: revenue, and the leading indicators that must
be reached first for the revenue to follow. Working backwards from a goal (so much
partner-sourced revenue a month, by a given month) through the funnel and the sales cycle
gives each leading target and the month by which it must be reached:

- **wins** a month: the revenue divided by the average deal size;
- **new opportunities** a month: the wins divided by the win rate;
- **deal registrations** a month: the opportunities divided by the share of registrations that
  become opportunities;
- **partner leads** a month: the registrations divided by the share of leads that are
  qualified and registered;
- the **open pipeline** those opportunities make while they wait for their sales cycle.

The timing is the course's one first-revenue rule, the chain of the magic-wand simulator
(:mod:`toolkit.magic_wand.model`): joint work in one month gives leads and registrations a
month later, and a registered deal closes one sales cycle after its registration. So
registrations, leads and new opportunities must run at their rate one sales cycle before the
goal month, the pipeline must be full the month before it, and the joint work behind the
leads (trained sellers, campaigns) must be at full strength a month before the leads.

Funnel rates, cycles and deal sizes are *typical* practitioner figures (rules of thumb), not
research results; a real plan uses the alliance's own.

Examples
--------
>>> plan = plan_backwards(Goal(revenue=600, month=24), Funnel())
>>> plan.loc["deal_registrations", ["target", "by_month"]].tolist()
[50, 18]
>>> int(plan.loc["joint_work", "by_month"])
17
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import cache

import pandas as pd

from toolkit.magic_wand.model import first_revenue_month, simulate

__all__ = [
    "Funnel",
    "Goal",
    "check_goal",
    "check_values",
    "earliest_revenue_month",
    "lead_months",
    "plan_backwards",
    "plan_shortfalls",
]


@dataclass(frozen=True)
class Funnel:
    """How leads become revenue: the funnel rates, the deal size (k$) and the sales cycle.

    The defaults are the simulator's typical figures: 40 % of leads qualified and registered,
    67 % of registrations accepted as opportunities, 30 % of opportunities won, 60 k$ deals,
    a 6-month sales cycle.
    """

    qualify_rate: float = 0.40
    accept_rate: float = 0.67
    win_rate: float = 0.30
    deal_size: float = 60.0
    sales_cycle: int = 6

    def to_dict(self) -> dict:
        """The funnel as a plain dict (for saving)."""
        return asdict(self)


@dataclass(frozen=True)
class Goal:
    """The revenue goal: ``revenue`` k$ of partner-sourced revenue a month, by ``month``."""

    revenue: float = 600.0
    month: int = 24

    def to_dict(self) -> dict:
        """The goal as a plain dict (for saving)."""
        return asdict(self)


@cache
def _first_revenue(sales_cycle: int) -> int:
    """The first revenue month when joint work starts in month 1 (the simulator's chain)."""
    run = simulate(effort=1.0, months=sales_cycle + 4, sales_cycle=sales_cycle)
    return first_revenue_month(run)


def lead_months(sales_cycle: int = 6) -> int:
    """Months from joint work to the first leads and registrations, as the simulator has it.

    Examples
    --------
    >>> lead_months()
    1
    """
    return _first_revenue(int(sales_cycle)) - 1 - int(sales_cycle)


def earliest_revenue_month(sales_cycle: int) -> int:
    """The earliest month revenue can come when joint work starts in month 1.

    Examples
    --------
    >>> earliest_revenue_month(6), earliest_revenue_month(9)
    (8, 11)
    """
    return _first_revenue(int(sales_cycle))


def _rate(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        msg = f"{name} must be a share above 0 and at most 1 (0.4 for 40 %), got {value!r}"
        raise ValueError(msg)
    return float(value)


def check_values(goal: Goal, funnel: Funnel) -> None:
    """Check that a goal and a funnel hold numbers in range (a ``ValueError`` says which not)."""
    for name in ("qualify_rate", "accept_rate", "win_rate"):
        _rate(name, getattr(funnel, name))
    cycle, size = funnel.sales_cycle, funnel.deal_size
    if isinstance(cycle, bool) or not isinstance(cycle, int) or not 0 <= cycle <= 24:
        msg = f"sales_cycle must be a whole number of months from 0 to 24, got {cycle!r}"
        raise ValueError(msg)
    if isinstance(size, bool) or not isinstance(size, int | float) or size <= 0:
        msg = f"deal_size must be a positive number of k$, got {size!r}"
        raise ValueError(msg)
    revenue, month = goal.revenue, goal.month
    if isinstance(revenue, bool) or not isinstance(revenue, int | float) or revenue <= 0:
        msg = f"the revenue goal must be a positive number of k$ a month, got {revenue!r}"
        raise ValueError(msg)
    if isinstance(month, bool) or not isinstance(month, int) or month < 1:
        msg = f"the goal month must be a whole number of 1 or more, got {month!r}"
        raise ValueError(msg)


def check_goal(goal: Goal, funnel: Funnel) -> None:
    """Check that a plan can reach the goal; a ``ValueError`` says what is wrong and how to fix it.

    The numbers must be in range (:func:`check_values`), and the goal month no earlier than
    the first revenue can come (:func:`earliest_revenue_month`).
    """
    check_values(goal, funnel)
    cycle, month = funnel.sales_cycle, goal.month
    earliest = earliest_revenue_month(cycle)
    if month < earliest:
        msg = (
            f"no plan can reach revenue by month {month}: with a {cycle}-month sales cycle the "
            f"first revenue comes in month {earliest} at the earliest (joint work in month 1, "
            f"leads a month later, deals closing one sales cycle after). Choose month "
            f"{earliest} or later."
        )
        raise ValueError(msg)


def _up(value: float) -> int:
    """Round a count up, ignoring floating-point dust (49.9999999 -> 50, 50.0000001 -> 50)."""
    return math.ceil(round(value, 6))


def plan_backwards(goal: Goal, funnel: Funnel) -> pd.DataFrame:
    """Each target of the joint business plan and the month by which it must be reached.

    Returns
    -------
    pandas.DataFrame
        Indexed by step (catalogue metric names where the panel has the metric; ``joint_work``
        and ``new_opportunities`` otherwise), in the order they must happen: ``label``,
        ``kind`` (leading or lagging), ``needed`` (the exact number a month, or the open
        pipeline in k$), ``target`` (rounded up to a whole number), ``unit`` and
        ``by_month``.

    Raises
    ------
    ValueError
        For rates, sizes or months that cannot be planned with (see :func:`check_goal`).
    """
    check_goal(goal, funnel)
    cycle = funnel.sales_cycle
    wins = goal.revenue / funnel.deal_size
    opportunities = wins / funnel.win_rate
    registrations = opportunities / funnel.accept_rate
    leads = registrations / funnel.qualify_rate
    pipeline = opportunities * funnel.deal_size * cycle
    start = goal.month - cycle
    rows = [
        ("joint_work", "Joint work at full strength (trained sellers, campaigns)", "leading",
         float("nan"), "in place", start - lead_months(cycle)),
        ("partner_leads", "Partner-sourced leads", "leading", leads, "leads a month", start),
        ("deal_registrations", "Deal registrations", "leading", registrations,
         "registrations a month", start),
        ("new_opportunities", "New opportunities", "leading", opportunities,
         "opportunities a month", start),
        ("pipeline_value", "Open partner-sourced pipeline", "leading", pipeline, "k$ open",
         goal.month - 1),
        ("new_customer_wins", "Deals won", "lagging", wins, "wins a month", goal.month),
        ("sourced_revenue", "Partner-sourced revenue", "lagging", float(goal.revenue),
         "k$ a month", goal.month),
    ]  # fmt: skip
    table = pd.DataFrame(
        rows, columns=["step", "label", "kind", "needed", "unit", "by_month"]
    ).set_index("step")
    targets = [pd.NA if pd.isna(v) else _up(v) for v in table["needed"]]
    table.insert(3, "target", pd.array(targets, dtype="Int64"))
    return table


def plan_shortfalls(
    targets: dict, goal: Goal, funnel: Funnel, *, most: float | None = None
) -> list[str]:
    """What a proposed plan lacks to reach the goal (an empty list: it is consistent).

    A plan is consistent when each leading target is at least what the funnel needs (a
    target rounded down by less than one counts as met) and is reached by its month; a more
    ambitious target is consistent too, up to ``most`` times what is needed when ``most`` is
    given (beyond it, the plan is one for a bigger goal). ``targets`` maps a step of
    :func:`plan_backwards` (``deal_registrations``, ``partner_leads``, ...) to
    ``{"target": ..., "by_month": ...}``.

    Examples
    --------
    >>> goal, funnel = Goal(600, 24), Funnel()
    >>> plan_shortfalls({"deal_registrations": {"target": 50, "by_month": 18}}, goal, funnel)
    []
    >>> plan_shortfalls({"deal_registrations": {"target": 40, "by_month": 20}}, goal, funnel)
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Deal registrations: 40 a month is too few to reach the goal; work back from the revenue
      through each funnel rate.',
     'Deal registrations: month 20 is too late for the goal; count back from the goal month by
      the time each step takes.']
    """
    plan = plan_backwards(goal, funnel)
    problems = []
    for step, proposed in targets.items():
        if step not in plan.index:
            msg = f"no step {step!r} in the plan; the steps are: {', '.join(plan.index)}"
            raise ValueError(msg)
        row = plan.loc[step]
        label = row["label"]
        value, month = proposed.get("target"), proposed.get("by_month")
        if not pd.isna(row["needed"]):
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"{label}: the target must be a number, got {value!r}.")
            elif value < row["needed"] - 1 + 1e-9:
                problems.append(
                    f"{label}: {value:g} a month is too few to reach the goal; work back from "
                    "the revenue through each funnel rate."
                )
            elif most is not None and value > most * row["needed"]:
                problems.append(
                    f"{label}: {value:g} a month is far more than the goal needs; that plan "
                    "is for a bigger goal."
                )
        if isinstance(month, bool) or not isinstance(month, int):
            problems.append(f"{label}: the month must be a whole number, got {month!r}.")
        elif month > row["by_month"]:
            problems.append(
                f"{label}: month {month} is too late for the goal; count back from the goal "
                "month by the time each step takes."
            )
    return problems
