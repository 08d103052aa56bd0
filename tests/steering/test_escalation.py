"""Escalation in motion: the walk up a design's escalation path, day by day."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.governance import edits
from toolkit.governance.model import TIERS, Body, Design
from toolkit.governance.review import escalation_days_to_steering
from toolkit.steering.agenda import constellation_design
from toolkit.steering.escalation import Issue, issue_named, status_on_day, walk_escalation


def chain(*bodies) -> Design:
    """A design of bodies given as (id, tier, cadence, decides, escalates_to, days)."""
    return Design(
        "A + B",
        ["A", "B"],
        [
            Body(i, i.upper(), tier, cadence, [], list(decides), to, days)
            for i, tier, cadence, decides, to, days in bodies
        ],
    )


def issue(deadline=45, decision="dispute_resolution", start="wg"):
    return Issue("x", "An issue", decision, start, deadline)


def test_constellation_issue_stalls_then_is_late_then_in_time():
    """Does each fix move the ministry-bid issue on: stalled, late, then in time?"""
    bid = issue_named("ministry-bid-lead")
    design = constellation_design()
    assert walk_escalation(design, bid).verdict == "stalled"
    design = edits.set_body(design, 2, "operational", "14", "management", "5")
    late = walk_escalation(design, bid)
    assert (late.verdict, late.settled_day) == ("late", 5 + 15 + 90)
    assert [s.outcome for s in late.stages] == ["passes it up", "passes it up", "decides"]
    design = edits.set_body(design, 0, "steering", "90", "", "20")
    settled = walk_escalation(design, bid)
    assert (settled.verdict, settled.settled_day) == ("in time", 40)


def test_owner_lower_down_settles_sooner():
    """Given the decision, does the management team settle it within its own limit?"""
    design = edits.set_body(constellation_design(), 2, "operational", "14", "management", "5")
    design = edits.unassign_decision(design, 0, "dispute_resolution")
    design = edits.assign_decision(design, 1, "dispute_resolution")
    walk = walk_escalation(design, issue_named("ministry-bid-lead"))
    assert (walk.verdict, walk.settled_day, walk.stages[-1].body) == ("in time", 20, "management")


def test_stalls_nowhere_to_go_and_in_a_circle():
    """Does the walk stop, and say why, with no target or an escalation loop?"""
    nowhere = chain(("wg", "operational", 7, (), None, 5))
    walk = walk_escalation(nowhere, issue())
    assert walk.verdict == "stalled" and "nowhere to escalate" in walk.summary()
    loop = chain(("wg", "operational", 7, (), "amt", 5), ("amt", "management", 14, (), "wg", 10))
    walk = walk_escalation(loop, issue())
    assert walk.verdict == "stalled" and "circle" in walk.summary()
    assert [s.body for s in walk.stages] == ["wg", "amt"]


def test_nobody_owns_it_goes_to_the_chief_executives():
    """With no owner, does a steering body with a limit refer the issue beyond the alliance?"""
    design = chain(
        ("wg", "operational", 7, (), "jsc", 5), ("jsc", "steering", 90, ("strategy",), None, 20)
    )
    walk = walk_escalation(design, issue())
    assert walk.verdict == "beyond" and walk.settled_day is None
    assert walk.stages[-1].leaves == 25 and "chief executives" in walk.summary()


def test_unknown_start_names_the_bodies():
    """Does an issue starting in a body the design lacks give a message listing the bodies?"""
    with pytest.raises(ValueError, match="bodies: steering, management, bids, delivery"):
        walk_escalation(constellation_design(), issue(start="legal"))
    with pytest.raises(ValueError, match="ministry-bid-lead"):
        issue_named("nothing")


def test_status_on_each_day_follows_the_bars():
    """Does the day-by-day sentence name the body holding the issue and the time left?"""
    design = edits.set_body(constellation_design(), 2, "operational", "14", "management", "5")
    walk = walk_escalation(design, issue_named("ministry-bid-lead"))
    assert "Public-Sector Bid Group (day 4 of its 5-day limit); 41 days" in status_on_day(walk, 4)
    assert "Alliance Management Team (day 0 of its 15-day limit)" in status_on_day(walk, 5)
    assert "waiting for its next meeting, up to 90 days" in status_on_day(walk, 30)
    assert "1 day past the deadline" in status_on_day(walk, 46)
    assert "settled by the Alliance Steering Committee on day 110, after" in status_on_day(
        walk, 200
    )
    stalled = walk_escalation(constellation_design(), issue_named("ministry-bid-lead"))
    assert "no time limit: it stalls here" in status_on_day(stalled, 30)


bodies = st.lists(
    st.tuples(
        st.sampled_from(TIERS),
        st.integers(1, 120),
        st.booleans(),
        st.one_of(st.none(), st.integers(0, 5)),
        st.one_of(st.none(), st.integers(0, 40)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(bodies)
def test_walk_always_ends_and_agrees_with_the_review(spec):
    """For any design: does the walk end, and match the review's days up to the steering body?"""
    design = Design(
        "A + B",
        ["A", "B"],
        [
            Body(f"b{i}", f"Body {i}", tier, cadence, [], ["x"] if owns else [],
                 None if to is None else f"b{to}", days)
            for i, (tier, cadence, owns, to, days) in enumerate(spec)
        ],
    )  # fmt: skip
    walk = walk_escalation(design, Issue("i", "An issue", "x", "b0", 45))
    assert walk.verdict in ("in time", "late", "stalled", "beyond")
    assert len(walk.stages) <= len(design.bodies)
    days = [s.arrives for s in walk.stages]
    assert days == sorted(days)
    last = walk.stages[-1]
    if walk.verdict in ("in time", "late"):
        assert last.outcome == "decides" and walk.settled_day == last.leaves
        assert walk.in_time == (walk.settled_day <= 45)
    start = design.bodies[0]
    up = escalation_days_to_steering(design, start)
    reached = [s for s in walk.stages if design.body(s.body).tier == "steering"]
    if reached and up is not None and all(s.limit is not None for s in walk.stages[:-1]):
        assert reached[0].arrives == up


def test_the_picture_is_drawn_again_only_when_the_walk_or_day_changes(tmp_path):
    """Is the walk's picture redrawn after a change that moves the issue, and only then?"""
    from toolkit.steering.escalation.chart import escalation_chart
    from toolkit.steering.escalation.widget import EscalationWalk
    from toolkit.ui.render import to_svg

    walk = EscalationWalk(path=tmp_path / "my-escalation.json")
    drawn = []
    show = walk.draw
    walk.draw = lambda box, chart, what: drawn.append(show(box, chart, what))
    walk.body.value = "bids"
    walk.limit.value = "5"  # the bid group's time limit: the issue moves on sooner
    walk.body.value = "delivery"
    walk.cadence.value = "21"  # off the issue's path: the same walk, the same picture
    walk.day.value = 12
    assert drawn == [True, False, True]
    assert walk.picture.value == to_svg(escalation_chart(walk.walk, day=12))
