"""The decision rules' pictures: the same proposals under three rules, and the chance of agreement.

The function returns an Altair chart with a title and a one-sentence description (read by screen
readers) and never displays it.

Examples
--------
>>> from toolkit.steering.decisions.model import outcomes_table
>>> outcomes_chart(outcomes_table()).to_dict()["title"]
'The same proposals under three decision rules'
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from toolkit.steering.decisions.model import RULES
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe

__all__ = ["OUTCOME_COLOURS", "chance_chart", "outcomes_chart"]

#: outcome of a proposal -> colour (text says the outcome too: colour is never alone)
OUTCOME_COLOURS = {
    "approved": "#c6f6d5",
    "rejected": "#e2e8f0",
    "blocked": "#fed7d7",
    "for": "#ffffff",
    "against": "#ffffff",
}


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
