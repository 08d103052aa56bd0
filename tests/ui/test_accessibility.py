"""WCAG 2.1 AA without a browser: named controls, charts as one described image, tables in a
reachable region, and colours with enough contrast.

The browser suite (tests/browser/) runs axe-core over what JupyterLab draws; these tests check
the same promises where they are made, in Python, in a fraction of a second.
"""

import html
import re
import xml.etree.ElementTree as ET

import ipywidgets as w
import pytest
import traitlets
from answerfixtures import KINDS as ANSWER_CONTROLS
from answerfixtures import make as answer_control

from toolkit import data, health, indicators, scorecard
from toolkit.governance import GovernanceBuilder, decision_chart, governance_chart, template
from toolkit.health import HealthCheck
from toolkit.health.chart import gap_chart, pairwise_gap_chart
from toolkit.indicators import LagExplorer, MetricSorter
from toolkit.indicators.chart import correlation_chart, lag_chart
from toolkit.magic_wand import MagicWandSimulator, first_look
from toolkit.magic_wand.chart import first_revenue_chart, pipeline_chart
from toolkit.magic_wand.model import simulate
from toolkit.scorecard.chart import STATUS_COLOURS, scorecard_chart
from toolkit.selfstudy import ProgressView
from toolkit.selfstudy.view import _COLOUR as PROGRESS_COLOURS
from toolkit.steering import (
    AgendaRouter,
    BusinessPlanner,
    DecisionRules,
    EscalationWalk,
    PortfolioMap,
    SteeringDashboard,
)
from toolkit.ui.answers import ChoiceGroup
from toolkit.ui.display import table_html
from toolkit.ui.keys import KeyboardGuard
from toolkit.ui.messages import TEXT, TONES, box
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe, svg_bundle, to_svg
from toolkit.ui.slider import Slider

# --- controls and their names -------------------------------------------------------------

# ipywidgets' own sliders draw a noUiSlider handle that gets no accessible name
UNNAMED_SLIDERS = (
    w.IntSlider,
    w.FloatSlider,
    w.FloatLogSlider,
    w.IntRangeSlider,
    w.FloatRangeSlider,
    w.SelectionSlider,
    w.SelectionRangeSlider,
)
# controls whose ``description`` becomes their label (ipywidgets 8 ties it to the control)
LABELLED = (
    w.Text,
    w.Textarea,
    w.Dropdown,
    w.Combobox,
    w.Select,
    w.SelectMultiple,
    w.Checkbox,
    w.ToggleButtons,
    w.RadioButtons,
    w.IntText,
    w.FloatText,
    w.BoundedIntText,
    w.BoundedFloatText,
    w.FileUpload,
)


def leaves(widget):
    """Every widget inside ``widget`` (boxes, tabs and accordions opened up)."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from leaves(child)


def unnamed_controls(widget) -> list[str]:
    """The controls of ``widget`` a screen reader could not name, in words."""
    problems = []
    for leaf in leaves(widget):
        kind = type(leaf).__name__
        if isinstance(leaf, UNNAMED_SLIDERS):
            problems.append(f"{kind} {leaf.description!r}: its handle has no accessible name")
        elif isinstance(leaf, ChoiceGroup):  # a fieldset named by its legend
            if not leaf.legend.strip() or not all(o.strip() for o in leaf.options):
                problems.append(f"{kind} {leaf.legend!r} {leaf.options}: no name")
        elif isinstance(leaf, (Slider, w.Button, w.ToggleButton, *LABELLED)):
            name = leaf.description.strip() or (getattr(leaf, "tooltip", "") or "").strip()
            if not name:
                problems.append(f"{kind} with options {getattr(leaf, 'options', '')}: no name")
    return problems


@pytest.fixture
def every_widget(answer_path):
    """One of each widget the course shows, with its answer file in a private folder."""
    return {
        "first_look": first_look(6),
        "MagicWandSimulator": MagicWandSimulator(path=answer_path("wand.json")),
        "LagExplorer": LagExplorer(path=answer_path("lags.json")),
        "MetricSorter": MetricSorter(path=answer_path("sort.json")),
        "HealthCheck": HealthCheck(path=answer_path("health.json")),
        "GovernanceBuilder": GovernanceBuilder(answer_path("design.json"), chart=False),
        "ProgressView": ProgressView(),
        "SteeringDashboard": SteeringDashboard(path=answer_path("board.json"), charts=False),
        "AgendaRouter": AgendaRouter(path=answer_path("route.json"), chart=False),
        "EscalationWalk": EscalationWalk(path=answer_path("walk.json"), chart=False),
        "DecisionRules": DecisionRules(path=answer_path("rules.json")),
        "BusinessPlanner": BusinessPlanner(path=answer_path("plan.json")),
        "PortfolioMap": PortfolioMap(path=answer_path("map.json"), chart=False),
        # the answer controls (toolkit.ui.answers), one of each shape
        **{kind: answer_control(kind, answer_path(f"{kind}.json")) for kind in ANSWER_CONTROLS},
    }


def test_every_control_of_every_widget_has_a_name(every_widget):
    """Can a screen reader name every control of every course widget?"""
    for name, widget in every_widget.items():
        assert not unnamed_controls(widget), name
        named = (*LABELLED, w.Button, Slider, ChoiceGroup)
        assert any(isinstance(leaf, named) for leaf in leaves(widget))


def test_the_name_check_can_fail():
    """Are an ipywidgets slider and a button without text reported?"""
    bad = w.VBox([w.IntSlider(description="Lag"), w.HBox([w.Button(icon="check")])])
    problems = unnamed_controls(bad)
    assert len(problems) == 2 and "handle has no accessible name" in problems[0]
    group = ChoiceGroup("Body", ["Alder"])
    group.options = ["Alder", " "]
    assert unnamed_controls(group) == ["ChoiceGroup 'Body' ['Alder', ' ']: no name"]


def test_every_widget_with_a_choice_carries_the_keyboard_guard(every_widget):
    """Does every widget with an ipywidgets drop-down, list or radio buttons carry the course's
    keyboard guard, so the arrow keys choose instead of moving to another cell (shown in
    Chromium by tests/browser/test_governance_builder.py)?"""
    choices = (w.Dropdown, w.Select, w.SelectMultiple, w.RadioButtons, w.Checkbox)
    with_choices = [
        name
        for name, widget in every_widget.items()
        if any(isinstance(leaf, choices) for leaf in leaves(widget))
    ]
    assert {"GovernanceBuilder", "MetricSorter", "HealthCheck", "AgendaRouter"} <= set(with_choices)
    for name in with_choices:
        guards = [leaf for leaf in leaves(every_widget[name]) if isinstance(leaf, KeyboardGuard)]
        assert len(guards) == 1, name


def test_every_slider_is_the_course_slider(every_widget):
    """Does every widget with a slider use the labelled one, saying what it sets?"""
    sliders = {
        name: [leaf for leaf in leaves(widget) if isinstance(leaf, Slider)]
        for name, widget in every_widget.items()
    }
    with_sliders = ("first_look", "MagicWandSimulator", "LagExplorer", "HealthCheck")
    with_sliders += ("EscalationWalk", "DecisionRules", "BusinessPlanner", "PortfolioMap")
    for name in with_sliders:
        assert sliders[name], f"{name} shows no slider"
        for slider in sliders[name]:
            assert len(slider.description) >= 3 and not slider.description.isdigit()


def cut_short(widget) -> list[str]:
    """Labels ipywidgets would cut short with "...": a button's text wider than its fixed
    default width, a description wider than the default room for it (80 pixels)."""
    problems = []
    for leaf in leaves(widget):
        text = getattr(leaf, "description", "")
        if isinstance(leaf, w.Button | w.ToggleButton | w.FileUpload):
            if len(text) > 14 and leaf.layout.width not in ("auto", "max-content"):
                problems.append(f"button {text!r}")
        elif isinstance(leaf, w.Checkbox):
            if len(text) > 30 and leaf.layout.width not in ("auto", "max-content"):
                problems.append(f"checkbox {text!r}")
        elif isinstance(leaf, LABELLED) and len(text) > 10:
            if getattr(leaf.style, "description_width", "") in ("", None):
                problems.append(f"{type(leaf).__name__} {text!r}")
    return problems


def test_widget_labels_are_not_cut_short(every_widget):
    """Do labels keep their full text (ipywidgets cuts a long one to its default width)?"""
    for name, widget in every_widget.items():
        assert cut_short(widget) == [], name
    bad = w.VBox(
        [w.Button(description="Add this person's answers"), w.Checkbox(description="x" * 40)]
    )
    assert len(cut_short(bad)) == 2


# --- the course's slider ---------------------------------------------------------------------


def test_slider_moves_like_an_ipywidgets_slider():
    """Are values whole or not as the scale is, kept within it, and seen by observers?"""
    moves = []
    lag = Slider(min=0, max=12, description="Lag", unit="months")
    lag.observe(lambda change: moves.append(change["new"]), names="value")
    lag.value = 3.0  # what the browser sends for a whole-number scale
    lag.value = 99
    lag.value = -4
    assert moves == [3, 12, 0] and all(type(v) is int for v in moves)
    assert lag.text() == "0 months"
    rate = Slider(0.3, min=0.05, max=0.6, step=0.05, description="Win rate", percent=True)
    assert rate.value == 0.3 and rate.text() == "30%"
    effort = Slider(0.8, min=0, max=1.2, step=0.1, description="Effort")
    assert (effort.decimals, effort.text()) == (1, "0.8")


def test_slider_refuses_what_it_cannot_show():
    """Does a slider without a label, or a value that is no number, say what is wrong?"""
    with pytest.raises(ValueError, match="needs a description"):
        Slider(min=0, max=5)
    with pytest.raises(ValueError, match="min < max"):
        Slider(min=5, max=5, description="Score")
    score = Slider(3, min=1, max=5, description="Trust")
    with pytest.raises(traitlets.TraitError, match="expected an int or a float"):
        score.value = "high"
    with pytest.raises(traitlets.TraitError, match="is a number"):
        score.value = float("nan")
    assert score.value == 3


def test_slider_front_end_is_a_labelled_native_input_and_offline():
    """Does the front end draw a native range input tied to its label, fetching nothing?"""
    esm, css = Slider._esm, Slider._css
    source = str(esm)
    assert 'input.type = "range"' in source and "label.htmlFor = id" in source
    assert "aria-valuetext" in source and "data-lm-suppress-shortcuts" in source
    assert not re.search(r"https?://|import\s*\(|from\s+['\"]http", source)
    assert "http" not in str(css)


# --- charts ----------------------------------------------------------------------------------


def every_chart():
    summit = data.series("Summit", "deal_registrations"), data.series("Summit", "sourced_revenue")
    enterprise = template("enterprise-three-tier")
    card = scorecard.scorecard(scorecard.quarter_actuals("Harbor", 48), scorecard.DEFAULT_TARGETS)
    return {
        "first revenue": first_revenue_chart(6),
        "pipeline": pipeline_chart(simulate(0.8, months=36, sales_cycle=6)),
        "lag": lag_chart(*summit, lag=3),
        "lag as the explorer draws it": lag_chart(
            *summit,
            lag=3,
            leading_name="Deal registrations",
            lagging_name="Partner-sourced revenue",
            adjusted=True,
        ),
        "correlation": correlation_chart(indicators.lag_correlations(*summit), chosen=2),
        "scorecard": scorecard_chart(card),
        "gaps": gap_chart(health.perception_gaps(data.survey("Delta", quarter=8))),
        "pairwise gaps": pairwise_gap_chart(
            health.pairwise_gaps(data.survey("Constellation", quarter=16), by="company")
        ),
        "governance": governance_chart(enterprise),
        "decisions": decision_chart(enterprise),
        "a participant's own Altair chart": own_altair_chart(),
    }


def own_altair_chart():
    """A chart a participant might make with Altair: drawn by vl-convert, the offline renderer."""
    import altair as alt

    pairs = health.pairwise_gaps(data.survey("Constellation", quarter=16), by="company")
    return describe(
        alt.Chart(pairs.assign(gap=pairs["gap"].astype(float)))
        .mark_bar()
        .encode(
            y=alt.Y("dimension:N", title=None),
            yOffset="pair:N",
            x=alt.X("gap:Q", title="Gap (points on a 1-5 scale)"),
            color=alt.Color("pair:N", legend=alt.Legend(orient="bottom", labelLimit=0)),
        ),
        title="My own look at the gaps",
        description=f"Bars of {pairs['pair'].nunique()} pairs' gaps per dimension.",
    )


@pytest.fixture(scope="module")
def drawn():
    """Each chart's specification and its SVG, drawn once for the module."""
    out = {}
    for name, chart in every_chart().items():
        spec = chart.to_dict() if hasattr(chart, "to_dict") else None
        out[name] = (spec, to_svg(chart) if spec is not None else chart.svg)
    return out


def exposed_roles(svg: str) -> list[str]:
    """Roles inside the picture that a screen reader would meet (not under aria-hidden)."""
    found = []

    def walk(element, hidden):
        hidden = hidden or element.get("aria-hidden") == "true"
        for child in element:
            if not hidden and child.get("role"):
                found.append(f"{child.tag.split('}')[-1]} role={child.get('role')}")
            walk(child, hidden or child.get("aria-hidden") == "true")

    walk(ET.fromstring(svg), False)
    return found


def test_every_chart_is_one_named_described_image_that_fits(drawn):
    """Is each chart an image named by its description, with its title and description, no
    unnamed role inside, and a width that shrinks with the page?"""
    ns = "{http://www.w3.org/2000/svg}"
    for name, (spec, svg) in drawn.items():
        root = ET.fromstring(svg)
        title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
        assert root.get("role") == "img", name
        assert title is not None and title.text and list(root)[0] is title, name
        assert desc is not None and len(desc.text) >= 10, name
        label = root.get("aria-label") or (root.get("aria-labelledby") and title.text)
        assert label, name
        if spec is not None:  # a Vega-Lite chart: named by its description
            assert root.get("aria-label") == spec["description"] == desc.text, name
        elif root.get("aria-label"):  # drawn as SVG directly (toolkit.ui.plot): the same
            assert root.get("aria-label") == desc.text, name
        assert "max-width:100%" in root.get("style", "").replace(" ", ""), name
        assert root.get("viewBox"), name
        assert exposed_roles(svg) == [], (name, exposed_roles(svg)[:3])


def test_the_role_check_can_fail():
    """Would a mark with its own role, outside a hidden group, be reported?"""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img"><g aria-hidden="true">'
        '<path role="graphics-symbol"/></g><g role="graphics-symbol"/></svg>'
    )
    assert exposed_roles(svg) == ["g role=graphics-symbol"]


def test_a_chart_output_is_an_image_with_its_description_as_alt(drawn):
    """Does a chart shown in a cell come as an <img> whose alt is its description (JupyterLab
    draws image/svg+xml with no alt), sized to fit, with the SVG kept beside it?"""
    charts = every_chart()
    for name in ("lag", "a participant's own Altair chart"):  # drawn directly, by Vega-Lite
        spec, svg = drawn[name]
        bundle = charts[name]._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        image = bundle["text/html"]
        assert image.startswith("<img ") and "max-width:100%" in image
        alt = re.search(r'alt="([^"]*)"', image).group(1)
        description = spec["description"] if spec else charts[name].description
        assert html.unescape(alt) == description, name
        assert bundle["image/svg+xml"] == svg, name
    quoted = svg_bundle(svg, 'Say "when" & <stop>.')["text/html"]
    assert 'alt="Say &quot;when&quot; &amp; &lt;stop&gt;."' in quoted


def test_chart_text_is_measured_in_a_wide_font(drawn):
    """Is chart text laid out in DejaVu Sans / Verdana, so no title or legend is cut off or
    overlaps when a browser draws it in a wider font than vl-convert measured?"""
    for name, (spec, svg) in drawn.items():
        if spec is not None:
            assert 'font-family="DejaVu Sans, Verdana, sans-serif"' in svg, name
            assert 'font-family="sans-serif"' not in svg, name


def test_no_chart_text_is_cut_short(drawn):
    """Does every title, label and legend entry keep its full text (Vega ends a text longer
    than its limit with an ellipsis)?"""
    for name, (_spec, svg) in drawn.items():
        assert "\u2026" not in svg, name


# --- tables ----------------------------------------------------------------------------------


def test_tables_scroll_inside_a_focusable_labelled_region():
    """Is a wide table inside a region the keyboard reaches and a screen reader names?"""
    survey = data.survey("Delta", quarter=8)
    page = table_html(survey)
    region = re.match(r"<div ([^>]*)>", page).group(1)
    assert 'role="region"' in region and 'tabindex="0"' in region
    assert "overflow-x:auto" in region and "max-width:100%" in region
    label = re.search(r'aria-label="([^"]*)"', region).group(1)
    assert label.startswith(f"Table of {len(survey)} rows: alliance, quarter")
    assert label.endswith(f"and {len(survey.columns) - 6} more columns")
    assert "<table" in page


@pytest.mark.slow
def test_every_table_of_the_lessons_is_in_a_region(executed_notebooks):
    """In the executed lessons, does every pandas table sit in a focusable, labelled region?"""
    tables = 0
    for name, (nb, _) in executed_notebooks.items():
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                page = output.get("data", {}).get("text/html", "")
                page = "".join(page) if isinstance(page, list) else page
                if 'class="dataframe' in page:
                    tables += 1
                    assert page.startswith('<div role="region" tabindex="0" aria-label='), name
    assert tables >= 5


@pytest.mark.slow
def test_a_traceback_in_a_course_notebook_is_plain_text(tmp_path):
    """After ``import toolkit``, does a failing cell show its traceback without colours (IPython
    colours strings at 1.5:1 on JupyterLab's error background), and still as an error?"""
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    cells = ["import toolkit", "answer = 'no'\nassert answer == 'yes', 'Not yet'"]
    nb = new_notebook(cells=[new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120).execute()
    error = nb.cells[1].outputs[0]
    assert error["output_type"] == "error" and error["ename"] == "AssertionError"
    assert "Not yet" in error["traceback"][-1]
    assert not [line for line in error["traceback"] if "\x1b[" in line]


# --- colours ---------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag():
    """Does the formula give WCAG's known values (21:1, 1:1, #767676 on white 4.54:1)?"""
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#777777") == 1
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_message_tones_keep_aa_contrast():
    """Is every message's text readable on its tone's background (4.5:1), and its border and
    any text in the tone's colour distinct enough (3:1 on its background, 4.5:1 on white)?"""
    for tone, (border, _role, background) in TONES.items():
        assert contrast(TEXT, background) >= 4.5, tone
        assert contrast(border, background) >= 3, tone
        assert contrast(border, "#ffffff") >= 4.5, tone
        assert f"background:{background}" in box("x", tone)


def test_other_colours_keep_aa_contrast():
    """Are the progress marks' text, the scorecard's status text on its colour, and the two
    series colours (lines and bars against white) readable?"""
    for status, colour in PROGRESS_COLOURS.items():
        assert contrast(colour, "#ffffff") >= 4.5, status
    for status, colour in STATUS_COLOURS.items():
        assert contrast("#1a202c", colour) >= 4.5, status
    for colour in (LEADING_COLOUR, LAGGING_COLOUR):
        assert contrast(colour, "#ffffff") >= 3


def test_tables_in_widgets_are_regions_too(answer_path):
    """Does the health check's table of gaps sit in a focusable, labelled region?"""
    check = HealthCheck("Delta", 8, path=answer_path("health.json"))
    assert check.table.value.startswith('<div role="region" tabindex="0" aria-label="Perception')
    body = check.table.value.split("<tbody>")[1]
    assert body.count("<tr") == len(health.DIMENSIONS)
