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

    Exactly what ``icalendar`` writes for :func:`meeting_calendar`'s calendar
    (``Calendar.to_ical()``), with less work: see :func:`_lines`.
    """
    return _lines(ical_calendar(alliance, year_from))


def ical_calendar(alliance: Alliance, year_from: str):
    """The year's meetings as an ``icalendar.Calendar``: one event a meeting.

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
    for row in meeting_calendar(alliance.meetings, year_from):
        body = row["body"]
        if body not in texts:
            texts[body] = (
                vText(f"{alliance.name}: {body}"),
                vText(f"{body} of {alliance.name}, as the charter sets out."),
            )
        start = dt.datetime.combine(dt.date.fromisoformat(row["date"]), dt.time(MEETING_HOUR, 0))
        key = f"{alliance.name}|{body}|{row['date']}".encode()
        event = Event()
        event.add("uid", hashlib.sha1(key).hexdigest() + "@own-alliance")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=int(row["minutes"])))
        event.add("summary", texts[body][0])
        event.add("description", texts[body][1])
        cal.add_component(event)
    return cal


def _lines(cal) -> bytes:
    """``cal.to_ical()``, folding only the lines that need it.

    ``icalendar`` folds every content line character by character (RFC 5545 asks lines of
    75 octets or more to be folded); a line shorter than that comes out as it is, so only
    the longer lines go through ``icalendar``'s folding.
    """
    out = []
    for line in cal.content_lines():
        if line:
            octets = line.encode("utf-8")
            out.append(octets if len(octets) < 75 else line.to_ical())
    return b"\r\n".join(out) + b"\r\n"
