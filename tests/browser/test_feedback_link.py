"""The course's lab plugin, in Chromium: a feedback folder shown in the file browser opens its page.

nbgrader 0.9's Assignment List makes "(view feedback)" run JupyterLab's
``filebrowser:go-to-path`` on the fetched feedback's folder (``<assignment>/feedback/<time>``),
which only shows the folder. The course's plugin (``tools/labextension/alliance-course-feedback``,
installed by ``make setup``) opens the folder's feedback page when that command goes there.
Here the same command is run through *File → Open from Path…* (which goes to a folder with
it), on the session's ``make lab`` server; the hub test (``tests/hub/test_hub_grading_browser.py``)
clicks nbgrader's own link after a real round trip.
"""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOLDER = "practice/feedback/2026-12-07 04:00:00.000000 UTC"
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>practice</title></head><body>"
    "<h1>practice</h1><p>(Score: 3.0 / 4.0)</p><p>Clear ask; name the owner next time.</p>"
    "</body></html>"
)


def go_to(lab, folder: str) -> None:
    """File → Open from Path…, as a person types a folder there (``filebrowser:go-to-path``)."""
    lab.menu("File", "Open from Path")
    field = lab.page.locator(".jp-Dialog input")
    field.fill(folder)
    lab.accept_dialog()


def test_a_feedback_folder_opens_its_page_trusted_and_other_folders_do_not(lab):
    root = lab.server.root
    (root / FOLDER).mkdir(parents=True, exist_ok=True)
    (root / FOLDER / "practice.html").write_text(PAGE, encoding="utf-8")
    (root / "practice" / "notes").mkdir(exist_ok=True)
    (root / "practice" / "notes" / "draft.html").write_text(PAGE, encoding="utf-8")

    lab.page.goto(lab.server.url("/lab?reset"))
    lab.page.wait_for_selector(".jp-Launcher", timeout=120_000)
    go_to(lab, "practice/notes")  # an ordinary folder: shown, nothing opened
    expect(lab.page.locator(".jp-DirListing-item", has_text="draft.html")).to_be_visible()
    go_to(lab, FOLDER)

    tab = lab.page.locator(".lm-TabBar-tab", has_text="practice.html")
    expect(tab).to_be_visible(timeout=60_000)
    page = lab.page.frame_locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe")
    expect(page.locator("body")).to_contain_text("Clear ask; name the owner next time.")
    expect(page.locator("body")).to_contain_text("(Score: 3.0 / 4.0)")
    # trusted at once (tools/lab-overrides.json): no "Trust HTML" to press
    expect(lab.page.get_by_role("button", name="Trust HTML", exact=True)).to_have_count(0)
    expect(lab.page.locator(".lm-TabBar-tab", has_text="draft.html")).to_have_count(0)
    lab.page.screenshot(path=str(ARTIFACTS / "screenshots" / "feedback-link.png"))
    assert not lab.remote_requests()
