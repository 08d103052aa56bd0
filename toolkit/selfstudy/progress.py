"""A student's own record of progress: which exercises were tried and which passed their checks.

The record is one small JSON file on the student's machine (nothing leaves it):
``~/.alliance-course/progress.json``, or ``$ALLIANCE_COURSE_HOME/progress.json`` when that
variable is set. It survives kernel restarts and is written atomically, so a crash never
leaves half a file. A status only moves forward: ``not started`` → ``attempted`` →
``checks passed`` (a later failed attempt does not undo a pass).

Examples
--------
>>> import os, tempfile
>>> os.environ["ALLIANCE_COURSE_HOME"] = tempfile.mkdtemp()
>>> record("start.first-revenue-month", passed=False)
'attempted'
>>> record("start.first-revenue-month", passed=True)
'checks passed'
>>> status_of("start.first-revenue-month"), status_of("never.tried")
('checks passed', 'not started')
>>> del os.environ["ALLIANCE_COURSE_HOME"]
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from toolkit.ui.saved import load_saved, save_json

__all__ = [
    "ATTEMPTED",
    "NOT_STARTED",
    "PASSED",
    "load",
    "on_change",
    "progress_file",
    "record",
    "status_of",
]

NOT_STARTED = "not started"
ATTEMPTED = "attempted"
PASSED = "checks passed"
_RANK = {NOT_STARTED: 0, ATTEMPTED: 1, PASSED: 2}
_listeners: list = []


def on_change(callback) -> None:
    """Call ``callback(exercise, status)`` after every :func:`record` in this kernel."""
    _listeners.append(callback)


def progress_file() -> Path:
    """Where the progress record lives (see the module docstring)."""
    home = os.environ.get("ALLIANCE_COURSE_HOME") or Path.home() / ".alliance-course"
    return Path(home) / "progress.json"


def load() -> dict[str, dict]:
    """The whole record: exercise id -> ``{"status", "attempts", "updated"}``.

    A missing file counts as an empty record; a file that cannot be used is kept aside as
    ``progress.json.damaged`` rather than overwritten (see :func:`toolkit.ui.saved.load_saved`).
    """
    record, _problem = load_saved(progress_file(), _parse, {})
    return record


def _parse(content) -> dict:
    if not isinstance(content, dict) or not all(isinstance(v, dict) for v in content.values()):
        msg = "expected exercise ids with their status"
        raise ValueError(msg)
    return content


def status_of(exercise: str) -> str:
    """``'not started'``, ``'attempted'`` or ``'checks passed'``."""
    return load().get(exercise, {}).get("status", NOT_STARTED)


def record(exercise: str, *, passed: bool) -> str:
    """Note one run of an exercise's checks and return the exercise's new status."""
    data = load()
    entry = data.get(exercise, {"status": NOT_STARTED, "attempts": 0})
    new = PASSED if passed else ATTEMPTED
    if _RANK[new] > _RANK.get(entry.get("status"), 0):
        entry["status"] = new
    entry["attempts"] = int(entry.get("attempts", 0)) + 1
    entry["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
    data[exercise] = entry
    save_json(progress_file(), data)
    for callback in list(_listeners):
        callback(exercise, entry["status"])
    return entry["status"]
