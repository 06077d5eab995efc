"""Located problems with a data file, raised once as a DataError."""

from __future__ import annotations

from dataclasses import dataclass

# Where a value is in a data file: the keys and list indexes from the top,
# ("claims", 3, "stated") for the `stated` of the fourth claim.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file, at a 1-based line and column.

    A column of 0 means the whole line: a CSV row is shown as FILE:ROW.
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.column:
            where += f":{self.column}"
        return (
            f"{where}: {self.path}: {self.message}"
            if self.path
            else (f"{where}: {self.message}")
        )


class DataError(Exception):
    """A data file cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A command-line value that does not fit the data (exit code 2)."""


# Set by the command line (--debug, CERTCLI_DEBUG): an unexpected exception in
# one file of several is then raised, with its traceback, instead of reported.
show_tracebacks = False


def internal_problem(file: str, err: Exception) -> Problem:
    """An unexpected exception while one file of a run was read or checked, as
    that file's problem, so that the other files are still checked."""
    if show_tracebacks:
        raise err
    return Problem(
        file,
        1,
        1,
        "",
        f"{internal_error(err)}; the other files are still checked (rerun with"
        " --debug for the traceback, and please report it)",
    )


def internal_error(err: Exception) -> str:
    """`internal error: TYPE: MESSAGE`, the message escaped and cut to 300
    characters."""
    detail = str(err)
    if not detail.isprintable() or len(detail) > 300:
        detail = repr(detail[:300])
    return f"internal error: {type(err).__name__}: {detail}"
