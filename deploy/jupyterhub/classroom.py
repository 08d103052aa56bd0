"""A classroom on the course's JupyterHub, driven from outside as its participants' browsers do.

This is the machinery behind the hub tests (``tests/hub/test_hub*.py``) and the load driver
(``load_driver.py``, ``make load``): Linux accounts for the participants, the course
environment built by ``build-course-env``, the proxy started by ``start-proxy`` and the hub
started from ``jupyterhub_config.py`` exactly as the systemd units do, then participants who
sign in, start their servers and run code in kernels over the servers' REST and WebSocket
APIs. Everything listens on 127.0.0.1, and every wait is bounded in time.

It needs root (it creates Linux users and the hub switches to them) and the proxy from
``npm ci`` in this folder; :func:`why_not_runnable` says what is missing.

Examples
--------
>>> names("ada, ben  cy")
['ada', 'ben', 'cy']
>>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([5.0], 95)
(2.5, 5.0)
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
import websocket

__all__ = [
    "KERNEL_BACK_TIMEOUT",
    "KIT",
    "ROOT",
    "SPAWN_TIMEOUT",
    "ClassroomError",
    "Hub",
    "Kernel",
    "KernelLost",
    "Participant",
    "Workspace",
    "build_course_env",
    "create_user",
    "free_port",
    "home_of",
    "names",
    "percentile",
    "remove_users",
    "run",
    "why_not_runnable",
]

KIT = Path(__file__).resolve().parent
ROOT = KIT.parents[1]
PROXY = KIT / "node_modules" / ".bin" / "configurable-http-proxy"
#: Seconds a server may take to start; a room starting at once on 2 cores needs patience.
SPAWN_TIMEOUT = 240
#: Seconds one notebook cell may run before the driver gives up on it.
CELL_TIMEOUT = 300
#: Seconds a killed kernel may take to come back (the server's restart, on a busy machine).
KERNEL_BACK_TIMEOUT = 180


class ClassroomError(RuntimeError):
    """Something in the classroom did not work; the message says what, and shows the log."""


class KernelLost(ClassroomError):
    """The kernel died or its connection closed while a cell ran (killed, or server stopped)."""


def names(text: str) -> list[str]:
    """User names from a text, separated by spaces or commas."""
    return [n for n in text.replace(",", " ").split() if n]


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, linear between the nearest two."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return ordered[0] if q <= 0 else ordered[-1] if q >= 100 else cuts[round(q) - 1]


def why_not_runnable() -> list[str]:
    """What this machine lacks to run a classroom (empty when nothing is missing)."""
    reasons = []
    if os.geteuid() != 0:
        reasons.append("it creates Linux users, so it must run as root (CI does)")
    if shutil.which("useradd") is None:
        reasons.append("`useradd` is missing (Debian package `passwd`)")
    if shutil.which("runuser") is None:
        reasons.append("`runuser` is missing (Debian package `util-linux`)")
    if shutil.which("bwrap") is None:
        reasons.append("bubblewrap is missing (apt-get install bubblewrap): grading runs in it")
    if shutil.which("node") is None:
        reasons.append("Node.js is missing (apt-get install nodejs npm)")
    elif not PROXY.exists():
        reasons.append("configurable-http-proxy is missing: run `npm ci` in deploy/jupyterhub/")
    return reasons


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*cmd, timeout: float = 600, **kwargs) -> str:
    """Run a command; its output, or ClassroomError with what it printed."""
    result = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, **kwargs
    )
    if result.returncode != 0:
        msg = f"{' '.join(map(str, cmd))} failed:\n{result.stdout}\n{result.stderr}"
        raise ClassroomError(msg)
    return result.stdout


def build_course_env(prefix: Path) -> Path:
    """The course environment every server runs in, built (or refreshed) by the kit's script."""
    run(KIT / "build-course-env", prefix, timeout=900)
    return prefix


# ----- Linux accounts -------------------------------------------------------------------------


def home_of(user: str) -> Path:
    """The user's home folder, from the password database."""
    return Path(pwd.getpwnam(user).pw_dir)


def create_user(name: str, home_mode: int | None = 0o755) -> Path:
    """A Linux account with a home, as ``useradd -m`` makes it; returns the home.

    ``home_mode`` 0o755 is what Debian and Ubuntu give a new home (every user may read it),
    set explicitly so the hub's privacy fix is exercised on any system; None keeps the
    system's own choice.
    """
    run("useradd", "--create-home", "--shell", "/bin/bash", name)
    home = home_of(name)
    if home_mode is not None:
        home.chmod(home_mode)
    return home


def _pids_of(users) -> list[int]:
    pids = []
    for user in users:
        out = subprocess.run(["ps", "-o", "pid=", "-u", user], capture_output=True, text=True)
        pids += [int(p) for p in out.stdout.split()]
    return pids


def kill_processes_of(*users: str) -> None:
    """End what the users still run (by process id), so that userdel can remove them."""
    for sig, wait in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 10.0)):
        for pid in _pids_of(users):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + wait
        while _pids_of(users) and time.monotonic() < deadline:
            time.sleep(0.2)


def remove_users(*names: str) -> None:
    """End the users' processes and remove their accounts and homes."""
    kill_processes_of(*names)
    for name in names:
        subprocess.run(["userdel", "--remove", name], capture_output=True)


@dataclass
class Workspace:
    """A scratch folder for the hub's state and nbgrader's exchange."""

    top: Path

    @classmethod
    def create(cls) -> Workspace:
        """A new scratch folder: the exchange writable by all, the state by root only."""
        top = Path(tempfile.mkdtemp(prefix="alliance-hub-"))
        top.chmod(0o755)  # the students' servers must reach the exchange inside it
        (top / "exchange").mkdir()
        (top / "exchange").chmod(0o777)  # nbgrader: every user writes to the exchange
        (top / "state").mkdir(mode=0o700)
        return cls(top)

    @property
    def exchange(self) -> Path:
        """The folder of nbgrader's exchange (COURSE_EXCHANGE)."""
        return self.top / "exchange"

    @property
    def state(self) -> Path:
        """The hub's state: its database, cookie secret and logs (COURSE_HUB_STATE)."""
        return self.top / "state"

    def remove(self) -> None:
        """Delete the folder and everything in it."""
        shutil.rmtree(self.top, ignore_errors=True)


# ----- the hub and its proxy ------------------------------------------------------------------


def _wait_for(check, what: str, timeout: float, alive=None, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        if (alive is not None and not alive()) or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-5000:] if log and log.exists() else ""
            raise ClassroomError(f"{what} did not start:\n{tail}")
        time.sleep(0.25)


class Hub:
    """The course's hub on loopback: ``start-proxy`` and ``jupyterhub_config.py`` as deployed.

    The proxy runs as a process of its own (``COURSE_PROXY=external``, the kit's default), so
    :meth:`stop_hub` and :meth:`start_hub` restart the hub alone, as ``systemctl restart
    alliance-hub`` does.
    Sign-in is the lab-day shared password.
    """

    def __init__(
        self,
        workspace: Workspace,
        course_env: Path,
        instructors: list[str],
        students: list[str],
        spawn_timeout: int = SPAWN_TIMEOUT,
    ):
        self.workspace, self.course_env = workspace, course_env
        self.instructors, self.students = list(instructors), list(students)
        self.spawn_timeout = spawn_timeout
        # The shared-password authenticator wants 8+ characters for students, 32+ for admins.
        self.password = secrets.token_urlsafe(12)
        self.admin_password = secrets.token_urlsafe(32)
        self.base = f"http://127.0.0.1:{free_port()}"
        self.internal = f"http://127.0.0.1:{free_port()}"
        self.proxy_api = f"http://127.0.0.1:{free_port()}"
        self.proxy_token = secrets.token_hex(32)
        self.log = workspace.state / "hub.log"
        self.proxy_log = workspace.state / "proxy.log"
        self.hub_proc: subprocess.Popen | None = None
        self.proxy_proc: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        """The environment of both units (what hub.env and proxy.env hold on a server)."""
        return {
            **os.environ,
            "PATH": f"{self.course_env / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "COURSE_AUTH": "shared-password",
            "COURSE_PASSWORD": self.password,
            "COURSE_ADMIN_PASSWORD": self.admin_password,
            "COURSE_INSTRUCTORS": " ".join(self.instructors),
            "COURSE_STUDENTS": " ".join(self.students),
            "COURSE_STUDENTS_FILE": str(self.workspace.top / "no-such-file"),
            "COURSE_ENV": str(self.course_env),
            "COURSE_EXCHANGE": str(self.workspace.exchange),
            "COURSE_HUB_STATE": str(self.workspace.state),
            "COURSE_HUB_URL": self.base,
            "COURSE_HUB_INTERNAL_URL": self.internal,
            "COURSE_PROXY_API_URL": self.proxy_api,
            "COURSE_PROXY": "external",
            "CONFIGPROXY_AUTH_TOKEN": self.proxy_token,
            "COURSE_SPAWN_TIMEOUT": str(self.spawn_timeout),
        }

    def start(self) -> Hub:
        """Start the proxy, then the hub; return the hub once it answers."""
        self.start_proxy()
        self.start_hub()
        return self

    def start_proxy(self) -> None:
        """Start ``start-proxy`` (as alliance-proxy.service does) and wait for its API."""
        with self.proxy_log.open("a") as log:
            self.proxy_proc = subprocess.Popen(
                [str(KIT / "start-proxy")],
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        headers = {"Authorization": f"token {self.proxy_token}"}
        _wait_for(
            lambda: requests.get(f"{self.proxy_api}/api/routes", headers=headers, timeout=5).ok,
            "configurable-http-proxy",
            60,
            alive=lambda: self.proxy_proc.poll() is None,
            log=self.proxy_log,
        )

    def start_hub(self) -> None:
        """Start JupyterHub from the kit's config and wait until it answers through the proxy."""
        with self.log.open("a") as log:
            self.hub_proc = subprocess.Popen(
                [
                    str(self.course_env / "bin" / "jupyterhub"),
                    "-f",
                    str(KIT / "jupyterhub_config.py"),
                ],
                cwd=self.workspace.state,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_for(
            lambda: requests.get(f"{self.base}/hub/api/", timeout=5).status_code == 200,
            "JupyterHub",
            120,
            alive=lambda: self.hub_proc.poll() is None,
            log=self.log,
        )

    def stop_hub(self, timeout: float = 60) -> None:
        """Stop the hub process alone (SIGTERM); the proxy and the servers keep running."""
        proc, self.hub_proc = self.hub_proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)

    def ensure_running(self) -> None:
        """Start the hub again if it is not running (a fault left it down); else nothing."""
        if self.hub_proc is None or self.hub_proc.poll() is not None:
            self.hub_proc = None
            self.start_hub()

    def close(self) -> None:
        """Stop the hub and the proxy (the participants' servers go with their accounts)."""
        self.stop_hub()
        proc, self.proxy_proc = self.proxy_proc, None
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)

    def tail(self, chars: int = 5000) -> str:
        """The end of the hub's log (the servers write there too)."""
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def participant(self, name: str) -> Participant:
        """Someone on the course list, signed in (instructors with the admin password)."""
        person = Participant(self.base, name)
        admin = name in self.instructors
        person.sign_in(self.admin_password if admin else self.password)
        return person


# ----- participants ---------------------------------------------------------------------------


@dataclass
class Participant:
    """One person in a browser: signed in to the hub, cookies and XSRF tokens as the page has."""

    base: str
    name: str
    http: requests.Session = field(default_factory=requests.Session)
    token: str | None = None

    @property
    def server(self) -> str:
        """The path of the person's server behind the proxy."""
        return f"/user/{self.name}/"

    def xsrf(self, path: str) -> dict:
        """The XSRF header a page under ``path`` sends (from the ``_xsrf`` cookie)."""
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path.rstrip("/") + "/"):
                return {"X-XSRFToken": cookie.value}
        return {}

    def sign_in(self, password: str) -> None:
        """Sign in on the hub's login page, as a person does."""
        self.http.get(f"{self.base}/hub/login", timeout=30).raise_for_status()
        form = {"username": self.name, "password": password, **self._form_xsrf("/hub/")}
        r = self.http.post(f"{self.base}/hub/login", data=form, timeout=30, allow_redirects=False)
        if r.status_code != 302:
            msg = f"{self.name} could not sign in: {r.status_code} {r.text[:300]}"
            raise ClassroomError(msg)

    def _form_xsrf(self, path: str) -> dict:
        return {"_xsrf": self.xsrf(path).get("X-XSRFToken", "")}

    def hub_api(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the hub's REST API with the sign-in cookie."""
        url = f"{self.base}/hub/api/{path}"
        return self.http.request(method, url, headers=self.xsrf("/hub/api/"), timeout=60, **kwargs)

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the person's own server, as a JupyterLab panel does."""
        full = self.server + path
        timeout = kwargs.pop("timeout", CELL_TIMEOUT)
        return self.http.request(
            method, self.base + full, headers=self.xsrf(full), timeout=timeout, **kwargs
        )

    def json(self, method: str, path: str, **kwargs):
        """Call the person's server; the JSON answer, or ClassroomError naming the call."""
        r = self.call(method, path, **kwargs)
        if r.status_code not in (200, 201):
            msg = f"{method} {path} ({self.name}): {r.status_code} {r.text[:500]}"
            raise ClassroomError(msg)
        return r.json()

    def make_token(self, note: str = "classroom") -> str:
        """An API token for the person's own server, made by the hub (as on the token page)."""
        made = self.hub_api("POST", f"users/{self.name}/tokens", json={"note": note})
        if made.status_code != 201:
            raise ClassroomError(f"no token for {self.name}: {made.status_code} {made.text}")
        self.token = made.json()["token"]
        return self.token

    # --- the server -------------------------------------------------------------------------

    def start_server(self) -> None:
        """Ask the hub to start the person's server (the Start My Server button)."""
        r = self.hub_api("POST", f"users/{self.name}/server")
        if r.status_code not in (201, 202):
            raise ClassroomError(f"spawn {self.name}: {r.status_code} {r.text}")

    def server_model(self) -> dict | None:
        """The hub's view of the person's server (None when it has none)."""
        model = self.hub_api("GET", f"users/{self.name}").json()
        return model.get("servers", {}).get("")

    def wait_until_ready(self, hub: Hub) -> None:
        """Wait until the hub reports the server ready (bounded by the spawn timeout)."""
        deadline = time.monotonic() + hub.spawn_timeout
        while time.monotonic() < deadline:
            model = self.hub_api("GET", f"users/{self.name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if not server and not model.get("pending"):
                break
            time.sleep(0.5)
        raise ClassroomError(f"{self.name}'s server did not start:\n{hub.tail()}")

    def open_lab(self) -> None:
        """Open JupyterLab: runs the hub's OAuth hand-off and sets the server's cookies."""
        page = self.call("GET", "lab")
        if page.status_code != 200 or "JupyterLab" not in page.text:
            raise ClassroomError(f"{self.name}'s JupyterLab did not open: {page.text[:300]}")

    def start_and_open(self, hub: Hub) -> None:
        """Start the server, wait for it and open JupyterLab, as a person does."""
        self.start_server()
        self.wait_until_ready(hub)
        self.open_lab()

    # --- kernels ----------------------------------------------------------------------------

    def open_notebook(self, path: str) -> tuple[dict, Kernel]:
        """Open a notebook as JupyterLab does: read it, start a session, connect to its kernel.

        The session's kernel runs in the notebook's folder, as in JupyterLab.
        """
        model = self.json("GET", f"api/contents/{path}")
        session = self.json(
            "POST",
            "api/sessions",
            json={
                "path": path,
                "name": path.rsplit("/", 1)[-1],
                "type": "notebook",
                "kernel": {"name": "python3"},
            },
        )
        return model, Kernel(self, session["kernel"]["id"]).connect()

    def run_code(self, code: str, cwd_path: str | None = None) -> str:
        """Run code in a fresh kernel, stop the kernel, and return what it printed.

        The kernel runs in the folder ``cwd_path`` of the home (the home itself by default);
        an error the code raises becomes ClassroomError.
        """
        body = {"name": "python3"}
        if cwd_path is not None:
            body["path"] = cwd_path
        kernel = Kernel(self, self.json("POST", "api/kernels", json=body)["id"]).connect()
        try:
            result = kernel.execute(code)
        finally:
            kernel.close()
            self.call("DELETE", f"api/kernels/{kernel.id}")
        if result.error:
            raise ClassroomError(f"{self.name}'s code raised:\n{result.error}")
        return result.text


@dataclass
class CellRun:
    """What one executed cell gave: its outputs, an error's text, and when output came."""

    outputs: list[dict]
    error: str | None = None
    svg_at: float | None = None  # time.monotonic() of the first image/svg+xml output

    @property
    def text(self) -> str:
        return "".join(o.get("text", "") for o in self.outputs if o["output_type"] == "stream")


class Kernel:
    """A kernel on a participant's server, driven over its WebSocket as JupyterLab does."""

    def __init__(self, person: Participant, kernel_id: str):
        self.person, self.id = person, kernel_id
        self.session = uuid.uuid4().hex
        self.ws: websocket.WebSocket | None = None

    def connect(self, timeout: float = 60) -> Kernel:
        """Open the kernel's WebSocket with the person's API token."""
        token = self.person.token or self.person.make_token()
        host = self.person.base.split("://", 1)[1]
        url = (
            f"ws://{host}{self.person.server}api/kernels/{self.id}/channels"
            f"?session_id={self.session}"
        )
        try:
            self.ws = websocket.create_connection(
                url, header=[f"Authorization: token {token}"], timeout=timeout
            )
        except (websocket.WebSocketException, OSError) as err:
            msg = f"{self.person.name} could not connect to kernel {self.id}: {err}"
            raise KernelLost(msg) from err
        self.ws.settimeout(5)  # execute() waits in short steps, up to its own deadline
        return self

    def close(self) -> None:
        """Close the WebSocket (the kernel keeps running)."""
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def restart(self, timeout: float = KERNEL_BACK_TIMEOUT) -> None:
        """Kernel -> Restart Kernel: a fresh process, then a fresh connection it answers on.

        A kernel that just died may be in the middle of the server's own automatic restart,
        when a restart asked for is refused: it is asked again until the timeout.
        """
        self.close()
        deadline = time.monotonic() + timeout
        while True:
            r = self.person.call("POST", f"api/kernels/{self.id}/restart", timeout=timeout)
            if r.status_code == 200:
                break
            if time.monotonic() > deadline:
                msg = f"{self.person.name}'s kernel did not restart: {r.status_code} {r.text}"
                raise ClassroomError(msg)
            time.sleep(1)
        self.wait_until_back(max(30.0, deadline - time.monotonic()))

    def wait_until_back(self, timeout: float = KERNEL_BACK_TIMEOUT) -> None:
        """After the kernel died: wait for the server's own restart, as JupyterLab does.

        JupyterLab reconnects and asks the kernel for its info until it answers; only then does
        it show the kernel idle. This does the same over a fresh connection (a new session, so
        nothing of the dead kernel is replayed): the kernel is back once it answers a
        ``kernel_info_request`` on the shell channel and its status for that request comes on
        IOPub (so the connection hears the outputs of the next cell). Only a kernel the server
        gave up on (``dead``) is restarted by hand: asking for a restart while the automatic one
        is under way races with it and can kill the new kernel again.

        The server's own view of the kernel (``execution_state`` in its model) is no signal here:
        nobody asks a kernel restarted automatically anything, so the state stays as the kill
        left it (``busy``); and a kernel killed in its first 10 s comes back on new ports,
        where the server no longer watches it at all.
        """
        self.close()
        self.session = uuid.uuid4().hex
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                msg = f"{self.person.name}'s kernel did not answer within {timeout:.0f} s"
                raise ClassroomError(msg)
            # The model is missing for a moment while a kernel restarts on new ports.
            state = (self.model() or {}).get("execution_state")
            if state == "dead":
                self.restart(timeout=left)
                return
            try:
                self.connect(timeout=min(60.0, left))
                if self.answers(timeout=min(30.0, left)):
                    return
            except KernelLost:
                pass
            self.close()
            time.sleep(1)

    def answers(self, timeout: float = 30) -> bool:
        """Whether the kernel answers on this connection (False if restarting or silent).

        A ``kernel_info_request`` is sent every second until one is answered on the shell
        channel and its busy/idle status has come on IOPub, within ``timeout`` seconds.
        """
        asked: set[str] = set()
        replied = heard = False
        deadline = time.monotonic() + timeout
        next_ask = 0.0
        while not (replied and heard):
            now = time.monotonic()
            if now > deadline:
                return False
            if now >= next_ask:
                msg_id = uuid.uuid4().hex
                asked.add(msg_id)
                self._send("kernel_info_request", {}, msg_id)
                next_ask = now + 1.0
            self.ws.settimeout(0.5)
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketException, OSError) as err:
                raise KernelLost(f"{self.person.name}'s kernel connection closed: {err}") from err
            finally:
                if self.ws is not None:
                    self.ws.settimeout(5)
            kind, content = msg.get("msg_type"), msg.get("content", {})
            if kind == "status" and content.get("execution_state") in ("restarting", "dead"):
                return False
            if msg.get("parent_header", {}).get("msg_id") not in asked:
                continue
            if kind == "kernel_info_reply":
                replied = True
            elif kind == "status":
                heard = True
        return True

    def _send(self, msg_type: str, content: dict, msg_id: str, channel: str = "shell") -> None:
        request = {
            "header": {
                "msg_id": msg_id,
                "msg_type": msg_type,
                "username": self.person.name,
                "session": self.session,
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }
        try:
            self.ws.send(json.dumps(request))
        except (websocket.WebSocketException, OSError, AttributeError) as err:
            raise KernelLost(f"{self.person.name}'s kernel connection is gone: {err}") from err

    def model(self) -> dict | None:
        """The server's view of the kernel (None when the server no longer has it)."""
        r = self.person.call("GET", f"api/kernels/{self.id}", timeout=30)
        return r.json() if r.status_code == 200 else None

    def execute(self, code: str, timeout: float = CELL_TIMEOUT, on_chart=None) -> CellRun:
        """Run one cell; return its outputs. KernelLost if the kernel dies meanwhile.

        ``on_chart`` (no arguments) is called when the cell's first chart (SVG) comes, while the
        cell may still be running.
        """
        msg_id = uuid.uuid4().hex
        content = {
            "code": code,
            "silent": False,
            "store_history": True,
            "allow_stdin": False,
            "stop_on_error": True,
        }
        self._send("execute_request", content, msg_id)
        run = CellRun([])
        deadline = time.monotonic() + timeout
        replied = idle = False
        while not (replied and idle):
            if time.monotonic() > deadline:
                raise ClassroomError(f"a cell ran over {timeout:.0f} s for {self.person.name}")
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketException, OSError) as err:
                raise KernelLost(f"{self.person.name}'s kernel connection closed: {err}") from err
            kind, content = msg.get("msg_type"), msg.get("content", {})
            if kind == "status" and content.get("execution_state") in ("restarting", "dead"):
                raise KernelLost(f"{self.person.name}'s kernel died ({content['execution_state']})")
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
            elif kind == "stream":
                run.outputs.append(
                    {"output_type": "stream", "name": content["name"], "text": content["text"]}
                )
            elif kind in ("execute_result", "display_data"):
                output = {
                    "output_type": kind,
                    "data": content["data"],
                    "metadata": content.get("metadata", {}),
                }
                if kind == "execute_result":
                    output["execution_count"] = content.get("execution_count")
                run.outputs.append(output)
                if "image/svg+xml" in content["data"] and run.svg_at is None:
                    run.svg_at = time.monotonic()
                    if on_chart is not None:
                        on_chart()
            elif kind == "error":
                run.outputs.append({"output_type": "error", **content})
                tail = "\n".join(content.get("traceback", [])[-3:])
                run.error = f"{content.get('ename')}: {content.get('evalue')}\n{tail}"
        return run
