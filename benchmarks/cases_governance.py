"""One change in the governance builder (review, picture, save) on a large design.

Both pictures of a design are drawn as SVG in Python (``toolkit.governance.chart``); the
one-point Vega chart beside them is what any chart drawn through vl-convert costs at least.
"""

import tempfile
from pathlib import Path

import altair as alt
from run import Case

from toolkit.governance import Body, Design, Member, review
from toolkit.governance.chart import decision_chart, governance_chart
from toolkit.governance.widget import GovernanceBuilder
from toolkit.ui.render import to_svg


def big_design() -> Design:
    """10 bodies (1 steering, 3 management, 6 operational) with 60 members in all."""
    partners = ["Nimbus", "Titan"]
    tiers = ["steering"] + ["management"] * 3 + ["operational"] * 6
    bodies = []
    for i, tier in enumerate(tiers):
        target = None if i == 0 else ("b0" if tier == "management" else f"b{1 + i % 3}")
        members = [
            Member(
                f"Person {i}-{j}",
                partners[j % 2],
                "alliance_manager" if tier != "operational" and j < 2 else "member",
            )
            for j in range(6)
        ]
        if tier == "steering":
            members[2].role = members[3].role = "executive_sponsor"
        bodies.append(
            Body(
                f"b{i}",
                f"Body {i}",
                tier,
                {"steering": 90, "management": 14, "operational": 7}[tier],
                members,
                [f"decision_{i}"],
                target,
                5 if target else None,
            )
        )
    return Design("Benchmark alliance", partners, bodies)


STATE = {}


def setup(tab: int = 0):
    def run():
        folder = Path(tempfile.mkdtemp())
        builder = GovernanceBuilder(folder / "bench.json")
        builder.replace(big_design())
        builder.body_picker.value = 4
        builder.pictures.selected_index = tab
        STATE["builder"] = builder
        STATE["flip"] = 0

    return run


def one_change():
    """A student changes a cadence and clicks 'Apply settings' (review + picture + save)."""
    b = STATE["builder"]
    STATE["flip"] = 1 - STATE["flip"]
    b.cadence_text.value = "14" if STATE["flip"] else "21"
    b.settings_button.click()
    assert "Saved" in b.message.value, b.message.value


DESIGN = big_design()
assert sum(len(b.members) for b in DESIGN.bodies) == 60


def chart_rebuild():
    """Review, then draw the structure, as the builder does after a click."""
    review(DESIGN)
    return governance_chart(DESIGN).svg


ONE_POINT = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q").to_dict()
FLOOR = "SVG of a one-point chart (vl-convert floor)"

CASES = [
    Case(FLOOR, lambda: to_svg(ONE_POINT), repeat=15),
    Case("governance review, 10 bodies / 60 members", lambda: review(DESIGN), repeat=21),
    Case("governance review + structure SVG, 10 bodies", chart_rebuild, repeat=21, reference=FLOOR),
    Case(
        "decision-rights SVG, 10 bodies",
        lambda: decision_chart(DESIGN).svg,
        repeat=21,
        reference=FLOOR,
    ),
    Case(
        "governance builder change (review + chart + save)",
        one_change,
        setup=setup(0),
        repeat=15,
        warmup=2,
        target=50,
    ),
    Case(
        "governance builder change, decision-rights tab",
        one_change,
        setup=setup(1),
        repeat=15,
        warmup=2,
        target=50,
    ),
]
