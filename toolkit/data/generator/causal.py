"""Generate the course data in ``datasets/`` from a causal model, with a fixed seed.

Run ``python -m toolkit.datagen`` to rewrite every file; the output is the same byte for byte
each time (a test checks it), so the committed data and this module never drift apart.

The model
---------
Each fictional alliance follows one *effort plan*: how much joint work the two partners put
in each month (0 = none, 1 = a fully staffed alliance). The work flows down a causal chain,
and every step takes time:

1. **Effort** shows at once in the activity metrics: sponsor meetings, governance meetings on
   cadence, joint campaigns, account mapping, integration milestones.
2. **Enablement** builds up slowly: trained partner sellers and joint account plans are
   stocks that grow with effort and wear away without it (sellers change jobs, plans lapse).
3. **Pipeline**: one month later, enablement and campaigns produce partner leads; 30-50 % of
   leads are qualified and registered, 60-75 % of registrations become opportunities.
4. **Wins**: each opportunity closes one *sales cycle* after it was registered (give or take a
   month) and is won with the alliance's win rate (partner-sourced deals: 20-45 %).
5. **Revenue** is booked when a deal is won. Satisfaction, renewals and revenue growth follow
   later still.

So deal registrations lead partner-sourced revenue by exactly the sales cycle; effort leads it
by the sales cycle plus the time enablement and lead generation take. All figures are
*typical* practitioner rules of thumb, not research results. The profiles, their sales
cycles and the true lags are listed in ``datasets/README.md`` (for instructors).

Examples
--------
>>> files = build()
>>> sorted(files)
['README.md', 'alliances.csv', 'datapackage.json', 'health_checks.csv', 'metrics.csv', 'panel.csv']
>>> files["panel.csv"].splitlines()[0].split(",")[:3]
['alliance', 'month', 'period']
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.catalogue import KINDS, METRICS, PERSPECTIVES
from toolkit.metrics import best_lag

__all__ = [
    "DATASETS",
    "READABLE",
    "DIMENSIONS",
    "ITEMS",
    "MONTHS",
    "PROFILES",
    "SEED",
    "Profile",
    "build",
    "main",
    "write",
]

SEED = 20240611
MONTHS = 48
START = pd.Period("2022-01", freq="M")
DATASETS = Path(__file__).resolve().parents[1] / "datasets"
OUR_COMPANY = "Acme Software"
# alliances whose lag the lessons and assignments ask students to measure
READABLE = ("Northwind", "Quarry", "Constellation", "Cedar", "Granite", "Pixel", "Delta", "Summit")

DIMENSIONS = (
    "trust",
    "communication",
    "commitment",
    "strategic_value",
    "operational_effectiveness",
    "governance",
)
# two Likert items per dimension (1 = strongly disagree ... 5 = strongly agree)
ITEMS = {
    "trust_1": "I can rely on the partner to keep its promises.",
    "trust_2": "The partner acts in the interest of the alliance, not only its own.",
    "communication_1": "I get the information I need from the partner in time.",
    "communication_2": "Problems are raised openly and early.",
    "commitment_1": "The partner puts the people and budget it promised into the alliance.",
    "commitment_2": "Senior leaders on both sides actively champion the alliance.",
    "strategic_value_1": "The alliance matters for my company's strategy.",
    "strategic_value_2": "The alliance creates value for both partners and their customers.",
    "operational_effectiveness_1": "Joint processes (leads, deals, delivery) run smoothly.",
    "operational_effectiveness_2": "Joint work gets done on time.",
    "governance_1": "Governance meetings happen as planned and take decisions.",
    "governance_2": "It is clear who decides what, and how issues are escalated.",
}
ROLES = {
    "us": ("executive sponsor", "alliance manager", "sales lead", "finance"),
    "partner": ("executive sponsor", "alliance manager", "technical lead", "marketing lead"),
}


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


def _plans() -> tuple[Profile, ...]:
    m = np.arange(1, MONTHS + 1)
    quarterly = 0.12 * np.isin(m % 3, [1])  # a joint campaign push at the start of each quarter

    def plan(values):
        return tuple(round(float(v), 4) for v in np.clip(values, 0, 1.4))

    return (
        Profile(
            "Northwind",
            ("Northwind Cloud",),
            "cloud infrastructure",
            "steady builder",
            "Builds the alliance step by step: a joint plan in month 2, sellers trained over the "
            "first year, a campaign every quarter. Revenue follows the work one sales cycle "
            "later and keeps growing.",
            6,
            60.0,
            0.35,
            120.0,
            plan(_ramp(m, 1, 12, 0.35, 1.0) + quarterly),
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
            40.0,
            0.38,
            120.0,
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
            "deals are large and take long, and the partners see the alliance differently.",
            8,
            150.0,
            0.25,
            60.0,
            plan(_ramp(m, 1, 14, 0.3, 0.85) + quarterly - 0.25 * np.isin(m % 12, [7, 8])),
            visits=(3, 15, 27, 39),
            shocks={
                ("partner", "governance"): (1, -0.8),
                ("partner", "communication"): (1, -0.6),
                ("us", "governance"): (1, -0.4),
                ("partner", "operational_effectiveness"): (1, -0.4),
            },
            noise=0.75,
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
            90.0,
            0.34,
            100.0,
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
            "Large deals with banks: a sales cycle of almost a year. The alliance was fully "
            "staffed by month 8, yet the first revenue came only in the second year. Patience "
            "was the strategy, and it paid off.",
            11,
            250.0,
            0.22,
            90.0,
            plan(_ramp(m, 1, 8, 0.4, 1.0) + quarterly),
            visits=(1, 7, 19, 31, 43),
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
            70.0,
            0.36,
            110.0,
            plan(np.where((m >= 16) & (m <= 24), 0.25, _ramp(m, 1, 10, 0.4, 0.95) + quarterly)),
            visits=(1, 13, 26, 38),
            shocks={
                ("partner", "commitment"): (16, -0.9, 27),
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
            35.0,
            0.4,
            160.0,
            plan(
                0.3 + 0.8 * np.isin(m, [1, 2, 8, 9, 13, 14, 21, 22, 26, 27, 34, 35, 39, 40, 46, 47])
            ),
            visits=(1, 8, 13, 21, 26, 34, 39, 46),
        ),
    )


PROFILES: tuple[Profile, ...] = _plans()


# ---------------------------------------------------------------------------------------
# the causal model, one alliance at a time
# ---------------------------------------------------------------------------------------
def _simulate(p: Profile, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    n = MONTHS
    months = np.arange(1, n + 1)
    effort = np.array(p.effort, dtype=float)
    visit = np.isin(months, p.visits).astype(float)

    sellers = plans = mapped = 0.0
    cum_effort = 0.0
    last_review = None
    slow = 0.0  # slowly moving average of effort (governance rhythm, relationship)
    enablement = np.zeros(n)
    campaigns = np.zeros(n, dtype=int)
    rows = []
    overlap = int(rng.integers(300, 700))
    for i in range(n):
        e = effort[i]
        slow = 0.7 * slow + 0.3 * e if i else e
        sponsor = rng.poisson(1.4 * e + 1.2 * visit[i])
        cadence = np.clip(100 * (0.1 + 0.9 * min(slow, 1.0)) + rng.normal(0, 6), 0, 100)
        if i >= 1 and slow > 0.45 and (last_review is None or (i + 1) % 6 == 2):
            last_review = i + 1
        jbp = last_review is not None and (i + 1) - last_review < 7
        hire = rng.poisson(12 * e)
        leave = rng.binomial(int(sellers), 0.03 if e > 0.2 else 0.12)
        sellers = max(sellers + hire - leave, 0)
        new_plans = rng.poisson(4 * e)
        lapsed = rng.binomial(int(plans), 0.05 if e > 0.2 else 0.2)
        plans = max(plans + new_plans - lapsed, 0)
        campaigns[i] = rng.poisson(3.0 * e + 2.0 * visit[i])
        mapped = min(overlap, mapped + rng.poisson(25 * e))
        cum_effort += e
        milestones = min(int(cum_effort / 3.5), 10)
        enablement[i] = 0.6 * min(sellers / 80, 1.4) + 0.4 * min(plans / 40, 1.4)
        rows.append(
            {
                "sponsor_meetings": int(sponsor),
                "governance_on_cadence": int(round(cadence)),
                "jbp_current": bool(jbp),
                "joint_account_plans": int(plans),
                "trained_sellers": int(sellers),
                "integration_milestones": milestones,
                "joint_campaigns": int(campaigns[i]),
                "accounts_mapped": int(mapped),
            }
        )
    df = pd.DataFrame(rows)

    # funnel: leads one month after the enablement and campaigns that produce them
    qualify = float(rng.uniform(0.35, 0.45))
    accept = float(rng.uniform(0.62, 0.72))
    leads = np.zeros(n, dtype=int)
    regs = np.zeros(n, dtype=int)
    opps = np.zeros(n, dtype=int)
    for i in range(n):
        driver = 0.0 if i == 0 else 0.4 * enablement[i - 1] + 0.6 * campaigns[i - 1] / 3.0
        leads[i] = rng.poisson(p.lead_scale * driver)
        regs[i] = rng.binomial(leads[i], qualify)
        opps[i] = rng.binomial(regs[i], accept)
    # each opportunity closes one sales cycle later (give or take a month), won or lost
    horizon = n + p.sales_cycle + 3
    won_value = np.zeros(horizon)
    won_count = np.zeros(horizon, dtype=int)
    closed_count = np.zeros(horizon, dtype=int)
    open_value = np.zeros(horizon)
    sigma = 0.3
    for i in range(n):
        k = opps[i]
        if not k:
            continue
        shift = rng.choice([-1, 0, 1], size=k, p=[0.15, 0.7, 0.15])
        close = np.maximum(i + p.sales_cycle + shift, i + 1)
        values = p.deal_size * rng.lognormal(-(sigma**2) / 2, sigma, size=k)
        won = rng.random(k) < p.win_rate
        for c, v, w in zip(close, values, won, strict=True):
            closed_count[c] += 1
            open_value[i:c] += v
            if w:
                won_count[c] += 1
                won_value[c] += v
    wins = won_count[:n]
    revenue = won_value[:n]

    def trailing(a, k):
        return np.array([a[max(0, i - k + 1) : i + 1].sum() for i in range(n)])

    closed3, wins3, value3 = trailing(closed_count[:n], 3), trailing(wins, 3), trailing(revenue, 3)
    with np.errstate(invalid="ignore", divide="ignore"):
        win_rate = np.where(closed3 > 0, 100 * wins3 / np.maximum(closed3, 1), np.nan)
        deal_size = np.where(wins3 > 0, value3 / np.maximum(wins3, 1), np.nan)
        regs3, opps3 = trailing(regs, 3), trailing(opps, 3)
        conversion = np.where(regs3 > 0, 100 * opps3 / np.maximum(regs3, 1), np.nan)
        growth = np.full(n, np.nan)
        for i in range(14, n):
            before = revenue[i - 14 : i - 11].sum()
            if before > 0:
                growth[i] = 100 * (revenue[i - 2 : i + 1].sum() / before - 1)
    influence = float(rng.uniform(1.2, 2.0))
    influenced = influence * revenue * rng.lognormal(0, 0.15, size=n)

    # relationship quality (0..1): a slow average of effort, used by NPS and renewals
    quality = np.zeros(n)
    q = 0.5
    for i in range(n):
        q = 0.85 * q + 0.15 * min(effort[i], 1.0)
        quality[i] = q
    customers = np.cumsum(wins)
    nps = np.full(n, np.nan)
    for i in range(n):
        if (i + 1) % 3 == 0 and customers[i] >= 3:
            lagged = quality[max(i - 6, 0)]
            nps[i] = np.clip(-25 + 75 * lagged + rng.normal(0, 6), -100, 100)
    renewed = np.zeros(n)
    due = np.zeros(n)
    for i in range(12, n):
        due[i] = wins[i - 12]
        if due[i]:
            renewed[i] = rng.binomial(int(due[i]), 0.55 + 0.4 * quality[i])
    due12, renewed12 = trailing(due, 12), trailing(renewed, 12)
    with np.errstate(invalid="ignore", divide="ignore"):
        renewal = np.where(due12 > 0, 100 * renewed12 / np.maximum(due12, 1), np.nan)

    df["partner_leads"] = leads
    df["deal_registrations"] = regs
    df["pipeline_value"] = np.round(open_value[:n], 1)
    df["pipeline_conversion"] = np.round(conversion, 1)
    df["new_customer_wins"] = wins
    df["win_rate"] = np.round(win_rate, 1)
    df["avg_deal_size"] = np.round(deal_size, 1)
    df["sourced_revenue"] = np.round(revenue, 1)
    df["influenced_revenue"] = np.round(influenced, 1)
    df["revenue_growth"] = np.round(growth, 1)
    df["customer_satisfaction"] = pd.array(np.round(nps), dtype="Int64")
    df["renewal_rate"] = np.round(renewal, 1)
    truth = {"qualify_rate": round(qualify, 3), "accept_rate": round(accept, 3)}
    return df, truth


def _survey(p: Profile, rng: np.random.Generator) -> pd.DataFrame:
    """Quarterly health-check answers: 4 people per side, 12 items, consistent with the plan."""
    effort = np.array(p.effort)
    rows = []
    partner_companies = p.partners
    people = []
    for side in ("us", "partner"):
        for j, role in enumerate(ROLES[side]):
            company = OUR_COMPANY if side == "us" else partner_companies[j % len(partner_companies)]
            bias = float(rng.normal(0, 0.25))
            people.append(
                (f"{p.alliance[:3].upper()}-{side[0].upper()}{j + 1}", side, company, role, bias)
            )
    for quarter in range(1, MONTHS // 3 + 1):
        month = 3 * quarter
        recent = float(np.mean(effort[max(0, month - 6) : month]))
        base = p.health_base - 1.0 + 1.0 * min(recent, 1.1)
        for rid, side, company, role, bias in people:
            row = {
                "alliance": p.alliance,
                "quarter": quarter,
                "month": month,
                "period": str(START + month - 1),
                "respondent": rid,
                "side": side,
                "company": company,
                "role": role,
            }
            for item in ITEMS:
                dim = item.rsplit("_", 1)[0]
                level = base + bias
                start, change, *end = p.shocks.get((side, dim), (MONTHS + 1, 0.0))
                if start <= month < (end[0] if end else MONTHS + 1):
                    level += change
                score = int(np.clip(np.rint(level + rng.normal(0, p.noise)), 1, 5))
                row[item] = pd.NA if rng.random() < 0.03 else score
            rows.append(row)
    df = pd.DataFrame(rows)
    for item in ITEMS:
        df[item] = df[item].astype("Int64")
    return df


def _health_by_month(survey: pd.DataFrame) -> pd.Series:
    """The survey index per month (each side weighted equally), for the panel."""
    long = survey.melt(id_vars=["month", "side"], value_vars=list(ITEMS), value_name="score")
    long["dimension"] = long["variable"].str.rsplit("_", n=1).str[0]
    per_side = long.groupby(["month", "side", "dimension"])["score"].mean()
    return per_side.groupby("month").mean().astype(float).round(2)


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, list[dict]]:
    panels, surveys, alliances, truth = [], [], [], []
    for index, p in enumerate(PROFILES):
        rng = np.random.default_rng([SEED, index])
        df, extra = _simulate(p, rng)
        survey = _survey(p, rng)
        health = _health_by_month(survey)
        df.insert(0, "alliance", p.alliance)
        df.insert(1, "month", np.arange(1, MONTHS + 1))
        df.insert(2, "period", [str(START + i) for i in range(MONTHS)])
        df.insert(5, "health_score", df["month"].map(health))
        panels.append(df)
        surveys.append(survey)
        alliances.append(
            {
                "alliance": p.alliance,
                "partners": "; ".join(p.partners),
                "partner_count": len(p.partners),
                "industry": p.industry,
                "kickoff": str(START),
                "typical_deal_k": p.deal_size,
            }
        )
        first = df.loc[df["new_customer_wins"] > 0, "month"]
        by_month = df.set_index("month")
        found = best_lag(by_month["deal_registrations"], by_month["sourced_revenue"])
        truth.append(
            {
                "alliance": p.alliance,
                "profile": p.profile,
                "story": p.story,
                "sales_cycle": p.sales_cycle,
                "win_rate": p.win_rate,
                "first_win_month": int(first.min()) if len(first) else None,
                "found_lag": found,
                "revenue_falls_next_year": p.profile in ("coasting on past work", "sponsor left"),
                **extra,
            }
        )
    panel = pd.concat(panels, ignore_index=True)
    survey = pd.concat(surveys, ignore_index=True)
    catalogue = pd.DataFrame([m.__dict__ for m in METRICS])
    return catalogue, pd.DataFrame(alliances), panel, survey, truth


# ---------------------------------------------------------------------------------------
# data dictionary
# ---------------------------------------------------------------------------------------
def _units() -> dict[str, str]:
    return {m.name: m.unit for m in METRICS}


def _field(name, type_, description, unit=None, **constraints):
    f = {"name": name, "type": type_, "description": description}
    if unit:
        f["unit"] = unit
    if constraints:
        f["constraints"] = constraints
    return f


def _schema_panel() -> dict:
    units = _units()
    defs = {m.name: m for m in METRICS}

    def metric(name, type_, **c):
        m = defs[name]
        return _field(name, type_, f"{m.label} ({m.kind}). {m.definition}", units[name], **c)

    fields = [
        _field(
            "alliance",
            "string",
            "Name of the fictional alliance (see alliances.csv).",
            required=True,
        ),
        _field(
            "month",
            "integer",
            "Months since the alliance kick-off (1 = first month).",
            "month",
            required=True,
            minimum=1,
            maximum=MONTHS,
        ),
        _field("period", "yearmonth", "Calendar month.", required=True),
        metric("sponsor_meetings", "integer", required=True, minimum=0),
        metric("governance_on_cadence", "integer", required=True, minimum=0, maximum=100),
        metric("health_score", "number", minimum=1, maximum=5),
        metric("jbp_current", "boolean", required=True),
        metric("joint_account_plans", "integer", required=True, minimum=0),
        metric("trained_sellers", "integer", required=True, minimum=0),
        metric("integration_milestones", "integer", required=True, minimum=0),
        metric("joint_campaigns", "integer", required=True, minimum=0),
        metric("accounts_mapped", "integer", required=True, minimum=0),
        metric("partner_leads", "integer", required=True, minimum=0),
        metric("deal_registrations", "integer", required=True, minimum=0),
        metric("pipeline_value", "number", required=True, minimum=0),
        metric("pipeline_conversion", "number", minimum=0, maximum=100),
        metric("new_customer_wins", "integer", required=True, minimum=0),
        metric("win_rate", "number", minimum=0, maximum=100),
        metric("avg_deal_size", "number", minimum=0),
        metric("sourced_revenue", "number", required=True, minimum=0),
        metric("influenced_revenue", "number", required=True, minimum=0),
        metric("revenue_growth", "number", minimum=-100),
        metric("customer_satisfaction", "integer", minimum=-100, maximum=100),
        metric("renewal_rate", "number", minimum=0, maximum=100),
    ]
    return {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": ["alliance", "month"],
        "foreignKeys": [
            {"fields": "alliance", "reference": {"resource": "alliances", "fields": "alliance"}}
        ],
    }


def _schema_survey() -> dict:
    fields = [
        _field("alliance", "string", "Alliance surveyed.", required=True),
        _field(
            "quarter",
            "integer",
            "Survey round (quarter since kick-off).",
            "quarter",
            required=True,
            minimum=1,
            maximum=MONTHS // 3,
        ),
        _field(
            "month",
            "integer",
            "Month of the survey (months since kick-off).",
            "month",
            required=True,
            minimum=1,
            maximum=MONTHS,
        ),
        _field("period", "yearmonth", "Calendar month of the survey.", required=True),
        _field(
            "respondent",
            "string",
            "Anonymous respondent code (stable across quarters).",
            required=True,
        ),
        _field(
            "side",
            "string",
            "Which side of the alliance the respondent works for.",
            required=True,
            enum=["us", "partner"],
        ),
        _field("company", "string", "Respondent's company.", required=True),
        _field("role", "string", "Respondent's role in the alliance.", required=True),
    ]
    for item, text in ITEMS.items():
        dim = item.rsplit("_", 1)[0].replace("_", " ")
        fields.append(
            _field(
                item,
                "integer",
                f"{dim.capitalize()}: '{text}' (empty = not answered).",
                "Likert 1-5",
                minimum=1,
                maximum=5,
            )
        )
    return {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": ["alliance", "quarter", "respondent"],
        "foreignKeys": [
            {"fields": "alliance", "reference": {"resource": "alliances", "fields": "alliance"}}
        ],
    }


def _datapackage() -> dict:
    metrics_schema = {
        "fields": [
            _field(
                "name",
                "string",
                "Metric id (the panel column when source is 'panel').",
                required=True,
                unique=True,
                pattern="[a-z_]+",
            ),
            _field("label", "string", "Plain-English name of the metric.", required=True),
            _field(
                "kind",
                "string",
                "Leading (joint work, steerable today) or lagging (results).",
                required=True,
                enum=list(KINDS),
            ),
            _field(
                "perspective",
                "string",
                "Alliance balanced scorecard perspective.",
                required=True,
                enum=list(PERSPECTIVES),
            ),
            _field("unit", "string", "Unit of measurement.", required=True),
            _field(
                "source",
                "string",
                "Where the metric lives in the course data.",
                required=True,
                enum=["panel", "derived"],
            ),
            _field("definition", "string", "What is counted.", required=True),
            _field("why", "string", "Why the metric leads or lags revenue.", required=True),
        ],
        "primaryKey": ["name"],
    }
    alliances_schema = {
        "fields": [
            _field(
                "alliance",
                "string",
                "Short name of the fictional alliance.",
                required=True,
                unique=True,
            ),
            _field(
                "partners",
                "string",
                "Partner companies (several for a multi-partner alliance, "
                "separated by '; '). Our side is always Acme Software.",
                required=True,
            ),
            _field(
                "partner_count", "integer", "Number of partner companies.", required=True, minimum=1
            ),
            _field("industry", "string", "Industry of the joint offer.", required=True),
            _field(
                "kickoff", "yearmonth", "Calendar month of the kick-off (month 1).", required=True
            ),
            _field(
                "typical_deal_k",
                "number",
                "Typical size of a won deal.",
                "k$",
                required=True,
                minimum=0,
            ),
        ],
        "primaryKey": ["alliance"],
    }

    def resource(name, path, title, description, schema):
        return {
            "name": name,
            "path": path,
            "title": title,
            "description": description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }

    return {
        "name": "alliance-course-data",
        "title": "Alliance masterclass course data (fictional)",
        "description": "Fictional alliances generated by toolkit.datagen from a causal model "
        "(effort -> enablement -> pipeline -> wins -> revenue) with a fixed seed. See README.md.",
        "licenses": [
            {
                "name": "CC0-1.0",
                "title": "CC0 1.0",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            }
        ],
        "resources": [
            resource(
                "metrics",
                "metrics.csv",
                "Metric catalogue",
                "Every alliance metric of the course: kind, scorecard perspective, unit, "
                "definition and why it leads or lags.",
                metrics_schema,
            ),
            resource(
                "alliances",
                "alliances.csv",
                "Alliances",
                "The fictional alliances in the panel and the survey.",
                alliances_schema,
            ),
            resource(
                "panel",
                "panel.csv",
                "Monthly alliance panel",
                f"One row per alliance and month ({MONTHS} months from 2022-01).",
                _schema_panel(),
            ),
            resource(
                "health_checks",
                "health_checks.csv",
                "Quarterly health-check answers",
                "Anonymous answers of four people per side to twelve 1-5 items.",
                _schema_survey(),
            ),
        ],
    }


def _readme(truth: list[dict], sizes: dict[str, int]) -> str:
    lines = [
        "# Course data",
        "",
        "Fictional data for the lessons and assignments on leading and lagging indicators.",
        "Every file is written by `python -m toolkit.datagen` from a causal model with a fixed",
        f"seed ({SEED}); running it again reproduces the files byte for byte (a test checks it).",
        "Do not edit the files by hand: change `toolkit/datagen.py` and re-run it.",
        "The data dictionary, with every field's type, unit and constraints, is",
        "`datapackage.json` (Frictionless Data); load the files with `toolkit.data`.",
        "",
        "## Files",
        "",
        "| file | rows | what |",
        "|---|---|---|",
        f"| `metrics.csv` | {sizes['metrics.csv']} | the metric catalogue: kind (leading/lagging), "
        "scorecard perspective, unit, definition, why it leads or lags |",
        f"| `alliances.csv` | {sizes['alliances.csv']} | the fictional alliances: partners, "
        "industry, kick-off, typical deal size |",
        f"| `panel.csv` | {sizes['panel.csv']} | one row per alliance and month "
        f"({MONTHS} months, 2022-01 to {START + MONTHS - 1}): leading and lagging metrics |",
        f"| `health_checks.csv` | {sizes['health_checks.csv']} | quarterly health-check survey: "
        "four respondents per side, twelve 1-5 items |",
        "",
        "Our company in every alliance is the fictional *Acme Software*. Money is in thousands",
        "of US dollars (k$). Empty cells mean *not measured that month* (for example the",
        "health score exists only in survey months, the win rate only once deals have closed).",
        "",
        "## The causal model",
        "",
        "Joint **effort** (an effort plan per alliance, 0 to about 1.2 per month) shows at once",
        "in sponsor meetings, governance meetings, campaigns, account mapping and integration",
        "milestones. It builds **enablement** slowly: trained sellers and joint account plans",
        "are stocks that grow with effort and wear away without it. One month later enablement",
        "and campaigns produce **partner leads**; 35-45 % are qualified and registered",
        "(**deal registrations**), 62-72 % of those become opportunities (**pipeline**). Each",
        "opportunity closes one **sales cycle** later (give or take a month, 70 % exactly on",
        "time) and is **won** with the alliance's win rate; the deal's value is booked as",
        "partner-sourced **revenue** in the month it is won. Customer satisfaction, renewals",
        "and revenue growth follow later still. Funnel rates, cycles and deal sizes are",
        "*typical* practitioner figures, not research results.",
        "",
        "## The monthly panel (`panel.csv`)",
        "",
        "Besides `alliance`, `month` (1 = kick-off month) and `period` (calendar month), one",
        "column per metric of the catalogue:",
        "",
        "| column | kind | perspective | unit | what is counted |",
        "|---|---|---|---|---|",
        *[
            f"| `{m.name}` | {m.kind} | {m.perspective} | {m.unit} | {m.definition} |"
            for m in METRICS
            if m.source == "panel"
        ],
        "",
        "`time_to_first_deal` is not a column: it is one number per alliance, the first month",
        "with `new_customer_wins` above zero.",
        "",
        "## The health-check survey",
        "",
        "Each quarter four people per side (ours: executive sponsor, alliance manager, sales",
        "lead, finance; the partner's: executive sponsor, alliance manager, technical lead,",
        "marketing lead) answer twelve items, two per dimension, on a 1-5 scale",
        "(1 = strongly disagree, 5 = strongly agree); about 3 % of answers are left empty.",
        "",
        "| item | statement |",
        "|---|---|",
        *[f"| `{k}` | {v} |" for k, v in ITEMS.items()],
        "",
        "## Ground truth (for instructors)",
        "",
        "The *true lag* is the sales cycle: the months by which partner-sourced revenue (and",
        "new customer wins) follow deal registrations. Effort and enablement lead revenue by",
        "the sales cycle plus one to three months (lead generation and training).",
        "The column *found* is what `toolkit.metrics.best_lag` finds from deal registrations to",
        "partner-sourced revenue on month-to-month changes (a test checks that it is within",
        f"one month of the true lag for {', '.join(f'`{a}`' for a in READABLE)}). Where",
        "effort hardly varies while the work is on, or stops for good, the changes carry",
        "little signal and the lag is hard to read: a lesson in itself.",
        "",
        "| alliance | profile | sales cycle = true lag (months) | found | win rate "
        "| first win (month) | revenue falls next year |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in truth:
        lines.append(
            f"| {t['alliance']} | {t['profile']} | {t['sales_cycle']} | {t['found_lag']} | "
            f"{t['win_rate']:.0%} | {t['first_win_month']} | "
            f"{'yes' if t['revenue_falls_next_year'] else 'no'} |"
        )
    lines += ["", "### The stories", ""]
    for t in truth:
        lines.append(f"- **{t['alliance']}** ({t['profile']}). {t['story']}")
    lines += [
        "",
        "The alliances whose revenue will fall next year are those whose leading indicators",
        "collapsed in the last months of the data while revenue was still high.",
        "",
    ]
    return "\n".join(lines)


def _csv(df: pd.DataFrame) -> str:
    buffer = io.StringIO()
    df.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def build() -> dict[str, str]:
    """Every file of ``datasets/`` as text, keyed by file name (nothing is written)."""
    catalogue, alliances, panel, survey, truth = _tables()
    files = {
        "metrics.csv": _csv(catalogue),
        "alliances.csv": _csv(alliances),
        "panel.csv": _csv(panel),
        "health_checks.csv": _csv(survey),
    }
    sizes = {name: text.count("\n") - 1 for name, text in files.items()}
    files["datapackage.json"] = json.dumps(_datapackage(), indent=2, ensure_ascii=False) + "\n"
    files["README.md"] = _readme(truth, sizes)
    return dict(sorted(files.items()))


def write(folder: str | Path = DATASETS) -> list[Path]:
    """Write every file of :func:`build` into ``folder`` and return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in build().items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m toolkit.datagen [FOLDER]`` (default: the repo's datasets/)."""
    argv = sys.argv[1:] if argv is None else argv
    for path in write(argv[0] if argv else DATASETS):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
