"""Deciding with three partners: the three rules on the same proposals, and unanimity's odds."""

import itertools

import pytest

from toolkit.steering.decisions import (
    LEAD_PARTNER,
    PROPOSALS,
    agreement_chance,
    blocked_by,
    chance_table,
    outcome,
    outcomes_table,
)

PARTNERS = ("A", "B", "C")


@pytest.mark.parametrize("votes", list(itertools.product([True, False], repeat=3)))
def test_each_rule_on_every_way_three_partners_can_vote(votes):
    """For every vote pattern: does each rule give what its definition says?"""
    ballot = dict(zip(PARTNERS, votes, strict=True))
    agreed = len(set(votes)) == 1
    expected_consensus = ("approved" if votes[0] else "rejected") if agreed else "blocked"
    assert outcome(ballot, "consensus") == expected_consensus
    assert outcome(ballot, "majority") == ("approved" if sum(votes) >= 2 else "rejected")
    assert outcome(ballot, "lead_partner", lead="C") == ("approved" if votes[2] else "rejected")


def test_even_split_majority_needs_the_lead_partner():
    """With four partners split two against two, does the lead partner break the tie?"""
    ballot = {"A": True, "B": True, "C": False, "D": False}
    assert outcome(ballot, "majority") == "blocked"
    assert outcome(ballot, "majority", lead="C") == "rejected"
    assert outcome(ballot, "majority", lead="A") == "approved"


def test_bad_rules_votes_and_leads_are_explained():
    """Do an unknown rule, a vote that is not True/False and a lead with no vote say so?"""
    with pytest.raises(ValueError, match="use one of consensus, majority, lead_partner"):
        outcome({"A": True}, "veto")
    with pytest.raises(ValueError, match="True \\(for\\) or False \\(against\\), got 'yes'"):
        outcome({"A": "yes"}, "consensus")
    with pytest.raises(ValueError, match="has no vote"):
        outcome({"A": True, "B": False}, "lead_partner", lead="Z")
    with pytest.raises(ValueError, match="needs a lead partner"):
        outcome({"A": True, "B": False}, "lead_partner")


def test_constellation_proposals_show_every_difference():
    """Do the course's proposals include one each rule settles differently, and agreements?"""
    table = outcomes_table()
    assert len(table) == len(PROPOSALS) and table.index.tolist() == [p.id for p in PROPOSALS]
    assert set(table["consensus"]) == {"approved", "rejected", "blocked"}
    assert (table["majority"] != table["lead_partner"]).any()
    assert not (table[["majority", "lead_partner"]] == "blocked").any().any()
    assert blocked_by("consensus") == table.index[table["consensus"] == "blocked"].tolist()
    assert LEAD_PARTNER in table.columns


def _enumerated(partners: int, chance: float, need: int) -> float:
    """The chance that at least ``need`` partners are for it, by listing every vote pattern."""
    total = 0.0
    for votes in itertools.product([True, False], repeat=partners):
        p = 1.0
        for v in votes:
            p *= chance if v else 1 - chance
        total += p if sum(votes) >= need else 0.0
    return total


@pytest.mark.parametrize("partners", [2, 3, 4, 5, 6])
@pytest.mark.parametrize("chance", [0.5, 0.8, 0.95])
def test_agreement_chance_matches_every_vote_pattern(partners, chance):
    """Does the formula agree with listing all 2^n vote patterns?"""
    assert agreement_chance(partners, chance, "consensus") == pytest.approx(
        _enumerated(partners, chance, partners)
    )
    assert agreement_chance(partners, chance, "majority") == pytest.approx(
        _enumerated(partners, chance, partners // 2 + 1)
    )


def test_unanimity_gets_less_likely_with_every_partner():
    """Does the chance of unanimity fall with each partner added, below majority's from three?"""
    table = chance_table(0.8)
    assert table["consensus"].is_monotonic_decreasing
    three_up = table[table["partners"] >= 3]
    assert (three_up["consensus"] < three_up["majority"]).all()
    with pytest.raises(ValueError, match="2 or more"):
        agreement_chance(1, 0.8)
