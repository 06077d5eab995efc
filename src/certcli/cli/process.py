"""The process around a command: what only the real command line does at start
(fewer garbage collections, no plugin search, the holiday cache) and at the
end (flush, then exit without tearing the interpreter down), and what a reader
that went away (`certcli ... | head`) leaves to clean up."""

from __future__ import annotations

import contextlib
import os
import sys


def start_faster() -> None:
    """For the real command line only: no search for pydantic plugins (certcli
    uses none; looking them up through importlib.metadata took 28 ms of every
    run), and holiday dates kept between runs (see `certcli.calendar.business_days`)."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from certcli.calendar.business_days import enable_cache

    enable_cache()


def collect_garbage_less_often() -> None:
    """A run builds many small objects (values, positions, models) that all live
    until it ends; with the default thresholds the cyclic collector scans them
    over and over, a fifth of checking a file of 20,000 claims (2.99 s → 2.36 s
    measured, +18 MB). Only for the real command line, as `end_process`."""
    import gc

    gc.set_threshold(50_000, 50, 100)


def end_process(code: int) -> None:
    """End the process at once, without tearing the interpreter down.

    Freeing the hundreds of modules a command imported (pydantic, holidays,
    rich) takes about 50 ms, a sixth of a `certcli check`, and nothing is left
    to do: outputs are written (a -o file is already renamed into place) and
    are flushed here. Only for the real command line (`main()` without
    arguments), so that callers in this process still get SystemExit. If
    flushing fails, the interpreter's usual exit reports it, as it always did.
    """
    try:
        flush_stdout()
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def flush_stdout() -> None:
    """Flush now, so that a reader that went away (`certcli ... | head`) costs
    nothing: the exit code stays the command's, with no message at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def restart_in_utf8_mode(args: list[str]) -> None:
    """Run again in Python's UTF-8 mode when the locale's encoding is ASCII
    (LC_ALL=C with PYTHONUTF8=0) and an argument is not: its bytes, most
    likely UTF-8 typed into a terminal that is, would otherwise reach
    certcli as undecodable halves ("Zo\\udcc3\\udcab"), to be written into a
    data file or matched against a name. The arguments are handed on as the
    bytes they were, so a file name is still the same file."""
    import codecs

    if (
        os.name != "posix"
        or sys.flags.utf8_mode
        or not sys.executable
        or codecs.lookup(sys.getfilesystemencoding()).name != "ascii"
        or all(arg.isascii() for arg in args)
    ):
        return
    command = [sys.executable, "-X", "utf8", "-m", "certcli", *args]
    try:
        os.execv(sys.executable, command)
    except OSError:
        return  # run on as before rather than not at all
