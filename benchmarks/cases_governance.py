"""One change in the governance builder: review, chart rebuild and save, on a large design."""

import tempfile
from pathlib import Path

import altair as alt
from run import Case

from toolkit.governance import Body, Design, Member, review
from toolkit.governance.builder import GovernanceBuilder
from toolkit.governance.chart import governance_spec
from toolkit.ui.render import to_svg


def big_design() -> Design:
    """10 bodies (1 steering, 3 management, 6 operational) with 60 members in all."""
    partners = ["Nimbus", "Titan"]
    tiers = ["steering"] + ["management"] * 3 + ["operational"] * 6
    bodies = []
    for i, tier in enumerate(tiers):
        target = None if i == 0 else ("b0" if tier == "management" else f"b{1 + i % 3}")
        members = [Member(f"Person {i}-{j}", partners[j % 2],
                          "alliance_manager" if tier != "operational" and j < 2 else "member")
                   for j in range(6)]
        if tier == "steering":
            members[2].role = members[3].role = "executive_sponsor"
        bodies.append(Body(f"b{i}", f"Body {i}", tier, {"steering": 90, "management": 14,
                                                           "operational": 7}[tier],
                           members, [f"decision_{i}"], target, 5 if target else None))
    return Design("Benchmark alliance", partners, bodies)


STATE = {}


def setup():
    folder = Path(tempfile.mkdtemp())
    builder = GovernanceBuilder(folder / "bench.json")
    builder.replace(big_design())
    builder.body_picker.value = 4
    STATE["builder"] = builder
    STATE["flip"] = 0


def one_change():
    """A student changes a cadence and clicks 'Apply settings' (review + chart + save)."""
    b = STATE["builder"]
    STATE["flip"] = 1 - STATE["flip"]
    b.cadence_text.value = "14" if STATE["flip"] else "21"
    b.settings_button.click()
    assert "Saved" in b.message.value, b.message.value


DESIGN = big_design()
assert sum(len(b.members) for b in DESIGN.bodies) == 60

def chart_rebuild():
    """Review, then rebuild the chart and draw it, as the builder does after a click."""
    review(DESIGN)
    to_svg(governance_spec(DESIGN))


ONE_POINT = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q").to_dict()

CASES = [
    Case("SVG of a one-point chart (vl-convert floor)", lambda: to_svg(ONE_POINT), repeat=15),
    Case("governance review, 10 bodies / 60 members", lambda: review(DESIGN), repeat=21),
    Case("governance review + chart rebuild + SVG, 10 bodies", chart_rebuild, repeat=15,
         reference="SVG of a one-point chart (vl-convert floor)"),
    Case("governance builder change (review + chart + save)", one_change, setup=setup,
         repeat=15, warmup=2, target=50),
]
