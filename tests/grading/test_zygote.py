"""Kernels forked by the grading zygote: each apart from the others, and a way back without it.

Two kernels are forked from one zygote, as a batch forks them (``warm_imports`` set, a real
:class:`~instructor.admin.sandbox.SandboxKernelManager`), and each runs code that looks at
what it holds and sees. The batch's own use of forked kernels (the same grades as kernels
started one by one, attacks on the other kernels) is in ``test_warm_kernels.py`` and
``test_sandbox.py``.
"""

from __future__ import annotations

import ast
import os

import pytest
from conftest import environ_set
from jupyter_client.blocking import BlockingKernelClient
from jupyter_core.utils import run_sync

from instructor.admin import sandbox
from instructor.admin.sandbox import HOME, SandboxKernelManager
from instructor.admin.warm import WarmKernels
from instructor.admin.zygote import Zygote

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sandbox.problem() is not None, reason="the grading sandbox cannot start"),
]

LOOK = """\
import os
def _status(field):
    for line in open('/proc/self/status'):
        if line.startswith(field):
            return line.split(':', 1)[1].strip()
print(repr({
    'pid': os.getpid(),
    'caps': [_status(f) for f in ('CapEff', 'CapPrm', 'CapBnd', 'CapAmb')],
    'no_new_privs': _status('NoNewPrivs'),
    'tmp': sorted(os.listdir('/tmp')),
    'home': sorted(os.listdir(os.path.expanduser('~'))),
    'kids': sorted(os.listdir('/run/alliance/kids')),
    'forked': 'toolkit.governance' in __import__('sys').modules,
}))
"""


def run(kc: BlockingKernelClient, code: str) -> str:
    """What ``code`` printed (or the error it raised) in the kernel of ``kc``."""
    out: list[str] = []

    def keep(msg):
        content = msg["content"]
        out.append(content.get("text") or content.get("evalue") or "")

    kc.execute_interactive(code, output_hook=keep, timeout=60)
    return "".join(out).strip()


def start(zygote) -> tuple[SandboxKernelManager, BlockingKernelClient]:
    km = SandboxKernelManager(kernel_name="python3")
    km.warm_imports = ("toolkit.governance",)
    km.zygote = zygote
    run_sync(km.start_kernel)(env=dict(os.environ))
    kc = BlockingKernelClient()
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def stop(km, kc) -> None:
    kc.stop_channels()
    run_sync(km.shutdown_kernel)(now=True)
    run_sync(km.cleanup_resources)()


@pytest.fixture(scope="module")
def zygote():
    made = Zygote(("toolkit.governance",))
    yield made
    made.close()


def test_two_forked_kernels_share_nothing_and_hold_no_power(zygote):
    """Each is the first process of its own namespace, with its own /tmp and home, no capability."""
    first = start(zygote)
    second = start(zygote)
    try:
        looks = [ast.literal_eval(run(kc, LOOK)) for _km, kc in (first, second)]
        for look, (km, _kc) in zip(looks, (first, second), strict=True):
            assert km.zygote is zygote  # forked, not started in a sandbox of its own
            assert look["pid"] == 1
            assert look["caps"] == ["0000000000000000"] * 4
            assert look["no_new_privs"] == "1"
            assert look["kids"] == []  # the folder of every kernel's folders is covered
            assert "first" not in look["tmp"] and "first" not in look["home"]
            assert look["forked"]  # the zygote's import, no import of its own
        # what the first writes now is not in the second's /tmp or home
        run(first[1], f"open('/tmp/first', 'w').write('x'); open('{HOME}/first', 'w').write('x')")
        assert run(first[1], "print(open('/tmp/first').read())") == "x"
        assert "No such file" in run(second[1], "open('/tmp/first').read()")
        assert "No such file" in run(second[1], f"open('{HOME}/first').read()")
        assert "Read-only" in run(first[1], "open('/run/alliance/submitted/x', 'w')")
    finally:
        stop(*first)
        stop(*second)


def test_a_kernel_starts_in_a_sandbox_of_its_own_when_the_zygote_cannot_fork():
    """A zygote that has ended: the kernel is started on its own, and the pool forks no more."""
    gone = Zygote(("toolkit.governance",))
    gone.process.kill()
    gone.process.wait()
    km, kc = start(gone)
    try:
        assert km.zygote is None and gone.broken
        assert run(kc, "print(1 + 1)") == "2"
    finally:
        stop(km, kc)
        gone.close()


def test_no_zygote_when_switched_off(grading_course):
    """``ALLIANCE_ZYGOTE=0``: the pool starts each warm kernel in a sandbox of its own."""
    pool = WarmKernels()
    with environ_set({"ALLIANCE_ZYGOTE": "0"}):
        assert pool.zygote(str(grading_course.root)) is None
    pool.close()


def test_a_kernel_is_ready_once_it_has_answered_with_nothing_left_over(tmp_path):
    """The grading client's wait drains what the kernel sent while it started, and no more."""
    from instructor.admin.sandbox import ReadyKernelClient

    km = SandboxKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(env=dict(os.environ), cwd=str(tmp_path))  # its submission
    kc = km.client()
    kc.start_channels()
    try:
        assert isinstance(kc, ReadyKernelClient)
        run_sync(kc.wait_for_ready)(timeout=60)
        msg_id = kc.execute("print(6 * 7)")
        seen = []
        while (
            not seen
            or seen[-1]["msg_type"] != "status"
            or (seen[-1]["content"]["execution_state"] != "idle")
        ):
            seen.append(run_sync(kc.get_iopub_msg)(timeout=30))
        assert {m["parent_header"].get("msg_id") for m in seen} == {msg_id}
        assert [m["content"]["text"] for m in seen if m["msg_type"] == "stream"] == ["42\n"]
    finally:
        kc.stop_channels()
        run_sync(km.shutdown_kernel)(now=True)
        run_sync(km.cleanup_resources)()
