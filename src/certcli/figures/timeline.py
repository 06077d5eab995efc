"""What `certcli timeline` shows: the file's events with their statuses as of a
date, the next deadline, and the sources the events name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from certcli.calendar.status import EventStatus, next_deadline, statuses
from certcli.loaded.contest import Contest


@dataclass(frozen=True)
class TimelineReport:
    """Everything `certcli timeline` shows: the statuses as of a date."""

    election_id: str
    title: str
    timezone: str
    calendar: str  # country, and "-subdivision" when there is one, e.g. "DE-BY"
    election_day: date
    as_of: date
    kinds: tuple[str, ...]
    events: tuple[EventStatus, ...]
    next_deadline: EventStatus | None
    sources: dict[str, str]  # source id → title, for the sources the events name


def report(contest: Contest, as_of: date, kinds: Iterable[str] = ()) -> TimelineReport:
    """The file's timeline as of `as_of`, restricted to `kinds` when given.

    Raises DataError when a date cannot be resolved (see
    `certcli.calendar.rules.resolve`).
    """
    model = contest.model
    election = model.election
    timeline = contest.timeline
    chosen = tuple(kinds)
    shown = statuses(timeline, as_of, chosen)
    named = {source for status in shown for source in status.event.event.sources}
    calendar = election.calendar.country + (
        f"-{election.calendar.subdivision}" if election.calendar.subdivision else ""
    )
    return TimelineReport(
        election_id=election.id,
        title=election.title,
        timezone=election.timezone,
        calendar=calendar,
        election_day=election.election_day,
        as_of=as_of,
        kinds=chosen,
        events=shown,
        next_deadline=next_deadline(shown, as_of),
        sources={key: model.sources[key].title for key in sorted(named)},
    )
