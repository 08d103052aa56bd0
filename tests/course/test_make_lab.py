"""`make lab` serves JupyterLab on the start notebook, headless and as root.

The server is the session's `lab_server` (see conftest.py): `make lab` run in a temporary
copy of the course, shared with the browser tests.
"""

import json
import urllib.request

from conftest import free_port  # noqa: F401 - other modules import it from here


def test_lab_opens_on_the_start_notebook(lab_server):
    """Does the server's front page lead to JupyterLab with the start notebook open?"""
    req = urllib.request.Request(
        f"{lab_server.base}/", headers={"Authorization": f"token {lab_server.token}"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        final_url, body = resp.geturl(), resp.read().decode()
    assert final_url.endswith("/lab/tree/notebooks/00-start-here.ipynb")
    assert "JupyterLab" in body


def test_start_notebook_is_reachable(lab_server):
    """Can the server open notebooks/00-start-here.ipynb through the contents API?"""
    status, body = lab_server.get("/api/contents/notebooks/00-start-here.ipynb")
    model = json.loads(body)
    assert status == 200 and model["type"] == "notebook"
    assert model["content"]["cells"][0]["source"].startswith("# Start here")


def test_no_news_or_update_prompts(lab_server):
    """Is a student spared the news and update prompts?"""
    _, body = lab_server.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    # overrides.json becomes the schema's defaults, which is what a fresh profile uses
    properties = json.loads(body)["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False
