"""The course's fictional alliances, as data: who the partner is, its effort plan and funnel.

Each :class:`Profile` is one alliance of the course data. Its *effort plan* (how much joint
work the partners put in each month, 0 = none, 1 = a fully staffed alliance), its sales cycle
and its funnel rates drive the causal model in :mod:`instructor.generator.causal`; its
calendar (the quarter-end rhythm, the holiday dip) and its deal sizes shape the bookings; its
health-check shocks drive :mod:`instructor.generator.survey`. The true lags and stories are
listed for instructors only (``grading/instructor/course-data.md``), never in ``datasets/``.

Examples
--------
>>> len(PROFILES), PROFILES[0].alliance
(10, 'Northwind')
>>> len(PROFILES[0].effort) == MONTHS
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["MONTHS", "OUR_COMPANY", "PROFILES", "READABLE", "SEED", "START", "Profile"]

SEED = 20240611
MONTHS = 48
START = pd.Period("2022-01", freq="M")
OUR_COMPANY = "Acme Software"
# alliances whose lag reads clearly in the course data (a test checks it): the lessons ask
# students to measure only these
READABLE = ("Bluepeak", "Harbor", "Cedar", "Pixel", "Delta", "Summit")


def _ramp(months, start, end, lo, hi):
    """Linear ramp from ``lo`` (at ``start``) to ``hi`` (at ``end``), flat outside."""
    return np.clip(
        lo + (hi - lo) * (months - start) / max(end - start, 1), min(lo, hi), max(lo, hi)
    )


@dataclass(frozen=True)
class Profile:
    """One fictional alliance: who the partner is, its effort plan and its funnel."""

    alliance: str
    partners: tuple[str, ...]
    industry: str
    profile: str
    story: str
    sales_cycle: int  # months from registration to close (the true lag)
    deal_size: float  # k$, average won deal
    win_rate: float
    lead_scale: float  # leads per month at full enablement
    effort: tuple[float, ...]  # one value per month
    visits: tuple[int, ...] = ()  # months with an executive visit
    # (side, dimension) -> (from month, change) or (from month, change, until month)
    shocks: dict = field(default_factory=dict)
    health_base: float = 3.9
    noise: float = 0.55
    # how much won deals vary in size (sigma of a lognormal): 0.3 for deals of similar size,
    # 0.8 or more for an enterprise alliance whose revenue jumps with a few large deals
    deal_spread: float = 0.3
    # bookings in the first, second and third month of a quarter, as shares of the quarter's
    # average (sales teams close at quarter end); (1, 1, 1) for no rhythm
    quarter_end: tuple[float, float, float] = (0.7, 0.85, 1.45)
    # share of the deals due in the summer holiday month (August) that close a month later
    holiday_dip: float = 0.25


def _plans() -> tuple[Profile, ...]:
    m = np.arange(1, MONTHS + 1)
    quarterly = 0.12 * np.isin(m % 3, [1])  # a joint campaign push at the start of each quarter
    # Northwind's campaigns: a push in the first two months of most quarters, of varying size
    size = np.array([0.3, 0, 0.15, 0.4, 0.05, 0.25, 0, 0.35, 0.1, 0, 0.3, 0.2, 0.45, 0, 0.2, 0.1])
    campaigns = np.where(m % 3 == 1, size[(m - 1) // 3], 0.0)
    campaigns += np.where(m % 3 == 2, 0.7 * size[(m - 1) // 3], 0.0)

    def plan(values):
        return tuple(round(float(v), 4) for v in np.clip(values, 0, 1.4))

    return (
        Profile(
            "Northwind",
            ("Northwind Cloud",),
            "cloud infrastructure",
            "steady builder",
            "Builds the alliance step by step: a joint plan in month 2, sellers trained over the "
            "first year, a joint campaign most quarters (some large, some small). Revenue "
            "follows the work one sales cycle later and keeps growing.",
            6,
            30.0,
            0.35,
            240.0,
            plan(_ramp(m, 1, 12, 0.35, 1.0) + campaigns),
            visits=(1, 13, 25, 37),
        ),
        Profile(
            "Bluepeak",
            ("Bluepeak Analytics",),
            "data analytics",
            "magic wand",
            "An executive visited the partner in month 1 and expected revenue within weeks. "
            "When none had appeared by month 6 he pulled the budget and the people. The deals "
            "started in those six months closed later anyway, and then nothing followed.",
            7,
            80.0,
            0.33,
            110.0,
            plan(np.where(m <= 6, 0.95, 0.05)),
            visits=(1,),
            shocks={
                ("partner", "trust"): (7, -1.3),
                ("partner", "commitment"): (7, -1.5),
                ("partner", "communication"): (7, -0.9),
                ("us", "strategic_value"): (5, -1.2),
                ("us", "commitment"): (7, -1.4),
                ("partner", "governance"): (8, -1.0),
                ("us", "governance"): (8, -0.8),
            },
        ),
        Profile(
            "Harbor",
            ("Harbor Systems",),
            "industrial software",
            "coasting on past work",
            "A strong alliance for three years. From month 39, with revenue at a record, both "
            "sides moved their people to newer partners. Revenue is still high at the end of "
            "the data because deals started before month 39 are still closing; the leading "
            "indicators have already collapsed, so revenue will fall next year.",
            9,
            120.0,
            0.32,
            100.0,
            plan(
                np.where(m < 39, _ramp(m, 1, 10, 0.4, 1.0) + quarterly, _ramp(m, 39, 43, 0.9, 0.1))
            ),
            visits=(2, 14, 26),
            shocks={
                ("partner", "commitment"): (39, -1.4),
                ("partner", "communication"): (40, -1.0),
                ("partner", "trust"): (41, -0.7),
                ("partner", "governance"): (40, -0.9),
            },
            deal_spread=0.5,
        ),
        Profile(
            "Quarry",
            ("Quarry Labs",),
            "manufacturing IoT",
            "late bloomer",
            "The joint solution needed a technical integration first. For a year and a half "
            "little seemed to happen beyond integration milestones; once the integration "
            "shipped in month 20 the partners trained sellers and ran campaigns, and revenue "
            "took off in the third year.",
            4,
            30.0,
            0.38,
            180.0,
            plan(np.where(m < 19, 0.2, _ramp(m, 19, 27, 0.35, 1.1) + quarterly)),
            visits=(20, 32, 44),
            shocks={
                ("us", "operational_effectiveness"): (1, -0.9, 22),
                ("partner", "operational_effectiveness"): (1, -0.7, 22),
                ("us", "strategic_value"): (1, -0.5, 22),
            },
        ),
        Profile(
            "Constellation",
            ("Orbit Systems", "Vela Consulting"),
            "public sector",
            "multi-partner",
            "Three companies (us, a software vendor and a consultancy) sell one offer to "
            "public-sector customers. Decisions need all three, so governance is slower, "
            "deals are few, large and slow, and the partners see the alliance differently. "
            "Revenue jumps with single large deals, so its lag is hard to read.",
            8,
            150.0,
            0.25,
            60.0,
            plan(_ramp(m, 1, 14, 0.3, 0.85) + quarterly - 0.25 * np.isin(m % 12, [7, 8])),
            visits=(3, 15, 27, 39),
            shocks={
                ("partner", "governance"): (1, -0.8),
                ("partner", "communication"): (1, -2.0),
                ("us", "governance"): (1, -0.4),
                ("partner", "operational_effectiveness"): (1, -0.4),
            },
            noise=0.75,
            deal_spread=0.8,
        ),
        Profile(
            "Cedar",
            ("Cedar Health",),
            "healthcare",
            "sponsor left",
            "A healthy alliance until its executive sponsor left in month 41 and nobody took "
            "over the championing inside either company. Governance meetings lapsed and the "
            "sellers drifted to other work. Revenue still looks fine at the end of the data; "
            "the leading indicators say it will fall next year.",
            8,
            60.0,
            0.34,
            150.0,
            plan(np.where(m < 41, _ramp(m, 1, 9, 0.4, 0.95) + quarterly, 0.12)),
            visits=(1, 13, 25, 37),
            shocks={
                ("us", "governance"): (41, -1.3),
                ("partner", "governance"): (41, -1.2),
                ("partner", "commitment"): (42, -1.1),
                ("us", "commitment"): (41, -0.8),
            },
        ),
        Profile(
            "Granite",
            ("Granite Bank Technologies",),
            "financial services",
            "long enterprise cycle",
            "Large deals with banks: a sales cycle of almost a year, and deal sizes that vary "
            "a lot. The alliance was fully staffed by month 8, yet the first revenue came only "
            "in the second year. Patience was the strategy, and it paid off.",
            11,
            200.0,
            0.22,
            135.0,
            plan(_ramp(m, 1, 8, 0.4, 1.0) + quarterly),
            visits=(1, 7, 19, 31, 43),
            deal_spread=0.7,
        ),
        Profile(
            "Pixel",
            ("Pixel Retail Apps",),
            "retail software",
            "quick small deals",
            "Small deals with shops close within a few weeks, so revenue follows a campaign "
            "within a month or two. Even here revenue does not appear the day after a visit.",
            1,
            12.0,
            0.42,
            250.0,
            plan(_ramp(m, 1, 6, 0.4, 0.9) + 0.3 * np.isin(m, [5, 11, 14, 20, 27, 30, 36, 43])),
            visits=(1, 25),
        ),
        Profile(
            "Delta",
            ("Delta Logistics",),
            "logistics",
            "dip and recovery",
            "A reorganisation at the partner put the alliance on hold from month 16 to month "
            "24. Effort came back in month 25, but revenue dipped from around month 22 to "
            "month 32: the pause showed in the revenue a sales cycle later.",
            5,
            35.0,
            0.36,
            220.0,
            plan(np.where((m >= 16) & (m <= 24), 0.25, _ramp(m, 1, 10, 0.4, 0.95) + quarterly)),
            visits=(1, 13, 26, 38),
            shocks={
                ("partner", "commitment"): (16, -2.0, 27),
                ("partner", "governance"): (16, -0.7, 27),
                ("us", "strategic_value"): (19, -0.6, 27),
            },
        ),
        Profile(
            "Summit",
            ("Summit Media",),
            "marketing technology",
            "campaign pulses",
            "Joint work comes in bursts: every six months the executives meet and the partners "
            "run a large joint campaign, with little in between. Each burst shows up in the "
            "revenue three months later.",
            3,
            25.0,
            0.4,
            240.0,
            plan(
                0.3 + 0.8 * np.isin(m, [1, 2, 8, 9, 13, 14, 21, 22, 26, 27, 34, 35, 39, 40, 46, 47])
            ),
            visits=(1, 8, 13, 21, 26, 34, 39, 46),
        ),
    )


PROFILES: tuple[Profile, ...] = _plans()
