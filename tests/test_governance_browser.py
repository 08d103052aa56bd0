"""The governance builder as a person sees it: JupyterLab in a real Chromium.

Skips outside CI when Chromium or Playwright is missing (install Debian's ``chromium``, or
run ``playwright install chromium``); under ``CI=true`` a missing browser is a failure.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BIN = Path(sys.executable).parent


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _need_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "playwright"
    else:
        missing = None if _chromium() else "chromium"
    if missing:
        msg = f"{missing} is missing: apt-get install chromium (and pip install playwright)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab on a folder holding a one-cell notebook with the builder."""
    _need_browser()
    folder = tmp_path_factory.mktemp("lab")
    cell = ('from toolkit.governance import GovernanceBuilder\n'
            'GovernanceBuilder("my-governance.json", template="lean-startup-enterprise")')
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nbformat.write(nb, folder / "builder.ipynb")
    port, token = _free_port(), secrets.token_hex(8)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_PLATFORM_DIRS": "1",
           "ALLIANCE_COURSE_HOME": str(tmp_path_factory.mktemp("home"))}
    proc = subprocess.Popen(
        [str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}", "--allow-root"],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start")
                time.sleep(0.5)
        yield base, token, folder
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_student_adds_a_body_and_sees_review_chart_and_file_follow(lab):
    """In a real browser: does the builder show, and does 'Add body' redraw and save?"""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    base, token, folder = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(f"{base}/lab/tree/builder.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            choose = page.get_by_role("button", name="Select Kernel")
            try:  # a fresh server may ask which kernel to start: take the preferred one
                choose.click(timeout=8_000)
            except PlaywrightTimeout:
                pass
            page.locator(".jp-Notebook").click()
            page.keyboard.press("Shift+Enter")
            builder = page.locator(".widget-vbox").first
            expect(builder.get_by_text("Workable: no errors")).to_be_visible(timeout=60_000)
            expect(builder.locator("svg").first).to_be_visible()
            builder.get_by_placeholder("Joint Steering Committee").fill("Joint Marketing Group")
            builder.locator("select").nth(2).select_option("operational")  # the tier
            builder.get_by_role("button", name="Add body").click()
            expect(builder.get_by_text("Added Joint Marketing Group")).to_be_visible(
                timeout=30_000)
            expect(builder.locator("svg").get_by_text("Joint Marketing Group")).to_have_count(
                1, timeout=30_000)
            expect(builder.get_by_text("empty-body")).to_be_visible()
        finally:
            browser.close()
    saved = json.loads((folder / "my-governance.json").read_text())
    assert saved["bodies"][-1]["name"] == "Joint Marketing Group"
