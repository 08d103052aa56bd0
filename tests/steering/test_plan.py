"""The joint business plan worked backwards: consistent with the simulator's chain."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.magic_wand.model import first_revenue_month, simulate
from toolkit.steering.plan import (
    Funnel,
    Goal,
    earliest_revenue_month,
    lead_months,
    plan_backwards,
    plan_shortfalls,
)


@pytest.mark.parametrize("cycle", [1, 3, 6, 9, 12])
def test_timing_is_the_simulators_first_revenue_rule(cycle):
    """Is the earliest revenue month the simulator's, for work starting in month 1?"""
    run = simulate(effort=0.8, months=cycle + 6, sales_cycle=cycle)
    assert earliest_revenue_month(cycle) == first_revenue_month(run)
    assert lead_months(cycle) == 1


@pytest.mark.parametrize("cycle", [2, 6, 10])
def test_plan_backwards_reproduces_the_simulator_forwards(cycle):
    """Fed the simulator's own steady revenue, does the plan ask for its registrations and leads?"""
    funnel = Funnel(qualify_rate=0.4, accept_rate=0.67, win_rate=0.3, deal_size=60.0,
                    sales_cycle=cycle)  # fmt: skip
    run = simulate(effort=1.0, months=60, sales_cycle=cycle)  # steady long before month 50
    month = 50
    plan = plan_backwards(Goal(revenue=float(run.loc[month, "revenue"]), month=month), funnel)
    start = month - cycle
    assert plan.loc["deal_registrations", "needed"] == pytest.approx(
        run.loc[start, "registrations"]
    )
    assert plan.loc["partner_leads", "needed"] == pytest.approx(run.loc[start, "leads"])
    assert plan.loc["new_customer_wins", "needed"] == pytest.approx(run.loc[month, "wins"])
    assert plan.loc["pipeline_value", "needed"] == pytest.approx(run.loc[month - 1, "pipeline"])
    assert plan.loc["deal_registrations", "by_month"] == start
    assert plan.loc["joint_work", "by_month"] == start - 1


def test_targets_are_whole_numbers_rounded_up():
    """Is each target the need rounded up, so that meeting it reaches the goal?"""
    plan = plan_backwards(Goal(450, 20), Funnel(0.4, 0.65, 0.25, 50.0, 5))
    needed = plan["needed"].dropna()
    targets = plan.loc[needed.index, "target"].astype(int)
    assert ((targets >= needed) & (targets < needed + 1)).all()
    assert plan.loc["sourced_revenue", "by_month"] == 20


def test_a_goal_before_the_first_revenue_can_come_is_refused():
    """Does a goal month earlier than the sales cycle allows say the earliest month?"""
    with pytest.raises(ValueError, match="first revenue comes in month 8 at the earliest"):
        plan_backwards(Goal(600, 7), Funnel(sales_cycle=6))
    plan_backwards(Goal(600, 8), Funnel(sales_cycle=6))
    with pytest.raises(ValueError, match="win_rate must be a share above 0"):
        plan_backwards(Goal(600, 24), Funnel(win_rate=30))
    with pytest.raises(ValueError, match="revenue goal must be a positive number"):
        plan_backwards(Goal(0, 24), Funnel())


def test_shortfalls_name_what_is_missing_without_the_answer():
    """Do too few, too many and too late each get their message, with no target given away?"""
    goal, funnel = Goal(600, 24), Funnel()
    need = plan_backwards(goal, funnel).loc["deal_registrations"]
    ok = {"deal_registrations": {"target": int(need["target"]), "by_month": 18}}
    assert plan_shortfalls(ok, goal, funnel, most=1.25) == []
    few = plan_shortfalls({"deal_registrations": {"target": 30, "by_month": 18}}, goal, funnel)
    assert few and "too few" in few[0] and str(need["target"]) not in few[0]
    many = {"deal_registrations": {"target": 200, "by_month": 18}}
    assert plan_shortfalls(many, goal, funnel) == []
    assert "bigger goal" in plan_shortfalls(many, goal, funnel, most=1.25)[0]
    late = plan_shortfalls({"deal_registrations": {"target": 60, "by_month": 19}}, goal, funnel)
    assert late and "too late" in late[0] and "18" not in late[0]
    with pytest.raises(ValueError, match="the steps are: joint_work, partner_leads"):
        plan_shortfalls({"revenue": {}}, goal, funnel)


rates = st.floats(0.05, 1.0)


@settings(max_examples=100, deadline=None)
@given(
    st.floats(10, 5000),
    st.integers(0, 18),
    st.integers(0, 24),
    rates,
    rates,
    rates,
    st.floats(1, 500),
)
def test_the_plans_own_targets_are_always_consistent(revenue, cycle, extra, q, a, w, size):
    """For any reachable goal: do the plan's own targets pass, and clearly fewer fall short?"""
    funnel = Funnel(qualify_rate=q, accept_rate=a, win_rate=w, deal_size=size, sales_cycle=cycle)
    goal = Goal(revenue=revenue, month=earliest_revenue_month(cycle) + extra)
    plan = plan_backwards(goal, funnel)
    steps = ["partner_leads", "deal_registrations", "new_opportunities", "pipeline_value"]
    own = {s: {"target": int(plan.loc[s, "target"]), "by_month": int(plan.loc[s, "by_month"])}
           for s in steps}  # fmt: skip
    assert plan_shortfalls(own, goal, funnel) == []
    reg = plan.loc["deal_registrations"]
    short = {"deal_registrations": {"target": reg["needed"] - 1.01, "by_month": 1}}
    assert plan_shortfalls(short, goal, funnel)
