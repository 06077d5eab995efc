"""The data file of certcli as pydantic models (frozen, unknown keys forbidden).

These models say what a file may contain; `certcli.loaded.validation` turns YAML
into them and adds the checks that need the whole file (references, cycles, calendars).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

# The claim metrics, one row each, are certcli.datafile.metrics.
from certcli.datafile.metrics import METRIC_FIELDS, METRICS, field_name
from certcli.datafile.metrics import Metric as Metric

FORMAT = "certcli/1"

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?"
)
_TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
# A local time may name which of two occurrences it means, on the night the
# clocks go back: the zone's abbreviation or a UTC offset ("01:30 EDT",
# "01:30 -04:00"). certcli.calendar.rules checks the choice against the zone.
TIME_CHOICE_RE = re.compile(
    r"(?P<time>[0-2]\d:[0-5]\d)(?: (?P<choice>[A-Za-z]{2,6}|[+-]\d{2}(?::?\d{2})?))?"
)
_TIME_PATTERN = (
    "^([01][0-9]|2[0-3]):[0-5][0-9]( ([A-Za-z]{2,6}|[+-][0-9]{2}(:?[0-9]{2})?))?$"
)


def _to_date(value: object) -> date:
    if isinstance(value, datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date-time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError as err:
            raise ValueError(f"{value!r} is not a calendar date ({err})") from None
    raise ValueError(f"expected a date (YYYY-MM-DD), got {value!r}")


def _to_moment(value: object) -> date | datetime:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        return _to_date(value)
    if isinstance(value, str) and _DATETIME_RE.fullmatch(value):
        text = value[:-1] + "+00:00" if value.endswith("Z") else value
        try:
            return datetime.fromisoformat(text)
        except ValueError as err:
            raise ValueError(f"{value!r} is not a valid date-time ({err})") from None
    raise ValueError(
        f"expected a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM[:SS]±HH:MM),"
        f" got {value!r}"
    )


def _to_time(value: object) -> time:
    """The wall-clock time; a choice written after it is read by
    certcli.calendar.rules."""
    match = TIME_CHOICE_RE.fullmatch(value) if isinstance(value, str) else None
    if match is not None and _TIME_RE.fullmatch(match["time"]):
        text = match["time"]
        return time(int(text[:2]), int(text[3:]))
    raise ValueError(
        'expected a local time "HH:MM" (00:00 to 23:59), optionally with the'
        ' zone\'s abbreviation or UTC offset ("01:30 EDT", "01:30 -04:00"),'
        f" got {value!r}"
    )


def _to_clock(value: object) -> time:
    """A time of day with no zone: one that stands for the same wall-clock
    time on every day of the year ("close of business")."""
    if isinstance(value, str) and _TIME_RE.fullmatch(value):
        return time(int(value[:2]), int(value[3:]))
    raise ValueError(
        'expected a local time "HH:MM" (00:00 to 23:59), the same on every day;'
        f" no zone or UTC offset, got {value!r}"
    )


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"expected a number, got {value!r}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _check_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown IANA time zone {name!r} (e.g. America/New_York)"
        ) from None
    return name


Id = Annotated[str, Field(pattern=_ID_PATTERN, max_length=200)]
LocalDate = Annotated[
    date,
    BeforeValidator(_to_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Moment = Annotated[
    date | datetime,
    BeforeValidator(_to_moment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ]
        }
    ),
]
LocalTime = Annotated[
    time,
    BeforeValidator(_to_time),
    WithJsonSchema({"type": "string", "pattern": _TIME_PATTERN}),
]
ClockTime = Annotated[
    time,
    BeforeValidator(_to_clock),
    WithJsonSchema({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}),
]
Number = Annotated[
    Decimal, BeforeValidator(_to_decimal), WithJsonSchema({"type": "number"})
]
Percent = Annotated[Number, Field(ge=0, le=100)]
Count = Annotated[int, Field(strict=True, ge=0)]
Days = Annotated[int, Field(strict=True, ge=0, le=3660)]
TimeZone = Annotated[str, AfterValidator(_check_zone)]
# A risk-limiting audit's risk limit in percent: 0 (a full hand count) to under 100.
RiskLimit = Annotated[Number, Field(ge=0, lt=100)]
AUDIT_PROBABILITIES = ("asn", "0.7", "0.8", "0.9")


def _to_probability(value: object) -> str:
    """`asn`, or 0.7, 0.8 or 0.9 written as a number or as text."""
    if isinstance(value, str) and value in AUDIT_PROBABILITIES:
        return value
    if isinstance(value, (int, Decimal, str)) and not isinstance(value, bool):
        try:
            number = Decimal(value)
        except ArithmeticError:
            number = None
        if number is not None and number.is_finite():
            for choice in AUDIT_PROBABILITIES[1:]:
                if number == Decimal(choice):
                    return choice
    shown = repr(value) if isinstance(value, str) else str(value)
    raise ValueError(f"expected asn, 0.7, 0.8 or 0.9, found {shown}")


AuditProbability = Annotated[
    str,
    BeforeValidator(_to_probability),
    WithJsonSchema({"enum": ["asn", 0.7, 0.8, 0.9, "0.7", "0.8", "0.9"]}),
]


class Stage(str, Enum):
    unofficial = "unofficial"
    audit = "audit"
    certified = "certified"
    recount = "recount"
    recertified = "recertified"


class EventKind(str, Enum):
    election = "election"
    deadline = "deadline"
    certification = "certification"
    window = "window"
    audit = "audit"
    recount = "recount"
    runoff = "runoff"
    other = "other"


class Verdict(str, Enum):
    consistent = "consistent"
    inconsistent = "inconsistent"
    unverifiable = "unverifiable"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- election -------------------------------------------------------------


class Calendar(Model):
    """Business days are weekdays minus this country's (and subdivision's) holidays."""

    country: Annotated[str, Field(pattern=r"^[A-Z]{2,3}$")]
    subdivision: str | None = None


class ReportingUnits(Model):
    kind: str = "county"
    count: Annotated[int, Field(strict=True, ge=1)]


class RecountRule(Model):
    id: Id
    title: str | None = None
    trigger: Literal["on_request", "automatic"]
    margin_percent_at_most: Percent | None = None
    margin_votes_at_most: Count | None = None
    denominator: Literal["all_candidates", "top_two"] = "all_candidates"
    applies_to: Stage = Stage.certified
    request_window: Id | None = None
    citation: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _has_a_limit(self) -> RecountRule:
        if self.margin_percent_at_most is None and self.margin_votes_at_most is None:
            raise ValueError(
                "a recount rule needs margin_percent_at_most, margin_votes_at_most"
                " or both"
            )
        return self


class Election(Model):
    id: Id
    title: str
    jurisdiction: str
    office: str
    election_day: LocalDate
    timezone: TimeZone
    calendar: Calendar
    reporting_units: ReportingUnits | None = None
    electoral_votes: Count | None = None
    recount_rules: list[RecountRule] = []


class Projection(Model):
    as_of: LocalDate
    source: Id
    electors: dict[Id, Count]


class ElectoralCollege(Model):
    total: Annotated[int, Field(strict=True, ge=1)]
    needed: Annotated[int, Field(strict=True, ge=1)]
    projections: list[Projection] = []


class Candidate(Model):
    name: str
    party: str | None = None


class Source(Model):
    title: str
    publisher: str | None = None
    published: Moment
    document: str | None = None
    file: str | None = None
    url: str | None = None
    note: str | None = None


# --- events and date expressions ------------------------------------------


class EventDate(Model):
    """`{event: ID}`: the same day as that event (or its `part`)."""

    event: Id
    part: Literal["start", "end"] = "start"
    stated: LocalDate | None = None


class AfterDate(Model):
    """`{after: ID, days: N}` or `{after: ID, business_days: N}`."""

    after: Id
    days: Days | None = None
    business_days: Days | None = None
    part: Literal["start", "end"] = "end"
    stated: LocalDate | None = None

    @model_validator(mode="after")
    def _one_count(self) -> AfterDate:
        if (self.days is None) == (self.business_days is None):
            raise ValueError("give exactly one of days or business_days")
        return self


class BeforeDate(Model):
    """`{before: ID, days: N}`: N calendar days before that event."""

    before: Id
    days: Days
    part: Literal["start", "end"] = "start"
    stated: LocalDate | None = None


DateRule = EventDate | AfterDate | BeforeDate

_DATE_EXPR_HELP = (
    "expected a date (YYYY-MM-DD) or a rule: {event: ID}, {after: ID, days: N},"
    " {after: ID, business_days: N} or {before: ID, days: N}"
)


def _date_expr_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key, tag in (("event", "event"), ("after", "after"), ("before", "before")):
            if key in value:
                return f"{tag}-rule"
        return None
    if isinstance(value, BaseModel):
        return {EventDate: "event-rule", AfterDate: "after-rule"}.get(
            type(value), "before-rule"
        )
    return "literal"


DateExpr = Annotated[
    Annotated[LocalDate, Tag("literal")]
    | Annotated[EventDate, Tag("event-rule")]
    | Annotated[AfterDate, Tag("after-rule")]
    | Annotated[BeforeDate, Tag("before-rule")],
    Discriminator(
        _date_expr_kind,
        custom_error_type="date_expression",
        custom_error_message=_DATE_EXPR_HELP,
    ),
]


class Event(Model):
    id: Id
    title: str
    kind: EventKind
    date: DateExpr | None = None
    time: LocalTime | None = None
    start: DateExpr | None = None
    start_time: LocalTime | None = None
    end: DateExpr | None = None
    end_time: LocalTime | None = None
    deadline: Id | None = None
    after: list[Id] = []
    sources: list[Id] = []
    citation: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _date_or_span(self) -> Event:
        span = self.start is not None or self.end is not None
        if self.date is not None and span:
            raise ValueError("give either date or start and end, not both")
        if self.date is None and not (self.start is not None and self.end is not None):
            raise ValueError("an event needs a date, or a start and an end")
        if self.date is not None and (self.start_time or self.end_time):
            raise ValueError("start_time and end_time go with start and end; use time")
        if span and self.time is not None:
            raise ValueError("time goes with date; use start_time and end_time")
        return self

    @property
    def is_span(self) -> bool:
        return self.date is None


# --- tallies ----------------------------------------------------------------


class ReportedMargin(Model):
    leader: Id
    votes: Count
    opponent: Id | None = None


# --- reporting units ----------------------------------------------------------

UnitName = Annotated[str, Field(min_length=1, max_length=200)]
ChoiceName = Annotated[str, Field(min_length=1, max_length=500)]
# In a unit's figures, besides candidate keys: votes for no candidate of the
# file (write-ins and the like), and the unit's total when it is more than
# the sum of its votes.
OTHER = "other"
UNIT_TOTAL = "total"


def _check_results_format(name: str) -> str:
    from certcli.readers import RESULTS_FORMATS

    if name not in RESULTS_FORMATS:
        raise ValueError(
            f"expected one of {', '.join(RESULTS_FORMATS)}, found the text {name!r}"
        )
    return name


def _results_formats() -> list[str]:
    from certcli.readers import RESULTS_FORMATS

    return list(RESULTS_FORMATS)


ResultsFormat = Annotated[
    str,
    AfterValidator(_check_results_format),
    WithJsonSchema({"type": "string", "enum": _results_formats()}),
]


class Results(Model):
    """`results:` of a tally: its units come from an official results file."""

    file: Annotated[str, Field(min_length=1, max_length=1000)]
    format: ResultsFormat
    contest: ChoiceName | None = None
    # Which of several contests that `contest` names, counting from 1 in file
    # order (two contests both named "Governor").
    contest_number: Annotated[int, Field(strict=True, ge=1, le=10_000)] | None = None
    candidates: dict[Id, ChoiceName | list[ChoiceName]] = {}
    other: list[ChoiceName] = []
    ignore: list[ChoiceName] = []
    unit_column: ChoiceName | None = None
    total_column: ChoiceName | None = None
    year: Annotated[int, Field(strict=True, ge=1789, le=9999)] | None = None
    state: Annotated[str, Field(min_length=2, max_length=60)] | None = None

    @model_validator(mode="after")
    def _fits_format(self) -> Results:
        if self.format == "csv":
            if self.contest is not None or self.contest_number is not None:
                raise ValueError(
                    "a csv results file holds one contest; remove contest"
                    + (" and contest_number" if self.contest_number else "")
                )
        elif self.contest is None:
            raise ValueError(
                f"a {self.format} results file may hold many contests; give"
                " contest: the contest's name as the file writes it"
            )
        allowed = {
            "csv": ("unit_column", "total_column"),
            "openelections": ("unit_column",),
            "medsl": ("year", "state"),
        }.get(self.format, ())
        given = [
            key
            for key in ("unit_column", "total_column", "year", "state")
            if getattr(self, key) is not None and key not in allowed
        ]
        if given:
            goes = {
                "unit_column": "csv and openelections",
                "total_column": "csv",
                "year": "medsl",
                "state": "medsl",
            }
            raise ValueError(
                "; ".join(f"{key} goes with format {goes[key]} only" for key in given)
            )
        if self.format == "medsl" and (self.year is None or self.state is None):
            raise ValueError(
                "a medsl file holds every year and state; give year and state"
                " (e.g. year: 2020, state: GA)"
            )
        return self


class Tally(Model):
    id: Id
    stage: Stage
    as_of: Moment
    source: Id
    votes: dict[Id, Count] = {}
    total: Count | None = None
    ballots: Count | None = None
    margin: ReportedMargin | None = None
    units_certified: Count | None = None
    units: Annotated[dict[UnitName, dict[Id, Count]], Field(min_length=1)] | None = None
    results: Results | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _units_or_results(self) -> Tally:
        if self.units is not None and self.results is not None:
            raise ValueError("give either units or results, not both")
        return self


# --- claims -----------------------------------------------------------------


class Claim(Model):
    id: Id
    source: Id
    quote: str
    metric: Metric
    stated: str
    candidate: Id | None = None
    opponent: Id | None = None
    tally: Id | None = None
    event: Id | None = None
    part: Literal["start", "end"] | None = None
    rule: Id | None = None
    unit: UnitName | None = None
    from_tally: Id | None = None
    risk_limit: RiskLimit | None = None
    probability: AuditProbability | None = None
    from_: Annotated[Id | None, Field(alias="from")] = None
    to: Id | None = None
    from_part: Literal["start", "end"] | None = None
    to_part: Literal["start", "end"] | None = None
    expect: Verdict | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _fits_metric(self) -> Claim:
        row = METRICS[self.metric]
        needs = [
            field_name(field)
            for field in row.needs
            if field != "tally" and getattr(self, field) is None
        ]
        if needs:
            raise ValueError(f"metric {self.metric.value} needs {' and '.join(needs)}")
        self._one_of()
        allowed = row.allowed
        extra = [
            field_name(field)
            for field in METRIC_FIELDS
            if getattr(self, field) is not None and field not in allowed
        ]
        if extra:
            raise ValueError(
                f"metric {self.metric.value} does not use {', '.join(extra)}"
            )
        return self

    def _one_of(self) -> None:
        """A date or weekday is of an event or of a tally: exactly one of them,
        and `part` only with an event."""
        choices = METRICS[self.metric].one_of
        if not choices:
            return
        given = [field for field in choices if getattr(self, field) is not None]
        if not given:
            raise ValueError(f"metric {self.metric.value} needs {' or '.join(choices)}")
        if len(given) > 1:
            raise ValueError(
                f"metric {self.metric.value} takes {' or '.join(choices)}, not both"
            )
        if self.part is not None and self.event is None:
            raise ValueError("part goes with event (a tally has one moment, its as_of)")


class Policy(Model):
    """Tolerances of the qualifiers, in percent of the stated value, and the
    local time that "close of business" stands for in `time` claims."""

    about: Percent = Decimal(5)
    almost_exactly: Percent = Decimal(1)
    nearly: Percent = Decimal(10)
    just_over: Percent = Decimal(5)
    close_of_business: ClockTime = Field(
        default=time(17, 0), json_schema_extra={"default": "17:00"}
    )


class DataFile(Model):
    """One contest: its calendar, tallies and the claims made about it."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="certcli data file",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
        },
    )

    format: Literal["certcli/1"]
    election: Election
    electoral_college: ElectoralCollege | None = None
    candidates: dict[Id, Candidate]
    sources: dict[Id, Source] = {}
    events: list[Event] = []
    tallies: list[Tally] = []
    claims: list[Claim] = []
    policy: Policy = Policy()
