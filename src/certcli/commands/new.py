"""`certcli new`: a commented first data file for a jurisdiction → -o.

The file is loaded before it is written, so that what is written is a file
`certcli check` accepts; a file that is already there is never replaced (a
device or a FIFO is written in place, as by every command).
"""

from __future__ import annotations

from pathlib import Path

from certcli.core.errors import DataError, UsageError
from certcli.core.output import emit, is_stdout, write_atomically
from certcli.datafile.starter import Starter, starter_file


def execute(*, starter: Starter, output: Path | None) -> int:
    """Write the starter file to `output` (default: ELECTION-ID.yaml here)."""
    from certcli.datafile.located import parse_yaml
    from certcli.loaded.loader import validate

    text = starter_file(starter)
    target = output if output is not None else Path(f"{starter.election_id}.yaml")
    shown = "-" if is_stdout(target) else str(target)
    try:
        validate(parse_yaml(text, shown), Path("."), None).timeline  # noqa: B018
    except DataError as err:
        # Only what was given can be wrong: say which option, not which line.
        raise UsageError(
            "the options do not make a valid file: "
            + "; ".join(
                f"{problem.path}: {problem.message}"
                if problem.path
                else problem.message
                for problem in err.problems
            )
        ) from None
    if is_stdout(target) or _device_or_pipe(target):
        emit(text, target)  # in place, as every command writes these
    else:
        write_atomically(target, text, replace=False)
    return 0


def _device_or_pipe(path: Path) -> bool:
    """Whether `path` is there and is not a regular file or a directory (a
    FIFO, /dev/null, a terminal): written in place, not refused as a file
    that is there."""
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)
