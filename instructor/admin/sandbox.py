r"""Every grading kernel in a bubblewrap sandbox: a submission's code reaches only its own copy.

nbgrader runs each submitted notebook in a kernel of the grader's own user, with the grader's
files and network. :class:`SandboxKernelManager` (the kernel manager of the course's
``Execute`` steps, see ``grading/nbgrader_config.py``) starts that kernel inside
`bubblewrap <https://github.com/containers/bubblewrap>`_ (Debian package ``bubblewrap``;
Linux namespaces, no root needed). The kernel sees:

- the course environment (the Python install, its packages and the toolkit with its
  ``datasets/``), ``/usr`` and a few files of ``/etc``, all read-only;
- a private copy of its own submission folder (the notebook, the answer files handed in and
  what the assignment ships) in a size-limited in-memory folder, ``/home/student/<assignment>``,
  which is also its home and ``/tmp``; what it writes there is thrown away with it;
- no network (a network namespace of its own with only a loopback); the grader talks to it
  over Unix sockets inside that private folder (through ``/proc/<pid>/root``), so nothing on
  the machine is shared with it;

and nothing else: not the course root, the gradebook, ``source/``, ``release/``, other
submissions, the grader's home or environment variables. It runs with limits on memory
(address space per process), processes and disk; the cell timeout limits its time. A fork
bomb, a 20 GB list or a disk-filling loop ends in an error in that cell, which the batch
reports as a flagged outcome (:func:`limit_problems`), and the batch goes on.

A batch starts each kernel before its submission is known and hands it the submission later
(:mod:`instructor.admin.warm`): the sandbox then binds a folder of the kernel's own, empty
until :meth:`SandboxKernelManager.take_submission` copies that one student's files into it
just before the student's first cell; the kernel copies them into its home as above. A kernel
takes one submission in its life.

Where the sandbox cannot start (no bubblewrap, no user namespaces, not Linux), grading refuses
with a message saying why and how to enable it (:func:`require`), unless the instructor grades
unsandboxed on purpose: ``course-admin autograde --unsandboxed`` or ``ALLIANCE_UNSANDBOXED=1``
(the log and the class report then say so).

Settings (environment variables of the grader): ``ALLIANCE_SANDBOX_MEMORY_MB`` (default
2048), ``ALLIANCE_SANDBOX_PROCESSES`` (default 128, threads count), ``ALLIANCE_SANDBOX_DISK_MB``
(default 200).

Examples
--------
>>> limits = Limits(memory_mb=512, processes=32, disk_mb=50)
>>> limits.describe()
'memory 512 MB a process, 32 processes, 50 MB of disk'
>>> from nbformat.v4 import new_code_cell, new_output
>>> cell = new_code_cell("x = [0] * 10**10", outputs=[new_output(
...     "error", ename="MemoryError", evalue="", traceback=[])])
>>> [code for code, _note in limit_problems([cell], limits)]
['memory-limit']
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import DottedObjectName, Type

__all__ = [
    "HOME",
    "OPT_OUT",
    "Limits",
    "SandboxKernelManager",
    "SandboxUnavailable",
    "bwrap_command",
    "limit_problems",
    "UNSANDBOXED_NOTE",
    "problem",
    "report_rows",
    "require",
    "sandboxed",
]

#: Set to 1 to grade without the sandbox on purpose (the log and the class report say so).
OPT_OUT = "ALLIANCE_UNSANDBOXED"
#: The kernel's home inside the sandbox; its submission is ``HOME/<assignment>``.
HOME = "/home/student"
_SOCKETS = f"{HOME}/.kernel"
_CONNECTION = "/run/alliance/kernel.json"
_UIDS = itertools.count()

HOW_TO_ENABLE = (
    "install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap) and allow user "
    "namespaces (sysctl kernel.unprivileged_userns_clone=1 on older Debian; on Ubuntu 24.04 "
    "an AppArmor profile for /usr/bin/bwrap; in a container, run it with user namespaces "
    "allowed); on macOS or Windows, grade on Linux (the course hub, or a Linux virtual machine)"
)
OPT_OUT_HINT = (
    "to grade without it anyway (each submission's code then runs as you, with your files "
    f"and network), pass --unsandboxed to course-admin or set {OPT_OUT}=1"
)


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start here and grading unsandboxed was not asked for."""


@dataclass(frozen=True)
class Limits:
    """What one grading kernel may use."""

    memory_mb: int = 2048
    processes: int = 128
    disk_mb: int = 200

    @classmethod
    def from_env(cls, environ=None) -> Limits:
        """The limits set by ``ALLIANCE_SANDBOX_*`` variables (defaults otherwise)."""
        env = os.environ if environ is None else environ
        values = {}
        for name in ("memory_mb", "processes", "disk_mb"):
            text = env.get(f"ALLIANCE_SANDBOX_{name.split('_')[0].upper()}{_unit(name)}")
            if text:
                try:
                    values[name] = int(text)
                except ValueError:
                    msg = f"ALLIANCE_SANDBOX_{name.upper()}={text!r} is not a whole number"
                    raise ValueError(msg) from None
        return cls(**values)

    def describe(self) -> str:
        """The limits in words."""
        return (
            f"memory {self.memory_mb} MB a process, {self.processes} processes, "
            f"{self.disk_mb} MB of disk"
        )


def _unit(name: str) -> str:
    return "_MB" if name.endswith("_mb") else ""


def opted_out(environ=None) -> bool:
    """Whether the instructor asked to grade without the sandbox."""
    env = os.environ if environ is None else environ
    return env.get(OPT_OUT, "").strip().lower() in {"1", "true", "yes"}


def _ro_system() -> list[str]:
    """Read-only binds of the system folders (kept as symlinks where the host has symlinks)."""
    args = []
    for name in ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in (
        "ld.so.cache",
        "ld.so.conf",
        "localtime",
        "nsswitch.conf",
        "passwd",
        "group",
        "mime.types",
        "fonts",
        "alternatives",
        "ssl/openssl.cnf",
    ):
        path = Path("/etc") / name
        if path.exists():
            args += ["--ro-bind", str(path), str(path)]
    return args


@functools.cache
def _environment_paths() -> tuple[str, ...]:
    """Folders of the course environment: the Python install, its packages, the toolkit."""
    import site
    from importlib.util import find_spec

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    # the install the interpreter's binary belongs to (a venv's python is a link to it; where
    # the grader cannot read that install's own files, base_prefix falls back to /usr)
    paths.add(str(Path(os.path.realpath(sys.executable)).parent.parent))
    paths |= set(site.getsitepackages())
    # the toolkit as this process finds it, and as a kernel started from another folder finds
    # it: a server started in a copy of the course may import the copy's toolkit (its folder
    # is on sys.path) while the kernel's interpreter finds the installed one
    for toolkit in {Path(find_spec("toolkit").submodule_search_locations[0]), _kernel_toolkit()}:
        if toolkit is not None:
            paths |= {str(toolkit), str(toolkit.parent / "datasets")}
    real = {str(Path(p).resolve()) for p in paths if p and Path(p).exists()}
    real |= {p for p in paths if p and Path(p).exists()}
    # a folder inside another one is bound with it
    keep = sorted(real)
    return tuple(p for p in keep if not any(p != q and p.startswith(q + os.sep) for q in keep))


def _kernel_toolkit() -> Path | None:
    """The toolkit folder the kernel's interpreter imports, started outside any course folder."""
    code = "import toolkit; print(toolkit.__path__[0])"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd="/", capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = done.stdout.strip().splitlines()
    return Path(found[-1]) if done.returncode == 0 and found else None


@functools.cache
def _answer_paths() -> tuple[str, ...]:
    """Folders of the installed instructor package that the kernel would otherwise see."""
    from importlib.util import find_spec

    home = Path(find_spec("instructor").submodule_search_locations[0]).resolve()
    return hidden_answers(home, _environment_paths())


def hidden_answers(package: Path, bound) -> tuple[str, ...]:
    """The folder to lay an empty one over, when a bound folder contains the instructor package.

    On the hub the package is installed inside the course environment (``pip --target
    <env>/instructor``), which the kernel sees read-only: that whole folder is hidden. In a
    checkout the package sits beside the environment and nothing needs hiding.

    Examples
    --------
    >>> hidden_answers(Path("/opt/env/instructor/instructor"), ["/opt/env"])
    ('/opt/env/instructor',)
    >>> hidden_answers(Path("/srv/course/instructor"), ["/srv/course/.venv", "/srv/course/toolkit"])
    ()
    """
    folder = package.parent if package.parent.name == "instructor" else package
    inside = any(str(folder) == q or str(folder).startswith(q + os.sep) for q in map(str, bound))
    return (str(folder),) if inside else ()


def bwrap_command(
    kernel_cmd: list[str],
    submission: str | Path,
    *,
    limits: Limits,
    connection_file: str | Path,
    uid: int | None = None,
    env: dict[str, str] | None = None,
    info_fd: int | None = None,
    warm: tuple[str, ...] | None = None,
    zygote: tuple[str, int, tuple[str, ...]] | None = None,
) -> list[str]:
    """The ``bwrap`` command that runs ``kernel_cmd`` on a private copy of ``submission``.

    ``uid`` (only when the grader is root): the unprivileged user id the kernel runs as. The
    kernel's first Python lines (:data:`_BOOT`) copy the submission into its home, set the
    limits, drop to ``uid`` and start the kernel.

    ``warm`` (a kernel started before its submission is known, see
    :meth:`SandboxKernelManager.take_submission`): the kernel imports these modules as it
    starts, and copies nothing yet: ``submission`` is then its own empty folder, which the
    grader fills with one student's files just before that student's code runs.

    ``zygote`` (``(kids, fd, modules)``, see :mod:`instructor.admin.zygote`): the sandbox runs
    the zygote instead of a kernel: it imports ``modules``, sees the folder ``kids`` (its
    kernels' own folders) read-only and takes its requests on file descriptor ``fd``. It keeps
    the power to make namespaces (and, as root, to change user ids)
    to make each kernel's namespaces, which each kernel drops before it starts.
    """
    submission = Path(submission)
    work = HOME if warm is not None else f"{HOME}/{submission.name or 'submission'}"
    args = ["bwrap", "--die-with-parent", "--unshare-ipc", "--unshare-pid", "--unshare-net"]
    args += ["--unshare-uts", "--unshare-cgroup-try", "--hostname", "grading"]
    if uid is None:
        args += ["--unshare-user"]  # an unprivileged grader: a user namespace of its own
        if zygote is not None:  # the zygote makes each kernel's namespaces, in that one
            args += _caps("CAP_SYS_ADMIN", "CAP_SETPCAP")
    elif zygote is None:  # root: no user namespace (its uid would still be root); drop to uid
        args += _caps("CAP_SETUID", "CAP_SETGID", "CAP_CHOWN")
    else:  # root's zygote: each kernel makes its namespaces, then drops to a uid of its own
        args += _caps("CAP_SETUID", "CAP_SETGID", "CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_SETPCAP")
    if info_fd is not None:
        args += ["--info-fd", str(info_fd)]
    args += _ro_system()
    size = str(limits.disk_mb * 1024 * 1024)
    # /tmp is a size-limited folder of the kernel's own, mounted before the course
    # environment's binds: a course that lives under /tmp (a fresh clone, a test's copy) is
    # then bound inside it, read-only, instead of being hidden by it
    args += ["--perms", "1777", "--size", size, "--tmpfs", "/tmp"]
    made: set[str] = {"/tmp"}
    binds = [*_environment_paths(), "/run/alliance/submitted"]
    if zygote is not None:
        from instructor.admin.zygote import KIDS

        binds.append(KIDS)
    for path in binds:  # the folders above each bind, readable by the kernel's user
        for parent in reversed(Path(path).parents[:-1]):
            if str(parent) not in made and not str(parent).startswith(("/usr", "/etc")):
                made.add(str(parent))
                args += ["--perms", "0755", "--dir", str(parent)]
    for path in _environment_paths():
        args += ["--ro-bind", path, path]
    for path in _answer_paths():  # the answers stay out of sight, even where they are installed
        args += ["--tmpfs", path]
    args += ["--proc", "/proc", "--dev", "/dev"]
    args += ["--perms", "1777", "--size", size, "--tmpfs", HOME]
    args += ["--remount-ro", "/dev"]
    if not any(p.startswith("/var/tmp/") for p in binds):
        args += ["--symlink", "/tmp", "/var/tmp"]
    args += ["--ro-bind", str(submission), "/run/alliance/submitted"]
    args += ["--ro-bind", str(connection_file), _CONNECTION]
    if zygote is not None:
        args += ["--ro-bind", zygote[0], KIDS]
    args += ["--remount-ro", "/", "--chdir", "/", "--clearenv"]
    for name, value in _kernel_env(env or {}, work).items():
        args += ["--setenv", name, value]
    if zygote is not None:
        from instructor.admin.zygote import KERNEL_MODULES, PROGRAM

        kids, fd, modules = zygote
        program = [str(fd), json.dumps(list(modules)), KIDS, HOME, _CONNECTION]
        program.append(json.dumps(KERNEL_MODULES))
        return [*args, "--", kernel_cmd[0], "-c", _KERNEL_START + PROGRAM, *program]
    boot = [str(limits.processes), str(limits.memory_mb), str(-1 if uid is None else uid), work]
    boot.append(json.dumps(list(warm)) if warm is not None else "")
    python, rest = (
        kernel_cmd[0],
        [_CONNECTION if a == str(connection_file) else a for a in kernel_cmd[1:]],
    )
    return [*args, "--", python, "-c", _KERNEL_START + _BOOT, *boot, python, *rest]


def _caps(*names: str) -> list[str]:
    """The options that keep ``names`` in the sandbox (bwrap reads one capability an option)."""
    return [arg for name in names for arg in ("--cap-add", name)]


def _kernel_env(env: dict[str, str], work: str) -> dict[str, str]:
    """The kernel's environment: nothing of the grader's but the student's id and variant."""
    path = os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"])
    out = {
        "PATH": path,
        "HOME": HOME,
        "TMPDIR": f"{HOME}/.tmp",
        "ALLIANCE_COURSE_HOME": f"{HOME}/.alliance-course",
        "ALLIANCE_SANDBOXED": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLCONFIGDIR": f"{HOME}/.tmp",
        "ALLIANCE_WORKDIR": work,
        "IPYTHONDIR": f"{HOME}/.ipython",
        # "started by a client": no console banner; 1 is never polled (the sandbox dies with
        # its grader instead, bwrap --die-with-parent)
        "JPY_PARENT_PID": "1",
    }
    keep = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "ALLIANCE_STUDENT", "ALLIANCE_VARIANT")
    out.update({k: env[k] for k in keep if env.get(k)})
    # nbgrader's "autograde" / "validate": the toolkit then leaves charts to the grader
    out.update({k: v for k, v in env.items() if k.startswith("NBGRADER_")})
    return out


# How a grading kernel starts, once its home and limits are set (the end of :data:`_BOOT`, and
# of a kernel forked by the zygote, :mod:`instructor.admin.zygote`): a forked copy of the
# kernel lets go of the kernel's sockets (it would steal the kernel's messages); after each
# cell, the processes it left behind are stopped; while nbgrader runs it (autograde,
# validate), no front end shows its widgets, so they open no comm and send the grader no
# messages (a steering-committee submission sent about 380); the course's modules are
# imported ahead.
_KERNEL_START = r"""
def START(home, warm, argv):
    import os, runpy, sys
    for name in (".tmp", ".kernel", ".alliance-course"):
        os.makedirs(os.path.join(home, name), exist_ok=True)

    def _forked():  # a copy of the kernel (a fork bomb) stays silent on the kernel's sockets
        zmq = sys.modules.get("zmq")
        if zmq is not None:
            zmq.Socket.send = zmq.Socket.send_multipart = lambda *args, **kwargs: None
        shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
        if shell is not None:  # its cell failed (no more processes): it ends there, untold
            shell.showtraceback = lambda *args, **kwargs: os._exit(1)

    os.register_at_fork(after_in_child=_forked)
    startup = os.path.join(home, ".ipython", "profile_default", "startup")
    os.makedirs(startup)
    with open(os.path.join(startup, "00-grading-sandbox.py"), "w") as handle:
        handle.write(
            "def __grading_sandbox():\n"
            "    import os, signal, stat\n"
            "    kernel_fds = []\n"
            "    def note(*args):\n"
            "        if not kernel_fds:\n"
            "            for fd in map(int, os.listdir('/proc/self/fd')):\n"
            "                try:\n"
            "                    mode = os.fstat(fd).st_mode\n"
            "                except OSError:\n"
            "                    continue\n"
            "                if fd > 2 and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):\n"
            "                    kernel_fds.append(fd)\n"
            "    def let_go():\n"
            "        for fd in kernel_fds:\n"
            "            try:\n"
            "                os.close(fd)\n"
            "            except OSError:\n"
            "                pass\n"
            "    kernel = os.getpid()\n"
            "    def reap(*args):\n"
            "        if os.getpid() != kernel:\n"
            "            os._exit(0)  # a forked copy of the kernel ends with its cell\n"
            "        try:\n"
            "            os.kill(-1, signal.SIGKILL)\n"
            "        except OSError:\n"
            "            return\n"
            "        try:\n"
            "            while True:\n"
            "                os.waitpid(-1, 0)\n"
            "        except ChildProcessError:\n"
            "            pass\n"
            "    os.register_at_fork(after_in_child=let_go)\n"
            "    get_ipython().events.register('pre_run_cell', note)\n"
            "    get_ipython().events.register('post_run_cell', reap)\n"
            "__grading_sandbox()\n"
            "del __grading_sandbox\n"
            "def __no_front_end():\n"
            "    import comm, os\n"
            "    kernel_comm = comm.create_comm\n"
            "    def create_comm(*args, **kwargs):\n"
            "        if os.environ.get('NBGRADER_EXECUTION'):\n"
            "            return comm.DummyComm(*args, **kwargs)\n"
            "        return kernel_comm(*args, **kwargs)\n"
            "    comm.create_comm = create_comm\n"
            "__no_front_end()\n"
            "del __no_front_end\n"
        )
    if warm:  # the course's modules the assignment imports, imported before any student's code
        with open(os.path.join(startup, "01-warm.py"), "w") as handle:
            handle.write(
                "def __warm(names):\n"
                "    import importlib\n"
                "    for name in names:\n"
                "        try:\n"
                "            importlib.import_module(name)\n"
                "        except Exception:\n"
                "            pass  # the student's own import then fails the same way\n"
                f"__warm({warm!r})\n"
                "del __warm\n"
            )
    python, rest = argv[0], argv[1:]
    if len(rest) > 1 and rest[0] == "-m":
        sys.argv = [rest[1], *rest[2:]]
        runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
    else:
        os.execv(python, [python, *rest])
"""


# The kernel's first lines, run inside the sandbox (python -c): copy the submission into its
# home, limit processes and memory, drop to the grading uid (root only), start the kernel.
_BOOT = r"""
import json, os, resource, runpy, shutil, sys
nproc, memory, uid, work = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
warm = json.loads(sys.argv[5]) if sys.argv[5] else None
home = work if warm is not None else os.path.dirname(work)
if warm is None:  # a warm kernel copies its submission when it is given one
    shutil.copytree("/run/alliance/submitted", work, symlinks=True)
for name in (".tmp", ".kernel", ".alliance-course"):
    os.makedirs(os.path.join(home, name), exist_ok=True)
if uid >= 0:
    for folder, dirs, files in os.walk(home):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.lchown(name, uid, uid)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
resource.setrlimit(resource.RLIMIT_AS, (memory << 20, memory << 20))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
os.chdir(work)
START(home, warm, sys.argv[6:])
"""


def _trial(uid: int | None) -> str | None:
    """Start a trivial sandbox; the reason it failed, or None."""
    with tempfile.TemporaryDirectory(prefix="alliance-sandbox-check-") as tmp:
        folder, connection = Path(tmp) / "check", Path(tmp) / "kernel.json"
        folder.mkdir()
        connection.write_text("{}", encoding="utf-8")
        if uid is not None:
            os.chmod(tmp, 0o755)
        cmd = bwrap_command(
            [sys.executable, "-c", "pass"],
            folder,
            limits=Limits(),
            connection_file=connection,
            uid=uid,
        )
        cmd[0] = shutil.which("bwrap") or "bwrap"
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"bwrap did not run ({exc})"
        if done.returncode != 0:
            lines = (done.stderr or done.stdout or "").strip().splitlines()
            return f"bwrap failed: {lines[-1] if lines else f'exit status {done.returncode}'}"
    return None


@functools.cache
def problem() -> str | None:
    """Why a grading sandbox cannot start on this machine, or None when it can (checked once)."""
    if not sys.platform.startswith("linux"):
        return f"the grading sandbox needs Linux (bubblewrap); this is {sys.platform}"
    if shutil.which("bwrap") is None:
        return "bubblewrap (the bwrap command) is not installed"
    return _trial(_grading_uid() if os.geteuid() == 0 else None)


def require(log=None) -> bool:
    """True when grading is sandboxed; False when the instructor opted out; else raise.

    Raises
    ------
    SandboxUnavailable
        The sandbox cannot start and ``ALLIANCE_UNSANDBOXED`` is not set; the message says
        why, how to enable it and how to grade without it.
    """
    if opted_out():
        if log is not None:
            log.warning(
                "Grading UNSANDBOXED (%s=1): the submission's code runs as the grader", OPT_OUT
            )
        return False
    reason = problem()
    if reason is None:
        return True
    msg = (
        f"grading refused: the sandbox that keeps a submission's code away from the course "
        f"cannot start ({reason}). To enable it, {HOW_TO_ENABLE}. Or, {OPT_OUT_HINT}."
    )
    raise SandboxUnavailable(msg)


def sandboxed() -> bool:
    """Whether grading here runs in the sandbox (False: unsandboxed on purpose, or it cannot)."""
    return not opted_out() and problem() is None


#: The note on a submission graded without the sandbox (outcome line, log, class report).
UNSANDBOXED_NOTE = (
    f"graded UNSANDBOXED ({OPT_OUT}=1 or --unsandboxed): its code ran as the grader, "
    "with the grader's files and network"
)


def report_rows(root: str | os.PathLike) -> list[dict[str, str]]:
    """Rows of the last batch's ``logs/outcomes.csv`` graded without the sandbox."""
    import csv

    path = Path(root) / "logs" / "outcomes.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            {"assignment": r["assignment"], "student": r["student"]}
            for r in csv.DictReader(handle)
            if "unsandboxed" in (r.get("problems") or "").split()
        ]


def _grading_uid() -> int:
    """An unprivileged user id of its own for a kernel started by root (processes count per uid)."""
    return 1_900_000_000 + (os.getpid() % 100_000) * 1000 + next(_UIDS) % 1000


class ReadyKernelClient(AsyncKernelClient):
    """A kernel client whose wait for a new kernel ends when the kernel has answered.

    jupyter_client's ``wait_for_ready`` ends by reading the kernel's IOPub channel until it
    has been silent for 0.2 s, which every grading kernel waited out (0.2 s of a submission's
    1 s). This one reads IOPub up to the ``idle`` status of its own ``kernel_info`` request,
    which comes after everything the kernel sent while it started: the same messages are
    drained, and a channel that is not connected yet is tried again, as there.
    """

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            msg_id = self.kernel_info()
            if await self._answered(msg_id):
                return
            if not await self._async_is_alive():
                msg = "Kernel died before replying to kernel_info"
                raise RuntimeError(msg)
            if time.monotonic() > deadline:
                msg = f"Kernel didn't respond in {timeout:.0f} seconds"
                raise RuntimeError(msg)

    wait_for_ready = _async_wait_for_ready

    async def _answered(self, msg_id: str) -> bool:
        """Whether the kernel replied to ``msg_id`` and its IOPub reached that request's end."""
        from queue import Empty

        try:
            while True:
                reply = await self.shell_channel.get_msg(timeout=1)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            self._handle_kernel_info_reply(reply)
            while True:
                msg = await self.iopub_channel.get_msg(timeout=1)
                if (
                    msg["msg_type"] == "status"
                    and msg["content"].get("execution_state") == "idle"
                    and msg["parent_header"].get("msg_id") == msg_id
                ):
                    return True
        except Empty:
            return False


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels start in the grading sandbox (see the module's text).

    With ``ALLIANCE_UNSANDBOXED=1`` it is jupyter_client's own manager, and says so in the log.
    """

    client_class = DottedObjectName("instructor.admin.sandbox.ReadyKernelClient", config=True)
    client_factory = Type(default_value=ReadyKernelClient, klass=AsyncKernelClient, config=True)
    _sandbox_dir: str | None = None
    _sandbox_uid: int | None = None
    #: Set before ``start_kernel`` for a warm kernel: the modules it imports as it starts,
    #: before it is given a submission (:meth:`take_submission`); None: an ordinary kernel.
    warm_imports: tuple[str, ...] | None = None
    #: Set before ``start_kernel`` for a warm kernel: the zygote that forks it
    #: (:mod:`instructor.admin.zygote`); None: a sandbox of its own is started for it.
    zygote = None
    _taken = False

    @property
    def _sandboxed(self) -> bool:
        return require(self.log)

    async def _async_pre_start_kernel(self, **kw):
        if self._sandboxed:
            if self.warm_imports is not None and self.zygote is not None:
                self._sandbox_dir = self.zygote.folder()
            else:
                self.zygote = None
                self._sandbox_dir = tempfile.mkdtemp(prefix="alliance-kernel-")
            self._sandbox_uid = _grading_uid() if os.geteuid() == 0 else None
            self.transport = "ipc"
            self.cache_ports = False
            self.ip = f"{_SOCKETS}/ipc"  # the path inside the sandbox; the grader's is below
            self.connection_file = os.path.join(self._sandbox_dir, "kernel.json")
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        if self._sandbox_dir is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        submission = kw.pop("cwd", None) or os.getcwd()
        if self.warm_imports is not None:  # its own empty folder, filled by take_submission
            submission = os.path.join(self._sandbox_dir, "submission")
            os.mkdir(submission)
        if self._sandbox_uid is not None:
            os.chmod(self._sandbox_dir, 0o755)
            os.chown(self.connection_file, self._sandbox_uid, self._sandbox_uid)
        if self.zygote is not None:
            try:
                return self._fork(kernel_cmd, kw.get("env"))
            except (OSError, RuntimeError) as error:  # started in a sandbox of its own instead
                self.log.warning("The grading zygote could not fork a kernel: %s", error)
                self.zygote.broken = str(error)
                self.zygote = None
        read, write = os.pipe()
        try:
            cmd = bwrap_command(
                kernel_cmd,
                submission,
                limits=Limits.from_env(),
                connection_file=self.connection_file,
                uid=self._sandbox_uid,
                env=kw.get("env"),
                info_fd=write,
                warm=self.warm_imports,
            )
            cmd[0] = shutil.which("bwrap") or cmd[0]
            kw["pass_fds"] = (*kw.get("pass_fds", ()), write)
            kw["cwd"] = self._sandbox_dir
            kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
            self.log.debug("Sandboxed kernel: %s", cmd)
            await super()._async_launch_kernel(cmd, **kw)
        finally:
            os.close(write)
        with os.fdopen(read, "rb") as info:
            text = info.read().decode("utf-8", "replace")
        try:
            pid = json.loads(text)["child-pid"]
        except (ValueError, KeyError, TypeError):
            msg = f"the grading sandbox did not start (bwrap said {text!r}); see the log above"
            raise RuntimeError(msg) from None
        # the grader reaches the kernel's sockets through the sandbox's own root
        self.ip = f"/proc/{pid}/root{_SOCKETS}/ipc"
        return None

    def _fork(self, kernel_cmd: list[str], env: dict | None) -> None:
        """Have the zygote fork this kernel (namespaces, home and limits of its own)."""
        argv = [_CONNECTION if a == str(self.connection_file) else a for a in kernel_cmd]
        process = self.zygote.fork(
            self._sandbox_dir,
            argv,
            _kernel_env(env or {}, HOME),
            uid=self._sandbox_uid,
            limits=Limits.from_env(),
            warm=self.warm_imports,
        )
        self.log.debug("Kernel forked by the grading zygote: process %s", process.pid)
        provisioner = self.provisioner
        provisioner.process, provisioner.pid, provisioner.pgid = process, process.pid, None
        provisioner.cwd = self._sandbox_dir
        self._reconcile_connection_info(provisioner.connection_info)
        self.ip = f"/proc/{process.pid}/root{_SOCKETS}/ipc"

    def take_submission(self, submission: str | os.PathLike, env: dict[str, str]) -> str:
        """Give this warm kernel its one submission; the code the kernel runs to move it in.

        Copies ``submission`` (links as links, never followed) into the kernel's own folder,
        which the sandbox shows it read-only and which was empty until now; the returned code,
        run in the kernel (silently) before any of the student's code, copies it into its home
        as an ordinary kernel's start does, changes into it and sets the environment the
        kernel would have started with (``env``, through the same filter). A kernel takes one
        submission in its life: a second call raises ``RuntimeError``.
        """
        if self.warm_imports is None or self._sandbox_dir is None or self._taken:
            msg = "only a warm sandboxed kernel that has not graded yet can take a submission"
            raise RuntimeError(msg)
        self._taken = True
        submission = Path(submission)
        shutil.copytree(
            submission,
            os.path.join(self._sandbox_dir, "submission"),
            symlinks=True,
            dirs_exist_ok=True,
        )
        work = f"{HOME}/{submission.name or 'submission'}"
        return (
            "def __take(work, env):\n"
            "    import os, shutil\n"
            "    shutil.copytree('/run/alliance/submitted', work, symlinks=True)\n"
            "    os.chdir(work)\n"
            "    os.environ.clear()\n"
            "    os.environ.update(env)\n"
            f"__take({work!r}, {_kernel_env(env, work)!r})\n"
            "del __take\n"
        )

    @property
    def kernel_spec(self):
        """The kernel's spec; a sandboxed kernel is interrupted by a message, not a signal."""
        spec = super().kernel_spec
        if spec is not None and self._sandbox_dir is not None:
            spec.interrupt_mode = "message"
        return spec

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        """Clean up as jupyter_client does; remove the sandbox's private folder."""
        await super()._async_cleanup_resources(restart)
        if self._sandbox_dir is not None:
            shutil.rmtree(self._sandbox_dir, ignore_errors=True)
            self._sandbox_dir = None

    cleanup_resources = _async_cleanup_resources


# --- what the limits look like in a graded notebook ------------------------------------------

_DISK = ("No space left on device", "Disk quota exceeded", "File too large")


def limit_problems(cells, limits: Limits | None = None) -> list[tuple[str, str]]:
    """(problem code, note) for each cell of a graded notebook that hit a sandbox limit."""
    limits = limits or Limits.from_env()
    found = []
    for index, cell in enumerate(cells, start=1):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        label = meta.get("grade_id") or f"cell {index}"
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            name, value = output.get("ename", ""), str(output.get("evalue", ""))
            if name == "MemoryError":
                found.append(
                    (
                        "memory-limit",
                        f"{label} used more than the sandbox's {limits.memory_mb} MB of memory "
                        "and was stopped",
                    )
                )
            elif any(text in value for text in _DISK):
                found.append(
                    (
                        "disk-limit",
                        f"{label} filled the sandbox's {limits.disk_mb} MB of disk and was stopped",
                    )
                )
            elif name == "BlockingIOError" or "Resource temporarily unavailable" in value:
                found.append(
                    (
                        "process-limit",
                        f"{label} started more than the sandbox's {limits.processes} processes "
                        "and was stopped",
                    )
                )
    return found
