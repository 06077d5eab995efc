"""Date expressions resolved to days, times and moments in the election's zone.

Every `date`, `start` and `end` of an event is either a literal date or a rule
that names another event (`{event: ID}`, `{after: ID, days: N}`,
`{after: ID, business_days: N}`, `{before: ID, days: N}`). `resolve()` follows
the chains, counts business days on the file's `calendar` (the `holidays`
package, through `certcli.calendar.business_days`) and keeps, for each
resolved date, how it was obtained, so that output can explain it and `check`
can locate it.

All dates and times are local to the election's IANA time zone. A date without
a time stands for the start of that day (00:00 local) wherever a moment is
needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Literal
from zoneinfo import ZoneInfo

from certcli.core.errors import DataError, KeyPath, Problem
from certcli.core.text import count, did_you_mean
from certcli.datafile.located import Located, dotted
from certcli.datafile.models import (
    AfterDate,
    BeforeDate,
    Calendar,
    DataFile,
    Event,
    EventDate,
)

Part = Literal["start", "end"]


@dataclass(frozen=True)
class ResolvedDate:
    """A day, and how it was obtained: written in the file, or computed by a rule."""

    day: date
    how: Literal["stated", "rule"]  # literal date in the file, or computed from a rule
    rule: str | None  # human text, e.g. "2 business days after state-certification"
    anchor: str | None  # anchor event id of the rule
    stated: date | None  # the rule's `stated:` date, if given (may differ from day)
    path: KeyPath  # where the expression is in the file, e.g. ("events", 5, "end")

    @property
    def stated_differs(self) -> bool:
        """A rule whose `stated:` date is not the day the rule yields."""
        return self.stated is not None and self.stated != self.day


@dataclass(frozen=True)
class ResolvedEvent:
    """An event with its start and end resolved (equal for single-date events)."""

    event: Event  # the model
    index: int  # position in the file's events list
    start: ResolvedDate
    end: ResolvedDate  # == start for single-date events
    start_time: time | None
    end_time: time | None
    zone: ZoneInfo

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def is_span(self) -> bool:
        return self.event.is_span

    def resolved(self, part: Part = "start") -> ResolvedDate:
        return self.start if part == "start" else self.end

    def day(self, part: Part = "start") -> date:
        return self.resolved(part).day

    def time(self, part: Part = "start") -> time | None:
        return self.start_time if part == "start" else self.end_time

    def moment(self, part: Part = "start") -> datetime:
        """Aware date-time in the election's zone; no time → 00:00 of that day."""
        return datetime.combine(
            self.day(part), self.time(part) or time(0, 0), tzinfo=self.zone
        )


@dataclass(frozen=True)
class Timeline:
    """Every event of a file, resolved, in date order (ties keep file order)."""

    zone: ZoneInfo
    calendar: Calendar
    events: tuple[ResolvedEvent, ...]
    _by_id: dict[str, ResolvedEvent] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self._by_id.update((resolved.id, resolved) for resolved in self.events)

    def get(self, event_id: str) -> ResolvedEvent:
        """The event with this id (KeyError when there is none)."""
        return self._by_id[event_id]

    def by_index(self) -> tuple[ResolvedEvent, ...]:
        """The events in file order."""
        return tuple(sorted(self.events, key=lambda r: r.index))


WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def weekday_name(day: date) -> str:
    """English weekday name, whatever the locale: "Friday"."""
    return WEEKDAYS[day.weekday()]


def describe_rule(
    rule: EventDate | AfterDate | BeforeDate, anchor_is_span: bool
) -> str:
    """The rule in words, e.g. "2 business days after state-certification".

    The anchor's part is named only when the anchor is a span (a single-date
    event's start and end are the same day).
    """
    if isinstance(rule, EventDate):
        of = f"the {rule.part} of " if anchor_is_span else ""
        return f"same day as {of}{rule.event}"
    of = f"the {rule.part} of " if anchor_is_span else ""
    if isinstance(rule, AfterDate):
        if rule.business_days is not None:
            amount = count(rule.business_days, "business day")
        else:
            amount = count(rule.days or 0, "day")
        return f"{amount} after {of}{rule.after}"
    return f"{count(rule.days, 'day')} before {of}{rule.before}"


def _anchor(rule: EventDate | AfterDate | BeforeDate) -> str:
    if isinstance(rule, EventDate):
        return rule.event
    return rule.after if isinstance(rule, AfterDate) else rule.before


class _Unresolved(Exception):
    """A date that could not be computed; the problem is already recorded."""


def resolve(model: DataFile, located: Located) -> Timeline:
    """Resolve every event's dates; raises a located DataError for any that fail.

    Failures: a rule that leads outside the range of dates (year 1 to 9999), a
    rule cycle (the loader refuses these already), and a span that ends before
    it starts (end day earlier than start day, or the same day with an earlier
    end time).
    """
    zone = ZoneInfo(model.election.timezone)
    calendar = model.election.calendar
    events = model.events
    index_of = {event.id: i for i, event in enumerate(events)}
    problems: list[Problem] = []
    done: dict[tuple[int, str], ResolvedDate] = {}
    failed: set[tuple[int, str]] = set()

    def problem(path: KeyPath, message: str) -> None:
        line, column = located.where(path)
        problems.append(Problem(located.file, line, column, dotted(path), message))

    def field_of(i: int, part: Part) -> str:
        return "date" if not events[i].is_span else part

    def fail(keys: list[tuple[int, str]]) -> _Unresolved:
        failed.update(keys)
        return _Unresolved()

    def compute(i: int, name: str) -> ResolvedDate:
        """Follow the chain of anchors down to a known date, then back up."""
        chain: list[tuple[int, str]] = []
        key = (i, name)
        while key not in done:
            if key in failed:
                raise fail(chain)
            path: KeyPath = ("events", *key)
            if key in chain:
                problem(path, "date rules form a cycle")
                raise fail(chain)
            chain.append(key)
            expr = getattr(events[key[0]], key[1])
            if isinstance(expr, date):
                done[key] = ResolvedDate(expr, "stated", None, None, None, path)
                chain.pop()
                break
            anchor_id = _anchor(expr)
            if anchor_id not in index_of:
                problem(
                    path,
                    f"unknown event {anchor_id!r}"
                    + did_you_mean(str(anchor_id), index_of),
                )
                raise fail(chain)
            j = index_of[anchor_id]
            key = (j, field_of(j, expr.part))
        for key in reversed(chain):
            path = ("events", *key)
            expr = getattr(events[key[0]], key[1])
            j = index_of[_anchor(expr)]
            base = done[(j, field_of(j, expr.part))].day
            try:
                day = _apply(expr, base, calendar)
            except OverflowError:
                problem(path, "the rule gives a date outside the years 1 to 9999")
                raise fail(chain) from None
            text = describe_rule(expr, events[j].is_span)
            done[key] = ResolvedDate(
                day, "rule", text, _anchor(expr), expr.stated, path
            )
        return done[(i, name)]

    resolved: list[ResolvedEvent] = []
    for i, event in enumerate(events):
        before = len(problems)
        try:
            if event.is_span:
                start = compute(i, "start")
                end = compute(i, "end")
                start_time, end_time = event.start_time, event.end_time
            else:
                start = end = compute(i, "date")
                start_time = end_time = event.time
        except _Unresolved:
            continue
        fields = ("start_time", "end_time") if event.is_span else ("time", "time")
        walls = []
        for name, day, at in zip(
            fields, (start.day, end.day), (start_time, end_time), strict=True
        ):
            raw = raw_text(located, ("events", i, name))
            wall, trouble = wall_time(day, at, raw, zone)
            if trouble is not None:
                problem(("events", i, name), trouble)
            walls.append(wall)
        if len(problems) > before:
            continue
        start_time, end_time = walls
        if end.day < start.day or (
            end.day == start.day
            and start_time is not None
            and end_time is not None
            and end_time < start_time
        ):
            problem(
                ("events", i, "end"),
                f"ends ({_when(end.day, end_time)}) before it starts"
                f" ({_when(start.day, start_time)})",
            )
            continue
        resolved.append(ResolvedEvent(event, i, start, end, start_time, end_time, zone))
    if problems:
        raise DataError(problems)
    resolved.sort(key=lambda r: (r.start.day, r.index))
    return Timeline(zone, calendar, tuple(resolved))


def _apply(
    rule: EventDate | AfterDate | BeforeDate, base: date, calendar: Calendar
) -> date:
    """The day a rule gives from its anchor's day (OverflowError out of range)."""
    if isinstance(rule, EventDate):
        return base
    if isinstance(rule, BeforeDate):
        return base - timedelta(days=rule.days)
    if rule.business_days is not None:
        from certcli.calendar.business_days import add_business_days

        return add_business_days(
            base, rule.business_days, calendar.country, calendar.subdivision
        )
    return base + timedelta(days=rule.days or 0)


def raw_text(located: Located, path: KeyPath) -> str:
    """The text written at `path` ("" when it is not text)."""
    value: Any = located.data
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return ""
    return value if isinstance(value, str) else ""


def utc_offset(delta: timedelta | None) -> str:
    """-04:00 for four hours behind UTC."""
    minutes = int((delta or timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _fits(choice: str, moment: datetime) -> bool:
    """Whether a written abbreviation or UTC offset is `moment`'s."""
    if choice[0] in "+-":
        digits = choice[1:].replace(":", "")
        written = f"{choice[0]}{digits[:2]}:{digits[2:4] or '00'}"
        return written == utc_offset(moment.utcoffset())
    return choice.upper() == (moment.tzname() or "").upper()


def occurrences(
    naive: datetime, zone: ZoneInfo
) -> tuple[datetime | None, datetime | None]:
    """The moments a wall-clock time `naive` is in `zone`: (first, None) on most
    days, (first, second) when the clocks go back past it, (None, None) when
    they go forward past it."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)

    def real(moment: datetime) -> bool:
        back = moment.astimezone(timezone.utc).astimezone(zone)
        return back.replace(tzinfo=None) == naive

    if not real(first) and not real(second):
        return None, None
    if first.utcoffset() != second.utcoffset():
        return first, second
    return first, None


def wall_time(
    day: date, at: time | None, written: str, zone: ZoneInfo
) -> tuple[time | None, str | None]:
    """The local time `written` means on `day` in `zone`, or why it means none.

    A time the clocks skip (the night they go forward) does not exist; a time
    they pass twice (the night they go back) must say which it is, with the
    zone's abbreviation or a UTC offset ("01:30 EDT", "01:30 -04:00"): the
    result carries it as `fold` (0 the first, 1 the second). A choice must be
    the zone's on that day. Returns (time, None) or (None, message).
    """
    if at is None:
        return None, None
    from certcli.datafile.models import TIME_CHOICE_RE

    match = TIME_CHOICE_RE.fullmatch(written)
    choice = match["choice"] if match is not None else None
    shown = f"{written!r}"
    first, second = occurrences(datetime.combine(day, at.replace(fold=0)), zone)
    if first is None:
        first = datetime.combine(day, at, tzinfo=zone)
        second = first.replace(fold=1)
        meant = first.astimezone(timezone.utc).astimezone(zone)
        return None, (
            f"{shown} does not exist on {day.isoformat()} in {zone.key}: the clocks"
            f" go forward from {first.tzname()} to {second.tzname()} that night and"
            f" skip it; write the time meant, e.g. '{meant:%H:%M}'"
        )
    if second is not None:
        hh_mm = f"{at:%H:%M}"
        options = [(0, first), (1, second)]
        if choice is None:
            return None, (
                f"{shown} happens twice on {day.isoformat()} in {zone.key} (first"
                f" {first.tzname()}, then {second.tzname()}, when the clocks go"
                f" back); write '{hh_mm} {first.tzname()}' or"
                f" '{hh_mm} {second.tzname()}', or a UTC offset"
                f" ('{hh_mm} {utc_offset(first.utcoffset())}')"
            )
        for fold, moment in options:
            if _fits(choice, moment):
                return at.replace(fold=fold), None
        return None, (
            f"{shown}: {choice} is neither of the two {hh_mm} on {day.isoformat()}"
            f" in {zone.key} ({first.tzname()} {utc_offset(first.utcoffset())},"
            f" {second.tzname()} {utc_offset(second.utcoffset())})"
        )
    if choice is not None and not _fits(choice, first):
        return None, (
            f"{shown}: {zone.key} is on {first.tzname()}"
            f" ({utc_offset(first.utcoffset())}) on {day.isoformat()}, not {choice}"
        )
    return at.replace(fold=0), None


def _when(day: date, at: time | None) -> str:
    return day.isoformat() + (f" {at:%H:%M}" if at is not None else "")
