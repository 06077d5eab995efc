"""MIT Election Data and Science Lab county returns (`countypres_2000-2020.csv`
and the files of the same form): one row per year, state, county, candidate
and vote mode.

    year,state,state_po,county_name,county_fips,office,candidate,party,
        candidatevotes,totalvotes,version,mode
    2020,"GEORGIA","GA","APPLING","13001","US PRESIDENT","JOSEPH R BIDEN JR",
        "DEMOCRAT",2093,8826,20220315,"ELECTION DAY"

(one line each in the file).

The file holds every year and state, so a tally names the contest (the
`office`), the `year` and the `state` (its name or postal code, `state_po`);
only those rows are kept. Units are counties (`county_name`), each with its
FIPS code (`county_fips`, when the file gives one).

`mode` says which ballots a row counts: TOTAL, or a part such as ELECTION DAY,
ABSENTEE or PROVISIONAL; a blank mode, like a file without the column, is
TOTAL. A county's votes for a candidate are its TOTAL row
when there is one; otherwise the sum of its mode rows. A TOTAL row is never
added to the modes (a note tells when both are given and differ). A candidate
on several party lines is one choice, the sum of its lines; the same county,
candidate, party and mode twice is a repeated row and refused.

A `candidatevotes` of NA (the lab's "no figure", e.g. Connecticut's
statewide write-ins of 2000) is passed over, with a note.

`summarize` lists one contest per office, state and year, named
"US PRESIDENT, GA 2020". Every problem is reported at its row (FILE:ROW).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from certcli.core.errors import DataError, Problem
from certcli.core.text import fold, shorten
from certcli.readers.base import (
    ContestResults,
    ContestSummary,
    FigureBudget,
    FileSummary,
    contest_not_found,
    not_a_count,
    pick_contest,
    refuse,
    same_name,
    whole_number,
)
from certcli.readers.files import csv_records

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

MAX_PROBLEMS = 50
COLUMNS = (
    "year",
    "state",
    "state_po",
    "county_name",
    "county_fips",
    "office",
    "candidate",
    "party",
    "candidatevotes",
)
TOTAL_MODE = "total"
NO_CODE = frozenset({"", "na"})


def sniff(head: bytes) -> bool:
    """A CSV whose header names the columns of the lab's county returns."""
    line = head.split(b"\n", 1)[0].decode("utf-8-sig", "replace")
    try:
        names = {fold(name) for name in next(csv.reader([line]))}
    except (csv.Error, StopIteration):
        return False
    return {"year", "state_po", "county_name", "candidatevotes"} <= names


def summarize(path: Path, display: str) -> FileSummary:
    """Every office of every state and year, with its candidates and counties."""
    table = _Table(display, None, None, None)
    table.run(path)
    return FileSummary(
        format="medsl",
        election=None,
        timestamp=None,
        contests=tuple(contest.summary() for contest in table.contests.values()),
        problems=tuple(table.loose),
    )


def read(
    path: Path,
    display: str,
    contest: str | None,
    *,
    year: int,
    state: str,
    number: int | None = None,
) -> ContestResults:
    """The office named `contest` in `year` and `state`, each county's votes per
    candidate; `number` picks one of several so named, in file order."""
    if contest is None:
        raise refuse(display, (1, 0), "a medsl file holds many contests; name one")
    table = _Table(display, contest, str(year), fold(state))
    table.run(path)
    found = [state_ for state_ in table.contests.values() if state_.chosen]
    if not found:
        raise contest_not_found(
            display,
            (1, 0),
            f"{contest} ({state}, {year})",
            [state_.office for state_ in table.contests.values()],
        )
    places = [(state_.name, (state_.row, 0), f"row {state_.row}") for state_ in found]
    chosen = found[pick_contest(display, contest, number, places)]
    if chosen.problems:
        raise DataError(chosen.problems)
    units = chosen.counted()
    return ContestResults(
        contest=chosen.name,
        unit_kind="county",
        choices=tuple(chosen.choice_where),
        units={
            unit: {choice: votes.get(choice, 0) for choice in chosen.choice_where}
            for unit, votes in units.items()
        },
        choice_where={name: (row, 0) for name, row in chosen.choice_where.items()},
        unit_where={name: (row, 0) for name, row in chosen.unit_where.items()},
        unit_codes=dict(chosen.codes),
        notes=tuple(chosen.notes),
    )


@dataclass
class _Contest:
    name: str
    office: str
    row: int
    chosen: bool
    choice_where: dict[str, int] = field(default_factory=dict)
    unit_where: dict[str, int] = field(default_factory=dict)
    # Each unit's and choice's first spelling by its folded name: "APPLING"
    # and "Appling" would be two units whose votes a tally adds up.
    spelled: dict[tuple[str, str], str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    # (county, candidate) → [TOTAL rows' votes or None, the modes' sum]
    figures: dict[tuple[str, str], list[int | None]] = field(default_factory=dict)
    rows: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_figure: int = 0  # rows whose candidatevotes is NA

    def counted(self) -> dict[str, dict[str, int]]:
        """Each county's votes per candidate: TOTAL when given, else the modes."""
        units: dict[str, dict[str, int]] = {unit: {} for unit in self.unit_where}
        differ = []
        for (unit, choice), (total, modes) in self.figures.items():
            if total is not None and modes and total != modes:
                differ.append(f"{unit}, {choice}: TOTAL {total:,}, modes {modes:,}")
            units[unit][choice] = total if total is not None else modes or 0
        if self.notes:
            return units
        if differ:
            self.notes.append(
                f"{len(differ):,} county figure(s) have a TOTAL row and mode rows"
                f" that differ ({'; '.join(differ[:3])}); certcli uses TOTAL"
            )
        if self.no_figure:
            self.notes.append(
                f"{self.no_figure:,} row(s) give no figure (candidatevotes NA);"
                " passed over"
            )
        return units

    def summary(self) -> ContestSummary:
        units = self.counted()
        totals = dict.fromkeys(self.choice_where, 0)
        for votes in units.values():
            for choice, count in votes.items():
                totals[choice] += count
        return ContestSummary(
            name=self.name,
            unit_kind="county",
            units=len(units),
            choices=tuple(totals.items()),
            notes=tuple(self.notes),
            problems=tuple(self.problems),
        )


class _Table:
    def __init__(
        self, display: str, wanted: str | None, year: str | None, state: str | None
    ) -> None:
        self.display = display
        self.budget = FigureBudget(display)
        self.wanted = wanted
        self.year = year
        self.state = state
        self.contests: dict[tuple[str, str, str], _Contest] = {}
        self.problems: list[Problem] = []
        self.loose: list[Problem] = []

    def respelled(self, contest: _Contest, unit: str, choice: str, row: int) -> bool:
        """Whether the row spells a unit or choice of the contest another way
        (case, spacing, width): a problem, as a tally that reads the file
        refuses it, worded as the tally words it."""
        for label, name, where in (
            ("unit", unit, contest.unit_where),
            ("choice", choice, contest.choice_where),
        ):
            if name in where:
                continue
            first = contest.spelled.setdefault((label, fold(name)), name)
            if first != name:
                self.problem(
                    row,
                    f"{label} {shorten(name)} is the same as {label}"
                    f" {shorten(first)} (names are compared case-folded; first"
                    f" at row {where[first]})",
                    contest,
                )
                return True
        return False

    def problem(self, row: int, message: str, contest: _Contest | None) -> None:
        found = Problem(self.display, row, 0, "", message)
        if contest is not None:
            if len(contest.problems) < MAX_PROBLEMS:
                contest.problems.append(found)
            return
        (self.loose if self.wanted is None else self.problems).append(found)
        if len(self.problems) + len(self.loose) >= MAX_PROBLEMS:
            raise DataError(self.problems + self.loose)

    def run(self, path: Path) -> None:
        try:
            self.read_rows(csv_records(path, self.display))
        except DataError as err:
            self.problems += [p for p in err.problems if p not in self.problems]
        if self.problems:
            raise DataError(self.problems)

    def read_rows(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        first = next(rows, None)
        if first is None:
            self.problems.append(
                Problem(self.display, 1, 0, "", "empty file; expected a header row")
            )
            return
        header_row, header = first
        names = [fold(name) for name in header]
        missing = [name for name in COLUMNS if name not in names]
        if missing:
            self.problems.append(
                Problem(
                    self.display,
                    header_row,
                    0,
                    "",
                    f"the header has no {', '.join(missing)} column; the lab's"
                    f" county returns have {', '.join(COLUMNS)}, totalvotes,"
                    " version and mode",
                )
            )
            return
        column = {name: names.index(name) for name in COLUMNS}
        mode = names.index("mode") if "mode" in names else None
        year, state, state_po = column["year"], column["state"], column["state_po"]
        county, fips, office = (
            column["county_name"],
            column["county_fips"],
            column["office"],
        )
        candidate, party, votes = (
            column["candidate"],
            column["party"],
            column["candidatevotes"],
        )
        width = len(header)
        for row, record in rows:
            if len(record) != width:
                self.problem(
                    row, f"{len(record)} fields, but the header has {width}", None
                )
                continue
            if self.year is not None and record[year].strip() != self.year:
                continue
            if self.state is not None and self.state not in (
                fold(record[state]),
                fold(record[state_po]),
            ):
                continue
            office_name = record[office].strip()
            where = record[state_po].strip()
            if fold(where) in NO_CODE:
                where = record[state].strip()
            key = (record[year].strip(), where, office_name)
            contest = self.contests.get(key)
            if contest is None:
                name = f"{office_name}, {key[1]} {key[0]}"
                chosen = self.wanted is None or same_name(self.wanted, office_name)
                contest = self.contests[key] = _Contest(name, office_name, row, chosen)
            if not contest.chosen:
                continue
            unit = record[county].strip()
            choice = record[candidate].strip()
            if not unit or not choice:
                what = "county_name" if not unit else "candidate"
                self.problem(row, f"the {what} is blank", contest)
                continue
            count = whole_number(record[votes])
            if count is None and fold(record[votes]) == "na":
                contest.no_figure += 1  # the lab's "no figure"
                continue
            if count is None:
                self.problem(row, not_a_count("candidatevotes", record[votes]), contest)
                continue
            # A blank mode is the county's total, as in a file without the
            # column: added to the mode rows, it would count them twice.
            cell = record[mode].strip() if mode is not None else "TOTAL"
            written_mode = cell or "TOTAL"
            line = (unit, choice, record[party].strip(), fold(written_mode))
            if line in contest.rows:
                shown = shorten(cell) if cell else "blank, read as TOTAL"
                self.problem(
                    row,
                    f"repeats row {contest.rows[line]} ({shorten(contest.name)},"
                    f" county {shorten(unit)}, candidate {shorten(choice)}, mode"
                    f" {shown})",
                    contest,
                )
                continue
            if self.respelled(contest, unit, choice, row):
                continue
            self.budget.take((row, 0))
            contest.rows[line] = row
            contest.choice_where.setdefault(choice, row)
            if unit not in contest.unit_where:
                self.budget.take((row, 0))
                contest.unit_where[unit] = row
                code = record[fips].strip()
                if fold(code) not in NO_CODE:
                    # Some versions write the code as a number, which loses
                    # its leading zero: 1001 is Autauga County's 01001.
                    contest.codes[unit] = code.zfill(5) if code.isdigit() else code
            figures = contest.figures.setdefault((unit, choice), [None, 0])
            if fold(written_mode) == TOTAL_MODE:
                figures[0] = (figures[0] or 0) + count
            else:
                figures[1] = (figures[1] or 0) + count
