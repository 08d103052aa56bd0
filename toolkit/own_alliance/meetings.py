"""The year's governance meetings as a calendar file (``.ics``, RFC 5545, via ``icalendar``).

Each meeting of :func:`toolkit.own_alliance.model.meeting_calendar` becomes one event at
10:00 local time (a *floating* time: every calendar shows it at 10:00 wherever it is opened),
with a stable id, so importing the file again next year updates rather than duplicates.

Examples
--------
>>> from toolkit.own_alliance.model import Alliance, Meeting
>>> alliance = Alliance("Kite + Harbour",
...                     meetings=[Meeting("Steering committee", 91, "2027-01-11")])
>>> text = calendar_ics(alliance, "2027-01-01").decode()
>>> text.count("BEGIN:VEVENT"), "SUMMARY:Kite + Harbour: Steering committee" in text
(4, True)
"""

from __future__ import annotations

import datetime as dt
import hashlib

from toolkit.own_alliance.model import Alliance, meeting_calendar

__all__ = ["MEETING_HOUR", "calendar_ics", "ical_calendar"]

MEETING_HOUR = 10


def calendar_ics(alliance: Alliance, year_from: str) -> bytes:
    """The alliance's meetings for the year from ``year_from`` (``YYYY-MM-DD``) as ``.ics``.

    Exactly what ``icalendar`` writes for :func:`ical_calendar` (``Calendar.to_ical()``), with
    less work. ``icalendar`` writes the calendar with one event per body; a body's other
    meetings differ from its event only in their start, end and id, whose lines are made from
    ``icalendar``'s own value types (a year of weekly meetings is some sixty events).
    """
    from icalendar import vDDDTypes, vText

    rows = meeting_calendar(alliance.meetings, year_from)
    firsts = {}
    for row in rows:
        firsts.setdefault(row["body"], row)
    written = _content_lines(ical_calendar(alliance, year_from, list(firsts.values())))
    starts = [n for n, line in enumerate(written) if line == b"BEGIN:VEVENT"]
    events = {  # each body's one event, as icalendar wrote it
        body: written[at : written.index(b"END:VEVENT", at) + 1]
        for body, at in zip(firsts, starts, strict=True)
    }
    out = written[: starts[0]] if starts else written[:-1]  # the calendar's own lines
    for row in rows:
        start, end, uid = _when(alliance, row)
        changed = {
            b"DTSTART": vDDDTypes(start).to_ical(),
            b"DTEND": vDDDTypes(end).to_ical(),
            b"UID": vText(uid).to_ical(),
        }
        event = [_with(line, changed) for line in events[row["body"]]]
        if None in event:  # a line that is not a plain NAME:value as expected: icalendar's way
            return _lines(ical_calendar(alliance, year_from))
        out.extend(event)
    out.append(b"END:VCALENDAR")
    return b"\r\n".join(out) + b"\r\n"


def _with(line: bytes, changed: dict[bytes, bytes]) -> bytes | None:
    """The event's ``line``, or the line of a property ``changed`` gives a new value.

    ``None`` where that property's line has parameters or would be long enough to fold.
    """
    name = line.split(b":", 1)[0].split(b";", 1)[0]
    if name not in changed:
        return line
    new = name + b":" + changed[name]
    return new if line.startswith(name + b":") and len(new) < 75 else None


def _when(alliance: Alliance, row: dict) -> tuple[dt.datetime, dt.datetime, str]:
    """A meeting's start and end (floating local time) and its stable id."""
    start = dt.datetime.combine(dt.date.fromisoformat(row["date"]), dt.time(MEETING_HOUR, 0))
    key = f"{alliance.name}|{row['body']}|{row['date']}".encode()
    end = start + dt.timedelta(minutes=int(row["minutes"]))
    return start, end, hashlib.sha1(key).hexdigest() + "@own-alliance"


def ical_calendar(alliance: Alliance, year_from: str, rows: list[dict] | None = None):
    """The year's meetings as an ``icalendar.Calendar``: one event a meeting.

    ``rows`` are the meetings (by default all of :func:`meeting_calendar`'s for the year).
    The values every event shares (the stamp, each body's summary and description) are made
    once and set on each event, not made again for every meeting.
    """
    from icalendar import Calendar, Event, vDDDTypes, vText

    cal = Calendar()
    cal.add("prodid", "-//alliance-masterclass//own alliance charter//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{alliance.name}: governance meetings")
    day = dt.date.fromisoformat(year_from)
    stamp = vDDDTypes(dt.datetime.combine(day, dt.time(0, 0), dt.UTC))
    texts: dict[str, tuple] = {}
    if rows is None:
        rows = meeting_calendar(alliance.meetings, year_from)
    for row in rows:
        body = row["body"]
        if body not in texts:
            texts[body] = (
                vText(f"{alliance.name}: {body}"),
                vText(f"{body} of {alliance.name}, as the charter sets out."),
            )
        start, end, uid = _when(alliance, row)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", texts[body][0])
        event.add("description", texts[body][1])
        cal.add_component(event)
    return cal


def _content_lines(cal) -> list[bytes]:
    """The lines of ``cal.to_ical()``, folding only the lines that need it.

    ``icalendar`` folds every content line character by character (RFC 5545 asks lines of
    75 octets or more to be folded); a line shorter than that comes out as it is, so only
    the longer lines go through ``icalendar``'s folding.
    """
    out = []
    for line in cal.content_lines():
        if line:
            octets = line.encode("utf-8")
            out.append(octets if len(octets) < 75 else line.to_ical())
    return out


def _lines(cal) -> bytes:
    """``cal.to_ical()`` (see :func:`_content_lines`)."""
    return b"\r\n".join(_content_lines(cal)) + b"\r\n"
