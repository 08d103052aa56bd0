"""Lesson notebooks: committed clean, linked from the course map, and runnable top to bottom."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS, ROOT, SOURCE_NOTEBOOKS
from nbformat.v4 import new_code_cell, new_notebook, new_output

from toolkit.ui.render import to_svg

ALL_COMMITTED = NOTEBOOKS + SOURCE_NOTEBOOKS
# A rendered output must never load code or styles from another machine.
REMOTE = re.compile(
    r"""(<script[^>]+src\s*=\s*["']?(https?:)?//)|(<link[^>]+href\s*=\s*["']?(https?:)?//)"""
    r"""|cdn\.jsdelivr|unpkg\.com|cdnjs|requirejs\.config|import\s*\(\s*["']https?:""",
    re.IGNORECASE,
)


def test_there_is_a_start_notebook():
    """Does the course open on 00-start-here?"""
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00-start-here.ipynb"


@pytest.mark.parametrize("path", ALL_COMMITTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_notebook_is_clean(path):
    """Is the notebook free of outputs, execution counts and saved widget state?"""
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell.get("outputs") or cell.get("execution_count") is not None
    ]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; run `make clean-notebooks`"
    assert "widgets" not in nb.get("metadata", {}), f"{path.name}: saved widget state"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_one_title_and_ordered_headings(path):
    """Does each lesson have one # title, and do headings never skip a level?"""
    nb = nbformat.read(path, as_version=4)
    levels = [
        len(m.group(1))
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for m in re.finditer(r"^(#{1,6}) ", cell.source, re.MULTILINE)
    ]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def _links(nb) -> set[str]:
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return set(re.findall(r"\]\(([^)#\s]+)", text))


def test_course_map_links_every_lesson_and_assignment():
    """Is the course map in 00-start-here current: every lesson and assignment, no dead link?"""
    start = nbformat.read(NOTEBOOKS[0], as_version=4)
    links = _links(start)
    local = {link for link in links if not link.startswith(("http:", "https:"))}
    for link in local:
        assert (NOTEBOOKS[0].parent / link).exists(), f"dead link in the course map: {link}"
    for path in NOTEBOOKS:
        assert path.name in links, f"{path.name} is missing from the course map"
    text = "\n".join(c.source for c in start.cells if c.cell_type == "markdown")
    for assignment in sorted((ROOT / "grading" / "source").glob("*/")):
        assert f"`{assignment.name}`" in text, f"assignment {assignment.name} not in the map"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(executed_notebooks, path):
    """Does the notebook run in a fresh kernel with no error output?"""
    nb, error = executed_notebooks[path.name]
    assert error is None, f"{path.name} failed: {error}"
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    stderr = [
        o["text"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("name") == "stderr" and "Traceback" in o.get("text", "")
    ]
    assert not stderr, stderr[0]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_rendered_outputs_reference_no_remote_script(executed_notebooks, path):
    """Do the outputs render offline: charts as inline SVG, no script from a CDN?"""
    nb, _ = executed_notebooks[path.name]
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert outputs, f"{path.name} produced no output at all"
    for output in outputs:
        data = output.get("data", {})
        blob = json.dumps(data)
        assert not REMOTE.search(blob), f"{path.name}: remote reference in {list(data)}"
        assert "application/vnd.vegalite.v6+json" not in data, "JupyterLab 4 cannot draw this"


def test_remote_pattern_catches_cdn_html():
    """Would the scan catch Altair's default (CDN) HTML output?"""
    import altair as alt
    import pandas as pd

    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")
    assert REMOTE.search(chart.to_html())
    assert not REMOTE.search(Path(__file__).read_text().split("REMOTE =")[0])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_its_contract(path):
    """Does the notebook open with objectives, the time it takes and what you will build?"""
    nb = nbformat.read(path, as_version=4)
    opening = "\n".join(c.source for c in nb.cells[:3] if c.cell_type == "markdown").lower()
    assert re.search(r"\b\d+\s*(minutes|min)\b", opening), "say how long it takes"
    assert "you will" in opening or "objectives" in opening, "state the learning objectives"
    assert "build" in opening, "say what the student will build"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_closes_with_summary_reading_and_next(path):
    """Does the notebook end with a summary, further reading and a link to the next one?"""
    nb = nbformat.read(path, as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    closing = "\n".join(markdown[-3:])
    assert re.search(r"^##+ Summary", closing, re.MULTILINE)
    assert re.search(r"^##+ Further reading", closing, re.MULTILINE)
    position = NOTEBOOKS.index(path)
    following = NOTEBOOKS[position + 1] if position + 1 < len(NOTEBOOKS) else NOTEBOOKS[0]
    assert f"]({following.name})" in closing, f"link to the next notebook, {following.name}"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_chart_has_a_text_description(executed_notebooks, path):
    """Does every chart output carry a description that a screen reader reads?"""
    nb, _ = executed_notebooks[path.name]
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            svg = output.get("data", {}).get("image/svg+xml")
            if svg:
                svg = "".join(svg) if isinstance(svg, list) else svg
                assert re.search(r"<desc[^>]*>[^<]{10,}</desc>", svg), (
                    f"undescribed chart: {cell.source}"
                )


def test_no_lesson_widget_shows_the_answer_of_the_exercise_beside_it(executed_notebooks):
    """Does the health check of lesson 04 leave its exercise's answer for the student to read?"""
    from toolkit import data
    from toolkit.health import perception_gaps
    from toolkit.health.lesson import GAP

    nb, error = executed_notebooks["04-governance-tools.ipynb"]
    assert error is None
    exercise = next(i for i, c in enumerate(nb.cells) if "answer_largest_gap()" in c.source)
    answer = perception_gaps(data.survey(GAP["alliance"], quarter=GAP["quarter"]))["gap"].idxmax()
    shown = json.dumps([c.get("outputs", []) for c in nb.cells[:exercise]]).lower()
    assert "largest perception gap" not in shown
    assert not re.search(rf"largest[^.]{{0,60}}{answer.replace('_', ' ')}", shown)


def test_widget_pictures_are_skipped_only_while_nbgrader_runs(monkeypatch):
    """Do widgets draw SVG for students, and only a description while nbgrader grades?"""
    from toolkit.magic_wand.chart import first_revenue_chart
    from toolkit.ui.render import chart_widget

    chart = first_revenue_chart(6)
    assert chart_widget(chart).value.startswith("<svg")
    for mode in ("autograde", "validate"):
        monkeypatch.setenv("NBGRADER_EXECUTION", mode)
        value = chart_widget(chart).value
        assert "<svg" not in value and "Revenue is zero" in value


def test_charts_are_left_to_the_grader_only_while_nbgrader_runs(monkeypatch):
    """Does a chart display as SVG for students, and as a spec the grader then draws?"""
    import altair as alt

    from instructor.admin.nbplugins import RenderCharts
    from toolkit.data import survey
    from toolkit.ui.render import DEFERRED_MIME, describe

    answers = survey("Constellation", quarter=16)  # a participant's own chart of the course data
    chart = describe(
        alt.Chart(answers).mark_bar().encode(x="count():Q", y="company:N"),
        title="Answers per company",
        description="One bar per company: how many answered the health check.",
    )
    assert "image/svg+xml" in chart._repr_mimebundle_()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    bundle = chart._repr_mimebundle_()
    assert DEFERRED_MIME in bundle and "image/svg+xml" not in bundle
    output = new_output("display_data", data=bundle)
    nb = new_notebook(cells=[new_code_cell("chart", outputs=[output])])
    nbformat.validate(nb)
    nb, _ = RenderCharts().preprocess(nb, {})
    data = nb.cells[0].outputs[0].data
    assert DEFERRED_MIME not in data
    assert data["image/svg+xml"] == to_svg(chart)


def test_grader_draws_only_bounded_charts_and_survives_a_broken_one(monkeypatch):
    """Are self-generating charts drawn in the kernel, and a bad spec a note, not a crash?"""
    import altair as alt

    from toolkit.ui.render import DEFERRED_MIME, render_deferred

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    generated = alt.Chart(alt.sequence(0, 5, as_="x")).mark_point().encode(x="x:Q")
    assert "image/svg+xml" in generated._repr_mimebundle_()
    broken = {"mark": "no-such-mark", "data": {"values": [{"x": 1}]}}
    outputs = [
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {DEFERRED_MIME: broken, "text/plain": "<chart: broken>"},
        }
    ]
    problems = render_deferred(outputs)
    assert len(problems) == 1 and "could not be drawn" in problems[0]
    assert outputs[0]["data"]["text/plain"].startswith("<chart: broken> (chart could not")
    assert DEFERRED_MIME not in outputs[0]["data"]
