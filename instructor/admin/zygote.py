r"""Grading kernels forked from a warm one, each in namespaces of its own.

Starting a grading kernel costs about a second of a processor: Python, IPython, ipykernel,
pandas and the toolkit's modules are imported again for every submission. On a 2-core machine
that, not the grading, decides how long a class takes. A batch therefore starts one
*zygote* per grading process: a Python in the grading sandbox (the same bubblewrap sandbox as
any grading kernel, :mod:`instructor.admin.sandbox`) that imports those modules once, runs
no one's code, and forks a new kernel for each submission.

A forked kernel is kept as far from the others as a kernel started on its own:

- **namespaces of its own**: before any kernel code runs, the fork enters new mount, process,
  network, IPC and host-name namespaces, so it sees no other kernel's processes, sockets or
  files, and none sees it (the zygote keeps the one power that takes, ``CAP_SYS_ADMIN`` in the
  sandbox's own user namespace, and never runs anyone's code);
- **a home of its own**: an empty, size-limited in-memory folder is mounted over the sandbox's
  home; its submission (``/run/alliance/submitted``) and connection file are bound from its own
  folder, and the folder that holds every kernel's folders is covered by an empty one;
- **no powers left**: it then drops every capability (root graders: it changes to a user id of
  its own, as a sandboxed kernel started on its own does), keeps ``no_new_privs``, and is not
  *dumpable*, so no other process of the grading user can read its memory, files or
  environment through ``/proc``; the zygote itself is not dumpable either;
- the same limits on memory, processes and disk as any grading kernel, and a ``/tmp`` of its
  own (what the sandbox binds under ``/tmp``, such as a course that lives there, bound again);
- one submission in its life: it is a kernel manager's kernel like any other
  (:class:`~instructor.admin.sandbox.SandboxKernelManager`, with ``warm_imports`` set), shut
  down after its submission.

The zygote holds only the instructor's modules (those the assignments' *source* notebooks
import, :func:`instructor.admin.warm.source_modules`), imported before any student's code is
known; a student's code runs only in a fork, after its namespaces are made.

Where the zygote cannot start (no ``unshare`` of namespaces inside the sandbox, for example),
the batch starts each kernel in a sandbox of its own as before, and the log says why.
``ALLIANCE_ZYGOTE=0`` switches forked kernels off.
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

__all__ = ["Forked", "Zygote", "disabled"]

#: Set to 0 to start every grading kernel in a sandbox of its own (no forked kernels).
OPT_OUT = "ALLIANCE_ZYGOTE"
#: Where the zygote sees the folders of its kernels (each kernel sees only its own).
KIDS = "/run/alliance/kids"


def disabled() -> bool:
    """Whether forked kernels are switched off (``ALLIANCE_ZYGOTE=0``)."""
    return os.environ.get(OPT_OUT, "").strip().lower() in {"0", "false", "no"}


#: What an ipykernel kernel imports as it starts (its application, shell, debugger, history,
#: completer and event loop): imported once in the zygote instead of in every kernel.
KERNEL_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel_launcher",
    "ipykernel.debugger",
    "debugpy",
    "pydevd",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.history",
    "IPython.core.logger",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "IPython.utils.wildcard",
    "tornado.gen",
    "tornado.locks",
    "tornado.platform.asyncio",
    "tornado.queues",
    "psutil",
    "sqlite3",
    "pdb",
    "pydoc",
    "xmlrpc.client",
    "http.server",
    "gzip",
    "mimetypes",
    "faulthandler",
    "unicodedata",
)

# The zygote's program, run inside the grading sandbox (python -c): import the modules, then
# fork one kernel per request. Its requests come on a socket (argv[1], a file descriptor);
# the kernel's first message on it carries its process id as the grader sees it.
PROGRAM = r"""
import ctypes, json, os, resource, signal, socket, struct, sys
fd, names, KERNEL_MODULES = int(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[6])
KIDS, HOME, CONNECTION = sys.argv[3], sys.argv[4], sys.argv[5]
libc = ctypes.CDLL(None, use_errno=True)
PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP, PR_SET_PDEATHSIG = 4, 38, 24, 1
NEWNS, NEWUTS, NEWIPC, NEWPID, NEWNET = 0x00020000, 0x04000000, 0x08000000, 0x20000000, 0x40000000
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE, MS_REMOUNT = (
    1, 2, 4, 4096, 16384, 1 << 18, 32)


def check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def mount(source, target, kind, flags, data=None):
    check(libc.mount(source and source.encode(), target.encode(), kind and kind.encode(),
                     ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def drop_bounding_set():
    last = int(open("/proc/sys/kernel/cap_last_cap").read())
    for cap in range(last + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # fails only where it is dropped already


def drop_capabilities():
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    check(libc.capset(ctypes.byref(CapHeader(0x20080522, 0)), (CapData * 2)()), "capset")
    check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    status = open("/proc/self/status").read()
    held = [line for line in status.splitlines()
            if line.startswith(("CapEff", "CapPrm", "CapBnd", "CapAmb"))
            and int(line.split()[1], 16)]
    if held:
        raise OSError(f"capabilities left: {held}")


def private_tmp(disk_mb):
    # a /tmp of its own; what the sandbox had bound under /tmp (a course that lives there, as
    # a fresh clone may) is bound again inside it, from the /tmp it covers
    old = os.open("/tmp", os.O_PATH | os.O_DIRECTORY)
    with open("/proc/self/mountinfo") as handle:
        inside = {line.split()[4] for line in handle if line.split()[4].startswith("/tmp/")}
    top = sorted(p for p in inside if not any(p.startswith(q + "/") for q in inside))
    mount("none", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, f"size={disk_mb}m,mode=1777")
    for path in top:
        os.makedirs(path, mode=0o755, exist_ok=True)
        mount(f"/proc/self/fd/{old}{path[len('/tmp'):]}", path, None, MS_BIND | MS_REC)
    os.close(old)


def kernel(request, channel):
    # the fork (still holding the zygote's powers): namespaces, its own folders, one more
    # fork to be the first process of its process namespace
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    grading_uid = request["uid"]
    check(libc.unshare(NEWNS | NEWUTS | NEWIPC | NEWPID | NEWNET), "unshare")
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    own = os.path.join(KIDS, request["kid"])
    owner = f",uid={grading_uid},gid={grading_uid}" if grading_uid >= 0 else ""
    mount(os.path.join(own, "submission"), "/run/alliance/submitted", None, MS_BIND)
    read_only = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV  # its flags kept
    mount(None, "/run/alliance/submitted", None, read_only)
    mount(os.path.join(own, "kernel.json"), CONNECTION, None, MS_BIND)
    mount(None, CONNECTION, None, read_only)
    mount("none", KIDS, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
    mount("none", HOME, "tmpfs", MS_NOSUID | MS_NODEV,
          f"size={request['disk_mb']}m,mode=0700{owner}")
    private_tmp(request["disk_mb"])
    pid = os.fork()
    if pid:  # the fork's fork is the kernel; this one waits for it and ends with it
        channel.close()
        _, status = os.waitpid(pid, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    drop_bounding_set()
    if grading_uid >= 0:  # root: a user id of its own (this also clears every capability)
        os.setgroups([])
        os.setgid(grading_uid)
        os.setuid(grading_uid)
    drop_capabilities()
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    nproc, memory = request["processes"], request["memory_mb"]
    resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    resource.setrlimit(resource.RLIMIT_AS, (memory << 20, memory << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    creds = struct.pack("3i", os.getpid(), os.getuid(), os.getgid())
    channel.sendmsg([b'{"ready": true}'], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, creds)])
    channel.close()
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(HOME)
    START(HOME, request["warm"], request["argv"])


def serve():
    channel = socket.socket(fileno=fd)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # its forks are reaped as they end
    channel.send(json.dumps({"ready": True, "pid": os.getpid()}).encode())
    while True:
        data = channel.recv(1 << 20)
        if not data:
            return
        request = json.loads(data)
        try:
            pid = os.fork()
        except OSError as error:
            channel.send(json.dumps({"error": f"fork: {error}"}).encode())
            continue
        if pid == 0:  # a kernel's fork: it never comes back to this loop
            code = 70
            try:
                kernel(request, channel)
                code = 0
            except SystemExit as end:
                code = end.code if isinstance(end.code, int) else 0
            except BaseException as error:
                try:
                    channel.send(json.dumps({"error": repr(error)}).encode())
                except OSError:
                    pass  # the kernel had started: its end is its own
            finally:
                os._exit(code)


libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # no kernel reads the zygote through /proc
os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # its note on frozen modules, once a fork
for name in [*KERNEL_MODULES, *names]:
    try:
        __import__(name)
    except Exception:
        pass  # the kernel's own import then fails the same way
threads = len(os.listdir("/proc/self/task"))
if threads != 1:  # a fork copies only the thread that forks: the imports must start none
    channel = socket.socket(fileno=fd)
    channel.send(json.dumps({"error": f"the imports started {threads - 1} thread(s)"}).encode())
    sys.exit(1)
serve()
"""


class Forked:
    """A forked kernel's process, as jupyter_client's provisioner uses a ``Popen``.

    The kernel is not the grader's child (it is the zygote's grandchild), so it is watched
    through a pidfd: ``poll`` is None while it runs.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._fd = os.pidfd_open(pid)

    def poll(self) -> int | None:
        """None while the kernel runs; then -9 (its exit status is its parent's to read)."""
        if self.returncode is None:
            import select

            ready, _, _ = select.select([self._fd], [], [], 0)
            if ready:
                self.returncode = -9
                os.close(self._fd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait until the kernel has ended (``subprocess.TimeoutExpired`` after ``timeout``)."""
        import select

        if self.returncode is None:
            ready, _, _ = select.select([self._fd], [], [], timeout)
            if not ready:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        return self.poll()

    def send_signal(self, signum: int) -> None:
        """Send ``signum`` to the kernel, unless it has ended."""
        if self.poll() is None:
            import signal

            signal.pidfd_send_signal(self._fd, signum)

    def kill(self) -> None:
        """End the kernel (and, as it is the first process of its namespace, all it started)."""
        import signal

        self.send_signal(signal.SIGKILL)

    terminate = kill


class Zygote:
    """A sandboxed Python with the course's modules imported, forking a kernel per request.

    :meth:`folder` makes a new kernel's own folder (its submission and connection file go
    there); :meth:`fork` starts the kernel; :meth:`close` ends the zygote (and any kernel it
    forked that still runs).
    """

    def __init__(self, modules: tuple[str, ...]) -> None:
        from instructor.admin.sandbox import Limits, bwrap_command

        self.dir = Path(tempfile.mkdtemp(prefix="alliance-zygote-"))
        self.kids = self.dir / "kids"
        self.kids.mkdir()
        empty = self.dir / "empty"
        empty.mkdir()
        (self.dir / "kernel.json").write_text("{}", encoding="utf-8")
        self.root = os.geteuid() == 0
        if self.root:
            for path in (self.dir, self.kids):
                os.chmod(path, 0o755)
        self._count = 0
        self._lock = threading.Lock()
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        mine.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self._channel = mine
        cmd = bwrap_command(
            [sys.executable],
            empty,
            limits=Limits.from_env(),
            connection_file=self.dir / "kernel.json",
            uid=0 if self.root else None,  # root: no user namespace, kernels change user id
            zygote=(str(self.kids), theirs.fileno(), tuple(modules)),
        )
        cmd[0] = shutil.which("bwrap") or cmd[0]
        self.process = subprocess.Popen(
            cmd,
            pass_fds=(theirs.fileno(),),
            cwd=self.dir,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        try:
            hello = self._receive(timeout=120)[0]
        except Exception:
            self.close()
            raise
        if not hello.get("ready"):
            self.close()
            msg = f"the grading zygote did not start: {hello.get('error', hello)}"
            raise RuntimeError(msg)

    def _receive(self, timeout: float) -> tuple[dict, int | None]:
        """The zygote's or a kernel's next message, and the sender's process id (if it said)."""
        self._channel.settimeout(timeout)
        size = array.array("i").itemsize * 3
        try:
            data, ancillary, _, _ = self._channel.recvmsg(1 << 16, socket.CMSG_SPACE(size))
        except TimeoutError:
            msg = "the grading zygote did not answer"
            raise RuntimeError(msg) from None
        if not data:
            msg = "the grading zygote has ended"
            raise RuntimeError(msg)
        pid = None
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                pid = array.array("i", payload[:size])[0]
        return json.loads(data), pid

    #: Why a kernel could not be forked (the batch then starts each kernel on its own).
    broken: str | None = None

    def alive(self) -> bool:
        """Whether the zygote still runs and forks."""
        return self.broken is None and self.process.poll() is None

    def folder(self) -> str:
        """A new, empty folder of the next kernel's own (its submission and connection file)."""
        with self._lock:
            self._count += 1
            path = self.kids / f"k{self._count}"
        path.mkdir()
        return str(path)

    def fork(self, folder: str, argv: list[str], env: dict, *, uid, limits, warm) -> Forked:
        """Fork a kernel for ``folder`` (see :meth:`folder`); its process, as the grader sees it.

        ``argv`` is its command (the kernel's ``-m`` module and arguments), ``env`` its
        environment, ``uid`` its user id (root graders) or None, ``limits`` the sandbox's
        :class:`~instructor.admin.sandbox.Limits`, ``warm`` the modules it imports as it starts.
        """
        request = {
            "kid": Path(folder).name,
            "argv": list(argv),
            "env": env,
            "uid": -1 if uid is None else uid,
            "warm": list(warm or ()),
            "processes": limits.processes,
            "memory_mb": limits.memory_mb,
            "disk_mb": limits.disk_mb,
        }
        with self._lock:
            self._channel.send(json.dumps(request).encode())
            answer, pid = self._receive(timeout=60)
        if "error" in answer or pid is None:
            msg = f"the grading zygote could not start a kernel: {answer.get('error', answer)}"
            raise RuntimeError(msg)
        return Forked(pid)

    def close(self) -> None:
        """End the zygote; a kernel it forked that still runs ends with it."""
        with contextlib.suppress(OSError):
            self._channel.close()
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
