"""One JupyterHub classroom for the whole test session, shared by every ``tests/hub/test_hub*.py``.

A pytest plugin: the hub test modules load it with ``pytest_plugins = ["hubsession"]``, so the
course environment, the Linux users, the proxy and the hub are made once per session however
many hub tests run. The hub is the deployment kit's own (``deploy/jupyterhub/``: the proxy from
``start-proxy``, the hub from ``jupyterhub_config.py``, servers from the course environment that
``build-course-env`` builds), on loopback, driven by ``deploy/jupyterhub/classroom.py``.

The people: an instructor and two students (Ada and Ben) for the assignment round trip, Cy for
the round trip in a browser, and four more students for the lab at full load. Every home
starts as Debian makes it (mode 755: anyone can read it); the hub must make it private itself.

It needs root (it creates Linux users) and Node.js with ``npm ci`` run in ``deploy/jupyterhub/``
(``.ci/run`` does that). Where either is missing the tests skip and say so; under ``CI=true``
they fail.
"""

import os
import secrets
import shutil
import stat
from pathlib import Path

import nbformat
import pytest
from classroom import (  # deploy/jupyterhub/, on pytest's pythonpath (pyproject.toml)
    ClassroomError,
    Hub,
    Participant,
    Workspace,
    build_course_env,
    create_user,
    home_of,
    remove_users,
    run,
    why_not_runnable,
)
from conftest import ROOT

KIT = ROOT / "deploy" / "jupyterhub"
COURSE_ID = "alliance-masterclass"
COURSE_FOLDER = "alliance-masterclass"
# Built once per requirements.lock, then reused (the toolkit is reinstalled on every run).
COURSE_ENV = Path(os.environ.get("HUB_COURSE_ENV", "/var/cache/alliance-course/hub-test-env"))
#: Students of the lab at full load (``make load`` measures more).
LOAD_USERS = 4

__all__ = ["COURSE_FOLDER", "COURSE_ID", "LOAD_USERS", "Participant", "home_of"]


@pytest.fixture(scope="session")
def hub_runnable():
    reasons = why_not_runnable()
    if reasons:
        msg = "JupyterHub test cannot run here: " + "; ".join(reasons)
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def course_env(hub_runnable):
    """The course environment every server runs in, built by the kit's own script."""
    try:
        return build_course_env(COURSE_ENV)
    except ClassroomError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def people(hub_runnable):
    """An instructor, Ada, Ben, Cy and the load students as Linux users; removed afterwards.

    ``people["home_modes"]`` holds each home's mode as created (755, as on Debian).
    """
    tag = secrets.token_hex(3)
    names = {
        "instructor": f"teach{tag}",
        "ada": f"ada{tag}",
        "ben": f"ben{tag}",
        "cy": f"cy{tag}",  # the browser round trip's student (test_hub_grading_browser.py)
    }
    load = [f"ld{tag}s{i}" for i in range(1, LOAD_USERS + 1)]
    created, modes = [], {}
    try:
        for name in [*names.values(), *load]:
            home = create_user(name)
            created.append(name)
            modes[name] = stat.S_IMODE(home.stat().st_mode)
        yield {**names, "load": load, "home_modes": modes}
    finally:
        remove_users(*created)


@pytest.fixture(scope="session")
def workspace(hub_runnable):
    """A scratch folder for the hub's state and nbgrader's exchange; removed afterwards."""
    space = Workspace.create()
    yield space
    space.remove()


@pytest.fixture(scope="session")
def hub(course_env, people, workspace):
    """The proxy and the hub, started as the kit's systemd units do; stopped at the end."""
    students = [people["ada"], people["ben"], people["cy"], *people["load"]]
    classroom_hub = Hub(workspace, course_env, [people["instructor"]], students)
    try:
        classroom_hub.start()
    except ClassroomError as err:
        classroom_hub.close()
        pytest.fail(str(err))
    try:
        yield classroom_hub
    finally:
        classroom_hub.close()
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        if classroom_hub.log.exists():
            shutil.copy(classroom_hub.log, artifacts / "hub.log")


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


@pytest.fixture(scope="session")
def assignment(people):
    """The course's first assignment in the instructor's course folder, set up by the kit.

    Returns its name, its notebooks' file names and its source folder.
    """
    instructor = people["instructor"]
    run(KIT / "setup-instructor", instructor, COURSE_FOLDER)
    course = home_of(instructor) / COURSE_FOLDER
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
        run("chown", "-R", f"{instructor}:", source)
    return source.name, sorted(p.name for p in source.glob("*.ipynb")), source


@pytest.fixture(scope="session")
def classroom(hub, people, assignment):
    """The instructor, Ada and Ben signed in, their servers started at once and opened in lab."""
    room = {role: hub.participant(people[role]) for role in ("instructor", "ada", "ben")}
    for person in room.values():  # all three start at once, as in a room
        if person.server_model() is None:  # an earlier test (in a browser) may have started it
            person.start_server()
    for person in room.values():
        person.wait_until_ready(hub)
        person.open_lab()
    return room


@pytest.fixture(scope="session")
def released(classroom, assignment):
    """The assignment generated and released by the instructor through the formgrader."""
    teacher = classroom["instructor"]
    assignment_id = assignment[0]
    assert teacher.json("GET", f"formgrader/api/assignment/{assignment_id}")["status"] == "draft"
    generated = teacher.json("POST", f"formgrader/api/assignment/{assignment_id}/assign")
    assert generated["success"], generated.get("log") or generated
    released = teacher.json("POST", f"formgrader/api/assignment/{assignment_id}/release")
    assert released["success"], released.get("log") or released
    assert teacher.json("GET", f"formgrader/api/assignment/{assignment_id}")["status"] == "released"
    return assignment
