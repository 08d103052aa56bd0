"""The alliance health check: a survey of both partners, its index and perception gaps.

People of both partners (sponsors and finance included) answer 1-5 items grouped in
dimensions such as trust and communication. The output is each side's average per dimension
(:func:`dimension_scores`), the health index (:func:`health_index`) and the *perception gap*
between the sides (:func:`perception_gaps`), the start of an action plan.

An alliance of three or more companies has more than two sides: group the answers by the
``company`` column and :func:`pairwise_gaps` gives the gap between each pair of them.

Examples
--------
>>> answers = [{"side": "us", "trust": 5, "governance": 4},
...            {"side": "partner", "trust": 3, "governance": 3}]
>>> survey = survey_from_answers(answers)
>>> list(survey.columns)
['respondent', 'side', 'trust_1', 'governance_1']
>>> perception_gaps(survey)["gap"].to_dict()
{'trust': 2.0, 'governance': 1.0}
>>> three = [{"side": "us", "trust": 5}, {"side": "partner", "trust": 2}]
>>> pairs = pairwise_gaps(survey_from_answers(three).assign(side=["Acme", "Orbit"]))
>>> pairs[["pair", "gap"]].values.tolist()
[['Acme – Orbit', 3.0]]
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd

__all__ = [
    "DIMENSIONS",
    "ITEMS",
    "SIDES",
    "check_answer",
    "dimension_of",
    "dimension_scores",
    "gaps_between",
    "health_index",
    "health_indexes",
    "item_columns",
    "pairwise_gaps",
    "perception_gaps",
    "survey_from_answers",
    "widest_gap",
]

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
SIDES = ("us", "partner")


def check_answer(answer: dict) -> dict:
    """One person's answers, checked: ``side`` is us/partner, each score a whole number 1-5.

    Raises
    ------
    ValueError
        Naming the field that is wrong and what is allowed.
    """
    if not isinstance(answer, dict):
        msg = "an answer is a dict like {'side': 'us', 'trust': 4, ...}"
        raise ValueError(msg)
    side = str(answer.get("side", "")).strip().lower()
    if side not in ("us", "partner"):
        msg = f"side must be 'us' or 'partner', got {answer.get('side')!r}"
        raise ValueError(msg)
    clean = {"side": side}
    for key, value in answer.items():
        if key == "side":
            continue
        if key not in DIMENSIONS:
            msg = f"unknown dimension {key!r}; use {', '.join(DIMENSIONS)}"
            raise ValueError(msg)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            msg = f"{key} must be a whole number from 1 to 5, got {value!r}"
            raise ValueError(msg)
        clean[key] = value
    if len(clean) == 1:
        msg = "an answer needs at least one score"
        raise ValueError(msg)
    return clean


def survey_from_answers(answers: list[dict]) -> pd.DataFrame:
    """A survey table (as ``health_checks.csv``) from entered answers, one item per dimension."""
    rows = []
    for i, answer in enumerate(answers, start=1):
        a = check_answer(answer)
        row = {"respondent": f"R{i}", "side": a["side"]}
        row.update({f"{d}_1": a[d] for d in DIMENSIONS if d in a})
        rows.append(row)
    dims = [f"{d}_1" for d in DIMENSIONS if any(f"{d}_1" in r for r in rows)]
    return pd.DataFrame(rows, columns=["respondent", "side", *dims])


def dimension_of(item: str) -> str:
    """The dimension an item belongs to: ``trust_1`` -> ``trust``.

    Examples
    --------
    >>> dimension_of("strategic_value_2")
    'strategic_value'
    """
    return item.rsplit("_", 1)[0]


def item_columns(survey: pd.DataFrame) -> list[str]:
    """The survey's item columns: names like ``trust_1`` (a dimension, ``_``, a number)."""
    return [c for c in survey.columns if re.fullmatch(r"[a-z][a-z_]*_\d+", str(c))]


def _check_survey(
    survey, by: str = "side", *, one_round: bool = True
) -> tuple[list[str], pd.DataFrame, np.ndarray]:
    """The survey's item columns, their answers and those as numbers, once checked.

    ``one_round`` refuses answers of several alliances or quarters mixed together.
    """
    if not isinstance(survey, pd.DataFrame):
        msg = f"the survey must be a table (pandas DataFrame), got {type(survey).__name__}"
        raise ValueError(msg)
    if by not in survey.columns:
        if by == "side":
            msg = "the survey has no 'side' column; each answer needs side 'us' or 'partner'"
        else:
            columns = ", ".join(map(str, survey.columns))
            msg = f"the survey has no {by!r} column to group the answers by; its columns: {columns}"
        raise ValueError(msg)
    items = item_columns(survey)
    if not items:
        msg = (
            "the survey has no item columns; name them <dimension>_<number>, e.g. trust_1, "
            f"got columns {', '.join(map(str, survey.columns))}"
        )
        raise ValueError(msg)
    for key in ("alliance", "quarter") if one_round else ():
        if key in survey.columns and survey[key].nunique() > 1:
            values = sorted(map(str, survey[key].dropna().unique()))
            msg = (
                f"the survey mixes several values of {key!r} ({', '.join(values[:5])}); "
                "pick one survey first, e.g. toolkit.data.survey('Delta', quarter=8)"
            )
            raise ValueError(msg)
    answers = survey[items]
    scores = _numeric(answers)
    bad = (scores < 1) | (scores > 5)  # False where a score is missing (NaN)
    if bad.any():
        column = items[int(np.flatnonzero(bad.any(axis=0))[0])]
        msg = f"column {column!r} has answers outside 1 to 5; answers must be 1, 2, 3, 4 or 5"
        raise ValueError(msg)
    return items, answers, scores


def _numeric(items: pd.DataFrame) -> np.ndarray:
    """The item columns as numbers (a float array; what is not a number is NaN)."""
    if all(pd.api.types.is_numeric_dtype(kind) for kind in items.dtypes):
        return items.to_numpy(dtype=float)
    return items.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)


def dimension_scores(survey: pd.DataFrame, by: str = "side") -> pd.DataFrame:
    """Each side's average per dimension (rows: dimensions; columns: sides).

    Parameters
    ----------
    survey : pandas.DataFrame
        One survey round: a ``side`` column and item columns such as ``trust_1``.
    by : str, optional
        The column that says whose answer it is: ``"side"`` (us / partner), or
        ``"company"`` to give each company of a multi-partner alliance its own side.

    Examples
    --------
    >>> import toolkit.data as data
    >>> list(dimension_scores(data.survey("Constellation", quarter=16), by="company").columns)
    ['Acme Software', 'Orbit Systems', 'Vela Consulting']
    """
    items, answers, scores = _check_survey(survey, by)
    table, dims, sides = _side_means(scores, _whose(survey, by), _dimensions_of(items))
    table = pd.DataFrame(table, index=pd.Index(dims, name="dimension"), columns=sides)
    nullable = any(isinstance(kind, pd.api.extensions.ExtensionDtype) for kind in answers.dtypes)
    return table.astype("Float64") if nullable else table  # as the survey's own numbers


def _whose(survey: pd.DataFrame, by: str) -> np.ndarray:
    """Whose each answer is (the ``by`` column as text)."""
    return np.array(survey[by].astype(str).tolist(), dtype=object)


def _dimensions_of(items: list[str]) -> np.ndarray:
    """The dimension of each item column."""
    return np.array([dimension_of(item) for item in items], dtype=object)


def _side_means(
    scores: np.ndarray, whose: np.ndarray, of: np.ndarray
) -> tuple[np.ndarray, list[str], list[str]]:
    """:func:`dimension_scores` as an array (rows: dimensions; columns: sides), and their names.

    ``scores`` holds the answers (a row per answer, a column per item, NaN where empty),
    ``whose`` says whose each answer is and ``of`` each item's dimension.
    """
    dims = list(dict.fromkeys(of.tolist()))
    # us and partner first; other sides (companies) in the order they first answer
    seen = list(dict.fromkeys(whose.tolist()))
    sides = [s for s in ("us", "partner") if s in seen]
    sides += [s for s in seen if s not in sides]
    # each side's mean over every answer to the dimension's items (missing answers skipped)
    table = np.full((len(dims), len(sides)), np.nan)
    for j, side in enumerate(sides):
        rows = scores[whose == side]
        for i, dim in enumerate(dims):
            block = rows[:, of == dim]
            answered = ~np.isnan(block)
            if answered.any():
                table[i, j] = block[answered].sum() / answered.sum()
    return table, dims, sides


def _index_of(table: np.ndarray) -> float:
    """The health index of :func:`_side_means`' table: the mean of each dimension's side means.

    Worked out as pandas' ``mean`` does, missing values skipped (set to 0 and not counted),
    so that it is the same number to the last digit as ``dimension_scores(...).mean(axis=1)
    .mean()``; ``nan`` when nothing was answered.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        answered = ~np.isnan(table)
        dims = np.where(answered, table, 0.0).sum(axis=1) / answered.sum(axis=1)
        kept = ~np.isnan(dims)
        return float(np.where(kept, dims, 0.0).sum() / kept.sum())


def health_index(survey: pd.DataFrame) -> float:
    """The alliance's health index: the average of the dimension scores, sides weighted equally.

    Each side counts equally however many people answered, and each dimension counts equally
    however many items it has; empty answers are skipped. The result is on the survey's 1-5
    scale (*typical* averages run from about 3.2 to 4.6).

    Examples
    --------
    >>> import toolkit.data as data
    >>> round(health_index(data.survey("Northwind", quarter=8)), 2)
    3.94
    """
    items, _, scores = _check_survey(survey)
    return _index_of(_side_means(scores, _whose(survey, "side"), _dimensions_of(items))[0])


def health_indexes(survey: pd.DataFrame, by: str = "alliance") -> dict[str, float]:
    """:func:`health_index` of each group of answers (by default each alliance's), at once.

    ``survey`` holds one round per group (each alliance's latest, say); the answers are
    checked and turned into numbers once for all the groups, which is what makes it quicker
    than a :func:`health_index` per group. Groups come in the order they first appear.

    Examples
    --------
    >>> import toolkit.data as data
    >>> q8 = data.survey()
    >>> q8 = q8[q8["quarter"] == 8]
    >>> every = health_indexes(q8)
    >>> every["Northwind"] == health_index(data.survey("Northwind", quarter=8))
    True
    """
    if by not in survey.columns:
        msg = f"the survey has no {by!r} column to tell the groups apart"
        raise ValueError(msg)
    items, _, scores = _check_survey(survey, one_round=False)
    whose, of = _whose(survey, "side"), _dimensions_of(items)
    groups, names = pd.factorize(survey[by].astype(str), sort=False)
    return {
        str(name): _index_of(_side_means(scores[groups == g], whose[groups == g], of)[0])
        for g, name in enumerate(names)
    }


def perception_gaps(survey: pd.DataFrame, by: str = "side") -> pd.DataFrame:
    """Per dimension: each partner's average score and the gap between them.

    Returns
    -------
    pandas.DataFrame
        Indexed by dimension, with one column per side (``us``, ``partner``), ``gap`` (the
        absolute difference) and ``higher`` (the side that sees the dimension more
        favourably). The largest gap is ``perception_gaps(survey)["gap"].idxmax()``.
        A survey with more than two sides (``by="company"`` in a three-partner alliance)
        is refused: use :func:`pairwise_gaps` for it.

    Examples
    --------
    >>> import toolkit.data as data
    >>> gaps = perception_gaps(data.survey("Delta", quarter=8))
    >>> list(gaps.columns)
    ['us', 'partner', 'gap', 'higher']
    """
    table = dimension_scores(survey, by)
    sides = list(table.columns)
    if len(sides) != 2:
        msg = f"a perception gap needs answers from two sides, got {sides or 'none'}"
        if len(sides) > 2:
            msg += "; for three or more sides use pairwise_gaps(survey), a gap for each pair"
        raise ValueError(msg)
    first, second = sides
    gaps = table.copy()
    gaps["gap"] = (table[first] - table[second]).abs()
    gaps["higher"] = np.where(table[first] >= table[second], first, second)
    return gaps


def pairwise_gaps(survey: pd.DataFrame, by: str = "side") -> pd.DataFrame:
    """The perception gap between each pair of sides, per dimension.

    A three-partner alliance has three pairs of companies, and two of them can agree while the
    third sees the alliance quite differently; a single "us against the partners" gap would
    hide that. With two sides this gives the same gaps as :func:`perception_gaps`.

    Parameters
    ----------
    survey : pandas.DataFrame
        One survey round.
    by : str, optional
        The column that says whose answer it is (``"side"``, or ``"company"`` for each
        company of a multi-partner alliance).

    Returns
    -------
    pandas.DataFrame
        One row per pair and dimension, pairs in the order of the sides: ``dimension``,
        ``pair`` (``"A – B"``), ``side_a``, ``side_b``, ``score_a``, ``score_b``, ``gap`` (the
        absolute difference) and ``higher`` (the side that sees the dimension more
        favourably). The widest gap is :func:`widest_gap`.

    Raises
    ------
    ValueError
        When fewer than two sides answered, or the ``by`` column is missing.

    Examples
    --------
    >>> import toolkit.data as data
    >>> pairs = pairwise_gaps(data.survey("Constellation", quarter=16), by="company")
    >>> pairs["pair"].unique().tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['Acme Software – Orbit Systems', 'Acme Software – Vela Consulting',
     'Orbit Systems – Vela Consulting']
    >>> delta = data.survey("Delta", quarter=8)
    >>> pairwise_gaps(delta)["gap"].tolist() == perception_gaps(delta)["gap"].tolist()
    True
    """
    return gaps_between(dimension_scores(survey, by))


def gaps_between(table: pd.DataFrame) -> pd.DataFrame:
    """The gap between each pair of sides, per dimension, of a table of dimension scores.

    ``table`` is what :func:`dimension_scores` gives (rows: dimensions; columns: sides); the
    result is that of :func:`pairwise_gaps`. A case written with scores rather than answers
    (the steering committee's quarters) uses this directly.

    Examples
    --------
    >>> scores = pd.DataFrame({"A": [4.0, 3.5], "B": [3.0, 3.5]}, index=["trust", "commitment"])
    >>> gaps_between(scores)[["dimension", "pair", "gap", "higher"]].to_dict("records")[0]
    {'dimension': 'trust', 'pair': 'A – B', 'gap': 1.0, 'higher': 'A'}
    """
    sides = list(table.columns)
    if len(sides) < 2:
        msg = f"a perception gap needs answers from at least two sides, got {sides or 'none'}"
        raise ValueError(msg)
    rows = []
    for a, b in itertools.combinations(sides, 2):
        for dimension in table.index:
            score_a, score_b = table.loc[dimension, a], table.loc[dimension, b]
            rows.append(
                {
                    "dimension": dimension,
                    "pair": f"{a} – {b}",
                    "side_a": a,
                    "side_b": b,
                    "score_a": score_a,
                    "score_b": score_b,
                    "gap": abs(score_a - score_b),
                    "higher": a if score_a >= score_b else b,
                }
            )
    return pd.DataFrame(rows)


def widest_gap(pairs: pd.DataFrame) -> pd.Series:
    """The row of :func:`pairwise_gaps` with the widest gap (the first of equal ones).

    Examples
    --------
    >>> import toolkit.data as data
    >>> row = widest_gap(pairwise_gaps(data.survey("Delta", quarter=8)))
    >>> row["dimension"], row["higher"]
    ('commitment', 'us')
    """
    if pairs.empty or pairs["gap"].isna().all():
        msg = "there is no gap to compare: the survey has no dimension answered by two sides"
        raise ValueError(msg)
    return pairs.loc[pairs["gap"].astype(float).idxmax()]
