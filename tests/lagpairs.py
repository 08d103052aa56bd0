"""Synthetic (leading, lagging) pairs with a known lag, for testing and benchmarking best_lag.

Each pair imitates an alliance: joint effort drives deal registrations (the leading series);
each registered deal is won or lost and closes one *lag* later (70 % exactly on time, 15 %
a month early, 15 % a month late), and won deals are booked as revenue (the lagging series).
Options add what real bookings have:

- ``rhythm``: the quarter-end rhythm, 0.7 / 0.85 / 1.45 of the quarter's average in its first,
  second and third month, in ``"revenue"`` only or in ``"both"`` series (``"none"``);
- ``lumpy``: a few large deals a month (about 2 wins, values spread tenfold) instead of ~20
  deals of similar size;
- ``trend``: the alliance grows (effort rises by 80 % over the period);
- ``level_shift``: the effort steps up or down by a third at a random month;
- ``gaps``: three months missing from the leading series, two from the lagging one.

The effort moves like a real plan: a slow random walk with joint campaigns on top (a burst in
about one month in eight). :data:`SAMPLE` is the fixed, documented sample the tests use; the
benchmark sweeps a bigger one (:func:`sweep`).

Examples
--------
>>> lead, revenue = make_pair(Spec(lag=4, months=36, seed=1))
>>> len(lead), len(revenue), revenue.index[0]
(36, 36, 1)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

RHYTHM = np.array([0.7, 0.85, 1.45])


@dataclass(frozen=True)
class Spec:
    """One synthetic pair: its true lag, its length and what it contains."""

    lag: int
    months: int
    seed: int
    rhythm: str = "none"  # "none", "revenue" or "both"
    lumpy: bool = False
    trend: bool = False
    level_shift: bool = False
    gaps: bool = False

    def __str__(self) -> str:
        extras = [name for name in ("lumpy", "trend", "level_shift", "gaps") if getattr(self, name)]
        return (
            f"lag {self.lag}, {self.months} months, rhythm in {self.rhythm}"
            + (f", {', '.join(extras)}" if extras else "")
            + f" (seed {self.seed})"
        )


def make_pair(spec: Spec) -> tuple[pd.Series, pd.Series]:
    """The leading (registrations) and lagging (revenue) series of one spec."""
    rng = np.random.default_rng([spec.seed, spec.lag, spec.months])
    warm = spec.lag + 2  # months before the series start, so revenue starts in full flow
    n = spec.months + warm
    t = np.arange(n)
    effort = 1 + 0.08 * rng.normal(size=n).cumsum()
    effort += 0.6 * (rng.random(n) < 0.125)  # a joint campaign
    if spec.trend:
        effort += 0.8 * t / n
    if spec.level_shift:
        at = rng.integers(n // 4, 3 * n // 4)
        effort += rng.choice([-1, 1]) * 0.33 * (t >= at)
    effort = np.clip(effort, 0.15, None)
    place = (t - warm) % 3  # the series start in the first month of a quarter
    expected = 80 * effort * (RHYTHM[place] if spec.rhythm == "both" else 1)
    registrations = rng.poisson(expected)
    win, scale, spread = (0.035, 250.0, 1.0) if spec.lumpy else (0.35, 20.0, 0.3)
    wins = rng.binomial(registrations, win)
    month = np.repeat(t, wins)
    close = month + spec.lag + rng.choice([-1, 0, 1], size=len(month), p=[0.15, 0.7, 0.15])
    value = scale * rng.lognormal(-(spread**2) / 2, spread, size=len(month))
    revenue = np.zeros(n + spec.lag + 2)
    np.add.at(revenue, close, value)
    revenue = revenue[:n]
    if spec.rhythm in ("revenue", "both"):
        revenue = revenue * RHYTHM[place]
    index = pd.RangeIndex(1, spec.months + 1, name="month")
    lead = pd.Series(registrations[warm:].astype(float), index=index, name="deal_registrations")
    lagging = pd.Series(revenue[warm:].round(1), index=index, name="sourced_revenue")
    if spec.gaps:
        lead = lead.drop(rng.choice(index, size=3, replace=False))
        lagging.loc[rng.choice(index, size=2, replace=False)] = np.nan
    return lead, lagging


def specs(*, seeds, lumpy=False, rhythms=("revenue", "both"), months=(36, 48), lags=range(2, 11)):
    """Every combination of lag, length, rhythm and seed; trend, shift and gaps by turns."""
    out = []
    for i, (lag, n, rhythm, seed) in enumerate(itertools.product(lags, months, rhythms, seeds)):
        out.append(
            Spec(
                lag,
                n,
                seed,
                rhythm,
                lumpy=lumpy,
                trend=i % 2 == 0,
                level_shift=i % 3 == 0,
                gaps=i % 5 == 0,
            )
        )
    return out


#: the tests' sample: lags 2-10, 36 and 48 months, the rhythm in revenue or in both series,
#: three seeds: 108 pairs with a rhythm; the same again with lumpy deals; and 54 without rhythm
SAMPLE = {
    "rhythm": specs(seeds=range(3)),
    "lumpy": specs(seeds=range(3), lumpy=True),
    "no rhythm": specs(seeds=range(3), rhythms=("none",)),
}


def sweep(kind: str, seeds=range(3, 23)) -> list[Spec]:
    """A bigger sample of the same design (new seeds), for ``make bench``."""
    lumpy = kind == "lumpy"
    rhythms = ("none",) if kind == "no rhythm" else ("revenue", "both")
    return specs(seeds=seeds, lumpy=lumpy, rhythms=rhythms)


def score(readings_and_specs) -> dict:
    """Hit rate (a lag named within one month), 'cannot tell' rate, wrong 'clear' readings."""
    hits = silent = 0
    wrong_clear = []
    total = 0
    for spec, reading in readings_and_specs:
        total += 1
        if reading.lag is None:
            silent += 1
        elif abs(reading.lag - spec.lag) <= 1:
            hits += 1
        elif reading.verdict == "clear":
            wrong_clear.append(str(spec))
    return {
        "pairs": total,
        "hit_rate": hits / total,
        "cannot_tell": silent / total,
        "wrong_clear": wrong_clear,
    }
