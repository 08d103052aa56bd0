"""The course on a real JupyterHub: release, fetch, submit, collect, autograde, export.

The hub is the deployment kit's own, started once per session by ``hubsession.py`` (the proxy
from ``start-proxy``, the hub from ``jupyterhub_config.py`` with shared-password sign-in, as on a
lab day), with an instructor and two students as separate Linux users whose servers the hub
spawns from the course environment. Every step goes through the servers' own REST APIs, signed
in with cookies and XSRF tokens as the JupyterLab panels are: nbgrader's formgrader,
assignment-list and validate handlers.

It needs root (it creates Linux users) and Node.js with ``npm ci`` run in ``deploy/jupyterhub/``
(``.ci/run`` does that). Where either is missing it skips and says so; under ``CI=true`` it fails.
"""

import csv
import io
import json
import re
from pathlib import Path

import nbformat
import pytest
import requests

# The session's hub (a plugin, below) is imported here first: let pytest rewrite its asserts.
pytest.register_assert_rewrite("hubsession")
from hubsession import COURSE_FOLDER, COURSE_ID, Participant, home_of  # noqa: E402

pytest_plugins = ["hubsession"]
pytestmark = pytest.mark.hub


# ----- helpers for the flow -----------------------------------------------------------------


def entry(listing: dict, assignment_id: str, status: str | None = None) -> dict:
    assert listing["success"], listing
    found = [a for a in listing["value"] if a["assignment_id"] == assignment_id]
    if status is not None:
        found = [a for a in found if a["status"] == status]
    assert found, f"{assignment_id} ({status}) not in {listing['value']}"
    return found[0]


# A written answer in the student's own words (graded by hand, so any text is "an answer").
WRITTEN_ANSWER = (
    "I would brief my fellow executives every quarter on the joint pipeline and trained "
    "sellers, secure budget and people for the joint team, and remove blockers between our "
    "sales and product teams long before revenue shows."
)


def answer_with_widgets(person: Participant, folder: str, assignment_id: str) -> int:
    """What the widgets save for the student's own variant, written beside the notebook.

    Every automatic part of the course's assignments is answered with a widget, which saves a
    file beside the notebook; a correct student's widgets save what the answer key's files
    hold for the variant the student's own kernel shows. Returns how many files were written.
    """
    from instructor.keys import key_for
    from toolkit.variants import has_variants, variant_set

    if not has_variants(assignment_id):
        return 0
    printed = person.run_code(
        "from toolkit.variants import variant_set\n"
        f"print('VARIANT', variant_set({assignment_id!r}).mine().number)\n"
    )
    found = re.search(r"VARIANT (\d+)", printed)
    assert found, printed
    case = variant_set(assignment_id).case(int(found.group(1)))
    files = key_for(assignment_id).answers({"case": case})["files"]
    for name, text in files.items():
        body = {"type": "file", "format": "text", "content": text}
        person.json("PUT", f"api/contents/{folder}/{name}", json=body)
    return len(files)


def solution_sources(source_notebook: Path) -> dict[str, str]:
    """A correct answer for each solution cell: the instructor's code, or a written answer."""
    nb = nbformat.read(source_notebook, as_version=4)
    answers = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        if cell.cell_type == "code":
            lines = cell.source.splitlines()
            kept = [ln for ln in lines if not re.match(r"\s*### (BEGIN|END) SOLUTION", ln)]
            answers[meta["grade_id"]] = "\n".join(kept)
        else:
            answers[meta["grade_id"]] = WRITTEN_ANSWER
    return answers


def answer_correctly(person: Participant, folder: str, notebook: str, source: Path):
    """Write the instructor's own solutions into the fetched notebook, through the contents API."""
    path = f"api/contents/{folder}/{notebook}"
    model = person.json("GET", path)
    answers = solution_sources(source / notebook)
    written = 0
    for cell in model["content"]["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
            written += 1
    assert written == len(answers), "every solution cell was answered"
    person.json(
        "PUT", path, json={"type": "notebook", "format": "json", "content": model["content"]}
    )


# ----- the tests ------------------------------------------------------------------------------


def test_assignment_round_trip_through_the_hub(classroom, released):
    """Can an instructor release, students fetch and submit, and the instructor grade and export?"""
    teacher, ada, ben = classroom["instructor"], classroom["ada"], classroom["ben"]
    # Instructor: the source assignment was a draft, then generated and released (`released`).
    assignment_id, notebooks, source = released
    listing = {"course_id": COURSE_ID}

    # Students: list, fetch, answer (Ada correctly, Ben leaves the blanks), validate, submit.
    folders = {}
    for student in (ada, ben):
        entry(student.json("GET", "assignments", params=listing), assignment_id, "released")
        body = {"course_id": COURSE_ID, "assignment_id": assignment_id}
        fetched = entry(student.json("POST", "assignments/fetch", json=body), assignment_id)
        assert fetched["status"] == "fetched"
        assert sorted(nb["notebook_id"] + ".ipynb" for nb in fetched["notebooks"]) == notebooks
        folders[student.name] = fetched["path"]  # relative to the student's home
        assert fetched["path"] == f"{COURSE_FOLDER}/{assignment_id}"
    for notebook in notebooks:
        answer_correctly(ada, folders[ada.name], notebook, source)
    answer_with_widgets(ada, folders[ada.name], assignment_id)
    for student, should_pass in ((ada, True), (ben, False)):
        for notebook in notebooks:
            path = f"{folders[student.name]}/{notebook}"
            result = student.json("POST", "assignments/validate", json={"path": path})
            assert result["success"], result
            assert ("failed" not in result["value"]) is should_pass, (student.name, result)
            assert "changed" not in result["value"]
        body = {"course_id": COURSE_ID, "assignment_id": assignment_id}
        submitted = student.json("POST", "assignments/submit", json=body)
        entry(submitted, assignment_id, "submitted")

    # Instructor: collect, autograde each submission, read the scores.
    collected = teacher.json("POST", f"formgrader/api/assignment/{assignment_id}/collect")
    assert collected["success"], collected.get("log") or collected
    # Other hub tests may hand in the same assignment (the privacy check of the load test
    # does): this test counts Ada's and Ben's submissions, whatever ran before it.
    overview = teacher.json("GET", f"formgrader/api/assignment/{assignment_id}")
    subs = {
        s["student"]: s for s in teacher.json("GET", f"formgrader/api/submissions/{assignment_id}")
    }
    assert overview["num_submissions"] >= 2, overview
    for student in (ada, ben):
        assert subs[student.name]["submitted"] and not subs[student.name]["autograded"]
        graded = teacher.json(
            "POST", f"formgrader/api/submission/{assignment_id}/{student.name}/autograde"
        )
        assert graded["success"], graded.get("log") or graded
    subs = {
        s["student"]: s for s in teacher.json("GET", f"formgrader/api/submissions/{assignment_id}")
    }
    good, poor = subs[ada.name], subs[ben.name]
    assert good["autograded"] and poor["autograded"]
    assert good["max_code_score"] > 0
    assert good["code_score"] == good["max_code_score"], (
        f"{ada.name}'s notebook passed validation, yet autograde gave {good['code_score']} of "
        f"{good['max_code_score']} points (needs_manual_grade={good['needs_manual_grade']}): "
        "does the course's nbgrader config wipe grade metadata during autograde?"
    )
    assert poor["code_score"] < good["code_score"], poor

    # Instructor: export the grades (nbgrader export in a notebook cell), read the CSV back.
    course_dir = f"{home_of(teacher.name)}/{COURSE_FOLDER}"
    printed = teacher.run_code(
        "import subprocess\n"
        f"r = subprocess.run(['nbgrader', 'export', '--to', 'grades.csv'], cwd={course_dir!r},"
        " capture_output=True, text=True)\n"
        "print('exit', r.returncode, r.stderr[-3000:])",
    )
    assert printed.startswith("exit 0"), printed
    export = teacher.json(
        "GET", f"api/contents/{COURSE_FOLDER}/grades.csv", params={"format": "text"}
    )
    # One row a student and assignment (other hub tests may have graded other assignments).
    reader = csv.DictReader(io.StringIO(export["content"]))
    rows = {(row["student_id"], row["assignment"]): row for row in reader}
    assert {(ada.name, assignment_id), (ben.name, assignment_id)} <= set(rows)
    for student, sub in ((ada, good), (ben, poor)):
        row = rows[(student.name, assignment_id)]
        assert float(row["raw_score"]) == pytest.approx(sub["score"])
        assert float(row["max_score"]) == pytest.approx(sub["max_score"])


def test_a_students_token_does_not_open_another_students_server(classroom):
    """Does Ada's API token open her own server and nobody else's?"""
    ada, ben = classroom["ada"], classroom["ben"]
    made = ada.hub_api("POST", f"users/{ada.name}/tokens", json={"note": "isolation check"})
    assert made.status_code == 201, made.text
    header = {"Authorization": f"token {made.json()['token']}"}
    own = requests.get(f"{ada.base}/user/{ada.name}/api/contents", headers=header, timeout=30)
    other = requests.get(
        f"{ada.base}/user/{ben.name}/api/contents",
        headers=header,
        timeout=30,
        allow_redirects=False,
    )
    assert own.status_code == 200
    assert other.status_code == 403, other.status_code


def lab_page_config(person: Participant) -> dict:
    page = person.call("GET", "lab").text
    found = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S
    )
    return json.loads(found.group(1))


def test_students_get_no_grading_panel(classroom):
    """Are the formgrader and the authoring tools on the instructor's server only?"""
    teacher, ada = classroom["instructor"], classroom["ada"]
    assert teacher.call("GET", "formgrader/api/assignments").status_code == 200
    assert ada.call("GET", "formgrader/api/assignments").status_code == 404
    panels = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"}
    assert panels <= set(lab_page_config(ada)["disabledExtensions"])
    assert not panels & set(lab_page_config(teacher)["disabledExtensions"])
