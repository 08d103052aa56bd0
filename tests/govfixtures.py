"""Tiny governance designs for the tests: one sound design and named ways to change it."""

from __future__ import annotations

import copy

from toolkit.governance import from_dict


def sound() -> dict:
    """A small design with no finding at all: two partners, three tiers, one owner each."""
    return {
        "format": "alliance-governance/1",
        "alliance": "A + B",
        "partners": ["A", "B"],
        "bodies": [
            {
                "id": "jsc",
                "name": "Steering Committee",
                "tier": "steering",
                "meets_every_days": 90,
                "members": [
                    {"name": "Ann", "partner": "A", "role": "executive_sponsor"},
                    {"name": "Bob", "partner": "B", "role": "executive_sponsor"},
                    {"name": "Amy", "partner": "A", "role": "alliance_manager"},
                    {"name": "Ben", "partner": "B", "role": "alliance_manager"},
                ],
                "decides": ["strategy", "investment", "dispute_resolution"],
                "escalates_to": None,
                "escalation_days": None,
            },
            {
                "id": "amt",
                "name": "Management Team",
                "tier": "management",
                "meets_every_days": 14,
                "members": [
                    {"name": "Amy", "partner": "A", "role": "alliance_manager"},
                    {"name": "Ben", "partner": "B", "role": "alliance_manager"},
                ],
                "decides": ["joint_business_plan"],
                "escalates_to": "jsc",
                "escalation_days": 10,
            },
            {
                "id": "wg",
                "name": "Sales Working Group",
                "tier": "operational",
                "meets_every_days": 7,
                "members": [
                    {"name": "Cal", "partner": "A", "role": "member", "function": "sales"},
                    {"name": "Dee", "partner": "B", "role": "member", "function": "sales"},
                ],
                "decides": ["go_to_market"],
                "escalates_to": "amt",
                "escalation_days": 5,
            },
        ],
    }


def body(data: dict, body_id: str) -> dict:
    """The first body with this id in a design dict."""
    return next(b for b in data["bodies"] if b["id"] == body_id)


def person(name: str, partner: str, role: str = "member") -> dict:
    return {"name": name, "partner": partner, "role": role}


def changed(change) -> object:
    """The sound design after ``change(data)``, loaded as a Design."""
    data = copy.deepcopy(sound())
    change(data)
    return from_dict(data)


def lean_case_design():
    """The lean template with its partners renamed to those of lesson 02's case: a sound answer."""
    from toolkit.governance import lesson, template

    design = template("lean-startup-enterprise")
    rename = dict(zip(design.partners, lesson.CASE_PARTNERS, strict=True))
    design.partners = list(lesson.CASE_PARTNERS)
    for body in design.bodies:
        for member in body.members:
            member.partner = rename[member.partner]
    return design
