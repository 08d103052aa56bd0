"""Write the course data package (``datasets/``): the CSV files, the data dictionary, the README.

Run ``python -m toolkit.data.generator`` to rewrite every file; the output is the same byte for
byte each time (a test checks it), so the committed data and the generator never drift apart.

Examples
--------
>>> files = build()
>>> sorted(files)
['README.md', 'alliances.csv', 'datapackage.json', 'health_checks.csv', 'metrics.csv', 'panel.csv']
>>> files["panel.csv"].splitlines()[0].split(",")[:3]
['alliance', 'month', 'period']
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.data.generator.causal import simulate
from toolkit.data.generator.profiles import MONTHS, PROFILES, READABLE, SEED, START
from toolkit.data.generator.survey import health_by_month, survey
from toolkit.data.loaders import DATASETS
from toolkit.health.model import ITEMS
from toolkit.indicators.catalogue import KINDS, METRICS, PERSPECTIVES
from toolkit.indicators.lags import best_lag

__all__ = ["build", "main", "write"]


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, list[dict]]:
    panels, surveys, alliances, truth = [], [], [], []
    for index, p in enumerate(PROFILES):
        rng = np.random.default_rng([SEED, index])
        df, extra = simulate(p, rng)
        answers = survey(p, rng)
        health = health_by_month(answers)
        df.insert(0, "alliance", p.alliance)
        df.insert(1, "month", np.arange(1, MONTHS + 1))
        df.insert(2, "period", [str(START + i) for i in range(MONTHS)])
        df.insert(5, "health_score", df["month"].map(health))
        panels.append(df)
        surveys.append(answers)
        alliances.append(
            {
                "alliance": p.alliance,
                "partners": "; ".join(p.partners),
                "partner_count": len(p.partners),
                "industry": p.industry,
                "kickoff": str(START),
                "typical_deal_k": p.deal_size,
            }
        )
        first = df.loc[df["new_customer_wins"] > 0, "month"]
        by_month = df.set_index("month")
        found = best_lag(by_month["deal_registrations"], by_month["sourced_revenue"])
        truth.append(
            {
                "alliance": p.alliance,
                "profile": p.profile,
                "story": p.story,
                "sales_cycle": p.sales_cycle,
                "win_rate": p.win_rate,
                "first_win_month": int(first.min()) if len(first) else None,
                "found_lag": found,
                "revenue_falls_next_year": p.profile in ("coasting on past work", "sponsor left"),
                **extra,
            }
        )
    panel = pd.concat(panels, ignore_index=True)
    all_answers = pd.concat(surveys, ignore_index=True)
    catalogue = pd.DataFrame([m.__dict__ for m in METRICS])
    return catalogue, pd.DataFrame(alliances), panel, all_answers, truth


# ---------------------------------------------------------------------------------------
# data dictionary
# ---------------------------------------------------------------------------------------
def _units() -> dict[str, str]:
    return {m.name: m.unit for m in METRICS}


def _field(name, type_, description, unit=None, **constraints):
    f = {"name": name, "type": type_, "description": description}
    if unit:
        f["unit"] = unit
    if constraints:
        f["constraints"] = constraints
    return f


def _schema_panel() -> dict:
    units = _units()
    defs = {m.name: m for m in METRICS}

    def metric(name, type_, **c):
        m = defs[name]
        return _field(name, type_, f"{m.label} ({m.kind}). {m.definition}", units[name], **c)

    fields = [
        _field(
            "alliance",
            "string",
            "Name of the fictional alliance (see alliances.csv).",
            required=True,
        ),
        _field(
            "month",
            "integer",
            "Months since the alliance kick-off (1 = first month).",
            "month",
            required=True,
            minimum=1,
            maximum=MONTHS,
        ),
        _field("period", "yearmonth", "Calendar month.", required=True),
        metric("sponsor_meetings", "integer", required=True, minimum=0),
        metric("governance_on_cadence", "integer", required=True, minimum=0, maximum=100),
        metric("health_score", "number", minimum=1, maximum=5),
        metric("jbp_current", "boolean", required=True),
        metric("joint_account_plans", "integer", required=True, minimum=0),
        metric("trained_sellers", "integer", required=True, minimum=0),
        metric("integration_milestones", "integer", required=True, minimum=0),
        metric("joint_campaigns", "integer", required=True, minimum=0),
        metric("accounts_mapped", "integer", required=True, minimum=0),
        metric("partner_leads", "integer", required=True, minimum=0),
        metric("deal_registrations", "integer", required=True, minimum=0),
        metric("pipeline_value", "number", required=True, minimum=0),
        metric("pipeline_conversion", "number", minimum=0, maximum=100),
        metric("new_customer_wins", "integer", required=True, minimum=0),
        metric("win_rate", "number", minimum=0, maximum=100),
        metric("avg_deal_size", "number", minimum=0),
        metric("sourced_revenue", "number", required=True, minimum=0),
        metric("influenced_revenue", "number", required=True, minimum=0),
        metric("revenue_growth", "number", minimum=-100),
        metric("customer_satisfaction", "integer", minimum=-100, maximum=100),
        metric("renewal_rate", "number", minimum=0, maximum=100),
    ]
    return {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": ["alliance", "month"],
        "foreignKeys": [
            {"fields": "alliance", "reference": {"resource": "alliances", "fields": "alliance"}}
        ],
    }


def _schema_survey() -> dict:
    fields = [
        _field("alliance", "string", "Alliance surveyed.", required=True),
        _field(
            "quarter",
            "integer",
            "Survey round (quarter since kick-off).",
            "quarter",
            required=True,
            minimum=1,
            maximum=MONTHS // 3,
        ),
        _field(
            "month",
            "integer",
            "Month of the survey (months since kick-off).",
            "month",
            required=True,
            minimum=1,
            maximum=MONTHS,
        ),
        _field("period", "yearmonth", "Calendar month of the survey.", required=True),
        _field(
            "respondent",
            "string",
            "Anonymous respondent code (stable across quarters).",
            required=True,
        ),
        _field(
            "side",
            "string",
            "Which side of the alliance the respondent works for.",
            required=True,
            enum=["us", "partner"],
        ),
        _field("company", "string", "Respondent's company.", required=True),
        _field("role", "string", "Respondent's role in the alliance.", required=True),
    ]
    for item, text in ITEMS.items():
        dim = item.rsplit("_", 1)[0].replace("_", " ")
        fields.append(
            _field(
                item,
                "integer",
                f"{dim.capitalize()}: '{text}' (empty = not answered).",
                "Likert 1-5",
                minimum=1,
                maximum=5,
            )
        )
    return {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": ["alliance", "quarter", "respondent"],
        "foreignKeys": [
            {"fields": "alliance", "reference": {"resource": "alliances", "fields": "alliance"}}
        ],
    }


def _datapackage() -> dict:
    metrics_schema = {
        "fields": [
            _field(
                "name",
                "string",
                "Metric id (the panel column when source is 'panel').",
                required=True,
                unique=True,
                pattern="[a-z_]+",
            ),
            _field("label", "string", "Plain-English name of the metric.", required=True),
            _field(
                "kind",
                "string",
                "Leading (joint work, steerable today) or lagging (results).",
                required=True,
                enum=list(KINDS),
            ),
            _field(
                "perspective",
                "string",
                "Alliance balanced scorecard perspective.",
                required=True,
                enum=list(PERSPECTIVES),
            ),
            _field("unit", "string", "Unit of measurement.", required=True),
            _field(
                "source",
                "string",
                "Where the metric lives in the course data.",
                required=True,
                enum=["panel", "derived"],
            ),
            _field("definition", "string", "What is counted.", required=True),
            _field("why", "string", "Why the metric leads or lags revenue.", required=True),
        ],
        "primaryKey": ["name"],
    }
    alliances_schema = {
        "fields": [
            _field(
                "alliance",
                "string",
                "Short name of the fictional alliance.",
                required=True,
                unique=True,
            ),
            _field(
                "partners",
                "string",
                "Partner companies (several for a multi-partner alliance, "
                "separated by '; '). Our side is always Acme Software.",
                required=True,
            ),
            _field(
                "partner_count", "integer", "Number of partner companies.", required=True, minimum=1
            ),
            _field("industry", "string", "Industry of the joint offer.", required=True),
            _field(
                "kickoff", "yearmonth", "Calendar month of the kick-off (month 1).", required=True
            ),
            _field(
                "typical_deal_k",
                "number",
                "Typical size of a won deal.",
                "k$",
                required=True,
                minimum=0,
            ),
        ],
        "primaryKey": ["alliance"],
    }

    def resource(name, path, title, description, schema):
        return {
            "name": name,
            "path": path,
            "title": title,
            "description": description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }

    return {
        "name": "alliance-course-data",
        "title": "Alliance masterclass course data (fictional)",
        "description": "Fictional alliances generated by toolkit.data.generator from a causal "
        "model (effort -> enablement -> pipeline -> wins -> revenue) with a fixed seed. See "
        "README.md.",
        "licenses": [
            {
                "name": "CC0-1.0",
                "title": "CC0 1.0",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            }
        ],
        "resources": [
            resource(
                "metrics",
                "metrics.csv",
                "Metric catalogue",
                "Every alliance metric of the course: kind, scorecard perspective, unit, "
                "definition and why it leads or lags.",
                metrics_schema,
            ),
            resource(
                "alliances",
                "alliances.csv",
                "Alliances",
                "The fictional alliances in the panel and the survey.",
                alliances_schema,
            ),
            resource(
                "panel",
                "panel.csv",
                "Monthly alliance panel",
                f"One row per alliance and month ({MONTHS} months from 2022-01).",
                _schema_panel(),
            ),
            resource(
                "health_checks",
                "health_checks.csv",
                "Quarterly health-check answers",
                "Anonymous answers of four people per side to twelve 1-5 items.",
                _schema_survey(),
            ),
        ],
    }


def _readme(truth: list[dict], sizes: dict[str, int]) -> str:
    lines = [
        "# Course data",
        "",
        "Fictional data for the lessons and assignments on leading and lagging indicators.",
        "Every file is written by `python -m toolkit.data.generator` from a causal model with a",
        f"fixed seed ({SEED}); running it again reproduces the files byte for byte (a test checks",
        "it).",
        "Do not edit the files by hand: change `toolkit/data/generator/` and re-run it.",
        "The data dictionary, with every field's type, unit and constraints, is",
        "`datapackage.json` (Frictionless Data); load the files with `toolkit.data`.",
        "",
        "## Files",
        "",
        "| file | rows | what |",
        "|---|---|---|",
        f"| `metrics.csv` | {sizes['metrics.csv']} | the metric catalogue: kind (leading/lagging), "
        "scorecard perspective, unit, definition, why it leads or lags |",
        f"| `alliances.csv` | {sizes['alliances.csv']} | the fictional alliances: partners, "
        "industry, kick-off, typical deal size |",
        f"| `panel.csv` | {sizes['panel.csv']} | one row per alliance and month "
        f"({MONTHS} months, 2022-01 to {START + MONTHS - 1}): leading and lagging metrics |",
        f"| `health_checks.csv` | {sizes['health_checks.csv']} | quarterly health-check survey: "
        "four respondents per side, twelve 1-5 items |",
        "",
        "Our company in every alliance is the fictional *Acme Software*. Money is in thousands",
        "of US dollars (k$). Empty cells mean *not measured that month* (for example the",
        "health score exists only in survey months, the win rate only once deals have closed).",
        "",
        "## The causal model",
        "",
        "Joint **effort** (an effort plan per alliance, 0 to about 1.2 per month) shows at once",
        "in sponsor meetings, governance meetings, campaigns, account mapping and integration",
        "milestones. It builds **enablement** slowly: trained sellers and joint account plans",
        "are stocks that grow with effort and wear away without it. One month later enablement",
        "and campaigns produce **partner leads**; 35-45 % are qualified and registered",
        "(**deal registrations**), 62-72 % of those become opportunities (**pipeline**). Each",
        "opportunity closes one **sales cycle** later (give or take a month, 70 % exactly on",
        "time) and is **won** with the alliance's win rate; the deal's value is booked as",
        "partner-sourced **revenue** in the month it is won. Customer satisfaction, renewals",
        "and revenue growth follow later still. Funnel rates, cycles and deal sizes are",
        "*typical* practitioner figures, not research results.",
        "",
        "## The monthly panel (`panel.csv`)",
        "",
        "Besides `alliance`, `month` (1 = kick-off month) and `period` (calendar month), one",
        "column per metric of the catalogue:",
        "",
        "| column | kind | perspective | unit | what is counted |",
        "|---|---|---|---|---|",
        *[
            f"| `{m.name}` | {m.kind} | {m.perspective} | {m.unit} | {m.definition} |"
            for m in METRICS
            if m.source == "panel"
        ],
        "",
        "`time_to_first_deal` is not a column: it is one number per alliance, the first month",
        "with `new_customer_wins` above zero.",
        "",
        "## The health-check survey",
        "",
        "Each quarter four people per side (ours: executive sponsor, alliance manager, sales",
        "lead, finance; the partner's: executive sponsor, alliance manager, technical lead,",
        "marketing lead) answer twelve items, two per dimension, on a 1-5 scale",
        "(1 = strongly disagree, 5 = strongly agree); about 3 % of answers are left empty.",
        "",
        "| item | statement |",
        "|---|---|",
        *[f"| `{k}` | {v} |" for k, v in ITEMS.items()],
        "",
        "## Ground truth (for instructors)",
        "",
        "The *true lag* is the sales cycle: the months by which partner-sourced revenue (and",
        "new customer wins) follow deal registrations. Effort and enablement lead revenue by",
        "the sales cycle plus one to three months (lead generation and training).",
        "The column *found* is what `toolkit.indicators.best_lag` finds from deal registrations to",
        "partner-sourced revenue on month-to-month changes (a test checks that it is within",
        f"one month of the true lag for {', '.join(f'`{a}`' for a in READABLE)}). Where",
        "effort hardly varies while the work is on, or stops for good, the changes carry",
        "little signal and the lag is hard to read: a lesson in itself.",
        "",
        "| alliance | profile | sales cycle = true lag (months) | found | win rate "
        "| first win (month) | revenue falls next year |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in truth:
        lines.append(
            f"| {t['alliance']} | {t['profile']} | {t['sales_cycle']} | {t['found_lag']} | "
            f"{t['win_rate']:.0%} | {t['first_win_month']} | "
            f"{'yes' if t['revenue_falls_next_year'] else 'no'} |"
        )
    lines += ["", "### The stories", ""]
    for t in truth:
        lines.append(f"- **{t['alliance']}** ({t['profile']}). {t['story']}")
    lines += [
        "",
        "The alliances whose revenue will fall next year are those whose leading indicators",
        "collapsed in the last months of the data while revenue was still high.",
        "",
    ]
    return "\n".join(lines)


def _csv(df: pd.DataFrame) -> str:
    buffer = io.StringIO()
    df.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def build() -> dict[str, str]:
    """Every file of ``datasets/`` as text, keyed by file name (nothing is written)."""
    catalogue, alliances, panel, survey, truth = _tables()
    files = {
        "metrics.csv": _csv(catalogue),
        "alliances.csv": _csv(alliances),
        "panel.csv": _csv(panel),
        "health_checks.csv": _csv(survey),
    }
    sizes = {name: text.count("\n") - 1 for name, text in files.items()}
    files["datapackage.json"] = json.dumps(_datapackage(), indent=2, ensure_ascii=False) + "\n"
    files["README.md"] = _readme(truth, sizes)
    return dict(sorted(files.items()))


def write(folder: str | Path = DATASETS) -> list[Path]:
    """Write every file of :func:`build` into ``folder`` and return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in build().items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m toolkit.data.generator [FOLDER]`` (default: ``datasets/``)."""
    argv = sys.argv[1:] if argv is None else argv
    for path in write(argv[0] if argv else DATASETS):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
