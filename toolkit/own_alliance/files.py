"""The participant's alliance saved and loaded (JSON), and everything taken home written at once.

The alliance is saved as ``my-alliance.json`` in the participant's own folder (format
``own-alliance/1``), so nothing typed is lost when the kernel restarts; a file that cannot be
read gives an error naming the file, the place and what was expected.
:func:`write_take_home` writes the charter, the spreadsheet with the figures and the
scorecard, the meeting calendar and the saved alliance into one folder.

Examples
--------
>>> from toolkit.own_alliance.model import Alliance, Partner
>>> alliance = Alliance("Kite + Harbour", [Partner("Kite", brings="data platform")])
>>> from_dict(to_dict(alliance)) == alliance
True
>>> from_dict({"format": "own-alliance/1", "name": "X", "partners": [{"nam": "Kite"}]})
Traceback (most recent call last):
...
toolkit.own_alliance.files.AllianceFileError: <dict>, partners[0]: ...
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from toolkit.governance import from_dict as design_from_dict
from toolkit.governance import to_dict as design_to_dict
from toolkit.own_alliance.model import (
    Action,
    Alliance,
    EscalationStep,
    Measure,
    Meeting,
    Partner,
    PlanGoal,
)

__all__ = [
    "FORMAT",
    "TAKE_HOME",
    "AllianceFileError",
    "from_dict",
    "load",
    "save",
    "to_dict",
    "write_take_home",
]

FORMAT = "own-alliance/1"
#: the files :func:`write_take_home` writes, by what they are
TAKE_HOME = {
    "charter": "alliance-charter.html",
    "spreadsheet": "my-alliance.xlsx",
    "calendar": "alliance-meetings.ics",
    "saved": "my-alliance.json",
}


class AllianceFileError(ValueError):
    """A saved alliance that cannot be read: the message names the file, place and expectation."""


def to_dict(alliance: Alliance) -> dict:
    """The alliance as plain JSON-ready data."""
    data = {"format": FORMAT}
    for f in dataclasses.fields(alliance):
        value = getattr(alliance, f.name)
        if f.name == "design":
            data[f.name] = None if value is None else design_to_dict(value)
        elif dataclasses.is_dataclass(value):
            data[f.name] = dataclasses.asdict(value)
        elif isinstance(value, list):
            data[f.name] = [
                dataclasses.asdict(v) if dataclasses.is_dataclass(v) else dict(v) for v in value
            ]
        else:
            data[f.name] = json.loads(json.dumps(value))
    return data


_LISTS = {
    "partners": Partner,
    "measures": Measure,
    "actions": Action,
    "escalation": EscalationStep,
    "meetings": Meeting,
}


def _build(kind, data, where: str, name: str):
    if not isinstance(data, dict):
        msg = f"{name}, {where}: expected an object {{...}}, got {type(data).__name__}"
        raise AllianceFileError(msg)
    try:
        return kind(**data)
    except TypeError as err:
        fields = ", ".join(f.name for f in dataclasses.fields(kind))
        msg = f"{name}, {where}: {err}; the keys are: {fields}"
        raise AllianceFileError(msg) from None


def from_dict(data, *, name: str = "<dict>") -> Alliance:
    """An alliance from :func:`to_dict`'s data (an :class:`AllianceFileError` names the place)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        got = data.get("format") if isinstance(data, dict) else type(data).__name__
        msg = f"{name}: expected a saved alliance (format {FORMAT!r}), got {got!r}"
        raise AllianceFileError(msg)
    if not isinstance(data.get("name"), str):
        msg = f"{name}, name: expected the alliance's name as text, got {data.get('name')!r}"
        raise AllianceFileError(msg)
    values = {"name": data["name"], "stage": data.get("stage", "launch")}
    for key, kind in _LISTS.items():
        items = data.get(key) or []
        if not isinstance(items, list):
            msg = f"{name}, {key}: expected a list, got {type(items).__name__}"
            raise AllianceFileError(msg)
        values[key] = [_build(kind, item, f"{key}[{i}]", name) for i, item in enumerate(items)]
    for key in ("figures", "raci"):
        value = data.get(key) or {}
        if not isinstance(value, dict):
            msg = f"{name}, {key}: expected an object {{...}}, got {type(value).__name__}"
            raise AllianceFileError(msg)
        values[key] = value
    survey = data.get("survey") or []
    if not isinstance(survey, list) or not all(isinstance(a, dict) for a in survey):
        msg = f"{name}, survey: expected a list of answers, each an object {{...}}"
        raise AllianceFileError(msg)
    values["survey"] = survey
    goal = data.get("goal")
    values["goal"] = None if goal is None else _build(PlanGoal, goal, "goal", name)
    design = data.get("design")
    if design is not None:
        try:
            values["design"] = design_from_dict(design, name=f"{name}, design")
        except ValueError as err:
            raise AllianceFileError(str(err)) from None
    return Alliance(**values)


def save(alliance: Alliance, path: str | os.PathLike) -> Path:
    """Save the alliance as JSON at ``path`` (folders made as needed); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_dict(alliance), indent=1, ensure_ascii=False)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)  # never half a file, even if the kernel stops while writing
    return path


def load(path: str | os.PathLike) -> Alliance:
    """Load an alliance saved by :func:`save`; errors name the file and the place."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        msg = f"{path}: no such file; save the alliance first"
        raise AllianceFileError(msg) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        msg = f"{path}: not a saved alliance (not readable JSON: {err})"
        raise AllianceFileError(msg) from None
    return from_dict(data, name=str(path))


def write_take_home(
    alliance: Alliance, folder: str | os.PathLike, *, year_from: str, pair=None
) -> dict:
    """Write everything the participant takes home into ``folder`` (their own).

    The charter (HTML for A4 and Letter), the spreadsheet with the figures and the scorecard
    (load it again next quarter), the year's meetings as a calendar file and the saved
    alliance. ``year_from`` (``YYYY-MM-DD``) is the first day of the meeting calendar;
    ``pair`` the leading and lagging measure of the lag reading (default: the first of each).

    Returns
    -------
    dict
        What each file is (:data:`TAKE_HOME`'s keys) -> its path.
    """
    from toolkit.own_alliance.analysis import own_scorecard
    from toolkit.own_alliance.charter import charter_html
    from toolkit.own_alliance.meetings import calendar_ics
    from toolkit.own_alliance.spreadsheet import write_template

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {key: folder / name for key, name in TAKE_HOME.items()}
    paths["charter"].write_text(
        charter_html(alliance, year_from=year_from, pair=pair), encoding="utf-8"
    )
    write_template(alliance, paths["spreadsheet"], scorecard=own_scorecard(alliance))
    paths["calendar"].write_bytes(calendar_ics(alliance, year_from))
    save(alliance, paths["saved"])
    return paths
