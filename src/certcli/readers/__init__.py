"""Results files as election offices publish them: one reader per format.

A reader turns one contest of a results file into `ContestResults` (every
reporting unit's votes per choice, vote types summed), or the whole file into a
`FileSummary` for `certcli results`. Readers stream: the file is read once, in
memory proportional to the chosen contest, and every problem is a located
`Problem` (FILE:LINE:COL for XML, FILE:ROW for CSV, whose column is 0) raised
in one `DataError`.

`READERS` registers them, like `certcli.formats` registers renderers: the name
is what a data file's `results.format` and `--input-format` accept, the value
the module that implements it, imported only when that format is read. Each
module provides:

    sniff(head: bytes) -> bool
        whether the first bytes of a file look like this format
    summarize(path: Path, display: str) -> FileSummary
    read(path: Path, display: str, contest: str | None) -> ContestResults
        `contest` is the contest's name as the file writes it (matched with
        `same_name`); None for formats that hold one contest (csv)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from certcli.errors import UsageError
from certcli.text import fold

if TYPE_CHECKING:
    from pathlib import Path

READERS = {
    "clarity": "certcli.readers.clarity",
    "openelections": "certcli.readers.openelections",
    "csv": "certcli.readers.csv",
}
RESULTS_FORMATS = tuple(READERS)

MAX_RESULTS_BYTES = 256 * 1024 * 1024  # CERTCLI_MAX_RESULTS_BYTES overrides it


@dataclass(frozen=True)
class ContestResults:
    """One contest of a results file: each unit's votes for each choice."""

    contest: str  # the contest's name as the file writes it
    unit_kind: str  # "county", "precinct", ... or "unit" when the file does not say
    choices: tuple[str, ...]  # the choices as the file writes them, in file order
    units: dict[str, dict[str, int]]  # unit → choice → votes (all vote types)
    # Where each choice and each unit is first written: (line, column); a CSV
    # gives (row, 0).
    choice_where: dict[str, tuple[int, int]]
    unit_where: dict[str, tuple[int, int]]
    timestamp: str | None = None  # as the file writes it, when it says


@dataclass(frozen=True)
class ContestSummary:
    """What `certcli results` lists for one contest."""

    name: str
    unit_kind: str
    units: int
    choices: tuple[tuple[str, int], ...]  # (choice, votes over all units)


@dataclass(frozen=True)
class FileSummary:
    """What a results file holds."""

    format: str  # a key of READERS
    election: str | None
    timestamp: str | None
    contests: tuple[ContestSummary, ...]


class Reader(Protocol):
    def sniff(self, head: bytes) -> bool: ...

    def summarize(self, path: Path, display: str) -> FileSummary: ...

    def read(self, path: Path, display: str, contest: str | None) -> ContestResults: ...


def reader(name: str) -> Reader:
    """The reader registered for `name` (a key of READERS)."""
    module: Reader = import_module(READERS[name])
    return module


def same_name(wanted: str, written: str) -> bool:
    """Whether `written` (from a results file) names `wanted` (from a data file).

    Compared after `fold`; a bilingual name ("President of the United
    States/Presidente de los Estados Unidos") matches either of its parts.
    """
    target = fold(wanted)
    if fold(written) == target:
        return True
    return any(fold(part) == target for part in re.split(r"\s*/\s*", written))


def max_results_bytes() -> int:
    """The size limit for a results file: CERTCLI_MAX_RESULTS_BYTES or 256 MiB."""
    value = os.environ.get("CERTCLI_MAX_RESULTS_BYTES", "").strip()
    if not value:
        return MAX_RESULTS_BYTES
    if not re.fullmatch(r"[0-9]{1,18}", value) or int(value) == 0:
        raise UsageError(
            "CERTCLI_MAX_RESULTS_BYTES must be a whole number of bytes above 0,"
            f" e.g. 536870912 for 512 MiB; found {value[:40]!r}"
        )
    return int(value)
