"""YAML with positions: a data file's text read into plain values that each
remember their line and column.

The YAML is read as a stream of parser events (ruamel.yaml, YAML 1.2) and built
into plain values here, so that each value keeps its line and column, duplicate
keys are refused, no tag can construct an object, and nothing is ever written
back. Hostile input is refused early and cheaply: the file's size, the number
of values, the nesting depth, the values that aliases expand to and the size of
numbers are all bounded (docs: "Hostile and broken input").
"""

from __future__ import annotations

import io
import itertools
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from certcli.core.environment import number_from_environment
from certcli.core.errors import DataError, KeyPath, Problem
from certcli.core.exact import MAX_DIGITS as EXACT_DIGITS
from certcli.core.inputs import remember_input
from certcli.core.text import shorten

MAX_BYTES = 1024 * 1024  # a data file's size; CERTCLI_MAX_BYTES overrides it
BYTES_PER_VALUE = 20  # one key, value or alias per 20 bytes of the size limit
MIN_VALUES = 1_000  # ... but never fewer than this
MAX_DEPTH = 64  # nested mappings and lists, aliases included
MAX_ALIAS_VALUES = 10_000  # values that all aliases together expand to
# digits of a number (certcli.core.exact), and the largest exponent of a decimal
MAX_DIGITS = EXACT_DIGITS

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

_KEY = "\0key"  # in a path: the key (not the value) of a mapping entry


@dataclass(frozen=True)
class Located:
    """A parsed file's plain values and where each of them was written."""

    file: str
    data: Any
    values: dict[KeyPath, tuple[int, int]]
    keys: dict[KeyPath, tuple[int, int]]
    # Mistakes found while reading that did not stop it (duplicate keys, keys
    # that are not text); `validate` reports them with all the others.
    problems: tuple[Problem, ...] = ()

    def where(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `path`, or its nearest parent."""
        table = self.keys if key and path in self.keys else self.values
        probe = path
        while probe not in table and probe:
            probe = probe[:-1]
            table = self.values
        return table.get(probe, (1, 1))

    def problem(self, path: KeyPath, message: str, *, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, dotted(path), message)


def dotted(path: KeyPath) -> str:
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


def describe_value(value: Any) -> str:
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


def max_bytes() -> int:
    """The size limit for a data file: CERTCLI_MAX_BYTES or 1 MiB."""
    limit = number_from_environment(
        "CERTCLI_MAX_BYTES", noun="bytes", example="2097152 for 2 MiB"
    )
    return MAX_BYTES if limit is None else limit


def max_values() -> int:
    """How many keys, values and aliases a file may hold (52,428 at 1 MiB).

    Bounds the parser's time and memory for token-dense input: at about 20
    bytes per value, a file of ordinary data reaches the size limit first.
    """
    return max(MIN_VALUES, max_bytes() // BYTES_PER_VALUE)


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def open_input(path: Path, display: str, expected: str) -> int:
    """An open file descriptor for a regular file that certcli reads as input.

    The file is opened without blocking (a FIFO with no writer would otherwise
    hang) and must be a regular file; it is remembered so that no output
    replaces it. `expected` names what the file should be ("a YAML data
    file"), for the message about a directory. The caller closes it.
    """

    def fail(message: str) -> DataError:
        return DataError([Problem(display, 1, 1, "", message)])

    if path.is_dir():
        raise fail(f"is a directory; expected {expected}")
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
            raise fail(f"is a directory; expected {expected}")
        if not stat.S_ISREG(mode):
            raise fail(f"is not a regular file but {_file_kind(mode)}")
    except OSError as err:
        os.close(handle)
        raise fail(f"cannot read the file ({err.strerror or err})") from None
    except BaseException:
        os.close(handle)
        raise
    return handle


def read_text(path: Path, display: str) -> str:
    """The file's text; refuses what is not a readable, bounded UTF-8 file,
    and what YAML does not allow in a stream."""
    text = read_utf8(path, display, "a YAML data file")
    if forbidden := _NOT_YAML.search(text):
        line, column = _line_and_column(text, forbidden.start())
        what = f"character U+{ord(forbidden.group()):04X} is a control character"
        message = f"{what}, which YAML does not allow; remove it"
        raise DataError([Problem(display, line, column, "", message)])
    return text


def read_utf8(path: Path, display: str, expected: str) -> str:
    """The text of a regular file (`open_input`; `expected` names what it
    should be) that is UTF-8 without a byte-order mark; at most the size limit
    plus one byte is ever read, whatever the file claims to be."""

    def fail(message: str, line: int = 1, column: int = 1) -> DataError:
        return DataError([Problem(display, line, column, "", message)])

    handle = open_input(path, display, expected)
    try:
        limit = max_bytes()
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


def _nothing_follows(events: Iterator[Any]) -> bool:
    """After a second `---`: whether that document is empty and ends the file,
    as a trailing `---` does. (A trailing `...` ends the first document and
    starts none, so it never gets here.)"""
    rest = list(itertools.islice(events, 3))
    names = [type(event).__name__ for event in rest]
    if names != ["ScalarEvent", "DocumentEndEvent", "StreamEndEvent"]:
        return False
    empty = rest[0]
    return bool(empty.value == "" and empty.tag is None and empty.implicit[0])


class _Refused(Exception):
    """Input that must not be built any further (it stops the whole file)."""

    def __init__(self, event: Any, path: KeyPath, message: str) -> None:
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
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    anchors: dict[str, tuple[Any, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    at: KeyPath = ()  # the collection or key whose content the parser is reading
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
                if self.documents > 1 and not _nothing_follows(events):
                    raise _Refused(
                        event, (), "a second YAML document (---); expected one"
                    )
            elif name in {"StreamStartEvent", "DocumentEndEvent", "StreamEndEvent"}:
                continue
            else:
                self.document, _ = self._node(event, events, (), 0)
            self.at = ()

    def _node(
        self, event: Any, events: Iterator[Any], path: KeyPath, depth: int
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
        self, events: Iterator[Any], path: KeyPath, depth: int
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
        self, events: Iterator[Any], path: KeyPath, depth: int
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

    def _record(self, event: Any, path: KeyPath, message: str) -> None:
        line, column = _pos(event)
        self.problems.append(Problem(self.file, line, column, dotted(path), message))

    def _scalar(self, event: Any, tag: str | None, path: KeyPath) -> Any:
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

    def _count_alias(self, value: Any, event: Any, path: KeyPath) -> None:
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
        return f"expected a text key, found {describe_value(key)}"
    written = (
        "null" if key is None else str(key).lower() if isinstance(key, bool) else key
    )
    return f'expected a text key, found {describe_value(key)}; quote it: "{written}"'


def _too_long(text: str) -> str:
    return (
        f"number {shorten(text, 40)} is out of range (at most {MAX_DIGITS} digits,"
        f" exponents from -{MAX_DIGITS} to {MAX_DIGITS})"
    )


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
