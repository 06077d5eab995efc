"""Statuses, deadlines and ordering of a resolved timeline, as data.

`certcli timeline` shows these results; `certcli check` turns the failing ones
into findings:

* `deadline_results()` — every action event that names a `deadline`: met or missed.
* `ordering_results()` — every `after` pair: holds or not.
* `stated_mismatches()` — every rule whose `stated:` date differs from the rule's day.
* `statuses()` — past / today / ongoing / upcoming as of a date, with days, and
  met / missed / open for deadlines that actions name.

Moments are compared as instants (UTC), so two date-times in the election's zone
on either side of a daylight-saving change compare correctly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Literal

from certcli.calendar.rules import ResolvedDate, ResolvedEvent, Timeline
from certcli.core.errors import KeyPath
from certcli.datafile.models import EventKind

Status = Literal["past", "today", "ongoing", "upcoming"]
DeadlineState = Literal["met", "missed", "open"]
DatePart = Literal["date", "start", "end"]


def _instant(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


# --- deadlines ----------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineResult:
    """An action event that names a `deadline`, and whether it came in time.

    The action's end (its only day for a single-date event) is compared with the
    deadline's end (its only day, or the closing of a window). When the deadline
    has a time, moments are compared and an action without a time counts as the
    start of its day. When the deadline has no time, it lasts the whole day:
    the action is in time if it is on that day or earlier.
    """

    action: ResolvedEvent
    deadline: ResolvedEvent
    action_moment: datetime  # the action's end; 00:00 local when it has no time
    deadline_moment: datetime  # the deadline's end; 00:00 local when it has no time
    met: bool

    @property
    def action_id(self) -> str:
        return self.action.id

    @property
    def deadline_id(self) -> str:
        return self.deadline.id

    @property
    def path(self) -> KeyPath:
        """Where the action names its deadline, e.g. ("events", 7, "deadline")."""
        return ("events", self.action.index, "deadline")


def deadline_met(action: ResolvedEvent, deadline: ResolvedEvent) -> bool:
    """Whether `action` is not later than `deadline` (see `DeadlineResult`)."""
    if deadline.time("end") is None:
        return action.day("end") <= deadline.day("end")
    return _instant(action.moment("end")) <= _instant(deadline.moment("end"))


def deadline_results(timeline: Timeline) -> tuple[DeadlineResult, ...]:
    """One result per action event naming a deadline, in file order."""
    results = []
    for action in timeline.by_index():
        if action.event.deadline is None:
            continue
        deadline = timeline.get(action.event.deadline)
        results.append(
            DeadlineResult(
                action,
                deadline,
                action.moment("end"),
                deadline.moment("end"),
                deadline_met(action, deadline),
            )
        )
    return tuple(results)


# --- ordering -------------------------------------------------------------------


@dataclass(frozen=True)
class OrderingResult:
    """One `after` constraint: `event` must not start earlier than `earlier` ends.

    Being on the same day holds ("not earlier than"). Moments are compared only
    when both the event's start and the earlier event's end have a time;
    otherwise days are compared.
    """

    event: ResolvedEvent
    earlier: ResolvedEvent
    position: int  # index in the event's `after` list
    compared: Literal["day", "moment"]
    holds: bool

    @property
    def path(self) -> KeyPath:
        """The `after` entry, e.g. ("events", 7, "after", 0)."""
        return ("events", self.event.index, "after", self.position)

    @property
    def event_moment(self) -> datetime:
        return self.event.moment("start")

    @property
    def earlier_moment(self) -> datetime:
        return self.earlier.moment("end")


def ordering_results(timeline: Timeline) -> tuple[OrderingResult, ...]:
    """One result per entry of every event's `after` list, in file order."""
    results = []
    for event in timeline.by_index():
        for position, earlier_id in enumerate(event.event.after):
            earlier = timeline.get(earlier_id)
            timed = event.time("start") is not None and earlier.time("end") is not None
            if timed:
                holds = _instant(event.moment("start")) >= _instant(
                    earlier.moment("end")
                )
            else:
                holds = event.day("start") >= earlier.day("end")
            results.append(
                OrderingResult(
                    event, earlier, position, "moment" if timed else "day", holds
                )
            )
    return tuple(results)


# --- rules and their stated dates ---------------------------------------------


@dataclass(frozen=True)
class StatedMismatch:
    """A rule whose `stated:` date differs from the day the rule gives."""

    event: ResolvedEvent
    field: DatePart  # "date", "start" or "end"
    resolved: ResolvedDate

    @property
    def stated(self) -> date:
        assert self.resolved.stated is not None
        return self.resolved.stated

    @property
    def path(self) -> KeyPath:
        """The `stated:` value, e.g. ("events", 5, "end", "stated")."""
        return (*self.resolved.path, "stated")


def stated_mismatches(timeline: Timeline) -> tuple[StatedMismatch, ...]:
    """Every rule date whose `stated:` differs from its result, in file order."""
    found = []
    for event in timeline.by_index():
        parts: Iterable[tuple[DatePart, ResolvedDate]] = (
            (("start", event.start), ("end", event.end))
            if event.is_span
            else (("date", event.start),)
        )
        for name, resolved in parts:
            if resolved.stated_differs:
                found.append(StatedMismatch(event, name, resolved))
    return tuple(found)


# --- statuses as of a date ----------------------------------------------------


@dataclass(frozen=True)
class EventStatus:
    """Where an event stands on the as-of date.

    `status`: past (ended before it), today (a single-date event on it), ongoing
    (a span that includes it, first and last day too) or upcoming (starts after
    it). `deadline`: for an event that actions name as their deadline — met
    (every action has happened, in time), missed (an action came late, or the
    deadline passed before the action happened) or open (otherwise); None for
    every other event. `own_deadline` and `own_state`: for an event that names a
    deadline itself, its result and the same met / missed / open as of the date.
    """

    event: ResolvedEvent
    status: Status
    days_to_start: int  # start day - as-of day (negative when it is past)
    days_to_end: int  # end day - as-of day
    deadline: DeadlineState | None
    actions: tuple[DeadlineResult, ...]  # the actions that name this deadline
    own_deadline: DeadlineResult | None = None  # when this event names a deadline
    own_state: DeadlineState | None = None  # that deadline as of the date

    @property
    def days(self) -> int:
        """The count a reader wants: to the start while upcoming, else to the end."""
        return self.days_to_start if self.status == "upcoming" else self.days_to_end

    @property
    def closes(self) -> bool:
        """A deadline, a window (it closes at its end) or an event named as one."""
        return (
            self.event.event.kind in {EventKind.deadline, EventKind.window}
            or self.deadline is not None
        )


def event_status(event: ResolvedEvent, as_of: date) -> Status:
    if event.day("end") < as_of:
        return "past"
    if event.day("start") > as_of:
        return "upcoming"
    return "ongoing" if event.is_span else "today"


def deadline_state(
    deadline: ResolvedEvent, actions: Iterable[DeadlineResult], as_of: date
) -> DeadlineState | None:
    """Met / missed / open as of a date; None when no action names `deadline`.

    An action has happened as of the date when its end day is on or before it.
    """
    states: set[DeadlineState] = set()
    for result in actions:
        if result.action.day("end") <= as_of:
            states.add("met" if result.met else "missed")
        elif deadline.day("end") < as_of:
            states.add("missed")
        else:
            states.add("open")
    if not states:
        return None
    return "missed" if "missed" in states else "open" if "open" in states else "met"


def statuses(
    timeline: Timeline,
    as_of: date,
    kinds: Iterable[str] = (),
) -> tuple[EventStatus, ...]:
    """The status of every event (of `kinds`, when given), in timeline order."""
    wanted = set(kinds)
    by_deadline: dict[str, list[DeadlineResult]] = {}
    by_action: dict[str, DeadlineResult] = {}
    for result in deadline_results(timeline):
        by_deadline.setdefault(result.deadline_id, []).append(result)
        by_action[result.action_id] = result
    return tuple(
        EventStatus(
            event,
            event_status(event, as_of),
            (event.day("start") - as_of).days,
            (event.day("end") - as_of).days,
            deadline_state(event, by_deadline.get(event.id, ()), as_of),
            tuple(by_deadline.get(event.id, ())),
            by_action.get(event.id),
            _own_state(by_action.get(event.id), as_of),
        )
        for event in timeline.events
        if not wanted or event.event.kind.value in wanted
    )


def _own_state(result: DeadlineResult | None, as_of: date) -> DeadlineState | None:
    if result is None:
        return None
    return deadline_state(result.deadline, (result,), as_of)


def next_deadline(
    event_statuses: Iterable[EventStatus], as_of: date
) -> EventStatus | None:
    """The earliest deadline or window that closes on or after `as_of`, not yet
    met or missed (ties: file order)."""
    candidates = [
        status
        for status in event_statuses
        if status.closes
        and status.event.day("end") >= as_of
        and status.deadline not in {"met", "missed"}
    ]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda s: (_instant(s.event.moment("end")), s.event.index),
    )
