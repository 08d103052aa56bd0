#!/usr/bin/env python3
"""A lab at full load: N participants press Run All on the same lesson at the same moment.

The instructor says "open lesson 02 and run it", and the whole room does it in the same
minute. This driver plays that on the course's own hub (``jupyterhub_config.py``, real
JupyterHub and configurable-http-proxy, everything on 127.0.0.1): N Linux users sign in and
start their servers together (a barrier), then together open the lesson through the contents
API and execute its own cells in its kernel over the WebSocket, as JupyterLab does; the
notebook is saved with its outputs and each participant makes one change in the governance
builder. Per participant it records the server start time, the time to the first drawn chart
(the first ``image/svg+xml`` output), the time to the end of the lesson, the builder change
and any error; for the machine, the peak memory and the CPU of the hub, the proxy and every
participant's processes (:class:`Sampler`).

With ``--faults`` it then breaks things mid-session and checks that nothing is lost: a
student's kernel is killed during a run (:func:`kernel_killed`), the hub is restarted while
everyone works (:func:`hub_restarted`), and an instructor stops one server through the admin
API while the others work (:func:`server_stopped`). The hub tests run the same functions with
four participants and assert on what they return.

    sudo .venv/bin/python deploy/jupyterhub/load_driver.py --users 1 4 8     # or: make load USERS=4

It prints a table per N (medians and 95th percentiles), appends to ``hub-load.csv`` and draws
``hub-load.svg`` (times against N) in ``--out`` (default ``test-artifacts/hub-load``).
Every wait is bounded; the accounts, servers and hub it made are removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from classroom import (  # noqa: E402 - the kit's folder is not a package
    ROOT,
    SPAWN_TIMEOUT,
    ClassroomError,
    Hub,
    Kernel,
    KernelLost,
    Participant,
    Workspace,
    build_course_env,
    create_user,
    home_of,
    remove_users,
    run,
    why_not_runnable,
)

__all__ = [
    "CHANGE_BODY",
    "FOLDER",
    "LESSON",
    "HubRestarted",
    "KernelKilled",
    "Outcome",
    "Reruns",
    "Round",
    "Sampler",
    "ServerStopped",
    "Student",
    "hand_out_lessons",
    "hub_restarted",
    "kernel_killed",
    "main",
    "run_round",
    "saved_bodies",
    "server_stopped",
]

LESSON = "02-governance-structures.ipynb"
#: Where the lessons go in every home (README: "Handing students the course").
FOLDER = "lessons"
#: The body each participant adds in the governance builder.
CHANGE_BODY = "Load Test Steering Committee"
#: The change, made through toolkit.governance.GovernanceBuilder (the lesson's own builder).
CHANGE = f"""
from toolkit.governance import GovernanceBuilder
_builder = globals().get("builder")
if not isinstance(_builder, GovernanceBuilder):
    _builder = GovernanceBuilder("my-governance.json")
_builder.body_name.value = {CHANGE_BODY!r}
_builder.tier_picker.value = "steering"
_builder.add_body_button.click()
import json
print(_builder.message.value)
print(json.dumps([body.name for body in _builder.design.bodies]))
"""
#: What the lesson's builder shows after a re-run: its message and its bodies.
BUILDER_STATE = """
import json
print(builder.message.value)
print(json.dumps([body.name for body in builder.design.bodies]))
"""
#: The design saved on disk, read back by a fresh builder.
SAVED = """
import json
from toolkit.governance import GovernanceBuilder
_saved = GovernanceBuilder("my-governance.json", chart=False).design
print(json.dumps([body.name for body in _saved.bodies]))
"""
BARRIER_TIMEOUT = SPAWN_TIMEOUT + 120


def hand_out_lessons(user: str) -> Path:
    """A fresh copy of the course's lessons in the user's home, owned by them (as README says)."""
    folder = home_of(user) / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(
        ROOT / "notebooks",
        folder,
        ignore=shutil.ignore_patterns(
            "my-*.json", "*.answer.json", ".ipynb_checkpoints", "__pycache__"
        ),
    )
    run("chown", "-R", f"{user}:", folder)
    return folder


def saved_bodies(user: str) -> list[str]:
    """The body names in the user's saved design, read from disk (empty if there is none)."""
    path = home_of(user) / FOLDER / "my-governance.json"
    if not path.exists():
        return []
    return [body["name"] for body in json.loads(path.read_text(encoding="utf-8"))["bodies"]]


def _last_list(text: str) -> list[str]:
    """The list a cell printed on its last line."""
    lines = [ln for ln in text.strip().splitlines() if ln.startswith("[")]
    return json.loads(lines[-1]) if lines else []


@dataclass
class Outcome:
    """One participant's figures for one run (seconds from the moment everyone pressed)."""

    user: str
    server_start_s: float | None = None
    first_chart_s: float | None = None
    lesson_end_s: float | None = None
    change_s: float | None = None
    error: str | None = None
    bodies: list[str] = field(default_factory=list)
    finished_at: float | None = None  # time.monotonic() when the notebook was saved


class Student:
    """A participant working through the lesson in JupyterLab."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.person: Participant = hub.participant(name)
        self.person.make_token("load driver")
        self.kernel: Kernel | None = None
        self.lesson = f"{FOLDER}/{LESSON}"

    def start(self) -> None:
        """Start the server and open JupyterLab."""
        self.person.start_and_open(self.hub)

    def open_lesson(self) -> dict:
        """Open the lesson in JupyterLab (a session and its kernel); return the notebook."""
        model, self.kernel = self.person.open_notebook(self.lesson)
        return model

    def run_all(self, model: dict, pressed: float, outcome: Outcome, at_chart=None) -> None:
        """Run every code cell in order (Run All), then save the notebook with its outputs.

        Fills the outcome's first chart and end of lesson; an error in a cell stops the run,
        as Run All does. ``at_chart`` (no arguments) is called when the first chart comes,
        while its cell still runs and the rest of the lesson is still to run.
        """
        cells = model["content"]["cells"]
        for number, cell in enumerate(cells, 1):
            if cell["cell_type"] != "code" or not cell["source"].strip():
                continue
            hook = at_chart if outcome.first_chart_s is None else None
            result = self.kernel.execute(cell["source"], on_chart=hook)
            cell["outputs"] = [_output(o) for o in result.outputs]
            cell["execution_count"] = next(
                (o.get("execution_count") for o in result.outputs if "execution_count" in o), None
            )
            if result.svg_at is not None and outcome.first_chart_s is None:
                outcome.first_chart_s = result.svg_at - pressed
            if result.error:
                outcome.error = f"cell {number} of {LESSON}: {result.error}"
                return
        outcome.lesson_end_s = time.monotonic() - pressed
        self.person.json(
            "PUT",
            f"api/contents/{self.lesson}",
            json={"type": "notebook", "format": "json", "content": model["content"]},
        )
        outcome.finished_at = time.monotonic()

    def change_builder(self, outcome: Outcome) -> None:
        """One change in the governance builder: add a steering body (saved on the click)."""
        start = time.monotonic()
        result = self.kernel.execute(CHANGE)
        outcome.change_s = time.monotonic() - start
        if result.error:
            outcome.error = f"governance builder change: {result.error}"
            return
        outcome.bodies = _last_list(result.text)
        if CHANGE_BODY not in outcome.bodies:
            outcome.error = f"the builder did not take the change: {result.text.strip()}"

    def ready(self) -> None:
        """Make sure the lesson's kernel answers on an open connection (reconnect if need be).

        Each fault starts from here, so it does not depend on how an earlier one ended.
        """
        if self.kernel is None:
            raise ClassroomError(f"{self.name} has no lesson open")
        try:
            if self.kernel.ws is not None and self.kernel.answers(timeout=30):
                return
        except KernelLost:
            pass
        self.kernel.wait_until_back()

    def rerun(self, outcome: Outcome, at_chart=None) -> None:
        """Run All again in the open kernel (the lesson reopened from disk)."""
        pressed = time.monotonic()
        try:
            model = self.person.json("GET", f"api/contents/{self.lesson}")
            self.run_all(model, pressed, outcome, at_chart)
            if outcome.error is None:
                outcome.bodies = _last_list(self.kernel.execute(BUILDER_STATE).text)
        except Exception as err:  # any failure is the participant's error
            outcome.error = _say(err)

    def close(self) -> None:
        """Close the kernel's connection (the kernel keeps running)."""
        if self.kernel is not None:
            self.kernel.close()


def _say(err: Exception) -> str:
    """An error as one line for the table: its kind and message."""
    return str(err) if isinstance(err, ClassroomError) else f"{type(err).__name__}: {err}"


def _output(o: dict) -> dict:
    """An output as nbformat stores it."""
    if o["output_type"] == "error":
        return {k: o[k] for k in ("output_type", "ename", "evalue", "traceback")}
    return o


# ----- what the machine spends ----------------------------------------------------------------


class Sampler(threading.Thread):
    """Samples the memory and CPU of the hub, the proxy and the participants' processes.

    It also notes the CPU the whole machine used, to tell how much other work (not the
    classroom's) competed for the cores during the round: on a shared machine, times grow
    with it. Memory is PSS (proportional set size: a page shared by k processes counts 1/k in each,
    so the sum is what the processes really take); CPU is user + system time. Every process
    seen is remembered, so a kernel that ends still counts for the CPU it used.
    """

    def __init__(self, hub: Hub, users: list[str], interval: float = 0.5):
        super().__init__(daemon=True)
        self.hub, self.interval = hub, interval
        self.uids = {home_of(u).stat().st_uid for u in users}
        self.cpu: dict[tuple[int, float], float] = {}
        self.samples: list[tuple[float, float, float, float, float]] = []  # t, cpu, pss...
        self.marks: dict[str, tuple[float, float]] = {}
        self.machine: dict[str, float] = {}  # CPU the whole machine had used, at each mark
        self._stop_event = threading.Event()
        self._lock = threading.Lock()

    def _ours(self, proc: psutil.Process) -> bool:
        if proc.info["uids"] and proc.info["uids"].real in self.uids:
            return True
        own = {p.pid for p in (self.hub.hub_proc, self.hub.proxy_proc) if p is not None}
        return proc.pid in own

    def sample(self) -> None:
        """Add one sample: CPU used so far and memory now, of every process that counts."""
        pss = {"hub": 0.0, "server": 0.0, "kernel": 0.0}
        for proc in psutil.process_iter(["uids", "cmdline", "create_time"]):
            try:
                if not self._ours(proc):
                    continue
                mem = proc.memory_full_info()
                times = proc.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            cmd = " ".join(proc.info["cmdline"] or [])
            part = (
                "kernel"
                if "ipykernel" in cmd
                else "server"
                if proc.info["uids"].real in self.uids
                else "hub"
            )
            pss[part] += mem.pss / 2**20
            with self._lock:
                self.cpu[(proc.pid, proc.info["create_time"])] = times.user + times.system
        with self._lock:
            total = sum(self.cpu.values())
            self.samples.append((time.monotonic(), total, pss["hub"], pss["server"], pss["kernel"]))

    def mark(self, name: str) -> None:
        """Remember the time and the CPU used so far, to measure a phase from here."""
        self.sample()
        self.marks[name] = self.samples[-1][:2]
        whole = psutil.cpu_times()
        self.machine[name] = sum(whole) - whole.idle - getattr(whole, "iowait", 0.0)

    def run(self) -> None:
        """Sample every ``interval`` seconds until stopped."""
        while not self._stop_event.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        """Stop sampling (after one last sample)."""
        self._stop_event.set()
        self.join(timeout=30)
        self.sample()

    def cpu_between(self, start: str, end: str) -> float:
        """Core-seconds spent between two marks."""
        return self.marks[end][1] - self.marks[start][1]

    def usage(self) -> dict[str, float]:
        """Peak memory (MB, PSS, and its parts), CPU per phase and the busiest 2 s (cores)."""
        peak = max(self.samples, key=lambda s: s[2] + s[3] + s[4])
        busiest = 0.0
        for i, (t, cpu, *_) in enumerate(self.samples):
            j = i
            while j > 0 and t - self.samples[j][0] < 2.0:
                j -= 1
            if t - self.samples[j][0] >= 1.0:
                busiest = max(busiest, (cpu - self.samples[j][1]) / (t - self.samples[j][0]))
        return {
            "peak_memory_mb": peak[2] + peak[3] + peak[4],
            "hub_proxy_mb": peak[2],
            "servers_mb": peak[3],
            "kernels_mb": peak[4],
            "cpu_start_s": self.cpu_between("start", "lesson"),
            "cpu_lesson_s": self.cpu_between("lesson", "end"),
            "peak_cores": busiest,
            "other_cores": max(
                0.0, self.machine["end"] - self.machine["start"] - self.cpu_between("start", "end")
            )
            / (self.marks["end"][0] - self.marks["start"][0]),
        }


# ----- one round: everyone at once ------------------------------------------------------------


@dataclass
class Round:
    """A round at N participants: each one's figures and what the machine spent."""

    users: int
    outcomes: list[Outcome]
    usage: dict[str, float]

    @property
    def errors(self) -> list[str]:
        """Each participant's error, with their name."""
        return [f"{o.user}: {o.error}" for o in self.outcomes if o.error]


def run_round(hub: Hub, students: list[Student]) -> Round:
    """Everyone starts their server at once, then everyone runs the lesson at once."""
    sampler = Sampler(hub, [s.name for s in students])
    sampler.start()
    moments: dict[str, float] = {}

    def release(phase):
        def action():
            sampler.mark(phase)
            moments[phase] = time.monotonic()

        return threading.Barrier(len(students), action=action, timeout=BARRIER_TIMEOUT)

    at_start, at_lesson = release("start"), release("lesson")
    outcomes = [Outcome(s.name) for s in students]

    def work(student: Student, outcome: Outcome) -> None:
        try:
            at_start.wait()
            student.start()
            outcome.server_start_s = time.monotonic() - moments["start"]
        except Exception as err:  # any failure is the participant's error
            outcome.error = f"server start: {_say(err)}"
        try:
            at_lesson.wait()
        except threading.BrokenBarrierError:
            outcome.error = outcome.error or "another participant never got to the lesson"
        if outcome.error:
            return
        try:
            model = student.open_lesson()
            student.run_all(model, moments["lesson"], outcome)
            if outcome.error is None:
                student.change_builder(outcome)
        except Exception as err:
            outcome.error = _say(err)

    _together(work, list(zip(students, outcomes, strict=True)))
    sampler.mark("end")
    sampler.stop()
    return Round(len(students), outcomes, sampler.usage())


def _together(work, jobs, timeout: float = 2 * BARRIER_TIMEOUT + 900) -> None:
    """Run ``work(*job)`` for every job in threads of their own; wait for all (bounded)."""
    threads = [threading.Thread(target=work, args=job, daemon=True) for job in jobs]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    if any(t.is_alive() for t in threads):
        raise ClassroomError(f"participants were still working after {timeout:.0f} s")


# ----- faults mid-session ---------------------------------------------------------------------


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
                self.fault_error = _say(err)
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
            worked[s.name] = _last_list(s.kernel.execute(BUILDER_STATE).text)
        except Exception as err:  # recorded, and reported by problems()
            worked[s.name] = [_say(err)]
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
    back = _last_list(victim.person.run_code(SAVED, cwd_path=FOLDER))
    return ServerStopped(victim.name, outcomes[1:], kept, stopped, on_disk, back)


# ----- the command ----------------------------------------------------------------------------


def _stop_servers(admin: Participant, students: list[Student]) -> None:
    for s in students:
        s.close()
        admin.hub_api("DELETE", f"users/{s.name}/server")
    deadline = time.monotonic() + 120
    for s in students:
        while s.person.server_model() is not None and time.monotonic() < deadline:
            time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    """Run the rounds (and the faults), print the tables, write the CSV and the chart."""
    import load_report  # the table, the CSV and the chart

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--users",
        type=int,
        nargs="+",
        default=[4],
        help="participants at once; several values run one round each",
    )
    parser.add_argument(
        "--faults",
        action="store_true",
        help="after the rounds, kill a kernel, restart the hub, stop a server",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "hub-load")
    parser.add_argument(
        "--course-env",
        type=Path,
        default=Path(os.environ.get("HUB_COURSE_ENV", "/var/cache/alliance-course/hub-test-env")),
    )
    args = parser.parse_args(argv)
    reasons = why_not_runnable()
    if reasons:
        print("load driver cannot run here: " + "; ".join(reasons), file=sys.stderr)
        return 2
    if min(args.users) < 1 or (args.faults and max(args.users) < 3):
        print("--users must be 1 or more (3 or more with --faults)", file=sys.stderr)
        return 2

    tag = secrets.token_hex(2)
    teacher = f"lt{tag}teach"
    users = [f"lt{tag}s{i}" for i in range(1, max(args.users) + 1)]
    workspace, hub, made = Workspace.create(), None, []
    rounds, failures = [], []
    try:
        print(f"building the course environment in {args.course_env} ...", flush=True)
        build_course_env(args.course_env)
        for name in [teacher, *users]:
            create_user(name)
            made.append(name)
        hub = Hub(workspace, args.course_env, [teacher], users).start()
        admin = hub.participant(teacher)
        students = [Student(hub, u) for u in users]
        for n in args.users:
            group = students[:n]
            for s in group:
                hand_out_lessons(s.name)
            print(
                f"\n{n} participant(s): start, Run All on {LESSON}, one builder change ...",
                flush=True,
            )
            result = run_round(hub, group)
            rounds.append(result)
            print(load_report.round_table(result))
            failures += result.errors
            if args.faults and n == max(args.users):
                failures += _faults(hub, admin, group)
            _stop_servers(admin, group)
        csv_path = load_report.append_csv(args.out / "hub-load.csv", rounds)
        svg_path = load_report.write_chart(csv_path, args.out / "hub-load.svg")
        print("\n" + load_report.summary(rounds))
        print(f"\nwrote {csv_path} and {svg_path}")
    except ClassroomError as err:
        failures.append(str(err))
    finally:
        if hub is not None:
            hub.close()
            args.out.mkdir(parents=True, exist_ok=True)
            shutil.copy(hub.log, args.out / "hub.log")
        remove_users(*made)
        workspace.remove()
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _faults(hub: Hub, admin: Participant, group: list[Student]) -> list[str]:
    found = []
    print("\nfaults mid-session:", flush=True)
    killed = kernel_killed(group[0])
    print(
        f"  kernel killed during Run All: {killed.interrupted}; after the restart the "
        f"builder has {killed.rerun.bodies}"
    )
    found += killed.problems()
    # The first participant is the killed kernel's alone: the later faults do not need it.
    rest = group[1:]
    restarted = hub_restarted(hub, rest)
    print(
        f"  hub stopped while {len(rest)} worked, up again after "
        f"{restarted.downtime_s:.1f} s: runs finished with the hub down "
        f"{sum(restarted.finished_while_down.values())}/{len(rest)}, kernels kept "
        f"{sum(restarted.kernels_kept.values())}/{len(rest)}"
    )
    found += restarted.problems()
    hub.ensure_running()
    stopped = server_stopped(hub, admin, rest[-1], rest[:-1])
    print(
        f"  {stopped.victim}'s server stopped by the admin API: others finished "
        f"{sum(o.error is None for o in stopped.others)}/{len(stopped.others)}; its design "
        f"came back with {stopped.after_restart}"
    )
    found += stopped.problems()
    print("  nothing lost" if not found else "  PROBLEMS: " + "; ".join(found))
    return found


if __name__ == "__main__":
    sys.exit(main())
