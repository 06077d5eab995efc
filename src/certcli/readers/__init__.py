"""Results files as election offices publish them: one reader per format.

A reader turns one contest of a results file into `ContestResults` (every
reporting unit's votes per choice, vote types summed), or the whole file into a
`FileSummary` for `certcli results`. Readers stream: the file is read once, in
memory proportional to the chosen contest, and every problem is a located
`Problem` (FILE:LINE:COL for XML, FILE:ROW for CSV, whose column is 0) raised
in one `DataError`.

`READERS` registers them, like `certcli.render.formats` registers renderers: the name
is what a data file's `results.format` and `--input-format` accept, the value
the module that implements it, imported only when that format is read. Each
module provides:

    sniff(head: bytes) -> bool
        whether the first bytes of a file look like this format
    summarize(path: Path, display: str) -> FileSummary
    read(path: Path, display: str, contest: str | None) -> ContestResults
        `contest` is the contest's name as the file writes it (matched with
        `same_name`); None for formats that hold one contest (csv). `number`
        (keyword, formats of many contests) picks one of several contests so
        named, counting from 1 in file order (`pick_contest`)

`detect` tells a file's format from its first bytes. What the readers share
is in `certcli.readers.base` (the shapes they return, `whole_number`, the
errors every reader gives) and `certcli.readers.files` (opening a results file
within its limit, reading one as CSV records).
"""

from __future__ import annotations

import re
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from certcli.core.errors import UsageError
from certcli.readers.base import HEAD_BYTES, ContestResults, FileSummary

if TYPE_CHECKING:
    from pathlib import Path

READERS = {
    "clarity": "certcli.readers.clarity",
    "medsl": "certcli.readers.medsl",
    "openelections": "certcli.readers.openelections",
    "csv": "certcli.readers.csv",
}
RESULTS_FORMATS = tuple(READERS)

FORMAT_NAMES = {
    "clarity": "a Clarity/Scytl ENR detail.xml",
    "medsl": "MIT Election Data and Science Lab county returns (countypres form)",
    "openelections": "an OpenElections CSV (office, candidate and votes columns)",
    "csv": "a table with a unit column and one column per candidate",
}


class Reader(Protocol):
    def sniff(self, head: bytes) -> bool: ...

    def summarize(self, path: Path, display: str) -> FileSummary: ...

    def read(
        self, path: Path, display: str, contest: str | None, *, number: int | None = ...
    ) -> ContestResults: ...


def reader(name: str) -> Reader:
    """The reader registered for `name` (a key of READERS).

    A format whose module this installation lacks is a UsageError (exit 2).
    """
    try:
        module: Reader = import_module(READERS[name])
    except ModuleNotFoundError as err:
        if err.name != READERS[name]:
            raise
        raise UsageError(
            f"this version of certcli cannot read {name} results files"
        ) from None
    return module


def detect(path: Path, display: str) -> str:
    """The format of a results file (a key of READERS), told from its first bytes.

    Each reader's `sniff` is asked in the order of READERS (the most particular
    first); a file none of them recognises is a located error naming the
    formats certcli reads.
    """
    from certcli.readers.files import file_problem, open_results

    with open_results(path, display) as stream:
        head = stream.read(HEAD_BYTES)
    if re.search(rb"^format:[ \t]*[\"']?certcli/", head, re.MULTILINE):
        # A comment line of it can look like a table ("# ... Pima County,
        # Arizona") to the plain-table reader.
        raise file_problem(
            display,
            "a certcli data file, not a results file: certcli check FILE (or"
            " --data FILE) reads it, and certcli results reads the file an"
            " election office publishes",
        )
    for name in READERS:
        try:
            found = reader(name)
        except UsageError:
            continue  # a format this installation does not read
        if found.sniff(head):
            return name
    formats = "; ".join(f"{name}: {FORMAT_NAMES[name]}" for name in READERS)
    what = "an empty file" if not head.strip() else "a file"
    raise file_problem(
        display,
        f"{what} whose format certcli cannot tell; it reads {formats}"
        " (name the format with --input-format)",
    )
