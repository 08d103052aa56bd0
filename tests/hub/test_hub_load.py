"""A lab at full load on the course's hub: four participants at once, faults, and privacy.

Four students start their servers and press Run All on lesson 02 at the same moment, then make
one change in the governance builder (the load driver's own round, ``hubload.run_round``).
Then things break mid-session, each with nothing lost: a kernel is killed during a run, the hub
restarts while everyone works, an instructor stops one server. Last, two participants try to
read each other's work. The assertions are on correctness only; ``make load`` reports timings.

The faults share the session's hub but not their students: the first student's kernel is the
killed one's alone, and the hub restart and the stopped server use the other three, so a kernel
that fails to come back fails its own test only. Before each test the hub is started again if
an earlier fault left it down, and each fault first makes sure its students' kernels answer.

The hub is the session's (``hubsession.py``): it needs root and ``npm ci`` in deploy/jupyterhub/,
skips without them and fails under ``CI=true``.
"""

import json
import stat
import subprocess

import nbformat
import pytest
import requests

# The session's hub (a plugin, below) is imported here first: let pytest rewrite its asserts.
pytest.register_assert_rewrite("hubsession")
from hubload import (  # noqa: E402 - deploy/jupyterhub/hubload, the load driver's parts
    CHANGE_BODY,
    FOLDER,
    LESSON,
    Student,
    hand_out_lessons,
    hub_restarted,
    kernel_killed,
    run_round,
    saved_bodies,
    server_stopped,
)
from hubsession import COURSE_FOLDER, COURSE_ID, home_of  # noqa: E402

pytest_plugins = ["hubsession"]
pytestmark = pytest.mark.hub


@pytest.fixture(scope="module")
def load_round(hub, people):
    """The four load students: servers started at once, the lesson run at once, one change."""
    students = [Student(hub, name) for name in people["load"]]
    for student in students:
        hand_out_lessons(student.name)
    result = run_round(hub, students)
    yield result, students
    for student in students:
        student.close()


@pytest.fixture(autouse=True)
def hub_up(hub):
    """The hub runs at the start of every test here, whatever an earlier fault left."""
    hub.ensure_running()


def killed_one(students):
    """The student whose kernel is killed (no other fault uses them)."""
    return students[0]


def the_others(students):
    """The students of the hub restart and the stopped server (not the killed kernel's)."""
    return students[1:]


def test_everyone_finishes_the_lesson_at_once(load_round):
    """Do four participants pressing Run All together all draw the charts, finish and save?"""
    result, students = load_round
    assert result.errors == []
    for outcome in result.outcomes:
        assert outcome.server_start_s is not None
        assert outcome.first_chart_s is not None and outcome.lesson_end_s is not None
        assert CHANGE_BODY in outcome.bodies, outcome
        assert CHANGE_BODY in saved_bodies(outcome.user)
        # JupyterLab's save: the notebook on disk has the outputs, charts among them.
        saved = nbformat.read(home_of(outcome.user) / FOLDER / LESSON, as_version=4)
        kinds = {
            k
            for c in saved.cells
            if c.cell_type == "code"
            for o in c.outputs
            for k in o.get("data", {})
        }
        assert "image/svg+xml" in kinds
    # The sampler saw every part: the hub and proxy, four servers and four kernels.
    assert result.usage["hub_proxy_mb"] > 0
    assert result.usage["servers_mb"] > 0 and result.usage["kernels_mb"] > 0
    assert result.usage["cpu_lesson_s"] > 0


def test_a_killed_kernel_loses_no_answers(load_round):
    """Killed mid-run, restarted and run again: does the builder come back with the change?"""
    _, students = load_round
    killed = kernel_killed(killed_one(students))
    assert killed.interrupted is not None and "died" in killed.interrupted
    assert killed.rerun.error is None
    assert CHANGE_BODY in killed.rerun.bodies  # the lesson's builder loaded the saved file
    assert CHANGE_BODY in killed.saved
    assert killed.problems() == []


def test_a_hub_restart_keeps_everyone_working(load_round, hub):
    """With the hub down mid-run, do runs finish, and does the new hub find every server?"""
    students = the_others(load_round[1])
    hub_pid = hub.hub_proc.pid
    restarted = hub_restarted(hub, students)
    assert hub.hub_proc.pid != hub_pid
    assert [o.error for o in restarted.outcomes] == [None] * len(students)
    assert all(restarted.finished_while_down.values()), restarted.finished_while_down
    for bodies in restarted.worked_while_down.values():
        assert CHANGE_BODY in bodies
    assert all(restarted.kernels_kept.values()), restarted.kernels_kept
    assert all(restarted.servers_ready.values()), restarted.servers_ready


def test_an_admin_stop_leaves_the_others_working(load_round, hub, people):
    """One server stopped by the admin API: do the others finish, and does the work return?"""
    students = the_others(load_round[1])
    admin = hub.participant(people["instructor"])
    stopped = server_stopped(hub, admin, students[-1], students[:-1])
    assert stopped.stopped
    assert [o.error for o in stopped.others] == [None] * (len(students) - 1)
    assert all(stopped.kernels_kept.values()), stopped.kernels_kept
    assert CHANGE_BODY in stopped.saved_on_disk
    assert CHANGE_BODY in stopped.after_restart


# ----- privacy between participants ----------------------------------------------------------


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def as_user(user: str, *cmd) -> subprocess.CompletedProcess:
    """Run a command as another Linux user (what a student can do in a terminal)."""
    return subprocess.run(
        ["runuser", "-u", user, "--", *map(str, cmd)], capture_output=True, text=True, timeout=60
    )


def submit(person, assignment_id: str) -> None:
    """Fetch and submit the released assignment through the person's server (nbgrader)."""
    body = {"course_id": COURSE_ID, "assignment_id": assignment_id}
    fetched = person.json("POST", "assignments/fetch", json=body)
    assert fetched["success"], fetched
    submitted = person.json("POST", "assignments/submit", json=body)
    assert submitted["success"], submitted


def test_participants_cannot_read_each_others_work(load_round, released, people, workspace):
    """Can one student read another's notebooks, answer files or submission? (They must not.)"""
    _, students = load_round
    owner, other = students[0], students[1]
    assignment_id, notebooks, _ = released
    home = home_of(owner.name)

    # The home was readable by all (as Debian makes it); the hub made it private at the start.
    assert people["home_modes"][owner.name] & 0o077
    assert mode(home) == 0o700
    assert mode(home_of(people["instructor"])) & 0o077 == 0

    # What the owner's server creates is private too (umask 077): a notebook and a folder.
    owner.person.json("PUT", f"api/contents/{FOLDER}/notes", json={"type": "directory"})
    note = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("My own notes")])
    owner.person.json(
        "PUT",
        f"api/contents/{FOLDER}/notes/mine.ipynb",
        json={"type": "notebook", "format": "json", "content": note},
    )
    assert mode(home / FOLDER / "notes") == 0o700
    assert mode(home / FOLDER / "notes" / "mine.ipynb") == 0o600
    assert mode(home / FOLDER / "my-governance.json") & 0o077 == 0

    submit(owner.person, assignment_id)
    inbound = workspace.exchange / COURSE_ID / "inbound"
    submission = next(inbound.glob(f"{owner.name}+{assignment_id}+*"))
    private = [
        home / FOLDER / LESSON,  # the lesson notebook, with the owner's outputs
        home / FOLDER / "my-governance.json",  # the builder's answer file
        home / FOLDER / "notes" / "mine.ipynb",
        home / COURSE_FOLDER / assignment_id / notebooks[0],  # the fetched assignment
        *home.glob(f".local/share/jupyter/nbgrader_cache/{COURSE_ID}/*/{notebooks[0]}"),
    ]
    assert len(private) == 5 and all(p.exists() for p in private)

    # Through the file system, as the other student (a terminal on their server).
    for path in private:
        tried = as_user(other.name, "cat", path)
        assert tried.returncode != 0 and "Permission denied" in tried.stderr, path
    assert as_user(other.name, "ls", home).returncode != 0
    # nbgrader's inbound folder: students may drop submissions in, not list them; the names
    # carry a random part, so another student cannot find the owner's submission.
    assert as_user(other.name, "ls", inbound).returncode != 0
    found = as_user(other.name, "sh", "-c", f"ls -d {inbound}/{owner.name}+*")
    assert found.returncode != 0 and owner.name not in found.stdout
    # ...while the instructor, who collects, can read it.
    teacher_reads = as_user(people["instructor"], "cat", submission / notebooks[0])
    assert teacher_reads.returncode == 0 and '"cells"' in teacher_reads.stdout

    # Through the other student's own notebook: the kernel runs as them.
    tried = other.person.run_code(
        "for p in %r:\n"
        "    try:\n"
        "        open(p).read(); print('READ', p)\n"
        "    except PermissionError:\n"
        "        print('denied')\n" % [str(p) for p in private]
    )
    assert tried.split() == ["denied"] * len(private), tried

    # Through the servers' APIs: the other's token on the owner's server is refused.
    header = {"Authorization": f"token {other.person.token}"}
    base = f"{other.person.base}/user/{owner.name}/api/contents"
    for rel in (
        f"{FOLDER}/{LESSON}",
        f"{FOLDER}/my-governance.json",
        f"{COURSE_FOLDER}/{assignment_id}/{notebooks[0]}",
    ):
        r = requests.get(f"{base}/{rel}", headers=header, timeout=30, allow_redirects=False)
        assert r.status_code == 403, (rel, r.status_code)
    # ...and the other's own server does not reach outside its home.
    escape = f"api/contents/%2E%2E/{owner.name}/{FOLDER}/my-governance.json"
    refused = other.person.call("GET", escape)
    assert refused.status_code in (400, 403, 404), refused.status_code
    assert json.loads(private[1].read_text())["bodies"]  # the file is there, for its owner
