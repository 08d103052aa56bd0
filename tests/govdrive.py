"""Driving the governance builder as a student does: type into fields, pick, click."""


def set_alliance(b, alliance, partners):
    b.alliance_text.value = alliance
    b.partners_text.value = partners
    b.alliance_button.click()


def add_body(b, name, tier, cadence=""):
    b.body_name.value = name
    b.tier_picker.value = tier
    b.cadence_text.value = cadence
    b.add_body_button.click()


def pick(b, name):
    b.body_picker.value = next(i for label, i in b.body_picker.options if label.startswith(name))


def settings(b, escalates_to, days):
    b.escalates_picker.value = escalates_to
    b.escalation_days_text.value = days
    b.settings_button.click()


def add_member(b, name, partner, role, function=""):
    b.member_name.value = name
    b.member_partner.value = partner
    b.member_role.value = role
    b.member_function.value = function
    b.add_member_button.click()


def give(b, *decisions):
    for key in decisions:
        b.decision_text.value = key
        b.assign_button.click()


def take(b, decision):
    b.decision_text.value = decision
    b.unassign_button.click()
