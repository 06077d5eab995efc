"""Synthetic certcli/1 data files for the benchmarks, deterministic for a seed.

Two workloads:

* ``repo DIR``: a newsroom repository, one contest per file (500 by default):
  states and countries with real holiday calendars and subdivisions, recount
  rules of both triggers and both denominators, about 8 events using every
  form of date rule, about 6 tallies (partial ones among them) and about 40
  claims of every metric.
* ``large FILE``: one contest with 20,000 claims, 2,000 tallies and 500 events,
  times ``--scale`` (1, 2, 4, …; a fraction makes a small file for tests).

Every file loads with `certcli.loaded.loader.load`. Most claims are consistent with
the tallies and the calendar; a few are wrong on purpose, some of them pinned
with ``expect: inconsistent``, and some name a partial tally (unverifiable), as
in a real newsroom's files. So `certcli check` exits 0 or 1, never 2.

    python bench/generate.py repo bench/out/repo --files 500
    python bench/generate.py large bench/out/large-2x.yaml --scale 2
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from certcli.calendar.business_days import add_business_days

SEED = 20201103

# --- jurisdictions ----------------------------------------------------------


@dataclass(frozen=True)
class Jurisdiction:
    name: str
    country: str
    subdivision: str | None
    timezone: str
    unit_kind: str
    units: int
    electoral_votes: int | None  # US states: electors (2020 apportionment)
    election_weekday: int  # 0 = Monday
    election_months: tuple[int, ...]
    offices: tuple[str, ...]
    parties: tuple[str, ...]


_US_OFFICES = ("U.S. Senate", "Governor", "Secretary of State", "Attorney General")
_US_PARTIES = ("Democratic", "Republican", "Libertarian", "Green", "Independent")


def _us(name: str, code: str, zone: str, counties: int, electors: int) -> Jurisdiction:
    return Jurisdiction(
        name, "US", code, zone, "county", counties, electors, 1, (11,),
        _US_OFFICES, _US_PARTIES,
    )  # fmt: skip


JURISDICTIONS = (
    _us("Georgia", "GA", "America/New_York", 159, 16),
    _us("Pennsylvania", "PA", "America/New_York", 67, 20),
    _us("Arizona", "AZ", "America/Phoenix", 15, 11),
    _us("Wisconsin", "WI", "America/Chicago", 72, 10),
    _us("Michigan", "MI", "America/Detroit", 83, 16),
    _us("Nevada", "NV", "America/Los_Angeles", 17, 6),
    _us("North Carolina", "NC", "America/New_York", 100, 15),
    _us("Texas", "TX", "America/Chicago", 254, 38),
    _us("Florida", "FL", "America/New_York", 67, 29),
    _us("Ohio", "OH", "America/New_York", 88, 18),
    _us("Minnesota", "MN", "America/Chicago", 87, 10),
    _us("California", "CA", "America/Los_Angeles", 58, 55),
    _us("New York", "NY", "America/New_York", 62, 29),
    _us("Colorado", "CO", "America/Denver", 64, 9),
    _us("New Hampshire", "NH", "America/New_York", 10, 4),
    _us("Maine", "ME", "America/New_York", 16, 4),
    _us("Virginia", "VA", "America/New_York", 133, 13),
    _us("Washington", "WA", "America/Los_Angeles", 39, 12),
    _us("Oregon", "OR", "America/Los_Angeles", 36, 7),
    _us("Iowa", "IA", "America/Chicago", 99, 6),
    _us("Alaska", "AK", "America/Anchorage", 40, 3),
    _us("Hawaii", "HI", "Pacific/Honolulu", 5, 4),
    _us("Massachusetts", "MA", "America/New_York", 14, 11),
    *(
        Jurisdiction(
            name, "DE", code, "Europe/Berlin", "district", units, None, 6, (3, 9),
            ("Landtag", "Bundestag (state list)", "Minister-President"),
            ("CDU", "SPD", "Grüne", "FDP", "Linke", "AfD", "CSU"),
        )
        for name, code, units in (
            ("Bavaria", "BY", 96), ("North Rhine-Westphalia", "NW", 53),
            ("Berlin", "BE", 12), ("Saxony", "SN", 13), ("Hamburg", "HH", 7),
        )
    ),
    *(
        Jurisdiction(
            name, "CA", code, zone, "electoral district", units, None, 0, (6, 10),
            ("Legislative Assembly", "Premier's riding"),
            ("Liberal", "Conservative", "New Democratic", "Green", "Bloc Québécois"),
        )
        for name, code, zone, units in (
            ("Ontario", "ON", "America/Toronto", 124),
            ("Quebec", "QC", "America/Toronto", 125),
            ("British Columbia", "BC", "America/Vancouver", 93),
            ("Alberta", "AB", "America/Edmonton", 87),
        )
    ),
    *(
        Jurisdiction(
            name, "AU", code, zone, "electoral district", units, None, 5, (3, 11),
            ("Legislative Assembly", "Senate (state)"),
            ("Labor", "Liberal", "National", "Greens", "One Nation"),
        )
        for name, code, zone, units in (
            ("New South Wales", "NSW", "Australia/Sydney", 93),
            ("Victoria", "VIC", "Australia/Melbourne", 88),
            ("Queensland", "QLD", "Australia/Brisbane", 93),
            ("Western Australia", "WA", "Australia/Perth", 59),
        )
    ),
    *(
        Jurisdiction(
            name, "GB", code, "Europe/London", "constituency", units, None, 3,
            (5, 12), ("Parliament", "Police and crime commissioner"),
            ("Labour", "Conservative", "Liberal Democrats", "SNP", "Plaid Cymru"),
        )
        for name, code, units in (
            ("Scotland", "SCT", 73), ("Wales", "WLS", 40), ("England", "ENG", 533),
        )
    ),
    *(
        Jurisdiction(
            name, "BR", code, "America/Sao_Paulo", "municipality", units, None, 6,
            (10,), ("Governor", "Senate"), ("PT", "PL", "MDB", "PSDB", "PSOL"),
        )
        for name, code, units in (
            ("São Paulo", "SP", 645), ("Rio de Janeiro", "RJ", 92),
            ("Minas Gerais", "MG", 853),
        )
    ),
    *(
        Jurisdiction(
            name, "IN", code, "Asia/Kolkata", "constituency", units, None, 2, (4, 5),
            ("Legislative Assembly",), ("BJP", "INC", "DMK", "Shiv Sena", "JD(S)"),
        )
        for name, code, units in (
            ("Maharashtra", "MH", 288), ("Karnataka", "KA", 224),
            ("Tamil Nadu", "TN", 234),
        )
    ),
    *(
        Jurisdiction(
            name, "CH", code, "Europe/Zurich", "municipality", units, None, 6,
            (2, 10), ("Council of States", "Cantonal council"),
            ("SVP", "SP", "FDP", "Die Mitte", "Grüne"),
        )
        for name, code, units in (("Zurich", "ZH", 162), ("Geneva", "GE", 45))
    ),
    *(
        Jurisdiction(
            name, "ES", code, "Europe/Madrid", "municipality", units, None, 6,
            (5, 11), ("Regional parliament",), ("PSOE", "PP", "Vox", "Sumar"),
        )
        for name, code, units in (("Madrid", "MD", 179), ("Catalonia", "CT", 947))
    ),
    Jurisdiction(
        "New Zealand", "NZ", None, "Pacific/Auckland", "electorate", 72, None, 5,
        (10,), ("House of Representatives",), ("Labour", "National", "Green", "ACT"),
    ),
    Jurisdiction(
        "Ireland", "IE", None, "Europe/Dublin", "constituency", 39, None, 4, (2,),
        ("Dáil Éireann",), ("Fianna Fáil", "Fine Gael", "Sinn Féin", "Labour"),
    ),
    Jurisdiction(
        "Portugal", "PT", None, "Europe/Lisbon", "district", 22, None, 6, (1, 3),
        ("Assembly of the Republic", "President"), ("PS", "PSD", "Chega", "IL"),
    ),
)  # fmt: skip


def _round_robin(jurisdictions: tuple[Jurisdiction, ...]) -> tuple[Jurisdiction, ...]:
    """One of each country in turn, so that a few files already span them all."""
    by_country: dict[str, list[Jurisdiction]] = {}
    for where in jurisdictions:
        by_country.setdefault(where.country, []).append(where)
    turns = max(len(group) for group in by_country.values())
    return tuple(
        group[turn]
        for turn in range(turns)
        for group in by_country.values()
        if turn < len(group)
    )


ROTATION = _round_robin(JURISDICTIONS)

FIRST_NAMES = (
    "Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines",
    "Jonas", "Kemi", "Luis", "Maya", "Nikolai", "Olga", "Priya", "Quinn", "Rosa",
    "Sam", "Tomas", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Abbott", "Baker", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia",
    "Hughes", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
    "Okafor", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka", "Ueda",
    "Varga", "Walsh", "Xu", "Yilmaz", "Zimmer", "Novak", "Silva", "Mendes",
    "Kaur", "Haddad", "Brennan",
)  # fmt: skip
PUBLISHERS = (
    "Associated Press", "Reuters", "The Daily Ledger", "Metro Public Radio",
    "Channel 7 News", "The Evening Courier", "Capitol Report", "Statewide Wire",
    "The Gazette", "Election Desk Live",
)  # fmt: skip
HEADLINES = (
    "{place} count narrows as late ballots come in",
    "Live updates: {place} results",
    "What we know about the count in {place}",
    "{place} officials defend the pace of the count",
    "Recount talk grows in {place}",
    "{place} certifies its result",
    "Fact check: claims about the {place} count",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday")  # fmt: skip
MONTHS_AP = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
             "Sept.", "Oct.", "Nov.", "Dec.")  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")  # fmt: skip

# --- a small, deterministic YAML writer ----------------------------------------


class Flow(dict[str, Any]):
    """A mapping written on one line: {a: 1, b: 2}."""


class FlowList(list[Any]):
    """A list written on one line: [a, b]."""


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_./-]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def write_yaml(value: dict[str, Any], lines: list[str], indent: str = "") -> None:
    """Block mappings and lists of mappings; Flow/FlowList and scalars inline."""
    for key, item in value.items():
        if item is None:
            continue
        if (
            isinstance(item, (Flow, FlowList))
            or not isinstance(item, (dict, list))
            or not item
        ):
            lines.append(f"{indent}{key}: {flow(item)}")
        elif isinstance(item, dict):
            lines.append(f"{indent}{key}:")
            write_yaml(item, lines, indent + "  ")
        else:
            lines.append(f"{indent}{key}:")
            for element in item:
                sub: list[str] = []
                write_yaml(element, sub, indent + "    ")
                first = sub[0][len(indent) + 4 :]
                lines.append(f"{indent}  - {first}")
                lines.extend(sub[1:])


# --- numbers as the press writes them ------------------------------------------


def grouped(value: int) -> str:
    return f"{value:,}"


def significant(value: int, digits: int, rounding: str) -> int:
    """`value` rounded to `digits` significant digits in the given direction."""
    if value == 0:
        return 0
    unit: int = 10 ** max(0, len(str(abs(value))) - digits)
    return int((Decimal(value) / unit).to_integral_value(rounding=rounding)) * unit


def scaled(value: int, decimals: int = 2) -> str | None:
    """ "2.47 million" style, when the value is large enough for it."""
    for word, power in (("billion", 9), ("million", 6), ("thousand", 3)):
        if abs(value) >= 10**power:
            number = (Decimal(value) / 10**power).quantize(
                Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN
            )
            return f"{number} {word}"
    return None


def count_phrase(rng: random.Random, value: int) -> str:
    """A phrase whose interval holds `value` (a count, or a signed margin)."""
    style = rng.random()
    magnitude = abs(value)
    if magnitude >= 1000 and style < 0.3:
        phrase = scaled(value, rng.choice((1, 2)))
        if phrase is not None:
            return phrase
    if magnitude >= 100 and style < 0.5:
        return f"about {grouped(significant(value, 2, ROUND_HALF_EVEN))}"
    if magnitude >= 100 and style < 0.6:
        return f"almost exactly {grouped(significant(value, 3, ROUND_HALF_EVEN))}"
    if value > 100 and style < 0.7:
        below = significant(value, 2, ROUND_FLOOR)
        if below < value:
            return f"more than {grouped(below)}"
    if value > 100 and style < 0.8:
        return f"nearly {grouped(significant(value, 2, ROUND_CEILING))}"
    return grouped(value)


def percent_phrase(rng: random.Random, value: Decimal) -> str:
    style = rng.random()
    if Decimal(0) <= value < Decimal("0.5") and style < 0.2:
        return "less than 0.5%"
    if style < 0.35 and abs(value) >= 10:
        rounded = value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
        return f"about {rounded}%"
    decimals = 2 if abs(value) < 1 else 1
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    if style < 0.45:
        return f"{rounded} percentage points" if decimals == 2 else f"{rounded}%"
    return f"{rounded}%"


def wrong_count(rng: random.Random, value: int) -> str:
    off = value + max(3, abs(value) // rng.choice((7, 9, 12))) * rng.choice((1, -1))
    return grouped(off if value < 0 or off >= 0 else abs(value) * 2 + 5)


def wrong_percent(value: Decimal) -> str:
    shifted = value + Decimal("0.4") if value < Decimal("99") else value - 1
    return f"{shifted.quantize(Decimal('0.1'))}%"


def date_phrase(rng: random.Random, day: date) -> str:
    style = rng.random()
    if style < 0.45:
        return f"{MONTHS_AP[day.month - 1]} {day.day}"
    if style < 0.7:
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style < 0.85:
        return f"{WEEKDAYS[day.weekday()]}, {MONTHS_AP[day.month - 1]} {day.day}"
    return day.isoformat()


def _event_title(rng: random.Random, kind: str, unit: str) -> str:
    place = f"{rng.choice(LAST_NAMES)} {unit}"
    return rng.choice(
        {
            "certification": (f"{place} certifies its canvass",
                              f"{place} certifies its recount"),
            "deadline": (f"Deadline for {place} to count provisional ballots",
                         f"{place} must report its audit"),
            "other": (f"Hearing on the returns of {place}",
                      f"{place} publishes its canvass report"),
            "audit": (f"Hand-count audit in {place}",
                      f"Logic and accuracy test in {place}"),
            "window": (f"Public inspection of ballots in {place}",
                       f"Cure period for mail ballots in {place}"),
            "recount": (f"Partial recount in {place}",
                        f"Recount of write-in votes in {place}"),
        }[kind]
    )  # fmt: skip


# --- one contest ----------------------------------------------------------------


@dataclass
class Event:
    id: str
    start: date
    end: date
    depth: int  # how many rules lead from it to a literal date
    data: dict[str, Any]

    @property
    def is_span(self) -> bool:
        return "date" not in self.data


@dataclass
class Tally:
    id: str
    as_of: datetime
    data: dict[str, Any]
    votes: dict[str, int] = field(default_factory=dict)
    total: int | None = None
    margin: tuple[str, int] | None = None  # reported margin (leader, votes)
    units: int | None = None


@dataclass
class Source:
    id: str
    published: datetime  # the moment a comparison uses
    data: dict[str, Any]


@dataclass
class Sizes:
    events: int
    tallies: int
    claims: int
    sources: int


class ContestBuilder:
    """Builds one contest: its calendar, tallies, sources and claims."""

    def __init__(
        self,
        rng: random.Random,
        where: Jurisdiction,
        index: int,
        *,
        presidential: bool | None = None,
    ) -> None:
        self.rng = rng
        self.force_presidential = presidential
        self.where = where
        self.index = index
        self.zone = ZoneInfo(where.timezone)
        self.events: list[Event] = []
        self.by_id: dict[str, Event] = {}
        self.tallies: list[Tally] = []
        self.sources: list[Source] = []
        self.claims: list[dict[str, Any]] = []
        self.candidates: list[str] = []
        self.presidential = False
        self.year = 2020
        self.election_day = date(2020, 11, 3)
        self.rules: list[dict[str, Any]] = []
        self.projection_day: date | None = None
        self.electors: dict[str, int] = {}
        self._as_of: list[datetime] = []
        self._articles: list[Source] = []

    # -- election ------------------------------------------------------------

    def election(self) -> dict[str, Any]:
        rng, where = self.rng, self.where
        if where.country == "US":
            if self.force_presidential is not None:
                self.presidential = self.force_presidential
                self.year = rng.choice((2016, 2020, 2024))
            else:
                self.year = rng.choice((2016, 2018, 2020, 2022, 2024))
                self.presidential = self.year % 4 == 0 and rng.random() < 0.5
            office = (
                "President of the United States"
                if self.presidential
                else rng.choice(where.offices)
            )
            first = date(self.year, 11, 1)
            monday = first + timedelta(days=(0 - first.weekday()) % 7)
            self.election_day = monday + timedelta(days=1)
        else:
            self.year = rng.choice(range(2015, 2025))
            office = rng.choice(where.offices)
            month = rng.choice(where.election_months)
            first = date(self.year, month, 1)
            offset = (where.election_weekday - first.weekday()) % 7
            self.election_day = first + timedelta(days=offset + 7 * rng.randrange(3))
        slug = re.sub(r"[^a-z0-9]+", "-", f"{where.name} {office}".lower()).strip("-")
        self.slug = f"{self.year}-{slug}-{self.index:04d}"
        self.rules = self._recount_rules()
        election: dict[str, Any] = {
            "id": self.slug,
            "title": f"{self.year} {office} election in {where.name}",
            "jurisdiction": where.name,
            "office": office,
            "election_day": self.election_day,
            "timezone": where.timezone,
            "calendar": Flow(country=where.country, subdivision=where.subdivision)
            if where.subdivision
            else Flow(country=where.country),
            "reporting_units": Flow(kind=where.unit_kind, count=where.units),
        }
        if self.presidential:
            election["electoral_votes"] = where.electoral_votes
        election["recount_rules"] = self.rules
        return election

    def _recount_rules(self) -> list[dict[str, Any]]:
        rng = self.rng
        rules: list[dict[str, Any]] = []
        shapes = [
            ("requested-recount", "on_request", "all_candidates", "0.5", None),
            ("automatic-recount", "automatic", "top_two", "0.25", None),
            ("close-vote-recount", "on_request", "top_two", None, 2000),
            ("automatic-tight-recount", "automatic", "all_candidates", "0.1", 500),
        ]
        for rule_id, trigger, denominator, percent, votes in rng.sample(
            shapes, rng.choice((1, 1, 2, 2, 3))
        ):
            rule: dict[str, Any] = {
                "id": rule_id,
                "title": f"{trigger.replace('_', ' ').capitalize()} recount",
                "trigger": trigger,
                "margin_percent_at_most": Decimal(percent) if percent else None,
                "margin_votes_at_most": votes,
                "denominator": denominator,
                "applies_to": "certified",
                "request_window": "recount-request-window"
                if trigger == "on_request"
                else None,
                "citation": f"Election Code § {rng.randrange(100, 999)}"
                f"-{rng.randrange(10, 99)}",
            }
            rules.append(rule)
        return rules

    # -- candidates ----------------------------------------------------------

    def candidate_table(self, count: int) -> dict[str, Any]:
        rng = self.rng
        keys = rng.sample(LAST_NAMES, count)
        self.candidates = keys
        parties = list(self.where.parties)
        rng.shuffle(parties)
        return {
            key: Flow(
                name=f"{rng.choice(FIRST_NAMES)} {key}",
                party=parties[i % len(parties)],
            )
            for i, key in enumerate(keys)
        }

    # -- events --------------------------------------------------------------

    def _add(self, data: dict[str, Any], start: date, end: date, depth: int) -> None:
        event = Event(data["id"], start, end, depth, data)
        self.events.append(event)
        self.by_id[event.id] = event

    def _business(self, day: date, count: int) -> date:
        return add_business_days(day, count, self.where.country, self.where.subdivision)

    def core_events(self) -> None:
        """The calendar every contest has; every form of date rule appears."""
        rng, day = self.rng, self.election_day
        self._add(
            {
                "id": "filing-deadline",
                "title": "Candidates must file their nomination papers",
                "kind": "deadline",
                "date": Flow({"before": "election-day", "days": 90}),
                "time": "12:00",
            },
            day - timedelta(days=90),
            day - timedelta(days=90),
            1,
        )
        self._add(
            {"id": "election-day", "title": "Election day", "kind": "election",
             "date": day},
            day, day, 0,
        )  # fmt: skip
        canvass_end = self._business(day, 7)
        self._add(
            {
                "id": "canvass",
                "title": "Local boards canvass the returns",
                "kind": "other",
                "start": Flow(event="election-day"),
                "end": Flow(
                    {"after": "election-day", "business_days": 7, "stated": canvass_end}
                ),
            },
            day,
            canvass_end,
            1,
        )
        county_deadline = day + timedelta(days=10)
        stated = (
            county_deadline if rng.random() < 0.92 else county_deadline + timedelta(1)
        )
        self._add(
            {
                "id": "local-certification-deadline",
                "title": f"Each {self.where.unit_kind} must certify its result",
                "kind": "deadline",
                "date": Flow({"after": "election-day", "days": 10, "stated": stated}),
                "time": "17:00",
            },
            county_deadline,
            county_deadline,
            1,
        )
        deadline = day + timedelta(days=17)
        certified = deadline - timedelta(days=rng.choice((0, 0, 1, 2, 3)))
        if rng.random() < 0.05:
            certified = deadline + timedelta(days=1)  # a missed deadline
        audit_start = canvass_end
        audit_end = min(
            audit_start + timedelta(days=rng.randrange(3, 7)),
            max(audit_start, certified - timedelta(days=1)),
        )
        self._add(
            {
                "id": "audit",
                "title": "Post-election audit",
                "kind": "audit",
                "start": Flow(event="canvass", part="end"),
                "end": audit_end,
            },
            audit_start,
            audit_end,
            2,
        )
        self._add(
            {
                "id": "certification-deadline",
                "title": "The result must be certified",
                "kind": "deadline",
                "date": Flow({"after": "election-day", "days": 17}),
                "time": "17:00",
                "citation": f"Election Code § {rng.randrange(100, 999)}",
            },
            deadline,
            deadline,
            1,
        )
        self.certified_day = certified
        self._add(
            {
                "id": "certification",
                "title": "The result is certified",
                "kind": "certification",
                "date": certified,
                "deadline": "certification-deadline",
                "after": FlowList(["local-certification-deadline", "audit"]),
            },
            certified,
            certified,
            0,
        )
        window_end = self._business(certified, 2)
        self._add(
            {
                "id": "recount-request-window",
                "title": "The runner-up may request a recount",
                "kind": "window",
                "start": Flow(event="certification"),
                "end": Flow(
                    {"after": "certification", "business_days": 2, "stated": window_end}
                ),
                "end_time": "17:00",
            },
            certified,
            window_end,
            1,
        )

    def extra_events(self, count: int) -> None:
        """More events (local certifications, hearings, …), each form in turn."""
        rng = self.rng
        forms = ("literal", "event", "after-days", "after-business", "before", "span")
        kinds = ("certification", "deadline", "other", "audit", "window", "recount")
        for number in range(count):
            form = forms[number % len(forms)]
            anchor = rng.choice(
                [e for e in self.events[-40:] if e.depth < 4] or self.events[:9]
            )
            event_id = f"event-{number + 1:05d}"
            data: dict[str, Any] = {
                "id": event_id,
                "title": "",
                "kind": kinds[number % len(kinds)],
            }
            depth = anchor.depth + 1
            if form == "literal":
                start = end = anchor.end + timedelta(days=rng.randrange(0, 5))
                data["date"] = start
                depth = 0
                if rng.random() < 0.3 and anchor.id != event_id:
                    data["after"] = FlowList([anchor.id])
            elif form == "event":
                part = rng.choice(("start", "end")) if anchor.is_span else "start"
                start = end = anchor.end if part == "end" else anchor.start
                rule = Flow(event=anchor.id)
                if part == "end":
                    rule["part"] = "end"
                data["date"] = rule
            elif form == "after-days":
                days = rng.randrange(1, 15)
                start = end = anchor.end + timedelta(days=days)
                data["date"] = Flow({"after": anchor.id, "days": days})
                if rng.random() < 0.5:
                    data["date"]["stated"] = start
                data["time"] = rng.choice(("09:00", "12:00", "17:00"))
            elif form == "after-business":
                days = rng.randrange(1, 8)
                start = end = self._business(anchor.end, days)
                data["date"] = Flow({"after": anchor.id, "business_days": days})
                if rng.random() < 0.5:
                    data["date"]["stated"] = start
            elif form == "before":
                days = rng.randrange(1, 30)
                start = end = anchor.start - timedelta(days=days)
                data["date"] = Flow({"before": anchor.id, "days": days})
            else:
                length = rng.randrange(1, 6)
                start = anchor.end
                end = self._business(start, length)
                data["start"] = (
                    Flow(event=anchor.id, part="end")
                    if anchor.is_span
                    else Flow(event=anchor.id)
                )
                data["end"] = Flow({"after": anchor.id, "business_days": length})
            data["title"] = _event_title(rng, data["kind"], self.where.unit_kind)
            deadline = self.by_id["certification-deadline"].start
            if data["kind"] == "certification" and start <= deadline:
                data["deadline"] = "certification-deadline"
            self._add(data, start, end, depth)

    # -- sources and tallies -------------------------------------------------

    def moment(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), self.zone)

    def official_source(self, source_id: str, title: str, day: date) -> Source:
        source = Source(
            source_id,
            self.moment(day, 0),
            {
                "title": title,
                "publisher": f"{self.where.name} election authority",
                "published": day,
                "url": f"https://elections.example.org/{self.slug}/{source_id}",
            },
        )
        self.sources.append(source)
        return source

    def article(self, source_id: str, published: datetime) -> Source:
        rng = self.rng
        as_date = rng.random() < 0.4
        source = Source(
            source_id,
            self.moment(published.date(), 0) if as_date else published,
            {
                "title": rng.choice(HEADLINES).format(place=self.where.name),
                "publisher": rng.choice(PUBLISHERS),
                "published": published.date() if as_date else published,
                "document": f"{source_id}.txt",
            },
        )
        self.sources.append(source)
        return source

    def final_votes(self) -> dict[str, int]:
        rng = self.rng
        turnout = self.where.units * rng.randrange(4_000, 40_000)
        close = rng.random() < 0.2
        weights = [rng.uniform(0.3, 1.0) for _ in self.candidates[2:]]
        minor = int(turnout * rng.uniform(0.01, 0.06))
        minor_votes = (
            [int(minor * w / sum(weights)) for w in weights] if weights else []
        )
        major = turnout - sum(minor_votes)
        if close:
            gap = int(major * rng.uniform(0.0002, 0.004))
        else:
            gap = int(major * rng.uniform(0.01, 0.2))
        leader = (major + gap) // 2
        votes = {self.candidates[0]: leader, self.candidates[1]: major - leader}
        votes.update(zip(self.candidates[2:], minor_votes, strict=True))
        return votes

    def build_tallies(self, count: int) -> None:
        """Partial early snapshots, full counts, an audit, the certified result."""
        rng = self.rng
        final = self.final_votes()
        units = self.where.units
        official_count = self.official_source(
            "official-results", "Official results", self.election_day
        )
        certified_source = self.official_source(
            "certified-results", "Certified results", self.certified_day
        )
        start = self.moment(self.election_day, 21)
        end = self.moment(self.certified_day, 16)
        span = (end - start).total_seconds()
        reported_units = 0
        write_ins = rng.randrange(0, max(1, sum(final.values()) // 500))
        for number in range(count):
            last = number == count - 1
            fraction = (number + 1) / count
            as_of = end if last else start + timedelta(seconds=int(span * fraction**2))
            as_of = as_of.replace(second=0)
            if self.tallies and as_of <= self.tallies[-1].as_of:
                as_of = self.tallies[-1].as_of + timedelta(minutes=1)
            share = min(1.0, 0.35 + 0.65 * fraction)
            votes = (
                dict(final)
                if last
                else {
                    k: int(v * share * rng.uniform(0.995, 1.0))
                    for k, v in final.items()
                }
            )
            reported_units = min(units, max(reported_units, int(units * fraction)))
            if last:
                stage, reported_units = "certified", units
            elif number == count - 2 and count >= 4:
                stage = "audit"
            else:
                stage = "unofficial"
            partial = not last and stage == "unofficial" and rng.random() < 0.25
            tally_id = f"{stage}-{number + 1:05d}"
            data: dict[str, Any] = {
                "id": tally_id,
                "stage": stage,
                "as_of": as_of,
                "source": certified_source.id if last else official_count.id,
            }
            tally = Tally(tally_id, as_of, data, units=reported_units)
            total = sum(votes.values()) + (write_ins if last else 0)
            if partial and rng.random() < 0.5:
                leader = max(votes, key=lambda k: votes[k])
                runner = sorted(votes, key=lambda k: -votes[k])[1]
                tally.margin = (leader, votes[leader] - votes[runner])
                tally.total = total
                data["total"] = total
                data["margin"] = Flow(leader=leader, votes=tally.margin[1])
            elif partial:
                tally.total = total
                data["total"] = total
            else:
                tally.votes = votes
                data["votes"] = Flow(votes)
                if last or rng.random() < 0.5:
                    tally.total = total
                    data["total"] = total
            data["units_certified"] = reported_units
            self.tallies.append(tally)

    def build_articles(self, count: int) -> None:
        rng = self.rng
        first = self.tallies[0].as_of
        last = self.tallies[-1].as_of + timedelta(days=3)
        span = int((last - first).total_seconds())
        moments = sorted(
            first + timedelta(seconds=rng.randrange(span)) for _ in range(count)
        )
        for number, moment in enumerate(moments):
            self.article(f"article-{number + 1:05d}", moment.replace(second=0))
        if self.presidential:
            self.projection_day = self.election_day + timedelta(days=4)
            leader, runner = self.candidates[:2]
            self.electors = {leader: rng.randrange(270, 350)}
            self.electors[runner] = 538 - self.electors[leader]
            self.official_source(
                "electoral-projection", "Electoral College projection",
                self.projection_day,
            )  # fmt: skip

    # -- claims ----------------------------------------------------------------

    def tallies_until(self, moment: datetime) -> list[Tally]:
        """The tallies at or before `moment`, in time order."""
        if len(self._as_of) != len(self.tallies):
            self._as_of = [tally.as_of for tally in self.tallies]
        return self.tallies[: bisect_right(self._as_of, moment)]

    def figures(self, tally: Tally) -> tuple[dict[str, int], int] | None:
        if not tally.votes:
            return None
        total = tally.total if tally.total is not None else sum(tally.votes.values())
        return tally.votes, total

    def build_claims(self, count: int) -> None:
        metrics = (
            ["votes"] * 6 + ["share"] * 6 + ["margin"] * 4 + ["margin_percent"] * 3
            + ["total"] * 3 + ["units_certified"] * 3 + ["units_total"]
            + ["date"] * 4 + ["weekday"] * 5 + ["recount_eligible"] * 2
        )  # fmt: skip
        if self.presidential:
            metrics += ["electoral_votes", "electoral_surplus", "state_electoral_votes"]
        self.rng.shuffle(metrics)
        for number in range(count):
            metric = metrics[number % len(metrics)]
            claim = self.claim(f"claim-{number + 1:05d}", metric)
            self.claims.append(claim)

    def claim(self, claim_id: str, metric: str) -> dict[str, Any]:
        rng = self.rng
        if not self._articles:
            self._articles = [s for s in self.sources if s.id.startswith("article-")]
        articles = self._articles
        claim: dict[str, Any] = {"id": claim_id}
        wrong = rng.random() < 0.04
        if metric in {"date", "weekday"}:
            event = rng.choice(self.events)
            source = rng.choice(articles)
            part = rng.choice(("start", "end")) if event.is_span else None
            day = event.end if part == "end" else event.start
            if metric == "date":
                stated = (
                    (day + timedelta(days=1)).isoformat()
                    if wrong
                    else date_phrase(rng, day)
                )
                quote = f"The {event.data['title'].lower()} falls on {stated}."
            else:
                weekday = (day.weekday() + (1 if wrong else 0)) % 7
                stated = WEEKDAYS[weekday]
                quote = f"{event.data['title']} on {stated}, officials said."
            claim.update(source=source.id, quote=quote, metric=metric,
                         event=event.id, part=part, stated=stated)  # fmt: skip
            return self._pin(claim, wrong)
        if metric in {"units_total", "state_electoral_votes"}:
            value = (
                self.where.units
                if metric == "units_total"
                else self.where.electoral_votes
            )
            assert value is not None
            stated = grouped(value + (1 if wrong else 0))
            quote = (
                f"all {stated} of the state's {self.where.unit_kind}s"
                if metric == "units_total"
                else f"its {stated} electoral votes"
            )
            claim.update(
                source=rng.choice(articles).id,
                quote=quote,
                metric=metric,
                stated=stated,
            )
            return self._pin(claim, wrong)
        if metric in {"electoral_votes", "electoral_surplus"}:
            candidate = rng.choice(list(self.electors))
            value = self.electors[candidate]
            if metric == "electoral_surplus":
                value -= 270
            stated = grouped(value + (2 if wrong else 0))
            later = [
                s for s in articles
                if self.projection_day and s.published.date() > self.projection_day
            ]  # fmt: skip
            source = rng.choice(later or articles)
            claim.update(source=source.id,
                         quote=f"{candidate} is projected to win {stated} electors",
                         metric=metric, candidate=candidate, stated=stated)  # fmt: skip
            return self._pin(claim, wrong)

        # Metrics of a tally: name one, or let it default to the latest tally
        # at or before the article's publication.
        source = rng.choice(articles)
        named = rng.random() < 0.7
        before = self.tallies_until(source.published)
        if not before:  # published before the first tally: name one
            tally, named = rng.choice(self.tallies), True
        else:
            # Reporters mostly quote a snapshot with the full figures.
            full = [t for t in before[-20:] if t.votes]
            pool = full if full and rng.random() < 0.9 else before
            tally = rng.choice(pool) if named else before[-1]
        claim.update(source=source.id, metric=metric)
        if named:
            claim["tally"] = tally.id
        figures = self.figures(tally)
        candidate = rng.choice(self.candidates[: max(2, len(self.candidates) - 1)])
        stated, quote = self._tally_statement(metric, tally, figures, candidate, wrong)
        if metric in {"votes", "share", "margin", "margin_percent"}:
            claim["candidate"] = (
                tally.margin[0] if tally.margin and not figures else candidate
            )
        if metric == "recount_eligible":
            claim["rule"] = rng.choice(self.rules)["id"]
            stated, quote = self._recount_statement(tally, claim["rule"], wrong)
        claim["quote"] = quote
        claim["stated"] = stated
        unverifiable = figures is None and not (
            metric in {"total", "units_certified"}
            or (metric in {"margin", "margin_percent"} and tally.margin)
        )
        if unverifiable:
            claim["note"] = (
                "The snapshot named gives no figures for this; kept as written."
            )
            return claim
        return self._pin(claim, wrong)

    def _tally_statement(
        self,
        metric: str,
        tally: Tally,
        figures: tuple[dict[str, int], int] | None,
        candidate: str,
        wrong: bool,
    ) -> tuple[str, str]:
        rng = self.rng
        if metric == "total":
            total = tally.total if tally.total is not None else (
                sum(tally.votes.values()) if tally.votes else 1_000_000
            )  # fmt: skip
            stated = wrong_count(rng, total) if wrong else count_phrase(rng, total)
            return stated, f"with {stated} ballots counted so far"
        if metric == "units_certified":
            value = tally.units or 0
            stated = grouped(value + 1 if wrong else value)
            return stated, f"{stated} {self.where.unit_kind}s have certified"
        if metric == "margin" and figures is None and tally.margin:
            value = tally.margin[1]
            stated = wrong_count(rng, value) if wrong else count_phrase(rng, value)
            return stated, f"{tally.margin[0]} leads by {stated} votes"
        if metric == "margin_percent" and tally.margin and tally.total:
            percent = Decimal(tally.margin[1]) * 100 / Decimal(tally.total)
            stated = wrong_percent(percent) if wrong else percent_phrase(rng, percent)
            return stated, f"{tally.margin[0]} leads by {stated}"
        if figures is None:  # a partial tally: the claim stays unverifiable
            stated = "about 50%" if metric in {"share", "margin_percent"} else "12,000"
            return stated, f"{candidate} has {stated}, by one count"
        votes, total = figures
        others = sorted((v for k, v in votes.items() if k != candidate), reverse=True)
        opponent_votes = others[0]
        if metric == "votes":
            value = votes[candidate]
            stated = wrong_count(rng, value) if wrong else count_phrase(rng, value)
            return stated, f"{candidate} had {stated} votes"
        if metric == "share":
            share = Decimal(votes[candidate]) * 100 / Decimal(total)
            stated = wrong_percent(share) if wrong else percent_phrase(rng, share)
            if "points" in stated:
                stated = stated.replace(" percentage points", "%")
            return stated, f"{candidate} won {stated} of the vote"
        margin = votes[candidate] - opponent_votes
        if metric == "margin":
            stated = wrong_count(rng, margin) if wrong else count_phrase(rng, margin)
            return stated, f"{candidate}'s margin stood at {stated} votes"
        percent = Decimal(margin) * 100 / Decimal(total)
        stated = wrong_percent(percent) if wrong else percent_phrase(rng, percent)
        return stated, f"a margin of {stated} separated the top two"

    def _recount_statement(
        self, tally: Tally, rule_id: str, wrong: bool
    ) -> tuple[str, str]:
        rule = next(r for r in self.rules if r["id"] == rule_id)
        figures = self.figures(tally)
        if figures is None:
            return "yes", "close enough for a recount, the campaign said"
        votes, total = figures
        first, second = sorted(votes.values(), reverse=True)[:2]
        denominator = (
            total if rule["denominator"] == "all_candidates" else first + second
        )
        margin = first - second
        eligible = True
        if rule["margin_percent_at_most"] is not None:
            eligible &= (
                Decimal(margin) * 100 / Decimal(denominator)
                <= rule["margin_percent_at_most"]
            )
        if rule["margin_votes_at_most"] is not None:
            eligible &= margin <= rule["margin_votes_at_most"]
        answer = "yes" if eligible != wrong else "no"
        quote = (
            "the margin is within recount range"
            if answer == "yes"
            else "the margin is too wide for a recount"
        )
        return answer, quote

    def _pin(self, claim: dict[str, Any], wrong: bool) -> dict[str, Any]:
        if wrong and self.rng.random() < 0.5:
            claim["expect"] = "inconsistent"
            claim["note"] = "Known error in the source; a correction was requested."
        return claim

    # -- the file --------------------------------------------------------------

    def document(self, sizes: Sizes, candidates: int) -> str:
        election = self.election()
        candidate_table = self.candidate_table(candidates)
        self.core_events()
        self.extra_events(max(0, sizes.events - len(self.events)))
        self.build_tallies(sizes.tallies)
        self.build_articles(sizes.sources)
        self.build_claims(sizes.claims)
        self._attach_event_sources()
        content: dict[str, Any] = {
            "format": "certcli/1",
            "election": election,
        }
        if self.presidential:
            content["electoral_college"] = {
                "total": 538,
                "needed": 270,
                "projections": [
                    {
                        "as_of": self.projection_day,
                        "source": "electoral-projection",
                        "electors": Flow(self.electors),
                    }
                ],
            }
        content["candidates"] = candidate_table
        content["sources"] = {s.id: s.data for s in self.sources}
        content["events"] = [e.data for e in self.events]
        content["tallies"] = [t.data for t in self.tallies]
        content["claims"] = self.claims
        lines = [
            "# Synthetic contest written by bench/generate.py (not real results).",
        ]
        write_yaml(content, lines)
        return "\n".join(lines) + "\n"

    def _attach_event_sources(self) -> None:
        official = [s.id for s in self.sources if not s.id.startswith("article-")]
        for event in self.events:
            if self.rng.random() < 0.6:
                event.data["sources"] = FlowList([self.rng.choice(official)])


# --- workloads ------------------------------------------------------------------


def contest_file(seed: int, index: int, sizes: Sizes | None = None) -> tuple[str, str]:
    """(file name, YAML text) of the `index`-th contest of a newsroom repository."""
    rng = random.Random(f"{seed}:contest:{index}")
    where = ROTATION[index % len(ROTATION)]
    if sizes is None:
        sizes = Sizes(
            events=rng.randrange(8, 11),
            tallies=rng.randrange(5, 8),
            claims=rng.randrange(34, 47),
            sources=rng.randrange(5, 9),
        )
    builder = ContestBuilder(rng, where, index)
    text = builder.document(sizes, candidates=rng.choice((2, 3, 3, 4, 5)))
    return f"{builder.slug}.yaml", text


def large_file(seed: int, scale: float) -> str:
    """One contest with 20,000 claims, 2,000 tallies and 500 events, times scale."""
    rng = random.Random(f"{seed}:large:{scale}")
    sizes = Sizes(
        events=max(8, round(500 * scale)),
        tallies=max(4, round(2000 * scale)),
        claims=max(50, round(20000 * scale)),
        sources=max(4, round(2000 * scale)),
    )
    where = JURISDICTIONS[0]
    builder = ContestBuilder(rng, where, 0, presidential=True)
    return builder.document(sizes, candidates=4)


def write_repo(directory: Path, files: int, seed: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(files):
        name, text = contest_file(seed, index)
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="workload", required=True)
    repo = commands.add_parser("repo", help="a newsroom repository of contest files")
    repo.add_argument("directory", type=Path)
    repo.add_argument("--files", type=int, default=500)
    repo.add_argument("--seed", type=int, default=SEED)
    large = commands.add_parser("large", help="one large contest file")
    large.add_argument("file", type=Path)
    large.add_argument("--scale", type=float, default=1.0)
    large.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.workload == "repo":
        if args.files < 1:
            parser.error("--files must be at least 1")
        paths = write_repo(args.directory, args.files, args.seed)
        total = sum(p.stat().st_size for p in paths)
        print(
            f"{len(paths)} files, {total:,} bytes in {args.directory}", file=sys.stderr
        )
    else:
        if not args.scale > 0:
            parser.error("--scale must be positive")
        args.file.parent.mkdir(parents=True, exist_ok=True)
        text = large_file(args.seed, args.scale)
        args.file.write_text(text, encoding="utf-8")
        print(f"{len(text.encode()):,} bytes in {args.file}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
