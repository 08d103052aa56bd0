"""The data of the ``reading-the-indicators`` assignment: six alliances of its own per variant.

Every variant (1 to :data:`COUNT`, and 0 for practice) is a small portfolio of six fictional
alliances generated at run time by the course's causal model (:mod:`toolkit.data.generator`),
from the variant's own plan and seed; the lessons keep the shared course data. Between
variants differ: the alliance whose lag Part 2 asks for and its lag, which alliances' revenue
will fall (Part 3), the survey of Part 4 and its largest perception gap, and the eight
metrics Part 1 asks to sort.

A student works with :class:`IndicatorCase` (``my_case()`` in the notebook): its
``series``, ``trends`` and ``survey`` answer the questions the way the lessons teach. The
plan behind the data (:func:`truth`) is for the grader and the instructor's vetting, which
checks that the taught method recovers it with a clear margin (:func:`vet`).

Examples
--------
>>> case = case_for(12)
>>> len(case.alliance_names()), len(case.metrics), case.lag_alliance in case.alliance_names()
(6, 8, True)
>>> case.series(case.lag_alliance, "deal_registrations").index.name
'month'
>>> sorted(truth(12)) == ["falling", "lag", "largest_gap"]
True
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from toolkit.indicators.catalogue import METRICS
from toolkit.variants.registry import VariantSet

__all__ = [
    "ASSIGNMENT",
    "COUNT",
    "LAGS",
    "LEADING_TRENDS",
    "RESEEDED",
    "VARIANTS",
    "IndicatorCase",
    "Plan",
    "case_for",
    "plan_for",
    "truth",
]

ASSIGNMENT = "reading-the-indicators"
COUNT = 40
#: the lags Part 2 may ask for (months from deal registration to revenue)
LAGS = (3, 4, 5, 6, 7, 8, 9, 10)
#: the leading columns of the trends table (Part 3 reads them)
LEADING_TRENDS = ("deal_registrations", "partner_leads", "trained_sellers", "sponsor_meetings")
# alliance names of the assignment's portfolios (none is an alliance of the course data)
_NAMES = (
    "Atlas", "Beacon", "Comet", "Dover", "Everest", "Falcon", "Glacier", "Horizon", "Juno",
    "Keystone", "Lagoon", "Mesa", "Nebula", "Oasis", "Pioneer", "Quasar", "Redwood", "Sierra",
    "Tundra", "Unity", "Vista", "Wren", "Yukon", "Zenith",
)  # fmt: skip
# the pair of alliances whose revenue falls, one pair per variant
_FALLING_PAIRS = random.Random(ASSIGNMENT).sample(list(itertools.combinations(_NAMES, 2)), 41)
_PARTNERS = ("Cloud", "Systems", "Networks", "Analytics", "Software", "Digital", "Labs")
_DIMENSIONS = (
    "trust",
    "communication",
    "commitment",
    "strategic_value",
    "operational_effectiveness",
    "governance",
)
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
    if not isinstance(number, int) or not 0 <= number <= COUNT:
        msg = f"variant {number!r} does not exist: {ASSIGNMENT} has variants 0 to {COUNT}"
        raise ValueError(msg)
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
        largest_gap=rng.choice(_DIMENSIONS),
        metrics=tuple(metrics),
    )


def truth(number: int) -> dict:
    """What the grader checks against: the lag, the falling alliances, the largest gap."""
    plan = plan_for(number)
    return {"lag": plan.lag, "falling": sorted(plan.falling), "largest_gap": plan.largest_gap}


# --- the data, generated by the course's causal model ----------------------------------------
def _profile(plan: Plan, name: str, role: str, rng: random.Random):
    """The generator's description of one alliance of the portfolio."""
    from toolkit.data.generator.profiles import Profile

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
    from toolkit.data.generator.alliance import alliance_data

    made = alliance_data(profile, seed)
    return made.panel, (made.survey if with_survey else None)


#: variants whose first draw of data did not pass vetting (``course-admin vet``), and the
#: draw that did: the same plan, other random numbers (Moodle STACK replaces such variants)
RESEEDED = {1: 1, 4: 1, 5: 1, 7: 1, 8: 1, 9: 1, 16: 1, 17: 1, 31: 1}


def _generate(plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
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


class Text(str):
    """Markdown that a notebook shows formatted."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class IndicatorCase:
    """The portfolio of one variant, as the assignment's notebook uses it."""

    number: int
    assigned: object = field(default=None, repr=False, compare=False)
    _tables: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def plan(self) -> Plan:
        """The variant's plan (the grader's facts)."""
        return plan_for(self.number)

    @property
    def metrics(self) -> tuple[str, ...]:
        """The eight metrics Part 1 asks to sort."""
        return self.plan.metrics

    @property
    def lag_alliance(self) -> str:
        """The alliance whose lag Part 2 asks for."""
        return self.plan.lag_alliance

    @property
    def survey_alliance(self) -> str:
        """The alliance whose health check Part 4 shows."""
        return self.plan.survey_alliance

    @property
    def survey_quarter(self) -> int:
        """The quarter of Part 4's health check."""
        return self.plan.survey_quarter

    def alliance_names(self) -> list[str]:
        """The six alliances of this portfolio."""
        return list(self.plan.names)

    def _data(self):
        if "panel" not in self._tables:
            self._tables["panel"], self._tables["survey"] = _generate(self.plan)
        return self._tables["panel"], self._tables["survey"]

    @property
    def panel(self) -> pd.DataFrame:
        """Every alliance's monthly metrics (a copy)."""
        return self._data()[0].copy()

    def series(self, alliance: str, metric: str) -> pd.Series:
        """One metric of one alliance, indexed by month (like ``data.series`` in the lessons)."""
        from toolkit.ui.messages import did_you_mean

        panel = self._data()[0]
        if alliance not in self.plan.names:
            hint = did_you_mean(alliance, self.plan.names)
            msg = f"no alliance {alliance!r} in your portfolio.{hint} Alliances: " + ", ".join(
                self.plan.names
            )
            raise ValueError(msg)
        columns = [c for c in panel.columns if c not in ("alliance", "month", "period")]
        if metric not in columns:
            hint = did_you_mean(metric, columns, cutoff=0.4)
            msg = f"the panel has no metric {metric!r}.{hint} Metrics: {', '.join(columns)}"
            raise ValueError(msg)
        one = panel[panel["alliance"] == alliance]
        values = one.set_index(one["month"].astype(int).rename("month"))[metric]
        if str(values.dtype) in ("Int64", "boolean"):
            values = values.astype(float)
        return values.rename(metric)

    def trends(self) -> pd.DataFrame:
        """The trends table of Part 3: last 6 months against the 12 before (% change)."""
        from toolkit.indicators.trends import indicator_trends

        return indicator_trends((*LEADING_TRENDS, "sourced_revenue"), panel=self._data()[0])

    def survey(self) -> pd.DataFrame:
        """The health check of Part 4 (one alliance, one quarter), as ``data.survey`` gives it."""
        return self._data()[1].copy()

    # -- what the notebook shows ----------------------------------------------------------
    def banner(self):
        """The line "Case for student `x`: variant n" (see :mod:`toolkit.variants.banner`)."""
        from toolkit.variants.assign import Assigned
        from toolkit.variants.banner import Banner

        return Banner(self.assigned or Assigned(ASSIGNMENT, None, self.number, "practice"))

    def portfolio_text(self) -> Text:
        """The introduction naming the student's six alliances."""
        names = self.alliance_names()
        return Text(
            "**Your portfolio.** Acme Software runs six alliances in this assignment: "
            + ", ".join(f"*{n}*" for n in names[:-1])
            + f" and *{names[-1]}*. Their data (48 months) is yours alone: it comes from the "
            "same kind of joint work as the course data, with other numbers."
        )

    def lag_text(self) -> Text:
        """Part 2's question."""
        a = self.lag_alliance
        return Text(
            f"By how many months does **{a}**'s partner-sourced revenue (`sourced_revenue`) "
            f"follow its deal registrations (`deal_registrations`)? Get the two series with "
            f'`case.series("{a}", "deal_registrations")` and `case.series("{a}", '
            '"sourced_revenue")`.'
        )

    def gaps_text(self) -> Text:
        """Part 4's question."""
        return Text(
            f"The health check below is **{self.survey_alliance}**'s, from quarter "
            f"{self.survey_quarter}. Compute its perception gaps with `perception_gaps` and "
            "name the dimension with the largest gap."
        )


_CACHE: dict[int, IndicatorCase] = {}


def case_for(number: int, assigned=None) -> IndicatorCase:
    """The portfolio of variant ``number`` (its data is generated on first use)."""
    plan_for(number)  # checks the number
    if number not in _CACHE:
        _CACHE[number] = IndicatorCase(number)
    case = _CACHE[number]
    return replace(case, assigned=assigned, _tables=case._tables) if assigned else case


# --- what the instructor's tools need (see toolkit.variants.registry) ----------------------
def facts(number: int) -> dict:
    """The key facts of a variant (its questions, not their answers)."""
    plan = plan_for(number)
    return {
        "alliances": ", ".join(plan.names),
        "lag of": plan.lag_alliance,
        "survey": f"{plan.survey_alliance}, quarter {plan.survey_quarter}",
        "metrics to sort": ", ".join(plan.metrics),
    }


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
    falling = list(case.plan.falling)
    steady = [n for n in case.plan.names if n not in falling]
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
#: ``steady`` percent (reading the trends table, "dropped sharply" is clear); the largest gap
#: ahead of the next, in points of the 1-5 scale
MARGINS = {"falling": -40.0, "steady": -25.0, "gap": 0.25}


def vet(number: int) -> list[str]:
    """What the taught method gets wrong, or only narrowly right, in variant ``number``."""
    case, plan, problems = case_for(number), plan_for(number), []
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


#: the answer key, printed by the reference solution's kernel (see toolkit.variants.registry)
KEY_CODE = """
import json as _json
from toolkit.indicators.catalogue import kind_of as _kind
from toolkit.indicators.sorter import KIND as _SORTED
print(_json.dumps({
    "answers": {
        "lag_answer": {"lag_months": int(lag_months)},
        "falling_answer": {"falling": list(falling)},
        "gaps_answer": {
            "gaps": {str(k): round(float(v), 4) for k, v in gaps["gap"].items()},
            "largest_gap": str(largest_gap),
        },
    },
    "files": {
        "my-indicator-sorting.json": _json.dumps(
            {"kind": _SORTED, "data": {"answers": {m: _kind(m) for m in case.metrics}}}, indent=2
        ),
    },
}))
"""

VARIANTS = VariantSet(
    assignment=ASSIGNMENT,
    count=COUNT,
    facts=facts,
    key_code=KEY_CODE,
    difficulty=difficulty,
    vet=vet,
    sample=(5, 12, 33),
    spread={"alliances": 0, "falling alliances": 0, "metrics to sort": 0},
)
