"""The checks that need the whole file: every id a file names exists, date
rules form no cycle, holiday calendars are known, each claim's stated phrase
reads as its metric, local times exist once, ballots are no fewer than votes,
and reporting units name the tally's candidates. Each yields located
`Problem`s."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from certcli.core.errors import KeyPath, Problem
from certcli.core.text import did_you_mean, fold, listing, shorten
from certcli.datafile.located import Located


def _items(data: Any, *path: str) -> list[tuple[KeyPath, dict[str, Any]]]:
    value = data
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        return [((*path, i), v) for i, v in enumerate(value) if isinstance(v, dict)]
    if isinstance(value, dict):
        return [((*path, k), v) for k, v in value.items() if isinstance(v, dict)]
    return []


def _ids(data: Any, *path: str) -> set[str]:
    return {
        str(item["id"]) if isinstance(item, dict) and "id" in item else str(where[-1])
        for where, item in _items(data, *path)
    }


_ANCHOR_KEYS = ("event", "after", "before")


def _anchor_of(expr: Any) -> str | None:
    if isinstance(expr, dict):
        for key in _ANCHOR_KEYS:
            if isinstance(expr.get(key), str):
                return str(expr[key])
    return None


def _anchor_key_of(expr: Any) -> str:
    return next((key for key in _ANCHOR_KEYS if key in expr), "event")


def check_references(located: Located) -> Iterator[Problem]:
    """Every id a file names must exist; date rules must not form a cycle."""
    data = located.data
    events = {str(e.get("id")): e for _, e in _items(data, "events")}
    names = {
        "candidate": {str(k) for k in (data.get("candidates") or {})}
        if isinstance(data.get("candidates"), dict)
        else set(),
        "event": set(events),
        "tally": _ids(data, "tallies"),
        "source": {str(k) for k in data.get("sources") or {}}
        if isinstance(data.get("sources"), dict)
        else set(),
        "recount rule": _ids(data, "election", "recount_rules"),
    }

    def ref(kind: str, item: Any, key: Any, path: KeyPath) -> Iterator[Problem]:
        value = item.get(key) if isinstance(item, dict) else None
        if isinstance(value, str) and value not in names[kind]:
            known = listing(sorted(names[kind]))
            yield located.problem(
                path,
                f"unknown {kind} {shorten(value)}"
                + did_you_mean(value, names[kind])
                + f" (known: {known})",
            )

    for section in (
        ("events",),
        ("tallies",),
        ("claims",),
        ("election", "recount_rules"),
    ):
        seen: dict[str, KeyPath] = {}
        for path, item in _items(data, *section):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                line, column = located.where((*seen[item_id], "id"))
                yield located.problem(
                    (*path, "id"),
                    f"duplicate id {shorten(item_id)}"
                    f" (first at line {line}, column {column})",
                )
            seen.setdefault(item_id, path)

    for path, rule in _items(data, "election", "recount_rules"):
        yield from ref("event", rule, "request_window", (*path, "request_window"))

    for path, projection in _items(data, "electoral_college", "projections"):
        yield from ref("source", projection, "source", (*path, "source"))
        electors = projection.get("electors")
        for name in electors if isinstance(electors, dict) else ():
            yield from ref("candidate", {"c": name}, "c", (*path, "electors", name))

    for path, event in events_with_paths(data):
        yield from ref("event", event, "deadline", (*path, "deadline"))
        for key, kind in (("after", "event"), ("sources", "source")):
            values = event.get(key)
            for i, value in enumerate(values if isinstance(values, list) else ()):
                yield from ref(kind, {"v": value}, "v", (*path, key, i))
        for name in ("date", "start", "end"):
            expr = event.get(name)
            if _anchor_of(expr) is not None:
                key = _anchor_key_of(expr)
                yield from ref("event", expr, key, (*path, name, key))

    for path, tally in _items(data, "tallies"):
        yield from ref("source", tally, "source", (*path, "source"))
        votes = tally.get("votes")
        for name in votes if isinstance(votes, dict) else ():
            yield from ref("candidate", {"c": name}, "c", (*path, "votes", name))
        margin = tally.get("margin")
        if isinstance(margin, dict):
            for key in ("leader", "opponent"):
                yield from ref("candidate", margin, key, (*path, "margin", key))
        yield from _unit_references(located, path, tally, names["candidate"])

    for path, claim in _items(data, "claims"):
        for key, kind in (
            ("source", "source"),
            ("candidate", "candidate"),
            ("opponent", "candidate"),
            ("tally", "tally"),
            ("event", "event"),
            ("rule", "recount rule"),
            ("from_tally", "tally"),
        ):
            yield from ref(kind, claim, key, (*path, key))
        target = events.get(str(claim.get("event")))
        if claim.get("part") is not None and target is not None and "date" in target:
            yield located.problem(
                (*path, "part"),
                f"event {shorten(claim['event'])} has a single date; part needs a start"
                " and an end",
            )
        if claim.get("candidate") is not None and claim.get("candidate") == claim.get(
            "opponent"
        ):
            yield located.problem(
                (*path, "opponent"), "opponent must differ from candidate"
            )

    yield from _ballot_problems(located)
    yield from _calendar_problems(located)
    yield from _cycles(located, events)
    yield from _stated_problems(located)
    yield from _local_moment_problems(located)
    yield from _duration_and_leader_problems(located, events, names)


_NAIVE_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?")


def _local_moment_problems(located: Located) -> Iterator[Problem]:
    """A date-time without a UTC offset is local to the election's zone: it
    must exist there, and happen once (else the offset must be written)."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from certcli.calendar.rules import occurrences, raw_text, utc_offset

    data = located.data
    election = data.get("election")
    name = election.get("timezone") if isinstance(election, dict) else None
    try:
        zone = ZoneInfo(name) if isinstance(name, str) else None
    except (ValueError, OSError, LookupError):
        zone = None
    if zone is None:
        return
    places: list[KeyPath] = [(*path, "as_of") for path, _ in _items(data, "tallies")]
    places += [
        (*path, "as_of") for path, _ in _items(data, "electoral_college", "projections")
    ]
    sources = data.get("sources")
    if isinstance(sources, dict):
        places += [("sources", key, "published") for key in sources]
    for path in places:
        value = raw_text(located, path)
        match = _NAIVE_MOMENT.fullmatch(value)
        if match is None:
            continue
        try:
            naive = datetime.fromisoformat(
                f"{match[1]}T{match[2]}:{match[3]}:{match[4] or '00'}"
            )
        except ValueError:
            continue  # not a date-time: the model says so
        first, second = occurrences(naive, zone)
        if first is None:
            meant = naive.replace(tzinfo=zone).astimezone(timezone.utc).astimezone(zone)
            yield located.problem(
                path,
                f"{value!r} does not exist in {zone.key}: the clocks go forward"
                f" that night and skip it; write the time meant with its UTC"
                f" offset, e.g. '{meant.isoformat()}'",
            )
        elif second is not None:
            yield located.problem(
                path,
                f"{value!r} happens twice in {zone.key} (first {first.tzname()},"
                f" then {second.tzname()}, when the clocks go back); add the UTC"
                f" offset: '{value}{utc_offset(first.utcoffset())}' or"
                f" '{value}{utc_offset(second.utcoffset())}'",
            )


def _ballot_problems(located: Located) -> Iterator[Problem]:
    """A tally's `ballots` cannot be fewer than its votes or its total: every
    vote is on a ballot (blank and over-voted ballots only add to them)."""

    def count(value: Any) -> int | None:
        is_count = isinstance(value, int) and not isinstance(value, bool)
        return value if is_count and value >= 0 else None

    for path, tally in _items(located.data, "tallies"):
        ballots = count(tally.get("ballots"))
        if ballots is None:
            continue
        votes = tally.get("votes")
        counts = [count(v) for v in votes.values()] if isinstance(votes, dict) else []
        summed = sum(c for c in counts if c is not None)
        total = count(tally.get("total"))
        if summed > ballots:
            yield located.problem(
                (*path, "ballots"),
                f"{ballots:,} ballots are fewer than the {summed:,} votes of the"
                " tally's candidates",
            )
        elif total is not None and total > ballots:
            yield located.problem(
                (*path, "ballots"),
                f"{ballots:,} ballots are fewer than the tally's total of"
                f" {total:,} votes",
            )


def _duration_and_leader_problems(
    located: Located, events: dict[str, dict[str, Any]], names: dict[str, set[str]]
) -> Iterator[Problem]:
    """A duration's `from` and `to` name events (their parts only of spans); a
    leader claim's `stated` names a candidate, by key or by name."""
    data = located.data
    candidates = data.get("candidates")
    # every key and full name, as candidate names are compared (text.fold),
    # with the candidates each one fits
    spelled: dict[str, set[str]] = {}
    for key in names["candidate"]:
        spelled.setdefault(fold(str(key)), set()).add(str(key))
    for key, entry in candidates.items() if isinstance(candidates, dict) else ():
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            spelled.setdefault(fold(entry["name"]), set()).add(str(key))
    for path, claim in _items(data, "claims"):
        for key, part in (("from", "from_part"), ("to", "to_part")):
            value = claim.get(key)
            if not isinstance(value, str):
                continue
            if value not in names["event"]:
                known = listing(sorted(names["event"]))
                yield located.problem(
                    (*path, key),
                    f"unknown event {shorten(value)}"
                    + did_you_mean(value, names["event"])
                    + f" (known: {known})",
                )
            elif claim.get(part) is not None and "date" in events[value]:
                yield located.problem(
                    (*path, part),
                    f"event {shorten(value)} has a single date; {part} needs a start"
                    " and an end",
                )
        stated = claim.get("stated")
        if (
            claim.get("metric") != "leader"
            or not isinstance(stated, str)
            or not stated.strip()  # an empty one is the stated grammar's error
            or stated in names["candidate"]
        ):
            continue
        fits = spelled.get(fold(stated), set())
        if not fits:
            known = listing(sorted(names["candidate"]))
            yield located.problem(
                (*path, "stated"),
                f"{shorten(stated)} is not a candidate of the file; a leader claim"
                f" states a candidate's key or name (known: {known})",
            )
        elif len(fits) > 1:
            yield located.problem(
                (*path, "stated"),
                f"{shorten(stated)} fits {len(fits)} candidates"
                f" ({', '.join(sorted(fits))}); state the key",
            )


def _stated_problems(located: Located) -> Iterator[Problem]:
    """Each claim's `stated` must read as a value of its metric."""
    from certcli.datafile.metrics import Metric, parse_stated
    from certcli.datafile.stated import StatedError, Tolerances

    data = located.data
    policy = data.get("policy")
    try:
        tolerances = Tolerances(
            **{
                key: Decimal(value)
                for key, value in (policy if isinstance(policy, dict) else {}).items()
                if key in {"about", "almost_exactly", "nearly", "just_over"}
            }
        )
    except (ValueError, TypeError, ArithmeticError):
        tolerances = Tolerances()  # the model reports the bad policy value
    election = data.get("election")
    day = election.get("election_day") if isinstance(election, dict) else None
    try:
        near = date.fromisoformat(day) if isinstance(day, str) else date.today()
    except ValueError:
        near = date.today()
    metrics = {metric.value for metric in Metric}
    for path, claim in _items(data, "claims"):
        metric, text = claim.get("metric"), claim.get("stated")
        if isinstance(metric, str) and metric in metrics and isinstance(text, str):
            try:
                parse_stated(str(metric), text, tolerances, near)
            except StatedError as err:
                yield located.problem((*path, "stated"), str(err))


def events_with_paths(data: Any) -> list[tuple[KeyPath, dict[str, Any]]]:
    return _items(data, "events")


def _calendar_problems(located: Located) -> Iterator[Problem]:
    from certcli.calendar.business_days import CalendarError, check_calendar

    election = located.data.get("election")
    calendar = election.get("calendar") if isinstance(election, dict) else None
    if not isinstance(calendar, dict) or not isinstance(calendar.get("country"), str):
        return
    subdivision = calendar.get("subdivision")
    try:
        check_calendar(
            calendar["country"], subdivision if isinstance(subdivision, str) else None
        )
    except CalendarError as err:
        yield located.problem(("election", "calendar", err.field), str(err))


def _cycles(located: Located, events: dict[str, dict[str, Any]]) -> Iterator[Problem]:
    """Date rules that lead back to their own event, each cycle reported once."""
    paths = {str(e.get("id")): p for p, e in events_with_paths(located.data)}
    edges = {
        event_id: [
            anchor
            for name in ("date", "start", "end")
            if (anchor := _anchor_of(event.get(name))) in events
        ]
        for event_id, event in events.items()
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in events:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(edges[start]))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                trail.pop()
                state[node] = 2
            elif state.get(child) == 1:
                loop = trail[trail.index(child) :]
                yield _cycle_problem(located, events, paths, loop)
            elif state.get(child) is None:
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(edges[child])))


def _cycle_problem(
    located: Located,
    events: dict[str, dict[str, Any]],
    paths: dict[str, KeyPath],
    loop: list[str],
) -> Problem:
    last = loop[-1]
    event = events[last]
    name = next(
        n for n in ("date", "start", "end") if _anchor_of(event.get(n)) == loop[0]
    )
    if len(loop) == 1:
        message = f"date rule refers to its own event {shorten(last)}"
    else:
        message = "date rules form a cycle: " + " → ".join(
            shorten(name)[1:-1] for name in [*loop, loop[0]]
        )
    expr = event[name]
    return located.problem((*paths[last], name, _anchor_key_of(expr)), message)


def _unit_references(
    located: Located, path: KeyPath, tally: dict[str, Any], candidates: set[str]
) -> Iterator[Problem]:
    """A unit's figures name candidates (or `other`, `total`); so do the keys of
    a results mapping."""
    from certcli.datafile.models import OTHER, UNIT_TOTAL

    known = listing(sorted(candidates))
    units = tally.get("units")
    if isinstance(units, dict) and units:
        reserved = sorted(candidates & {OTHER, UNIT_TOTAL})
        if reserved:
            yield located.problem(
                (*path, "units"),
                f"candidate key {', '.join(reserved)} cannot be told apart from a"
                " unit's other or total; rename the candidate",
            )
        for unit, figures in units.items():
            for key in figures if isinstance(figures, dict) else ():
                if key not in candidates and key not in (OTHER, UNIT_TOTAL):
                    yield located.problem(
                        (*path, "units", unit, key),
                        f"unknown candidate {shorten(key)}"
                        + did_you_mean(str(key), candidates)
                        + f" (known: {known}; besides them a unit may give other"
                        " and total)",
                        key=True,
                    )
    results = tally.get("results")
    mapping = results.get("candidates") if isinstance(results, dict) else None
    for key in mapping if isinstance(mapping, dict) else ():
        if key not in candidates:
            yield located.problem(
                (*path, "results", "candidates", key),
                f"unknown candidate {shorten(key)}"
                + did_you_mean(str(key), candidates)
                + f" (known: {known})",
                key=True,
            )
