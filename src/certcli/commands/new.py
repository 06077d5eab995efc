"""`certcli new`: a commented first data file for a jurisdiction → -o.

The file is loaded before it is written, so that what is written is a file
`certcli check` accepts; a file that is already there is never replaced (a
device or a FIFO is written in place, as by every command).
"""

from __future__ import annotations

from pathlib import Path

from certcli.core.errors import DataError, UsageError
from certcli.core.output import emit, is_stdout
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
    # A file that is there is never replaced; a device or FIFO is written
    # in place, as by every command.
    emit(text, target, replace=False)
    return 0
