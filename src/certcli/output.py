"""Where output goes: stdout, or a file written atomically (temp file + rename).

certcli never modifies what it is given: a file that was read as data is
remembered (by device and inode), and `-o` refuses to replace it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from certcli.errors import UsageError

# (device, inode) of every data file read in this process.
_INPUTS: set[tuple[int, int]] = set()


def remember_input(device: int, inode: int) -> None:
    """Record a file that was read as data, so that no output replaces it."""
    _INPUTS.add((device, inode))


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write `content` to `path` so that a reader sees the old file or the new one.

    The temporary file lives in the same directory (so the rename is atomic on
    one file system), is flushed and synced, and is removed if anything fails,
    an interruption included; the old file is then untouched. A path that
    cannot be written is a UsageError (exit code 2), as is a data file that
    certcli read in this run.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        existing = path.stat()
    except OSError:
        existing = None
    if existing is not None and (existing.st_dev, existing.st_ino) in _INPUTS:
        raise UsageError(
            f"-o {path} is a data file certcli was given; certcli never"
            " overwrites its input, choose another output file"
        )
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=directory
        )
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None:
            os.chmod(temporary, existing.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException as err:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
        raise
    _sync_directory(directory)


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


def emit(content: str | bytes, output: Path | None) -> None:
    """Machine output: plain, unwrapped, to `output` or stdout."""
    if output is not None:
        write_atomically(output, content)
        return
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)
        sys.stdout.flush()


def use_color(color: str, output: Path | None) -> bool:
    """Colour for a human format: `--color always|never` decides; `auto` colours
    only a terminal on stdout, and not when NO_COLOR is set to anything."""
    if color != "auto":
        return color == "always"
    if os.environ.get("NO_COLOR", ""):
        return False
    return output is None and sys.stdout.isatty()
