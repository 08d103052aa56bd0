"""The governance chart and the decision-rights matrix: what they draw, read from their data
and from the SVG itself (its text, its accessibility, its geometry), never from pixels."""

import xml.etree.ElementTree as ET

import pytest
from governance.test_properties import designs
from govfixtures import body, changed
from hypothesis import HealthCheck, given, settings

from toolkit.governance import Body, Design, Member, template
from toolkit.governance.chart import (
    ARROW_COLOURS,
    MAX_WIDTH,
    PAD,
    SHOWN_WIDTH,
    TEXT_SIZE,
    Diagram,
    decision_chart,
    governance_chart,
    text_width,
    wrap,
)
from toolkit.governance.model import name_of

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: Diagram) -> ET.Element:
    return ET.fromstring(chart.svg)


def texts(chart: Diagram) -> list[str]:
    return [t.text or "" for t in parse(chart).iter(f"{SVG}text")]


def big_design() -> Design:
    """Ten bodies, six of them operational (two rows), escalating across rows."""
    tiers = ["steering"] + ["management"] * 3 + ["operational"] * 6
    bodies = []
    for i, tier in enumerate(tiers):
        target = None if i == 0 else ("b0" if tier == "management" else f"b{1 + i % 3}")
        people = [Member(f"Person {i}-{j}", "AB"[j % 2], "member") for j in range(6)]
        bodies.append(Body(f"b{i}", f"Body {i}", tier, 30, people, [], target, 5))
    return Design("Ten bodies", ["A", "B"], bodies)


@pytest.fixture(scope="module")
def sound():
    return governance_chart(changed(lambda d: None))


def test_chart_has_title_and_description(sound):
    """Does the chart carry a title and a one-sentence description for screen readers?"""
    assert sound.title == "Governance of A + B"
    assert sound.description.startswith("3 bodies in tiers from top to bottom")
    assert sound.description.count(".") == 1


def test_svg_is_an_image_named_by_its_title_and_described(sound):
    """Is the SVG one image (role img) labelled by its <title>, described by its <desc>,
    with no mark inside exposing a role of its own (what axe-core checks)?"""
    root = parse(sound)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.text == sound.title and desc.text == sound.description
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert [e.tag for e in root.iter() if e.get("role")] == [root.tag]


def view(root: ET.Element) -> tuple[float, float]:
    """The width and height the picture is drawn in (its viewBox)."""
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return width, height


@pytest.mark.parametrize("name", ["enterprise-three-tier", "biopharma-jsc"])
def test_svg_fits_a_notebook_output_and_shrinks_with_it(name):
    """Is each picture shown no wider than JupyterLab's output (file browser open, 1280 px),
    in proportion, and does it shrink in a narrower page instead of being cut?"""
    for chart in (governance_chart(template(name)), decision_chart(template(name))):
        root = parse(chart)
        width, height = float(root.get("width")), float(root.get("height"))
        drawn_w, drawn_h = view(root)
        assert width <= SHOWN_WIDTH and width == min(drawn_w, SHOWN_WIDTH)
        assert height == pytest.approx(drawn_h * width / drawn_w, abs=1)
        assert "max-width:100%" in root.get("style") and "height:auto" in root.get("style")


def test_notebooks_show_it_as_svg_with_its_description(sound):
    """Does a cell show the picture, and its description as text (feedback's alt text)?"""
    bundle = sound._repr_mimebundle_()
    assert bundle["image/svg+xml"] == sound.svg
    assert bundle["text/plain"] == f"<chart: {sound.description}>"


def test_one_box_per_body_with_tiers_top_to_bottom(sound):
    """Is there a box per body, steering above management above operational?"""
    boxes = {b["id"]: b for b in sound.data["boxes"]}
    assert set(boxes) == {"jsc", "amt", "wg"}
    assert boxes["jsc"]["y2"] < boxes["amt"]["y"] < boxes["amt"]["y2"] < boxes["wg"]["y"]


def test_every_body_member_tier_and_escalation_is_drawn_in_words(sound):
    """Does the SVG say, in text, every body, cadence, member with role, tier and escalation?"""
    drawn = texts(sound)
    assert {"Steering Committee", "Management Team", "Sales Working Group"} <= set(drawn)
    assert {"Steering", "Management", "Operational"} <= set(drawn)
    assert "meets every 90 days" in drawn and "meets every 7 days" in drawn
    assert "A (2): Ann (sponsor), Amy (AM)" in drawn and "B (1): Dee" in drawn
    assert drawn.count("escalates after 10 d") == drawn.count("escalates after 5 d") == 1


def test_escalation_arrows_run_from_body_to_its_target(sound):
    """Does each escalation draw one arrow from the body's top to its target's bottom?"""
    boxes = {b["id"]: b for b in sound.data["boxes"]}
    arrows = {(a["from"], a["to"]): a for a in sound.data["arrows"]}
    assert set(arrows) == {("amt", "jsc"), ("wg", "amt")}
    up = arrows["amt", "jsc"]
    assert up["points"][0] == (boxes["amt"]["cx"], boxes["amt"]["y"])
    assert up["points"][-1] == (boxes["jsc"]["cx"], boxes["jsc"]["y2"])
    assert up["kind"] == "escalation" and up["label"] == "escalates after 10 d"
    lines = parse(sound).findall(f".//{SVG}polyline")
    assert len(lines) == 2 and {line.get("stroke") for line in lines} == {
        ARROW_COLOURS["escalation"]
    }


def test_downward_escalation_is_drawn_as_bad_in_colour_and_words():
    """Is an escalation to a lower tier red, and labelled 'bad escalation' in words too?"""
    chart = governance_chart(changed(lambda d: body(d, "amt").update(escalates_to="wg")))
    bad = next(a for a in chart.data["arrows"] if a["from"] == "amt")
    assert bad["kind"] == "bad escalation" and bad["label"] == "bad escalation (10 d)"
    assert "bad escalation (10 d)" in texts(chart)
    assert ARROW_COLOURS["bad escalation"] in [
        line.get("stroke") for line in parse(chart).iter(f"{SVG}polyline")
    ]
    assert "1 escalations that do not go up" in chart.description
    wg = next(b for b in chart.data["boxes"] if b["id"] == "wg")
    x, y = bad["points"][-1]  # into the target's top, pointing down, beside its own arrow
    up = next(a for a in chart.data["arrows"] if a["from"] == "wg")
    assert y == wg["y"] and wg["x"] < x < wg["cx"] == up["points"][0][0]


def test_dangling_escalation_draws_no_arrow():
    """Does an escalation to a body that does not exist draw nothing (the review reports it)?"""
    chart = governance_chart(changed(lambda d: body(d, "wg").update(escalates_to="zz")))
    assert [(a["from"], a["to"]) for a in chart.data["arrows"]] == [("amt", "jsc")]


def test_empty_design_still_draws_its_three_tiers():
    """Can a design with no bodies be drawn (a student starting empty)?"""
    chart = governance_chart(Design("", [], []))
    assert chart.data["boxes"] == [] and chart.title == "Governance of the alliance"
    assert texts(chart).count("no body in this tier yet") == 3
    assert [t["label"] for t in chart.data["tiers"]] == ["Steering", "Management", "Operational"]


def test_long_names_wrap_inside_their_box_and_nothing_is_cut():
    """Does a long member list wrap onto more lines, with every name still there in full?"""
    people = [Member(f"Maria-Antonietta Fernandez {n}", "A", "member") for n in range(6)]
    design = changed(lambda d: None)
    design.bodies[0].members += people
    chart = governance_chart(design)
    box = next(b for b in chart.data["boxes"] if b["id"] == "jsc")
    assert len(box["lines"]) > 4
    assert all(f"Maria-Antonietta Fernandez {n}" in " ".join(box["lines"]) for n in range(6))
    inner = box["x2"] - box["x"] - 2 * PAD
    assert all(text_width(line, TEXT_SIZE) <= inner for line in box["lines"])


def test_a_crowded_tier_takes_two_rows_and_arrows_go_round_boxes():
    """Do six working groups fit the notebook width (two rows) with no arrow through a box?"""
    chart = governance_chart(big_design())
    rows = sorted({b["y"] for b in chart.data["boxes"] if b["tier"] == "operational"})
    assert len(rows) == 2
    assert view(parse(chart))[0] <= MAX_WIDTH + 60  # a lane per far target
    assert_arrows_avoid_boxes(chart)


def assert_arrows_avoid_boxes(chart):
    boxes = {b["index"]: b for b in chart.data["boxes"]}
    for arrow in chart.data["arrows"]:
        others = [b for i, b in boxes.items() if i not in (arrow["source"], arrow["target"])]
        ends = [boxes[arrow["source"]], boxes[arrow["target"]]]
        for (x1, y1), (x2, y2) in zip(arrow["points"], arrow["points"][1:], strict=False):
            assert x1 == x2 or y1 == y2, "arrows run across and up, never slanting"
            for b in others + ends:
                inside_x = min(x1, x2) < b["x2"] and max(x1, x2) > b["x"]
                inside_y = min(y1, y2) < b["y2"] and max(y1, y2) > b["y"]
                assert not (inside_x and inside_y), (arrow["from"], arrow["to"], b["id"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(designs)
def test_any_design_draws_as_valid_accessible_svg(design):
    """For any design: valid XML, one named image, a box per body, every line inside its box,
    every member named, and no arrow through a box?"""
    chart = governance_chart(design)
    root = parse(chart)  # a browser refuses SVG that is not well-formed XML
    assert root.get("role") == "img" and [e for e in root.iter() if e.get("role")] == [root]
    assert sorted(b["index"] for b in chart.data["boxes"]) == list(range(len(design.bodies)))
    width = view(root)[0]
    for box in chart.data["boxes"]:
        inner = box["x2"] - box["x"] - 2 * PAD
        assert all(text_width(line, TEXT_SIZE) <= inner for line in box["lines"])
        assert box["x2"] <= width
        words = " ".join(box["lines"])
        assert all(m.name in words for m in design.bodies[box["index"]].members)
    assert_arrows_avoid_boxes(chart)


def test_same_design_same_picture_and_different_designs_different_ids():
    """Is the drawing reproducible (the builder's = the notebook's), with ids of its own?"""
    one, again = (
        governance_chart(template("biopharma-jsc")),
        governance_chart(template("biopharma-jsc")),
    )
    other = governance_chart(template("enterprise-three-tier"))
    assert one.svg == again.svg
    assert parse(one).get("aria-labelledby") != parse(other).get("aria-labelledby")


def test_wrap_keeps_every_character_and_fits_the_width():
    """Does wrapping never drop text, and keep each line within the width?"""
    text = "Nimbus (4): Ana Ruiz (sponsor), Supercalifragilisticexpialidocious, Lea Park (AM)"
    lines = wrap(text, 90, 11)
    assert all(text_width(line, 11) <= 90 for line in lines)
    assert any(line.endswith("-") for line in lines)  # the long word was cut, with a hyphen
    rejoined = "".join(line.removesuffix("-") for line in lines)
    assert rejoined.replace(" ", "") == text.replace(" ", "")


def test_text_width_is_conservative_for_wide_and_accented_letters():
    """Do wide letters, accents and other scripts count at least as wide as plain ones?"""
    assert text_width("MW", 10) > text_width("il", 10) * 2
    assert text_width("é", 10) == text_width("e", 10)
    assert text_width("漢", 10) >= 10


def cells(chart):
    return {(c["decision"], c["body"]): c["status"] for c in chart.data["cells"]}


def test_decision_matrix_shows_owners():
    """Does the matrix mark each owned decision on its body, and nothing else?"""
    chart = decision_chart(changed(lambda d: None))
    table = cells(chart)
    assert table["strategy", "Steering Committee (steering tier)"] == "owner"
    assert table["strategy", "Management Team (management tier)"] == ""
    assert table["go_to_market", "Sales Working Group (operational tier)"] == "owner"
    assert chart.title == "Decision rights"
    assert "0 core decisions have no owner" in chart.description
    drawn = texts(chart)
    assert drawn.count("owner") == sum(s == "owner" for s in table.values())
    assert "Go to market" in drawn and "Strategy" in drawn
    assert not [line for line in drawn if "_" in line]  # names, never the files' keys


def test_decision_matrix_names_every_decision_and_keeps_the_keys_in_its_data():
    """Does the matrix draw each decision by its name ("Joint business plan", "Budget
    tracking") while its data keeps the keys the design file and the grading use?"""
    chart = decision_chart(template("biopharma-jsc"))
    drawn = texts(chart)
    assert {"Joint business plan", "Dispute resolution", "Budget tracking"} <= set(drawn)
    assert "budget_tracking" in chart.data["decisions"]
    assert "joint_business_plan" not in drawn and "budget_tracking" not in drawn
    assert chart.data["names"] == [name_of(k) for k in chart.data["decisions"]]


def test_decision_matrix_shows_gaps_and_conflicts_in_words():
    """Is an unowned core decision a gap, a decision of two bodies a conflict in both, and do
    the cells and the legend say so in words (not in colour alone)?"""

    def tangled(d):
        body(d, "jsc")["decides"].remove("investment")
        body(d, "amt")["decides"].append("strategy")

    chart = decision_chart(changed(tangled))
    table = cells(chart)
    assert table["investment", "(no owner)"] == "gap"
    assert table["strategy", "Steering Committee (steering tier)"] == "conflict"
    assert table["strategy", "Management Team (management tier)"] == "conflict"
    assert "1 core decision has no owner and 1 has more than one" in chart.description
    drawn = texts(chart)
    assert drawn.count("conflict") == 2 and drawn.count("gap") == 1
    assert {"owner: the one body that decides", "gap: a core decision no body owns"} <= set(drawn)


def test_decision_matrix_headers_wrap_whole_words_and_fit():
    """Are long body names wrapped into their column without cutting words?"""
    chart = decision_chart(template("biopharma-jsc"))
    assert "Commercialisation" in texts(chart)
    assert not [line for line in texts(chart) if line.endswith("-")]
