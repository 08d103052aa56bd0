"""The agenda and who decides: items routed by the design's decision rights."""

import pytest

from toolkit.governance import edits, review
from toolkit.governance.templates import template
from toolkit.steering.agenda import (
    AGENDA,
    CONSTELLATION_PARTNERS,
    agenda_item,
    constellation_design,
    owners_of,
    route,
    route_agenda,
)


def test_constellation_design_works_but_has_one_weak_escalation():
    """Is Constellation's design workable, three-party, with the bid group's missing limit?"""
    design = constellation_design()
    findings = review(design)
    assert [f for f in findings if f.severity == "error"] == []
    assert [(f.code, f.body) for f in findings] == [("escalation-time-missing", "bids")]
    assert design.distinct_partners() == list(CONSTELLATION_PARTNERS)
    assert constellation_design() == design and constellation_design() is not design


def test_items_go_to_their_owner_or_down_to_management():
    """Does every item go to the body owning its decision, and an unowned one to management?"""
    design = constellation_design()
    table = route_agenda(design).set_index("item")
    for item in AGENDA:
        owners = owners_of(design, item.decision)
        expected = owners[0].id if owners else "management"
        assert table.loc[item.id, "body"] == expected, item.id
    unowned = [i.id for i in AGENDA if not owners_of(design, i.decision)]
    assert unowned and all("down to the management team" in table.loc[i, "reason"] for i in unowned)
    assert {design.body(b).tier for b in table["body"]} == {"steering", "management", "operational"}


def test_routing_follows_the_design_when_rights_move():
    """If pricing moves to the steering committee, does the pricing item follow it?"""
    design = constellation_design()
    design = edits.unassign_decision(design, 1, "pricing")
    design = edits.assign_decision(design, 0, "pricing")
    assert route(design, "pricing") == ("steering", "owns the decision")


def test_two_owners_or_no_management_team_are_said():
    """Does a decision owned twice, or a design with no management team, say what to mend?"""
    design = edits.assign_decision(constellation_design(), 0, "pricing")
    body, reason = route(design, "pricing")
    assert body == "steering" and "give the decision one owner" in reason
    lean = template("lean-startup-enterprise")
    lean.bodies = [b for b in lean.bodies if b.tier != "management"]
    assert route(lean, "anything") == (
        None,
        "no body owns it and there is no management team to take it",
    )


def test_unknown_item_lists_the_items():
    """Does asking for an item that is not on the agenda list the ones that are?"""
    assert agenda_item("webinar-dates").decision == "webinar_dates"
    with pytest.raises(ValueError, match="second-bid-team"):
        agenda_item("coffee")
