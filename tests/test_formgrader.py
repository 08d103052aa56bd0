"""nbgrader's extensions (formgrader, Validate, assignment list) work on grading/ in `make lab`."""

import json
import os
import secrets
import signal
import subprocess
import time
import urllib.request

import pytest
from conftest import ROOT
from test_make_lab import free_port

from toolkit.admin.course import Course

pytestmark = pytest.mark.slow


def request(url: str, token: str, data: bytes | None = None):
    req = urllib.request.Request(url, data=data, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, resp.read().decode()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` at the repository root, with a private gradebook and exchange."""
    tmp = tmp_path_factory.mktemp("formgrader")
    (tmp / "exchange").mkdir()
    port, token = free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    env = {
        **os.environ,
        "JUPYTER_PLATFORM_DIRS": "1",
        "ALLIANCE_GRADEBOOK": f"sqlite:///{tmp / 'gradebook.db'}",
        "ALLIANCE_EXCHANGE": str(tmp / "exchange"),
    }
    proc = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                request(f"{base}/api/status", token)
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


def test_formgrader_lists_the_course_assignments(lab):
    """Does the formgrader see grading/ as the course, with every assignment of source/?"""
    base, token = lab
    status, page = request(f"{base}/formgrader/manage_assignments", token)
    assert status == 200 and 'var url_prefix = "grading"' in page
    status, body = request(f"{base}/formgrader/api/assignments", token)
    names = sorted(a["name"] for a in json.loads(body))
    assert names == Course(ROOT / "grading").assignments()


def test_validate_extension_answers(lab):
    """Does the Validate button's server extension answer for a notebook of the course?"""
    base, token = lab
    status, body = request(
        f"{base}/assignments/validate", token, data=b"path=notebooks/00-start-here.ipynb"
    )
    assert status == 200 and json.loads(body)["success"] is True


def test_assignment_list_extension_answers(lab):
    """Does the student's assignment list reach the course's exchange?"""
    base, token = lab
    status, body = request(f"{base}/assignments?course_id=alliance-masterclass", token)
    result = json.loads(body)
    assert status == 200 and result["success"] is True, result
