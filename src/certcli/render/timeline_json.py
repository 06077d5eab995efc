"""`certcli timeline --format json`: a stable object, documented in
docs/commands/timeline.md.

Keys keep the order written here; dates are ISO 8601, moments carry the UTC
offset of the election's zone on that day.
"""

from __future__ import annotations

from typing import Any, Literal

from certcli.calendar.rules import ResolvedEvent, weekday_name
from certcli.calendar.status import EventStatus
from certcli.core.text import json_text
from certcli.figures.timeline import TimelineReport

FORMAT = "certcli-timeline/1"


def _date(event: ResolvedEvent, part: Literal["start", "end"]) -> dict[str, Any]:
    resolved = event.resolved(part)
    at = event.time(part)
    return {
        "date": resolved.day.isoformat(),
        "weekday": weekday_name(resolved.day),
        "time": f"{at:%H:%M}" if at is not None else None,
        "moment": event.moment(part).isoformat(),
        "how": resolved.how,
        "rule": resolved.rule,
        "anchor": resolved.anchor,
        "stated": resolved.stated.isoformat() if resolved.stated else None,
    }


def _event(status: EventStatus) -> dict[str, Any]:
    event = status.event
    model = event.event
    own = status.own_deadline
    return {
        "id": event.id,
        "title": model.title,
        "kind": model.kind.value,
        "span": event.is_span,
        "start": _date(event, "start"),
        "end": _date(event, "end"),
        "status": status.status,
        "days": status.days,
        "days_to_start": status.days_to_start,
        "days_to_end": status.days_to_end,
        "deadline": None
        if status.deadline is None
        else {
            "status": status.deadline,
            "actions": [
                {
                    "event": result.action_id,
                    "moment": result.action_moment.isoformat(),
                    "met": result.met,
                }
                for result in status.actions
            ],
        },
        "must_meet": None
        if own is None
        else {
            "deadline": own.deadline_id,
            "closes": own.deadline_moment.isoformat(),
            "met": own.met,
            "status": status.own_state,
        },
        "after": list(model.after),
        "sources": list(model.sources),
        "citation": model.citation,
        "note": model.note,
    }


def render(report: TimelineReport) -> str:
    nxt = report.next_deadline
    document = {
        "format": FORMAT,
        "election": {
            "id": report.election_id,
            "title": report.title,
            "election_day": report.election_day.isoformat(),
            "timezone": report.timezone,
            "calendar": report.calendar,
        },
        "as_of": report.as_of.isoformat(),
        "kinds": list(report.kinds),
        "next_deadline": None
        if nxt is None
        else {
            "event": nxt.event.id,
            "closes": nxt.event.moment("end").isoformat(),
            "days": nxt.days_to_end,
        },
        "events": [_event(status) for status in report.events],
        "sources": dict(report.sources),
    }
    return json_text(document) + "\n"
