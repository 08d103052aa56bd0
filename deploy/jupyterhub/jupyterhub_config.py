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
    put TLS in front of it). The proxy listens there (``start-proxy`` reads it too).
``COURSE_PROXY``
    ``external`` (default): configurable-http-proxy runs as a service of its own
    (``start-proxy``, ``alliance-proxy.service``), so restarting the hub cuts nobody off:
    servers, kernels and open connections keep running. It needs ``CONFIGPROXY_AUTH_TOKEN``,
    the same secret in the hub's and the proxy's environment. ``hub``: the hub starts the
    proxy itself (a quick try-out; a hub restart then drops every open connection).
``COURSE_HUB_INTERNAL_URL`` / ``COURSE_PROXY_API_URL``
    Where the hub and the proxy's API listen, on this machine only (defaults
    ``http://127.0.0.1:8081`` and ``http://127.0.0.1:8001``).
``COURSE_VARIANTS``
    The instructor's pinned variants (``variants.csv``, with ``id-map.csv`` beside it), a
    copy readable by every student (default ``/srv/nbgrader/variants.csv``; no file: every
    student gets the variant of their user name; see grading/README.md, "Variants").
``COURSE_SPAWN_TIMEOUT``
    Seconds a server may take to start (default 120: a room of people signing in at once on
    a small machine takes far longer than JupyterHub's default 10 s).

For the instructors' grading (README.md, "Grading in JupyterLab"): their servers let
JupyterLab show the formgrader in a panel (``frame-ancestors 'self'``; students' servers keep
JupyterHub's ``'none'``), and the hub sends the formgrader's links to files (``/tree/...``,
``/notebooks/...``, ``/edit/...``, which nbgrader writes without the ``/user/<name>/`` prefix
when the formgrader has a tab of its own) to the same place in the signed-in person's
JupyterLab.
"""

import os
import pwd
import shutil
import stat
from pathlib import Path

from tornado import web

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
PROXY = os.environ.get("COURSE_PROXY", "external")

# --- the hub and its proxy -------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://:8000")
c.JupyterHub.hub_bind_url = os.environ.get("COURSE_HUB_INTERNAL_URL", "http://127.0.0.1:8081")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
# A restart of the hub (a changed setting, an update, a crash) leaves every participant's
# server and kernels running: the new hub finds them again from its database.
c.JupyterHub.cleanup_servers = False
c.ConfigurableHTTPProxy.api_url = os.environ.get("COURSE_PROXY_API_URL", "http://127.0.0.1:8001")
if PROXY == "external":
    # The proxy outlives the hub, so open notebooks stay connected while the hub restarts.
    c.ConfigurableHTTPProxy.should_start = False
    if not os.environ.get("CONFIGPROXY_AUTH_TOKEN"):
        msg = (
            "COURSE_PROXY=external needs CONFIGPROXY_AUTH_TOKEN, the secret the hub shares "
            "with the proxy: put the same line CONFIGPROXY_AUTH_TOKEN=<64 hex characters> "
            "(openssl rand -hex 32) in the environment of the hub and of start-proxy "
            "(/etc/alliance-course/proxy.env, see README.md), or set COURSE_PROXY=hub to let "
            "the hub start the proxy itself"
        )
        raise ValueError(msg)
elif PROXY == "hub":
    c.JupyterHub.cleanup_proxy = True
    c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
    # configurable-http-proxy as pinned by package.json here (`npm ci`), else the one on PATH.
    _proxy = KIT / "node_modules" / ".bin" / "configurable-http-proxy"
    c.ConfigurableHTTPProxy.command = [
        str(_proxy)
        if _proxy.exists()
        else shutil.which("configurable-http-proxy") or "configurable-http-proxy"
    ]
else:
    raise ValueError(f"COURSE_PROXY must be 'external' or 'hub', not {PROXY!r}")

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
# A room starting kernels in the same second can hand two kernels the same TCP port: each
# server picks its ports on its own (jupyter_client#487), and the second kernel cannot start.
# Its automatic restart must then pick new ports, which jupyter_client does only when it does
# not cache them (with the cache, the kernel restarted on the taken ports until it was dead, in
# the course's load test with eight participants).
c.Spawner.args = [
    "--ServerKernelManager.cache_ports=False",
    # A terminal on a server runs bash as an interactive shell, not a login shell: a login
    # shell reads /etc/profile, which on Debian sets PATH anew and loses the course
    # environment, so `course-admin` and `nbgrader` were "command not found" there.
    "--ServerApp.terminado_settings={'shell_command': ['/bin/bash']}",
]

# --- grading from JupyterLab: the formgrader's links --------------------------------------------


class OwnFilesRedirect(web.RequestHandler):
    """Send ``/tree/<path>`` (and ``/notebooks/``, ``/edit/``) to the person's own JupyterLab.

    nbgrader's formgrader, opened in a tab of its own, links an assignment's folders as
    ``/tree/<path>``, without the ``/user/<name>/`` prefix of a server on a hub (nbgrader
    #1870): the hub receives them (as ``/hub/tree/<path>``) and hands them to
    ``user-redirect``, which opens ``<path>`` in the signed-in person's JupyterLab.
    """

    def get(self, path):
        """Redirect to ``<path>`` in the signed-in person's JupyterLab."""
        self.redirect(f"{self.settings['base_url']}hub/user-redirect/lab/tree/{path}")


c.JupyterHub.extra_handlers = [
    (r"/(?:tree|notebooks|edit)/(.*)", OwnFilesRedirect),
]

c.Spawner.environment = {
    # nbgrader shells out to `alembic`, and kernels start from the same environment.
    "PATH": f"{COURSE_ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    # Read by the course's nbgrader configs (students' and instructors').
    "ALLIANCE_EXCHANGE": EXCHANGE,
    # The pinned variants, so that a student's notebook shows the case the grader grades.
    "ALLIANCE_VARIANTS": os.environ.get("COURSE_VARIANTS", "/srv/nbgrader/variants.csv"),
}


#: A student's server creates files only its owner can read (rw------- and rwx------).
STUDENT_UMASK = 0o077

#: Who may show an instructor's server in a frame: pages of the same server only, so that
#: JupyterLab shows the formgrader in a panel (Nbgrader -> Formgrader). JupyterHub's default,
#: ``frame-ancestors 'none'``, which students' servers keep, leaves that panel blank.
INSTRUCTOR_FRAME_ANCESTORS = "frame-ancestors 'self'"


def instructor_args(args):
    """The server's command-line arguments with the instructors' framing rule (once).

    Examples
    --------
    >>> args = instructor_args(["--debug"])
    >>> args[0], "frame-ancestors 'self'" in args[1], instructor_args(args) == args
    ('--debug', True, True)
    """
    headers = {"headers": {"Content-Security-Policy": INSTRUCTOR_FRAME_ANCESTORS}}
    rule = f"--ServerApp.tornado_settings={headers!r}"
    return list(args) if rule in args else [*args, rule]


def instructor_environment(course_env, path):
    """An instructor server's additions to its environment (``path``: the servers' PATH).

    Examples
    --------
    >>> env = instructor_environment(Path("/opt/course/env"), "/opt/course/env/bin:/bin")
    >>> env["PYTHONPATH"], env["PATH"]
    ('/opt/course/env/instructor', '/opt/course/env/instructor/bin:/opt/course/env/bin:/bin')
    """
    package = Path(course_env) / "instructor"
    return {"PYTHONPATH": str(package), "PATH": f"{package / 'bin'}:{path}"}


def make_home_private(home):
    """Take group and others' access off a home folder; return the mode it had.

    On Debian and Ubuntu, ``useradd -m`` and ``adduser`` make homes that every user can read
    (mode 755): one participant could open another's notebooks and answer files. Raises
    PermissionError naming the fix when the mode cannot be changed (a home on a network
    share that root may not change, say), so the server does not start over a readable home.
    """
    home = Path(home)
    before = stat.S_IMODE(home.stat().st_mode)
    if before & 0o077:
        try:
            home.chmod(before & ~0o077)
        except OSError as err:
            msg = (
                f"{home} can be read by other users (mode {before:o}) and could not be made "
                f"private ({err.strerror}): run `chmod 700 {home}` as root, then start again"
            )
            raise PermissionError(msg) from err
    return before


def _home_of(name):
    try:
        return pwd.getpwnam(name).pw_dir
    except KeyError:  # no such account: LocalProcessSpawner refuses to start it anyway
        return None


def _before_start(spawner):
    """Make the participant's home private, then give students their own settings."""
    home = _home_of(spawner.user.name)
    if home:
        before = make_home_private(home)
        if before & 0o077:
            spawner.log.info("Made %s private (it was mode %o)", home, before)
    if spawner.user.name in INSTRUCTORS:
        spawner.args = instructor_args(spawner.args)
        # The instructor package (build-course-env installs it in COURSE_ENV/instructor, for
        # the instructors' group only): the formgrader's nbgrader config imports it, and
        # `course-admin` in a terminal is its command.
        path = spawner.environment.get("PATH", c.Spawner.environment["PATH"])
        spawner.environment = {**spawner.environment, **instructor_environment(COURSE_ENV, path)}
    else:
        student_config = COURSE_ENV / "etc" / "alliance-course" / "student"
        spawner.environment["JUPYTER_CONFIG_PATH"] = str(student_config)
        # New files stay private. Instructors keep the usual umask: nbgrader copies a feedback
        # file's mode into the exchange, and students must be able to read their feedback.
        spawner.popen_kwargs = {**getattr(spawner, "popen_kwargs", {}), "umask": STUDENT_UMASK}


c.Spawner.pre_spawn_hook = _before_start
