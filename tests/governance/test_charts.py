"""The governance chart and the decision-rights matrix, read from their Vega-Lite specs."""

import pytest
from govfixtures import body, changed

from toolkit.governance import template
from toolkit.governance.chart import decision_chart, governance_chart, rows_of
from toolkit.ui.render import to_svg


def rows(spec, layer):
    return [r for r in rows_of(spec) if r["layer"] == layer]


def marks(spec):
    return [layer["mark"]["type"] for layer in spec["layer"]]


@pytest.fixture(scope="module")
def sound_spec():
    return governance_chart(changed(lambda d: None)).to_dict()


def test_chart_has_title_and_description(sound_spec):
    """Does the chart carry a title and a one-sentence description for screen readers?"""
    assert sound_spec["title"] == "Governance of A + B"
    assert sound_spec["description"].startswith("3 bodies in tiers from top to bottom")
    assert sound_spec["description"].count(".") == 1


def test_one_box_per_body_with_tiers_top_to_bottom(sound_spec):
    """Is there a box per body, steering above management above operational?"""
    boxes = {r["id"]: r for r in rows(sound_spec, "box")}
    assert set(boxes) == {"jsc", "amt", "wg"}
    assert boxes["jsc"]["y"] < boxes["amt"]["y"] < boxes["wg"]["y"]
    assert {"rect", "rule", "point", "text"} <= set(marks(sound_spec))


def test_boxes_list_cadence_and_members_per_partner(sound_spec):
    """Does each box show its name, cadence and its members grouped per partner?"""
    texts = [line for r in rows(sound_spec, "plain") for line in r["text"]]
    bold = [r["text"] for r in rows(sound_spec, "bold")]
    assert "Steering Committee" in bold and "steering" in bold
    assert "meets every 90 days" in texts and "meets every 7 days" in texts
    assert "A (2): Ann (sponsor), Amy (AM)" in texts
    assert "B (1): Dee" in texts


def test_escalation_arrows_point_up_to_their_target(sound_spec):
    """Does each escalation draw one arrow from the body's top to its target's bottom?"""
    boxes = {r["id"]: r for r in rows(sound_spec, "box")}
    arrows = rows(sound_spec, "arrow")
    assert len(arrows) == 2
    up = next(a for a in arrows if a["y"] == boxes["amt"]["y"])
    assert (up["x2"], up["y2"]) == (boxes["jsc"]["cx"], boxes["jsc"]["y2"])
    assert up["kind"] == "escalation" and up["label"] == "escalates after 10 d"


def test_downward_escalation_is_drawn_as_bad():
    """Is an escalation to a lower tier drawn in the 'bad escalation' colour?"""
    spec = governance_chart(changed(lambda d: body(d, "amt").update(escalates_to="wg"))).to_dict()
    kinds = sorted(a["kind"] for a in rows(spec, "arrow"))
    assert kinds == ["bad escalation", "escalation"]
    assert "bad escalation (10 d)" in [a["label"] for a in rows(spec, "arrow")]
    assert "1 escalations that do not go up" in spec["description"]


def test_dangling_escalation_draws_no_arrow():
    """Does an escalation to a body that does not exist draw nothing (the review reports it)?"""
    spec = governance_chart(changed(lambda d: body(d, "wg").update(escalates_to="zz"))).to_dict()
    assert len(rows(spec, "arrow")) == 1


def test_empty_design_still_draws():
    """Can a design with no bodies be drawn (a student starting empty)?"""
    from toolkit.governance import Design

    spec = governance_chart(Design("", [], [])).to_dict()
    assert rows(spec, "box") == [] and spec["title"] == "Governance of the alliance"


def cells(spec):
    return {(r["decision"], r["body"]): r["status"] for r in rows_of(spec)}


def test_decision_matrix_shows_owners():
    """Does the matrix mark each owned decision on its body, and nothing else?"""
    spec = decision_chart(changed(lambda d: None)).to_dict()
    table = cells(spec)
    assert table["strategy", "Steering Committee (jsc)"] == "owner"
    assert table["strategy", "Management Team (amt)"] == ""
    assert table["go_to_market", "Sales Working Group (wg)"] == "owner"
    assert spec["title"] == "Decision rights" and "0 core decisions have no owner" in (
        spec["description"])


def test_decision_matrix_shows_gaps_and_conflicts():
    """Is an unowned core decision a gap, and a decision of two bodies a conflict in both?"""

    def tangled(d):
        body(d, "jsc")["decides"].remove("investment")
        body(d, "amt")["decides"].append("strategy")

    spec = decision_chart(changed(tangled)).to_dict()
    table = cells(spec)
    assert table["investment", "(no owner)"] == "gap"
    assert table["strategy", "Steering Committee (jsc)"] == "conflict"
    assert table["strategy", "Management Team (amt)"] == "conflict"
    assert "1 core decisions have no owner and 1 have more than one" in spec["description"]
    colour = spec["layer"][0]["encoding"]["color"]["scale"]
    assert colour["domain"][:3] == ["owner", "conflict", "gap"]


def test_charts_render_offline_as_svg():
    """Do both charts of a template render to SVG with their description?"""
    design = template("three-partner-alliance")
    svg = to_svg(governance_chart(design))
    assert svg.startswith("<svg") and "Alliance Steering Committee" in svg
    assert "Decision rights" in to_svg(decision_chart(design))


@pytest.mark.parametrize("name", ["lean-startup-enterprise", "three-partner-alliance"])
def test_fast_spec_is_the_same_chart(name):
    """Does the builder's fast spec draw exactly what governance_chart draws?"""
    from toolkit.governance.chart import governance_spec

    design = template(name)
    slow, fast = governance_chart(design).to_dict(), governance_spec(design)
    assert rows_of(fast) == rows_of(slow)
    drop = ("data", "datasets")
    assert {k: v for k, v in fast.items() if k not in drop} == {
        k: v for k, v in slow.items() if k not in drop}
    assert to_svg(fast) == to_svg(slow)
    other = governance_spec(template("biopharma-jsc"))  # the shared base is not changed
    assert rows_of(governance_spec(design)) == rows_of(fast) != rows_of(other)
