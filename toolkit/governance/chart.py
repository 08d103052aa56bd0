"""Pictures of a governance design: the structure chart and the decision-rights matrix.

Both helpers return an ``alt.Chart`` (never display it) with a title and a one-sentence
description for screen readers; :func:`toolkit.ui.render.show_in` draws them in a widget.

Examples
--------
>>> from toolkit.governance.templates import template
>>> spec = governance_chart(template("lean-startup-enterprise")).to_dict()
>>> spec["title"]
'Governance of Brightpath + Omnicorp lean alliance'
>>> matrix = decision_matrix(template("lean-startup-enterprise"))
>>> sorted(set(matrix["status"]))
['', 'owner']
"""

from __future__ import annotations

import functools
import json

import altair as alt
import pandas as pd

from toolkit.governance.model import CORE_DECISIONS, TIER_RANK, TIERS, Design
from toolkit.ui.render import describe

__all__ = [
    "ARROW_COLOURS",
    "governance_spec",
    "rows_of",
    "decision_chart",
    "decision_matrix",
    "governance_chart",
    "layout",
]

BOX_W, BOX_H, GAP_X, ROW_H, LEFT = 260, 112, 24, 170, 96
LINE_CHARS = 46
TIER_COLOURS = {"steering": "#dbe7f5", "management": "#e3f1e4", "operational": "#fbf0d9"}
ARROW_COLOURS = {"escalation": "#2b6cb0", "bad escalation": "#c53030"}
ROLE_SHORT = {
    "executive_sponsor": "sponsor",
    "alliance_manager": "AM",
    "functional_lead": "lead",
    "member": "",
}


def _inline(rows: list[dict]) -> alt.InlineData:
    """Rows as inline JSON text: Vega-Lite parses it, Altair need not validate every row."""
    return alt.InlineData(values=json.dumps(rows, ensure_ascii=False), format={"type": "json"})


def rows_of(spec: dict) -> list[dict]:
    """The data rows of a chart spec made here (for tests and screen-reader tables)."""
    data = spec["data"]
    values = data["values"] if "values" in data else spec["datasets"][data["name"]]
    return json.loads(values) if isinstance(values, str) else values


def _tier_row(tier: str) -> int:
    return TIER_RANK.get(tier, len(TIERS))


def layout(design: Design) -> list[dict]:
    """One dict per body: where its box sits (tiers top to bottom, bodies left to right)."""
    rows, seen = [], {}
    for index, body in enumerate(design.bodies):
        row = _tier_row(body.tier)
        col = seen.get(row, 0)
        seen[row] = col + 1
        x = LEFT + col * (BOX_W + GAP_X)
        y = 30 + row * ROW_H
        rows.append(
            {
                "index": index,
                "id": body.id,
                "name": body.name,
                "tier": body.tier,
                "x": x,
                "x2": x + BOX_W,
                "y": y,
                "y2": y + BOX_H,
                "cx": x + BOX_W / 2,
            }
        )
    return rows


def _cut(text: str) -> str:
    return text if len(text) <= LINE_CHARS else text[: LINE_CHARS - 1] + "…"


def _partner_lines(design: Design, body) -> list[str]:
    by_partner: dict[str, list[str]] = {}
    for member in body.members:
        short = ROLE_SHORT.get(member.role, "")
        label = f"{member.name} ({short})" if short else member.name
        names = by_partner.setdefault(member.partner, [])
        if label not in names:
            names.append(label)
    order = [*design.distinct_partners(), *by_partner]
    lines = [
        f"{p} ({len(by_partner[p])}): {', '.join(by_partner.pop(p))}"
        for p in order
        if p in by_partner
    ]
    return lines or ["no members yet"]


def _texts(design: Design, boxes: list[dict]) -> tuple[list[dict], list[dict]]:
    """Bold lines (tier labels, body names) and plain lines (cadence, members)."""
    bold = [{"x": 6, "y": 30 + r * ROW_H + BOX_H / 2, "text": t} for r, t in enumerate(TIERS)]
    plain = []
    for box in boxes:
        body = design.bodies[box["index"]]
        bold.append({"x": box["x"] + 8, "y": box["y"] + 16, "text": _cut(body.name)})
        lines = [f"meets every {body.meets_every_days} days", *_partner_lines(design, body)]
        # one multi-line text per box: Vega draws the lines of an array one under another
        plain.append({"x": box["x"] + 8, "y": box["y"] + 33, "text": [_cut(t) for t in lines[:5]]})
    return bold, plain


def _arrows(design: Design, boxes: list[dict]) -> list[dict]:
    first: dict[str, dict] = {}
    for box in boxes:
        first.setdefault(box["id"], box)
    rows = []
    for box in boxes:
        body = design.bodies[box["index"]]
        target = first.get(body.escalates_to) if body.escalates else None
        if target is None or target["index"] == box["index"]:
            continue
        upward = _tier_row(target["tier"]) < _tier_row(body.tier)
        days = "?" if body.escalation_days is None else f"{body.escalation_days} d"
        rows.append(
            {
                "x": box["cx"],
                "y": box["y"],
                "x2": target["cx"],
                "y2": target["y2"],
                "label": f"escalates after {days}" if upward else f"bad escalation ({days})",
                "kind": "escalation" if upward else "bad escalation",
                "lx": box["cx"] + 5,
                "ly": box["y"] - 9,
            }
        )
    return rows


@functools.cache
def _layers() -> tuple:
    """The six layers of the structure chart; positions are pixels, so they never change."""

    def xy(xf="x", yf="y"):
        return {
            "x": alt.X(xf, type="quantitative", scale=None, axis=None),
            "y": alt.Y(yf, type="quantitative", scale=None, axis=None),
        }

    def part(name):
        return alt.Chart().transform_filter(f"datum.layer == '{name}'")

    arrow_colour = alt.Color(
        "kind",
        type="nominal",
        scale=alt.Scale(domain=list(ARROW_COLOURS), range=list(ARROW_COLOURS.values())),
        legend=None,  # bad arrows say so in their label (a legend costs a redraw ~6 ms)
    )
    return (
        part("box")
        .mark_rect(stroke="#4a5568", cornerRadius=6)
        .encode(
            **xy(),
            x2=alt.X2("x2"),
            y2=alt.Y2("y2"),
            fill=alt.Fill(
                "tier",
                type="nominal",
                scale=alt.Scale(domain=list(TIER_COLOURS), range=list(TIER_COLOURS.values())),
                legend=None,
            ),
        ),
        part("arrow")
        .mark_rule(strokeWidth=2)
        .encode(**xy(), x2=alt.X2("x2"), y2=alt.Y2("y2"), color=arrow_colour),
        part("arrow")
        .mark_point(shape="triangle-up", size=110, filled=True, opacity=1)
        .encode(**xy("x2", "y2"), color=arrow_colour),
        part("bold")
        .mark_text(align="left", baseline="middle", fontWeight="bold", fontSize=12)
        .encode(**xy(), text=alt.Text("text", type="nominal")),
        part("plain")
        .mark_text(align="left", baseline="middle", fontSize=10, lineHeight=15)
        .encode(**xy(), text=alt.Text("text", type="nominal")),
        part("arrow")
        .mark_text(align="left", baseline="middle", fontSize=9, color="#2d3748")
        .encode(**xy("lx", "ly"), text=alt.Text("label", type="nominal")),
    )


@functools.cache
def _base_chart() -> alt.LayerChart:
    view = alt.Config(view=alt.ViewConfig(stroke=None))
    return alt.LayerChart(layer=list(_layers()), config=view)


def _picture(design: Design) -> dict:
    """Everything of the structure chart that depends on the design."""
    boxes = layout(design)
    bold, plain = _texts(design, boxes)
    arrows = _arrows(design, boxes)
    per_row = max([sum(b["tier"] == t for b in boxes) for t in TIERS] + [1])
    rows = (
        [{**r, "layer": "box"} for r in boxes]
        + [{**r, "layer": "arrow"} for r in arrows]
        + [{**r, "layer": "bold"} for r in bold]
        + [{**r, "layer": "plain"} for r in plain]
    )
    n_up = sum(a["kind"] == "escalation" for a in arrows)
    n_bad = len(arrows) - n_up
    tiers = ", ".join(f"{sum(b['tier'] == t for b in boxes)} {t}" for t in TIERS)
    bad = f" and {n_bad} escalations that do not go up" if n_bad else ""
    return {
        "rows": rows,
        "width": LEFT + per_row * (BOX_W + GAP_X),
        "height": 30 + 3 * ROW_H,
        "title": f"Governance of {design.alliance or 'the alliance'}",
        "description": (
            f"{len(design.bodies)} bodies in tiers from top to bottom ({tiers}), each "
            f"box listing its cadence and members per partner, with {n_up} upward "
            f"escalation arrows{bad}."
        ),
    }


def governance_chart(design: Design) -> alt.LayerChart:
    """The structure: a box per body, tiers top to bottom, members per partner, escalations.

    Parameters
    ----------
    design : Design
        The design to draw (any design that loads, even one with errors).

    Returns
    -------
    altair.LayerChart
        Boxes coloured by tier with the body's name, cadence and members per partner;
        arrows from each body to the body it escalates to, labelled with the days.
    """
    picture = _picture(design)
    # a shallow copy of the cached layered chart: rebuilding it costs more than drawing it
    chart = _base_chart().properties(
        data=_inline(picture["rows"]), width=picture["width"], height=picture["height"]
    )
    chart.layer = list(chart.layer)
    return describe(chart, title=picture["title"], description=picture["description"])


@functools.cache
def _base_spec() -> dict:
    return _base_chart().properties(data=_inline([]), width=1, height=1).to_dict(validate=False)


def governance_spec(design: Design) -> dict:
    """``governance_chart(design).to_dict()``, made without Altair (the builder redraws with it).

    Only the data, size, title and description change from one design to the next, so they
    are put into a spec made once; the result is the same chart, several times faster.
    """
    picture = _picture(design)
    spec = dict(_base_spec())
    spec["data"] = {"name": "governance", "format": {"type": "json"}}
    spec["datasets"] = {"governance": json.dumps(picture["rows"], ensure_ascii=False)}
    for key in ("width", "height", "title", "description"):
        spec[key] = picture[key]
    return spec


def decision_matrix(design: Design) -> pd.DataFrame:
    """Decision x body table: ``status`` is owner, conflict (2+ bodies), gap (core, no body)."""
    keys = list(CORE_DECISIONS)
    for body in design.bodies:
        keys += [k for k in body.decides if k not in keys]
    columns = [f"{b.name} ({b.id})" for b in design.bodies]
    owners = {k: [i for i, b in enumerate(design.bodies) if k in b.decides] for k in keys}
    rows = []
    for key in keys:
        n = len(owners[key])
        for i, column in enumerate(columns):
            owns = i in owners[key]
            status = ("conflict" if n > 1 else "owner") if owns else ""
            rows.append(
                {"decision": key, "body": column, "status": status, "core": key in CORE_DECISIONS}
            )
        if n == 0:
            rows.append(
                {
                    "decision": key,
                    "body": "(no owner)",
                    "status": "gap" if key in CORE_DECISIONS else "",
                    "core": key in CORE_DECISIONS,
                }
            )
    return pd.DataFrame(rows, columns=["decision", "body", "status", "core"])


def decision_chart(design: Design) -> alt.Chart:
    """The decision-rights matrix: which body owns each decision, gaps and conflicts in colour."""
    table = decision_matrix(design)
    decisions = list(dict.fromkeys(table["decision"]))
    bodies = list(dict.fromkeys(table["body"]))
    base = alt.Chart().encode(
        x=alt.X(
            "body",
            type="nominal",
            sort=bodies,
            title=None,
            axis=alt.Axis(labelAngle=-30, orient="top", labelLimit=220),
        ),
        y=alt.Y("decision", type="nominal", sort=decisions, title=None),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "status",
            type="nominal",
            scale=alt.Scale(
                domain=["owner", "conflict", "gap", ""],
                range=["#68a063", "#c53030", "#dd8f2c", "#edf2f7"],
            ),
            legend=alt.Legend(
                title="decision right", orient="bottom", values=["owner", "conflict", "gap"]
            ),
        ),
    )
    labels = base.mark_text(fontSize=10, color="black").encode(
        text=alt.Text("status", type="nominal")
    )
    gaps = int((table["status"] == "gap").sum())
    conflicts = table.loc[table["status"] == "conflict", "decision"].nunique()
    return describe(
        alt.LayerChart(
            layer=[cells, labels],
            data=_inline(table.to_dict("records")),
            width=max(120, 90 * len(bodies)),
            height=24 * len(decisions),
        ),
        title="Decision rights",
        description=(
            f"{len(decisions)} decisions by {len(bodies)} columns: each decision should "
            f"have exactly one owner; {gaps} core decisions have no owner and "
            f"{conflicts} have more than one."
        ),
    )
