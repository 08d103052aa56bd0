"""The magic-wand simulator: revenue comes one sales cycle after the work, never before."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.magic_wand.model import (
    Scenario,
    first_revenue_month,
    first_revenue_rule,
    first_revenue_table,
    simulate,
    simulate_scenario,
)


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(1, 20),
    cycle=st.integers(0, 12),
    effort=st.floats(0.05, 1.5),
    visit=st.booleans(),
)
def test_no_revenue_before_one_sales_cycle_after_the_first_effort(start, cycle, effort, visit):
    """Does the first revenue come exactly when the rule says, never earlier?"""
    plan = [0.0] * (start - 1) + [effort] * (40 - start + 1)
    run = simulate(plan, sales_cycle=cycle, visit_months=(start,) if visit else ())
    first = first_revenue_month(run)
    assert first is not None
    assert first == first_revenue_rule(cycle, start_month=start)
    assert (run.loc[: start + cycle - 1, "revenue"] == 0).all()


@pytest.mark.parametrize("cycle", range(1, 13))
def test_one_first_revenue_rule_everywhere(cycle):
    """Do the start notebook's chart, the simulator and the rule give the same first month?"""
    from toolkit.magic_wand.chart import first_revenue_chart

    rule = first_revenue_rule(cycle)
    table = first_revenue_table(cycle)
    assert int(table.loc[table["revenue"] > 0, "month"].min()) == rule
    assert first_revenue_month(simulate(0.8, months=36, sales_cycle=cycle)) == rule
    assert f"first appears in month {rule}" in first_revenue_chart(cycle).description


def test_the_model_reply_uses_the_rule():
    """Does the reading-the-indicators model reply give the rule's month for a 6-month cycle?"""
    import re

    import nbformat
    from conftest import ROOT

    path = ROOT / "grading/source/reading-the-indicators/reading-the-indicators.ipynb"
    nb = nbformat.read(path, as_version=4)
    reply = next(c.source for c in nb.cells if "Model reply" in c.source)
    months = {int(m) for m in re.findall(r"around month (\d+)", reply)}
    assert months == {first_revenue_rule(6)}


@settings(max_examples=40, deadline=None)
@given(rate=st.floats(0.05, 0.5), factor=st.floats(1.1, 2.0))
def test_revenue_scales_with_the_win_rate(rate, factor):
    """Does a higher win rate raise revenue in proportion, month by month, and nothing else?"""
    low = simulate(0.8, months=30, win_rate=rate)
    high = simulate(0.8, months=30, win_rate=rate * factor)
    np.testing.assert_allclose(high["revenue"], factor * low["revenue"], rtol=1e-9)
    np.testing.assert_allclose(high["pipeline"], low["pipeline"])
    assert first_revenue_month(high) == first_revenue_month(low)


@pytest.mark.parametrize(("plug", "cycle"), [(6, 6), (6, 9), (12, 3), (18, 11)])
def test_pulling_the_plug_makes_revenue_decay_after_the_lag(plug, cycle):
    """Does revenue carry on for one sales cycle after the plug is pulled, then decay?"""
    steady = simulate(1.0, months=48, sales_cycle=cycle)
    plugged = simulate(1.0, months=48, sales_cycle=cycle, plug_month=plug)
    unaffected = plug + 1 + cycle  # last month whose deals were registered before the plug
    np.testing.assert_allclose(
        plugged.loc[:unaffected, "revenue"], steady.loc[:unaffected, "revenue"]
    )
    after = plugged.loc[unaffected + 1 :, "revenue"]
    assert (after.diff().dropna() < 0).all(), "revenue should fall month after month"
    assert (after < steady.loc[unaffected + 1 :, "revenue"]).all()
    assert after.iloc[-1] < 0.05 * plugged["revenue"].max()


def test_an_executive_visit_is_a_pulse_that_shows_a_cycle_later():
    """Does a visit in month 10 raise revenue only from month 10 + 1 + cycle?"""
    base = simulate(0.5, months=36, sales_cycle=5)
    visit = simulate(0.5, months=36, sales_cycle=5, visit_months=(10,))
    extra = visit["revenue"] - base["revenue"]
    assert (extra.loc[:15].abs() < 1e-9).all()
    assert extra.loc[16] > 0 and extra.idxmax() in (16, 17, 18)
    assert extra.loc[36] < 0.1 * extra.max()


def test_pipeline_builds_up_before_revenue():
    """Is there open pipeline months before the first revenue?"""
    run = simulate(1.0, months=24, sales_cycle=6)
    assert run.loc[2, "pipeline"] > 0 and run.loc[7, "revenue"] == 0
    assert run["pipeline"].loc[2:8].is_monotonic_increasing


def test_scenario_round_trip_and_bad_settings():
    """Does a Scenario run, and do bad settings say what is allowed?"""
    scenario = Scenario(sales_cycle=4, plug_month=6, visit_month=None)
    run = simulate_scenario(scenario)
    assert len(run) == scenario.months and (run.loc[7:, "effort"] == 0).all()
    assert Scenario(**scenario.to_dict()) == scenario
    with pytest.raises(ValueError, match="win_rate must be a number from 0 to 1"):
        simulate(1.0, win_rate=30)
    with pytest.raises(ValueError, match="effort must be"):
        simulate("lots")
    with pytest.raises(ValueError, match="effort must be"):
        simulate([1.0, -2.0])
