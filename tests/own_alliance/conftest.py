"""A made-up company's alliance, complete: Brightpath (a start-up) with Omnicorp."""

import numpy as np
import pytest

from toolkit.governance import template
from toolkit.own_alliance import (
    Action,
    Alliance,
    Measure,
    Partner,
    PlanGoal,
    default_escalation,
    measure_from_catalogue,
    meetings_from_design,
    raci_from_design,
)

START = 2025  # the figures run from January 2025


def monthly_figures(months: int = 30, lag: int = 3, seed: int = 7) -> dict:
    """Registrations and revenue (revenue ``lag`` months behind), webinars and sellers."""
    rng = np.random.default_rng(seed)
    steps = rng.normal(1.0, 3, months + lag).cumsum()
    work = np.maximum(40 + steps + 15 * (rng.random(months + lag) < 0.2), 5)
    figures = {}
    for i in range(months):
        key = f"{START + i // 12}-{i % 12 + 1:02d}"
        figures[key] = {
            "deal_registrations": round(float(work[lag + i]), 1),
            "sourced_revenue": round(float(work[i]) * 12, 1),
            "joint_webinars": int(2 + i % 3),
            "trained_sellers": 20 + 3 * i,
        }
    return figures


def survey_answers() -> list[dict]:
    """Six people of each side; Omnicorp sees commitment lower than Brightpath."""
    rows = []
    for i in range(6):
        for side, commitment in (("Brightpath", 4 + i % 2), ("Omnicorp", 2 + i % 2)):
            rows.append(
                {
                    "respondent": f"{side[0]}{i + 1}",
                    "side": side,
                    "trust": 4,
                    "communication": 3 + i % 2,
                    "commitment": commitment,
                    "strategic_value": 5,
                    "operational_effectiveness": 3,
                    "governance": 4 - i % 2,
                }
            )
    return rows


def made_up_alliance() -> Alliance:
    design = template("lean-startup-enterprise")
    return Alliance(
        name=design.alliance,
        partners=[
            Partner(
                "Brightpath",
                "A route-planning engine and a nimble team",
                "Reach into large logistics accounts",
            ),
            Partner(
                "Omnicorp",
                "2,000 enterprise accounts and a sales force",
                "A modern planning product to sell",
            ),
        ],
        stage="growth",
        measures=[
            measure_from_catalogue("deal_registrations", 45),
            measure_from_catalogue("sourced_revenue", 500),
            measure_from_catalogue("trained_sellers", 100),
            Measure(
                "joint_webinars", "Joint webinars", "leading", "relationship", "webinars a month", 3
            ),
        ],
        figures=monthly_figures(),
        survey=survey_answers(),
        actions=[
            Action(
                "Name a second Omnicorp sponsor for the alliance",
                "Tom Berg (Omnicorp)",
                "2027-03-31",
                "commitment",
            ),
            Action(
                "Publish the decision rights to both sales teams",
                "Lea Park (Brightpath)",
                "2027-02-15",
                "governance",
            ),
        ],
        raci=raci_from_design(design),
        escalation=default_escalation(),
        meetings=meetings_from_design(design, "2027-01-11"),
        goal=PlanGoal(revenue=600, start="2027-01", by="2028-06"),
        design=design,
    )


@pytest.fixture
def alliance():
    return made_up_alliance()
