"""YAML → models, where every problem becomes a located `Problem`.

The YAML is read as a stream of parser events (ruamel.yaml, YAML 1.2) and built
into plain values here, so that each value keeps its line and column, duplicate
keys are refused, no tag can construct an object, nesting depth and alias
expansion stay bounded, and nothing is ever written back.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from certcli.errors import DataError, Problem
from certcli.models import FORMAT, DataFile

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_VALUES = 10_000

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {f"{_CORE}map", f"{_CORE}seq"}
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """A parsed file's plain values and where each of them was written."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]]
    keys: dict[Path_, tuple[int, int]]

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `path`, or its nearest parent."""
        table = self.keys if key and path in self.keys else self.values
        probe = path
        while probe not in table and probe:
            probe = probe[:-1]
            table = self.values
        return table.get(probe, (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, dotted(path), message)


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


def max_bytes() -> int:
    """The size limit for a data file: CERTCLI_MAX_BYTES or 16 MiB."""
    value = os.environ.get("CERTCLI_MAX_BYTES", "")
    return int(value) if value.isdigit() else MAX_BYTES


def read_text(path: Path, display: str) -> str:
    """The file's text; refuses what is not a readable, bounded UTF-8 file."""

    def fail(message: str, line: int = 1, column: int = 1) -> DataError:
        return DataError([Problem(display, line, column, "", message)])

    if path.is_dir():
        raise fail("is a directory; expected a YAML data file")
    limit = max_bytes()
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("permission denied; cannot read the file") from None
    except OSError as err:
        raise fail(f"cannot read the file ({err.strerror or err})") from None
    if len(raw) > limit:
        raise fail(
            f"file is larger than the limit of {limit} bytes"
            " (set CERTCLI_MAX_BYTES to raise it)"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("file starts with a UTF-8 byte-order mark; save it without one")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise fail(
            f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8",
            line,
            column,
        ) from None


def parse_yaml(text: str, display: str) -> Located:
    """Plain values (dict, list, str, int, Decimal, bool, None) with locations."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    builder = _Builder(display)
    try:
        builder.build(iter(yaml.parse(io.StringIO(text))))
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = " ".join(str(part) for part in (err.problem, err.context) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataError(
            [Problem(display, line, column, "", f"YAML syntax error: {message}")]
        ) from None
    except YAMLError as err:
        raise DataError([Problem(display, 1, 1, "", f"YAML error: {err}")]) from None
    except RecursionError:
        raise DataError(
            [Problem(display, 1, 1, "", "YAML nested too deeply to read")]
        ) from None
    return Located(display, builder.document, builder.values, builder.keys)


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.problem = (line, column, message)


@dataclass
class _Builder:
    """Builds plain values from parser events, recording where each one was."""

    file: str
    document: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    anchors: dict[str, Any] = field(default_factory=dict)
    alias_values: int = 0
    documents: int = 0

    def build(self, events: Iterator[Any]) -> None:
        try:
            self._stream(events)
        except _Refused as refused:
            line, column, message = refused.problem
            raise DataError([Problem(self.file, line, column, "", message)]) from None

    def _stream(self, events: Iterator[Any]) -> None:
        for event in events:
            name = type(event).__name__
            if name == "DocumentStartEvent":
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(
                        *_pos(event), "more than one YAML document; expected one"
                    )
            elif name in {"StreamStartEvent", "DocumentEndEvent", "StreamEndEvent"}:
                continue
            else:
                self.document = self._node(event, events, (), 0)

    def _node(self, event: Any, events: Iterator[Any], path: Path_, depth: int) -> Any:
        name = type(event).__name__
        if depth > MAX_DEPTH:
            raise _Refused(*_pos(event), f"nested deeper than {MAX_DEPTH} levels")
        self.values[path] = _pos(event)
        if name == "AliasEvent":
            if event.anchor not in self.anchors:
                raise _Refused(*_pos(event), f"unknown alias *{event.anchor}")
            value = self.anchors[event.anchor]
            self._count_alias(value, event)
            return value
        tag = None if event.tag is None else str(event.tag)
        if name == "ScalarEvent":
            value = self._scalar(event, tag)
        elif name in {"MappingStartEvent", "SequenceStartEvent"}:
            if tag is not None and tag not in _COLLECTION_TAGS:
                raise _Refused(*_pos(event), f"tag {tag} is not allowed")
            if name == "MappingStartEvent":
                value = self._mapping(events, path, depth)
            else:
                value = self._sequence(events, path, depth)
        else:  # pragma: no cover - the parser yields no other event here
            raise _Refused(*_pos(event), f"unexpected YAML event {name}")
        if event.anchor is not None:
            self.anchors[event.anchor] = value
        return value

    def _mapping(self, events: Iterator[Any], path: Path_, depth: int) -> Any:
        mapping: dict[str, Any] = {}
        for event in events:
            if type(event).__name__ == "MappingEndEvent":
                return mapping
            key = self._node(event, events, (*path, "\0key"), depth + 1)
            if not isinstance(key, str):
                raise _Refused(*_pos(event), f"a key must be text, got {key!r}")
            if key in mapping:
                first = self.keys[(*path, key)]
                raise _Refused(
                    *_pos(event),
                    f"duplicate key {key!r} (first at line {first[0]})",
                )
            self.keys[(*path, key)] = _pos(event)
            mapping[key] = self._node(next(events), events, (*path, key), depth + 1)
        return mapping

    def _sequence(self, events: Iterator[Any], path: Path_, depth: int) -> Any:
        items: list[Any] = []
        for event in events:
            if type(event).__name__ == "SequenceEndEvent":
                return items
            items.append(self._node(event, events, (*path, len(items)), depth + 1))
        return items

    def _scalar(self, event: Any, tag: str | None) -> Any:
        text: str = event.value
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            raise _Refused(*_pos(event), f"tag {tag} is not allowed")
        plain = event.style is None and tag is None
        if tag == f"{_CORE}str" or (not plain and tag is None) or tag == "!":
            return text
        if (plain or tag == f"{_CORE}null") and _NULL.fullmatch(text):
            return None
        if plain or tag == f"{_CORE}bool":
            if _TRUE.fullmatch(text):
                return True
            if _FALSE.fullmatch(text):
                return False
        if (plain or tag == f"{_CORE}int") and _INT.fullmatch(text):
            return int(text, 0) if text[:2] in {"0o", "0x"} else int(text)
        if (plain or tag == f"{_CORE}float") and _FLOAT.fullmatch(text):
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern forbids it
                pass
        if (plain or tag == f"{_CORE}float") and _SPECIAL_FLOAT.fullmatch(text):
            return Decimal(text.replace(".", ""))
        if plain:
            return text
        raise _Refused(*_pos(event), f"{text!r} is not a valid {tag}")

    def _count_alias(self, value: Any, event: Any) -> None:
        stack = [value]
        while stack:
            item = stack.pop()
            self.alias_values += 1
            if self.alias_values > MAX_ALIAS_VALUES:
                raise _Refused(
                    *_pos(event),
                    f"aliases expand to more than {MAX_ALIAS_VALUES} values",
                )
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


# --- models -------------------------------------------------------------------


@dataclass(frozen=True)
class Contest:
    """A loaded, valid data file: its model and where everything in it was."""

    model: DataFile
    located: Located

    @property
    def file(self) -> str:
        return self.located.file

    def where(self, path: Path_) -> tuple[int, int]:
        return self.located.where(path)


def load(path: str | os.PathLike[str], display: str | None = None) -> Contest:
    """Read, parse and validate a data file; raises DataError with every problem."""
    file = Path(path)
    shown = display if display is not None else str(path)
    located = parse_yaml(read_text(file, shown), shown)
    return validate(located)


def load_bundled() -> Contest:
    """The data file that ships with certcli (Georgia 2020, president)."""
    from importlib.resources import as_file, files

    with as_file(files("certcli") / "data" / "events.yaml") as bundled:
        return load(bundled, display=str(bundled))


def validate(located: Located) -> Contest:
    """Models from plain values, then the checks that need the whole file."""
    from pydantic import ValidationError

    data = located.data
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {_yaml_kind(data)}"
        raise DataError(
            [
                located.problem(
                    (), f"expected a mapping with format: {FORMAT}, found {found}"
                )
            ]
        )
    problems: list[Problem] = []
    model = None
    try:
        model = DataFile.model_validate(data)
    except ValidationError as err:
        problems = _validation_problems(err, located)
    flagged = {problem.path for problem in problems}
    problems += [p for p in check_references(located) if p.path not in flagged]
    if problems or model is None:
        raise DataError(problems)
    return Contest(model, located)


def _yaml_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    return "number" if isinstance(value, (int, Decimal)) else type(value).__name__


def _validation_problems(err: Any, located: Located) -> list[Problem]:
    problems = []
    for error in err.errors(include_url=False):
        loc: tuple[Any, ...] = error["loc"]
        path, at_key = _data_path(located.data, loc)
        kind = error["type"]
        if kind == "missing":
            message = f"missing required key {loc[-1]!r}"
        elif kind == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}"
            expected = _fields_at(located.data, path[:-1])
            if expected:
                message += f" (expected one of: {', '.join(expected)})"
            at_key = True
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            found = error.get("input")
            shown = kind == "date_expression" or not isinstance(found, (dict, list))
            if shown and repr(found) not in message and kind != "value_error":
                message += f", found {_found(found)}"
        problems.append(located.problem(path, message, key=at_key))
    return problems


def _found(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"a {'mapping' if isinstance(value, dict) else 'list'}"
    if isinstance(value, Decimal):
        return str(value)
    return "nothing" if value is None else repr(value)


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, bool]:
    """The part of a pydantic location that names real keys and indices."""
    path: list[str | int] = []
    current = data
    at_key = False
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int):
            if 0 <= part < len(current):
                path.append(part)
                current = current[part]
        elif part == "[key]":
            at_key = True
    return tuple(path), at_key


def _unwrap(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return [inner for arg in get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def _fields_at(data: Any, path: Path_) -> list[str]:
    """The keys allowed in the mapping at `path`, when the models say so."""
    current: list[Any] = [DataFile]
    for part in path:
        following: list[Any] = []
        for kind in current:
            origin = get_origin(kind)
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                if isinstance(part, str) and part in kind.model_fields:
                    following += _unwrap(kind.model_fields[part].annotation)
            elif origin is list and isinstance(part, int):
                following += _unwrap(get_args(kind)[0])
            elif origin is dict and isinstance(part, str):
                following += _unwrap(get_args(kind)[1])
        current = following
    models = [k for k in current if isinstance(k, type) and issubclass(k, BaseModel)]
    if len(models) > 1:
        value = data
        for part in path:
            value = value[part]
        present = set(value) if isinstance(value, dict) else set()
        models = [m for m in models if next(iter(m.model_fields)) in present]
    return list(models[0].model_fields) if len(models) == 1 else []


# --- references ---------------------------------------------------------------
#
# These run on the plain values, so that a file with a wrong type in one place
# still has its references checked everywhere else (all problems at once).


def _items(data: Any, *path: str) -> list[tuple[Path_, dict[str, Any]]]:
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

    def ref(kind: str, item: Any, key: Any, path: Path_) -> Iterator[Problem]:
        value = item.get(key) if isinstance(item, dict) else None
        if isinstance(value, str) and value not in names[kind]:
            known = ", ".join(sorted(names[kind])) or "none"
            yield located.problem(path, f"unknown {kind} {value!r} (known: {known})")

    for section in (
        ("events",),
        ("tallies",),
        ("claims",),
        ("election", "recount_rules"),
    ):
        seen: dict[str, Path_] = {}
        for path, item in _items(data, *section):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                line = located.where((*seen[item_id], "id"))[0]
                yield located.problem(
                    (*path, "id"), f"duplicate id {item_id!r} (first at line {line})"
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

    for path, claim in _items(data, "claims"):
        for key, kind in (
            ("source", "source"),
            ("candidate", "candidate"),
            ("opponent", "candidate"),
            ("tally", "tally"),
            ("event", "event"),
            ("rule", "recount rule"),
        ):
            yield from ref(kind, claim, key, (*path, key))
        target = events.get(str(claim.get("event")))
        if claim.get("part") is not None and target is not None and "date" in target:
            yield located.problem(
                (*path, "part"),
                f"event {claim['event']!r} has a single date; part needs a start"
                " and an end",
            )
        if claim.get("candidate") is not None and claim.get("candidate") == claim.get(
            "opponent"
        ):
            yield located.problem(
                (*path, "opponent"), "opponent must differ from candidate"
            )

    yield from _calendar_problems(located)
    yield from _cycles(located, events)
    yield from _stated_problems(located)


def _stated_problems(located: Located) -> Iterator[Problem]:
    """Each claim's `stated` must read as a value of its metric."""
    from certcli.models import Metric
    from certcli.stated import StatedError, Tolerances, parse_stated

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
        if metric in metrics and isinstance(text, str):
            try:
                parse_stated(str(metric), text, tolerances, near)
            except StatedError as err:
                yield located.problem((*path, "stated"), str(err))


def events_with_paths(data: Any) -> list[tuple[Path_, dict[str, Any]]]:
    return _items(data, "events")


def _calendar_problems(located: Located) -> Iterator[Problem]:
    from certcli.calendars import CalendarError, holiday_calendar

    election = located.data.get("election")
    calendar = election.get("calendar") if isinstance(election, dict) else None
    if not isinstance(calendar, dict) or not isinstance(calendar.get("country"), str):
        return
    subdivision = calendar.get("subdivision")
    try:
        holiday_calendar(
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
    paths: dict[str, Path_],
    loop: list[str],
) -> Problem:
    last = loop[-1]
    event = events[last]
    name = next(
        n for n in ("date", "start", "end") if _anchor_of(event.get(n)) == loop[0]
    )
    if len(loop) == 1:
        message = f"date rule refers to its own event {last!r}"
    else:
        message = "date rules form a cycle: " + " → ".join([*loop, loop[0]])
    expr = event[name]
    return located.problem((*paths[last], name, _anchor_key_of(expr)), message)
