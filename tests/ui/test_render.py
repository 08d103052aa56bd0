"""Altair only on use: ``import toolkit`` and the course's charts never import it, and a chart a
participant makes with Altair still renders offline through the course's renderer."""

import json
import subprocess
import sys

import nbformat
from conftest import NOTEBOOKS, ROOT, SOURCE_NOTEBOOKS

from instructor.admin.warm import course_modules

#: what the grading pipeline imports ahead of a submission, besides the toolkit's modules
PIPELINE = ("instructor.admin.cli", "instructor.admin.nbplugins", "instructor.admin.warm")


def run(code: str) -> dict:
    """Run ``code`` in a fresh interpreter of the course; it prints one JSON answer."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_no_lesson_assignment_or_grader_imports_altair_or_vl_convert():
    """Do ``import toolkit``, every toolkit module a lesson or assignment imports (what a warm
    grading kernel imports ahead), the grading pipeline and drawing the health and steering
    charts all leave Altair and vl-convert unimported?"""
    notebooks = [nbformat.read(path, as_version=4) for path in [*NOTEBOOKS, *SOURCE_NOTEBOOKS]]
    modules = course_modules(notebooks)
    assert len(modules) > 5, modules
    code = f"""
import importlib, json, sys
import toolkit
after_toolkit = sorted(m for m in sys.modules if m.split(".")[0] in ("altair", "vl_convert"))
for name in {[*modules, *PIPELINE]!r}:
    importlib.import_module(name)
from toolkit import data
from toolkit.health import gap_chart, pairwise_gap_chart, pairwise_gaps, perception_gaps
from toolkit.steering.dashboard.widget import SteeringDashboard
from toolkit.ui.render import chart_widget
three = data.survey("Constellation", quarter=16)
chart_widget(pairwise_gap_chart(pairwise_gaps(three, by="company")))
chart_widget(gap_chart(perception_gaps(data.survey("Delta", quarter=8))))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("altair", "vl_convert"))
print(json.dumps({{"after_toolkit": after_toolkit, "loaded": loaded}}))
"""
    assert run(code) == {"after_toolkit": [], "loaded": []}


def test_the_start_notebooks_check_names_the_renderer_without_importing_altair():
    """Does ``renderer_name()`` (the start notebook's check) name the course's renderer in a
    kernel that has not imported Altair, leaving it unimported, and say the same once it is?"""
    code = """
import json, sys
import toolkit
before = toolkit.ui.render.renderer_name()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("altair", "vl_convert"))
import altair as alt
print(json.dumps({"before": before, "loaded": loaded, "after": toolkit.ui.render.renderer_name(),
                  "active": alt.renderers.active}))
"""
    assert run(code) == {
        "before": "alliance-offline",
        "loaded": [],
        "after": "alliance-offline",
        "active": "alliance-offline",
    }


def test_a_participants_altair_chart_renders_offline_once_altair_is_imported():
    """After ``import toolkit``, does ``import altair`` come with the course's renderer on, so a
    chart shows as an accessible offline SVG image (not Altair's CDN HTML)?"""
    code = """
import json, sys
import toolkit
import altair as alt
import pandas as pd
chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q").properties(
    title="Two dots", description="Two dots on a line.")
bundle = chart._repr_mimebundle_()
bundle = bundle[0] if isinstance(bundle, tuple) else bundle
print(json.dumps({
    "active": alt.renderers.active,
    "name": toolkit.ui.render.renderer_name(),
    "kinds": sorted(bundle),
    "named": 'aria-label="Two dots on a line."' in bundle["image/svg+xml"],
    "remote": "http" in bundle["image/svg+xml"].replace("http://www.w3.org", ""),
}))
"""
    assert run(code) == {
        "active": "alliance-offline",
        "name": "alliance-offline",
        "kinds": ["image/svg+xml", "text/html", "text/plain"],
        "named": True,
        "remote": False,
    }


def test_altair_imported_before_the_toolkit_also_renders_offline():
    """If a notebook imports Altair first, does ``import toolkit`` still turn the renderer on?"""
    code = """
import json
import altair as alt
import toolkit
print(json.dumps({"active": alt.renderers.active}))
"""
    assert run(code) == {"active": "alliance-offline"}
