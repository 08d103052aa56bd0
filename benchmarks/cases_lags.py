"""The lag analysis: one reading, one variant's data, and a bigger sweep of synthetic pairs.

The sweep is the quality check of ``tests/lagpairs.py`` on 20 new seeds (720 pairs with a
quarter rhythm, 720 with lumpy deals): it prints the hit rates of the new reading and of the
naive one (single months, rhythm left in), and fails when fewer than 90 % of the rhythm pairs
are read within a month or more than 1 % of the lumpy pairs get a wrong lag called clear.
"""

import itertools
import sys
from pathlib import Path

from run import Case

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from lagpairs import make_pair, score, sweep  # noqa: E402

from instructor.generator import PROFILES, alliance_data  # noqa: E402
from toolkit import data  # noqa: E402
from toolkit.indicators.lags import best_lag, lag_correlations  # noqa: E402

SUMMIT = data.series("Summit", "deal_registrations"), data.series("Summit", "sourced_revenue")
_seeds = itertools.count(1000)


def one_reading():
    best_lag(*SUMMIT)


def one_table():
    lag_correlations(*SUMMIT)


def one_variant():
    """One student's variant: one alliance simulated from its own seed (panel and survey)."""
    alliance_data(PROFILES[0], seed=next(_seeds))


def one_variant_vetted():
    """The same, plus the lag reading that vets it."""
    alliance_data(PROFILES[0], seed=next(_seeds)).lag_reading()


def lag_sweep():
    rows = {}
    for kind in ("rhythm", "lumpy"):
        readings, naive_hits = [], 0
        for spec in sweep(kind):
            lead, lagging = make_pair(spec)
            readings.append((spec, best_lag(lead, lagging)))
            naive = lag_correlations(lead, lagging, seasonality=None, window=1)
            naive_hits += abs(int(naive["correlation"].idxmax()) - spec.lag) <= 1
        rows[kind] = {**score(readings), "naive_hit_rate": naive_hits / len(readings)}
    for kind, r in rows.items():
        print(
            f"  lag sweep, {kind}: {r['pairs']} pairs, named within a month "
            f"{r['hit_rate']:.1%} (naive {r['naive_hit_rate']:.1%}), cannot tell "
            f"{r['cannot_tell']:.1%}, wrong lag called clear {len(r['wrong_clear'])}"
        )
    assert rows["rhythm"]["hit_rate"] >= 0.9, rows["rhythm"]
    assert len(rows["lumpy"]["wrong_clear"]) <= 0.01 * rows["lumpy"]["pairs"], rows["lumpy"]


CASES = [
    Case("best_lag, one reading (48 months, 200 resamples)", one_reading, repeat=31, target=50),
    Case("lag_correlations, one table (48 months)", one_table, repeat=31),
    Case("one variant's data (one alliance, own seed)", one_variant, repeat=21, target=50),
    Case("one variant's data + its lag reading", one_variant_vetted, repeat=21, target=120),
    Case("lag sweep: 1,440 synthetic pairs (hit rates printed)", lag_sweep, repeat=1, warmup=0),
]
