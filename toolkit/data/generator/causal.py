"""The causal model behind the course data: effort -> enablement -> pipeline -> wins -> revenue.

Each fictional alliance (:mod:`toolkit.data.generator.profiles`) follows one *effort plan*:
how much joint work the two partners put in each month (0 = none, 1 = a fully staffed
alliance). The work flows down a causal chain, and every step takes time:

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
*typical* practitioner rules of thumb, not research results.

Examples
--------
>>> import numpy as np
>>> from toolkit.data.generator.profiles import PROFILES
>>> table, truth = simulate(PROFILES[0], np.random.default_rng(0))
>>> len(table), sorted(truth)
(48, ['accept_rate', 'qualify_rate'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.data.generator.profiles import MONTHS, Profile

__all__ = ["simulate"]


def simulate(p: Profile, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """One alliance's 48 months: every panel metric, plus the funnel rates drawn for it."""
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
