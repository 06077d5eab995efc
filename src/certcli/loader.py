"""YAML → models, where every problem becomes a located `Problem`.

The YAML is read as a stream of parser events (ruamel.yaml, YAML 1.2) and built
into plain values here, so that each value keeps its line and column, duplicate
keys are refused, no tag can construct an object, and nothing is ever written
back. Hostile input is refused early and cheaply: the file's size, the number
of values, the nesting depth, the values that aliases expand to and the size of
numbers are all bounded (docs: "Hostile and broken input").
"""

from __future__ import annotations

import difflib
import io
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from certcli.errors import DataError, Problem, UsageError
from certcli.models import FORMAT, DataFile, Tally
from certcli.output import remember_input

if TYPE_CHECKING:
    from certcli.dates import Timeline

MAX_BYTES = 1024 * 1024  # a data file's size; CERTCLI_MAX_BYTES overrides it
BYTES_PER_VALUE = 20  # one key, value or alias per 20 bytes of the size limit
MIN_VALUES = 1_000  # ... but never fewer than this
MAX_DEPTH = 64  # nested mappings and lists, aliases included
MAX_ALIAS_VALUES = 10_000  # values that all aliases together expand to
MAX_DIGITS = 30  # digits of a number, and the largest exponent of a decimal

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {f"{_CORE}map", f"{_CORE}seq"}
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
# What YAML 1.2 does not allow in a stream (C0 and C1 controls but tab and line
# breaks, surrogates, U+FFFE and U+FFFF).
_NOT_YAML = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

Path_ = tuple[str | int, ...]
_KEY = "\0key"  # in a path: the key (not the value) of a mapping entry


@dataclass(frozen=True)
class Located:
    """A parsed file's plain values and where each of them was written."""

    file: str
    data: Any
    values: dict[Path_, tuple[int, int]]
    keys: dict[Path_, tuple[int, int]]
    # Mistakes found while reading that did not stop it (duplicate keys, keys
    # that are not text); `validate` reports them with all the others.
    problems: tuple[Problem, ...] = ()

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
    """`path` as written in messages: election.calendar, tallies[0].votes.Biden."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part == _KEY:
            text += "(key)"
        elif part.isprintable() and len(part) <= 60 and "[" not in part:
            text += f".{part}" if text else part
        else:
            text += f"[{shorten(part)}]"
    return text if len(text) <= 120 else f"{text[:58]}…{text[-58:]}"


def shorten(value: Any, width: int = 60) -> str:
    """repr() of a value, escaped and cut to `width` characters."""
    text = repr(value[: width + 1] if isinstance(value, str) else value)
    return text if len(text) <= width else text[: width - 2] + "…" + text[-1]


def max_bytes() -> int:
    """The size limit for a data file: CERTCLI_MAX_BYTES or 1 MiB."""
    value = os.environ.get("CERTCLI_MAX_BYTES", "").strip()
    if not value:
        return MAX_BYTES
    if not re.fullmatch(r"[0-9]{1,18}", value) or int(value) == 0:
        raise UsageError(
            "CERTCLI_MAX_BYTES must be a whole number of bytes above 0,"
            f" e.g. 2097152 for 2 MiB; found {shorten(value)}"
        )
    return int(value)


def max_values() -> int:
    """How many keys, values and aliases a file may hold (52,428 at 1 MiB).

    Bounds the parser's time and memory for token-dense input: at about 20
    bytes per value, a file of ordinary data reaches the size limit first.
    """
    return max(MIN_VALUES, max_bytes() // BYTES_PER_VALUE)


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def read_text(path: Path, display: str) -> str:
    """The file's text; refuses what is not a readable, bounded UTF-8 file.

    The file is opened without blocking (a FIFO with no writer would otherwise
    hang) and must be a regular file; at most the size limit plus one byte is
    ever read, whatever the file claims to be.
    """

    def fail(message: str, line: int = 1, column: int = 1) -> DataError:
        return DataError([Problem(display, line, column, "", message)])

    if path.is_dir():
        raise fail("is a directory; expected a YAML data file")
    limit = max_bytes()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise fail("no such file") from None
    except NotADirectoryError:
        raise fail("no such file (a part of the path is not a directory)") from None
    except PermissionError:
        raise fail("permission denied; cannot read the file") from None
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else err
        raise fail(f"cannot open the file ({reason})") from None
    try:
        status = os.fstat(handle)
        mode = status.st_mode
        remember_input(status.st_dev, status.st_ino)
        if stat.S_ISDIR(mode):
            raise fail("is a directory; expected a YAML data file")
        if not stat.S_ISREG(mode):
            raise fail(f"is not a regular file but {_file_kind(mode)}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise fail(f"cannot read the file ({err.strerror or err})") from None
    finally:
        os.close(handle)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise fail(
            f"file is larger than the limit of {limit} bytes"
            " (set CERTCLI_MAX_BYTES to raise it)"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise fail("file starts with a UTF-8 byte-order mark; save it without one")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        column = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        raise fail(
            f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8",
            raw.count(b"\n", 0, err.start) + 1,
            column,
        ) from None
    forbidden = _NOT_YAML.search(text)
    if forbidden:
        line, column = _line_and_column(text, forbidden.start())
        raise fail(
            f"character U+{ord(forbidden.group()):04X} is a control character,"
            " which YAML does not allow; remove it",
            line,
            column,
        )
    return text


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def parse_yaml(text: str, display: str) -> Located:
    """Plain values (dict, list, str, int, Decimal, bool, None) with locations.

    The events come from libyaml (ruamel.yaml.clib) when it is installed, which
    is some twenty times faster; a file libyaml cannot parse is parsed again by
    ruamel.yaml's own parser, so that syntax errors always read the same.
    """
    try:
        return _parse(text, display, pure=False)
    except _ParserFailed:
        return _parse(text, display, pure=True)


class _ParserFailed(Exception):
    """libyaml refused the text; the pure parser says why."""


def _parse(text: str, display: str, *, pure: bool) -> Located:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = YAML(typ="safe", pure=pure)
    yaml.version = (1, 2)
    builder = _Builder(display, max_values())
    try:
        builder.build(iter(yaml.parse(io.StringIO(text))))
    except (MarkedYAMLError, ReaderError, YAMLError) as err:
        if not pure:
            raise _ParserFailed from err
        raise DataError([_parser_problem(err, builder, text)]) from None
    except RecursionError:  # pragma: no cover - the builder bounds the depth
        problem = Problem(display, 1, 1, "", "YAML nested too deeply to read")
        raise DataError([problem]) from None
    return Located(
        display,
        builder.document,
        builder.values,
        builder.keys,
        tuple(builder.problems),
    )


def _parser_problem(err: Exception, builder: _Builder, text: str) -> Problem:
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(err, MarkedYAMLError):
        return _syntax_problem(err, builder)
    if isinstance(err, ReaderError):
        position = err.position if isinstance(err.position, int) else 0
        line, column = _line_and_column(text, min(max(position, 0), len(text)))
        return Problem(
            builder.file, line, column, "", f"cannot read YAML: {err.reason}"
        )
    return Problem(builder.file, 1, 1, "", f"YAML error: {err}")  # pragma: no cover


def _syntax_problem(err: Any, builder: _Builder) -> Problem:
    """A parser error at the parser's position, inside the value being built."""
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(err.problem or "").strip()
    if "'\\t'" in problem:
        message = "a tab character cannot indent YAML; indent with spaces"
    else:
        message = problem or "not valid YAML"
        context, start = err.context, err.context_mark
        if context and start is not None and err.problem_mark is not None:
            message += f" ({context} that starts at line {start.line + 1},"
            message += f" column {start.column + 1})"
        elif context:
            message += f" ({context})"
    return Problem(
        builder.file, line, column, dotted(builder.at), f"YAML syntax error: {message}"
    )


class _Refused(Exception):
    """Input that must not be built any further (it stops the whole file)."""

    def __init__(self, event: Any, path: Path_, message: str) -> None:
        super().__init__(message)
        self.where = _pos(event)
        self.path = path


@dataclass
class _Builder:
    """Builds plain values from parser events, recording where each one was.

    Problems that stop the file (a disallowed tag, too deep, too many values)
    raise at once; a duplicate key or a key that is not text is recorded, and
    building goes on so that the rest of the file is checked too.
    """

    file: str
    max_values: int
    document: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    anchors: dict[str, tuple[Any, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    at: Path_ = ()  # the collection or key whose content the parser is reading
    alias_values: int = 0
    nodes: int = 0
    documents: int = 0

    def build(self, events: Iterator[Any]) -> None:
        try:
            self._stream(events)
        except _Refused as refused:
            line, column = refused.where
            problem = Problem(
                self.file, line, column, dotted(refused.path), str(refused)
            )
            raise DataError([problem]) from None

    def _stream(self, events: Iterator[Any]) -> None:
        for event in events:
            name = type(event).__name__
            if name == "DocumentStartEvent":
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(
                        event, (), "a second YAML document (---); expected one"
                    )
            elif name in {"StreamStartEvent", "DocumentEndEvent", "StreamEndEvent"}:
                continue
            else:
                self.document, _ = self._node(event, events, (), 0)
            self.at = ()

    def _node(
        self, event: Any, events: Iterator[Any], path: Path_, depth: int
    ) -> tuple[Any, int]:
        """The value that starts with `event`, and its height (0 for a scalar)."""
        name = type(event).__name__
        self.nodes += 1
        if self.nodes > self.max_values:
            raise _Refused(
                event,
                path,
                f"more than {self.max_values} values in one file (one per 20"
                " bytes of the size limit; set CERTCLI_MAX_BYTES to raise it)",
            )
        if depth > MAX_DEPTH:
            raise _Refused(event, path, f"nested deeper than {MAX_DEPTH} levels")
        self.values[path] = _pos(event)
        if name == "AliasEvent":
            if event.anchor not in self.anchors:
                raise _Refused(
                    event, path, f"alias *{event.anchor} names no anchor before it"
                )
            value, height = self.anchors[event.anchor]
            if depth + height > MAX_DEPTH:
                raise _Refused(
                    event,
                    path,
                    f"alias *{event.anchor} nests deeper than {MAX_DEPTH} levels",
                )
            self._count_alias(value, event, path)
            return value, height
        tag = None if event.tag is None else str(event.tag)
        height = 0
        if name == "ScalarEvent":
            value = self._scalar(event, tag, path)
        elif name in {"MappingStartEvent", "SequenceStartEvent"}:
            if tag is not None and tag not in _COLLECTION_TAGS:
                raise _Refused(event, path, _tag_refusal(tag))
            if name == "MappingStartEvent":
                value, height = self._mapping(events, path, depth)
            else:
                value, height = self._sequence(events, path, depth)
        else:  # pragma: no cover - the parser yields no other event here
            raise _Refused(event, path, f"unexpected YAML event {name}")
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, height)
        return value, height

    def _mapping(
        self, events: Iterator[Any], path: Path_, depth: int
    ) -> tuple[dict[str, Any], int]:
        mapping: dict[str, Any] = {}
        height = 0
        self.at = path
        for event in events:
            if type(event).__name__ == "MappingEndEvent":
                return mapping, height + 1
            key, _ = self._node(event, events, (*path, _KEY), depth + 1)
            kept = True
            if not isinstance(key, str):
                kept = False
                self._record(event, path, _key_refusal(key))
                key = f"\0{self.nodes}"  # build the value, then drop it
            elif key == "<<" and not event.style:
                kept = False
                self._record(
                    event,
                    path,
                    "merge keys (<<) are not part of YAML 1.2; write the keys out",
                )
            elif key in mapping:
                kept = False
                first = self.keys[(*path, key)]
                self._record(
                    event,
                    (*path, key),
                    f"duplicate key {shorten(key)} (first at line {first[0]},"
                    f" column {first[1]})",
                )
                key = f"\0{self.nodes}"
            self.keys[(*path, key)] = _pos(event)
            self.at = (*path, key)
            value, below = self._node(next(events), events, (*path, key), depth + 1)
            height = max(height, below)
            if kept:
                mapping[key] = value
            self.at = path
        return mapping, height + 1  # pragma: no cover - the parser ends mappings

    def _sequence(
        self, events: Iterator[Any], path: Path_, depth: int
    ) -> tuple[list[Any], int]:
        items: list[Any] = []
        height = 0
        self.at = path
        for event in events:
            if type(event).__name__ == "SequenceEndEvent":
                return items, height + 1
            item, below = self._node(event, events, (*path, len(items)), depth + 1)
            items.append(item)
            height = max(height, below)
            self.at = path
        return items, height + 1  # pragma: no cover - the parser ends sequences

    def _record(self, event: Any, path: Path_, message: str) -> None:
        line, column = _pos(event)
        self.problems.append(Problem(self.file, line, column, dotted(path), message))

    def _scalar(self, event: Any, tag: str | None, path: Path_) -> Any:
        text: str = event.value
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            raise _Refused(event, path, _tag_refusal(tag))
        plain = not event.style and tag is None
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
            digits = text.lstrip("+-")
            if len(digits) > MAX_DIGITS:
                raise _Refused(event, path, _too_long(text))
            return int(text, 0) if text[:2] in {"0o", "0x"} else int(text)
        if (plain or tag == f"{_CORE}float") and _FLOAT.fullmatch(text):
            try:
                number = Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern forbids it
                pass
            else:
                exponent = number.as_tuple().exponent
                if (
                    len(number.as_tuple().digits) > MAX_DIGITS
                    or not isinstance(exponent, int)
                    or abs(number.adjusted()) > MAX_DIGITS
                    or abs(exponent) > 2 * MAX_DIGITS
                ):
                    raise _Refused(event, path, _too_long(text))
                return number
        if (plain or tag == f"{_CORE}float") and _SPECIAL_FLOAT.fullmatch(text):
            return Decimal(text.replace(".", ""))
        if plain:
            return text
        raise _Refused(event, path, f"{shorten(text)} is not a valid {tag}")

    def _count_alias(self, value: Any, event: Any, path: Path_) -> None:
        stack = [value]
        while stack:
            item = stack.pop()
            self.alias_values += 1
            if self.alias_values > MAX_ALIAS_VALUES:
                raise _Refused(
                    event,
                    path,
                    f"aliases expand to more than {MAX_ALIAS_VALUES} values"
                    " (a YAML alias bomb?)",
                )
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)


def _tag_refusal(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    return (
        f"tag {shorten(shown, 80)} is not allowed; certcli reads plain YAML values"
        " only (text, numbers, true/false, null, mappings and lists)"
    )


def _key_refusal(key: Any) -> str:
    if isinstance(key, (dict, list)):
        return f"expected a text key, found {_found(key)}"
    written = (
        "null" if key is None else str(key).lower() if isinstance(key, bool) else key
    )
    return f'expected a text key, found {_found(key)}; quote it: "{written}"'


def _too_long(text: str) -> str:
    return (
        f"number {shorten(text, 40)} is out of range (at most {MAX_DIGITS} digits,"
        f" exponents from -{MAX_DIGITS} to {MAX_DIGITS})"
    )


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

    @cached_property
    def timeline(self) -> Timeline:
        """Every event's resolved dates, worked out once (see `dates.resolve`);
        raises DataError when a date cannot be resolved."""
        from certcli.dates import resolve

        return resolve(self)

    @cached_property
    def tallies_by_id(self) -> dict[str, Tally]:
        return {tally.id: tally for tally in self.model.tallies}

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.model.election.timezone)

    @cached_property
    def _tallies_by_time(self) -> tuple[list[datetime], list[int]]:
        timed = sorted(
            (moment_of(tally.as_of, self.zone), i)
            for i, tally in enumerate(self.model.tallies)
        )
        return [m for m, _ in timed], [i for _, i in timed]

    @property
    def tally_indices_in_time(self) -> list[int]:
        """Positions of the tallies in the file, ordered by `as_of` (a date is
        00:00 local; ties keep file order)."""
        return list(self._tallies_by_time[1])

    @property
    def tallies_in_time(self) -> list[Tally]:
        """The tallies by `as_of` (a date is 00:00 local; ties keep file order)."""
        return [self.model.tallies[i] for i in self._tallies_by_time[1]]

    def latest_tally(self, value: date | datetime) -> Tally | None:
        """The latest tally at or before `value` (a date: the start of that day
        in the election's zone); of tallies at the same moment, the last listed."""
        moments, order = self._tallies_by_time
        position = bisect_right(moments, moment_of(value, self.zone))
        return self.model.tallies[order[position - 1]] if position else None


def moment_of(value: date | datetime, zone: ZoneInfo) -> datetime:
    """An aware moment; a date alone (or a naive date-time) is local to `zone`,
    a date at the start of that day."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.combine(value, time(0, 0), tzinfo=zone)


def load(path: str | os.PathLike[str], display: str | None = None) -> Contest:
    """Read, parse and validate a data file; raises DataError with every problem.

    A file whose dates cannot be resolved (a window that ends before it starts,
    a rule that leaves the calendar) is refused here too, so that every command
    refuses the same files with the same messages.
    """
    file = Path(path)
    shown = display if display is not None else str(path)
    located = parse_yaml(read_text(file, shown), shown)
    contest = validate(located)
    contest.timeline  # noqa: B018 - resolving the dates is part of loading
    return contest


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
        expected = f"expected a mapping that starts with format: {FORMAT}"
        message = (
            f"the file holds no data; {expected}"
            if data is None
            else f"{expected}, found {_found(data)}"
        )
        raise DataError([*located.problems, located.problem((), message)])
    problems: list[Problem] = list(located.problems)
    model = None
    try:
        model = DataFile.model_validate(data)
    except ValidationError as err:
        problems += _validation_problems(err, located)
    flagged = {problem.path for problem in problems}
    problems += [p for p in check_references(located) if p.path not in flagged]
    if problems or model is None:
        raise DataError(problems)
    return Contest(model, located)


_EXPECTED = {
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}
_PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": (
        "an id (letters, digits, '.', '_' and '-', starting with a letter or digit)"
    ),
    r"^[A-Z]{2,3}$": "a country code in capitals, e.g. US",
}
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+|[-+]?[0-9]+")


def _validation_problems(err: Any, located: Located) -> list[Problem]:
    problems = []
    for error in err.errors(include_url=False):
        loc: tuple[Any, ...] = error["loc"]
        path, at_key = _data_path(located.data, loc)
        kind = error["type"]
        if kind == "missing":
            # Named by its own path, located at the mapping that lacks it.
            path = (*path, str(loc[-1]))
            message = "required key is missing"
        elif kind == "extra_forbidden":
            message = _unknown_key(str(loc[-1]), _fields_at(located.data, path[:-1]))
            at_key = True
        else:
            message = _wrong_value(kind, error)
        problems.append(located.problem(path, message, key=at_key))
    return problems


def _unknown_key(key: str, allowed: list[str]) -> str:
    message = f"unknown key {shorten(key)}"
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        message += f"; did you mean {close[0]!r}?"
    if allowed:
        message += f" (allowed here: {', '.join(allowed)})"
    return message


def _wrong_value(kind: str, error: Any) -> str:
    """What was expected and what was found, for one pydantic error."""
    found = error.get("input")
    context = error.get("ctx") or {}
    if kind in {"value_error", "assertion_error"}:
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "date_expression":
        shown = (
            "a mapping without event, after or before"
            if isinstance(found, dict)
            else _found(found)
        )
        return f"{error['msg']}; found {shown}"
    if kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, found {_found(found)}"
        if kind.startswith("int") and isinstance(found, str):
            if _THOUSANDS.fullmatch(found.strip()):
                digits = found.strip().replace(",", "")
                message += f"; write the number without quotes or commas: {digits}"
        elif kind == "string_type" and isinstance(found, (int, Decimal, bool)):
            written = str(found).lower() if isinstance(found, bool) else str(found)
            message += f'; quote it: "{written}"'
        return message
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = {
            "greater_than_equal": ("of at least", "ge"),
            "less_than_equal": ("of at most", "le"),
            "greater_than": ("above", "gt"),
            "less_than": ("below", "lt"),
        }[kind]
        limit = f"{bound[0]} {context.get(bound[1])}"
        return f"expected a number {limit}, found {_found(found)}"
    if kind in {"enum", "literal_error"}:
        return f"expected {context.get('expected')}, found {_found(found)}"
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern"))
        expected = _PATTERNS.get(pattern, f"text matching {pattern}")
        return f"expected {expected}, found {_found(found)}"
    if kind == "string_too_long":
        return (
            f"expected at most {context.get('max_length')} characters,"
            f" found {len(found) if isinstance(found, str) else '?'}"
        )
    message = str(error["msg"])
    return f"{message[:1].lower()}{message[1:]}, found {_found(found)}"


def _found(value: Any) -> str:
    """A value from the file as messages show it: the number 4.5, the text 'x'."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {shorten(value)}"
    return shorten(value)  # pragma: no cover - the builder makes no other values


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


def _listing(names: list[str], most: int = 12) -> str:
    """Names for a message: at most `most` of them, then how many more."""
    if not names:
        return "none"
    shown = ", ".join(shorten(name)[1:-1] for name in names[:most])
    return shown if len(names) <= most else f"{shown}, … ({len(names) - most} more)"


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
            known = _listing(sorted(names[kind]))
            yield located.problem(
                path, f"unknown {kind} {shorten(value)} (known: {known})"
            )

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
                f"event {shorten(claim['event'])} has a single date; part needs a start"
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
        if isinstance(metric, str) and metric in metrics and isinstance(text, str):
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
        message = f"date rule refers to its own event {shorten(last)}"
    else:
        message = "date rules form a cycle: " + " → ".join(
            shorten(name)[1:-1] for name in [*loop, loop[0]]
        )
    expr = event[name]
    return located.problem((*paths[last], name, _anchor_key_of(expr)), message)
