"""The assignment's cases and visible checks, on every variant and on designs made for them."""

import pytest

from toolkit.governance import CORE_DECISIONS, Member, review
from toolkit.governance.assignment import (
    REPAIR_CODES,
    SavedDesign,
    assign_owners,
    check_case_basics,
    check_case_requirements,
    check_owners,
    check_repair,
    design_builder,
    missing_from,
    path_errors,
    requirements_left,
    seat_errors,
    working_groups,
    wrong_owners,
)
from toolkit.governance.cases import COUNT, case_for

VARIANTS = range(COUNT + 1)


def _rule(tangled) -> dict:
    top = next(b.id for b in tangled.bodies if b.tier == "steering")
    middle = next(b.id for b in tangled.bodies if b.tier == "management")
    return {k: middle if k == "joint_business_plan" else top for k in CORE_DECISIONS}


@pytest.mark.parametrize("number", VARIANTS)
def test_every_draft_has_errors_of_both_families_and_no_other(number):
    """Does each variant's draft show errors about seats and about paths, all repairable?"""
    draft = case_for(number).draft
    errors = {f.code for f in review(draft) if f.severity == "error"}
    assert errors <= set(REPAIR_CODES)
    assert seat_errors(draft) and path_errors(draft)


@pytest.mark.parametrize("number", VARIANTS)
def test_every_tangled_design_is_settled_by_the_rule_of_thumb(number):
    """Do the rule of thumb's owners settle each variant's conflicts and gaps, and only they?"""
    case = case_for(number)
    tangled = case.decisions
    assert set(wrong_owners(tangled, CORE_DECISIONS)) == set(CORE_DECISIONS)
    decided = assign_owners(tangled, _rule(tangled))
    assert wrong_owners(decided, CORE_DECISIONS) == []
    codes = [f.code for f in review(tangled)]
    assert "decision-conflict" in codes and "decision-unowned" in codes


def test_assign_owners_gives_each_decision_to_one_body_only():
    """Does assign_owners take a decision from every body and give it to its owner?"""
    tangled = case_for(7).decisions
    owners = _rule(tangled)
    decided = assign_owners(tangled, owners)
    for key in CORE_DECISIONS:
        assert [b.id for b in decided.bodies if key in b.decides] == [owners[key]]
    middle = next(b for b in decided.bodies if b.tier == "management")
    assert "pricing" in middle.decides  # other decisions stay
    assert tangled == case_for(7).decisions  # the original is unchanged
    assert check_owners(decided, owners).passed


def test_check_owners_fails_on_blank_or_missing():
    """Does the owners check fail for nothing saved, and for a decision not matched yet?"""
    tangled = case_for(7).decisions
    blank = check_owners(tangled, None)
    assert not blank.passed
    assert "Not matched yet: Strategy, Investment, Joint business plan, Dispute resolution." in (
        blank.checks[0].look_at
    )
    partial = _rule(tangled)
    del partial["investment"]
    report = check_owners(assign_owners(tangled, partial), partial)
    failed = [c for c in report.checks if not c.passed]
    assert [c.what for c in failed][0] == "You matched each core decision to a body"
    assert "Not matched yet: Investment." in failed[0].look_at
    assert "These checks passed" not in str(report)


def _pick(control, names: dict[str, str]) -> None:
    """Pick, in each decision's list, the body of that name (as a participant would)."""
    for key, picker in zip(control.question.items, control.pickers, strict=True):
        if key in names:
            picker.value = [picker.options.index(names[key])]


def test_part_c_saved_answer_is_read_described_and_checked(tmp_path, monkeypatch):
    """Do the checks read Part C's saved answer, say it in words, and accept the rule only?"""
    from toolkit.governance.assignment import (
        answer_owners,
        decided_design,
        describe_owners,
        owners_question,
        saved_owners,
    )

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    case = case_for(7)
    path = tmp_path / "decision-owners.answer.json"
    tangled = case.decisions
    by_id = {b.id: b.name for b in tangled.bodies}
    assert saved_owners(case, path) is None
    assert describe_owners(case, path) == "Not answered yet: The body that owns each core decision."
    control = answer_owners(case, path)
    right = {k: by_id[v] for k, v in _rule(tangled).items()}
    _pick(control, right)
    assert saved_owners(case, path) == _rule(tangled)
    said = describe_owners(case, path)
    for key, name in right.items():
        assert f"{owners_question(case).items[key]} is decided by the {name}." in said
    decided = decided_design(case, path)
    assert check_owners(decided, saved_owners(case, path)).passed
    assert wrong_owners(decided, CORE_DECISIONS) == []
    # every decision to one working group: one owner each (the visible checks pass) but the
    # wrong tier for all four (the hidden tests fail)
    ops = next(b for b in tangled.bodies if b.tier == "operational")
    _pick(control, dict.fromkeys(CORE_DECISIONS, ops.name))
    decided = decided_design(case, path)
    assert check_owners(decided, saved_owners(case, path)).passed
    assert set(wrong_owners(decided, CORE_DECISIONS)) == set(CORE_DECISIONS)
    # another variant's notebook does not read this answer; the grader sees it without a widget
    assert saved_owners(case_for(8), path) is None
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    view = answer_owners(case, path)
    assert view.value == saved_owners(case, path) and "is decided by" in view._repr_html_()


def test_saved_designs_are_read_and_said_in_words(tmp_path):
    """Do the check cells' helpers read a saved design and say what it holds, or that none is?"""
    from toolkit.governance import save
    from toolkit.governance.assignment import describe_design, repair_report, saved_design

    path = tmp_path / "repaired-design.json"
    draft = case_for(3).draft
    assert saved_design(path) is None
    assert describe_design(None, path, what="repair").startswith("Nothing saved yet in")
    nothing = repair_report(draft, None, "kept")
    assert not nothing.passed and not nothing.checks[0].passed
    save(draft, path)
    loaded = saved_design(path)
    assert loaded == draft
    said = describe_design(loaded, path, what="repair")
    for body in draft.bodies:
        assert f"the {body.name} (" in said
    assert "The review finds" in said and "errors" in said
    assert not repair_report(draft, loaded, "kept").passed  # nothing fixed yet
    assert repair_report(draft, loaded, "kept").checks[0].passed


def test_repair_check_passes_once_the_draft_is_repaired_and_kept():
    """Does the repair check fail on the draft, and pass on a repair that keeps everything?"""
    draft = case_for(7).draft
    assert not check_repair(draft, draft).passed
    fixed = draft.copy()
    top = next(b for b in fixed.bodies if b.tier == "steering")
    middle = next(b for b in fixed.bodies if b.tier == "management")
    for body in fixed.bodies:
        body.escalates_to = None if body is top else (top.id if body is middle else middle.id)
        body.escalation_days = None if body is top else 5
        if not body.members:
            body.members = [Member(f"New {p}", p, "member") for p in fixed.partners]
    for partner in fixed.partners:
        if not any(m.partner == partner and m.role == "executive_sponsor" for m in top.members):
            next(
                m for m in top.members if m.partner == partner and m.role == "member"
            ).role = "executive_sponsor"
        if not any(m.partner == partner for m in middle.members):
            middle.members.append(Member(f"Manager {partner}", partner, "alliance_manager"))
    for key in CORE_DECISIONS:
        for body in fixed.bodies:
            body.decides = [d for d in body.decides if d != key]
        (middle if key == "joint_business_plan" else top).decides.append(key)
    report = check_repair(draft, fixed)
    assert report.passed, str(report)
    assert str(report).startswith("These checks passed; your instructor's grading may check more.")
    lost = fixed.copy()
    lost.bodies = lost.bodies[:-1]
    assert missing_from(draft, lost) and not check_repair(draft, lost).passed


def test_case_checks_on_a_template_and_on_the_case():
    """Do the case checks reject another alliance, and accept a design with the case's parts?"""
    from govfixtures import changed

    case = case_for(11)
    (a, b), (sa, sb), (ma, mb) = case.partners, case.sponsors, case.managers

    def for_the_case(d):
        rename = {"A": a, "B": b}
        d["partners"] = [a, b]
        for body in d["bodies"]:
            for member in body["members"]:
                member["partner"] = rename[member["partner"]]
                if member.get("function") == "sales":
                    member["function"] = case.group_function
        people = {"executive_sponsor": (sa.name, sb.name), "alliance_manager": (ma.name, mb.name)}
        for body in d["bodies"]:
            for member in body["members"]:
                names = people.get(member["role"])
                if names:
                    member["name"] = names[0] if member["partner"] == a else names[1]
        d["bodies"][0]["meets_every_days"] = case.steering_every_days

    design = changed(for_the_case)
    assert check_case_basics(design, case).passed
    assert check_case_requirements(design, case).passed
    assert [g.id for g in working_groups(design, case.group_function)] == ["wg"]
    assert requirements_left(design, case) == []
    assert not check_case_basics(changed(lambda d: None), case).passed
    no_group = changed(lambda d: for_the_case(d) or d["bodies"][2]["members"][0].pop("function"))
    assert not check_case_requirements(no_group, case).passed
    assert f"there is no {case.group_name}" in requirements_left(no_group, case)


def test_the_builder_is_a_saved_view_only_while_nbgrader_runs(tmp_path, monkeypatch):
    """Is the builder a widget for the student, and the saved design alone for the grader?"""
    from toolkit.governance import save
    from toolkit.governance.widget import GovernanceBuilder

    draft = case_for(3).draft
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    widget = design_builder(tmp_path / "repaired-design.json", start=draft)
    assert isinstance(widget, GovernanceBuilder) and widget.design == draft
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    view = design_builder(tmp_path / "repaired-design.json", start=draft)
    assert isinstance(view, SavedDesign) and view.design == draft
    edited = draft.copy()
    edited.bodies[0].meets_every_days = 30
    save(edited, tmp_path / "repaired-design.json")
    again = design_builder(tmp_path / "repaired-design.json", start=draft)
    assert again.design == GovernanceBuilder(tmp_path / "repaired-design.json").design == edited
    assert "errors" in again._repr_html_()
    (tmp_path / "repaired-design.json").write_text("{not json", encoding="utf-8")
    damaged = design_builder(tmp_path / "repaired-design.json", start=draft)
    assert damaged.design == draft and (tmp_path / "repaired-design.json.damaged").exists()
