"""The steering committee's pictures: trends, an escalation's walk, votes, the plan, the portfolio.

Each function returns an Altair chart with a title and a one-sentence description (read by
screen readers) and never displays it. The dashboard's scorecard and health check use the
charts of their own concepts (:func:`toolkit.scorecard.scorecard_chart`,
:func:`toolkit.health.pairwise_gap_chart`).

Examples
--------
>>> from toolkit.steering.decisions import outcomes_table
>>> outcomes_chart(outcomes_table()).to_dict()["title"]
'The same proposals under three decision rules'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.indicators.catalogue import catalogue
from toolkit.steering.decisions import RULES
from toolkit.steering.escalation import Walk
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe

__all__ = [
    "CALL_COLOURS",
    "OUTCOME_COLOURS",
    "chance_chart",
    "escalation_chart",
    "outcomes_chart",
    "plan_chart",
    "portfolio_chart",
    "trend_chart",
]

#: outcome of a proposal -> colour (text says the outcome too: colour is never alone)
OUTCOME_COLOURS = {
    "approved": "#c6f6d5",
    "rejected": "#e2e8f0",
    "blocked": "#fed7d7",
    "for": "#ffffff",
    "against": "#ffffff",
}
#: portfolio call -> colour (each with at least 3:1 contrast on white, for graphics)
CALL_COLOURS = {"invest": "#276749", "fix": "#c05621", "maintain": "#2b6cb0", "exit": "#9b2c2c"}
_STAGE_COLOURS = {
    "passes it up": "#a0aec0",
    "decides": "#276749",
    "stalls": "#c53030",
    "refers it to the chief executives": "#6b46c1",
}


def trend_chart(trends: pd.Series, alliance: str) -> alt.LayerChart:
    """Bars of each indicator's change (last six months against the year before), leading first.

    Parameters
    ----------
    trends : pandas.Series
        Metric name -> change in percent (a row of :func:`toolkit.indicators.indicator_trends`).
    alliance : str
        Whose trends they are (for the title).
    """
    table = catalogue()
    rows = []
    for metric, change in trends.items():
        kind = table.loc[metric, "kind"]
        rows.append(
            {
                "metric": table.loc[metric, "label"],
                "kind": kind,
                "change": None if pd.isna(change) else float(change),
                "order": (0 if kind == "leading" else 1),
            }
        )
    data = pd.DataFrame(rows).sort_values("order", kind="stable")
    order = data["metric"].tolist()
    base = alt.Chart(data).encode(y=alt.Y("metric:N", sort=order, title=None))
    bars = base.mark_bar().encode(
        x=alt.X("change:Q", title="Change: last 6 months against the 12 before (%)"),
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=["leading", "lagging"], range=[LEADING_COLOUR, LAGGING_COLOUR]),
            legend=alt.Legend(orient="bottom", title="Kind"),
        ),
        tooltip=["metric", "kind", alt.Tooltip("change:Q", format="+.0f")],
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#2d3748").encode(x="zero:Q")
    known = data.dropna(subset=["change"])
    leading = known[known["kind"] == "leading"]
    worst = leading.loc[leading["change"].idxmin()] if len(leading) else None
    said = (
        f"the weakest leading indicator is {worst['metric'].lower()} ({worst['change']:+.0f} %)"
        if worst is not None
        else "no leading indicator has a trend yet"
    )
    return describe(
        (bars + zero).properties(width=380, height=alt.Step(22)),
        title=f"{alliance}: where the indicators are heading",
        description=(
            f"Bars of the change of {len(known)} indicators, leading ones first in blue and "
            f"lagging ones in orange; {said}."
        ),
    )


def escalation_chart(walk: Walk, day: int | None = None) -> alt.LayerChart:
    """The issue's walk as bars on a day axis, the deadline as a line, and today (``day``).

    A stalled stay is drawn up to the last day shown, in red.
    """
    end = walk.last_day + 10
    rows = []
    for number, stage in enumerate(walk.stages, start=1):
        rows.append(
            {
                "step": f"{number}. {stage.name}",
                "from": stage.arrives,
                "to": stage.leaves if stage.leaves is not None else end,
                "outcome": stage.outcome,
                "limit": "none" if stage.limit is None else f"{stage.limit} days",
            }
        )
    data = pd.DataFrame(rows)
    order = data["step"].tolist()
    x = alt.X("from:Q", title="Days since the issue was raised", scale=alt.Scale(domain=[0, end]))
    bars = (
        alt.Chart(data)
        .mark_bar(height=18)
        .encode(
            y=alt.Y("step:N", sort=order, title=None),
            x=x,
            x2="to:Q",
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(domain=list(_STAGE_COLOURS), range=list(_STAGE_COLOURS.values())),
                legend=alt.Legend(orient="bottom", title="What the body does", columns=2),
            ),
            tooltip=["step", "from", "to", "outcome", "limit"],
        )
    )
    deadline = pd.DataFrame({"day": [walk.issue.deadline], "label": ["deadline"]})
    rule = (
        alt.Chart(deadline)
        .mark_rule(color="#9b2c2c", strokeDash=[6, 3], strokeWidth=2)
        .encode(x=alt.X("day:Q", scale=alt.Scale(domain=[0, end])))
    )
    label = (
        alt.Chart(deadline)
        .mark_text(align="left", dx=4, dy=-6, color="#9b2c2c", fontWeight="bold")
        .encode(x="day:Q", y=alt.value(0), text="label:N")
    )
    layers = [bars, rule, label]
    if day is not None:
        today = pd.DataFrame({"day": [int(day)]})
        layers.append(alt.Chart(today).mark_rule(color="#1a202c", strokeWidth=2).encode(x="day:Q"))
    chart = alt.layer(*layers).properties(width=420, height=alt.Step(30))
    when = "" if day is None else f", and a black line at day {int(day)}"
    outcome = walk.summary().rstrip(".")
    outcome = outcome[0].lower() + outcome[1:]
    return describe(
        chart,
        title="The issue's path, day by day",
        description=(
            f"One bar per body the issue passes through on a day axis, with the "
            f"{walk.issue.deadline}-day deadline as a dashed line{when}: {outcome}."
        ),
    )


def outcomes_chart(table: pd.DataFrame) -> alt.LayerChart:
    """The proposals as a grid: each partner's position, then the outcome under each rule."""
    rules = [r for r in RULES if r in table.columns]
    partners = [c for c in table.columns if c not in ("title", *rules)]
    header = {**{p: p for p in partners}, **{r: RULES[r].split(" (")[0] for r in rules}}
    rows = []
    for proposal, row in table.iterrows():
        for column in [*partners, *rules]:
            rows.append(
                {
                    "proposal": row.get("title", proposal),
                    "column": header[column],
                    "text": row[column],
                }
            )
    data = pd.DataFrame(rows)
    base = alt.Chart(data).encode(
        x=alt.X(
            "column:N",
            sort=list(header.values()),
            axis=alt.Axis(orient="top", title=None, labelAngle=0, labelLimit=120),
        ),
        y=alt.Y(
            "proposal:N",
            sort=list(dict.fromkeys(data["proposal"])),
            title=None,
            axis=alt.Axis(labelLimit=260),
        ),
    )
    cells = base.mark_rect(stroke="#cbd5e0").encode(
        color=alt.Color(
            "text:N",
            scale=alt.Scale(domain=list(OUTCOME_COLOURS), range=list(OUTCOME_COLOURS.values())),
            legend=None,
        )
    )
    text = base.mark_text(fontSize=11).encode(text="text:N")
    blocked = int((table[rules] == "blocked").sum().get("consensus", 0)) if rules else 0
    return describe(
        (cells + text).properties(width=alt.Step(105), height=alt.Step(26)),
        title="The same proposals under three decision rules",
        description=(
            f"A grid of {len(table)} proposals with each partner's position and the outcome "
            f"under consensus, majority and a lead partner; consensus leaves {blocked} of "
            f"them blocked."
        ),
    )


def chance_chart(table: pd.DataFrame, chance: float) -> alt.Chart:
    """Lines of the chance a proposal passes, by number of partners, consensus against majority."""
    long = table.melt(id_vars="partners", var_name="rule", value_name="passes")
    long["rule"] = long["rule"].map({"consensus": "consensus", "majority": "majority"})
    lines = (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("partners:O", title="Number of partners", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "passes:Q",
                title="Chance a proposal passes",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "rule:N",
                scale=alt.Scale(
                    domain=["consensus", "majority"], range=[LAGGING_COLOUR, LEADING_COLOUR]
                ),
                legend=alt.Legend(orient="bottom", title="Rule"),
            ),
            strokeDash=alt.StrokeDash("rule:N", legend=None),
            tooltip=["partners", "rule", alt.Tooltip("passes:Q", format=".0%")],
        )
        .properties(width=380, height=220)
    )
    two = table.loc[table["partners"] == table["partners"].min(), "consensus"].iloc[0]
    last = table.iloc[-1]
    return describe(
        lines,
        title="Why unanimity deadlocks alliances with many partners",
        description=(
            f"If each partner backs a proposal with probability {chance:.0%}, all of them "
            f"agree {two:.0%} of the time with {int(table['partners'].min())} partners and "
            f"{last['consensus']:.0%} with {int(last['partners'])}, while a majority passes it "
            f"{last['majority']:.0%} of the time (a tie between an even number counts as not "
            f"passed)."
        ),
    )


def plan_chart(plan: pd.DataFrame) -> alt.LayerChart:
    """The joint business plan as milestones on a month axis: what must be reached, and when."""
    data = plan.reset_index()
    data["what"] = [
        f"{row['label']}: {row['target']:,} {row['unit']}"
        if pd.notna(row["target"])
        else f"{row['label']}: {row['unit']}"
        for _, row in data.iterrows()
    ]
    data["target"] = data["target"].astype(object).where(data["target"].notna(), None)
    order = data["what"].tolist()
    y = alt.Y("what:N", sort=order, title=None, axis=alt.Axis(labelLimit=340))
    end = int(data["by_month"].max()) + 1
    scale = alt.Scale(domain=[0, end])
    runway = (
        alt.Chart(data)
        .mark_rule(color="#cbd5e0", strokeWidth=2)
        .encode(y=y, x=alt.X("zero:Q", scale=scale), x2="by_month:Q")
        .transform_calculate(zero="0")
    )
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, shape="diamond")
        .encode(
            y=y,
            x=alt.X("by_month:Q", title="Month since kick-off (reach it by)", scale=scale),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(
                    domain=["leading", "lagging"], range=[LEADING_COLOUR, LAGGING_COLOUR]
                ),
                legend=alt.Legend(orient="bottom", title="Kind"),
            ),
            tooltip=["label", "target", "unit", "by_month", "kind"],
        )
    )
    first = data.loc[data["by_month"].idxmin()]
    goal = data.iloc[-1]
    return describe(
        (runway + points).properties(width=360, height=alt.Step(26)),
        title="The joint business plan, worked backwards",
        description=(
            f"Milestones on a month axis, from {first['label'].lower()} by month "
            f"{int(first['by_month'])} to {goal['label'].lower()} of {goal['target']:,} "
            f"{goal['unit']} by month {int(goal['by_month'])}."
        ),
    )


def _label_offsets(data: pd.DataFrame) -> pd.DataFrame:
    """Where to write each label, so that labels of nearby dots do not overlap.

    ``side`` is ``left`` when another dot sits close to the right; ``label_y`` moves a label up
    or down a little where two dots nearly coincide.
    """
    data = data.sort_values(["importance", "health"]).copy()
    sides, heights = [], []
    rows = list(data.itertuples())
    for i, row in enumerate(rows):
        after = rows[i + 1] if i + 1 < len(rows) else None
        before = rows[i - 1] if i else None
        close_after = (
            after is not None
            and after.importance == row.importance
            and after.health - row.health < 0.5
        )
        same_before = (
            before is not None
            and before.importance == row.importance
            and row.health - before.health < 0.1
        )
        sides.append("left" if close_after and after.health - row.health >= 0.1 else "right")
        heights.append(row.importance + (0.18 if same_before else 0.0))
        if same_before:  # move the first of the pair down, this one up
            heights[-2] = before.importance - 0.18
    data["side"] = sides
    data["label_y"] = heights
    return data.sort_index()


def portfolio_chart(table: pd.DataFrame, *, important: float, healthy: float) -> alt.LayerChart:
    """The portfolio map: health across, strategic importance up, one labelled dot per alliance."""
    data = _label_offsets(table.reset_index())
    scale_x = alt.Scale(domain=[2, 4.5], clamp=True, zero=False)
    scale_y = alt.Scale(domain=[1, 5])
    dots = (
        alt.Chart(data)
        .mark_circle(size=140, opacity=0.9)
        .encode(
            x=alt.X("health:Q", title="Health index (1-5)", scale=scale_x),
            y=alt.Y("importance:Q", title="Strategic importance (1-5)", scale=scale_y),
            color=alt.Color(
                "call:N",
                scale=alt.Scale(domain=list(CALL_COLOURS), range=list(CALL_COLOURS.values())),
                legend=alt.Legend(orient="bottom", title="Call"),
            ),
            tooltip=["alliance", "importance", "health", "stage", "call"],
        )
    )
    labels = [
        alt.Chart(data[data["side"] == side])
        .mark_text(
            align="right" if side == "left" else "left", dx=-9 if side == "left" else 9, fontSize=11
        )
        .encode(
            x=alt.X("health:Q", scale=scale_x),
            y=alt.Y("label_y:Q", scale=scale_y),
            text="alliance:N",
        )
        for side in ("left", "right")
    ]
    lines = pd.DataFrame({"health": [healthy], "importance": [important]})
    vertical = (
        alt.Chart(lines)
        .mark_rule(strokeDash=[4, 4], color="#4a5568")
        .encode(x=alt.X("health:Q", scale=scale_x))
    )
    horizontal = (
        alt.Chart(lines)
        .mark_rule(strokeDash=[4, 4], color="#4a5568")
        .encode(y=alt.Y("importance:Q", scale=scale_y))
    )
    corners = pd.DataFrame(
        {
            "health": [2.03, 4.47, 2.03, 4.47],
            "importance": [4.9, 4.9, 1.1, 1.1],
            "call": ["fix", "invest", "exit", "maintain"],
            "align": ["left", "right", "left", "right"],
        }
    )
    quadrants = [
        alt.Chart(corners[corners["align"] == side])
        .mark_text(align=side, fontSize=13, fontWeight="bold")
        .encode(
            x=alt.X("health:Q", scale=scale_x),
            y=alt.Y("importance:Q", scale=scale_y),
            text="call:N",
            color=alt.Color(
                "call:N",
                scale=alt.Scale(domain=list(CALL_COLOURS), range=list(CALL_COLOURS.values())),
                legend=None,
            ),
        )
        for side in ("left", "right")
    ]
    counts = data["call"].value_counts()
    said = ", ".join(
        f"{counts[c]} {c} ({', '.join(data.loc[data['call'] == c, 'alliance'])})"
        for c in CALL_COLOURS
        if c in counts
    )
    return describe(
        alt.layer(vertical, horizontal, *quadrants, dots, *labels).properties(
            width=400, height=300
        ),
        title="The alliance portfolio: importance against health",
        description=(
            f"A map of {len(data)} alliances, health across and strategic importance up, split "
            f"at health {healthy} and importance {important}: {said}."
        ),
    )
