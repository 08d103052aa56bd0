"""The decision rules' pictures: the same proposals under three rules, and the chance of agreement.

The decision rules redraw them on every vote, rule or slider move, so they are drawn as SVG
directly (:mod:`toolkit.ui.plot`, a millisecond or two, not Vega): each a
:class:`~toolkit.ui.svg.Diagram` with a title and a one-sentence description (read by screen
readers), never displayed by the function itself.

Examples
--------
>>> from toolkit.steering.decisions.model import outcomes_table
>>> outcomes_chart(outcomes_table()).title
'The same proposals under three decision rules'
"""

from __future__ import annotations

import pandas as pd

from toolkit.steering.decisions.model import RULES
from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR
from toolkit.ui.svg import Diagram

__all__ = ["OUTCOME_COLOURS", "RULE_LINES", "chance_chart", "outcomes_chart"]

#: outcome of a proposal -> colour (text says the outcome too: colour is never alone)
OUTCOME_COLOURS = {
    "approved": "#c6f6d5",
    "rejected": "#e2e8f0",
    "blocked": "#fed7d7",
    "for": "#ffffff",
    "against": "#ffffff",
}
#: each rule's line in the chance chart: its colour and dash (solid, then dashed)
RULE_LINES = {
    "consensus": {"colour": LAGGING_COLOUR, "dash": None},
    "majority": {"colour": LEADING_COLOUR, "dash": [4, 2]},
}


def outcomes_chart(table: pd.DataFrame) -> Diagram:
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
    data = pd.DataFrame(rows, columns=["proposal", "column", "text"])
    columns = list(header.values())
    proposals = list(dict.fromkeys(data["proposal"]))
    plot = Plot(
        Band(columns, 105 * len(columns), padding=0, upright=True, top=True),
        Band(proposals, 26 * len(proposals), vertical=True, padding=0),
        grid=False,
    )
    for proposal, column, text in data.itertuples(index=False):
        plot.cell(
            column,
            proposal,
            colour=OUTCOME_COLOURS.get(text, "#ffffff"),
            stroke="#cbd5e0",
            words=text,
        )
    blocked = int((table[rules] == "blocked").sum().get("consensus", 0)) if rules else 0
    return plot.draw(
        "The same proposals under three decision rules",
        (
            f"A grid of {len(table)} proposals with each partner's position and the outcome "
            f"under consensus, majority and a lead partner; consensus leaves {blocked} of "
            f"them blocked."
        ),
        data={"table": data},
    )


def chance_chart(table: pd.DataFrame, chance: float) -> Diagram:
    """Lines of the chance a proposal passes, by number of partners, consensus against majority."""
    long = table.melt(id_vars="partners", var_name="rule", value_name="passes")
    long = long[long["rule"].isin(list(RULE_LINES))].reset_index(drop=True)
    counts = [int(n) for n in table["partners"]]
    plot = Plot(
        Band(counts, 380, title="Number of partners", points=True, upright=True),
        Linear(
            0, 1, 220, title="Chance a proposal passes", vertical=True, nice=False, percent=True
        ),
    )
    for rule, line in RULE_LINES.items():
        if rule not in table.columns:
            continue
        passes = table[rule].astype(float).tolist()
        plot.line(counts, passes, colour=line["colour"], dash=line["dash"])
        for n, p in zip(counts, passes, strict=True):
            if p == p:
                plot.dot(n, p, colour=line["colour"], radius=3)
    plot.legend(
        (
            (rule, {"shape": "line", "colour": line["colour"], "dash": line["dash"]})
            for rule, line in RULE_LINES.items()
        ),
        title="Rule",
        vertical=False,
    )
    two = table.loc[table["partners"] == table["partners"].min(), "consensus"].iloc[0]
    last = table.iloc[-1]
    return plot.draw(
        "Why unanimity deadlocks alliances with many partners",
        (
            f"If each partner backs a proposal with probability {chance:.0%}, all of them "
            f"agree {two:.0%} of the time with {int(table['partners'].min())} partners and "
            f"{last['consensus']:.0%} with {int(last['partners'])}, while a majority passes it "
            f"{last['majority']:.0%} of the time (a tie between an even number counts as not "
            f"passed)."
        ),
        data={"table": long},
    )
