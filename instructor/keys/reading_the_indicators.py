"""The plan behind the ``reading-the-indicators`` variants, and its vetting (instructors only).

Each variant's portfolio is planned here (:func:`plan_for`: which alliance's lag is asked and
what it is, which two alliances' revenue will fall, which dimension of the survey has the
largest gap) and generated from the plan by the course's causal model
(:mod:`instructor.generator`, via ``alliance_data``). :func:`vet` checks that the taught
method recovers the plan with a clear margin; :data:`RESEEDED` lists the variants whose
first draw did not.

This module holds the answers, so it is part of the instructor package and never reaches a
student: what the students' toolkit (:mod:`toolkit.indicators.variants`) reads is each
variant's data and questions, written by :func:`write_data` (``build-course-env`` writes them
into the hub's course environment, ``make setup`` into ``datasets/variants/`` of a checkout).

Examples
--------
>>> sorted(truth(12)) == ["falling", "lag", "largest_gap"]
True
>>> questions_for(12).lag_alliance == plan_for(12).lag_alliance
True
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from instructor.keys import Key
from toolkit.health.model import DIMENSIONS
from toolkit.indicators.catalogue import METRICS
from toolkit.indicators.variants import (
    ASSIGNMENT,
    COUNT,
    FALLING_BELOW,
    FALLING_MARGIN,
    LEADING_TRENDS,
    QUESTIONS_FILE,
    VARIANTS,
    IndicatorCase,
    Questions,
    case_for,
)

__all__ = [
    "KEY",
    "LAGS",
    "MARGINS",
    "RESEEDED",
    "Plan",
    "answers",
    "difficulty",
    "generate",
    "plan_for",
    "questions_for",
    "truth",
    "vet",
    "write_data",
]

#: the lags Part 2 may ask for (months from deal registration to revenue)
LAGS = (3, 4, 5, 6, 7, 8, 9, 10)
# alliance names of the assignment's portfolios (none is an alliance of the course data)
_NAMES = (
    "Atlas", "Beacon", "Comet", "Dover", "Everest", "Falcon", "Glacier", "Horizon", "Juno",
    "Keystone", "Lagoon", "Mesa", "Nebula", "Oasis", "Pioneer", "Quasar", "Redwood", "Sierra",
    "Tundra", "Unity", "Vista", "Wren", "Yukon", "Zenith",
)  # fmt: skip
# the pair of alliances whose revenue falls, one pair per variant
_FALLING_PAIRS = random.Random(ASSIGNMENT).sample(list(itertools.combinations(_NAMES, 2)), 41)
_PARTNERS = ("Cloud", "Systems", "Networks", "Analytics", "Software", "Digital", "Labs")
_MONTHS = 48


@dataclass(frozen=True)
class Plan:
    """What the generator is asked for in one variant (the grader's facts, not the student's)."""

    number: int
    names: tuple[str, ...]
    roles: tuple[str, ...]  # per alliance: "lag", "falling" or "steady"
    lag: int
    survey_alliance: str
    survey_quarter: int
    largest_gap: str
    metrics: tuple[str, ...]

    @property
    def lag_alliance(self) -> str:
        """The alliance whose lag Part 2 asks for."""
        return self.names[self.roles.index("lag")]

    @property
    def falling(self) -> tuple[str, ...]:
        """The alliances whose revenue will fall next year (their leading indicators fell)."""
        return tuple(n for n, r in zip(self.names, self.roles, strict=True) if r == "falling")


def plan_for(number: int) -> Plan:
    """The plan of variant ``number`` (cheap: nothing is simulated)."""
    VARIANTS.check(number)
    rng = random.Random(f"{ASSIGNMENT}/{number}")
    falling = _FALLING_PAIRS[number]  # no two variants have the same falling alliances
    others = rng.sample([n for n in _NAMES if n not in falling], 4)
    portfolio = [(n, "falling") for n in falling] + [(others[0], "lag")]
    portfolio += [(n, "steady") for n in others[1:]]
    rng.shuffle(portfolio)
    names, roles = (tuple(x) for x in zip(*portfolio, strict=True))
    leading = [m.name for m in METRICS if m.kind == "leading"]
    lagging = [m.name for m in METRICS if m.kind == "lagging"]
    metrics = rng.sample(leading, 4) + rng.sample(lagging, 4)
    rng.shuffle(metrics)
    return Plan(
        number=number,
        names=names,
        roles=roles,
        lag=LAGS[(3 * number + 1) % len(LAGS)],  # each lag in five or six variants
        survey_alliance=rng.choice([n for n, r in portfolio if r != "lag"]),
        survey_quarter=rng.randint(10, 16),
        largest_gap=rng.choice(DIMENSIONS),
        metrics=tuple(metrics),
    )


def questions_for(number: int) -> Questions:
    """What variant ``number`` asks about: the part of its plan a student may see."""
    plan = plan_for(number)
    return Questions(
        number=number,
        names=plan.names,
        lag_alliance=plan.lag_alliance,
        survey_alliance=plan.survey_alliance,
        survey_quarter=plan.survey_quarter,
        metrics=plan.metrics,
    )


def truth(number: int) -> dict:
    """The answers of variant ``number``: the lag, the falling alliances, the largest gap."""
    plan = plan_for(number)
    return {"lag": plan.lag, "falling": sorted(plan.falling), "largest_gap": plan.largest_gap}


# --- the data, generated by the course's causal model ----------------------------------------
def _profile(plan: Plan, name: str, role: str, rng: random.Random):
    """The generator's description of one alliance of the portfolio."""
    from instructor.generator.profiles import Profile

    m = np.arange(1, _MONTHS + 1)
    # joint campaigns of varying size at the start of most quarters: the pattern a lag is read by
    sizes = (0.0, 0.2, 0.4, 0.6) if role == "lag" else (0.0, 0.15, 0.3, 0.45)
    pulses = np.array([rng.choice(sizes) for _ in range(_MONTHS // 3)])
    campaigns = np.where(m % 3 == 1, pulses[(m - 1) // 3], 0.0)
    start = rng.uniform(0.3, 0.45)
    base = np.clip(start + (1.0 - start) * (m - 1) / rng.randint(10, 16), 0, 1.0) + campaigns
    if role == "falling":
        drop = rng.randint(38, 40)
        base = np.where(m < drop, base, np.maximum(0.08, 1.0 - 0.3 * (m - drop + 1)))
    cycle = plan.lag if role == "lag" else rng.choice((6, 7, 8, 9) if role == "falling" else LAGS)
    shocks = {}
    if name == plan.survey_alliance:
        month = 3 * plan.survey_quarter
        shocks[("partner", plan.largest_gap)] = (month - 5, -1.6, month + 1)
    return Profile(
        alliance=name,
        partners=(f"{name} {rng.choice(_PARTNERS)}",),
        industry="",
        profile=role,
        story="",
        sales_cycle=cycle,
        deal_size=round(rng.uniform(30.0, 80.0), 1),
        win_rate=round(rng.uniform(0.3, 0.4), 2),
        lead_scale=360.0 if role == "lag" else round(rng.uniform(120.0, 200.0)),
        effort=tuple(round(float(v), 4) for v in np.clip(base, 0, 1.4)),
        shocks=shocks,
        noise=0.45,
    )


def _alliance_tables(profile, seed: int, with_survey: bool):
    """One alliance's monthly panel (and survey) from the course's causal model.

    The only place this module calls the generator: the same :func:`alliance_data` that makes
    each alliance of the course data, with the variant's profile and seed.
    """
    from instructor.generator.alliance import alliance_data

    made = alliance_data(profile, seed)
    return made.panel, (made.survey if with_survey else None)


#: variants whose first draw of data did not pass vetting (``course-admin vet``), and the
#: draw that did: the same plan, other random numbers (Moodle STACK replaces such variants)
RESEEDED = {1: 1, 4: 1, 5: 1, 7: 1, 8: 1, 9: 1, 16: 1, 17: 1, 31: 1}


def generate(number: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Variant ``number``'s panel (six alliances, 48 months) and survey (one quarter)."""
    plan = plan_for(number)
    draw = RESEEDED.get(plan.number, 0)
    rng = random.Random(f"{ASSIGNMENT}/{plan.number}/data/{draw}")
    panels, survey = [], None
    for index, (name, role) in enumerate(zip(plan.names, plan.roles, strict=True)):
        profile = _profile(plan, name, role, rng)
        seed = 7919 * (plan.number + 1) + 101 * draw + index
        table, answers = _alliance_tables(profile, seed, name == plan.survey_alliance)
        panels.append(table)
        if answers is not None:
            survey = answers[answers["quarter"] == plan.survey_quarter].reset_index(drop=True)
    return pd.concat(panels, ignore_index=True), survey


# --- the data a student's toolkit reads -----------------------------------------------------
def write_data(folder) -> list[Path]:
    """Write every variant's questions, panel and survey into ``folder`` (no answers).

    What a course environment holds instead of this module (``build-course-env`` calls it):
    ``questions.json`` (each variant's :class:`~toolkit.indicators.variants.Questions`, and
    the column types of the tables) and ``panel-NN.csv`` and ``survey-NN.csv`` per variant,
    which :func:`~toolkit.indicators.variants.read_tables` reads back to the same numbers.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, variants, dtypes = [], [], {}
    for number in range(COUNT + 1):
        variants.append(questions_for(number).to_json())
        for kind, table in zip(("panel", "survey"), generate(number), strict=True):
            types = {c: str(t) for c, t in table.dtypes.items()}
            if dtypes.setdefault(kind, types) != types:
                msg = f"variant {number}: the {kind}'s columns differ from variant 0's"
                raise ValueError(msg)
            path = folder / f"{kind}-{number:02d}.csv"
            table.to_csv(path, index=False, lineterminator="\n")
            written.append(path)
    index = {"assignment": ASSIGNMENT, "count": COUNT, "dtypes": dtypes, "variants": variants}
    path = folder / QUESTIONS_FILE
    path.write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return [path, *written]


def _lag_reading(case: IndicatorCase):
    """What the taught method (:func:`~toolkit.indicators.lags.best_lag`) reads for Part 2."""
    from toolkit.indicators.lags import best_lag

    a = case.lag_alliance
    return best_lag(case.series(a, "deal_registrations"), case.series(a, "sourced_revenue"))


def _trend_reading(case: IndicatorCase) -> tuple[float, float]:
    """The mean change of the leading columns, falling alliances against the others.

    Returns the highest change among the falling alliances and the lowest among the others
    (percent).
    """
    table = case.trends()
    leading = table[list(LEADING_TRENDS)].mean(axis=1)
    plan = plan_for(case.number)
    falling = list(plan.falling)
    steady = [n for n in plan.names if n not in falling]
    return float(leading[falling].max()), float(leading[steady].min())


def _gap_margin(case: IndicatorCase) -> tuple[str, float]:
    from toolkit.health.model import perception_gaps

    gaps = perception_gaps(case.survey())["gap"].sort_values(ascending=False)
    return str(gaps.index[0]), float(gaps.iloc[0] - gaps.iloc[1])


def difficulty(number: int) -> dict:
    """Numbers that should be alike across variants."""
    plan = plan_for(number)
    return {
        "alliances": len(plan.names),
        "falling alliances": len(plan.falling),
        "metrics to sort": len(plan.metrics),
        "leading metrics to sort": sum(
            m.kind == "leading" for m in METRICS if m.name in plan.metrics
        ),
    }


#: the margins the taught method must keep, besides reading the lag as "clear": the leading
#: columns of a falling alliance at most ``falling`` percent, of the others at least
#: ``steady`` percent, both :data:`~toolkit.indicators.variants.FALLING_MARGIN` away from the
#: line the hidden test draws (:data:`~toolkit.indicators.variants.FALLING_BELOW`); the
#: largest gap ahead of the next, in points of the 1-5 scale
MARGINS = {
    "falling": FALLING_BELOW - FALLING_MARGIN,
    "steady": FALLING_BELOW + FALLING_MARGIN,
    "gap": 0.25,
}


def vet(number: int) -> list[str]:
    """What the taught method gets wrong, or only narrowly right, in variant ``number``."""
    case, plan, problems = case_for(number), plan_for(number), []
    if list(questions_for(number).names) != case.alliance_names():
        problems.append("the case's alliances are not the plan's (stale data files?)")
    reading = _lag_reading(case)
    if reading.lag != plan.lag or not reading.clear:
        problems.append(
            f"best_lag reads {reading.lag} months for {plan.lag_alliance} (true: {plan.lag}), "
            f"{reading.verdict} (needs clear): {reading.reason}"
        )
    falling, steady = _trend_reading(case)
    if falling > MARGINS["falling"] or steady < MARGINS["steady"]:
        problems.append(
            f"the leading columns change by {falling:.0f} % at most for the falling alliances "
            f"(needs {MARGINS['falling']:g} %) and by {steady:.0f} % at least for the others "
            f"(needs {MARGINS['steady']:g} %)"
        )
    largest, gap = _gap_margin(case)
    if largest != plan.largest_gap or gap < MARGINS["gap"]:
        problems.append(
            f"the largest gap reads {largest} (planned: {plan.largest_gap}), {gap:.2f} ahead "
            f"of the next (needs {MARGINS['gap']})"
        )
    return problems


def answer_files(number: int) -> dict[str, str]:
    """The files the widgets save for variant ``number`` when every part is answered right.

    Each is what its control writes (``{"kind": ..., "data": ...}``): the sorter's answers, and
    the saved form of each part's question (:func:`~toolkit.ui.answers.questions.saved_form`)
    with the answer of :func:`truth`, computed from the variant's plan and data, never from a
    solution's variables.

    Examples
    --------
    >>> sorted(answer_files(12))  # doctest: +NORMALIZE_WHITESPACE
    ['falling-revenue.answer.json', 'health-band.answer.json', 'largest-gap.answer.json',
     'my-indicator-sorting.json', 'revenue-lag.answer.json']
    """
    from toolkit.health.assignment import (
        BAND_FILE,
        GAP_FILE,
        band_question,
        bands_within,
        gap_question,
    )
    from toolkit.health.model import health_index
    from toolkit.indicators.assignment import (
        FALLING_FILE,
        LAG_FILE,
        SORTING_FILE,
        falling_question,
        lag_question,
    )
    from toolkit.indicators.catalogue import kind_of
    from toolkit.indicators.model import KIND
    from toolkit.ui.answers.questions import saved_form

    case, facts = case_for(number), truth(number)

    def saved(question, answer) -> str:
        content = {"kind": question.kind, "data": saved_form(question, answer, number)}
        return json.dumps(content, indent=2)

    sorting = {"kind": KIND, "data": {"answers": {m: kind_of(m) for m in case.metrics}}}
    return {
        SORTING_FILE: json.dumps(sorting, indent=2),
        LAG_FILE: saved(lag_question(case), facts["lag"]),
        FALLING_FILE: saved(falling_question(case), facts["falling"]),
        BAND_FILE: saved(band_question(), bands_within(health_index(case.survey()))[0]),
        GAP_FILE: saved(gap_question(), facts["largest_gap"]),
    }


def answers(namespace: dict) -> dict:
    """The answer key of the variant the notebook ran for (see :class:`instructor.keys.Key`).

    Every automatic part is answered with a widget, so there are no typed answers: the key is
    the files the widgets save (:func:`answer_files`), for the variant of the case the
    notebook shows (``namespace["case"]``).
    """
    return {"answers": {}, "files": answer_files(int(namespace["case"].number))}


KEY = Key(
    assignment=ASSIGNMENT,
    answers=answers,
    difficulty=difficulty,
    vet=vet,
    spread={"alliances": 0, "falling alliances": 0, "metrics to sort": 0},
)


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m instructor.keys.reading_the_indicators FOLDER")
    print(f"{ASSIGNMENT}: {len(write_data(sys.argv[1]))} files in {sys.argv[1]}")
