"""The health-check survey of the course data: quarterly answers consistent with each plan.

Four people per side answer the twelve items of :data:`toolkit.health.model.ITEMS` every
quarter. Their scores follow the alliance's recent effort, each person's own bias, noise, and
the shocks of the profile (a sponsor leaving, a trust crisis), so the perception gaps the
lessons ask about come out of the same causal story as the panel.

Examples
--------
>>> import numpy as np
>>> from instructor.generator.profiles import PROFILES
>>> answers = survey(PROFILES[0], np.random.default_rng(0))
>>> int(answers["quarter"].max()), sorted(answers["side"].unique())
(16, ['partner', 'us'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from instructor.generator.profiles import MONTHS, OUR_COMPANY, START, Profile
from toolkit.health.model import ITEMS, dimension_of

__all__ = ["ROLES", "health_by_month", "survey"]

#: each item's dimension, and each dimension's items (worked out once, not per answer)
_DIMENSION_OF = {item: dimension_of(item) for item in ITEMS}
_ITEMS_OF: dict[str, list[str]] = {}
for _item, _dimension in _DIMENSION_OF.items():
    _ITEMS_OF.setdefault(_dimension, []).append(_item)

ROLES = {
    "us": ("executive sponsor", "alliance manager", "sales lead", "finance"),
    "partner": ("executive sponsor", "alliance manager", "technical lead", "marketing lead"),
}


def survey(p: Profile, rng: np.random.Generator) -> pd.DataFrame:
    """Quarterly health-check answers: 4 people per side, 12 items, consistent with the plan."""
    effort = np.array(p.effort)
    partner_companies = p.partners
    people = []
    for side in ("us", "partner"):
        for j, role in enumerate(ROLES[side]):
            company = OUR_COMPANY if side == "us" else partner_companies[j % len(partner_companies)]
            bias = float(rng.normal(0, 0.25))
            people.append(
                (f"{p.alliance[:3].upper()}-{side[0].upper()}{j + 1}", side, company, role, bias)
            )
    columns = ("alliance", "quarter", "month", "period", "respondent", "side", "company", "role")
    meta = {column: [] for column in columns}
    scores = {item: [] for item in ITEMS}
    for quarter in range(1, MONTHS // 3 + 1):
        month = 3 * quarter
        period = str(START + month - 1)
        recent = float(np.mean(effort[max(0, month - 6) : month]))
        base = p.health_base - 1.0 + 1.0 * min(recent, 1.1)
        for rid, side, company, role, bias in people:
            for key, value in zip(
                meta, (p.alliance, quarter, month, period, rid, side, company, role), strict=True
            ):
                meta[key].append(value)
            for item in ITEMS:
                level = base + bias
                start, change, *end = p.shocks.get((side, _DIMENSION_OF[item]), (MONTHS + 1, 0.0))
                if start <= month < (end[0] if end else MONTHS + 1):
                    level += change
                # round half to even, as numpy's rint, then keep within the 1-5 scale
                score = min(max(round(level + rng.normal(0, p.noise)), 1), 5)
                scores[item].append(None if rng.random() < 0.03 else score)
    df = pd.DataFrame(meta)
    for item in ITEMS:
        df[item] = pd.array(scores[item], dtype="Int64")
    return df


def health_by_month(survey: pd.DataFrame) -> pd.Series:
    """The survey index per month (each side weighted equally), for the panel.

    Per month, side and dimension: the mean of every answer given (blanks left out); per
    month, the mean of those. (The first step sums and counts with numpy, which is exact for
    whole-number scores; the second is pandas' own mean.)
    """
    months, month = np.unique(survey["month"].to_numpy(), return_inverse=True)
    sides, side = np.unique(survey["side"].to_numpy(dtype=str), return_inverse=True)
    group = month * len(sides) + side
    size = len(months) * len(sides)
    dimensions = sorted(_ITEMS_OF)
    means = np.empty((size, len(dimensions)))
    for d, dimension in enumerate(dimensions):
        block = survey[_ITEMS_OF[dimension]].to_numpy(dtype="float64", na_value=np.nan)
        given = ~np.isnan(block)
        total = np.bincount(group, weights=np.where(given, block, 0.0).sum(axis=1), minlength=size)
        count = np.bincount(group, weights=given.sum(axis=1), minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            means[:, d] = total / count
    index = pd.MultiIndex.from_product(
        [months, sides, dimensions], names=["month", "side", "dimension"]
    )
    per_side = pd.Series(means.ravel(), index=index, name="score")
    return per_side.groupby("month").mean().astype(float).round(2)
