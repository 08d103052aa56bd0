"""The course on a real JupyterHub: release, fetch, submit, collect, autograde, export.

The test starts JupyterHub and configurable-http-proxy on loopback with the deployment kit's own
``deploy/jupyterhub/jupyterhub_config.py`` (shared-password sign-in, as on a lab day), creates an
instructor and two students as separate Linux users, and has the hub spawn each one's server
from the course environment that ``deploy/jupyterhub/build-course-env`` builds. Every step goes
through the servers' own REST APIs, signed in with cookies and XSRF tokens as the JupyterLab
panels are: nbgrader's formgrader, assignment-list and validate handlers.

It needs root (it creates Linux users) and Node.js with ``npm ci`` run in ``deploy/jupyterhub/``
(``.ci/run`` does that). Where either is missing it skips and says so; under ``CI=true`` it fails.
"""

import csv
import io
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import pytest
import requests
import websocket
from conftest import ROOT

pytestmark = pytest.mark.hub

KIT = ROOT / "deploy" / "jupyterhub"
PROXY = KIT / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE_ID = "alliance-masterclass"
COURSE_FOLDER = "alliance-masterclass"
# Built once per requirements.lock, then reused (the toolkit is reinstalled on every run).
COURSE_ENV = Path(os.environ.get("HUB_COURSE_ENV", "/var/cache/alliance-course/hub-test-env"))
SPAWN_TIMEOUT = 240
# The shared-password authenticator wants 8+ characters for students, 32+ for instructors.
PASSWORD = secrets.token_urlsafe(12)
ADMIN_PASSWORD = secrets.token_urlsafe(32)


def why_not_runnable() -> list[str]:
    reasons = []
    if os.geteuid() != 0:
        reasons.append("it creates Linux users, so it must run as root (CI does)")
    if shutil.which("useradd") is None:
        reasons.append("`useradd` is missing (Debian package `passwd`)")
    if shutil.which("node") is None:
        reasons.append("Node.js is missing (apt-get install nodejs npm)")
    elif not PROXY.exists():
        reasons.append("configurable-http-proxy is missing: run `npm ci` in deploy/jupyterhub/")
    return reasons


@pytest.fixture(scope="module")
def runnable():
    reasons = why_not_runnable()
    if reasons:
        msg = "JupyterHub test cannot run here: " + "; ".join(reasons)
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# ----- fixtures: the machine --------------------------------------------------------------


@pytest.fixture(scope="module")
def course_env(runnable):
    """The course environment every server runs in, built by the kit's own script."""
    run(str(KIT / "build-course-env"), str(COURSE_ENV), timeout=900)
    return COURSE_ENV


def home_of(user: str) -> str:
    return pwd.getpwnam(user).pw_dir


def kill_processes_of(user: str) -> None:
    """End what the test's own users still run (by process id), so userdel can remove them."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        out = subprocess.run(["ps", "-o", "pid=", "-u", user], capture_output=True, text=True)
        pids = [int(p) for p in out.stdout.split()]
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        if pids and sig == signal.SIGTERM:
            time.sleep(2)


@pytest.fixture(scope="module")
def people(runnable):
    """An instructor and two students as Linux users of their own; removed afterwards."""
    tag = secrets.token_hex(3)
    names = {"instructor": f"teach{tag}", "ada": f"ada{tag}", "ben": f"ben{tag}"}
    created = []
    try:
        for name in names.values():
            run("useradd", "--create-home", "--shell", "/bin/bash", name)
            created.append(name)
            Path(home_of(name)).chmod(0o700)
        yield names
    finally:
        for name in created:
            kill_processes_of(name)
            subprocess.run(["userdel", "--remove", name], capture_output=True)


@pytest.fixture(scope="module")
def workspace(runnable):
    """A scratch folder for the hub's state and nbgrader's exchange; removed afterwards."""
    top = Path(tempfile.mkdtemp(prefix="alliance-hub-"))
    top.chmod(0o755)  # the students' servers must reach the exchange inside it
    (top / "exchange").mkdir()
    (top / "exchange").chmod(0o777)  # nbgrader: every user writes to the exchange
    (top / "state").mkdir(mode=0o700)
    yield top
    shutil.rmtree(top, ignore_errors=True)


# ----- the assignment the instructor releases -----------------------------------------------


def course_assignments() -> list[Path]:
    source = ROOT / "grading" / "source"
    return sorted(p for p in source.glob("*/") if p.is_dir() and list(p.glob("*.ipynb")))


def demo_assignment(folder: Path) -> None:
    """A one-exercise assignment in nbgrader's format (used until a course assignment exists)."""
    nb = nbformat.v4.new_notebook()
    meta = {"schema_version": 3, "locked": False, "solution": True, "grade": False}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Hub check\n\nWhich metric lags: `'revenue'`?"),
        nbformat.v4.new_code_cell(
            "### BEGIN SOLUTION\nlagging = 'revenue'\n### END SOLUTION",
            metadata={"nbgrader": {**meta, "grade_id": "lagging_answer"}},
        ),
        nbformat.v4.new_code_cell(
            '"""Is revenue named as the lagging metric?"""\nassert lagging == "revenue"',
            metadata={
                "nbgrader": {
                    "schema_version": 3,
                    "locked": True,
                    "solution": False,
                    "grade": True,
                    "points": 2,
                    "grade_id": "test_lagging",
                }
            },
        ),
    ]
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "hub-check.ipynb")


@pytest.fixture(scope="module")
def assignment(people):
    """The course's first assignment in the instructor's course folder, set up by the kit."""
    instructor = people["instructor"]
    run(str(KIT / "setup-instructor"), instructor, COURSE_FOLDER)
    course = Path(home_of(instructor)) / COURSE_FOLDER
    found = course_assignments()
    # HUB_TEST_ASSIGNMENT=reading-the-indicators runs the flow with another course assignment.
    wanted = os.environ.get("HUB_TEST_ASSIGNMENT")
    if wanted:
        found = [p for p in found if p.name == wanted]
        assert found, f"no assignment {wanted!r} in grading/source"
    if found:
        source = found[0]
    else:
        source = course / "source" / "hub-check"
        demo_assignment(source)
        run("chown", "-R", f"{instructor}:", str(source))
    return source.name, sorted(p.name for p in source.glob("*.ipynb")), source


# ----- the hub --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hub(course_env, people, workspace, assignment):
    """JupyterHub + configurable-http-proxy on loopback, from the kit's config; stopped after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "COURSE_AUTH": "shared-password",
        "COURSE_PASSWORD": PASSWORD,
        "COURSE_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "COURSE_INSTRUCTORS": people["instructor"],
        "COURSE_STUDENTS": f"{people['ada']} {people['ben']}",
        "COURSE_STUDENTS_FILE": str(workspace / "no-such-file"),
        "COURSE_ENV": str(course_env),
        "COURSE_EXCHANGE": str(workspace / "exchange"),
        "COURSE_HUB_STATE": str(workspace / "state"),
        "COURSE_HUB_URL": base,
        "COURSE_SPAWN_TIMEOUT": str(SPAWN_TIMEOUT),
    }
    log_path = workspace / "state" / "hub.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "jupyterhub"),
            "-f",
            str(KIT / "jupyterhub_config.py"),
            f"--JupyterHub.hub_bind_url=http://127.0.0.1:{free_port()}",
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}",
        ],
        cwd=workspace / "state",
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/hub/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterHub did not start:\n{log_path.read_text()[-5000:]}")
            time.sleep(0.5)
        yield {"base": base, "log": log_path, **people}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the hub stops the servers and the proxy it started
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


class Participant:
    """One person in a browser: signed in to the hub, cookies and XSRF tokens as the page has."""

    def __init__(self, base: str, name: str):
        self.base, self.name = base, name
        self.http = requests.Session()
        self.server = f"/user/{name}/"

    def xsrf(self, path: str) -> dict:
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path.rstrip("/") + "/"):
                return {"X-XSRFToken": cookie.value}
        return {}

    def sign_in(self, password: str) -> None:
        self.http.get(f"{self.base}/hub/login", timeout=30).raise_for_status()
        form = {"username": self.name, "password": password, **self._form_xsrf("/hub/")}
        r = self.http.post(f"{self.base}/hub/login", data=form, timeout=30, allow_redirects=False)
        assert r.status_code == 302, (
            f"{self.name} could not sign in: {r.status_code} {r.text[:300]}"
        )

    def _form_xsrf(self, path: str) -> dict:
        return {"_xsrf": self.xsrf(path).get("X-XSRFToken", "")}

    def hub_api(self, method: str, path: str, **kwargs) -> requests.Response:
        url = f"{self.base}/hub/api/{path}"
        return self.http.request(method, url, headers=self.xsrf("/hub/api/"), timeout=60, **kwargs)

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the person's own server, as a JupyterLab panel does."""
        full = self.server + path
        timeout = kwargs.pop("timeout", 300)
        return self.http.request(
            method, self.base + full, headers=self.xsrf(full), timeout=timeout, **kwargs
        )

    def json(self, method: str, path: str, **kwargs):
        r = self.call(method, path, **kwargs)
        assert r.status_code in (200, 201), (
            f"{method} {path} ({self.name}): {r.status_code} {r.text[:500]}"
        )
        return r.json()


def wait_until_ready(person: Participant, hub_log: Path) -> None:
    deadline = time.monotonic() + SPAWN_TIMEOUT
    while time.monotonic() < deadline:
        model = person.hub_api("GET", f"users/{person.name}").json()
        server = model.get("servers", {}).get("")
        if server and server.get("ready"):
            return
        if not server and not model.get("pending"):
            break
        time.sleep(1)
    pytest.fail(f"{person.name}'s server did not start:\n{hub_log.read_text()[-5000:]}")


@pytest.fixture(scope="module")
def classroom(hub):
    """The three people signed in, their servers spawned through the hub and opened in 'lab'."""
    people = {role: Participant(hub["base"], hub[role]) for role in ("instructor", "ada", "ben")}
    for role, person in people.items():
        person.sign_in(ADMIN_PASSWORD if role == "instructor" else PASSWORD)
    for person in people.values():  # all three start at once, as in a room
        r = person.hub_api("POST", f"users/{person.name}/server")
        assert r.status_code in (201, 202), f"spawn {person.name}: {r.status_code} {r.text}"
    for person in people.values():
        wait_until_ready(person, hub["log"])
        # Opening JupyterLab runs the hub's OAuth hand-off and sets the server's cookies.
        page = person.call("GET", "lab")
        assert page.status_code == 200 and "JupyterLab" in page.text, page.text[:300]
    return people


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


# For an assignment whose answer is (partly) a file a widget saves beside the notebook: what the
# student does in that widget, run in the student's own kernel in the fetched folder.
WIDGET_ANSWERS = {
    "reading-the-indicators": (
        "from toolkit.indicators import MetricSorter, kind_of\n"
        "from toolkit.indicators.assignment import ASSIGNMENT_METRICS, SORTING_FILE\n"
        "sorter = MetricSorter(ASSIGNMENT_METRICS, path=SORTING_FILE, reveal=False)\n"
        "for metric in sorter.metrics:\n"
        "    sorter.picker.value = metric\n"
        "    leading = kind_of(metric) == 'leading'\n"
        "    (sorter.leading_button if leading else sorter.lagging_button).click()\n"
        "print(len(sorter.answers), 'sorted')\n"
    ),
}


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
    assert written == len(answers) > 0, "every solution cell was answered"
    person.json(
        "PUT", path, json={"type": "notebook", "format": "json", "content": model["content"]}
    )


def token_for(person: Participant) -> str:
    """An API token for the person's own server, made by the hub (as from the token page)."""
    made = person.hub_api("POST", f"users/{person.name}/tokens", json={"note": "hub test"})
    assert made.status_code == 201, made.text
    return made.json()["token"]


def run_in_kernel(person: Participant, token: str, code: str) -> str:
    """Run code in a kernel on the person's server (as a notebook cell does); return stdout."""
    kernel = person.json("POST", "api/kernels", json={"name": "python3"})
    ws_url = f"ws://{person.base.split('://')[1]}{person.server}api/kernels/{kernel['id']}/channels"
    ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=180)
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": person.name,
                    "session": uuid.uuid4().hex,
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {"code": code, "silent": False, "allow_stdin": False},
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    out = []
    try:
        while True:
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                pytest.fail("\n".join(msg["content"]["traceback"]))
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
    finally:
        ws.close()
        person.call("DELETE", f"api/kernels/{kernel['id']}")
    return "".join(out)


# ----- the tests ------------------------------------------------------------------------------


def test_assignment_round_trip_through_the_hub(classroom, assignment, hub):
    """Can an instructor release, students fetch and submit, and the instructor grade and export?"""
    teacher, ada, ben = classroom["instructor"], classroom["ada"], classroom["ben"]
    assignment_id, notebooks, source = assignment
    listing = {"course_id": COURSE_ID}

    # Instructor: the source assignment is a draft, then generated and released.
    assert teacher.json("GET", f"formgrader/api/assignment/{assignment_id}")["status"] == "draft"
    generated = teacher.json("POST", f"formgrader/api/assignment/{assignment_id}/assign")
    assert generated["success"], generated.get("log") or generated
    released = teacher.json("POST", f"formgrader/api/assignment/{assignment_id}/release")
    assert released["success"], released.get("log") or released
    assert teacher.json("GET", f"formgrader/api/assignment/{assignment_id}")["status"] == "released"

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
    if assignment_id in WIDGET_ANSWERS:
        go_there = f"import os\nos.chdir(os.path.expanduser('~/{folders[ada.name]}'))\n"
        printed = run_in_kernel(ada, token_for(ada), go_there + WIDGET_ANSWERS[assignment_id])
        assert "sorted" in printed, printed
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
    overview = teacher.json("GET", f"formgrader/api/assignment/{assignment_id}")
    assert overview["num_submissions"] == 2, overview
    subs = {
        s["student"]: s for s in teacher.json("GET", f"formgrader/api/submissions/{assignment_id}")
    }
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
    printed = run_in_kernel(
        teacher,
        token_for(teacher),
        "import subprocess\n"
        f"r = subprocess.run(['nbgrader', 'export', '--to', 'grades.csv'], cwd={course_dir!r},"
        " capture_output=True, text=True)\n"
        "print('exit', r.returncode, r.stderr[-3000:])",
    )
    assert printed.startswith("exit 0"), printed
    export = teacher.json(
        "GET", f"api/contents/{COURSE_FOLDER}/grades.csv", params={"format": "text"}
    )
    rows = {row["student_id"]: row for row in csv.DictReader(io.StringIO(export["content"]))}
    assert {ada.name, ben.name} <= set(rows)
    for student, sub in ((ada, good), (ben, poor)):
        row = rows[student.name]
        assert row["assignment"] == assignment_id
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
