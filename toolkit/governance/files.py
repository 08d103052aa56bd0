"""Reading and writing governance designs (``alliance-governance/1`` JSON files).

A file that is not valid JSON, lacks a required key or holds a value of the wrong type fails
with one exception, :class:`DesignError`, whose message names the file, the place in it
(``bodies[1].members[0].role``) and what was expected. Unknown keys are kept on load and
written back on save, in their place, so a design round-trips exactly.

Examples
--------
>>> text = '''{"format": "alliance-governance/1", "alliance": "A + B",
...            "partners": ["A", "B"], "bodies": [], "colour": "teal"}'''
>>> design = loads(text)
>>> design.partners, design.extra
(['A', 'B'], {'colour': 'teal'})
>>> list(to_dict(design))
['format', 'alliance', 'partners', 'bodies', 'colour']
>>> loads('{"format": "alliance-governance/1", "alliance": "A + B", "partners": ["A", "B"],'
...       ' "bodies": [{"id": "jsc", "name": "JSC", "tier": "board", "meets_every_days": 90,'
...       ' "members": [], "decides": []}]}', name="team.json")
Traceback (most recent call last):
...
toolkit.governance.files.DesignError: team.json: bodies[0].tier: expected one of steering, \
management, operational; got 'board'
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from toolkit.governance.model import FORMAT, ROLES, TIERS, Body, Design, Member
from toolkit.ui.saved import save_json

__all__ = ["DesignError", "dumps", "from_dict", "load", "loads", "save", "to_dict"]


class DesignError(ValueError):
    """A governance file that cannot be read: names the file, the place and what was expected.

    Attributes
    ----------
    file : str
        The file's name (or the name given for text, ``<string>`` by default).
    place : str
        Where the first problem is, such as ``bodies[1].members[0].role``.
    expected : str
        What should have been there.
    problems : list of tuple
        Every problem found, ``(place, expected, got)``, in file order.
    """

    def __init__(self, file: str, problems: list[tuple[str, str, str]]):
        self.file = file
        self.problems = list(problems)
        self.place, self.expected, got = self.problems[0]
        msg = f"{file}: {self.place}: expected {self.expected}"
        if got:
            msg += f"; got {got}"
        if len(self.problems) > 1:
            rest = "; ".join(f"{p}: expected {e}" for p, e, _ in self.problems[1:4])
            more = len(self.problems) - 4
            tail = f"; and {more} more" if more > 0 else ""
            msg += f" (also {rest}{tail})"
        super().__init__(msg)


_MEMBER_KEYS = ("name", "partner", "role")
_BODY_KEYS = ("id", "name", "tier", "meets_every_days", "members", "decides")
_TOP_KEYS = ("format", "alliance", "partners", "bodies")


def _shown(value) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, float):
        return f"{value} (a fraction)" if not value.is_integer() else f"{value} (a decimal)"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Reader:
    """Turns parsed JSON into a :class:`Design`, collecting every problem in file order."""

    def __init__(self):
        self.problems: list[tuple[str, str, str]] = []

    def bad(self, place: str, expected: str, value=None, *, missing: bool = False):
        self.problems.append(
            (place, expected, "nothing (the key is missing)" if missing else _shown(value))
        )

    def text(self, place, value, *, null_ok=False):
        if value is None and null_ok:
            return None
        if not isinstance(value, str):
            self.bad(place, "a text (in double quotes)" + (" or null" if null_ok else ""), value)
            return None
        return value

    def whole(self, place, value, *, least: int, null_ok=False):
        if value is None and null_ok:
            return None
        kind = f"a whole number of days, {least} or more" + (" (or null)" if null_ok else "")
        if not _is_int(value) or value < least:
            self.bad(place, kind, value)
            return None
        return value

    def choice(self, place, value, options):
        if value not in options or not isinstance(value, str):
            self.bad(place, "one of " + ", ".join(options), value)
            return None
        return value

    def texts(self, place, value):
        if not isinstance(value, list):
            self.bad(place, "a list of texts", value)
            return []
        return [self.text(f"{place}[{i}]", v) for i, v in enumerate(value)]

    def objects(self, place, value):
        if not isinstance(value, list):
            self.bad(place, "a list of objects", value)
            return []
        out = []
        for i, v in enumerate(value):
            if isinstance(v, dict):
                out.append((f"{place}[{i}]", v))
            else:
                self.bad(f"{place}[{i}]", "an object ({...})", v)
        return out

    def require(self, place, data, required):
        for key in required:
            if key not in data:
                where = f"{place}.{key}" if place else key
                self.bad(where, f"the required key {key!r}", missing=True)

    def member(self, place, data) -> Member:
        fields, extra = {}, {}
        for key, value in data.items():
            where = f"{place}.{key}"
            if key in ("name", "partner"):
                fields[key] = self.text(where, value)
            elif key == "role":
                fields[key] = self.choice(where, value, ROLES)
            elif key == "function":
                fields[key] = self.text(where, value, null_ok=True)
            else:
                extra[key] = value
        self.require(place, data, _MEMBER_KEYS)
        return Member(
            name=fields.get("name"),
            partner=fields.get("partner"),
            role=fields.get("role"),
            function=fields.get("function"),
            extra=extra,
            keys=tuple(data),
        )

    def body(self, place, data) -> Body:
        fields, extra = {"members": [], "decides": []}, {}
        for key, value in data.items():
            where = f"{place}.{key}"
            if key in ("id", "name"):
                fields[key] = self.text(where, value)
            elif key == "tier":
                fields[key] = self.choice(where, value, TIERS)
            elif key == "meets_every_days":
                fields[key] = self.whole(where, value, least=1)
            elif key == "members":
                fields[key] = [self.member(p, m) for p, m in self.objects(where, value)]
            elif key == "decides":
                fields[key] = self.texts(where, value)
            elif key == "escalates_to":
                fields[key] = self.text(where, value, null_ok=True)
            elif key == "escalation_days":
                fields[key] = self.whole(where, value, least=0, null_ok=True)
            else:
                extra[key] = value
        self.require(place, data, _BODY_KEYS)
        return Body(
            **{k: fields.get(k) for k in ("id", "name", "tier", "meets_every_days")},
            members=fields["members"],
            decides=fields["decides"],
            escalates_to=fields.get("escalates_to"),
            escalation_days=fields.get("escalation_days"),
            extra=extra,
            keys=tuple(data),
        )

    def design(self, data) -> Design:
        if not isinstance(data, dict):
            self.bad("(top level)", "a JSON object ({...}) in format " + FORMAT, data)
            return None
        if "format" in data and data["format"] != FORMAT:
            # another format is refused outright: its other keys may mean something else
            self.bad("format", f"{FORMAT!r} (this course reads only that format)", data["format"])
            return None
        fields, extra = {"partners": [], "bodies": []}, {}
        for key, value in data.items():
            if key == "format":
                continue
            if key == "alliance":
                fields[key] = self.text(key, value)
            elif key == "partners":
                fields[key] = self.texts(key, value)
            elif key == "bodies":
                fields[key] = [self.body(p, b) for p, b in self.objects(key, value)]
            else:
                extra[key] = value
        self.require("", data, _TOP_KEYS)
        return Design(
            alliance=fields.get("alliance"),
            partners=fields["partners"],
            bodies=fields["bodies"],
            format=FORMAT,
            extra=extra,
            keys=tuple(data),
        )


def from_dict(data, *, name: str = "<string>") -> Design:
    """Build a :class:`Design` from parsed JSON; :class:`DesignError` if it is not one.

    Parameters
    ----------
    data : dict
        The parsed JSON document.
    name : str, optional
        How to name the source in error messages (a file name, for example).

    Returns
    -------
    Design
        The design, with unknown keys kept in each ``extra``.
    """
    reader = _Reader()
    design = reader.design(data)
    if reader.problems:
        raise DesignError(name, reader.problems)
    return design


def loads(text: str, name: str = "<string>") -> Design:
    """Read a design from JSON text; errors name ``name`` (``<string>`` by default)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        place = f"line {err.lineno}, column {err.colno}"
        raise DesignError(name, [(place, f"valid JSON ({err.msg})", "")]) from None
    return from_dict(data, name=name)


def load(path: str | os.PathLike) -> Design:
    """Read a design from a JSON file; :class:`DesignError` names the file if it is bad."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DesignError(path.name, [("(file)", f"a file at {path}", "no such file")]) from None
    except UnicodeDecodeError:
        raise DesignError(path.name, [("(file)", "UTF-8 text", "binary data")]) from None
    return loads(text, name=path.name)


def _ordered(known: dict, optional: dict, extra: dict, keys: tuple | None) -> dict:
    """Known keys, optional keys (when set or in the original file) and extras, in file order."""
    out = dict(known)
    for key, value in optional.items():
        if value is not None or keys is None or key in keys:
            out[key] = value
    out.update(extra)
    if keys:
        position = {key: i for i, key in enumerate(keys)}
        out = dict(sorted(out.items(), key=lambda kv: position.get(kv[0], len(position))))
    return out


def _member_dict(m: Member) -> dict:
    optional = {"function": m.function}
    if m.keys is None and m.function is None:
        optional = {}
    return _ordered(
        {"name": m.name, "partner": m.partner, "role": m.role}, optional, m.extra, m.keys
    )


def _body_dict(b: Body) -> dict:
    known = {
        "id": b.id,
        "name": b.name,
        "tier": b.tier,
        "meets_every_days": b.meets_every_days,
        "members": [_member_dict(m) for m in b.members],
        "decides": list(b.decides),
    }
    optional = {"escalates_to": b.escalates_to, "escalation_days": b.escalation_days}
    return _ordered(known, optional, b.extra, b.keys)


def to_dict(design: Design) -> dict:
    """The design as the JSON-ready dict of its file (unknown keys included, in file order)."""
    known = {
        "format": design.format,
        "alliance": design.alliance,
        "partners": list(design.partners),
        "bodies": [_body_dict(b) for b in design.bodies],
    }
    return _ordered(known, {}, design.extra, design.keys)


def dumps(design: Design) -> str:
    """The design as indented JSON text."""
    return json.dumps(to_dict(design), indent=2, ensure_ascii=False)


def save(design: Design, path: str | os.PathLike) -> None:
    """Write the design to ``path`` as JSON (atomically: a crash never leaves half a file)."""
    save_json(path, to_dict(design))
