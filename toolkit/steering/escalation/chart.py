"""An escalation's picture: an issue's walk up a design, body by body and day by day.

The function returns an Altair chart with a title and a one-sentence description (read by screen
readers) and never displays it.

Examples
--------
>>> from toolkit.steering.agenda.model import constellation_design
>>> from toolkit.steering.escalation.model import ISSUES, walk_escalation
>>> escalation_chart(walk_escalation(constellation_design(), ISSUES[0])).to_dict()["title"][:3]
'The'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.steering.escalation.model import Walk
from toolkit.ui.render import describe

__all__ = ["escalation_chart"]

_STAGE_COLOURS = {
    "passes it up": "#a0aec0",
    "decides": "#276749",
    "stalls": "#c53030",
    "refers it to the chief executives": "#6b46c1",
}


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
