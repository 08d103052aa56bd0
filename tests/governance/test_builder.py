"""The governance builder, driven as a student would: type, pick, click; then look.

No browser: the tests set the widgets' values the way the front end does and call the
buttons' click handlers, then check the design, the review panel, the chart and the file.
"""

import html
import json

import pytest
from govdrive import add_body, add_member, give, pick, settings, take

from toolkit.governance import (
    GovernanceBuilder,
    decision_matrix,
    is_workable,
    load,
    save,
    template,
)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "my-governance.json"


def build_nimbus_titan(b):
    """Click a sound three-tier design together from an empty builder."""
    b.alliance_text.value = "Nimbus + Titan"
    b.partners_text.value = "Nimbus, Titan"
    b.alliance_button.click()
    add_body(b, "Joint Steering Committee", "steering", "90")
    for who in [
        ("Ana", "Nimbus", "executive_sponsor"),
        ("Tom", "Titan", "executive_sponsor"),
        ("Lea", "Nimbus", "alliance_manager"),
        ("Raj", "Titan", "alliance_manager"),
    ]:
        add_member(b, *who)
    give(b, "strategy", "investment", "dispute resolution")
    add_body(b, "Alliance Management Team", "management", "14")
    settings(b, "joint-steering-committee", "10")
    add_member(b, "Lea", "Nimbus", "alliance_manager")
    add_member(b, "Raj", "Titan", "alliance_manager")
    give(b, "joint_business_plan")
    add_body(b, "Joint Sales Group", "operational", "7")
    settings(b, "alliance-management-team", "5")
    add_member(b, "Dan", "Nimbus", "member", "sales")
    add_member(b, "Zoe", "Titan", "member", "sales")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("builder") / "my-governance.json"
    b = GovernanceBuilder(path)
    build_nimbus_titan(b)
    return b


def test_clicking_a_design_together_makes_it_workable(built):
    """Does a design built only with clicks end up workable and exactly as clicked?"""
    design = built.design
    assert [(x.id, x.tier, x.escalates_to) for x in design.bodies] == [
        ("joint-steering-committee", "steering", None),
        ("alliance-management-team", "management", "joint-steering-committee"),
        ("joint-sales-group", "operational", "alliance-management-team"),
    ]
    assert design.bodies[0].decides == ["strategy", "investment", "dispute_resolution"]
    assert design.bodies[2].members[1].function == "sales"
    assert is_workable(design)


def test_review_panel_and_chart_follow_the_design(built):
    """Do the review panel and the live chart show the design as built?"""
    assert "Workable: no errors" in built.review_panel.value
    assert "0 errors" in built.review_panel.value
    assert "Joint Sales Group" in built.chart.value and "<svg" in built.chart.value


def test_builder_shows_the_same_pictures_as_a_notebook_cell(path):
    """Are the builder's structure and decision-rights pictures exactly what a notebook cell
    shows for the same design (one drawing everywhere), and do they follow a change?"""
    from toolkit.governance import decision_chart, governance_chart

    b = GovernanceBuilder(path, template="enterprise-three-tier")
    assert b.chart.value == governance_chart(template("enterprise-three-tier")).svg
    b.pictures.selected_index = 1
    assert b.decisions_view.value == decision_chart(b.design).svg
    before = b.decisions_view.value
    give(b, "budget_tracking")  # on the body picked: the matrix is redrawn at once
    assert "Budget tracking" in b.decisions_view.value  # by its name, not its key
    assert b.decisions_view.value == decision_chart(b.design).svg != before
    b.pictures.selected_index = 0
    assert b.chart.value == governance_chart(b.design).svg


def test_every_change_is_saved_beside_the_notebook(built):
    """Is the file on disk the design on screen?"""
    assert load(built.path) == built.design
    assert "Saved to my-governance.json" in built.message.value


def test_rerunning_the_cell_reloads_the_saved_design(built):
    """After a kernel restart, does a new builder on the same file show the same design?"""
    again = GovernanceBuilder(built.path, template="biopharma-jsc", chart=False)
    assert again.design == built.design
    assert "Loaded your saved design" in again.message.value


def test_each_message_names_what_the_click_changed(path):
    """Does each click's message say what it changed, so that two clicks in a row (two
    decisions given to one body) read differently on screen and in the status a screen
    reader announces?"""
    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    pick(b, "Alliance Managers")
    said = []
    for step in (
        lambda: give(b, "Budget tracking"),
        lambda: give(b, "Go to market"),
        lambda: take(b, "go_to_market"),
        lambda: settings(b, "board", "7"),
        lambda: add_member(b, "Ada Quinn", "Brightpath", "member"),
    ):
        step()
        said.append(html.unescape(b.message.value))
    b.member_picker.value = 2
    b.remove_member_button.click()
    said.append(html.unescape(b.message.value))
    b.body_name.value = "Alliance Managers Team"
    b.rename_button.click()
    said.append(html.unescape(b.message.value))
    for text in (
        "Budget tracking given to the Alliance Managers.",
        "Go to market given to the Alliance Managers.",
        "Go to market taken from the Alliance Managers.",
        "Settings of the Alliance Managers applied.",
        "Added Ada Quinn to the Alliance Managers.",
        "Removed Ada Quinn from the Alliance Managers.",
        "Renamed the Alliance Managers to Alliance Managers Team.",
    ):
        assert sum(text in s for s in said) == 1, (text, said)
    assert all("Saved to my-governance.json" in s for s in said)
    b.remove_body_button.click()
    assert "Removed the Alliance Managers Team." in html.unescape(b.message.value)


def test_review_reacts_to_each_change(path):
    """Does the review panel list a new error (with its hint) right after a breaking change?"""
    b = GovernanceBuilder(path, template="enterprise-three-tier", chart=False)
    assert "Workable" in b.review_panel.value
    b.body_picker.value = 0
    b.member_picker.value = 0  # Ana Ruiz, Nimbus's sponsor
    b.remove_member_button.click()
    assert "no-executive-sponsor" in b.review_panel.value
    assert "1 error" in b.review_panel.value and "Fix:" in b.review_panel.value
    assert "Ana Ruiz" not in json.dumps(json.loads(path.read_text())["bodies"][0])


def test_undo_puts_back_the_design_and_the_file(path):
    """Does undo restore the previous design on screen and on disk?"""
    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    before = b.design
    b.body_picker.value = 2
    b.remove_body_button.click()
    assert len(b.design.bodies) == 2
    b.undo_button.click()
    assert b.design == before and load(path) == before
    assert "Workable" in b.review_panel.value


def test_rename_tier_and_cadence(path):
    """Can a student rename a body and change its tier and cadence?"""
    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    b.body_picker.value = 1
    b.body_name.value = "Core Team"
    b.rename_button.click()
    b.cadence_text.value = "45"
    b.settings_button.click()
    body = b.design.bodies[1]
    assert (body.name, body.id, body.meets_every_days) == ("Core Team", "managers", 45)
    assert "cadence" in b.review_panel.value


def test_start_over_from_a_template_and_show_json(path):
    """Does 'Start over' load the picked template, and the JSON view show the design?"""
    b = GovernanceBuilder(path, chart=False)
    b.template_picker.value = "three-partner-alliance"
    b.start_button.click()
    assert b.design == template("three-partner-alliance")
    b.json_toggle.value = True
    assert "alliance-governance/1" in b.json_view.value
    assert b.json_view.layout.display is None


def test_decision_rights_tab_draws_the_matrix(path):
    """Does the decision-rights tab draw the matrix when the student opens it?"""
    b = GovernanceBuilder(path, template="enterprise-three-tier")
    b.pictures.selected_index = 1
    assert "Decision rights" in b.decisions_view.value


def test_unassign_decision(path):
    """Does taking a decision away leave it unowned in the review?"""
    b = GovernanceBuilder(path, template="enterprise-three-tier", chart=False)
    b.body_picker.value = 0
    b.decision_text.value = "investment"
    b.unassign_button.click()
    assert "investment" not in b.design.bodies[0].decides
    assert "decision-unowned" in b.review_panel.value


def test_controls_show_names_and_the_file_keeps_the_codes(path):
    """Do the builder's lists show tiers, roles and decisions by the names a participant
    reads (the words of the review's hints), while the saved design file keeps the codes?"""
    b = GovernanceBuilder(path, template="biopharma-jsc", chart=False)
    assert [label for label, _ in b.member_role.options] == [
        "Executive sponsor",
        "Alliance manager",
        "Functional lead",
        "Member",
    ]
    tiers = [label for label, _ in b.tier_picker.options]
    assert tiers == ["Steering", "Management", "Operational"]
    assert {"Joint business plan", "Budget tracking"} <= set(b.decision_text.options)
    shown = [label for label, _ in b.member_picker.options]
    assert shown and not [label for label in shown if "_" in label]
    b.member_name.value = "Ana Ruiz"
    b.member_partner.value = b.design.distinct_partners()[0]
    b.member_role.label = "Executive sponsor"  # what a participant picks
    b.member_function.value = "Customer success"
    b.add_member_button.click()
    b.decision_text.value = "Risk register"  # typed as words
    b.assign_button.click()
    saved = json.loads(path.read_text())["bodies"][0]
    assert saved["members"][-1]["role"] == "executive_sponsor"
    assert saved["members"][-1]["function"] == "customer_success"
    assert saved["decides"][-1] == "risk_register"
    assert "Risk register" in b.decision_text.options
    assert "Ana Ruiz" in b.member_picker.options[-1][0]
    assert "Executive sponsor, customer success" in b.member_picker.options[-1][0]


def test_review_hints_name_what_the_builder_lists(path):
    """Does a hint name a role or a decision by the words the builder's lists show?"""
    b = GovernanceBuilder(path, template="enterprise-three-tier", chart=False)
    b.body_picker.value = 0
    for _ in b.design.bodies[0].members:
        b.member_picker.value = 0
        b.remove_member_button.click()
    b.decision_text.value = "Joint business plan"
    b.body_picker.value = next(
        i for i, body in enumerate(b.design.bodies) if "joint_business_plan" in body.decides
    )
    b.unassign_button.click()
    panel = b.review_panel.value
    roles = [label.lower() for label, _ in b.member_role.options]
    assert "an executive sponsor (a member with that role)" in panel
    assert "executive sponsor" in roles
    assert "&#x27;Joint business plan&#x27;" in panel
    assert "Joint business plan" in b.decision_text.options
    assert "joint_business_plan" not in panel and "executive_sponsor" not in panel


def _bad(b, field_values, button):
    for name, value in field_values.items():
        getattr(b, name).value = value
    getattr(b, button).click()


BAD_INPUT = {
    "empty body name": (
        {"body_name": "  ", "tier_picker": "operational"},
        "add_body_button",
        "cannot be empty",
    ),
    "duplicate body name": (
        {"body_name": "alliance board"},
        "add_body_button",
        "already a body called",
    ),
    "rename to a taken name": (
        {"body_picker": 1, "body_name": "Alliance Board"},
        "rename_button",
        "already a body called",
    ),
    "partner not in alliance": (
        {"body_picker": 0, "member_name": "Eve", "member_partner": "Acme"},
        "add_member_button",
        "Acme is not a partner of the alliance",
    ),
    "words for a cadence": (
        {"body_picker": 0, "cadence_text": "quarterly"},
        "settings_button",
        "whole number of days",
    ),
    "zero cadence": ({"body_picker": 0, "cadence_text": "0"}, "settings_button", "1 or more"),
    "negative cadence": ({"body_picker": 0, "cadence_text": "-7"}, "settings_button", "1 or more"),
    "fraction cadence": (
        {"body_picker": 0, "cadence_text": "2.5"},
        "settings_button",
        "whole number",
    ),
    "new body with bad cadence": (
        {"body_name": "Tech Group", "cadence_text": "soon"},
        "add_body_button",
        "whole number",
    ),
    "negative escalation days": (
        {"body_picker": 1, "escalation_days_text": "-2"},
        "settings_button",
        "0 or more",
    ),
    "empty person": (
        {"body_picker": 0, "member_name": "", "member_partner": "Omnicorp"},
        "add_member_button",
        "cannot be empty",
    ),
    "empty alliance": ({"alliance_text": ""}, "alliance_button", "cannot be empty"),
    "empty decision": ({"body_picker": 0, "decision_text": " "}, "assign_button", "decision"),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_changes_nothing_and_says_why(path, case):
    """Does bad input show an inline message and leave design, review and file as they were?"""
    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    b.body_picker.value = 2
    b.cadence_text.value = "8"
    b.settings_button.click()  # one real change, so the file exists
    design, panel, saved = b.design, b.review_panel.value, path.read_bytes()
    fields, button, says = BAD_INPUT[case]
    _bad(b, fields, button)
    assert says in b.message.value
    assert 'role="alert"' in b.message.value
    assert b.design == design
    assert b.review_panel.value == panel
    assert path.read_bytes() == saved


def test_undo_with_nothing_to_undo_says_so(path):
    """Does undo at the start say there is nothing to undo instead of failing?"""
    b = GovernanceBuilder(path, chart=False)
    b.undo_button.click()
    assert "Nothing to undo" in b.message.value


def test_damaged_saved_file_is_kept_aside(path):
    """Does a damaged saved file give a message, a fresh start and a kept copy?"""
    path.write_text('{"format": "alliance-governance/1", "alliance": ')
    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    assert "could not be read" in b.message.value
    assert path.with_name(path.name + ".damaged").exists()
    assert b.design == template("lean-startup-enterprise")


def test_saved_file_that_is_not_a_design_is_kept_aside(path):
    """Does a saved file with a wrong value give a message naming the place, and a fresh start?"""
    data = json.loads(
        json.dumps(
            __import__("toolkit.governance", fromlist=["to_dict"]).to_dict(
                template("lean-startup-enterprise")
            )
        )
    )
    data["bodies"][0]["tier"] = "board"
    path.write_text(json.dumps(data))
    b = GovernanceBuilder(path, chart=False)
    assert "bodies[0].tier" in b.message.value
    assert path.with_name(path.name + ".damaged").exists()
    assert b.design.bodies == []


def test_start_from_a_design_file(path, tmp_path):
    """Can the builder start from a given design file (the repair exercise)?"""
    given = tmp_path / "broken.json"
    from toolkit.governance import save

    save(template("biopharma-jsc"), given)
    b = GovernanceBuilder(path, start=given, chart=False)
    assert b.design == template("biopharma-jsc")
    assert not path.exists()  # nothing saved until the student changes something


def test_static_views_get_a_picture_of_the_builder(path):
    """Does feedback without a live kernel show the review and chart instead of widget code?"""
    b = GovernanceBuilder(path, template="lean-startup-enterprise")
    data = b._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"] == "<governance builder: 3 bodies, saved in my-governance.json>"
    assert "Workable" in data["text/html"] and "<svg" in data["text/html"]


# ----------------------------------------------------------------- on the course's skeleton


def test_builder_is_a_course_widget_saving_a_plain_design_file(path):
    """Is the builder a CourseWidget whose saved file is the design file itself, no wrapper?"""
    from toolkit.ui.widget import CourseWidget

    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    add_body(b, "Joint Marketing Group", "operational", "7")
    assert isinstance(b, CourseWidget)
    assert "course-widget" in b._dom_classes
    assert b.children[-1].value.startswith("<style>.course-widget")  # the style rules, last
    content = json.loads(path.read_text())
    assert content["format"] == "alliance-governance/1" and "kind" not in content
    assert load(path) == b.design
    again = GovernanceBuilder(path, chart=False)
    assert again.design == b.design
    assert "Loaded your saved design from my-governance.json" in again.message.value


def test_a_refused_save_keeps_the_design_and_says_so_inline(tmp_path):
    """When the disk refuses a change, does the builder say so and keep the design as it was?"""
    path = tmp_path / "my-governance.json"
    path.mkdir()  # a folder where the file should be: every save fails
    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    assert "could not be read" in b.message.value  # said once, inline, on the start
    before = b.design
    add_body(b, "Joint Marketing Group", "operational", "7")
    assert b.design == before
    assert "Could not save to my-governance.json" in b.message.value
    assert "your design is unchanged" in b.message.value
    assert 'role="alert"' in b.message.value
    b.undo_button.click()
    assert "Nothing to undo" in b.message.value


def test_bodies_read_by_name_and_tier_and_a_shared_name_gets_a_number(path):
    """Do the body list, the escalation picker and the decision-rights matrix show a body by
    its name and tier in words, never its id, telling apart two bodies of the same name by a
    number, while the saved file keeps the ids?"""
    b = GovernanceBuilder(path, template="biopharma-jsc", chart=False)
    shown = [label for label, _ in b.body_picker.options]
    assert shown[0] == "Joint Steering Committee (steering tier)"
    ids = [body.id for body in b.design.bodies]
    assert not [label for label in shown for i in ids if f"({i})" in label or f"id {i}" in label]
    twins = template("biopharma-jsc")
    twins.bodies[-1].name = twins.bodies[-2].name = "Sales Working Group"
    twins.bodies[-1].tier = twins.bodies[-2].tier = "operational"
    save(twins, path)  # two bodies of one name: only a file edited by hand has them
    b = GovernanceBuilder(path, chart=False)
    shown = [label for label, _ in b.body_picker.options]
    assert shown[-2:] == [
        "Sales Working Group 1 (operational tier)",
        "Sales Working Group 2 (operational tier)",
    ]
    assert len(set(shown)) == len(shown)
    targets = [label for label, _ in b.escalates_picker.options]
    assert targets[0] == "nobody" and "Joint Steering Committee (steering tier)" in targets
    matrix = decision_matrix(b.design)
    assert {"Sales Working Group 1 (operational tier)"} <= set(matrix["body"])
    saved = [body["id"] for body in json.loads(path.read_text())["bodies"]]
    assert saved[0] == "jsc" and len(set(saved)) == len(saved)


def test_an_escalation_to_a_removed_body_is_named_in_words(path):
    """When a body others escalate to is removed, does the review say so by the bodies'
    names and tiers, never by the id the file keeps?"""
    b = GovernanceBuilder(path, template="enterprise-three-tier", chart=False)
    pick(b, "Alliance Management Team")
    b.remove_body_button.click()
    panel = html.unescape(b.review_panel.value)
    assert "Joint Sales Working Group (operational tier) escalates to a body that is not in" in (
        " ".join(panel.split())
    )
    assert "'amt'" not in panel and "(amt)" not in panel
    assert json.loads(path.read_text())["bodies"][1]["escalates_to"] == "amt"  # the file keeps it


def test_a_tier_picked_by_hand_brings_a_cadence_that_fits_it(path):
    """After the steering committee (every 90 days) is shown, does picking the operational
    tier for a new group put a cadence of that tier in the box, so the group is not added
    meeting every 90 days; and is a cadence that already fits left as typed?"""
    from toolkit.governance.review import CADENCE_RANGES

    b = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
    top = next(i for i, body in enumerate(b.design.bodies) if body.tier == "steering")
    b.body_picker.value = top
    assert b.tier_picker.value == "steering" and int(b.cadence_text.value) > 14
    b.body_name.value = "Joint Support Group"
    b.tier_picker.value = "operational"
    low, high = CADENCE_RANGES["operational"]
    assert low <= int(b.cadence_text.value) <= high
    b.cadence_text.value = "3"
    b.tier_picker.value = "management"  # 3 days does not fit a management body either
    assert int(b.cadence_text.value) >= CADENCE_RANGES["management"][0]
    b.tier_picker.value = "operational"
    b.cadence_text.value = "10"
    b.tier_picker.value = "management"  # 10 days fits: left as typed
    assert b.cadence_text.value == "10"
    b.tier_picker.value = "operational"
    b.add_body_button.click()
    added = b.design.bodies[-1]
    assert (added.name, added.tier, added.meets_every_days) == (
        "Joint Support Group",
        "operational",
        10,
    )
