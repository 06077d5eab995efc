"""A plain results table: one row per reporting unit, one column per choice.

    county,fips,biden,trump,jorgensen,total
    Appling,13001,1779,6526,36,8341

The first row names the columns. The unit column is the first one unless
`unit_column` names another; its heading, when it names a kind of unit
("county", "precinct", see UNIT_KINDS), is the kind of the file's units.
Every other column is a choice whose cells are whole numbers of votes, except
the columns named in `ignore` (codes, margins, counts of precincts), which are
skipped unread. Which choice is which
candidate, which one is the total, is for the data file's `results:` to say
(see `certcli.datafile.units`); this reader only reads.

The file is UTF-8, with or without a byte-order mark, comma-separated, quoted
the usual way (RFC 4180); blank lines are skipped. It is streamed row by row
with the csv module, and every problem is located by row (FILE:ROW, the
heading being row 1).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from certcli.core.errors import DataError, Problem
from certcli.core.text import count, fold, listing, shorten
from certcli.readers.base import (
    MAX_COUNT_CHARACTERS,
    ContestResults,
    ContestSummary,
    FigureBudget,
    FileSummary,
    whole_number,
)
from certcli.readers.files import csv_records

MAX_PROBLEMS = 20  # problems reported from one file before reading stops
_MAX_DIGITS = 18  # a count of votes has at most this many digits
_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")
# Headings of a unit column that say what kind of unit a row is; any other
# heading leaves the kind to the data file's election.reporting_units.
UNIT_KINDS = frozenset(
    {
        "county",
        "parish",
        "borough",
        "precinct",
        "ward",
        "district",
        "municipality",
        "city",
        "town",
        "township",
        "state",
        "constituency",
    }
)


def sniff(head: bytes) -> bool:
    """Comma-separated text with at least two columns in its first line.

    Any such text fits, so this is the format to try last, after the formats
    that recognise their own headings.
    """
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")
    if not text or text.lstrip().startswith(b"<"):
        return False
    first = text.split(b"\n", 1)[0]
    try:
        first.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"," in first


def read(
    path: Path,
    display: str,
    contest: str | None,
    *,
    unit_column: str | None = None,
    ignore: Collection[str] = (),
) -> ContestResults:
    """Every unit's votes for every choice (`contest` must be None: a table
    holds one contest, named after its file)."""
    table = _Table(display, unit_column, {fold(name) for name in ignore})
    table.scan(_records(path, display), strict=True)
    return ContestResults(
        contest=Path(display).name,
        unit_kind=table.kind,
        choices=tuple(table.choice_names),
        units=table.units,
        choice_where=dict.fromkeys(table.choice_names, (1, 0)),
        unit_where=table.unit_where,
    )


def summarize(path: Path, display: str) -> FileSummary:
    """The table's one contest: the first column as units, every column of
    whole numbers as a choice (columns with other text are left out), except a
    column named "total", which a note gives as the units' totals."""
    table = _Table(display, None, set())
    table.scan(_records(path, display), strict=False)
    sums = [
        (name, sum(votes.get(name, 0) for votes in table.units.values()))
        for index, name in zip(table.choice_index, table.choice_names, strict=True)
        if index not in table.not_numbers
    ]
    choices = tuple((name, votes) for name, votes in sums if fold(name) != "total")
    notes = tuple(
        f"column {shorten(name)} is each unit's total ({votes:,} over all units), the"
        " default total_column; name columns that are not votes (codes,"
        " margins) under ignore"
        for name, votes in sums
        if fold(name) == "total"
    ) + tuple(
        f"column {shorten(name)} is not listed: row {row} holds {shorten(cell)},"
        " not a whole number of votes (a tally refuses it unless the column is"
        " under ignore)"
        for index, name in zip(table.choice_index, table.choice_names, strict=True)
        if index in table.not_numbers
        for row, cell in (table.not_numbers[index],)
    )
    return FileSummary(
        format="csv",
        election=None,
        timestamp=None,
        contests=(
            ContestSummary(
                name=Path(display).name,
                unit_kind=table.kind,
                units=len(table.units),
                choices=choices,
                notes=notes,
            ),
        ),
    )


@dataclass
class _Table:
    display: str
    unit_column: str | None
    ignore: set[str]
    kind: str = "unit"
    unit_index: int = 0
    width: int = 0
    choice_index: list[int] = field(default_factory=list)
    choice_names: list[str] = field(default_factory=list)
    units: dict[str, dict[str, int]] = field(default_factory=dict)
    unit_where: dict[str, tuple[int, int]] = field(default_factory=dict)
    # column → the first row and cell that is not a whole number
    not_numbers: dict[int, tuple[int, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _folded_units: dict[str, int] = field(default_factory=dict)
    budget: FigureBudget = field(init=False)

    def __post_init__(self) -> None:
        self.budget = FigureBudget(self.display)

    def fail(self, row: int, message: str) -> None:
        self.problems.append(Problem(self.display, row, 0, "", message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise DataError(self.problems)

    def scan(self, records: Iterator[tuple[int, list[str]]], *, strict: bool) -> None:
        try:
            heading = next(records, None)
            if heading is None:
                self.fail(
                    1, "the file is empty; expected a heading row naming the columns"
                )
            else:
                self._heading(heading[1], heading[0])
            if not self.problems:
                for row, record in records:
                    self._row(record, row, strict=strict)
        except DataError as err:  # the file cannot be read on (not UTF-8, ...)
            self.problems += err.problems
        if not self.choice_names and not self.problems:
            self.fail(1, "the heading names no column of votes besides the units")
        if self.problems:
            raise DataError(self.problems)

    def _heading(self, heading: list[str], row: int) -> None:
        names = [cell.strip() for cell in heading]
        self.width = len(names)
        seen: dict[str, int] = {}
        for index, name in enumerate(names):
            if not name:
                self.fail(row, f"column {index + 1} has no name in the heading")
            elif fold(name) in seen:
                self.fail(
                    row,
                    f"column {shorten(name)} appears twice in the heading"
                    f" (columns {seen[fold(name)] + 1} and {index + 1})",
                )
            seen.setdefault(fold(name), index)
        if self.problems:
            return
        listed = listing(names)
        if self.unit_column is not None:
            if fold(self.unit_column) not in seen:
                self.fail(
                    row,
                    f"no column {shorten(self.unit_column)} for the units;"
                    f" columns: {listed}",
                )
                return
            self.unit_index = seen[fold(self.unit_column)]
        for name in sorted(self.ignore - set(seen)):
            self.fail(row, f"no column {shorten(name)} to ignore; columns: {listed}")
        if fold(names[self.unit_index]) in UNIT_KINDS:
            self.kind = fold(names[self.unit_index])
        for index, name in enumerate(names):
            if index != self.unit_index and fold(name) not in self.ignore:
                self.choice_index.append(index)
                self.choice_names.append(name)

    def _row(self, row: list[str], line: int, *, strict: bool) -> None:
        if not "".join(row).strip():
            return
        if len(row) != self.width:
            self.fail(
                line,
                f"the row has {count(len(row), 'field')}, the heading {self.width}",
            )
            return
        unit = row[self.unit_index].strip()
        if not unit:
            self.fail(line, "the row names no unit")
            return
        # An ASCII name without runs of blanks folds to its lower case; only
        # other names need `fold`'s Unicode normalisation.
        if unit.isascii() and unit.isprintable() and "  " not in unit:
            key = unit.lower()
        else:
            key = fold(unit)
        if key in self._folded_units:
            first = self._folded_units[key]
            self.fail(
                line, f"unit {shorten(unit)} appears again (first in row {first})"
            )
            return
        self.budget.take((line, 0), 1 + len(self.choice_names))
        self._folded_units[key] = line
        votes: dict[str, int] = {}
        for index, name in zip(self.choice_index, self.choice_names, strict=True):
            cell = row[index]
            if cell.isdigit() and cell.isascii() and len(cell) <= _MAX_DIGITS:
                votes[name] = int(cell)  # the common case, without a call
                continue
            cell = cell.strip()
            number = whole_number(cell, _MAX_DIGITS)
            if number is not None:
                votes[name] = number
            elif not strict:
                self.not_numbers.setdefault(index, (line, cell))
            else:
                self.fail(line, _not_a_count(name, cell))
        self.units[unit] = votes
        self.unit_where[unit] = (line, 0)


def _records(path: Path, display: str) -> Iterator[tuple[int, list[str]]]:
    """The file's records, each with the row it starts on (see `csv_records`);
    quoting is read strictly."""
    return csv_records(path, display, strict=True)


def _not_a_count(column: str, cell: str) -> str:
    shown = shorten(cell, 42)
    message = (
        f"column {shorten(column)}: expected a whole number of votes, found {shown}"
    )
    if not cell:
        message = f"column {shorten(column)}: no number of votes; write 0 for none"
    elif _GROUPED.fullmatch(cell):
        message += f"; write it without commas: {cell.replace(',', '')}"
    elif cell.isascii() and cell.isdigit():
        if len(cell.lstrip("0")) <= _MAX_DIGITS:
            message += (
                f", {len(cell):,} characters long with its leading zeros (at most"
                f" {MAX_COUNT_CHARACTERS}); write it without them"
            )
        else:
            message += f", which has more than {_MAX_DIGITS} digits"
    return message
