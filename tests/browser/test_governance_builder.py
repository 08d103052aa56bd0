"""The governance builder and pictures as a person sees them: JupyterLab in a real Chromium.

Runs on the browser suite's shared server and Chromium (`lab` fixture in conftest.py): outside
CI a missing Chromium skips it with the install command; under ``CI=true`` it fails. The
builder is shown in a one-cell notebook written into the server's temporary course copy, so
this test does not depend on the lesson's text (tests/browser/test_widgets.py covers the
builder inside lesson 02).
"""

import json

import nbformat
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_student_adds_a_body_and_sees_review_chart_and_file_follow(lab):
    """In a real browser: does the builder show, and does 'Add body' redraw and save?"""
    folder = lab.server.root / "scratch-builder"
    folder.mkdir(exist_ok=True)
    (folder / "my-governance.json").unlink(missing_ok=True)
    cell = (
        "from toolkit.governance import GovernanceBuilder\n"
        'GovernanceBuilder("my-governance.json", template="lean-startup-enterprise")'
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nbformat.write(nb, folder / "builder.ipynb")

    lab.open("scratch-builder/builder.ipynb")
    lab.run_all()
    builder = lab.code_cell("GovernanceBuilder(").locator(".jp-OutputArea")
    expect(builder.get_by_text("Workable: no errors")).to_be_visible()
    expect(builder.locator("svg[role=img]").first).to_be_visible()
    lab.control(builder, "Name").fill("Joint Marketing Group")
    lab.control(builder, "Tier", "select").select_option("Operational")  # by its name
    lab.button(builder, "Add body").click()
    expect(builder.get_by_text("Added Joint Marketing Group")).to_be_visible()
    expect(builder.locator("svg").get_by_text("Joint Marketing Group")).to_have_count(1)
    expect(builder.get_by_text("empty-body")).to_be_visible()
    saved = json.loads((folder / "my-governance.json").read_text())
    assert saved["bodies"][-1]["name"] == "Joint Marketing Group"
    assert not lab.remote_requests()


def test_pictures_fit_jupyterlab_with_the_file_browser_open(lab):
    """In JupyterLab at 1280 pixels with its file browser open (its default look), is every
    governance picture, in a cell and in the builder, drawn whole within its output?"""
    folder = lab.server.root / "scratch-charts"
    folder.mkdir(exist_ok=True)
    (folder / "my-governance.json").unlink(missing_ok=True)
    cells = [
        "from toolkit.governance import GovernanceBuilder, decision_chart, governance_chart, "
        "template",
        'governance_chart(template("enterprise-three-tier"))',
        'decision_chart(template("biopharma-jsc"))',
        'GovernanceBuilder("my-governance.json", template="biopharma-jsc")',
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "charts.ipynb")

    lab.open("scratch-charts/charts.ipynb")
    lab.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab").first.click()  # file browser
    lab.page.wait_for_selector("#jp-left-stack .jp-FileBrowser", state="visible")
    lab.run_all()
    sizes = lab.page.evaluate(
        """() => [...document.querySelectorAll(
              '.jp-OutputArea-output img, .jp-OutputArea-output svg[role=img]')].map((el) => {
            const area = el.closest('.jp-OutputArea-output');
            return {tag: el.tagName, width: el.getBoundingClientRect().width,
                    room: area.getBoundingClientRect().width,
                    drawn: el.tagName === 'IMG' ? el.complete && el.naturalWidth > 0 : true};
        })"""
    )
    assert [s["tag"] for s in sizes].count("IMG") == 2 and len(sizes) >= 3, sizes
    for size in sizes:
        assert size["drawn"] and 300 < size["width"] <= size["room"], size


ACTIVE_CELL = """() => {
  const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')];
  const at = cells.findIndex((c) => c.classList.contains('jp-mod-active'));
  return [at, cells.length, cells.filter((c) => c.classList.contains('jp-CodeCell')).length];
}"""


def test_arrow_keys_and_letters_on_a_drop_down_choose_and_stay_in_the_widget(lab):
    """With the keyboard only: do the arrow keys and a typed letter on the builder's Role
    drop-down choose a role by its name (JupyterLab's notebook shortcuts do not move to another
    cell or turn the cell into Markdown), does the design file keep the role's code, and does
    the metric sorter's drop-down choose with the arrow keys too?"""
    folder = lab.server.root / "scratch-keys"
    folder.mkdir(exist_ok=True)
    for old in ("my-governance.json", "my-sort.json"):
        (folder / old).unlink(missing_ok=True)
    cells = [
        "from toolkit.governance import GovernanceBuilder\n"
        'GovernanceBuilder("my-governance.json", template="lean-startup-enterprise")',
        'from toolkit.indicators import MetricSorter\nMetricSorter(path="my-sort.json")',
        "after = 'the next cell'",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, folder / "keys.ipynb")

    lab.open("scratch-keys/keys.ipynb")
    lab.run_all()
    builder = lab.code_cell("GovernanceBuilder(").locator(".jp-OutputArea")
    expect(builder.get_by_text("Workable: no errors")).to_be_visible()
    lab.select_cell_by_keyboard("GovernanceBuilder(")
    before = lab.page.evaluate(ACTIVE_CELL)
    role = lab.tab_to("Role", limit=60)[-1]
    assert role["tag"] == "select" and role["value"] == "Executive sponsor", role
    lab.page.keyboard.press("ArrowDown")
    lab.page.keyboard.press("ArrowDown")
    lab.page.keyboard.press("ArrowUp")
    assert lab.focused()["value"] == "Alliance manager"
    assert lab.page.evaluate(ACTIVE_CELL) == before  # still in the builder's cell
    lab.page.keyboard.press("m")  # JupyterLab's shortcut for "make this a Markdown cell"
    assert lab.focused()["value"] == "Member"
    assert lab.page.evaluate(ACTIVE_CELL) == before  # still code cells, none moved
    lab.page.keyboard.press("ArrowUp")
    assert lab.focused()["value"] == "Functional lead"

    lab.control(builder, "Person").fill("Ada Quinn")
    lab.control(builder, "Partner").fill("Brightpath")
    lab.button(builder, "Add member").click()
    expect(builder.get_by_text("Added Ada Quinn")).to_be_visible()
    member = builder.locator("select option", has_text="Ada Quinn (Brightpath) — Functional lead")
    expect(member).to_have_count(1)
    saved = json.loads((folder / "my-governance.json").read_text())
    assert saved["bodies"][0]["members"][-1]["role"] == "functional_lead"

    # the guard is the course widgets' skeleton's: another widget's drop-down chooses too
    sorter = lab.code_cell("MetricSorter(").locator(".jp-OutputArea")
    expect(sorter).to_contain_text("0 of ")
    lab.select_cell_by_keyboard("MetricSorter(")
    before = lab.page.evaluate(ACTIVE_CELL)
    first = lab.tab_to("Metric", limit=20)[-1]
    assert first["tag"] == "select", first
    lab.page.keyboard.press("ArrowDown")
    assert lab.focused()["tag"] == "select" and lab.focused()["value"] != first["value"]
    assert lab.page.evaluate(ACTIVE_CELL) == before
