"""JupyterHub configuration of the alliance masterclass on one server.

Every participant gets a Linux account and a JupyterLab server of their own, started from the
course environment (see ``build-course-env``). Assignments travel through nbgrader's exchange,
one folder on this machine. Start it as root, from this folder::

    jupyterhub -f jupyterhub_config.py

Everything a course changes is read from environment variables (put them in the systemd unit,
see README.md); the defaults suit a dedicated course server.

``COURSE_AUTH``
    ``pam`` (default): participants sign in with their Linux password. ``shared-password``: a
    lab day; everyone on the list signs in with ``COURSE_PASSWORD`` (8+ characters),
    instructors with ``COURSE_ADMIN_PASSWORD`` (32+ characters).
``COURSE_INSTRUCTORS`` / ``COURSE_STUDENTS``
    User names, separated by spaces or commas. ``COURSE_STUDENTS_FILE`` (default
    ``/etc/alliance-course/students.txt``, one name a line) adds more. Only these may sign in.
``COURSE_ENV``
    The course environment every server runs in (default ``/opt/alliance-course/env``).
``COURSE_EXCHANGE``
    nbgrader's exchange folder, writable by all (default ``/srv/nbgrader/exchange``).
``COURSE_HUB_STATE``
    Where the hub keeps its database and cookie secret (default ``/srv/jupyterhub``).
``COURSE_HUB_URL``
    The address participants open (default ``http://:8000``, every interface, port 8000;
    put TLS in front of it, or set ``JupyterHub.ssl_cert``/``ssl_key``).
``COURSE_VARIANTS``
    The instructor's pinned variants (``variants.csv``, with ``id-map.csv`` beside it), a
    copy readable by every student (default ``/srv/nbgrader/variants.csv``; no file: every
    student gets the variant of their user name; see grading/README.md, "Variants").
``COURSE_SPAWN_TIMEOUT``
    Seconds a server may take to start (default 120: a room of people signing in at once on
    a small machine takes far longer than JupyterHub's default 10 s).
"""

import os
import shutil
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

KIT = Path(__file__).resolve().parent


def _names(text):
    return {name.strip() for name in text.replace(",", " ").split() if name.strip()}


def _students_from_file(path):
    file = Path(path)
    if not file.exists():
        return set()
    lines = file.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines} - {""}


COURSE_ENV = Path(os.environ.get("COURSE_ENV", "/opt/alliance-course/env"))
EXCHANGE = os.environ.get("COURSE_EXCHANGE", "/srv/nbgrader/exchange")
STATE = Path(os.environ.get("COURSE_HUB_STATE", "/srv/jupyterhub"))
AUTH = os.environ.get("COURSE_AUTH", "pam")
INSTRUCTORS = _names(os.environ.get("COURSE_INSTRUCTORS", "instructor"))
STUDENTS = _names(os.environ.get("COURSE_STUDENTS", "")) | _students_from_file(
    os.environ.get("COURSE_STUDENTS_FILE", "/etc/alliance-course/students.txt")
)
SPAWN_TIMEOUT = int(os.environ.get("COURSE_SPAWN_TIMEOUT", "120"))

# --- the hub and its proxy -------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://:8000")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# configurable-http-proxy as pinned by package.json here (`npm ci`), else the one on PATH.
_proxy = KIT / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [
    str(_proxy)
    if _proxy.exists()
    else shutil.which("configurable-http-proxy") or "configurable-http-proxy"
]

# --- who may sign in -------------------------------------------------------------------------
c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
c.Authenticator.admin_users = INSTRUCTORS
if AUTH == "shared-password":
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ.get("COURSE_PASSWORD", "")
    c.SharedPasswordAuthenticator.admin_password = os.environ.get("COURSE_ADMIN_PASSWORD", "")
elif AUTH == "pam":
    c.JupyterHub.authenticator_class = "pam"
else:
    raise ValueError(f"COURSE_AUTH must be 'pam' or 'shared-password', not {AUTH!r}")

# --- every participant's server ----------------------------------------------------------------
# LocalProcessSpawner: each server runs as its owner's Linux user, so nbgrader knows who
# submitted what; the accounts must exist (`useradd`, see README.md).
c.Spawner.cmd = [str(COURSE_ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = SPAWN_TIMEOUT
c.Spawner.http_timeout = SPAWN_TIMEOUT
c.Spawner.environment = {
    # nbgrader shells out to `alembic`, and kernels start from the same environment.
    "PATH": f"{COURSE_ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    # Read by the course's nbgrader configs (students' and instructors').
    "ALLIANCE_EXCHANGE": EXCHANGE,
    # The pinned variants, so that a student's notebook shows the case the grader grades.
    "ALLIANCE_VARIANTS": os.environ.get("COURSE_VARIANTS", "/srv/nbgrader/variants.csv"),
}


def _per_role(spawner):
    """Students get a server without the instructor's grading and authoring panels."""
    if spawner.user.name not in INSTRUCTORS:
        student_config = COURSE_ENV / "etc" / "alliance-course" / "student"
        spawner.environment["JUPYTER_CONFIG_PATH"] = str(student_config)


c.Spawner.pre_spawn_hook = _per_role
