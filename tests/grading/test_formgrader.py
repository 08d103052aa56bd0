"""nbgrader's extensions (formgrader, Validate, assignment list) work on grading/ in `make lab`."""

import json
import urllib.request

import pytest
from conftest import ROOT

from instructor.admin.course import Course

pytestmark = pytest.mark.slow


def request(url: str, token: str, data: bytes | None = None):
    req = urllib.request.Request(url, data=data, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, resp.read().decode()


@pytest.fixture
def lab(lab_server):
    """The session's `make lab` (on a temporary copy of the course, with its own gradebook)."""
    return lab_server.base, lab_server.token


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
