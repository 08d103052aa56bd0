"""The causal model behind the course data: effort -> enablement -> pipeline -> wins -> revenue.

Each fictional alliance (:mod:`instructor.generator.profiles`) follows one *effort plan*:
how much joint work the two partners put in each month (0 = none, 1 = a fully staffed
alliance). The work flows down a causal chain, and every step takes time:

1. **Effort** shows at once in the activity metrics: sponsor meetings, governance meetings on
   cadence, joint campaigns, account mapping, integration milestones.
2. **Enablement** builds up slowly: trained partner sellers and joint account plans are
   stocks that grow with effort and wear away without it (sellers change jobs, plans lapse).
3. **Pipeline**: one month later, enablement and campaigns produce partner leads; 30-50 % of
   leads are qualified and registered, 60-75 % of registrations become opportunities.
4. **Wins**: each opportunity is due one *sales cycle* after it was registered (give or take
   a month) and is won with the alliance's win rate (partner-sourced deals: 20-45 %). Deal
   values vary around the alliance's typical deal size; an enterprise alliance's vary a lot
   (``deal_spread``), so a few large deals make its months jump.
5. **The calendar** moves some deals later (:func:`booked_month`): in August, the summer
   holidays; at quarter end, the push to close, which gives bookings the quarter-end rhythm
   (about 0.7, 0.85 and 1.45 of the quarter's average in its first, second and third month).
6. **Revenue** is booked in the month a deal is won. Satisfaction, renewals and revenue
   growth follow later still.

So most deals close exactly one sales cycle after their registration: deal registrations
lead partner-sourced revenue by the sales cycle (the *true lag*, for instructors in
``grading/instructor/course-data.md``); effort leads it by the sales cycle plus the time
enablement and lead generation take. All figures are *typical* practitioner rules of thumb,
not research results.

Examples
--------
>>> import numpy as np
>>> from instructor.generator.profiles import PROFILES
>>> table, truth = simulate(PROFILES[0], np.random.default_rng(0))
>>> len(table), sorted(truth)
(48, ['accept_rate', 'qualify_rate'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from instructor.generator.profiles import MONTHS, START, Profile

__all__ = ["HOLIDAY_MONTH", "booked_month", "calendar_month", "simulate", "simulated_columns"]

#: the summer holidays: some deals due then close a month later
HOLIDAY_MONTH = 8


def calendar_month(index: np.ndarray) -> np.ndarray:
    """Calendar month (1 = January) of month ``index`` of the data (0 = the kick-off month)."""
    return (START.month - 1 + np.asarray(index)) % 12 + 1


def booked_month(due: np.ndarray, p: Profile, rng: np.random.Generator) -> np.ndarray:
    """The month each deal is booked, from the month it is due (both 0 = kick-off month).

    Two calendar effects move deals later. In the holiday month a share ``p.holiday_dip``
    of the deals due slips to the next month. Then the quarter-end push: sales teams close
    at quarter end, so a deal due in the first month of a quarter slips to the quarter's
    last month with chance ``1 - p.quarter_end[0]`` and one due in the second month with
    chance ``1 - p.quarter_end[1]``. On an even flow of deals the first, second and third
    month of a quarter then book ``p.quarter_end`` of the quarter's average (0.7, 0.85 and
    1.45 by default), and most deals still close exactly when due.

    Examples
    --------
    >>> import numpy as np
    >>> from instructor.generator.profiles import PROFILES
    >>> due = np.repeat(np.arange(12, 24), 2000)  # an even flow over one year
    >>> booked = booked_month(due, PROFILES[0], np.random.default_rng(0))
    >>> per_month = np.bincount(booked)[12:24] / 2000
    >>> per_month[:3].round(2).tolist()  # January, February, March
    [0.7, 0.85, 1.45]
    >>> per_month[6:9].round(2).tolist()  # July, August (the holidays), September
    [0.7, 0.67, 1.63]
    >>> float((booked == due).mean()) > 0.75
    True
    """
    due = np.asarray(due, dtype=int)
    month = calendar_month(due)
    booked = due + ((month == HOLIDAY_MONTH) & (rng.random(len(due)) < p.holiday_dip))
    place = (calendar_month(booked) - 1) % 3  # 0, 1, 2: first, second, third month of quarter
    stay = np.asarray(p.quarter_end, dtype=float)[np.minimum(place, 1)]
    push = (place < 2) & (rng.random(len(due)) >= stay)
    return np.where(push, booked + (2 - place), booked)


def simulate(p: Profile, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """One alliance's 48 months: every panel metric, plus the funnel rates drawn for it."""
    columns, truth = simulated_columns(p, rng)
    return pd.DataFrame(columns), truth


def simulated_columns(p: Profile, rng: np.random.Generator) -> tuple[dict, dict]:
    """:func:`simulate`'s table as its columns (name -> array, in order), and the rates.

    Builds no table, so a caller that adds columns makes the table once.
    """
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
    columns = (
        "sponsor_meetings",
        "governance_on_cadence",
        "jbp_current",
        "joint_account_plans",
        "trained_sellers",
        "integration_milestones",
        "joint_campaigns",
        "accounts_mapped",
    )
    rows = []
    overlap = int(rng.integers(300, 700))
    # one month at a time, drawing in the same order every time (Python floats: the same
    # arithmetic as numpy's scalars, without their overhead)
    poisson, binomial, normal = rng.poisson, rng.binomial, rng.normal
    for i, (e, v) in enumerate(zip(effort.tolist(), visit.tolist(), strict=True)):
        slow = 0.7 * slow + 0.3 * e if i else e
        sponsor = poisson(1.4 * e + 1.2 * v)
        cadence = min(max(100 * (0.1 + 0.9 * min(slow, 1.0)) + normal(0, 6), 0), 100)
        if i >= 1 and slow > 0.45 and (last_review is None or (i + 1) % 6 == 2):
            last_review = i + 1
        jbp = last_review is not None and (i + 1) - last_review < 7
        hire = poisson(12 * e)
        leave = binomial(int(sellers), 0.03 if e > 0.2 else 0.12)
        sellers = max(sellers + hire - leave, 0)
        new_plans = poisson(4 * e)
        lapsed = binomial(int(plans), 0.05 if e > 0.2 else 0.2)
        plans = max(plans + new_plans - lapsed, 0)
        campaigns[i] = poisson(3.0 * e + 2.0 * v)
        mapped = min(overlap, mapped + poisson(25 * e))
        cum_effort += e
        milestones = min(int(cum_effort / 3.5), 10)
        enablement[i] = 0.6 * min(sellers / 80, 1.4) + 0.4 * min(plans / 40, 1.4)
        rows.append(
            (
                int(sponsor),
                int(round(cadence)),
                bool(jbp),
                int(plans),
                int(sellers),
                milestones,
                int(campaigns[i]),
                int(mapped),
            )
        )
    df = {
        name: np.array(values, dtype=bool if name == "jbp_current" else "int64")
        for name, values in zip(columns, zip(*rows, strict=True), strict=True)
    }

    # funnel: leads one month after the enablement and campaigns that produce them
    qualify = float(rng.uniform(0.35, 0.45))
    accept = float(rng.uniform(0.62, 0.72))
    driver = np.zeros(n)
    driver[1:] = 0.2 * enablement[:-1] + 0.8 * campaigns[:-1] / 3.0
    leads = rng.poisson(p.lead_scale * driver)
    regs = rng.binomial(leads, qualify)
    opps = rng.binomial(regs, accept)
    # each opportunity is due one sales cycle later (give or take a month); the calendar then
    # moves some of them (the quarter-end push, the summer holidays); won or lost
    reg_month = np.repeat(np.arange(n), opps)
    k = len(reg_month)
    jitter = rng.choice([-1, 0, 1], size=k, p=[0.15, 0.7, 0.15])
    due = np.maximum(reg_month + p.sales_cycle + jitter, reg_month + 1)
    values = p.deal_size * rng.lognormal(-(p.deal_spread**2) / 2, p.deal_spread, size=k)
    won = rng.random(k) < p.win_rate
    close = booked_month(due, p, rng)
    horizon = max(n + 1, int(close.max()) + 2 if k else 0)
    won_value = np.bincount(close[won], weights=values[won], minlength=horizon)
    won_count = np.bincount(close[won], minlength=horizon)
    closed_count = np.bincount(close, minlength=horizon)
    # a deal is open pipeline from its registration month until the month it closes
    opening = np.bincount(reg_month, weights=values, minlength=horizon)
    closing = np.bincount(close, weights=values, minlength=horizon)
    open_value = np.maximum(np.cumsum(opening - closing), 0.0)
    wins = won_count[:n]
    revenue = won_value[:n]

    def trailing(a, k):
        """The sum of each month's last ``k`` values (fewer at the start)."""
        if a.dtype.kind in "iu":  # whole numbers: running totals are exact
            total = np.concatenate(([0], np.cumsum(a)))
            return np.concatenate((total[1:k], total[k:] - total[:-k]))
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
