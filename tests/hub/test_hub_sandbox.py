"""The formgrader on the hub grades a hostile submission in the sandbox, as the instructor's user.

The instructor's own server (the instructor's Linux user, not root) autogrades through
nbgrader's formgrader API, with the course's ``nbgrader_config.py`` that ``setup-instructor``
copied: the grading kernel runs in bubblewrap (``instructor/admin/sandbox.py``). A submission
whose own code cell (under the first code cell) tries to read the source notebook, the
instructor's files and another student's notebook, to write into ``source/`` and the
gradebook and to open a TCP connection gets nothing: the course's files are byte for byte as
before, the other student's grade is unchanged and no feedback holds what it tried to read.

It needs what ``test_hub.py`` needs (root, Node.js, ``npm ci`` in ``deploy/jupyterhub/``); it
skips where they are missing and fails under ``CI=true``.
"""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import nbformat
import pytest

pytest.register_assert_rewrite("hubsession")
from grading_cases import GRADEBOOK, PAYLOAD, Listener  # noqa: E402
from hubsession import COURSE_FOLDER, home_of, run  # noqa: E402

pytest_plugins = ["hubsession"]
pytestmark = pytest.mark.hub
# the gradebook with SQLite's files beside it, and what grading writes
SKIP = {"autograded", "feedback", "logs", ".ipynb_checkpoints", *GRADEBOOK}


def fingerprint(course: Path) -> dict[str, str]:
    return {
        str(p.relative_to(course)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(course.rglob("*"))
        if p.is_file() and not SKIP & set(p.relative_to(course).parts)
    }


def hostile_code(course: Path, assignment: str, notebook: str, honest: str, port: int) -> str:
    source = course / "source" / assignment / notebook
    other = course / "submitted" / honest / assignment / notebook
    secret = home_of(course.parent.name) / ".jupyter" / "nbgrader_config.py"
    tries = [
        f"print('LE' + 'AKED', open({str(source)!r}).read())",
        f"print('LE' + 'AKED', open({str(other)!r}).read())",
        f"print('LE' + 'AKED', open({str(secret)!r}).read())",
        f"open({str(source.parent / 'planted.py')!r}, 'w').write('x')",
        f"import sqlite3; sqlite3.connect({str(course / 'gradebook.db')!r})"
        ".execute('create table planted (x)').connection.commit()",
        f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3)"
        f".send({PAYLOAD!r})",
    ]
    return "".join(
        f"try:\n    {t}\nexcept Exception as e:\n    print(type(e).__name__)\n" for t in tries
    )


def hand_in(course: Path, owner: str, assignment: str, student: str, attack: str | None) -> None:
    folder = course / "submitted" / student / assignment
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in sorted((course / "release" / assignment).glob("*")):
        if path.suffix != ".ipynb":
            shutil.copy(path, folder / path.name)
            continue
        nb = nbformat.read(path, as_version=4)
        if attack:
            # every part is answered with a widget: the only code a student can type is a cell
            # of their own, here right under the notebook's first code cell
            first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
            nb.cells.insert(first + 1, nbformat.v4.new_code_cell(attack))
            attack = None
        nbformat.write(nb, folder / path.name)
    (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
    run("chown", "-R", f"{owner}:", course / "submitted" / student)


def test_formgrader_autograde_keeps_a_hostile_submission_in_its_sandbox(classroom, released):
    teacher = classroom["instructor"]
    assignment_id, notebooks, _source = released
    course = home_of(teacher.name) / COURSE_FOLDER
    honest, hostile = f"{teacher.name}h", f"{teacher.name}x"
    listener = Listener()
    code = hostile_code(course, assignment_id, notebooks[0], honest, listener.port)
    hand_in(course, teacher.name, assignment_id, honest, None)
    hand_in(course, teacher.name, assignment_id, hostile, code)
    api = f"formgrader/api/submission/{assignment_id}"

    def score(student):
        subs = teacher.json("GET", f"formgrader/api/submissions/{assignment_id}")
        return next(s["score"] for s in subs if s["student"] == student)

    assert teacher.json("POST", f"{api}/{honest}/autograde")["success"]
    honest_score = score(honest)
    before = fingerprint(course)
    graded = teacher.json("POST", f"{api}/{hostile}/autograde")
    assert graded["success"], graded.get("log")
    made = teacher.json(
        "POST", f"formgrader/api/assignment/{assignment_id}/{hostile}/generate_feedback"
    )
    assert made["success"], made.get("log")

    assert fingerprint(course) == before
    assert score(honest) == honest_score
    with sqlite3.connect(course / "gradebook.db") as db:
        names = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
    assert "planted" not in names
    connected = listener.connections()
    listener.sock.close()
    assert connected == 0
    ran = "".join(p.read_text() for p in (course / "autograded" / hostile).rglob("*.ipynb"))
    assert "FileNotFoundError" in ran and "LEAKED" not in ran, ran[-3000:]
    pages = list((course / "feedback" / hostile).rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "LEAKED" not in text and "BEGIN SOLUTION" not in text and "HIDDEN" not in text
