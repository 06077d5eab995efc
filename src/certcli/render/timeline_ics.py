"""`certcli timeline --format ics`: an RFC 5545 calendar (the icalendar package).

The same data file always gives the same bytes:

* UID: `EVENT-ID@ELECTION-ID.certcli`.
* DTSTAMP: the election day at 00:00 UTC (it must be a UTC date-time, and the
  data carries no creation time).
* PRODID: `-//certcli//certcli//EN`, without a version, so that a new release
  does not change the output.
* No status, no as-of date, nothing that depends on today.
* Text from the data file shows its control and bidi characters spelled out
  (`visible`), as calendar programs show these fields to people.

All-day events are DATE values with DTEND the day after (for a span, the day
after its end). An event with a time is a DATE-TIME with a TZID and the
VTIMEZONE for it; a single-date event with a time lasts TIMED_EVENT_LENGTH, so
that calendars do not draw it as a block of no height. In a span where only
one end has a time, the other is taken as a whole day: a start without time
starts at 00:00, an end without time ends at 00:00 the day after.

SEQUENCE is derived from the event's own properties (a hash), so that an event
whose date, time, title or description was edited carries another SEQUENCE
and a calendar that imports the file again sees a revision of it.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from certcli.calendar.rules import ResolvedEvent
from certcli.core.text import visible
from certcli.figures.timeline import TimelineReport
from certcli.render.timeline_table import obtained

PRODID = "-//certcli//certcli//EN"
# How long a single-date event with a time (a 17:00 deadline) is shown.
TIMED_EVENT_LENGTH = timedelta(hours=1)


def uid(event_id: str, election_id: str) -> str:
    return f"{event_id}@{election_id}.certcli"


def dtstamp(election_day: date) -> datetime:
    return datetime.combine(election_day, time(0, 0), tzinfo=timezone.utc)


def sequence(content: bytes) -> int:
    """A SEQUENCE number (0 to 2**31 - 1) that changes when the content does."""
    return int.from_bytes(hashlib.sha256(content).digest()[:4], "big") >> 1


def _description(event: ResolvedEvent, sources: dict[str, str]) -> str:
    model = event.event
    lines = [f"Kind: {model.kind.value}"]
    if event.is_span:
        lines.append(f"Start: {obtained(event.start)}")
        lines.append(f"End: {obtained(event.end)}")
    else:
        lines.append(f"Date: {obtained(event.start)}")
    if model.deadline is not None:
        lines.append(f"Deadline: {model.deadline}")
    if model.after:
        lines.append(f"After: {', '.join(model.after)}")
    for source in model.sources:
        lines.append(f"Source: {sources.get(source, source)} ({source})")
    if model.citation:
        lines.append(f"Citation: {model.citation}")
    if model.note:
        lines.append(f"Note: {' '.join(model.note.split())}")
    return "\n".join(lines)


def _times(event: ResolvedEvent) -> tuple[date | datetime, date | datetime]:
    """DTSTART and DTEND as the module docstring describes."""
    start_time, end_time = event.time("start"), event.time("end")
    start_day, end_day = event.day("start"), event.day("end")
    if start_time is None and end_time is None:
        return start_day, end_day + timedelta(days=1)
    if not event.is_span:
        start = event.moment("start")
        # An hour of elapsed time, not of wall-clock time: 01:30 EDT on the
        # night the clocks go back ends at 01:30 EST, not at 02:30 EST.
        elapsed = start.astimezone(timezone.utc) + TIMED_EVENT_LENGTH
        return start, elapsed.astimezone(event.zone)
    zone = event.zone
    start = datetime.combine(start_day, start_time or time(0, 0), tzinfo=zone)
    end = (
        event.moment("end")
        if end_time is not None
        else datetime.combine(end_day + timedelta(days=1), time(0, 0), tzinfo=zone)
    )
    return start, end


def _unambiguous(value: date | datetime) -> date | datetime:
    """A local time that happens twice, as UTC when it is the second: a TZID
    time means the first occurrence (RFC 5545, 3.3.5)."""
    if not isinstance(value, datetime) or value.fold == 0 or value.tzinfo is None:
        return value
    if value.replace(fold=0).utcoffset() == value.utcoffset():
        return value
    return value.astimezone(timezone.utc)


def render(report: TimelineReport) -> bytes:
    from icalendar import Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property is written raw unless given a type: as TEXT, its ; , \
    # are escaped like SUMMARY's (RFC 5545 3.3.11).
    calendar.add("x-wr-calname", vText(visible(report.title)))
    calendar.add("x-wr-timezone", report.timezone)
    stamp = dtstamp(report.election_day)
    first: date | None = None
    last: date | None = None
    for status in report.events:
        event = status.event
        start, end = (_unambiguous(value) for value in _times(event))
        entry: Any = Event()
        entry.add("uid", uid(event.id, report.election_id))
        entry.add("dtstamp", stamp)
        entry.add("summary", visible(event.event.title))
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("categories", [event.event.kind.value])
        entry.add(
            "description",
            visible(_description(event, report.sources), keep_newlines=True),
        )
        entry.add("transp", "TRANSPARENT")
        entry.add("sequence", sequence(entry.to_ical()))
        calendar.add_component(entry)
        first = min(first or event.day("start"), event.day("start"))
        last = max(last or event.day("end"), event.day("end"))
    if first is not None and last is not None:
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1),
            last_date=date(last.year + 2, 1, 1),
        )
    data: bytes = calendar.to_ical()
    return data
