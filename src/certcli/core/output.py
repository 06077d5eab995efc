"""Where output goes, decided by what the output path is.

* No `-o`, `-o -`, `/dev/stdout`, `/dev/fd/N` (and `/proc/self/fd/N`): written
  to that open stream, in place.
* A device (`/dev/null`, a terminal) or a FIFO: opened and written in place,
  never replaced, so the device stays a device and the reader gets the data.
* A regular file or a new path: written atomically (a temporary file in the
  same directory, then a rename). A symlink is followed and its target is
  replaced; the link stays a link.

Machine formats are always UTF-8 bytes; human text on a stream is encoded as
that stream can (ASCII look-alikes, else `?`), so an odd locale never makes a
run fail. A write that fails (a full disk, a closed stdout) is a UsageError:
`cannot write: No space left on device`, exit code 2.

certcli never modifies what it is given: a file that was read as data is
remembered (by device and inode), and `-o` refuses to replace it.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from certcli.core import streams
from certcli.core.errors import UsageError
from certcli.core.inputs import is_input


def write_atomically(
    path: Path,
    content: str | bytes,
    *,
    shown: Path | None = None,
    replace: bool = True,
) -> None:
    """Write `content` to `path` so that a reader sees the old file or the new one.

    The temporary file lives in the same directory (so the rename is atomic on
    one file system), is flushed and synced, and is removed if anything fails,
    an interruption included; the old file is then untouched. A path that
    cannot be written is a UsageError (exit code 2), as is a data file that
    certcli read in this run. Messages name the file as `shown` (the path the
    user gave) when given. With `replace=False` a file that is there (or
    appears meanwhile) is never replaced: the new file is linked into place,
    which fails when the name exists, and that is a UsageError.
    """
    data = utf8(content) if isinstance(content, str) else content
    import tempfile

    name = shown if shown is not None else path
    try:
        existing = path.stat()
    except OSError:
        existing = None
    if existing is not None and is_input(existing.st_dev, existing.st_ino):
        raise UsageError(
            f"-o {name} is a file certcli read in this run; certcli never"
            " overwrites its input, choose another output file"
        )
    directory = path.parent if str(path.parent) else Path(".")
    # `.NAME.XXXXXXXX.tmp` adds 14 bytes to the name: a name near the limit of
    # 255 bytes gets a short temporary name instead.
    prefix = f".{path.name}."
    if len(os.fsencode(prefix)) + len(TEMPORARY_SUFFIX) + 8 > MAX_NAME_BYTES:
        prefix = ".certcli."
    with _signals_raise():
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=prefix, suffix=TEMPORARY_SUFFIX, dir=directory
            )
        except OSError as err:
            raise UsageError(f"cannot write {name}: {err.strerror or err}") from None
        _fill_and_rename(handle, temporary, path, data, existing, name, replace)
    _sync_directory(directory)


TEMPORARY_SUFFIX = ".tmp"
MAX_NAME_BYTES = 255  # of one file name, on the usual file systems
# Signals that end a process which, with their default action, would leave the
# temporary file behind (SIGINT raises KeyboardInterrupt already).
_TERMINATING = ("SIGTERM", "SIGHUP")


class _Signalled(BaseException):
    """A terminating signal arrived while the output was written."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise `_Signalled`, so that the
    block can clean up; then the process ends by the same signal, as it would
    have without certcli's handler."""
    import signal

    def handler(received: int, frame: object) -> None:
        raise _Signalled(received)

    previous: dict[int, Any] = {}
    for signal_name in _TERMINATING:
        number = getattr(signal, signal_name, None)
        if number is None:  # pragma: no cover - not on Windows
            continue
        try:
            if signal.getsignal(number) == signal.SIG_IGN:
                continue  # ignored (nohup): it ends nothing, so it stays so
            previous[number] = signal.signal(number, handler)
        except ValueError:  # pragma: no cover - not the main thread
            break
    try:
        yield
    except _Signalled as stop:
        _restore(previous)
        if previous.get(stop.number) in (signal.SIG_DFL, None):
            os.kill(os.getpid(), stop.number)  # ends the process as the signal does
        raise
    finally:
        _restore(previous)


def _restore(handlers: dict[int, Any]) -> None:
    import signal

    for number, handler in handlers.items():
        signal.signal(number, signal.SIG_DFL if handler is None else handler)


def _fill_and_rename(
    handle: int,
    temporary: str,
    path: Path,
    data: bytes,
    existing: os.stat_result | None,
    name: Path,
    replace: bool = True,
) -> None:
    """Write the temporary file, give it its mode and rename it over `path`
    (or, without `replace`, link it there unless the name exists); remove it
    when anything fails or interrupts."""
    try:
        try:
            write_all(lambda view: os.write(handle, view), data)
            os.fsync(handle)
        finally:
            os.close(handle)
        if existing is not None:
            os.chmod(temporary, existing.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        if replace:
            os.replace(temporary, path)
        else:
            _link_into_place(temporary, path)
    except BaseException as err:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(err, FileExistsError):
            raise UsageError(
                f"{name} exists; it is never replaced (choose another name, or"
                " remove it)"
            ) from None
        if isinstance(err, OSError):
            raise UsageError(f"cannot write {name}: {err.strerror or err}") from None
        raise


def _link_into_place(temporary: str, path: Path) -> None:
    """Put the written temporary file at `path` unless that name exists: a
    hard link, which fails when it does. A file system without hard links
    (FAT, some network shares) takes the name with an exclusive create
    instead, then the whole file is renamed over that empty placeholder."""
    try:
        os.link(temporary, path)
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:  # EEXIST among the rest
            raise
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.replace(temporary, path)
        return
    os.unlink(temporary)


# What link() fails with where the file system has no hard links.
_NO_HARD_LINKS = {
    getattr(errno, name)
    for name in ("EPERM", "EOPNOTSUPP", "ENOTSUP", "ENOSYS", "EMLINK")
    if hasattr(errno, name)
}


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the system allows it (best effort)."""
    if os.name != "posix":  # pragma: no cover - directories cannot be opened
        return
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


# Paths that name an open file descriptor of this process.
_DESCRIPTOR = re.compile(
    r"/dev/(stdin|stdout|stderr)|/dev/fd/(\d+)|/proc/self/fd/(\d+)"
)
_STANDARD = {"stdin": 0, "stdout": 1, "stderr": 2}
_MAX_LINKS = 40

# What a human format degrades to on a stream that cannot encode it. What
# tables hold is one character wide, as the original, so that columns stay
# aligned (a window's end, "→ Tue 2020-11-24", is in the timeline's first).
_FALLBACKS = {
    "\u2192": ">",  # →
    "\u25b6": ">",  # ▶
    "\u00b7": "-",  # ·
    "\u2500": "-",  # ─
    "\u2502": "|",  # │
    "\u2588": "#",  # █
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u2026": "...",  # …
    "\u00b1": "+/-",  # ±
    "\u00a7": "S",  # §
}


def _fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    text = error.object[error.start : error.end]
    return "".join(_FALLBACKS.get(char, "?") for char in text), error.end


codecs.register_error("certcli-fallback", _fallback)


def utf8(content: str) -> bytes:
    """`content` as UTF-8; a lone surrogate (a byte of a file name or an
    argument that was not UTF-8, which no UTF-8 text can hold) is written as
    its escape, ``\\udcff``, which JSON reads back as the same character.
    Names in reports are spelled visibly before this (`shown_path`); this is
    what keeps any one that was not from failing the whole output."""
    return content.encode("utf-8", errors="backslashreplace")


def encode_for(stream_encoding: str | None, content: str) -> bytes:
    """Human text as `stream_encoding` can hold it: look-alikes, else "?"."""
    encoding = stream_encoding or "utf-8"
    try:
        return content.encode(encoding, errors="certcli-fallback")
    except LookupError:
        return utf8(content)


def _descriptor(path: Path) -> int | None:
    """The file descriptor `path` names, following symlinks, or None."""
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        match = _DESCRIPTOR.fullmatch(current)
        if match is not None:
            if match.group(1):
                return _STANDARD[match.group(1)]
            return int(match.group(2) or match.group(3))
        if not os.path.islink(current):
            return None
        target = os.readlink(current)
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
    return None


def is_stdout(output: Path | None) -> bool:
    """Whether output goes to standard output (no `-o`, `-o -`, `/dev/stdout`)."""
    return output is None or str(output) == "-" or _descriptor(output) == 1


def emit(
    content: str | bytes,
    output: Path | None,
    *,
    human: bool = False,
    replace: bool = True,
) -> None:
    """Write `content` to `output` (None or "-": stdout), as the module says.

    `content` that is `str` is encoded as UTF-8, except `human` text going to
    a stream, which is encoded as that stream can show it. Without `replace`
    a regular file that is there is never replaced (`certcli new`).
    """
    if output is not None and not is_stdout(output):
        data = utf8(content) if isinstance(content, str) else content
        number = _descriptor(output)
        if number is not None:
            _write_descriptor(number, data, str(output))
        else:
            _write_path(output, data, replace=replace)
        return
    if streams.stdout_closed or sys.stdout is None:
        raise UsageError("cannot write: standard output is closed")
    if isinstance(content, bytes):
        data = content
    elif human:
        data = encode_for(getattr(sys.stdout, "encoding", None), content)
    else:
        data = utf8(content)
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream put in place of stdout
            sys.stdout.write(data.decode("utf-8", errors="replace"))
            sys.stdout.flush()
            return
        write_all(buffer.write, data)
        buffer.flush()
    except BrokenPipeError:
        # The reader went away (`certcli check | head`): what is left has
        # nowhere to go, and the exit code stays the command's, as it is
        # when the whole output fits in the pipe before the reader leaves.
        _discard_stdout()
    except OSError as err:
        _discard_stdout()
        raise UsageError(f"cannot write: {err.strerror or err}") from None


def _discard_stdout() -> None:
    """After a failed write, point stdout at /dev/null so that the data still
    buffered cannot fail a second time when the process ends."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def write_all(write: Callable[[memoryview], int | None], data: bytes) -> None:
    """Call `write` until all of `data` is written: a write may take only part
    of it (an unbuffered stream, a file-size limit, a full disk, a pipe), and
    what it leaves must be written again, not dropped. A write that takes
    nothing is an OSError (it would never finish otherwise)."""
    view = memoryview(data)
    while view:
        written = write(view)
        if not written:
            raise OSError(errno.EIO, "no byte could be written")
        view = view[written:]


def _write_descriptor(number: int, data: bytes, shown: str) -> None:
    try:
        write_all(lambda view: os.write(number, view), data)
    except OSError as err:
        raise UsageError(f"cannot write {shown}: {err.strerror or err}") from None


def _write_path(path: Path, data: bytes, *, replace: bool = True) -> None:
    """A regular file or new path atomically; a device or FIFO in place."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
    if status is None or stat.S_ISREG(status.st_mode):
        # A symlink's target is replaced, not the link.
        write_atomically(
            Path(os.path.realpath(path)), data, shown=path, replace=replace
        )
        return
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(f"cannot write {path}: it is a directory")
    try:
        handle = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        _write_descriptor(handle, data, str(path))
    finally:
        os.close(handle)


# The widest a human report is laid out: wider than any screen, and narrow
# enough that a COLUMNS of 99999999 does not make a bar or a rule of that
# many characters (gigabytes of text).
MAX_WIDTH = 1000


def output_width(output: Path | None) -> int | None:
    """The width of a human report: `COLUMNS` when it is a whole number above
    0; else the terminal's width when the report goes to a terminal on stdout
    (either at most MAX_WIDTH); else None, for a pipe or `-o`, where each
    format takes its own width (the table's natural width; 100 columns for
    `timeline` and `check`). The one width policy of every command."""
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return min(int(columns), MAX_WIDTH)
    if is_stdout(output) and sys.stdout is not None and sys.stdout.isatty():
        return min(shutil.get_terminal_size().columns, MAX_WIDTH)
    return None


def use_color(color: str, output: Path | None) -> bool:
    """Colour for a human format: `--color always|never` decides; `auto` colours
    only a terminal on stdout, and not when NO_COLOR is set to anything or
    TERM is `dumb` (no colour and no bold)."""
    if color != "auto":
        return color == "always"
    if os.environ.get("NO_COLOR", "") or os.environ.get("TERM") == "dumb":
        return False
    return is_stdout(output) and sys.stdout is not None and sys.stdout.isatty()
