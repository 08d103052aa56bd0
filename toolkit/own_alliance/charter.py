"""The alliance charter to take home: one self-contained HTML document, printable to PDF.

:func:`charter_html` lays out, for A4 and for Letter paper (CSS ``@page`` and print styles,
no page size forced, so the browser's paper choice is used), everything the participant made:
the partners, the governance chart, the RACI with its checks, the escalation path with its
time limits, the year's meetings, the scorecard with a status in words, the lag reading of
their own pair with what to tell an executive, the health gaps with the action plan, and the
joint business plan. Each chart is an inline SVG image named by its text alternative, which
is also printed beneath it. Nothing is fetched: no script, no font, no link to load.

Examples
--------
>>> from toolkit.own_alliance.model import Alliance, Partner
>>> page = charter_html(Alliance("Kite + Harbour", [Partner("Kite"), Partner("Harbour")]),
...                     year_from="2027-01-01")
>>> page.startswith("<!DOCTYPE html>") and "@page" in page
True
>>> [title for _, title in SECTIONS][:3]
['The alliance', 'Governance', 'Decision rights (RACI)']
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import pandas as pd

from toolkit.own_alliance.model import (
    ESCALATION_LEVELS,
    RACI_LETTERS,
    Alliance,
    escalation_findings,
    meeting_calendar,
    raci_findings,
)

__all__ = ["CSS", "SECTIONS", "charter_html", "section_html"]

#: the charter's sections, in order: (id, heading)
SECTIONS = (
    ("alliance", "The alliance"),
    ("governance", "Governance"),
    ("raci", "Decision rights (RACI)"),
    ("escalation", "Escalation path"),
    ("meetings", "Meetings this year"),
    ("scorecard", "Balanced scorecard"),
    ("lag", "When the joint work shows in revenue"),
    ("health", "Health check: perception gaps and actions"),
    ("plan", "Joint business plan"),
)
# sections that start a new printed page
_NEW_PAGE = {"scorecard", "health"}

CSS = """
:root { color: #1a202c; background: #ffffff; }
body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; font-size: 11pt;
       line-height: 1.4; max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 20pt; margin: 0 0 0.3rem; }
h2 { font-size: 14pt; margin: 1.4rem 0 0.5rem; border-bottom: 2px solid #2b6cb0;
     break-after: avoid; page-break-after: avoid; }
p, li { overflow-wrap: break-word; }
.meta { color: #4a5568; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; font-size: 9.5pt;
        table-layout: auto; }
th, td { border: 1px solid #a0aec0; padding: 0.25rem 0.4rem; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #edf2f7; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 0.5rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 9.5pt; color: #2d3748; margin-top: 0.3rem; }
.finding { margin: 0.2rem 0; }
.error { color: #9b2c2c; }
.warning { color: #744210; }
.ok { color: #22543d; }
.note { font-size: 9.5pt; color: #4a5568; }
@page { margin: 15mm 14mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section.new-page { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _table(headers: list[str], rows: list[list], caption: str) -> str:
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e('' if v is None else v)}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


_ID = re.compile(r'\bid="([^"]+)"')


def _own_ids(svg: str, prefix: str) -> str:
    """Give every id in an SVG a prefix (and every reference to it), so two never clash."""
    ids = set(_ID.findall(svg))
    for ident in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{ident}"
        svg = svg.replace(f'id="{ident}"', f'id="{new}"')
        svg = svg.replace(f"#{ident})", f"#{new})").replace(f'"#{ident}"', f'"#{new}"')
        svg = re.sub(
            rf'(aria-(?:labelledby|describedby)="[^"]*?)\b{re.escape(ident)}\b', rf"\g<1>{new}", svg
        )
    return svg


class _Figures:
    """Numbers each embedded chart so its ids are its own."""

    def __init__(self, prefix: str = "fig") -> None:
        self.count = 0
        self.prefix = prefix

    def __call__(self, svg: str, title: str, description: str) -> str:
        self.count += 1
        svg = _own_ids(svg, f"{self.prefix}{self.count}")
        return (
            f'<figure><div class="chart">{svg}</div><figcaption><strong>{_e(title)}.</strong> '
            f"{_e(description)}</figcaption></figure>"
        )


def _altair(chart) -> tuple[str, str, str]:
    """A chart's picture, title and description (an Altair chart, or one drawn as SVG)."""
    from toolkit.ui.render import _drawn, to_svg

    if _drawn(chart):
        return chart.svg, chart.title, chart.description
    spec = chart.to_dict()
    title = spec.get("title", "")
    title = title.get("text", "") if isinstance(title, dict) else title
    return to_svg(spec), str(title), spec.get("description", "")


def _findings(found) -> str:
    if not found:
        return '<p class="finding ok">✔ Checked: no problem found.</p>'
    return "".join(
        f'<p class="finding {f.severity}">{"✘" if f.severity == "error" else "!"} '
        f"{_e(f.severity)}: {_e(f.message)} {_e(f.hint)}</p>"
        for f in found
    )


def _missing(what: str) -> str:
    return f'<p class="note">Not filled in yet: {_e(what)}.</p>'


# ------------------------------------------------------------------ sections


def _alliance(a: Alliance, figure) -> str:
    from toolkit.steering import STAGES

    stage = STAGES.get(a.stage)
    rows = [[p.name, p.brings, p.needs] for p in a.partners]
    text = (
        _table(["Partner", "Brings", "Needs"], rows, "The partners")
        if rows
        else _missing("partners")
    )
    if stage is not None:
        text += f"<p><strong>Stage: {_e(stage.label)}.</strong> {_e(stage.governance)}</p>"
    return text


def _governance(a: Alliance, figure) -> str:
    if a.design is None:
        return _missing("the governance design")
    from toolkit.governance import governance_chart, review

    chart = governance_chart(a.design)
    rows = [
        [
            b.name,
            b.tier,
            f"every {b.meets_every_days} days",
            "; ".join(f"{m.name} ({m.partner}, {m.role.replace('_', ' ')})" for m in b.members),
            ", ".join(d.replace("_", " ") for d in b.decides) or "–",
        ]
        for b in a.design.bodies
    ]
    return (
        figure(chart.svg, chart.title, chart.description)
        + _table(["Body", "Tier", "Meets", "Members", "Decides"], rows, "The joint bodies")
        + "<p>The governance review:</p>"
        + _findings(review(a.design))
    )


def _raci(a: Alliance, figure) -> str:
    if not a.raci:
        return _missing("the RACI")
    parties = list(dict.fromkeys(p for row in a.raci.values() for p in row))
    rows = [[d.replace("_", " "), *(a.raci[d].get(p, "") for p in parties)] for d in a.raci]
    legend = "; ".join(f"{k} = {v}" for k, v in RACI_LETTERS.items())
    return _table(
        ["Decision", *parties], rows, f"Who does what for each decision ({legend})"
    ) + _findings(raci_findings(a.raci, a.design))


def _escalation(a: Alliance, figure) -> str:
    if not a.escalation:
        return _missing("the escalation path")
    rows = []
    for i, s in enumerate(a.escalation, start=1):
        limit = f"{s.days} days, then up" if s.days else "final step"
        rows.append([i, ESCALATION_LEVELS.get(s.level, s.level), s.who, limit])
    return _table(
        ["Step", "Level", "Who", "Time limit"],
        rows,
        "An issue goes up one step when its time limit runs out",
    ) + _findings(escalation_findings(a.escalation))


def _meetings(a: Alliance, figure, year_from: str) -> str:
    dates = meeting_calendar(a.meetings, year_from)
    if not dates:
        return _missing("the meeting cadence")
    cadence = [[m.body, f"every {m.every_days} days", m.first] for m in a.meetings]
    by_month: dict[str, list[str]] = {}
    for row in dates:
        day = pd.Timestamp(row["date"])
        by_month.setdefault(day.strftime("%B %Y"), []).append(f"{day.day} {row['body']}")
    rows = [[month, "; ".join(items)] for month, items in by_month.items()]
    return _table(["Body", "Meets", "First meeting"], cadence, "The cadence") + _table(
        ["Month", "Meetings (day, body)"],
        rows,
        f"{len(dates)} meetings in the year from {year_from}; also in the calendar file",
    )


def _scorecard(a: Alliance, figure) -> str:
    from toolkit.own_alliance.analysis import own_scorecard
    from toolkit.scorecard import scorecard_chart, scorecard_findings

    card = own_scorecard(a)
    if card.empty:
        return _missing("measures with targets and monthly figures")
    svg, title, description = _altair(scorecard_chart(card))
    words = "".join(f"<li>{_e(w)}</li>" for w in card["in_words"])
    findings = []
    try:
        findings = scorecard_findings([m.name for m in a.measures])
    except ValueError:  # own measures outside the catalogue: check the balance from our data
        kinds = {m.kind for m in a.measures}
        sides = {m.perspective for m in a.measures}
        findings = [
            f"No measure for the {p} perspective."
            for p in ("strategic", "financial", "operational", "relationship")
            if p not in sides
        ]
        findings += [f"No {k} measure." for k in ("leading", "lagging") if k not in kinds]
    balance = "".join(f'<p class="finding warning">! {_e(f)}</p>' for f in findings)
    return (
        (
            f"<p>Quarter: {_e(card.attrs['quarter'])}.</p>"
            if a.figures
            else "<p>No monthly figures yet: load them in part 3; until then every measure is "
            "grey.</p>"
        )
        + figure(svg, title, description)
        + f"<ul>{words}</ul>"
        + (
            balance
            or '<p class="finding ok">✔ Balanced: all four perspectives, '
            "leading and lagging measures.</p>"
        )
    )


def _lag(a: Alliance, figure, pair) -> str:
    if not pair:
        return _missing("a leading and a lagging measure to compare")
    from toolkit.indicators import correlation_chart
    from toolkit.own_alliance.analysis import executive_reply, lag_reading, measure_series

    labels = {m.name: m.label for m in a.measures}
    if any(n not in labels for n in pair):
        return _missing("a leading and a lagging measure to compare")
    empty = [labels[n] for n in pair if measure_series(a, n).dropna().empty]
    if empty:
        return _missing(
            f"monthly figures of {' and '.join(empty)} (load your figures in part 3; "
            "the lag is read from them)"
        )
    try:
        reading = lag_reading(a, *pair)
    except ValueError:
        return (
            "<p>The lag cannot be read yet: the two measures have no month in common, even "
            "12 months apart. Give both measures figures for the same months, then load the "
            "file again.</p>"
        )
    text = f"<p><strong>Reading:</strong> {_e(reading.sentence())}</p>"
    if reading.table is not None and reading.table["correlation"].notna().any():
        svg, title, description = _altair(correlation_chart(reading))
        text += figure(svg, title, description)
    return (
        text
        + f"<p><strong>What to tell an executive:</strong> {_e(executive_reply(reading, a))}</p>"
    )


def _better(gap: float, higher: str) -> str:
    """Who sees a dimension better: nobody where the gap, as shown, is 0.0."""
    return higher if round(float(gap), 1) > 0 else "neither (the same)"


def _health(a: Alliance, figure) -> str:
    text = ""
    if a.survey:
        from toolkit.health import gap_chart, pairwise_gap_chart
        from toolkit.own_alliance.analysis import health_gaps

        try:
            gaps = health_gaps(a)
        except ValueError as err:
            text += f"<p>The gaps cannot be read yet: {_e(err)}.</p>"
        else:
            chart = pairwise_gap_chart(gaps) if "pair" in gaps.columns else gap_chart(gaps)
            svg, title, description = _altair(chart)
            text += figure(svg, title, description)
            if "pair" in gaps.columns:
                rows = [
                    [
                        r.dimension.replace("_", " "),
                        r.pair,
                        f"{r.gap:.1f}",
                        _better(r.gap, r.higher),
                    ]
                    for r in gaps.itertuples()
                ]
                text += _table(["Dimension", "Pair", "Gap", "Sees it better"], rows, "The gaps")
            else:
                sides = [c for c in gaps.columns if c not in ("gap", "higher")]
                rows = [
                    [
                        d.replace("_", " "),
                        *(f"{r[s]:.1f}" for s in sides),
                        f"{r['gap']:.1f}",
                        _better(r["gap"], r["higher"]),
                    ]
                    for d, r in gaps.to_dict("index").items()
                ]
                text += _table(
                    ["Dimension", *sides, "Gap", "Sees it better"],
                    rows,
                    "Each side's average score (1-5) and the gap",
                )
    else:
        text += _missing("the health-check answers")
    if a.actions:
        rows = [[x.action, x.owner, x.due, x.dimension.replace("_", " ")] for x in a.actions]
        text += _table(["Action", "Owner", "Due", "Dimension"], rows, "The action plan")
    else:
        text += _missing("the action plan")
    return text


def _plan(a: Alliance, figure) -> str:
    if a.goal is None:
        return _missing("the revenue goal")
    from toolkit.own_alliance.analysis import joint_plan
    from toolkit.steering import plan_chart

    try:
        plan = joint_plan(a)
    except ValueError as err:
        return f"<p>No plan can be worked back yet: {_e(err)}</p>"
    svg, title, description = _altair(plan_chart(plan))
    rows = [
        [r.label, "–" if pd.isna(r.target) else f"{r.target:,}", r.unit, r.kind, r.by]
        for r in plan.itertuples()
    ]
    return (
        f"<p>Goal: {a.goal.revenue:,.0f} k$ of partner-sourced revenue a month by "
        f"{_e(plan['by'].iloc[-1])}, joint work starting {_e(plan_start(a))} (month 1).</p>"
        + figure(svg, title, description)
        + _table(
            ["Target", "How many", "Unit", "Kind", "Reached by"],
            rows,
            "Each target, worked backwards from the goal",
        )
    )


def plan_start(a: Alliance) -> str:
    """The plan's first month in words (``Jan 2027``)."""
    return pd.Period(a.goal.start, freq="M").strftime("%b %Y")


def _default_pair(a: Alliance):
    leading = [m.name for m in a.measures if m.kind == "leading"]
    lagging = [m.name for m in a.measures if m.kind == "lagging"]
    return (leading[0], lagging[0]) if leading and lagging else None


def _makers(alliance: Alliance, figure, year_from: str, pair) -> dict:
    pair = pair or _default_pair(alliance)
    return {
        "alliance": lambda: _alliance(alliance, figure),
        "governance": lambda: _governance(alliance, figure),
        "raci": lambda: _raci(alliance, figure),
        "escalation": lambda: _escalation(alliance, figure),
        "meetings": lambda: _meetings(alliance, figure, year_from),
        "scorecard": lambda: _scorecard(alliance, figure),
        "lag": lambda: _lag(alliance, figure, pair),
        "health": lambda: _health(alliance, figure),
        "plan": lambda: _plan(alliance, figure),
    }


_SECTION_KEYS = tuple(key for key, _title in SECTIONS)


class _Marks:
    """Stands in for :class:`_Figures` while a section is made: keeps each chart, leaves a mark."""

    def __init__(self) -> None:
        self.charts: list[tuple[str, str, str]] = []

    def __call__(self, svg: str, title: str, description: str) -> str:
        self.charts.append((svg, title, description))
        return f"\x00{len(self.charts) - 1}\x00"


def _saved_form(alliance: Alliance) -> str:
    """The whole alliance as its saved file holds it: what a kept section is found by."""
    from toolkit.own_alliance.files import to_dict

    return json.dumps(to_dict(alliance), sort_keys=True, default=str)


def _made(alliance: Alliance, key: str, figure, year_from: str, pair, saved: str = "") -> str:
    """Section ``key`` as ``_makers`` makes it, made once for the same alliance and option.

    A section reads only the alliance (all of it is in its saved form) and, for the meetings
    the first day of the year, for the lag reading the pair. It is found by all of them, so
    any change to the alliance makes every section afresh; what is reused is a section made
    for the alliance as it is now (a part's view, then the charter written from it, or the
    charter written again). Its charts are numbered by ``figure`` each time, where the
    section stands in the page.
    """
    from toolkit.own_alliance.analysis import ByContent

    option = {"meetings": year_from, "lag": pair}.get(key)
    saved = saved or _saved_form(alliance)
    text, charts = _section(ByContent((key, saved, option), (alliance, key, year_from, pair)))
    for i, chart in enumerate(charts):
        text = text.replace(f"\x00{i}\x00", figure(*chart), 1)
    return text


def forget_kept() -> None:
    """Empty what the workbook keeps by content (the bench's first visits, fresh builds).

    That is charter sections, figures tables, lag readings, scorecards and joint plans.
    """
    from toolkit.own_alliance import analysis

    for kept in (
        _section,
        analysis._figures_table,
        analysis._lag_reading,
        analysis._own_scorecard,
        analysis._joint_plan,
    ):
        kept.cache_clear()


@lru_cache(maxsize=32)
def _section(made) -> tuple[str, tuple]:
    alliance, key, year_from, pair = made.value
    marks = _Marks()
    return _makers(alliance, marks, year_from, pair)[key](), tuple(marks.charts)


def section_html(
    alliance: Alliance, key: str, *, year_from: str = "", pair=None, prefix: str = "part"
) -> str:
    """One section of the charter (its content, without the heading), as the workbook shows it.

    ``prefix`` keeps the ids of its charts apart from those of other sections on the page.

    Examples
    --------
    >>> from toolkit.own_alliance.model import Alliance
    >>> section_html(Alliance("Kite + Harbour"), "plan")
    '<p class="note">Not filled in yet: the revenue goal.</p>'
    """
    if key not in _SECTION_KEYS:
        msg = f"no charter section {key!r}; the sections: {', '.join(_SECTION_KEYS)}"
        raise ValueError(msg)
    return _made(alliance, key, _Figures(prefix), year_from, pair)


def charter_html(alliance: Alliance, *, year_from: str, pair: tuple[str, str] | None = None) -> str:
    """The charter as one HTML document (A4 and Letter), with nothing to fetch.

    Parameters
    ----------
    alliance : Alliance
        The participant's alliance; a part not filled in yet says so.
    year_from : str
        First day (``YYYY-MM-DD``) of the year of meetings shown.
    pair : tuple of str, optional
        The leading and lagging measures of the lag reading (default: the first of each).
    """
    figure, saved = _Figures(), _saved_form(alliance)
    parts = []
    for key, title in SECTIONS:
        page = ' class="new-page"' if key in _NEW_PAGE else ""
        parts.append(
            f'<section id="{key}"{page} aria-labelledby="h-{key}">'
            f'<h2 id="h-{key}">{_e(title)}</h2>'
            f"{_made(alliance, key, figure, year_from, pair, saved)}</section>"
        )
    partners = " and ".join(alliance.partner_names()) or "its partners"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(alliance.name)}: alliance charter</title><style>{CSS}</style></head>"
        f"<body><main><h1>{_e(alliance.name)}: alliance charter</h1>"
        f'<p class="meta">Agreed between {_e(partners)}. Made in the alliance masterclass '
        f"workbook; the figures are your own and stay on your computer. Print it from the "
        f"browser (A4 or Letter) to share it as a PDF.</p>"
        + "".join(parts)
        + "</main></body></html>\n"
    )
