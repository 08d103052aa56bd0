"""The metric catalogue: every metric has a kind, found by name or label."""

import pytest

from toolkit.indicators.catalogue import catalogue, kind_of


def test_catalogue_and_kind_of():
    """Does kind_of read names and labels, and suggest close names for a typo?"""
    assert kind_of("Deal registrations") == "leading"
    assert kind_of("partner_sourced revenue") == "lagging"
    assert kind_of("time to first joint deal") == "lagging"
    with pytest.raises(ValueError, match="Did you mean 'sourced_revenue'"):
        kind_of("sourced revnue")
    with pytest.raises(ValueError, match="catalogue"):
        kind_of("happiness")
    assert catalogue().loc["win_rate", "kind"] == "lagging"


def test_a_catalogue_taken_is_the_callers_own():
    """Does changing the catalogue table one has taken leave the next one as it was?"""
    from toolkit.indicators import catalogue

    table = catalogue()
    table.loc["deal_registrations", "kind"] = "changed"
    assert catalogue().loc["deal_registrations", "kind"] == "leading"
