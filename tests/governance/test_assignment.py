"""The assignment's visible checks and helpers, on designs made for the purpose."""

from conftest import ROOT

from toolkit.governance import CORE_DECISIONS, Member, load, review
from toolkit.governance.assignment import (
    REPAIR_CODES,
    assign_owners,
    check_case_basics,
    check_case_requirements,
    check_owners,
    check_repair,
    sales_groups,
)

CASE = ROOT / "grading" / "source" / "governance-design"


def test_broken_draft_has_exactly_the_errors_to_repair():
    """Does the given draft show each error the repair must remove, and no other error?"""
    errors = {f.code for f in review(load(CASE / "broken-design.json")) if f.severity == "error"}
    assert errors == set(REPAIR_CODES)


def test_tangled_design_needs_owners():
    """Does the part C design have unowned and doubly owned core decisions?"""
    codes = [f.code for f in review(load(CASE / "decisions-design.json"))]
    assert "decision-unowned" in codes and "decision-conflict" in codes


def test_assign_owners_gives_each_decision_to_one_body_only():
    """Does assign_owners take a decision from every body and give it to its owner?"""
    tangled = load(CASE / "decisions-design.json")
    owners = {
        "strategy": "esc",
        "investment": "esc",
        "joint_business_plan": "amt",
        "dispute_resolution": "esc",
    }
    decided = assign_owners(tangled, owners)
    for key in CORE_DECISIONS:
        assert [b.id for b in decided.bodies if key in b.decides] == [owners[key]]
    assert "pricing" in decided.body("amt").decides  # other decisions stay
    assert tangled.body("amt").decides.count("strategy") == 1  # the original is unchanged
    assert check_owners(decided, owners).passed


def test_check_owners_fails_on_blank_unknown_or_missing():
    """Does the owners check fail for ..., an unknown id and a missing core decision?"""
    tangled = load(CASE / "decisions-design.json")
    assert not check_owners(tangled, ...).passed
    bad = {"strategy": "board", "investment": "esc", "joint_business_plan": "amt"}
    report = check_owners(assign_owners(tangled, bad), bad)
    failed = [c.what for c in report.checks if not c.passed]
    assert "Every owner is the id of a body of the design" in failed
    assert "Every core decision is in your dictionary" in failed
    assert "These checks passed" not in str(report)


def test_repair_check_needs_every_listed_error_gone():
    """Does the repair check fail on the draft and pass once every listed error is fixed?"""
    broken = load(CASE / "broken-design.json")
    assert not check_repair(broken, broken).passed
    fixed = broken.copy()
    jsc, amt, field = fixed.bodies
    jsc.escalates_to = None
    amt.members.append(Member("Nina Vos", "Vela Software", "alliance_manager"))
    amt.decides.remove("strategy")
    field.escalates_to = "amt"
    report = check_repair(broken, fixed)
    assert report.passed
    assert str(report).startswith("These checks passed; your instructor's grading may check more.")


def test_case_checks_on_a_template_and_on_the_case():
    """Do the case checks reject another alliance, and accept a design with the case's parts?"""
    from govfixtures import changed

    def aurora_cobalt(d):
        rename = {"A": "Aurora Health", "B": "Cobalt Cloud"}
        d["partners"] = list(rename.values())
        for body in d["bodies"]:
            for member in body["members"]:
                member["partner"] = rename[member["partner"]]
        d["bodies"][0]["members"][0]["name"] = "Maria Lopez"
        d["bodies"][0]["members"][1]["name"] = "David Chen"

    design = changed(aurora_cobalt)
    assert check_case_basics(design).passed
    assert check_case_requirements(design).passed
    assert [b.id for b in sales_groups(design)] == ["wg"]
    assert not check_case_basics(changed(lambda d: None)).passed
    no_sales = changed(lambda d: aurora_cobalt(d) or d["bodies"][2]["members"][0].pop("function"))
    assert not check_case_requirements(no_sales).passed
