"""Perception gaps between each pair of sides: three companies, three pairs."""

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import data
from toolkit.health import (
    dimension_scores,
    pairwise_gap_chart,
    pairwise_gaps,
    perception_gaps,
    widest_gap,
)
from toolkit.health.chart import PAIR_COLOURS


def three_companies():
    return pd.DataFrame(
        {
            "respondent": ["a", "b", "c", "d", "e", "f"],
            "side": ["us", "us", "partner", "partner", "partner", "partner"],
            "company": ["Acme", "Acme", "Orbit", "Orbit", "Vela", "Vela"],
            "trust_1": [5, 5, 2, 2, 4, 4],
            "governance_1": [4, 4, 4, 4, 3, 3],
        }
    )


def test_each_pair_of_companies_has_its_gap():
    """Are there three pairs, each with both scores, the gap and who sees it better?"""
    pairs = pairwise_gaps(three_companies(), by="company")
    assert pairs["pair"].unique().tolist() == ["Acme – Orbit", "Acme – Vela", "Orbit – Vela"]
    trust = pairs[pairs["dimension"] == "trust"].set_index("pair")
    assert trust["gap"].tolist() == [3.0, 1.0, 2.0]
    assert trust["higher"].tolist() == ["Acme", "Acme", "Vela"]
    row = widest_gap(pairs)
    assert (row["dimension"], row["side_a"], row["side_b"]) == ("trust", "Acme", "Orbit")


def test_folding_partners_together_hides_the_gap_between_them():
    """Does us-against-partners miss what Orbit and Vela see differently?"""
    folded = perception_gaps(three_companies())
    assert folded.loc["trust", "gap"] == pytest.approx(2.0)  # 5 against the mean of 2 and 4
    pairs = pairwise_gaps(three_companies(), by="company")
    assert pairs["gap"].max() == pytest.approx(3.0)


def test_two_sides_give_the_same_gaps_as_before():
    """With two sides, is each pairwise gap the perception gap of today's two-side check?"""
    survey = data.survey("Delta", quarter=8)
    pairs = pairwise_gaps(survey).set_index("dimension")
    gaps = perception_gaps(survey)
    assert pairs["gap"].tolist() == pytest.approx(gaps["gap"].tolist())
    assert pairs["higher"].tolist() == gaps["higher"].tolist()


def test_constellation_has_three_sides_by_company():
    """Does the course's three-party alliance give three sides when grouped by company?"""
    survey = data.survey("Constellation", quarter=16)
    assert list(dimension_scores(survey, by="company").columns) == [
        "Acme Software",
        "Orbit Systems",
        "Vela Consulting",
    ]
    with pytest.raises(ValueError, match="for three or more sides use pairwise_gaps"):
        perception_gaps(survey, by="company")


def test_missing_column_and_one_side_are_explained():
    """Do a missing grouping column and a single side say what is wrong?"""
    with pytest.raises(ValueError, match="no 'team' column to group the answers by"):
        pairwise_gaps(three_companies(), by="team")
    with pytest.raises(ValueError, match="at least two sides"):
        pairwise_gaps(three_companies().query("company == 'Acme'"), by="company")


def test_pairwise_chart_has_a_bar_per_pair_and_dimension():
    """Does the chart draw every pair's gap, in its pair's colour, and name the widest one?"""
    pairs = pairwise_gaps(data.survey("Constellation", quarter=16), by="company")
    chart = pairwise_gap_chart(pairs)
    table = chart.data["table"]
    assert len(table) == 3 * 6
    assert table["gap"].tolist() == pairs["gap"].astype(float).tolist()
    assert table["dimension"].tolist() == pairs["dimension"].str.replace("_", " ").tolist()
    row = widest_gap(pairs)
    assert f"between {row['side_a']} and {row['side_b']}" in chart.description
    assert chart.description.count(". ") == 0
    assert chart.title == "Perception gaps between each pair of partners"
    assert "Gap between the two sides (points on a 1-5 scale)" in chart.svg
    # one bar per pair and dimension, 12 pixels thick, then the legend's 10-pixel square per
    # pair, in the pairs' order and colours
    pair_order = list(dict.fromkeys(pairs["pair"]))
    colour = dict(zip(pair_order, PAIR_COLOURS, strict=False))
    rects = re.findall(r'<rect [^>]*height="(\d+)" fill="(#[0-9a-f]{6})"/>', chart.svg)
    assert [c for h, c in rects if h == "12"] == [colour[p] for p in table["pair"]]
    assert [c for h, c in rects if h == "10"] == [colour[p] for p in pair_order]
    assert ">Pair<" in chart.svg and all(p in chart.svg for p in pair_order)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C", "D"]), st.integers(1, 5), st.integers(1, 5)),
        min_size=2,
        max_size=30,
    )
)
def test_every_pair_once_and_gaps_within_the_scale(answers):
    """For any survey: one row per pair and dimension, gaps from 0 to 4, symmetric 'higher'?"""
    survey = pd.DataFrame(
        {
            "respondent": range(len(answers)),
            "side": [a[0] for a in answers],
            "trust_1": [a[1] for a in answers],
            "governance_1": [a[2] for a in answers],
        }
    )
    sides = survey["side"].nunique()
    if sides < 2:
        with pytest.raises(ValueError):
            pairwise_gaps(survey)
        return
    pairs = pairwise_gaps(survey)
    assert len(pairs) == sides * (sides - 1) // 2 * 2
    assert pairs["gap"].between(0, 4).all()
    assert (pairs["higher"].eq(pairs["side_a"]) | pairs["higher"].eq(pairs["side_b"])).all()
