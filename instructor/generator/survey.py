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
_COLUMN_OF = {item: i for i, item in enumerate(ITEMS)}
_ITEMS_OF: dict[str, list[str]] = {}
for _item, _dimension in _DIMENSION_OF.items():
    _ITEMS_OF.setdefault(_dimension, []).append(_item)

ROLES = {
    "us": ("executive sponsor", "alliance manager", "sales lead", "finance"),
    "partner": ("executive sponsor", "alliance manager", "technical lead", "marketing lead"),
}


def survey(p: Profile, rng: np.random.Generator) -> pd.DataFrame:
    """Quarterly health-check answers: 4 people per side, 12 items, consistent with the plan.

    Each answer draws a normal (its noise) and then a uniform (blank or not), in the order
    quarter, person, item; the draws come one at a time in that order, so the same seed
    always gives the same answers, and the arithmetic on them is done for all at once.
    """
    return answers_table(*_answers(p, rng))


def answers_table(meta: dict, scores: np.ndarray, blank: np.ndarray) -> pd.DataFrame:
    """The survey's table from :func:`_answers`' columns, scores and blanks."""
    items = {
        item: pd.arrays.IntegerArray(scores[:, i], blank[:, i]) for i, item in enumerate(ITEMS)
    }
    return pd.DataFrame({**meta, **items})


def _answers(p: Profile, rng: np.random.Generator) -> tuple[dict, np.ndarray, np.ndarray]:
    """The survey as arrays: who answered when (columns), each answer's score, blank or not.

    One row per answer sheet (quarter by quarter, person by person), one column per item.
    """
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
    quarters = np.arange(1, MONTHS // 3 + 1)
    months = 3 * quarters
    # the level each answer starts from: the quarter's base plus the person's bias, then the
    # profile's shocks to a side's view of a dimension while they last
    base = np.array(
        [p.health_base - 1.0 + 1.0 * min(float(np.mean(effort[max(0, m - 6) : m])), 1.1)
         for m in months]
    )  # fmt: skip
    shape = (len(people), len(ITEMS))
    start, end, change = np.full(shape, MONTHS + 1), np.full(shape, MONTHS + 1), np.zeros(shape)
    for k, (_, side, _, _, _) in enumerate(people):
        for i, item in enumerate(ITEMS):
            shock = p.shocks.get((side, _DIMENSION_OF[item]))
            if shock is not None:
                start[k, i], change[k, i] = shock[:2]
                end[k, i] = shock[2] if len(shock) > 2 else MONTHS + 1
    when = months[:, None, None]
    unshocked = base[:, None, None] + np.array([person[4] for person in people])[None, :, None]
    level = np.where((start <= when) & (when < end), unshocked + change, unshocked)
    # the draws, in the order the answers are given (a normal, then a uniform, per answer)
    normal, uniform = rng.standard_normal, rng.random
    draws = np.array([(normal(), uniform()) for _ in range(level.size)]).reshape(*level.shape, 2)
    # round half to even (numpy's rint, as Python's round), then keep within the 1-5 scale
    scores = np.clip(np.rint(level + p.noise * draws[..., 0]), 1, 5).astype("int64")
    blank = draws[..., 1] < 0.03
    rows = len(quarters) * len(people)
    meta = {
        "alliance": [p.alliance] * rows,
        "quarter": np.repeat(quarters, len(people)),
        "month": np.repeat(months, len(people)),
        "period": np.repeat([str(START + m - 1) for m in months], len(people)).tolist(),
        "respondent": [person[0] for person in people] * len(quarters),
        "side": [person[1] for person in people] * len(quarters),
        "company": [person[2] for person in people] * len(quarters),
        "role": [person[3] for person in people] * len(quarters),
    }
    return meta, scores.reshape(rows, len(ITEMS)), blank.reshape(rows, len(ITEMS))


def health_by_month(survey: pd.DataFrame) -> pd.Series:
    """The survey index per month (each side weighted equally), for the panel.

    Per month, side and dimension: the mean of every answer given (blanks left out); per
    month, the mean of those. (The first step sums and counts with numpy, which is exact for
    whole-number scores; the second is pandas' own mean.)
    """
    return _health_by_month(
        survey["month"].to_numpy(),
        survey["side"].to_numpy(dtype=str),
        survey[list(ITEMS)].to_numpy(dtype="float64", na_value=np.nan),
    )


def _health_by_month(month: np.ndarray, side: np.ndarray, answers: np.ndarray) -> pd.Series:
    """:func:`health_by_month` from the answer sheets' months, sides and answers.

    ``answers`` has one row per sheet and one column per item of ``ITEMS`` (NaN: blank).
    """
    months, month = np.unique(month, return_inverse=True)
    sides, side = np.unique(side, return_inverse=True)
    group = month * len(sides) + side
    size = len(months) * len(sides)
    dimensions = sorted(_ITEMS_OF)
    means = np.empty((size, len(dimensions)))
    for d, dimension in enumerate(dimensions):
        block = answers[:, [_COLUMN_OF[item] for item in _ITEMS_OF[dimension]]]
        given = ~np.isnan(block)
        total = np.bincount(group, weights=np.where(given, block, 0.0).sum(axis=1), minlength=size)
        count = np.bincount(group, weights=given.sum(axis=1), minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            means[:, d] = total / count
    # rows month by month, each month's sides and dimensions in turn: grouped by month
    month_of = pd.Index(np.repeat(months, len(sides) * len(dimensions)), name="month")
    per_side = pd.Series(means.ravel(), name="score")
    return per_side.groupby(month_of).mean().astype(float).round(2)
