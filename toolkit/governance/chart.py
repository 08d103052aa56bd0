"""Pictures of a governance design: the structure diagram and the decision-rights matrix.

Both are boxes, lines and words, so they are drawn here as SVG directly, in a millisecond or
two, rather than through Vega (a JavaScript engine and some 25 ms for even a one-point chart):
the builder redraws them on every click. Each helper returns a :class:`Diagram`, the one
drawing used everywhere the picture is shown: a notebook cell shows it as an SVG image with
its description as text (nbgrader feedback uses the description as the image's alternative
text), the builder puts the same SVG in its tabs, and tests read what it draws from
``diagram.data`` rather than from pixels.

Every diagram carries a visible title, and ``role="img"`` with ``<title>`` and ``<desc>``
for screen readers; nothing inside it has a role of its own. Words carry the meaning that
colours show (tier names beside the bands, the status in each matrix cell). Text is wrapped
to its box using the widths of DejaVu Sans (as wide as Verdana, wider than Arial and
Helvetica), so no line is cut off whichever of these fonts draws it. A picture is shown at
most :data:`SHOWN_WIDTH` pixels wide (a notebook shows SVG as an image at its own width) and
shrinks with a narrower page (``viewBox`` and ``max-width: 100%``).

Examples
--------
>>> from toolkit.governance.templates import template
>>> chart = governance_chart(template("lean-startup-enterprise"))
>>> chart.title
'Governance of Brightpath + Omnicorp lean alliance'
>>> [box["id"] for box in chart.data["boxes"]]
['board', 'managers', 'go-to-market']
>>> chart.svg.startswith("<svg") and 'role="img"' in chart.svg
True
>>> matrix = decision_matrix(template("lean-startup-enterprise"))
>>> sorted(set(matrix["status"]))
['', 'owner']
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd

from toolkit.governance.model import (
    CORE_DECISIONS,
    TIER_RANK,
    TIERS,
    Design,
    body_labels,
    name_of,
)
from toolkit.ui.svg import FONT, Diagram, text_width, wrap
from toolkit.ui.svg import xml_text as _xml

__all__ = [
    "ARROW_COLOURS",
    "SHOWN_WIDTH",
    "STATUS_COLOURS",
    "TIER_COLOURS",
    "Diagram",
    "decision_chart",
    "decision_matrix",
    "governance_chart",
    "text_width",
    "wrap",
]

# ------------------------------------------------------------------ drawing text and SVG


def _text(
    x: float,
    y: float,
    line: str,
    size: float,
    *,
    bold=False,
    anchor="start",
    colour="#1a202c",
    italic=False,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    style = ' font-style="italic"' if italic else ""
    middle = ' text-anchor="middle"' if anchor == "middle" else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size:g}"{weight}{style}{middle} '
        f'fill="{colour}">{_xml(line)}</text>'
    )


def _rect(x, y, w, h, fill, stroke="none", radius=0) -> str:
    corner = f' rx="{radius:g}"' if radius else ""
    return (
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"{corner} '
        f'fill="{fill}" stroke="{stroke}"/>'
    )


def _document(width: float, height: float, title: str, description: str, body: list[str]) -> str:
    """The accessible SVG document around ``body`` (marks that have no role of their own)."""
    width, height = math.ceil(width), math.ceil(height)
    shown = min(width, SHOWN_WIDTH)  # a notebook shows an SVG as an image at its own width
    text = "".join([title, description, *body]).encode("utf-8", "surrogatepass")
    key = hashlib.sha1(text).hexdigest()[:10]
    ident = f"chart-{key}"  # the same picture gets the same ids: the builder's = the notebook's
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{shown}" '
            f'height="{math.ceil(height * shown / width)}" '
            f'viewBox="0 0 {width} {height}" style="max-width:100%;height:auto" role="img" '
            f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
            f'font-family="{FONT}">',
            f'<title id="{ident}-title">{_xml(title)}</title>',
            f'<desc id="{ident}-desc">{_xml(description)}</desc>',
            _rect(0, 0, width, height, "white"),
            *body,
            "</svg>",
        ]
    )


def _title_lines(title: str, width: float) -> tuple[list[str], float]:
    """The visible title's lines at the top of a picture, and the height they take."""
    lines = wrap(title, width - 2 * MARGIN, TITLE_SIZE, bold=True)
    body = [
        _text(MARGIN, MARGIN + TITLE_SIZE + i * 18, line, TITLE_SIZE, bold=True)
        for i, line in enumerate(lines)
    ]
    return body, MARGIN + 18 * len(lines) + 6


# ------------------------------------------------------------------ the structure diagram

TIER_COLOURS = {"steering": "#dbe7f5", "management": "#e3f1e4", "operational": "#fbf0d9"}
OTHER_TIER_COLOUR = "#edf2f7"
ARROW_COLOURS = {"escalation": "#2b6cb0", "bad escalation": "#c53030"}
ROLE_SHORT = {
    "executive_sponsor": "sponsor",
    "alliance_manager": "AM",
    "functional_lead": "lead",
    "member": "",
}
#: The width pictures are laid out for; wider ones (a crowded matrix) are shown smaller.
MAX_WIDTH = 900
#: The widest a picture is shown: JupyterLab at 1280 pixels with its file browser open gives
#: an output 848 pixels wide, and it shows an SVG as an image at the SVG's own width.
SHOWN_WIDTH = 840
MARGIN, TITLE_SIZE, NAME_SIZE, TEXT_SIZE, LABEL_SIZE = 12, 14, 12, 11, 10
NAME_LINE, TEXT_LINE = 16, 15
BOX_MIN, BOX_MAX, GAP_X, PAD = 170, 240, 24, 8
TRACK_GAP, LABEL_ZONE, LANE_GAP, HEAD, ENTRY_SHIFT = 8, 18, 12, 7, 18


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


def _rows(design: Design, left: float) -> list[tuple[str, list[int]]]:
    """Tiers top to bottom (the three, then any other), each cut into rows of boxes.

    A tier with more bodies than fit across the picture takes several rows, evenly filled
    (six bodies where four fit: two rows of three).
    """
    per_row = max(1, int((MAX_WIDTH - left - MARGIN + GAP_X) // (BOX_MIN + GAP_X)))
    tiers = list(TIERS) + [b.tier for b in design.bodies if b.tier not in TIER_RANK]
    rows = []
    for tier in dict.fromkeys(tiers):
        members = [i for i, b in enumerate(design.bodies) if b.tier == tier]
        n_rows = max(1, math.ceil(len(members) / per_row))
        size = math.ceil(len(members) / n_rows) if members else 0
        rows += [(tier, members[k * size : (k + 1) * size]) for k in range(n_rows)]
    return rows


def _arrows(design: Design, row_of: dict[int, int]) -> list[dict]:
    """One escalation per body that names a body of the design other than itself.

    Gutter ``k`` is the space above row ``k``. An arrow leaves its source's top into the
    gutter above it and enters its target from the gutter below (a target higher up) or
    above it (a target on the same row or lower: a bad escalation).
    """
    first: dict[str, int] = {}
    for index, body in enumerate(design.bodies):
        first.setdefault(body.id, index)
    arrows = []
    for index, body in enumerate(design.bodies):
        target = first.get(body.escalates_to) if body.escalates else None
        if target is None or target == index:
            continue
        rank = TIER_RANK.get(design.bodies[target].tier, len(TIERS))
        upward = rank < TIER_RANK.get(body.tier, len(TIERS))
        days = "?" if body.escalation_days is None else f"{body.escalation_days} d"
        below = row_of[target] < row_of[index]
        arrows.append(
            {
                "from": body.id,
                "to": design.bodies[target].id,
                "source": index,
                "target": target,
                "kind": "escalation" if upward else "bad escalation",
                "label": f"escalates after {days}" if upward else f"bad escalation ({days})",
                "leave": row_of[index],
                "enter": row_of[target] + 1 if below else row_of[target],
                "from_below": below,
            }
        )
    return arrows


def _place_across(design: Design, rows, left: float) -> dict[int, dict]:
    """Each body's box: ``x``, width ``w``, centre ``cx``, its wrapped text, rows centred."""
    boxes, widths = {}, []
    for _, members in rows:
        n = max(len(members), 1)
        w = min(BOX_MAX, (MAX_WIDTH - left - MARGIN - (n - 1) * GAP_X) / n)
        widths.append((w, n * w + (n - 1) * GAP_X))
    widest = max(row for _, row in widths)
    for (_, members), (w, row) in zip(rows, widths, strict=True):
        for k, i in enumerate(members):
            body = design.bodies[i]
            x = left + (widest - row) / 2 + k * (w + GAP_X)
            inner = w - 2 * PAD
            plain = [f"meets every {body.meets_every_days} days", *_partner_lines(design, body)]
            boxes[i] = {
                "x": x,
                "w": w,
                "x2": x + w,
                "cx": x + w / 2,
                "name_lines": wrap(body.name or body.id, inner, NAME_SIZE, bold=True),
                "lines": [line for text in plain for line in wrap(text, inner, TEXT_SIZE)],
            }
    return boxes


def _place_down(rows, boxes, arrows, tracks, top: float) -> tuple[list, list, dict]:
    """Each row's top and bottom, and the height of every track, below ``top``."""
    labelled = {a["leave"] for a in arrows}
    row_top, row_bottom, track_y = [], [], {}
    y = top
    for r, (_, members) in enumerate(rows):
        y += 10
        for k, target in enumerate(tracks.get(r, [])):
            track_y[r, target] = y + k * TRACK_GAP
        y += TRACK_GAP * len(tracks.get(r, [])) + (LABEL_ZONE if r in labelled else 8)
        row_top.append(y)
        lines = [(len(boxes[i]["name_lines"]), len(boxes[i]["lines"])) for i in members]
        y += max([2 * PAD + NAME_LINE * n + TEXT_LINE * p - 4 for n, p in lines] + [22])
        row_bottom.append(y)
    return row_top, row_bottom, track_y


def _draw_tiers(rows, row_top, row_bottom, width, height, left) -> tuple[list, list]:
    """A band per tier, named in words at the left (colour is never the only sign)."""
    marks, tiers = [], []
    firsts = {}
    for r, (tier, _) in enumerate(rows):
        firsts.setdefault(tier, r)
    for n, (tier, first) in enumerate(firsts.items()):
        last = max(r for r, (t, _) in enumerate(rows) if t == tier)
        top = row_top[0] - 10 if first == 0 else (row_bottom[first - 1] + row_top[first]) / 2
        end = len(rows) - 1
        bottom = height - MARGIN / 2 if last == end else (row_bottom[last] + row_top[last + 1]) / 2
        label = name_of(tier)
        tiers.append({"tier": tier, "label": label, "y": top, "y2": bottom})
        marks.append(_rect(0, top, width, bottom - top, "#f4f7fa" if n % 2 else "white"))
        names = wrap(label, left - MARGIN - 8, NAME_SIZE, bold=True)
        middle = (top + bottom) / 2 - (len(names) - 1) * NAME_LINE / 2 + 4
        marks += [
            _text(MARGIN, middle + k * NAME_LINE, line, NAME_SIZE, bold=True)
            for k, line in enumerate(names)
        ]
        if not any(members for t, members in rows if t == tier):
            note = "no body in this tier yet"
            marks.append(_text(left, row_top[first] + 15, note, TEXT_SIZE, italic=True))
    return marks, tiers


def _draw_arrow(arrow, boxes, row_top, row_bottom, row_of, track_y, lane_x) -> list[str]:
    """An escalation: up from its source, along its target's track, into its target."""
    s, t = arrow["source"], arrow["target"]
    below = arrow["from_below"]
    # into a box's top left of its centre, where its own escalation leaves (labelled right)
    sx, tx = boxes[s]["cx"], boxes[t]["cx"] - (0 if below else ENTRY_SHIFT)
    end = row_bottom[row_of[t]] if below else row_top[row_of[t]]
    leave, enter = track_y[arrow["leave"], t], track_y[arrow["enter"], t]
    points = [(sx, row_top[row_of[s]]), (sx, leave)]
    if arrow["leave"] != arrow["enter"]:  # round the rows between, to the right of them all
        points += [(lane_x[t], leave), (lane_x[t], enter)]
    points += [(tx, enter), (tx, end)]
    arrow["points"] = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]]
    colour = ARROW_COLOURS[arrow["kind"]]
    line = " ".join(f"{x:g},{y:g}" for x, y in arrow["points"])
    tip = end + (HEAD if below else -HEAD)
    bad = arrow["kind"] == "bad escalation"
    return [
        f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" '
        'stroke-linejoin="round"/>',
        f'<polygon points="{tx - HEAD / 1.4:g},{tip:g} {tx:g},{end:g} {tx + HEAD / 1.4:g},'
        f'{tip:g}" fill="{colour}"/>',
        _text(
            sx + 4,
            row_top[row_of[s]] - 5,
            arrow["label"],
            LABEL_SIZE,
            colour="#9b2c2c" if bad else "#2d3748",
        ),
    ]


def _draw_box(box: dict, top: float, bottom: float, tier: str) -> list[str]:
    """A body's box: its name in bold, then its cadence and its members per partner."""
    name, plain = box["name_lines"], box["lines"]
    x = box["x"]
    fill = TIER_COLOURS.get(tier, OTHER_TIER_COLOUR)
    first_plain = top + PAD + NAME_LINE * len(name) + 10
    return [
        _rect(x, top, box["w"], bottom - top, fill, "#4a5568", 6),
        *[
            _text(x + PAD, top + PAD + 11 + k * NAME_LINE, line, NAME_SIZE, bold=True)
            for k, line in enumerate(name)
        ],
        *[
            _text(x + PAD, first_plain + k * TEXT_LINE, line, TEXT_SIZE)
            for k, line in enumerate(plain)
        ],
    ]


def governance_chart(design: Design) -> Diagram:
    """The structure: a box per body, tiers top to bottom, members per partner, escalations.

    Parameters
    ----------
    design : Design
        The design to draw (any design, even one with errors, even an empty one).

    Returns
    -------
    Diagram
        Boxes coloured by tier, in bands named by tier, each with the body's name, cadence
        and members per partner; an arrow from each body to the body it escalates to,
        labelled with the days (red and labelled "bad escalation" when it does not go up).
        ``data`` holds the ``boxes``, ``arrows`` and ``tiers`` as drawn.

    Examples
    --------
    >>> from toolkit.governance.templates import template
    >>> chart = governance_chart(template("enterprise-three-tier"))
    >>> [(a["from"], a["to"], a["label"]) for a in chart.data["arrows"]][0]
    ('amt', 'jsc', 'escalates after 10 d')
    >>> [t["label"] for t in chart.data["tiers"]]
    ['Steering', 'Management', 'Operational']
    """
    labels = [name_of(t) for t in (*TIERS, *(b.tier for b in design.bodies))]
    left = MARGIN + min(150, max(text_width(t, NAME_SIZE, bold=True) for t in labels)) + 14
    rows = _rows(design, left)
    row_of = {i: r for r, (_, members) in enumerate(rows) for i in members}
    arrows = _arrows(design, row_of)
    boxes = _place_across(design, rows, left)

    # each gutter has a track per target arrows run to; far targets get a lane at the right
    tracks: dict[int, set[int]] = {}
    for a in arrows:
        for gutter in (a["leave"], a["enter"]):
            tracks.setdefault(gutter, set()).add(a["target"])
    order = {i: box["cx"] for i, box in boxes.items()}.get
    tracks = {g: sorted(targets, key=order) for g, targets in tracks.items()}
    ends = [b["x"] + b["w"] for b in boxes.values()] + [left + BOX_MIN]
    ends += [boxes[a["source"]]["cx"] + 4 + text_width(a["label"], LABEL_SIZE) for a in arrows]
    far = sorted({a["target"] for a in arrows if a["leave"] != a["enter"]}, key=order)
    lane_x = {t: max(ends) + 6 + LANE_GAP * (k + 0.5) for k, t in enumerate(far)}
    width = max(ends) + 6 + LANE_GAP * len(far) + MARGIN

    title = f"Governance of {design.alliance or 'the alliance'}"
    marks, y = _title_lines(title, width)
    row_top, row_bottom, track_y = _place_down(rows, boxes, arrows, tracks, y)
    height = row_bottom[-1] + 10 + MARGIN
    bands, tiers = _draw_tiers(rows, row_top, row_bottom, width, height, left)
    marks = bands + marks
    for r, (tier, members) in enumerate(rows):
        for i in members:
            marks += _draw_box(boxes[i], row_top[r], row_bottom[r], tier)
            boxes[i].update(
                index=i,
                id=design.bodies[i].id,
                name=design.bodies[i].name,
                tier=tier,
                y=row_top[r],
                y2=row_bottom[r],
            )
    for a in arrows:
        marks += _draw_arrow(a, boxes, row_top, row_bottom, row_of, track_y, lane_x)

    n_up = sum(a["kind"] == "escalation" for a in arrows)
    n_bad = len(arrows) - n_up
    counts = ", ".join(f"{sum(b.tier == t for b in design.bodies)} {t}" for t in TIERS)
    bad = f" and {n_bad} escalations that do not go up" if n_bad else ""
    description = (
        f"{len(design.bodies)} bodies in tiers from top to bottom ({counts}), each "
        f"box listing its cadence and members per partner, with {n_up} upward "
        f"escalation arrows{bad}."
    )
    ordered = [boxes[i] for _, members in rows for i in members]
    data = {"boxes": ordered, "arrows": arrows, "tiers": tiers}
    return Diagram(title, description, data, _document(width, height, title, description, marks))


# ------------------------------------------------------------------ the decision matrix

STATUS_COLOURS = {"owner": "#9ad49a", "conflict": "#f5a3a3", "gap": "#f8c77e", "": "#edf2f7"}
STATUS_WORDS = {
    "owner": "owner: the one body that decides",
    "conflict": "conflict: two or more bodies decide",
    "gap": "gap: a core decision no body owns",
}
CELL_H, COL_MIN, COL_MAX = 26, 72, 150


def decision_matrix(design: Design) -> pd.DataFrame:
    """Decision x body table: ``status`` is owner, conflict (2+ bodies), gap (core, no body)."""
    keys = list(CORE_DECISIONS)
    for body in design.bodies:
        keys += [k for k in body.decides if k not in keys]
    columns = body_labels(design)
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


def decision_chart(design: Design) -> Diagram:
    """The decision-rights matrix: which body owns each decision, gaps and conflicts marked.

    Parameters
    ----------
    design : Design
        The design to draw.

    Returns
    -------
    Diagram
        A grid of decisions (rows, by their names: "Joint business plan") by bodies
        (columns, "(no owner)" last when a decision has none); each cell says owner, conflict
        or gap in words and in colour. ``data`` holds ``cells``, the rows of
        :func:`decision_matrix` (decisions by the keys the files keep), and ``names``, the
        decisions' names in the order drawn.

    Examples
    --------
    >>> from toolkit.governance.templates import template
    >>> chart = decision_chart(template("lean-startup-enterprise"))
    >>> chart.title, chart.description.endswith("0 have more than one.")
    ('Decision rights', True)
    """
    table = decision_matrix(design)
    cells = table.to_dict("records")
    decisions = list(dict.fromkeys(table["decision"]))
    bodies = list(dict.fromkeys(table["body"]))
    names = [name_of(d) for d in decisions]  # the files' keys, shown as a participant reads them
    row_head = min(220, max([text_width(n, TEXT_SIZE) for n in names] + [60]) + 12)
    room = (MAX_WIDTH - MARGIN * 2 - row_head) / max(len(bodies), 1)
    longest = max(text_width(w, TEXT_SIZE, bold=True) for b in bodies for w in b.split()) + 8
    # the columns share the width, each wide enough for the longest word of a name if it can
    column = max(COL_MIN, min(COL_MAX, max(room, longest)))
    heads = [wrap(b, column - 6, TEXT_SIZE, bold=True) for b in bodies]
    legend = [(s, STATUS_COLOURS[s], words) for s, words in STATUS_WORDS.items()]
    grid_w = row_head + column * len(bodies)
    legend_w = max(text_width(w, TEXT_SIZE) for _, _, w in legend) + 30
    width = MARGIN * 2 + max(grid_w, legend_w, 240)
    marks, y = _title_lines("Decision rights", width)
    head_h = TEXT_LINE * max([len(h) for h in heads] + [1]) + 6
    for k, lines in enumerate(heads):
        centre = MARGIN + row_head + (k + 0.5) * column
        bottom = y + head_h - 6 - TEXT_LINE * (len(lines) - 1)
        marks += [
            _text(centre, bottom + j * TEXT_LINE, line, TEXT_SIZE, bold=True, anchor="middle")
            for j, line in enumerate(lines)
        ]
    y += head_h
    place = {(c["decision"], c["body"]): c["status"] for c in cells}
    for r, decision in enumerate(decisions):
        top = y + r * CELL_H
        marks.append(_text(MARGIN, top + CELL_H / 2 + 4, names[r], TEXT_SIZE))
        for k, body in enumerate(bodies):
            status = place.get((decision, body))
            if status is None:
                continue
            x = MARGIN + row_head + k * column
            marks.append(_rect(x + 1, top + 1, column - 2, CELL_H - 2, STATUS_COLOURS[status]))
            if status:
                marks.append(
                    _text(x + column / 2, top + CELL_H / 2 + 4, status, TEXT_SIZE, anchor="middle")
                )
    y += CELL_H * len(decisions) + 14
    for k, (_, colour, words) in enumerate(legend):
        marks.append(_rect(MARGIN, y + k * 20, 16, 14, colour, "#718096"))
        marks.append(_text(MARGIN + 24, y + k * 20 + 11, words, TEXT_SIZE))
    height = y + 20 * len(legend) + MARGIN
    gaps = sum(c["status"] == "gap" for c in cells)
    conflicts = len({c["decision"] for c in cells if c["status"] == "conflict"})
    title = "Decision rights"
    description = (
        f"{len(decisions)} decisions by {len(bodies)} columns: each decision should "
        f"have exactly one owner; {gaps} core decision{'' if gaps == 1 else 's'} "
        f"{'has' if gaps == 1 else 'have'} no owner and {conflicts} "
        f"{'has' if conflicts == 1 else 'have'} more than one."
    )
    data = {"cells": cells, "decisions": decisions, "names": names, "bodies": bodies}
    return Diagram(title, description, data, _document(width, height, title, description, marks))
