"""Can the browser checks fail? A deliberately broken notebook must be caught.

A notebook written into the server's temporary course copy (never into the repository) raises
an error, shows a widget whose front-end code does not exist, draws an empty chart and loads
a picture from the internet: `Lab.problems` and `Lab.remote_requests` must report each one.
"""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

pytestmark = pytest.mark.browser

BROKEN = [
    "1 / 0",
    "import ipywidgets as w, traitlets as t\n"
    "class Missing(w.DOMWidget):\n"
    "    _model_module = t.Unicode('no-such-widget-module').tag(sync=True)\n"
    "    _view_module = t.Unicode('no-such-widget-module').tag(sync=True)\n"
    "    _view_name = t.Unicode('MissingView').tag(sync=True)\n"
    "Missing()",
    'w.HTML(\'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="empty"></svg>\')',
    "from IPython.display import HTML\nHTML('<img src=\"https://cdn.example.org/chart.png\">')",
]


def test_a_broken_notebook_is_caught(lab, lab_server):
    """Are an error, a dead widget, an empty chart and a remote request each reported?"""
    folder = lab_server.root / "scratch"
    folder.mkdir(exist_ok=True)
    nb = new_notebook(cells=[new_markdown_cell("# Broken on purpose")])
    nb.cells += [new_code_cell(src) for src in BROKEN]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, folder / "broken.ipynb")

    lab.open("scratch/broken.ipynb")
    lab.run_all()  # stops at the error, and says so without waiting for the timeout
    lab.save()
    report = "\n".join(lab.problems("scratch/broken.ipynb"))
    assert "ZeroDivisionError" in report
    assert report.count("was not run") == len(BROKEN) - 1, report

    for i in range(1, len(BROKEN)):  # the rest, one by one
        lab.run_cell(lab.page.locator(".jp-CodeCell").nth(i))
    lab.save()

    report = "\n".join(lab.problems("scratch/broken.ipynb"))
    assert "ZeroDivisionError" in report
    assert "Error displaying widget" in report
    assert "'empty' has no drawing" in report
    assert lab.remote_requests() == ["https://cdn.example.org/chart.png"]
