"""Shared fixtures: the project's paths, a private progress folder, executed notebooks, and one
JupyterLab server (started with `make lab`) for the whole session."""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SOURCE_NOTEBOOKS = sorted(
    p for p in (ROOT / "grading" / "source").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)


@pytest.fixture(autouse=True)
def course_home(tmp_path_factory, monkeypatch):
    """Every test gets its own progress folder, so no test reads the developer's progress."""
    home = tmp_path_factory.mktemp("course-home")
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(home))
    return home


@pytest.fixture
def answer_path(tmp_path):
    """A function giving the path of a widget's answer file in a private folder."""
    return lambda name: tmp_path / name


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory, student_env):
    """Run every lesson notebook once, top to bottom, in a fresh kernel on a copy of notebooks/.

    The kernel is the students' environment's (``student_env``: the toolkit's wheel alone, as
    on the course's hub), so every lesson is shown to run without the instructor package.
    Returns a dict name -> (executed notebook, error or None). Shared by the tests that look
    at the outputs, so each notebook runs once per session.
    """
    work = tmp_path_factory.mktemp("notebooks-run")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    home = tmp_path_factory.mktemp("notebooks-home")
    results = {}
    with student_kernel(student_env, ALLIANCE_COURSE_HOME=str(home)) as kernel:
        for path in NOTEBOOKS:
            nb = nbformat.read(work / "notebooks" / path.name, as_version=4)
            client = NotebookClient(
                nb,
                timeout=600,
                kernel_name=kernel,
                resources={"metadata": {"path": str(work / "notebooks")}},
            )
            try:
                client.execute()
                results[path.name] = (nb, None)
            except Exception as exc:  # the test reports it with the notebook's name
                results[path.name] = (nb, exc)
    return results


# --- One JupyterLab server for the whole session, started with `make lab` --------------------

# When the project is not a git checkout: what is not copied into the server's course folder
# (the environment, tool caches, and what nbgrader or a student's widgets produce).
_NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".lock-venv",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "__pycache__",
    ".ipynb_checkpoints",
    "test-artifacts",
    "*.egg-info",
    "release",
    "submitted",
    "autograded",
    "feedback",
    "exports",
    "reports",
    "logs",
    "exchange",
    "downloaded",
    "gradebook.db",
    "gradebook.db-*",
    "*.answer.json",
    "my-*.json",
)


def copy_course(root: Path, dest: Path) -> None:
    """Copy the course as a fresh checkout has it: every file git tracks or would track.

    What .gitignore names (the venv, caches, answer files, nbgrader output) stays behind, so
    the server starts as a student's or instructor's first `make lab` does. Modification
    times are kept, so `make lab` in the copy sees the shared venv as up to date.
    """
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
    )
    if listing.returncode != 0:  # not a git checkout (an unpacked release, say)
        shutil.copytree(root, dest, ignore=_NOT_COPIED)
        return
    for rel in filter(None, listing.stdout.decode().split("\0")):
        src = root / rel
        if src.is_file():  # a tracked file deleted in the working tree is skipped
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


@pytest.fixture(scope="session")
def course_env_source(tmp_path_factory) -> Path:
    """What build-course-env installs for the students (its ``src/``): wheel, variant data.

    Made by the same script build-course-env runs (``deploy/jupyterhub/course_source.py``).
    """
    dest = tmp_path_factory.mktemp("course-env") / "src"
    script = ROOT / "deploy" / "jupyterhub" / "course_source.py"
    done = subprocess.run([sys.executable, str(script), str(dest)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return dest


@dataclass
class StudentEnv:
    """A fresh virtual environment with the students' package alone, as the hub's kit has it."""

    prefix: Path
    python: Path
    site: Path  # its own site-packages (the toolkit's wheel is installed there)
    data: Path  # the course data the wheel installed, and the variants' data beside it


@pytest.fixture(scope="session")
def student_env(course_env_source, tmp_path_factory) -> StudentEnv:
    """A new venv with only the toolkit's wheel installed, and the variants' data beside it.

    As build-course-env does, offline: the third-party packages are this checkout's (installed
    from the same requirements.lock) through a path file, read as a plain folder, so this
    checkout's editable installs of ``toolkit`` and ``instructor`` do not reach it; the
    toolkit is the wheel course_source.py built, installed with ``--no-deps``.
    """
    import site
    import venv

    prefix = tmp_path_factory.mktemp("student-env") / "env"
    venv.create(prefix, with_pip=False, symlinks=True)
    python = prefix / "bin" / "python"
    own = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    (own / "course-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    wheel = next((course_env_source / "dist").glob("alliance_toolkit-*.whl"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--no-index", "--ignore-installed", "--prefix", str(prefix), str(wheel)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    data = prefix / "share" / "alliance-course" / "datasets"
    shutil.copytree(course_env_source / "datasets" / "variants", data / "variants")
    return StudentEnv(prefix, python, own, data)


STUDENT_KERNEL = "alliance-student"


@contextlib.contextmanager
def student_kernel(env: StudentEnv, **environ: str):
    """The name of a Jupyter kernel that runs in ``env``, usable while the block runs.

    Its kernel spec is in the environment's ``share/jupyter`` (put on ``JUPYTER_PATH`` for the
    block, with ``environ``); a kernel started from it has only what the students have.
    """
    spec = env.prefix / "share" / "jupyter" / "kernels" / STUDENT_KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    argv = [str(env.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Students' toolkit", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    with environ_set({"JUPYTER_PATH": str(spec.parents[1]), **environ}):
        yield STUDENT_KERNEL


@contextlib.contextmanager
def environ_set(values: dict[str, str]):
    """Set environment variables while the block runs; put back what was there after."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_with_only(env: StudentEnv, code: str, cwd=None, environ=None):
    """Run ``code`` in the students' environment ``env`` (its Python, nothing of this checkout).

    Like a student's kernel on the hub: the installed packages and the toolkit's wheel.
    """
    return subprocess.run(
        [str(env.python), "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd or env.prefix,
        env={**os.environ, "PYTHONPATH": "", **(environ or {})},
        timeout=600,
    )


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    """A running `make lab`: where it listens, its token, and the course copy it serves."""

    base: str
    token: str
    root: Path
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        """GET ``path`` (e.g. ``/api/status``) with the token; return status and body."""
        req = urllib.request.Request(
            self.base + path, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode()

    def shutdown_kernels(self) -> None:
        """Stop every kernel session (each browser test leaves its notebook's kernel behind)."""
        _, body = self.get("/api/sessions")
        for session in json.loads(body):
            req = urllib.request.Request(
                f"{self.base}/api/sessions/{session['id']}",
                method="DELETE",
                headers={"Authorization": f"token {self.token}"},
            )
            urllib.request.urlopen(req, timeout=30).close()

    def url(self, path: str) -> str:
        """Browser URL of ``path`` that logs in with the token."""
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """`make lab`, exactly as the README says, serving a temporary copy of the course.

    The copy keeps answer files, nbgrader output and checkpoints out of the repository. The
    server listens on a free loopback port with a random token; its kernels write progress to
    a private course home; JupyterLab's user settings and workspaces live in the temp folder,
    so a developer's own settings never change what the tests see. Shared by
    `test_make_lab.py` and the browser tests; stopped at the end of the session.
    """
    # Bring the shared venv up to date first, so `make lab` in the copy never reinstalls.
    subprocess.run(["make", "--silent", "setup"], cwd=ROOT, check=True)
    tmp = tmp_path_factory.mktemp("lab")
    course = tmp / "course"
    copy_course(ROOT, course)
    port, token = free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    env = {
        **os.environ,
        "JUPYTER_PLATFORM_DIRS": "1",
        "ALLIANCE_COURSE_HOME": str(tmp / "home"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp / "lab-user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "lab-workspaces"),
    }
    log = tmp / "make-lab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            ["make", "lab", f"VENV={ROOT / '.venv'}", f"LAB_ARGS={args}"],
            cwd=course,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            env=env,
        )
    server = LabServer(f"http://127.0.0.1:{port}", token, course, log)
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                server.get("/api/status")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"make lab did not start:\n{log.read_text()}")
                time.sleep(0.5)
        yield server
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        shutil.copy(log, artifacts / "make-lab.log")


def generate_student_version(server, name: str) -> Path:
    """`nbgrader generate_assignment name` in the lab server's copy of grading/ (never in the
    repository), with the venv's tools on PATH; returns the assignment's release folder."""
    grading = server.root / "grading"
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["nbgrader", "generate_assignment", name, "--force"],
        cwd=grading,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"nbgrader generate_assignment {name}:\n{done.stderr}"
    return grading / "release" / name


# --- Chromium through Playwright (the browser tests, marker `browser`) ----------------------

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, for the whole session.

    Outside CI a missing Chromium skips the browser tests with a message saying how to
    install it; with CI=true it is a failure.
    """
    from labdriver import CHROMIUM, CHROMIUM_ARGS, chromium_missing_message

    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(chromium_missing_message())
        pytest.skip(chromium_missing_message())
    from playwright.sync_api import expect, sync_playwright

    # a busy 2-core machine runs a kernel, vl-convert and Chromium at once: be patient
    expect.set_options(timeout=30_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def lab(chromium, lab_server):
    """A fresh browser tab (own cookies and storage) on the session's JupyterLab.

    Records every request and WebSocket the page opens; stops the notebook's kernel after.
    """
    from labdriver import Lab

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    tab = Lab(page, lab_server)
    context.on("request", lambda r: tab.requests.append(r.url))
    page.on("websocket", lambda ws: tab.requests.append(ws.url))
    try:
        yield tab
    finally:
        context.close()
        lab_server.shutdown_kernels()


def pytest_collection_modifyitems(config, items):
    """Start pip's slow resolutions of the lock as soon as the test that reads them is collected."""
    import lockcheck

    if any(getattr(item, "originalname", "") == lockcheck.TEST for item in items):
        config.stash[lockcheck.STASH] = lockcheck.Resolutions()


def pytest_unconfigure(config):
    import lockcheck

    started = config.stash.get(lockcheck.STASH, None)
    if started is not None:
        started.stop()
