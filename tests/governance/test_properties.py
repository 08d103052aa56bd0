"""Rules that must hold for every design: round trips, a review that never fails, sponsors."""

import json
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.governance import (
    CORE_DECISIONS,
    ROLES,
    TIERS,
    Body,
    Design,
    Member,
    dumps,
    from_dict,
    load,
    loads,
    review,
    save,
    to_dict,
)

NAMES = st.sampled_from(["Ann", "Bob", "Cy", "Di", "Ed"])
PARTNERS = st.sampled_from(["A", "B", "C", "D"])
IDS = st.sampled_from(["jsc", "amt", "wg", "wg2", "x"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)
EXTRA = st.dictionaries(st.sampled_from(["x_note", "x_colour", "x_1"]), JSON_VALUES, max_size=2)

members = st.builds(
    Member,
    name=NAMES,
    partner=PARTNERS,
    role=st.sampled_from(ROLES),
    function=st.none() | st.sampled_from(["sales", "finance", "legal"]),
    extra=EXTRA,
)
bodies = st.builds(
    Body,
    id=IDS,
    name=st.text(max_size=8),
    tier=st.sampled_from(TIERS),
    meets_every_days=st.integers(1, 400),
    members=st.lists(members, max_size=6),
    decides=st.lists(st.sampled_from([*CORE_DECISIONS, "pricing", "go_to_market"]), max_size=4),
    escalates_to=st.none() | st.just("") | IDS,
    escalation_days=st.none() | st.integers(0, 60),
    extra=EXTRA,
)
designs = st.builds(
    Design,
    alliance=st.text(max_size=10),
    partners=st.lists(PARTNERS, max_size=4),
    bodies=st.lists(bodies, max_size=6),
    extra=EXTRA,
)
FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(designs)
def test_any_design_round_trips_through_a_file(tmp_path, design):
    """Does every design come back equal after save and load?"""
    path = tmp_path / "design.json"
    save(design, path)
    assert load(path) == design


@FAST
@given(designs, st.data())
def test_any_loaded_file_is_written_back_exactly(design, data):
    """Does a file (with optional keys dropped at random) save back to the same JSON text?"""
    raw = to_dict(design)
    for body in raw["bodies"]:
        for key in ("escalates_to", "escalation_days"):
            if body[key] is None and data.draw(st.booleans()):
                del body[key]
    text = json.dumps(raw, indent=2, ensure_ascii=False)
    assert dumps(loads(text)) == text


@FAST
@given(designs)
def test_review_never_raises_on_a_design_that_loads(design):
    """Does the review finish on every loadable design, with known severities only?"""
    findings = review(loads(dumps(design)))
    assert all(f.severity in ("error", "warning") for f in findings)


def _errors(design):
    return Counter((f.code, f.body) for f in review(design) if f.severity == "error")


@FAST
@given(designs)
def test_adding_a_missing_sponsor_never_adds_an_error(design):
    """For each partner without a sponsor, does seating one on a steering body add no error?"""
    design = from_dict(to_dict(design))
    steering = next((b for b in design.bodies if b.tier == "steering"), None)
    if steering is None:
        return
    before = _errors(design)
    for partner in design.distinct_partners():
        missing = [
            f
            for f in review(design)
            if f.code == "no-executive-sponsor" and f.message.startswith(partner + " ")
        ]
        if missing:
            steering.members.append(Member(f"Sponsor {partner}", partner, "executive_sponsor"))
            after = _errors(design)
            assert after <= before, after - before
            assert after["no-executive-sponsor", None] < before["no-executive-sponsor", None]
            before = after
