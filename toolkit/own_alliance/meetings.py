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

__all__ = ["MEETING_HOUR", "calendar_ics"]

MEETING_HOUR = 10


def calendar_ics(alliance: Alliance, year_from: str) -> bytes:
    """The alliance's meetings for the year from ``year_from`` (``YYYY-MM-DD``) as ``.ics``."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//alliance-masterclass//own alliance charter//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{alliance.name}: governance meetings")
    stamp = dt.datetime.combine(dt.date.fromisoformat(year_from), dt.time(0, 0), dt.UTC)
    for row in meeting_calendar(alliance.meetings, year_from):
        day = dt.date.fromisoformat(row["date"])
        start = dt.datetime.combine(day, dt.time(MEETING_HOUR, 0))
        key = f"{alliance.name}|{row['body']}|{row['date']}".encode()
        event = Event()
        event.add("uid", hashlib.sha1(key).hexdigest() + "@own-alliance")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=int(row["minutes"])))
        event.add("summary", f"{alliance.name}: {row['body']}")
        event.add("description", f"{row['body']} of {alliance.name}, as the charter sets out.")
        cal.add_component(event)
    return cal.to_ical()
