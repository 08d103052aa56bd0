"""`make lab` serves JupyterLab on the start notebook, headless and as root."""

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, token: str):
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read().decode()


@pytest.fixture(scope="module")
def lab():
    """Start `make lab` exactly as the README says, on a free loopback port; stop it after."""
    port, token = free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    proc = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "JUPYTER_PLATFORM_DIRS": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                get(f"{base}/api/status", token)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"make lab did not start:\n{proc.stdout.read()}")
                time.sleep(0.5)
        yield base, token
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_lab_opens_on_the_start_notebook(lab):
    """Does the server's front page lead to JupyterLab with the start notebook open?"""
    base, token = lab
    req = urllib.request.Request(f"{base}/", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        final_url, body = resp.geturl(), resp.read().decode()
    assert final_url.endswith("/lab/tree/notebooks/00-start-here.ipynb")
    assert "JupyterLab" in body


def test_start_notebook_is_reachable(lab):
    """Can the server open notebooks/00-start-here.ipynb through the contents API?"""
    base, token = lab
    status, body = get(f"{base}/api/contents/notebooks/00-start-here.ipynb", token)
    model = json.loads(body)
    assert status == 200 and model["type"] == "notebook"
    assert model["content"]["cells"][0]["source"].startswith("# Start here")


def test_no_news_or_update_prompts(lab):
    """Is a student spared the news and update prompts?"""
    base, token = lab
    _, body = get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification", token)
    # overrides.json becomes the schema's defaults, which is what a fresh profile uses
    properties = json.loads(body)["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False
