"""Write the course data package (``datasets/``): the CSV files, the data dictionary, the README.

Run ``python -m instructor.generator`` to rewrite every file; the output is the same byte for
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
from functools import cache
from pathlib import Path

import pandas as pd

from instructor.generator.alliance import AllianceData, alliance_data
from instructor.generator.profiles import MONTHS, PROFILES, READABLE, SEED, START
from toolkit.data.loaders import DATASETS
from toolkit.health.model import ITEMS, dimension_of
from toolkit.indicators.catalogue import KINDS, METRICS, PERSPECTIVES

__all__ = ["INSTRUCTOR_NOTES", "build", "course_data", "instructor_notes", "main", "write"]

#: the instructors' page about the course data (the truth behind it), written with datasets/
INSTRUCTOR_NOTES = DATASETS.parent / "grading" / "instructor" / "course-data.md"


@cache
def course_data() -> tuple[AllianceData, ...]:
    """Every alliance of the course data, simulated from the course's seed (cached)."""
    return tuple(alliance_data(p, [SEED, index]) for index, p in enumerate(PROFILES))


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    alliances = [
        {
            "alliance": a.profile.alliance,
            "partners": "; ".join(a.profile.partners),
            "partner_count": len(a.profile.partners),
            "industry": a.profile.industry,
            "kickoff": str(START),
            "typical_deal_k": a.profile.deal_size,
        }
        for a in course_data()
    ]
    panel = pd.concat([a.panel for a in course_data()], ignore_index=True)
    answers = pd.concat([a.survey for a in course_data()], ignore_index=True)
    catalogue = pd.DataFrame([m.__dict__ for m in METRICS])
    return catalogue, pd.DataFrame(alliances), panel, answers


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

    bookings = (
        " Booked in the month a deal closes: sales teams close at quarter end, so the third "
        "month of a quarter books more than the first; some deals due in August close in "
        "September; the enterprise alliances book a few large deals a month, so their months "
        "jump."
    )
    notes = {"sourced_revenue": bookings, "new_customer_wins": bookings}

    def metric(name, type_, **c):
        m = defs[name]
        text = f"{m.label} ({m.kind}). {m.definition}{notes.get(name, '')}"
        return _field(name, type_, text, units[name], **c)

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
        dim = dimension_of(item).replace("_", " ")
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
        "description": "Fictional alliances generated by instructor.generator from a causal "
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
                f"One row per alliance and month ({MONTHS} months from 2022-01). Bookings follow "
                "the quarter (more in its third month), dip in August, and jump with single "
                "deals for the enterprise alliances; see README.md.",
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


def _readme(sizes: dict[str, int]) -> str:
    """The students' data dictionary: what is in the files, never what is true about them."""
    lines = [
        "# Course data",
        "",
        "Fictional data for the lessons and assignments on leading and lagging indicators.",
        "Every file is written by `python -m instructor.generator` from a causal model with a",
        f"fixed seed ({SEED}); running it again reproduces the files byte for byte (a test checks",
        "it).",
        "Do not edit the files by hand: change `instructor/generator/` and re-run it.",
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
        "opportunity is due to close one **sales cycle** later (give or take a month) and is",
        "**won** with the alliance's win rate; the deal's value is booked as partner-sourced",
        "**revenue** in the month it closes. Customer satisfaction, renewals and revenue growth",
        "follow later still. Funnel rates, cycles and deal sizes are *typical* practitioner",
        "figures, not research results; each alliance has its own.",
        "",
        "## What real bookings look like, and so do these",
        "",
        "- **Quarter-end rhythm.** Sales teams close deals at the end of the quarter: some deals",
        "  due in the first or second month of a quarter slip to its last month. On a steady",
        "  flow of deals the first, second and third month of a quarter book about 0.7, 0.85",
        "  and 1.45 times the quarter's monthly average. Calendar quarters start in January,",
        "  April, July and October (month 1 of the data is January 2022).",
        "- **A holiday dip.** In August fewer leads come in, and some deals due in August close",
        "  in September instead.",
        "- **A few large deals.** The enterprise alliances (large deals, public sector and",
        "  banks) win a handful of deals a month whose sizes vary a lot, so their revenue jumps",
        "  from month to month with single deals. The other alliances win more, smaller deals.",
        "",
        "These features are why `toolkit.indicators.best_lag` takes the quarter rhythm out and",
        "averages over a few months before it compares changes, and why it says how sure its",
        "reading is (lesson 03).",
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
    ]
    return "\n".join(lines)


def instructor_notes() -> str:
    """The instructors' page: the truth behind each alliance (``grading/instructor/``).

    True lags, stories, how :func:`~toolkit.indicators.lags.best_lag` reads each alliance
    and whose revenue falls next year. Students never get this page: it is not in
    ``datasets/``, which is what the course environment copies to them.
    """
    readings = [a.lag_reading() for a in course_data()]
    naive = [_naive_lag(a.panel.set_index("month")) for a in course_data()]
    lines = [
        "# The course data: what is true (for instructors)",
        "",
        "Written by `python -m instructor.generator` together with `datasets/`, from the same",
        f"simulation (seed {SEED}); do not edit it by hand. Students do not get this page: the",
        "course environment copies `datasets/` (the data and its dictionary) and the toolkit,",
        "never `grading/`.",
        "",
        "## True lags",
        "",
        "The *true lag* of an alliance is its sales cycle: deal registrations are due to close",
        "one sales cycle later (70 % exactly then, 15 % a month early, 15 % a month late), so",
        "partner-sourced revenue and new customer wins follow registrations by the sales cycle.",
        "The calendar moves some deals later: the quarter-end push (a deal due in the first",
        "month of a quarter slips to its third month with a chance of 30 %, one due in the",
        "second month with 15 %) and the August holidays (25 % of the deals due slip to",
        "September). Those delays add a quarter of a month to the *average* delay; the lag",
        "at which most deals close stays the sales cycle. Effort and enablement lead revenue",
        "by the sales cycle plus one to three months (training and lead generation).",
        "",
        "*Reading* is what `toolkit.indicators.best_lag` says from deal registrations to",
        "partner-sourced revenue with its defaults (quarter rhythm taken out, changes of",
        "3-month averages); *naive* is the lag with the highest correlation of month-to-month",
        "changes with the rhythm left in (what lesson 03 warns about).",
        f"These alliances read their true lag clearly: {', '.join(READABLE)} (a test checks",
        "each); lesson 03 asks students to read lags only from them. Part 2 of the assignment",
        "*reading-the-indicators* asks for Granite's lag, which reads as *likely* only (large",
        "deals of very different sizes): its hidden test accepts the true lag give or take a",
        "month.",
        "",
        "| alliance | profile | true lag (months) | reading | plausible | naive "
        "| win rate | wins a month | deal sizes | first win (month) | revenue falls next year |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for a, reading, nv in zip(course_data(), readings, naive, strict=True):
        t = a.truth
        found = "-" if reading.lag is None else str(reading.lag)
        low, high = reading.plausible or ("-", "-")
        sizes = "vary a lot" if t["deal_spread"] >= 0.6 else "similar"
        lines.append(
            f"| {t['alliance']} | {t['profile']} | {t['true_lag']} | {found} "
            f"({reading.verdict}) | {low}-{high} | {nv} | {t['win_rate']:.0%} | "
            f"{t['wins_per_month']} | {sizes} | {t['first_win_month']} | "
            f"{'yes' if t['revenue_falls_next_year'] else 'no'} |"
        )
    lines += ["", "## The stories", ""]
    for a in course_data():
        lines.append(f"- **{a.profile.alliance}** ({a.profile.profile}). {a.profile.story}")
    lines += [
        "",
        "## Whose revenue falls next year",
        "",
        "The alliances whose leading indicators collapsed in the last months of the data while",
        "revenue was still high: "
        + ", ".join(a.profile.alliance for a in course_data() if a.truth["revenue_falls_next_year"])
        + ".",
        "The magic-wand alliance ("
        + ", ".join(a.profile.alliance for a in course_data() if a.profile.profile == "magic wand")
        + ") lost its revenue already after its executive pulled support in month 6, so",
        "naming it is defensible either way.",
        "",
    ]
    return "\n".join(lines)


def _naive_lag(by_month: pd.DataFrame) -> int:
    """The naive reading: month-to-month changes, quarter rhythm left in (highest bar)."""
    from toolkit.indicators.lags import lag_correlations

    table = lag_correlations(
        by_month["deal_registrations"],
        by_month["sourced_revenue"],
        seasonality=None,
        window=1,
    )
    return int(table["correlation"].idxmax())


def _csv(df: pd.DataFrame) -> str:
    buffer = io.StringIO()
    df.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def build() -> dict[str, str]:
    """Every file of ``datasets/`` as text, keyed by file name (nothing is written)."""
    catalogue, alliances, panel, survey = _tables()
    files = {
        "metrics.csv": _csv(catalogue),
        "alliances.csv": _csv(alliances),
        "panel.csv": _csv(panel),
        "health_checks.csv": _csv(survey),
    }
    sizes = {name: text.count("\n") - 1 for name, text in files.items()}
    files["datapackage.json"] = json.dumps(_datapackage(), indent=2, ensure_ascii=False) + "\n"
    files["README.md"] = _readme(sizes)
    return dict(sorted(files.items()))


def write(folder: str | Path = DATASETS, notes: str | Path | None = INSTRUCTOR_NOTES) -> list[Path]:
    """Write :func:`build` into ``folder`` and :func:`instructor_notes` to ``notes``.

    Returns the paths written; ``notes=None`` writes the data package only.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in build().items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    if notes is not None:
        notes = Path(notes)
        notes.parent.mkdir(parents=True, exist_ok=True)
        notes.write_bytes(instructor_notes().encode("utf-8"))
        paths.append(notes)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m instructor.generator [FOLDER] [--instructor FILE]``.

    Writes the data package into FOLDER (default ``datasets/``) and the instructors' page to
    FILE (default ``grading/instructor/course-data.md``).
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m instructor.generator",
        description="Rewrite the course data and the instructors' page about it.",
    )
    parser.add_argument("folder", nargs="?", default=str(DATASETS), help="the data package")
    parser.add_argument(
        "--instructor",
        default=str(INSTRUCTOR_NOTES),
        help="the instructors' page (true lags and stories)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    for path in write(args.folder, args.instructor):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
