"""Opening a results file: a regular file, without blocking, within the limit;
and reading one as CSV records.

Every reader opens its file here, so that each refuses the same things with the
same messages: a directory, a FIFO, a device or a socket (opened without
blocking, so a FIFO with no writer never hangs), and a file larger than
`max_results_bytes()` — both by its size on disk and by what is actually read,
for files whose size the system does not know.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from certcli.core.errors import DataError
from certcli.core.inputs import remember_input
from certcli.readers.base import max_results_bytes, refuse


def file_problem(display: str, message: str, line: int = 1) -> DataError:
    """A problem with the results file as a whole (or at one row), FILE:ROW."""
    return refuse(display, (line, 0), message)


def refusal(path: Path) -> str | None:
    """Why `path` cannot be read as a results file, or None when it can be.

    Looks without opening: a missing file, a directory, anything but a regular
    file, a file above the size limit.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        return "no such file"
    except NotADirectoryError:
        return "no such file (a part of the path is not a directory)"
    except PermissionError:
        return "permission denied; cannot read the file"
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else err
        return f"cannot read the file ({reason})"
    return _kind_refusal(status.st_mode, status.st_size)


def _kind_refusal(mode: int, size: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "is a directory; expected a results file"
    if stat.S_ISFIFO(mode):
        return "is not a regular file but a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is not a regular file but a device"
    if stat.S_ISSOCK(mode):
        return "is not a regular file but a socket"
    if not stat.S_ISREG(mode):  # pragma: no cover - no other kinds of file
        return "is not a regular file"
    limit = max_results_bytes()
    if size > limit:
        return _too_large(limit)
    return None


def _too_large(limit: int) -> str:
    return (
        f"file is larger than the limit of {limit} bytes for a results file"
        " (set CERTCLI_MAX_RESULTS_BYTES to raise it)"
    )


class _Bounded(io.RawIOBase):
    """A file descriptor that refuses to give more than `limit` bytes."""

    def __init__(self, handle: int, limit: int, display: str) -> None:
        self._handle = handle
        self._left = limit
        self._limit = limit
        self._display = display

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        wanted = min(len(view), self._left + 1)
        data = os.read(self._handle, wanted)
        if len(data) > self._left:
            raise file_problem(self._display, _too_large(self._limit))
        self._left -= len(data)
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self._handle)
        super().close()


@contextmanager
def open_results(path: Path, display: str) -> Iterator[BinaryIO]:
    """The results file as a buffered binary stream; DataError when it cannot be
    read (see the module). The file is remembered as an input, so that no `-o`
    of the same run replaces it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    reason = refusal(path)
    if reason is not None:
        raise file_problem(display, reason)
    try:
        handle = os.open(path, flags)
    except (OSError, ValueError) as err:
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        raise file_problem(display, f"cannot open the file ({why})") from None
    try:
        status = os.fstat(handle)
        reason = _kind_refusal(status.st_mode, status.st_size)
        if reason is not None:
            raise file_problem(display, reason)
        remember_input(status.st_dev, status.st_ino)
    except BaseException:
        os.close(handle)
        raise
    raw = _Bounded(handle, max_results_bytes(), display)
    stream = io.BufferedReader(raw, buffer_size=1 << 16)
    try:
        yield stream
    except OSError as err:
        raise file_problem(
            display, f"cannot read the file ({err.strerror or err})"
        ) from None
    finally:
        stream.close()


MAX_LINE_BYTES = 1024 * 1024  # one line of a CSV results file
BLOCK_BYTES = 256 * 1024  # read and decoded at once, in whole lines


def csv_records(
    path: Path, display: str, *, strict: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """The records of a CSV results file, each with the row it starts on (the
    first row is 1; a record whose quoted field holds line breaks spans rows).

    UTF-8 with or without a byte-order mark. Blank lines are passed over. A
    byte that is not UTF-8, a NUL byte, a line longer than MAX_LINE_BYTES
    (the CSV module would hold every field of it at once) and a CSV syntax
    error (with `strict`, bad quoting too) are DataErrors at their row.
    """
    lines = _Lines(display)
    with open_results(path, display) as stream:
        records = csv.reader(lines.of(stream), strict=strict)
        start = last_start = 1
        try:
            for record in records:
                if record and (len(record) > 1 or record[0].strip()):
                    yield start, record
                last_start, start = start, records.line_num + 1
        except csv.Error as err:
            message = f"CSV syntax error: {err}"
            if "new-line character seen in unquoted field" in str(err):
                # The csv module's own words ask for a Python open() mode.
                message = (
                    "CSV syntax error: a line ends in a carriage return alone (CR),"
                    " as in old Mac OS files; save the file with LF or CRLF line"
                    " endings"
                )
            raise file_problem(display, message, records.line_num) from None
        row = records.line_num
    if strict or not row:
        return
    # Without `strict` the CSV module ends a quoted field that the file never
    # closes at the end of the file, which hides a truncated file. The last
    # record's lines are read again only when it has several (a quoted line
    # break): most records are one line, the last one read.
    last = (
        [lines.last()] if last_start == row else _lines_from(path, display, last_start)
    )
    if _ends_in_quotes(last):
        raise file_problem(
            display,
            "CSV syntax error: a quoted field is not closed before the end of the"
            " file (is the file cut short?)",
            last_start,
        )


class _Lines:
    """The lines of a results file as text, read and decoded BLOCK_BYTES of
    whole lines at a time (one call each, not one per line); a block with a
    line too long or a byte that is not UTF-8 is read again line by line, so
    that the error names its row."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.rows = 0  # lines given so far
        self.text = ""  # the last block given, for `last`

    def of(self, stream: BinaryIO) -> Iterator[str]:
        return chain.from_iterable(self.blocks(stream))

    def blocks(self, stream: BinaryIO) -> Iterator[Iterable[str]]:
        read = stream.read
        # No longer than a line may be: then only a block's first line (with
        # what was carried over) can be too long.
        size = min(BLOCK_BYTES, MAX_LINE_BYTES)
        carry = b""
        while True:
            block = read(size)
            data = carry + block if carry else block
            if not block:  # the end: a last line without a line break
                if data:
                    yield self.block(data)
                return
            cut = data.rfind(b"\n") + 1
            if not cut:  # no line ends in it yet
                if len(data) > MAX_LINE_BYTES:
                    yield self.careful(data)  # refused at its row
                carry = data
                continue
            carry = data[cut:]
            yield self.block(data[:cut] if carry else data)

    def block(self, data: bytes) -> Iterable[str]:
        """The lines of `data` (whole lines; the last may lack its line break)."""
        if len(data) > MAX_LINE_BYTES and data.find(b"\n") + 1 > MAX_LINE_BYTES:
            return self.careful(data)  # its first line is too long
        if b"\0" in data:
            return self.careful(data)  # refused at the row of the NUL byte
        try:
            text = data.decode("utf-8-sig" if not self.rows else "utf-8")
        except UnicodeDecodeError:
            return self.careful(data)
        self.rows += data.count(b"\n") + (not data.endswith(b"\n"))
        self.text = text
        # Split at line feeds only, each line keeping its own: a carriage
        # return alone is left for the CSV module to see.
        return io.StringIO(text, newline="\n")

    def careful(self, data: bytes) -> Iterator[str]:
        """The lines of `data` one by one, each checked (see `_decoded`) as
        the CSV module comes to it."""
        stream = io.BytesIO(data)
        for raw in iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b""):
            self.rows += 1
            self.text = _decoded(raw, self.rows, self.display)
            yield self.text

    def last(self) -> str:
        """The last line given."""
        text = self.text
        return text[text.rfind("\n", 0, len(text) - 1) + 1 :]


def _decoded(raw: bytes, row: int, display: str) -> str:
    """One line of a CSV results file as text; DataError at its row when it is
    too long or not UTF-8."""
    if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
        raise file_problem(
            display,
            f"a line longer than {MAX_LINE_BYTES:,} bytes; a results file"
            " has one row per line",
            row,
        )
    if b"\0" in raw:
        # Valid UTF-8, and the csv module takes it; but no text table holds
        # one, and every other byte NUL is UTF-16 without its byte-order mark.
        utf16 = raw.count(b"\0") * 3 >= len(raw)
        raise file_problem(
            display,
            "a NUL byte (0x00), which a text file does not hold"
            + (
                ": the file looks like UTF-16 without a byte-order mark; save"
                " it as UTF-8"
                if utf16
                else ""
            ),
            row,
        )
    try:
        return raw.decode("utf-8-sig" if row == 1 else "utf-8")
    except UnicodeDecodeError as err:
        raise file_problem(
            display,
            f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8",
            row,
        ) from None


def _lines_from(path: Path, display: str, first: int) -> list[str]:
    """The lines of the file from row `first` to its end (already read once,
    so each is known to be short enough and UTF-8)."""
    found = []
    with open_results(path, display) as stream:
        for row, raw in enumerate(
            iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b""), 1
        ):
            if row >= first:
                found.append(_decoded(raw, row, display))
    return found


def _ends_in_quotes(lines: list[str]) -> bool:
    """Whether the record of these lines ends inside a quoted field."""
    try:
        for _ in csv.reader(lines, strict=True):
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False
