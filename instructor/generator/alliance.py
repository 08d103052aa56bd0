"""One alliance's data from one seed: its monthly panel, its health checks, and its truth.

This is what the course data are made of (:mod:`instructor.generator.package` calls it once
per alliance with the course's seed) and what a per-student variant is made of (call it with
the variant's own profile and seed). The panel and the survey draw from separate random
streams of the one seed, so a change to the causal model leaves the survey as it was.

Examples
--------
>>> from instructor.generator.profiles import PROFILES
>>> data = alliance_data(PROFILES[0], seed=7)
>>> data.panel.columns[:3].tolist(), len(data.panel), data.truth["true_lag"]
(['alliance', 'month', 'period'], 48, 6)
>>> data.lag_reading().lag
6
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from instructor.generator.causal import simulated_columns
from instructor.generator.profiles import MONTHS, START, Profile
from instructor.generator.survey import _answers, _health_by_month, answers_table

__all__ = ["FALLING", "AllianceData", "alliance_data"]

#: the profiles whose revenue falls in the year after the data (their leading indicators
#: collapsed in the last months, while revenue was still high)
FALLING = ("coasting on past work", "sponsor left")


@dataclass(frozen=True)
class AllianceData:
    """One alliance's tables and what is true about it (for instructors only)."""

    profile: Profile
    panel: pd.DataFrame
    survey: pd.DataFrame
    truth: dict

    def lag_reading(self, leading: str = "deal_registrations", lagging: str = "sourced_revenue"):
        """:func:`~toolkit.indicators.lags.best_lag` on two of this alliance's panel columns."""
        from toolkit.indicators.lags import best_lag

        by_month = self.panel.set_index("month")
        return best_lag(by_month[leading], by_month[lagging])


def alliance_data(p: Profile, seed) -> AllianceData:
    """Simulate one alliance from ``seed`` (an int or a sequence of ints).

    Parameters
    ----------
    p : Profile
        The alliance: its effort plan, sales cycle, funnel and calendar (see
        :mod:`instructor.generator.profiles`).
    seed : int or sequence of int
        Seeds numpy's generator; the same seed always gives the same tables.

    Returns
    -------
    AllianceData
        ``panel`` (one row per month, the columns of ``datasets/panel.csv``), ``survey`` (the
        columns of ``datasets/health_checks.csv``) and ``truth``: the true lag (the sales
        cycle), the profile and its story, the first month with a win, whether revenue
        falls next year, the funnel rates drawn.
    """
    panel_rng, survey_rng = np.random.default_rng(seed).spawn(2)
    columns, drawn = simulated_columns(p, panel_rng)
    meta, scores, blank = _answers(p, survey_rng)
    answers = answers_table(meta, scores, blank)
    health = _health_by_month(
        meta["month"], np.asarray(meta["side"], dtype=str), np.where(blank, np.nan, scores)
    )
    months = np.arange(1, MONTHS + 1)
    # the panel: who and when, the first two activity metrics, the health score (the
    # survey's index in the months it was taken), then the rest of the simulation
    metrics = list(columns.items())
    df = pd.DataFrame(
        {
            "alliance": [p.alliance] * MONTHS,
            "month": months,
            "period": [str(START + i) for i in range(MONTHS)],
            **dict(metrics[:2]),
            "health_score": health.reindex(months).to_numpy(),
            **dict(metrics[2:]),
        }
    )
    first = df.loc[df["new_customer_wins"] > 0, "month"]
    wins = df["new_customer_wins"].iloc[12:]
    truth = {
        "alliance": p.alliance,
        "profile": p.profile,
        "story": p.story,
        "true_lag": p.sales_cycle,
        "win_rate": p.win_rate,
        "deal_spread": p.deal_spread,
        "wins_per_month": round(float(wins.mean()), 1),
        "first_win_month": int(first.min()) if len(first) else None,
        "revenue_falls_next_year": p.profile in FALLING,
        **drawn,
    }
    return AllianceData(p, df, answers, truth)
