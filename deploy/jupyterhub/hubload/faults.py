"""Faults mid-session, each with nothing lost: a killed kernel, a hub restart, a stopped server.

Each fault starts from students whose lesson kernel answers (:meth:`Student.ready`), breaks
one thing while everyone runs the lesson again (:class:`Reruns`, the fault at the first chart
drawn) and returns what came of it, with ``problems()`` listing what was lost.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass

import psutil
from classroom import ClassroomError, Hub, Participant

from hubload.scenario import (
    BARRIER_TIMEOUT,
    BUILDER_STATE,
    CHANGE_BODY,
    FOLDER,
    SAVED,
    Outcome,
    Student,
    last_list,
    saved_bodies,
    say,
)

__all__ = [
    "HubRestarted",
    "KernelKilled",
    "Reruns",
    "ServerStopped",
    "hub_restarted",
    "kernel_killed",
    "kernel_pid",
    "server_stopped",
]


class Reruns:
    """Everyone given presses Run All again at once, each in a thread of their own.

    ``at_first_chart`` (no arguments), the fault, is called once, by the first participant to
    draw a chart, in that participant's thread: so it lands while that chart's cell runs and
    the rest of everyone's lesson is still to run, however late the main thread would wake.
    """

    def __init__(self, students: list[Student], at_first_chart=None):
        self.drew = threading.Event()
        self.at_first_chart = at_first_chart
        self.fault_error: str | None = None
        self._lock = threading.Lock()
        self.outcomes = [Outcome(s.name) for s in students]
        self.threads = [
            threading.Thread(target=s.rerun, args=(o, self._first_chart), daemon=True)
            for s, o in zip(students, self.outcomes, strict=True)
        ]
        for t in self.threads:
            t.start()

    def _first_chart(self) -> None:
        with self._lock:
            if self.drew.is_set():
                return
            try:
                if self.at_first_chart is not None:
                    self.at_first_chart()
            except Exception as err:  # reported by the fault, not by the drawer's run
                self.fault_error = say(err)
            finally:
                self.drew.set()

    def first_chart(self) -> bool:
        """Wait until the first chart is drawn and the fault done (False if no chart came)."""
        deadline = time.monotonic() + BARRIER_TIMEOUT
        while not self.drew.wait(timeout=0.5):
            if time.monotonic() > deadline or not any(t.is_alive() for t in self.threads):
                return self.drew.is_set()
        return True

    def finish(self) -> list[Outcome]:
        """Wait until every run has ended (bounded); their outcomes."""
        deadline = time.monotonic() + BARRIER_TIMEOUT
        for t in self.threads:
            t.join(timeout=max(0.0, deadline - time.monotonic()))
        for t, o in zip(self.threads, self.outcomes, strict=True):
            if t.is_alive() and o.error is None:
                o.error = f"the run was still going after {BARRIER_TIMEOUT} s"
        return self.outcomes


def kernel_pid(student: Student) -> int:
    """The process id of the student's lesson kernel (found by its connection file)."""
    for proc in psutil.process_iter(["cmdline"]):
        if any(student.kernel.id in part for part in proc.info["cmdline"] or []):
            return proc.pid
    raise ClassroomError(f"no process for {student.name}'s kernel {student.kernel.id}")


@dataclass
class KernelKilled:
    """A kernel killed in the middle of Run All, then restarted and run again."""

    interrupted: str | None  # what the first run ended with (the kernel's death)
    rerun: Outcome  # the run after the restart
    saved: list[str]  # bodies in the saved file afterwards

    def problems(self) -> list[str]:
        """What was lost or went wrong (empty when nothing)."""
        found = []
        if self.interrupted is None:
            found.append("the kill did not interrupt the run")
        if self.rerun.error:
            found.append(f"the run after the restart failed: {self.rerun.error}")
        if CHANGE_BODY not in self.rerun.bodies:
            found.append(f"the builder came back without the change: {self.rerun.bodies}")
        if CHANGE_BODY not in self.saved:
            found.append(f"the saved design lost the change: {self.saved}")
        return found


def kernel_killed(student: Student) -> KernelKilled:
    """Kill the student's kernel while Run All draws its charts; once it is back, run all again.

    The kill is a SIGKILL, as from the out-of-memory killer, sent at the first chart while its
    cell still runs (so there is always a run to interrupt). The server restarts the kernel by
    itself; the student waits until it answers again (JupyterLab shows it idle) and runs all
    cells again. The student should be one no later fault needs: a kernel that does not come
    back then fails this fault alone.
    """
    student.ready()
    killed: list[int] = []

    def kill() -> None:
        pid = kernel_pid(student)
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    first = Outcome(student.name)
    student.rerun(first, at_chart=kill)
    interrupted = first.error if killed else None
    student.kernel.wait_until_back()
    again = Outcome(student.name)
    student.rerun(again)
    return KernelKilled(interrupted, again, saved_bodies(student.name))


@dataclass
class HubRestarted:
    """The hub stopped while every participant ran the lesson, and started again."""

    outcomes: list[Outcome]  # the runs, finished while the hub was down
    finished_while_down: dict[str, bool]
    worked_while_down: dict[str, list[str]]  # a cell run through the proxy, hub down
    downtime_s: float
    kernels_kept: dict[str, bool]  # the same kernel still there, through the proxy
    servers_ready: dict[str, bool]  # the new hub knows each server as running

    def problems(self) -> list[str]:
        """What was lost or went wrong (empty when nothing)."""
        found = [f"{o.user}: {o.error}" for o in self.outcomes if o.error]
        found += [
            f"{u}: the run was over before the hub went down"
            for u, ok in self.finished_while_down.items()
            if not ok
        ]
        found += [
            f"{u}: no work while the hub was down"
            for u, bodies in self.worked_while_down.items()
            if CHANGE_BODY not in bodies
        ]
        found += [
            f"{u}: kernel gone after the restart" for u, ok in self.kernels_kept.items() if not ok
        ]
        found += [
            f"{u}: the new hub lost the server" for u, ok in self.servers_ready.items() if not ok
        ]
        return found


def hub_restarted(hub: Hub, students: list[Student]) -> HubRestarted:
    """Stop the hub while everyone runs the lesson again, then start it again.

    At the first chart the hub stops (as in ``systemctl restart alliance-hub``); everyone
    finishes the run, saves and runs one more cell with the hub down; then the hub starts
    again and must find every server and kernel.
    """
    for s in students:
        s.ready()
    went_down = 0.0

    def stop() -> None:
        nonlocal went_down
        went_down = time.monotonic()
        hub.stop_hub()

    run = Reruns(students, at_first_chart=stop)
    if not run.first_chart() or run.fault_error:
        run.finish()
        hub.ensure_running()
        raise ClassroomError(f"the hub was not stopped mid-run: {run.fault_error or 'no chart'}")
    outcomes = run.finish()
    finished = {o.user: (o.finished_at or 0) > went_down for o in outcomes}
    worked = {}
    for s in students:
        try:
            worked[s.name] = last_list(s.kernel.execute(BUILDER_STATE).text)
        except Exception as err:  # recorded, and reported by problems()
            worked[s.name] = [say(err)]
    hub.start_hub()
    downtime = time.monotonic() - went_down
    kept = {s.name: (s.kernel.model() or {}).get("id") == s.kernel.id for s in students}
    ready = {s.name: bool((s.person.server_model() or {}).get("ready")) for s in students}
    return HubRestarted(outcomes, finished, worked, downtime, kept, ready)


@dataclass
class ServerStopped:
    """An instructor stopped one participant's server while the others worked."""

    victim: str
    others: list[Outcome]
    kernels_kept: dict[str, bool]
    stopped: bool  # the hub shows no server for the victim afterwards
    saved_on_disk: list[str]  # the victim's saved design, read from disk
    after_restart: list[str]  # ...and by a builder on the victim's restarted server

    def problems(self) -> list[str]:
        """What was lost or went wrong (empty when nothing)."""
        found = [f"{o.user}: {o.error}" for o in self.others if o.error]
        found += [f"{u}: kernel gone" for u, ok in self.kernels_kept.items() if not ok]
        if not self.stopped:
            found.append(f"{self.victim}'s server was not stopped")
        if CHANGE_BODY not in self.saved_on_disk:
            found.append(f"{self.victim}'s saved design lost the change: {self.saved_on_disk}")
        if CHANGE_BODY not in self.after_restart:
            found.append(f"{self.victim}'s builder came back without it: {self.after_restart}")
        return found


def server_stopped(
    hub: Hub, admin: Participant, victim: Student, others: list[Student]
) -> ServerStopped:
    """Stop the victim's server through the admin API while everyone runs the lesson again.

    The stop comes at the first chart drawn. The others must finish undisturbed; the victim
    starts again and must find the work.
    """
    for s in [victim, *others]:
        s.ready()

    def stop() -> None:
        r = admin.hub_api("DELETE", f"users/{victim.name}/server")
        if r.status_code not in (202, 204):
            msg = f"the admin API did not stop {victim.name}: {r.status_code} {r.text}"
            raise ClassroomError(msg)

    run = Reruns([victim, *others], at_first_chart=stop)
    if not run.first_chart() or run.fault_error:
        run.finish()
        raise ClassroomError(f"{victim.name}'s server was not stopped: {run.fault_error}")
    deadline = time.monotonic() + 120
    while victim.person.server_model() is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    stopped = victim.person.server_model() is None
    outcomes = run.finish()
    kept = {s.name: (s.kernel.model() or {}).get("id") == s.kernel.id for s in others}
    on_disk = saved_bodies(victim.name)
    victim.close()
    victim.person.start_and_open(hub)
    back = last_list(victim.person.run_code(SAVED, cwd_path=FOLDER))
    return ServerStopped(victim.name, outcomes[1:], kept, stopped, on_disk, back)
