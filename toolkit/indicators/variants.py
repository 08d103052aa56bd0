"""The data of the ``reading-the-indicators`` assignment: six alliances of its own per variant.

Every variant (1 to :data:`COUNT`, and 0 for practice) is a small portfolio of six fictional
alliances with 48 months of data, made by the course's causal model; the lessons keep the
shared course data. Between variants differ: the alliance whose lag Part 2 asks for, which
alliances' revenue will fall (Part 3), the survey of Part 4, and the eight metrics Part 1 asks
to sort.

A student works with :class:`IndicatorCase` (``my_case()`` in the notebook): its
``series``, ``trends`` and ``survey`` answer the questions the way the lessons teach.

This module holds the questions and the data, never the answers. The data are files:
``datasets/variants/reading-the-indicators/`` (:data:`FOLDER`) holds each variant's panel,
survey and questions. The instructor package writes them from the plan behind them (which
alliances fall, the true lag, the generator's profiles), which the students' environment
does not have: ``build-course-env`` writes them into the hub's course environment, and
``make setup`` into a checkout of the course.

Examples
--------
>>> case = case_for(12)
>>> len(case.alliance_names()), len(case.metrics), case.lag_alliance in case.alliance_names()
(6, 8, True)
>>> case.series(case.lag_alliance, "deal_registrations").index.name
'month'
>>> sorted(facts(12))
['alliances', 'lag of', 'metrics to sort', 'survey']
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import ClassVar

import pandas as pd

from toolkit.data.loaders import DATASETS
from toolkit.ui.messages import Text
from toolkit.variants.registry import VariantCase, VariantSet, count_of

__all__ = [
    "ASSIGNMENT",
    "COUNT",
    "FALLING_BELOW",
    "FALLING_MARGIN",
    "FOLDER",
    "LEADING_TRENDS",
    "VARIANTS",
    "IndicatorCase",
    "Questions",
    "case_for",
    "questions_for",
    "read_tables",
]

ASSIGNMENT = "reading-the-indicators"
COUNT = count_of(ASSIGNMENT)
#: the leading columns of the trends table (Part 3 reads them)
LEADING_TRENDS = ("deal_registrations", "partner_leads", "trained_sellers", "sponsor_meetings")
#: Part 3's line: an alliance whose leading columns change on average by less than this many
#: percent (last 6 months against the 12 before) has collapsed, and its revenue will fall.
#: The hidden test draws it here; vetting keeps every variant's alliances at least
#: :data:`FALLING_MARGIN` points away from it on both sides, so the line is never close.
FALLING_BELOW = -32.5
#: how far (percentage points) vetting keeps falling and steady alliances from FALLING_BELOW
FALLING_MARGIN = 7.5
#: where a course environment keeps the variants' data (see build-course-env)
FOLDER = DATASETS / "variants" / ASSIGNMENT
QUESTIONS_FILE = "questions.json"


@dataclass(frozen=True)
class Questions:
    """What one variant asks about (its questions, never their answers)."""

    number: int
    names: tuple[str, ...]  # the six alliances, in the order the notebook names them
    lag_alliance: str  # the alliance whose lag Part 2 asks for
    survey_alliance: str  # the alliance whose health check Part 4 shows
    survey_quarter: int  # and its quarter
    metrics: tuple[str, ...]  # the eight metrics Part 1 asks to sort

    def to_json(self) -> dict:
        """The questions as JSON values (what the data folder keeps)."""
        return asdict(self)

    @classmethod
    def from_json(cls, values: dict) -> Questions:
        """The questions read back from :meth:`to_json`."""
        return cls(
            number=int(values["number"]),
            names=tuple(values["names"]),
            lag_alliance=str(values["lag_alliance"]),
            survey_alliance=str(values["survey_alliance"]),
            survey_quarter=int(values["survey_quarter"]),
            metrics=tuple(values["metrics"]),
        )


# --- the data: files written by the instructor package ----------------------------------
@cache
def _index() -> dict:
    """The data folder's ``questions.json`` (every variant's questions, the tables' types)."""
    path = FOLDER / QUESTIONS_FILE
    if not path.exists():
        msg = (
            f"the data of {ASSIGNMENT} are missing: {path} does not exist. In a checkout of "
            "the course, run `make setup`, which writes them; on the course's hub, ask the "
            "instructor to rebuild the course environment (deploy/jupyterhub/build-course-env)."
        )
        raise FileNotFoundError(msg)
    return json.loads(path.read_text(encoding="utf-8"))


def questions_for(number: int) -> Questions:
    """What variant ``number`` asks about (cheap: no data is read or made)."""
    VARIANTS.check(number)
    return Questions.from_json(_index()["variants"][number])


def read_tables(folder, number: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One variant's panel and survey from a data folder, with the types they were made with."""
    index = json.loads((folder / QUESTIONS_FILE).read_text(encoding="utf-8"))
    tables = []
    for kind in ("panel", "survey"):
        types = index["dtypes"][kind]
        table = pd.read_csv(
            folder / f"{kind}-{number:02d}.csv",
            dtype={c: t for c, t in types.items() if t != "float64"},
            keep_default_na=False,
            na_values=[""],
        )
        tables.append(table.astype(types)[list(types)])
    return tables[0], tables[1]


def _tables(number: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    _index()  # names the fix when the data are missing
    return read_tables(FOLDER, number)


@dataclass(frozen=True)
class IndicatorCase(VariantCase):
    """The portfolio of one variant, as the assignment's notebook uses it."""

    assignment: ClassVar[str] = ASSIGNMENT
    number: int
    assigned: object = field(default=None, repr=False, compare=False)
    _tables: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def questions(self) -> Questions:
        """What this variant asks about."""
        return questions_for(self.number)

    @property
    def metrics(self) -> tuple[str, ...]:
        """The eight metrics Part 1 asks to sort."""
        return self.questions.metrics

    @property
    def lag_alliance(self) -> str:
        """The alliance whose lag Part 2 asks for."""
        return self.questions.lag_alliance

    @property
    def survey_alliance(self) -> str:
        """The alliance whose health check Part 4 shows."""
        return self.questions.survey_alliance

    @property
    def survey_quarter(self) -> int:
        """The quarter of Part 4's health check."""
        return self.questions.survey_quarter

    def alliance_names(self) -> list[str]:
        """The six alliances of this portfolio."""
        return list(self.questions.names)

    def _data(self):
        if "panel" not in self._tables:
            self._tables["panel"], self._tables["survey"] = _tables(self.number)
        return self._tables["panel"], self._tables["survey"]

    @property
    def panel(self) -> pd.DataFrame:
        """Every alliance's monthly metrics (a copy)."""
        return self._data()[0].copy()

    def series(self, alliance: str, metric: str) -> pd.Series:
        """One metric of one alliance, indexed by month (like ``data.series`` in the lessons)."""
        from toolkit.ui.messages import did_you_mean

        panel = self._data()[0]
        names = self.alliance_names()
        if alliance not in names:
            hint = did_you_mean(alliance, names)
            msg = f"no alliance {alliance!r} in your portfolio.{hint} Alliances: " + ", ".join(
                names
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
            f"By how many months does **{a}**'s partner-sourced revenue follow its deal "
            f"registrations? The lag explorer below is open at {a}, on your own portfolio's "
            "data: read the sentence above its charts and the dark bar, then type the number "
            "of months in the box under it."
        )

    def gaps_text(self) -> Text:
        """Part 4's question."""
        return Text(
            f"The health check below is **{self.survey_alliance}**'s, from quarter "
            f"{self.survey_quarter}: its health index, each side's average score per "
            "dimension with the gap between them, and the chart of the gaps. Read where its "
            "health index falls among the bands of lesson 04, and which dimension has the "
            "largest perception gap."
        )

    def health_check(self):
        """Part 4's health check: the survey's index, its gaps table and its chart."""
        from toolkit.health.assignment import health_check_view

        title = f"{self.survey_alliance}'s health check, quarter {self.survey_quarter}"
        return health_check_view(self.survey(), title)


def case_for(number: int, assigned=None) -> IndicatorCase:
    """The portfolio of variant ``number`` (its data is read on first use)."""
    return VARIANTS.case(number, assigned)


# --- what the instructor's list of variants shows (see toolkit.variants.registry) ----------
def facts(number: int) -> dict:
    """The key facts of a variant (its questions, not their answers)."""
    q = questions_for(number)
    return {
        "alliances": ", ".join(q.names),
        "lag of": q.lag_alliance,
        "survey": f"{q.survey_alliance}, quarter {q.survey_quarter}",
        "metrics to sort": ", ".join(q.metrics),
    }


VARIANTS = VariantSet(
    assignment=ASSIGNMENT,
    build=IndicatorCase,
    facts=facts,
    sample=(5, 12, 33),
)
