"""Hostile submissions graded in the sandbox: each attack fails, the class's grades and files hold.

One batch on the session's shared course grades an honest student and one student per attack
of issue 26 (read the instructor's source and hidden tests, read another student's notebook,
write into ``source/``, write into the gradebook, open a TCP connection on the machine, print a
hidden test into the feedback) plus a fork bomb, a memory hog and a disk filler. Each attack's
code comes first in the student's first answer cell, the correct answers after it.

The batch grades them as it grades a class: each in a warm kernel, started in a sandbox of its
own while the previous submission graded (``instructor/admin/warm.py``). The same attacks are
graded by ``course-admin autograde`` as an ordinary Linux user (when the tests run as root, as
CI does) and by ``course-admin validate --student``.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from grading_cases import GRADEBOOK, PAYLOAD, Listener, make_submission

from instructor.admin.batch import autograde_all
from instructor.admin.cli import main
from instructor.admin.workflow import generate_feedback

pytestmark = pytest.mark.slow
ASSIGNMENT = "practice"
NOTEBOOK = "practice.ipynb"
HONEST = "sbx-honest"
LIMITS = {
    "ALLIANCE_SANDBOX_MEMORY_MB": "1024",
    "ALLIANCE_SANDBOX_DISK_MB": "48",
    "ALLIANCE_SANDBOX_PROCESSES": "48",
}
# lines of the practice assignment's hidden tests (tests/grading_cases.py)
HIDDEN = ["first_month == 4", "joint pipeline", "plan['bodies']"]
LIMIT_HIT = {
    # on a busy machine its copies may still be starting when the cell's time is up
    "sbx-fork-bomb": ("process-limit", "timeout"),
    "sbx-memory-hog": ("memory-limit",),
    "sbx-disk-filler": ("disk-limit",),
}


OTHER_KERNELS = """\
import glob, os
me, got = os.path.realpath('/proc/self'), []
for p in glob.glob('/proc/[0-9]*'):
    if os.path.realpath(p) == me:
        continue
    for name in ('root/home/student', 'root/run/alliance/kids', 'root/tmp', 'cwd', 'fd'):
        try:
            got.append((p, name, os.listdir(p + '/' + name)))
        except OSError:
            pass
    for name in ('environ', 'mem'):
        try:
            got.append((p, name, open(p + '/' + name, 'rb').read(40)))
        except OSError:
            pass
for pid in range(2, 64):  # its own threads answer too: they are in its own process group
    try:
        os.kill(pid, 0)
        if os.getpgid(pid) != os.getpgid(0):
            got.append((pid, 'signal'))
    except OSError:
        pass
print('LE' + 'AKED' if got else 'REACHED NOTHING', got)
"""


def attacks(root: Path, port: int, marker: str) -> dict[str, str]:
    """Student id -> the hostile code that student puts before the answer."""
    source = root / "source" / ASSIGNMENT / NOTEBOOK
    other = root / "submitted" / HONEST / ASSIGNMENT / NOTEBOOK
    return {
        "sbx-read-source": f"print('LE' + 'AKED', open({str(source)!r}).read())",
        "sbx-read-other": f"print('LE' + 'AKED', open({str(other)!r}).read())",
        "sbx-write-source": f"open({str(source.parent / marker)!r}, 'w').write('planted')",
        "sbx-gradebook": (
            "import sqlite3\n"
            f"db = sqlite3.connect({str(root / 'gradebook.db')!r})\n"
            f"db.execute('create table {marker.replace('-', '_')} (x)')\n"
            "db.commit()"
        ),
        "sbx-network": (
            "import socket\n"
            f"socket.create_connection(('127.0.0.1', {port}), timeout=3).send({PAYLOAD!r})"
        ),
        "sbx-hidden-test": (
            "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))"
        ),
        # the kernels of the other submissions (the next one is forked while this one grades):
        # their files, folders, environment and processes, and the zygote's folder of them all
        "sbx-other-kernels": OTHER_KERNELS,
        "sbx-fork-bomb": "import os\nwhile True:\n    os.fork()",
        "sbx-memory-hog": "hog = [0] * 2_500_000_000",
        "sbx-disk-filler": (
            "with open('fill.bin', 'wb') as f:\n    while True:\n        f.write(b'0' * 2**20)"
        ),
    }


def hand_in(course, student: str, attack: str | None) -> Path:
    """A correct submission, with ``attack`` before the first answer."""
    folder = make_submission("correct", ASSIGNMENT, course, student)
    if attack:
        path = folder / NOTEBOOK
        nb = nbformat.read(path, as_version=4)
        cell = next(
            c
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id") == "first_month_answer"
        )
        cell.source = attack + "\n" + cell.source
        nbformat.write(nb, path)
    return folder


def fingerprint(root: Path) -> dict[str, str]:
    """sha256 of every course file a grader never writes (all but its own outputs)."""
    skip = {"autograded", "feedback", "logs", "exports", "reports", "exchange", *GRADEBOOK}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] not in skip
    }


def tables(root: Path) -> set[str]:
    with sqlite3.connect(root / "gradebook.db") as db:
        return {r[0] for r in db.execute("select name from sqlite_master where type='table'")}


def test_the_listener_counts_what_the_network_attack_sends_and_nothing_else():
    """Outside any sandbox the attack's code reaches the listener; a stray probe is not counted."""
    listener = Listener()
    try:
        socket.create_connection(("127.0.0.1", listener.port), timeout=3).close()  # a probe
        exec(attacks(Path("/nonexistent"), listener.port, "x")["sbx-network"], {})
        assert listener.connections() == 1
    finally:
        listener.sock.close()


def autograded_text(root: Path, student: str) -> str:
    return "".join(p.read_text() for p in (root / "autograded" / student).rglob("*.ipynb"))


@pytest.fixture(scope="module")
def hostile_batch(grading_course):
    """Every attack and one honest student, handed in and graded in one batch."""
    course, root = grading_course.course, grading_course.root
    listener = Listener()
    marker = "sbx-planted"
    code = attacks(root, listener.port, marker)
    hand_in(course, HONEST, None)
    for student, attack in code.items():
        hand_in(course, student, attack)
    before, tables_before = fingerprint(root), tables(root)
    old = {k: os.environ.get(k) for k in LIMITS}
    os.environ.update(LIMITS)
    try:
        outcomes = autograde_all(course, [ASSIGNMENT], [HONEST, *code], progress=False)
        feedback = generate_feedback(course, [ASSIGNMENT])
    finally:
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    yield {
        "outcomes": {o.student: o for o in outcomes},
        "feedback": feedback,
        "before": before,
        "after": fingerprint(root),
        "tables": (tables_before, tables(root)),
        "connections": listener.connections(),
        "marker": marker,
        "root": root,
    }
    listener.sock.close()


def test_the_honest_student_keeps_full_marks_and_attacks_read_nothing(hostile_batch):
    """Full marks for the honest student; nothing read outside its own copy was printed."""
    outcomes, root = hostile_batch["outcomes"], hostile_batch["root"]
    honest = outcomes[HONEST]
    assert honest.status == "graded" and honest.score == honest.max_score > 0, honest.line()
    assert not honest.flagged, honest.line()
    for student in ("sbx-read-source", "sbx-read-other"):
        text = autograded_text(root, student)
        assert text and "LEAKED" not in text, student
        assert "No such file or directory" in text, student
        assert outcomes[student].status == "graded", outcomes[student].line()
    text = autograded_text(root, "sbx-other-kernels")  # no other kernel, nor the zygote
    assert "REACHED NOTHING" in text and "LEAKED" not in text, text[-2000:]


def test_no_attack_changed_a_course_file_or_the_gradebook_or_reached_the_network(hostile_batch):
    """The course's files byte for byte as before; no planted file, table or connection."""
    root, marker = hostile_batch["root"], hostile_batch["marker"]
    assert hostile_batch["after"] == hostile_batch["before"]
    assert not list(root.rglob(marker))
    before, after = hostile_batch["tables"]
    assert after == before and marker.replace("-", "_") not in after
    assert hostile_batch["connections"] == 0
    assert "OSError" in autograded_text(root, "sbx-network") or "Errno" in autograded_text(
        root, "sbx-network"
    )


def test_no_feedback_holds_a_hidden_test(hostile_batch):
    """Not even the one whose kernel printed each test as it ran."""
    root = hostile_batch["root"]
    pages = list((root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    assert {p.parts[-3] for p in pages} >= set(hostile_batch["outcomes"])
    ran = autograded_text(root, "sbx-hidden-test")
    assert "joint pipeline" in ran  # the hook did print the hidden tests while they ran...
    for page in pages:
        text = page.read_text(encoding="utf-8").replace("&#39;", "'")
        for line in HIDDEN:
            assert line not in text, (page, line)  # ...but no feedback shows them
        assert "BEGIN HIDDEN" not in text and "BEGIN SOLUTION" not in text, page


def test_fork_bomb_memory_hog_and_disk_filler_end_with_a_flag_and_the_batch_goes_on(
    hostile_batch,
):
    """Each is stopped by its limit, flagged with a plain line; the later cells still count."""
    outcomes = hostile_batch["outcomes"]
    for student, codes in LIMIT_HIT.items():
        o = outcomes[student]
        assert o.status == "graded" and o.flagged and set(codes) & set(o.problems), o.line()
        assert o.question_scores.get("classify_check") == 3, o.line()  # a later question
    assert len(outcomes) == 1 + len(attacks(Path("/"), 1, "m"))


def test_the_attacks_ran_in_warm_kernels_each_its_own(hostile_batch):
    """Were the attacks graded in kernels started ahead (the batch's), one hand-over each?"""
    logs = hostile_batch["root"] / "logs" / "nbgrader" / ASSIGNMENT
    for student in attacks(Path("/"), 1, "m"):  # the honest student, first, has none ready
        text = (logs / f"{student}.log").read_text(encoding="utf-8")
        assert text.count("Grading in a warm kernel") == 1, student
        assert "forked ahead by the grading zygote" in text, student  # as root: user ids


# --- as an ordinary user ---------------------------------------------------------------------


def _ordinary_user() -> str:
    name = "alliance-grader"
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", name], check=True)
    return name


def _reachable(*bases: Path) -> list[str]:
    """bwrap options making each of ``bases`` reachable (read-only) where a parent is private.

    The first private folder above a base gets an empty, open folder laid over it, once for
    all the bases below it; the folders on the way and the base itself are made again there.
    """
    covered: dict[Path, list[Path]] = {}
    for base in bases:
        for parent in [*reversed(base.parents[:-1]), base]:
            if not os.stat(parent).st_mode & 0o001:
                covered.setdefault(parent, []).append(base)
                break
    args = []
    for private, under in covered.items():
        args += ["--perms", "0755", "--tmpfs", str(private)]
        for base in under:
            for folder in [p for p in reversed(base.parents) if private in p.parents]:
                args += ["--perms", "0755", "--dir", str(folder)]
            args += ["--ro-bind", str(base), str(base)]
    return args


@pytest.mark.skipif(
    os.geteuid() != 0, reason="not root: the batch above already ran as an ordinary user"
)
def test_an_ordinary_user_grades_the_attacks_in_the_sandbox_too(grading_course):
    """``course-admin autograde`` as an unprivileged user: its kernels use user namespaces.

    The course's Python may sit where other users cannot reach it (pyenv under /root, as on
    this project's CI); the hub kit copies such an interpreter. Here the test only makes it
    visible (read-only) to the ordinary user's process; the grading sandbox does the rest.
    """
    user = _ordinary_user()
    entry = pwd.getpwnam(user)
    work = Path(tempfile.mkdtemp(prefix="alliance-user-course-"))
    try:
        root = work / "grading"
        # without what earlier batches left: its outcomes and grades are this run's own
        shutil.copytree(
            grading_course.root, root, ignore=shutil.ignore_patterns("autograded", "logs")
        )
        listener = Listener()
        code = attacks(root, listener.port, "sbx-user-planted")
        chosen = ["sbx-read-source", "sbx-write-source", "sbx-gradebook", "sbx-network"]
        chosen.append("sbx-other-kernels")
        from instructor.admin.course import Course

        course = Course(root, CourseDirectory__db_url=f"sqlite:///{root / 'gradebook.db'}")
        hand_in(course, HONEST, None)
        for student in chosen:
            hand_in(course, student, code[student])
        before, tables_before = fingerprint(root), tables(root)
        subprocess.run(["chown", "-R", f"{entry.pw_uid}:{entry.pw_gid}", str(work)], check=True)
        os.chmod(work, 0o755)
        env = {
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "HOME": str(work),
            "ALLIANCE_EXCHANGE": str(root / "exchange"),
            "ALLIANCE_CELL_TIMEOUT": "10",
            "LANG": "C.UTF-8",
        }
        # the machine's own /proc (bound with /): a /proc that bwrap mounts and partly covers
        # would keep the grading sandbox inside from mounting one of its own
        cmd = ["bwrap", "--bind", "/", "/", "--dev-bind", "/dev", "/dev"]
        # the Python install and the checkout with its environment (a fresh clone may sit in
        # a folder only its owner can enter)
        cmd += _reachable(
            Path(os.path.realpath(sys.executable)).parents[1], Path(__file__).resolve().parents[2]
        )
        cmd += ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}"]
        cmd += ["--clear-groups", sys.executable, "-m", "instructor.admin.cli"]
        cmd += ["--course", str(root), "autograde", ASSIGNMENT]
        for student in [HONEST, *chosen]:
            cmd += ["--student", student]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode in (0, 1), done.stderr[-3000:]
        assert f"{1 + len(chosen)} submissions graded" in done.stdout, done.stdout[-3000:]
        with (root / "logs" / "outcomes.csv").open(newline="") as handle:
            rows = {r["student"]: r for r in csv.DictReader(handle)}
        honest = rows[HONEST]
        assert honest["status"] == "graded" and honest["flagged"] == "False", rows
        assert float(honest["score"]) == float(honest["max_score"]) > 0, rows
        assert all(rows[s]["status"] == "graded" for s in chosen), rows
        assert fingerprint(root) == before
        assert tables(root) == tables_before
        assert listener.connections() == 0
        assert "LEAKED" not in autograded_text(root, "sbx-read-source")
        assert "REACHED NOTHING" in autograded_text(root, "sbx-other-kernels")
        forked = root / "logs" / "nbgrader" / ASSIGNMENT / "sbx-other-kernels.log"
        assert "forked ahead by the grading zygote" in forked.read_text(encoding="utf-8")
        listener.sock.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- validate --student -----------------------------------------------------------------------


def test_validate_student_runs_the_attacks_in_the_sandbox(
    grading_course, tmp_path, capsys, monkeypatch
):
    """``course-admin validate --student``: the same attacks change nothing and reach nothing."""
    # the command sets the student's id in its own environment: removed again after the test
    # (setenv records that it was not set; delenv alone records nothing when it is absent)
    monkeypatch.setenv("ALLIANCE_STUDENT", "")
    monkeypatch.setenv("ALLIANCE_VARIANT", "")
    root = grading_course.root
    listener = Listener()
    code = attacks(root, listener.port, "sbx-validate-planted")
    tries = "".join(
        "try:\n    " + code[s].replace("\n", "\n    ") + "\nexcept Exception:\n    pass\n"
        for s in ("sbx-read-source", "sbx-gradebook", "sbx-network")
    )
    folder = hand_in(grading_course.course, "sbx-validator", tries + code["sbx-write-source"])
    nb_path = folder / NOTEBOOK
    before, tables_before = fingerprint(root), tables(root)
    status = main(["--course", str(root), "validate", str(nb_path), "--student", "sbx-validator"])
    out = capsys.readouterr().out
    assert status == 1 and "problem(s)" in out, out  # the planted write failed: its cell errs
    assert fingerprint(root) == before
    assert tables(root) == tables_before
    assert listener.connections() == 0
    assert not list(root.rglob("sbx-validate-planted"))
    listener.sock.close()


# --- where the sandbox cannot start ------------------------------------------------------------


def test_grading_refuses_without_the_sandbox_and_grades_unsandboxed_only_when_asked(
    grading_course, monkeypatch, capsys
):
    """No bubblewrap on PATH: autograde refuses, saying how; --unsandboxed grades and says so."""
    from instructor.admin import sandbox

    root, student = grading_course.root, "sbx-unsandboxed"
    hand_in(grading_course.course, student, None)
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # the venv: no bwrap in it
    monkeypatch.setenv(sandbox.OPT_OUT, "")  # restored (removed) after the test
    sandbox.problem.cache_clear()
    try:
        args = ["--course", str(root), "autograde", ASSIGNMENT, "--student", student]
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "grading refused" in err and "bubblewrap" in err, err
        assert "apt-get install bubblewrap" in err and "--unsandboxed" in err, err
        assert not (root / "autograded" / student).exists()

        assert main([*args, "--unsandboxed"]) == 0
        assert "UNSANDBOXED" in capsys.readouterr().err
        log = (root / "logs" / "autograde.log").read_text(encoding="utf-8").splitlines()
        line = next(x for x in reversed(log) if f"/ {student}:" in x)
        assert "graded UNSANDBOXED" in line and "8 of 8 points" in line, line
        assert main(["--course", str(root), "report", "--to", str(root / "reports")]) == 0
        page = (root / "reports" / "class-report.html").read_text(encoding="utf-8")
        assert "Graded without the sandbox" in page and student in page
    finally:
        sandbox.problem.cache_clear()


def test_an_instructor_package_installed_inside_the_environment_is_hidden(tmp_path, monkeypatch):
    """On the hub the answers sit inside the course environment: can a grading kernel list them?"""
    import subprocess

    from instructor.admin import sandbox

    env = tmp_path / "env"
    package = env / "instructor" / "instructor" / "keys"
    package.mkdir(parents=True)
    (package / "governance_design.py").write_text("ANSWER = 'jsc'\n", encoding="utf-8")
    (env / "lib").mkdir()
    (env / "lib" / "visible.txt").write_text("course environment\n", encoding="utf-8")
    bound = (*sandbox._environment_paths(), str(env))
    monkeypatch.setattr(sandbox, "_environment_paths", lambda: bound)
    monkeypatch.setattr(
        sandbox, "_answer_paths", lambda: sandbox.hidden_answers(package.parent, bound)
    )
    submission = tmp_path / "submitted"
    submission.mkdir()
    connection = tmp_path / "kernel.json"
    connection.write_text("{}", encoding="utf-8")
    look = "import os, sys; print(sorted(os.listdir(sys.argv[1])), os.listdir(sys.argv[2]))"
    cmd = sandbox.bwrap_command(
        [sys.executable, "-c", look, str(env / "instructor"), str(env / "lib")],
        submission,
        limits=sandbox.Limits(),
        connection_file=connection,
        uid=sandbox._grading_uid() if os.geteuid() == 0 else None,
    )
    seen = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.strip() == "[] ['visible.txt']", seen.stdout
