"""The review rules: each code fires on a design that has its fault, and only there.

Every case is a change to one small sound design (``govfixtures.sound``), named after what
it does. ``TRIGGERS`` lists, per code, a change that must give that code; ``NEAR_MISSES`` a
change that comes close but must not.
"""

import copy
import importlib

import pytest
from govfixtures import body, changed, person, sound

from toolkit.governance import (
    ERROR_CODES,
    TEMPLATES,
    WARNING_CODES,
    from_dict,
    is_workable,
    review,
    template,
)


def codes(design, code=None):
    found = review(design)
    return [f for f in found if f.code == code] if code else found


# ----------------------------------------------------------------- named changes


def partner_named_once(d):
    d["partners"] = ["A", "A"]


def stranger_in_working_group(d):
    body(d, "wg")["members"] += [person("Eve", "C"), person("Fay", "C")]


def working_group_twice(d):
    d["bodies"].append(copy.deepcopy(body(d, "wg")))
    d["bodies"].append(copy.deepcopy(body(d, "wg")))


def working_group_emptied(d):
    body(d, "wg")["members"] = []


def steering_removed(d):
    d["bodies"] = [b for b in d["bodies"] if b["id"] != "jsc"]
    body(d, "amt")["decides"] += ["strategy", "investment", "dispute_resolution"]
    body(d, "amt")["escalates_to"] = None


def management_removed(d):
    d["bodies"] = [b for b in d["bodies"] if b["id"] != "amt"]
    body(d, "wg")["escalates_to"] = "jsc"
    body(d, "jsc")["decides"].append("joint_business_plan")


def steering_without_b(d):
    body(d, "jsc")["members"] = [m for m in body(d, "jsc")["members"] if m["partner"] != "B"]


def b_sponsor_is_plain_member(d):
    body(d, "jsc")["members"][1]["role"] = "member"


def b_manager_is_functional_lead_on_management(d):
    body(d, "amt")["members"][1]["role"] = "functional_lead"


def management_escalation_empty(d):
    body(d, "amt")["escalates_to"] = ""


def working_group_escalates_to_nowhere(d):
    body(d, "wg")["escalates_to"] = "board"


def investment_unowned(d):
    body(d, "jsc")["decides"].remove("investment")


def strategy_also_with_management(d):
    body(d, "amt")["decides"].append("strategy")


def working_group_removed(d):
    d["bodies"] = [b for b in d["bodies"] if b["id"] != "wg"]


def working_group_only_a(d):
    body(d, "wg")["members"][1]["partner"] = "A"


def steering_meets_every_181_days(d):
    body(d, "jsc")["meets_every_days"] = 181


def a_has_four_steering_seats_b_two(d):
    body(d, "jsc")["members"] += [person("Ada", "A"), person("Ali", "A")]


def steering_of_nine(d):
    jsc = body(d, "jsc")["members"]
    jsc += [person(f"A{i}", "A") for i in range(3)] + [person(f"B{i}", "B") for i in range(2)]


def management_days_missing(d):
    body(d, "amt")["escalation_days"] = None


def working_group_path_of_46_days(d):
    body(d, "wg")["escalation_days"] = 36


def amy_off_steering(d):
    body(d, "jsc")["members"] = [m for m in body(d, "jsc")["members"] if m["name"] != "Amy"]


def cal_also_on_management(d):
    body(d, "amt")["members"].append(person("Cal", "A", "functional_lead"))


TRIGGERS = {
    "too-few-partners": partner_named_once,
    "unknown-partner": stranger_in_working_group,
    "duplicate-body": working_group_twice,
    "empty-body": working_group_emptied,
    "no-steering-body": steering_removed,
    "no-management-body": management_removed,
    "one-sided-body": steering_without_b,
    "no-executive-sponsor": b_sponsor_is_plain_member,
    "no-alliance-manager": b_manager_is_functional_lead_on_management,
    "no-escalation": management_escalation_empty,
    "bad-escalation": working_group_escalates_to_nowhere,
    "decision-unowned": investment_unowned,
    "decision-conflict": strategy_also_with_management,
    "no-operational-body": working_group_removed,
    "one-sided-operational": working_group_only_a,
    "cadence": steering_meets_every_181_days,
    "unbalanced-steering": a_has_four_steering_seats_b_two,
    "oversized-body": steering_of_nine,
    "escalation-time-missing": management_days_missing,
    "slow-escalation": working_group_path_of_46_days,
    "manager-not-on-steering": amy_off_steering,
    "tier-crossing": cal_also_on_management,
}

# the body each finding must name (None: about the whole design)
EXPECTED_BODY = {
    "unknown-partner": "wg",
    "duplicate-body": "wg",
    "empty-body": "wg",
    "one-sided-body": "jsc",
    "no-escalation": "amt",
    "bad-escalation": "wg",
    "one-sided-operational": "wg",
    "cadence": "jsc",
    "unbalanced-steering": "jsc",
    "oversized-body": "jsc",
    "escalation-time-missing": "amt",
    "slow-escalation": "wg",
}


def test_every_code_of_the_rules_file_has_a_trigger():
    """Is every code of the contract covered by a triggering fixture (and no other)?"""
    assert set(TRIGGERS) == set(ERROR_CODES) | set(WARNING_CODES)
    assert len(ERROR_CODES) == 13 and len(WARNING_CODES) == 9


def test_the_sound_design_has_no_finding():
    """Does the base fixture really review clean (so every trigger below is the change)?"""
    assert review(from_dict(sound())) == []


@pytest.mark.parametrize("code", list(TRIGGERS))
def test_code_fires_once_with_its_severity_and_body(code):
    """Does each change give exactly one finding of its code, on the right body, with a hint?"""
    found = codes(changed(TRIGGERS[code]), code)
    assert len(found) == 1, found
    (finding,) = found
    assert finding.severity == ("error" if code in ERROR_CODES else "warning")
    assert finding.body == EXPECTED_BODY.get(code)
    assert finding.message and finding.hint


# ----------------------------------------------------------------- near misses


def partners_repeat_but_two(d):
    d["partners"] = ["A", "B", "A"]


def working_group_with_one_member(d):
    body(d, "wg")["members"] = [body(d, "wg")["members"][0]]


def same_name_different_id(d):
    d["bodies"].append({**copy.deepcopy(body(d, "wg")), "id": "wg2"})


def steering_escalation_missing(d):
    del body(d, "jsc")["escalates_to"]


def working_group_straight_to_steering(d):
    body(d, "wg")["escalates_to"] = "jsc"


def same_body_lists_strategy_twice(d):
    body(d, "jsc")["decides"].append("strategy")


def cadence_at_range_edges(d):
    body(d, "jsc")["meets_every_days"] = 180
    body(d, "amt")["meets_every_days"] = 31
    body(d, "wg")["meets_every_days"] = 1


def a_two_seats_b_one_with_a_person_listed_twice(d):
    jsc = body(d, "jsc")
    jsc["members"] = [m for m in jsc["members"] if m["name"] != "Ben"]
    jsc["members"].append(dict(jsc["members"][0]))  # Ann twice counts once


def steering_of_eight_with_a_repeat(d):
    jsc = body(d, "jsc")["members"]
    jsc += [person("A1", "A"), person("A2", "A"), person("B1", "B"), person("B2", "B")]
    jsc.append(dict(jsc[0]))


def escalation_days_zero(d):
    body(d, "amt")["escalation_days"] = 0


def working_group_path_of_45_days(d):
    body(d, "wg")["escalation_days"] = 35
    body(d, "jsc")["escalation_days"] = 60  # days beyond the steering body do not count


def manager_on_two_tiers(d):
    body(d, "wg")["members"].append(person("Amy", "A", "alliance_manager"))


def sponsor_on_management_only(d):
    b_sponsor = body(d, "jsc")["members"].pop(1)
    body(d, "amt")["members"].append(b_sponsor)


NEAR_MISSES = {
    "too-few-partners": partners_repeat_but_two,
    "empty-body": working_group_with_one_member,
    "duplicate-body": same_name_different_id,
    "no-escalation": steering_escalation_missing,
    "bad-escalation": working_group_straight_to_steering,
    "decision-conflict": same_body_lists_strategy_twice,
    "cadence": cadence_at_range_edges,
    "unbalanced-steering": a_two_seats_b_one_with_a_person_listed_twice,
    "oversized-body": steering_of_eight_with_a_repeat,
    "escalation-time-missing": escalation_days_zero,
    "slow-escalation": working_group_path_of_45_days,
    "tier-crossing": manager_on_two_tiers,
}


@pytest.mark.parametrize("code", list(NEAR_MISSES))
def test_near_miss_does_not_fire(code):
    """Does a change that only comes close to the rule leave the code out?"""
    assert codes(changed(NEAR_MISSES[code]), code) == []


def test_sponsor_on_management_only_is_no_sponsor():
    """Does a sponsor seated only on the management team still leave B without a sponsor?"""
    found = codes(changed(sponsor_on_management_only), "no-executive-sponsor")
    assert len(found) == 1 and "B" in found[0].message


# ----------------------------------------------------------------- one finding per fact


def test_no_steering_body_also_leaves_every_partner_without_a_sponsor():
    """Does one missing body break several rules, each saying so?"""
    design = changed(steering_removed)
    found = {f.code for f in review(design)}
    assert {"no-steering-body", "no-executive-sponsor"} <= found
    assert len(codes(design, "no-executive-sponsor")) == 2


def test_one_sided_body_names_the_missing_partner_once():
    """Does a steering body without B give one finding naming B, not one per member?"""
    (finding,) = codes(changed(steering_without_b), "one-sided-body")
    assert "B" in finding.message


def test_unknown_partner_is_one_per_body_and_partner():
    """Do two strangers of one unknown partner on a body give one finding, on two bodies two?"""

    def strangers_twice(d):
        stranger_in_working_group(d)
        body(d, "amt")["members"].append(person("Eve", "C"))
        body(d, "amt")["members"].append(person("Gil", "D"))

    found = codes(changed(strangers_twice), "unknown-partner")
    assert sorted((f.body, "C" in f.message, "D" in f.message) for f in found) == [
        ("amt", False, True),
        ("amt", True, False),
        ("wg", True, False),
    ]


def test_duplicate_body_is_one_per_id():
    """Do three bodies with one id give one duplicate-body finding?"""
    assert len(codes(changed(working_group_twice), "duplicate-body")) == 1


def test_decision_conflict_is_one_per_key_naming_the_bodies():
    """Does a key in three bodies give one finding naming all three, by name and tier (never
    by the ids the file keeps)?"""

    def three_owners(d):
        body(d, "amt")["decides"].append("strategy")
        body(d, "wg")["decides"].append("strategy")

    (finding,) = codes(changed(three_owners), "decision-conflict")
    names = ("Steering Committee (steering tier)", "Management Team (management tier)")
    assert all(n in finding.message for n in (*names, "Sales Working Group (operational tier)"))
    assert not [i for i in ("jsc", "amt", "wg") if f"({i})" in finding.message]
    assert finding.body is None


def test_tier_crossing_is_one_per_person():
    """Does a person on all three tiers give one tier-crossing finding?"""

    def everywhere(d):
        cal_also_on_management(d)
        body(d, "jsc")["members"].append(person("Cal", "A"))

    assert len(codes(changed(everywhere), "tier-crossing")) == 1


def test_manager_not_on_steering_is_one_per_person():
    """Is an alliance manager on two management bodies and no steering body reported once?"""

    def two_teams(d):
        amy_off_steering(d)
        d["bodies"].append({**copy.deepcopy(body(d, "amt")), "id": "amt2"})

    assert len(codes(changed(two_teams), "manager-not-on-steering")) == 1


def test_empty_operational_body_is_only_empty():
    """Does an empty working group give empty-body but not one-sided-operational?"""
    design = changed(working_group_emptied)
    assert codes(design, "empty-body") and not codes(design, "one-sided-operational")


def test_empty_steering_body_lacks_each_partner():
    """Does an empty steering body lack a member from each partner (rules are independent)?"""

    def steering_emptied(d):
        body(d, "jsc")["members"] = []

    found = codes(changed(steering_emptied), "one-sided-body")
    assert len(found) == 2


def test_operational_body_without_a_third_partner_is_not_one_sided():
    """With three partners, is a working group of A and B still joint?"""
    design = changed(lambda d: d["partners"].append("C"))
    assert codes(design, "one-sided-operational") == []
    assert len(codes(design, "one-sided-body")) == 2  # steering and management lack C


def test_seat_counts_include_a_listed_partner_with_no_seat():
    """Does a listed partner with no steering seat count as 0 seats against 2 and 2?"""
    design = changed(lambda d: d["partners"].append("C"))
    (finding,) = codes(design, "unbalanced-steering")
    assert "C 0" in finding.message


def test_management_body_over_twelve():
    """Is a 13-member management team oversized, and a 12-member one not?"""

    def team_of(n):
        def change(d):
            body(d, "amt")["members"] += [person(f"P{i}", "AB"[i % 2]) for i in range(n - 2)]

        return change

    assert len(codes(changed(team_of(13)), "oversized-body")) == 1
    assert codes(changed(team_of(12)), "oversized-body") == []


@pytest.mark.parametrize(
    ("tier", "days", "fires"),
    [
        ("steering", 29, True),
        ("steering", 30, False),
        ("management", 6, True),
        ("management", 7, False),
        ("management", 32, True),
        ("operational", 14, False),
        ("operational", 15, True),
    ],
)
def test_cadence_ranges_are_inclusive(tier, days, fires):
    """Is each tier's cadence range inclusive at both ends?"""
    target = {"steering": "jsc", "management": "amt", "operational": "wg"}[tier]
    design = changed(lambda d: body(d, target).update(meets_every_days=days))
    assert bool(codes(design, "cadence")) is fires


@pytest.mark.parametrize(
    "change",
    [
        lambda d: body(d, "wg").update(escalates_to="wg"),
        lambda d: body(d, "amt").update(escalates_to="wg"),
        lambda d: body(d, "jsc").update(escalates_to="amt", escalation_days=5),
        lambda d: (
            body(d, "wg").update(escalates_to="wg2")
            or d["bodies"].append(
                {**copy.deepcopy(body(d, "wg")), "id": "wg2", "escalates_to": "amt"}
            )
        ),
    ],
    ids=["to itself", "to a lower tier", "steering escalates", "to the same tier"],
)
def test_bad_escalation_cases(change):
    """Is escalating to oneself, downwards, sideways or from the top a bad escalation?"""
    assert len(codes(changed(change), "bad-escalation")) == 1


def test_escalation_reaches_the_first_body_of_a_duplicated_id():
    """With two bodies 'amt', does escalation go to the first one (here an operational one)?"""

    def operational_amt_first(d):
        d["bodies"].insert(0, {**copy.deepcopy(body(d, "wg")), "id": "amt", "escalates_to": "jsc"})

    found = codes(changed(operational_amt_first), "bad-escalation")
    assert [f.body for f in found] == ["wg"]


def test_escalation_cycle_ends_and_is_left_to_bad_escalation():
    """Does a cycle between two management bodies end the review without slow-escalation?"""

    def cycle(d):
        body(d, "amt")["escalates_to"] = "amt2"
        body(d, "wg")["escalation_days"] = 100
        d["bodies"].append({**copy.deepcopy(body(d, "amt")), "id": "amt2", "escalates_to": "amt"})

    design = changed(cycle)
    assert codes(design, "slow-escalation") == []
    assert len(codes(design, "bad-escalation")) == 2


def test_slow_escalation_counts_missing_days_as_zero_and_whole_path():
    """Are days summed over wg -> team -> team2 -> steering, with a missing day as 0?"""

    def long_path(d):
        body(d, "wg")["escalation_days"] = 30
        body(d, "amt")["escalates_to"] = "amt2"
        body(d, "amt")["escalation_days"] = None
        d["bodies"].append(
            {
                **copy.deepcopy(body(d, "amt")),
                "id": "amt2",
                "tier": "steering",
                "escalates_to": None,
                "members": [],
                "decides": [],
            }
        )

    assert codes(changed(long_path), "slow-escalation") == []
    body_days = changed(lambda d: long_path(d) or body(d, "wg").update(escalation_days=46))
    assert [f.body for f in codes(body_days, "slow-escalation")] == ["wg"]


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_templates_review_without_errors(name):
    """Does every template review with no errors (so students start from something sound)?"""
    design = template(name)
    assert is_workable(design)
    assert [f for f in review(design) if f.severity == "error"] == []


# ----------------------------------------------------------------- severity


def test_severity_is_the_rules_own_not_its_place(monkeypatch):
    """Does each finding keep its rule's severity, errors first, whatever the order of RULES?"""
    review_module = importlib.import_module("toolkit.governance.review")
    rules = dict(review_module.RULES)
    for change in [steering_removed, stranger_in_working_group, working_group_emptied]:
        design = changed(change)
        before = [(f.code, f.severity) for f in review(design)]
        monkeypatch.setattr(review_module, "RULES", dict(reversed(list(rules.items()))))
        after = [(f.code, f.severity) for f in review(design)]
        monkeypatch.setattr(review_module, "RULES", rules)
        assert sorted(after) == sorted(before)
        severities = [severity for _, severity in after]
        assert severities == sorted(severities, key=["error", "warning"].index)
    shuffled = sorted(rules.values(), key=lambda rule: rule.code)
    assert set(review_module.codes_of("error", shuffled)) == set(ERROR_CODES)
    assert set(review_module.codes_of("warning", shuffled)) == set(WARNING_CODES)


def test_a_rule_with_an_unknown_severity_is_refused():
    """Does a rule whose severity is neither error nor warning fail, naming the choices?"""
    from toolkit.governance.review import RULES, Rule

    with pytest.raises(ValueError, match="'fatal'; use one of 'error', 'warning'"):
        Rule("cadence", "fatal", RULES["cadence"].check)
