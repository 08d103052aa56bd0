"""The load scenario: participants start their servers, then run lesson 02 at the same moment.

Each participant (:class:`Student`) signs in, starts a server and opens JupyterLab, then opens
lesson 02 through the contents API and runs its own cells in its kernel over the WebSocket, as
JupyterLab does; the notebook is saved with its outputs and the participant makes one change
in the governance builder. :func:`run_round` does it for everyone at once (barriers), with a
:class:`~hubload.sampler.Sampler` watching the machine, and returns each one's
:class:`Outcome`.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from classroom import (
    ROOT,
    SPAWN_TIMEOUT,
    ClassroomError,
    Hub,
    Kernel,
    KernelLost,
    Participant,
    home_of,
    run,
)

from hubload.sampler import Sampler

__all__ = [
    "BARRIER_TIMEOUT",
    "BUILDER_STATE",
    "CHANGE_BODY",
    "FOLDER",
    "LESSON",
    "SAVED",
    "Outcome",
    "Round",
    "Student",
    "hand_out_lessons",
    "last_list",
    "run_round",
    "saved_bodies",
    "say",
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


def last_list(text: str) -> list[str]:
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
        outcome.bodies = last_list(result.text)
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
                outcome.bodies = last_list(self.kernel.execute(BUILDER_STATE).text)
        except Exception as err:  # any failure is the participant's error
            outcome.error = say(err)

    def close(self) -> None:
        """Close the kernel's connection (the kernel keeps running)."""
        if self.kernel is not None:
            self.kernel.close()


def say(err: Exception) -> str:
    """An error as one line for the table: its kind and message."""
    return str(err) if isinstance(err, ClassroomError) else f"{type(err).__name__}: {err}"


def _output(o: dict) -> dict:
    """An output as nbformat stores it."""
    if o["output_type"] == "error":
        return {k: o[k] for k in ("output_type", "ename", "evalue", "traceback")}
    return o


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
            outcome.error = f"server start: {say(err)}"
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
            outcome.error = say(err)

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
