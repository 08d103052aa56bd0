"""An escalation's picture: an issue's walk up a design, body by body and day by day.

The escalation walk redraws it on every move of its day slider, so it is drawn as SVG directly
(:mod:`toolkit.ui.plot`, a millisecond or two, not Vega): a
:class:`~toolkit.ui.svg.Diagram` with a title and a one-sentence description (read by screen
readers), never displayed by the function itself.

Examples
--------
>>> from toolkit.steering.agenda.model import constellation_design
>>> from toolkit.steering.escalation.model import ISSUES, walk_escalation
>>> escalation_chart(walk_escalation(constellation_design(), ISSUES[0])).title[:3]
'The'
"""

from __future__ import annotations

import pandas as pd

from toolkit.steering.escalation.model import Walk
from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.svg import Diagram

__all__ = ["escalation_chart"]

_STAGE_COLOURS = {
    "passes it up": "#a0aec0",
    "decides": "#276749",
    "stalls": "#c53030",
    "refers it to the chief executives": "#6b46c1",
}


def escalation_chart(walk: Walk, day: int | None = None) -> Diagram:
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
    plot = Plot(
        Linear(0, end, 420, title="Days since the issue was raised", nice=False),
        Band(order, 30 * len(order), vertical=True, points=True),
    )
    for row in rows:
        plot.hbar(
            row["step"], row["from"], row["to"], colour=_STAGE_COLOURS[row["outcome"]], height=18
        )
    deadline = walk.issue.deadline
    plot.vline(deadline, colour="#9b2c2c", width=2, dash=[6, 3])
    plot.text(deadline, -6, "deadline", colour="#9b2c2c", bold=True, dx=4)
    if day is not None:
        plot.vline(int(day), colour="#1a202c", width=2)
    plot.legend(
        (
            (outcome, {"shape": "square", "colour": colour})
            for outcome, colour in _STAGE_COLOURS.items()
        ),
        title="What the body does",
        columns=2,
    )
    when = "" if day is None else f", and a black line at day {int(day)}"
    outcome = walk.summary().rstrip(".")
    outcome = outcome[0].lower() + outcome[1:]
    return plot.draw(
        "The issue's path, day by day",
        (
            f"One bar per body the issue passes through on a day axis, with the "
            f"{walk.issue.deadline}-day deadline as a dashed line{when}: {outcome}."
        ),
        data={"table": data, "deadline": deadline, "day": day},
    )
