"""The steering charts: titled, described in one sentence, faithful to the models."""

import re

import pandas as pd
import pytest

from toolkit.governance import edits
from toolkit.steering.agenda import constellation_design
from toolkit.steering.dashboard import quarterly_dashboard
from toolkit.steering.dashboard.chart import trend_chart
from toolkit.steering.decisions import chance_table, outcomes_table
from toolkit.steering.decisions.chart import (
    OUTCOME_COLOURS,
    RULE_LINES,
    chance_chart,
    outcomes_chart,
)
from toolkit.steering.escalation import ISSUES, walk_escalation
from toolkit.steering.escalation.chart import escalation_chart
from toolkit.steering.plan import Funnel, Goal, plan_backwards
from toolkit.steering.plan.chart import plan_chart
from toolkit.steering.portfolio import HEALTHY, IMPORTANT, portfolio
from toolkit.steering.portfolio.chart import CALL_COLOURS, portfolio_chart
from toolkit.ui.render import KIND_COLOURS, LAGGING_COLOUR, LEADING_COLOUR, to_svg
from toolkit.ui.svg import xml_text


def rows(spec: dict, n: int | None = None) -> list[pd.DataFrame]:
    """The chart's inline data sets, as tables."""
    tables = [pd.DataFrame(v) for v in spec.get("datasets", {}).values()]
    if n is not None:
        assert len(tables) == n
    return tables


@pytest.fixture(scope="module")
def late_walk():
    design = edits.set_body(constellation_design(), 2, "operational", "14", "management", "5")
    return walk_escalation(design, ISSUES[0])


@pytest.fixture(scope="module")
def charts(late_walk):
    board = quarterly_dashboard("Constellation", 16)
    return {
        "trend": trend_chart(board.trends, "Constellation"),
        "escalation": escalation_chart(late_walk, day=30),
        "outcomes": outcomes_chart(outcomes_table()),
        "chance": chance_chart(chance_table(0.8), 0.8),
        "plan": plan_chart(plan_backwards(Goal(600, 24), Funnel())),
        "portfolio": portfolio_chart(portfolio(), important=IMPORTANT, healthy=HEALTHY),
    }


def test_every_chart_has_a_title_and_one_sentence_description(charts):
    """Can a screen reader announce every chart, and does each draw offline to SVG?"""
    for name, chart in charts.items():
        if hasattr(chart, "svg"):  # drawn as SVG directly (toolkit.ui.plot)
            title, description = chart.title, chart.description
        else:
            spec = chart.to_dict()
            title, description = spec["title"], spec["description"]
        assert title, name
        assert description.endswith(".") and ". " not in description, (name, description)
        svg = to_svg(chart)
        assert svg.startswith("<svg") and 'role="img"' in svg, name


def test_trend_chart_puts_leading_first(charts):
    """Are the leading indicators' bars above the lagging ones, in the course's colours?"""
    chart = charts["trend"]
    table = chart.data["table"]
    kinds = table["kind"].tolist()
    assert kinds == sorted(kinds, key=lambda k: k != "leading")
    assert "the weakest leading indicator is" in chart.description
    known = table.dropna(subset=["change"])
    bars = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"/>', chart.svg)
    bars = [colour for colour in bars if colour in KIND_COLOURS.values()]
    # one bar per known change in its kind's colour, plus the legend's two squares
    assert bars[: len(known)] == [KIND_COLOURS[k] for k in known["kind"]]
    assert bars[len(known) :] == [LEADING_COLOUR, LAGGING_COLOUR]
    for metric in table["metric"]:  # every indicator named on the y axis
        assert f">{xml_text(metric)}</text>" in chart.svg
    assert ">Change: last 6 months against the 12 before (%)</text>" in chart.svg
    assert f'aria-label="{chart.description}"' in chart.svg


def test_escalation_chart_draws_each_stay_and_the_deadline(charts, late_walk):
    """Is there one bar per body reached, from its arrival to its leaving day?"""
    chart = charts["escalation"]
    bars = chart.data["table"]
    assert bars[["from", "to"]].values.tolist() == [[s.arrives, s.leaves] for s in late_walk.stages]
    assert chart.data["deadline"] == 45 and chart.data["day"] == 30
    assert 'stroke-dasharray="6,3"' in chart.svg and ">deadline</text>" in chart.svg
    assert len(re.findall(r"<rect [^>]*height=\"18\"", chart.svg)) == len(late_walk.stages)
    assert "65 days after the 45-day deadline" in chart.description


def test_stalled_walk_is_drawn_to_the_end_of_the_axis():
    """Does a stalled stay run to the end of the chart, marked as stalling?"""
    stalled = walk_escalation(constellation_design(), ISSUES[0])
    bars = escalation_chart(stalled).data["table"]
    assert bars["outcome"].tolist() == ["stalls"]
    assert bars["to"].iloc[0] == stalled.last_day + 10


def test_outcomes_chart_has_a_cell_per_position_and_rule(charts):
    """Does the grid hold each partner's position and each rule's outcome for every proposal?"""
    table = outcomes_table()
    chart = charts["outcomes"]
    cells = chart.data["table"]
    assert len(cells) == len(table) * 6
    blocked = int((table["consensus"] == "blocked").sum())
    assert f"consensus leaves {blocked} of them blocked" in chart.description
    drawn = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})" stroke="#cbd5e0"/>', chart.svg)
    assert drawn == [OUTCOME_COLOURS[t] for t in cells["text"]]  # every cell in its colour
    for heading in ["Consensus", "Majority", "Lead partner", *table["title"]]:
        assert f">{xml_text(heading)}</text>" in chart.svg


def test_chance_chart_draws_both_rules_in_their_lines(charts):
    """Is each rule a line with a dot per number of partners, on a percent axis?"""
    chart = charts["chance"]
    table = chance_table(0.8)
    long = chart.data["table"]
    assert sorted(set(long["rule"])) == ["consensus", "majority"]
    assert len(long) == 2 * len(table)
    paths = re.findall(r'<path d="M[^"]*" fill="none" stroke="(#[0-9a-f]{6})"[^>]*>', chart.svg)
    assert paths == [RULE_LINES[r]["colour"] for r in RULE_LINES]
    assert chart.svg.count('stroke-dasharray="4,2"') == 2  # majority's line and its legend
    assert len(re.findall(r'<circle [^>]*r="3"', chart.svg)) == 2 * len(table)
    assert ">100%</text>" in chart.svg and ">Number of partners</text>" in chart.svg
    assert "80%" in chart.description


def test_plan_chart_places_each_target_at_its_month(charts):
    """Is each milestone at the month the plan says, a diamond in its kind's colour?"""
    plan = plan_backwards(Goal(600, 24), Funnel())
    chart = charts["plan"]
    points = chart.data["table"]
    assert points["by_month"].tolist() == plan["by_month"].tolist()
    assert "by month 24" in chart.description
    diamonds = re.findall(r'<path d="M[^"]*Z" fill="(#[0-9a-f]{6})"/>', chart.svg)
    # one diamond per milestone, then the legend's two
    assert diamonds == [KIND_COLOURS[k] for k in plan["kind"]] + [LEADING_COLOUR, LAGGING_COLOUR]
    assert chart.svg.count('stroke="#cbd5e0" stroke-width="2"') == len(plan)  # the runways
    for what in points["what"]:
        assert f">{xml_text(what)}</text>" in chart.svg
    assert ">Month since kick-off (reach it by)</text>" in chart.svg


def test_portfolio_chart_has_one_dot_per_alliance_in_its_calls_colour(charts):
    """Is every alliance a dot coloured by its call, and does the description list the calls?"""
    chart = charts["portfolio"]
    dots = chart.data["table"]
    table = portfolio()
    assert sorted(dots["alliance"]) == sorted(table.index)
    assert dict(zip(dots["alliance"], dots["call"], strict=True)) == table["call"].to_dict()
    drawn = re.findall(r'<circle [^>]*r="6.7" fill="(#[0-9a-f]{6})" opacity="0.9"/>', chart.svg)
    assert drawn == [CALL_COLOURS[c] for c in dots["call"]]
    legend = re.findall(r'<circle [^>]*r="5" fill="(#[0-9a-f]{6})"/>', chart.svg)
    assert legend == list(CALL_COLOURS.values())
    for call in CALL_COLOURS:
        if call in set(table["call"]):
            assert call in chart.description
        assert f'fill="{CALL_COLOURS[call]}">{call}</text>' in chart.svg  # its quadrant named
    for alliance in table.index:  # every dot labelled once
        assert chart.svg.count(f">{xml_text(alliance)}</text>") == 1
    assert chart.svg.count('stroke-dasharray="4,4"') == 2  # the two split lines
