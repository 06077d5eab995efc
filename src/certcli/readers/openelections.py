"""OpenElections CSV: one row per unit, contest and candidate.

    county,precinct,office,district,party,candidate,votes,election_day,absentee
    Appling,1B,President,,REP,Donald J. Trump,1536,1003,533

Columns are found by name in the header (case and surrounding blanks do not
matter; a UTF-8 byte-order mark is skipped):

* `office` and `candidate` and `votes` are required, and `county` or
  `precinct` (or both) name the unit. With a `precinct` column the units are
  precincts, written "County: Precinct" when there is a `county` column too
  (precinct names repeat from county to county); without one they are counties.
* A contest is an office, and its district when the `district` cell is not
  blank: "U.S. House, district 5" (a district that is not a number is written
  as it is: "State Senate, 36th").
* `party` is optional. A candidate on several party lines (fusion voting) is
  one choice, the sum of its lines; the same unit, candidate and party twice is
  a repeated row and refused.
* Rows whose office or candidate is a count rather than a choice (over- and
  undervotes, registered voters, ballots cast, total votes …) are passed over.
* Vote-type columns (a header naming election day, absentee, early, advance,
  mail, provisional, one stop or in person) are a breakdown of `votes`, which
  is the total, as OpenElections writes them: when every vote-type cell of a row
  is filled, they must add up to `votes`; when `votes` is blank, their sum is
  the row's votes. Other columns are ignored.

Every figure is a whole number of votes (digits only). Every problem is
reported at its row (FILE:ROW, rows counted from 1, the header being row 1).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from certcli.core.errors import DataError, Problem
from certcli.core.text import fold
from certcli.readers.base import (
    ContestResults,
    ContestSummary,
    FileSummary,
    contest_ambiguous,
    contest_not_found,
    not_a_count,
    refuse,
    same_name,
    too_long,
    whole_number,
)
from certcli.readers.files import csv_records

if TYPE_CHECKING:
    from pathlib import Path

MAX_PROBLEMS = 50
REQUIRED = ("office", "candidate", "votes")
VOTE_TYPE = re.compile(
    r"election.?day|absentee|early|advance|mail|provisional|one.?stop|in.?person"
)
# Counts that are not choices, compared with letters and digits only.
NOT_CHOICES = frozenset(
    {
        "overvotes",
        "overvote",
        "undervotes",
        "undervote",
        "registeredvoters",
        "ballotscast",
        "totalballotscast",
        "totalballots",
        "totalvotes",
        "totalvotescast",
        "timescast",
        "blankvotes",
        "blankballots",
        "rejectedballots",
        "spoiledballots",
        "voterturnout",
    }
)


def sniff(head: bytes) -> bool:
    """A CSV whose header names office, candidate and county or precinct.

    `votes` is left out here: a file with the layout's other columns is an
    OpenElections file that lacks it, which reading it says, rather than a
    plain table with no column of votes.
    """
    line = head.split(b"\n", 1)[0].decode("utf-8-sig", "replace")
    try:
        names = {fold(name) for name in next(csv.reader([line]))}
    except (csv.Error, StopIteration):
        return False
    return {"office", "candidate"} <= names and bool(names & {"county", "precinct"})


def summarize(path: Path, display: str) -> FileSummary:
    """Every contest of the file, with its candidates' totals and its units."""
    table = _Table(display, None)
    table.run(path)
    return FileSummary(
        format="openelections",
        election=None,
        timestamp=None,
        contests=tuple(contest.summary() for contest in table.contests.values()),
    )


def read(path: Path, display: str, contest: str | None) -> ContestResults:
    """The contest named `contest` (see `same_name`), each unit's votes per choice."""
    if contest is None:
        raise refuse(
            display, (1, 0), "an OpenElections file holds many contests; name one"
        )
    table = _Table(display, contest)
    table.run(path)
    found = [state for state in table.contests.values() if state.chosen]
    if not found:
        raise contest_not_found(display, (1, 0), contest, list(table.contests))
    if len(found) > 1:
        names = [repr(state.name) for state in found]
        raise contest_ambiguous(display, (found[1].row, 0), contest, names)
    state = found[0]
    return ContestResults(
        contest=state.name,
        unit_kind=table.unit_kind,
        choices=tuple(state.choice_where),
        units={
            unit: {choice: votes.get(choice, 0) for choice in state.choice_where}
            for unit, votes in state.units.items()
        },
        choice_where={name: (row, 0) for name, row in state.choice_where.items()},
        unit_where={name: (row, 0) for name, row in state.unit_where.items()},
        timestamp=None,
    )


@dataclass
class _Contest:
    name: str
    row: int
    chosen: bool
    unit_kind: str
    choice_where: dict[str, int] = field(default_factory=dict)  # in file order
    unit_where: dict[str, int] = field(default_factory=dict)
    units: dict[str, dict[str, int]] = field(default_factory=dict)
    rows: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def summary(self) -> ContestSummary:
        totals = dict.fromkeys(self.choice_where, 0)
        for votes in self.units.values():
            for choice, count in votes.items():
                totals[choice] += count
        return ContestSummary(
            name=self.name,
            unit_kind=self.unit_kind,
            units=len(self.units),
            choices=tuple(totals.items()),
        )


class _Table:
    """One pass over the file; keeps the units of the chosen contest (or of all
    contests when summarising)."""

    def __init__(self, display: str, wanted: str | None) -> None:
        self.display = display
        self.wanted = wanted
        self.contests: dict[str, _Contest] = {}
        self.problems: list[Problem] = []
        self.unit_kind = "county"
        self.name_columns: list[int] = []

    def problem(self, row: int, message: str) -> None:
        self.problems.append(Problem(self.display, row, 0, "", message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise DataError(self.problems)

    def run(self, path: Path) -> None:
        try:
            self.read_rows(csv_records(path, self.display))
        except DataError as err:  # a byte or a row the CSV module cannot read
            self.problems += err.problems
        if self.problems:
            raise DataError(self.problems)

    def read_rows(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        first = next(rows, None)
        if first is None:
            self.problem(1, "empty file; expected a header row")
            return
        header_row, header = first
        names = [fold(name) for name in header]
        missing = [name for name in REQUIRED if name not in names]
        if "county" not in names and "precinct" not in names:
            missing.append("county or precinct")
        if missing:
            self.problem(
                header_row,
                f"the header has no {', '.join(missing)} column; an OpenElections"
                " file has county, precinct, office, district, party, candidate"
                " and votes",
            )
            return
        for name, times in Counter(names).items():
            if times > 1 and name:
                self.problem(header_row, f"the header names column {name!r} twice")
        column = {name: index for index, name in enumerate(names)}
        county, precinct = column.get("county"), column.get("precinct")
        office, district = column["office"], column.get("district")
        party, candidate, votes = (
            column.get("party"),
            column["candidate"],
            column["votes"],
        )
        kinds = [
            (index, header[index].strip())
            for index, name in enumerate(names)
            if VOTE_TYPE.search(name)
        ]
        if precinct is not None:
            self.unit_kind = "precinct"
        self.name_columns = [
            index
            for index in (county, precinct, office, district, party, candidate)
            if index is not None
        ]
        width = len(header)
        for row, record in rows:
            if len(record) != width:
                self.problem(row, f"{len(record)} fields, but the header has {width}")
                continue
            office_name = record[office].strip()
            choice = record[candidate].strip()
            long = self.long_name(record, header, row)
            if long:
                continue
            if _count_not_choice(office_name) or _count_not_choice(choice):
                continue
            if not office_name:
                self.problem(row, "the office is blank")
                continue
            contest = self.contest(
                office_name,
                record[district].strip() if district is not None else "",
                row,
            )
            if not contest.chosen:
                continue  # another contest's rows do not matter to this one
            if not choice:
                self.problem(row, f"the candidate is blank (office {office_name!r})")
                continue
            unit = self.unit_name(record, county, precinct, row)
            if unit is None:
                continue
            count = self.votes(record, votes, kinds, row)
            if count is None:
                continue
            line_party = record[party].strip() if party is not None else ""
            key = (unit, choice, line_party)
            if key in contest.rows:
                self.problem(
                    row,
                    f"repeats row {contest.rows[key]} ({contest.name!r}, unit"
                    f" {unit!r}, candidate {choice!r})",
                )
                continue
            contest.rows[key] = row
            contest.choice_where.setdefault(choice, row)
            if unit not in contest.unit_where:
                contest.unit_where[unit] = row
                contest.units[unit] = {}
            counts = contest.units[unit]
            counts[choice] = counts.get(choice, 0) + count

    def long_name(self, record: list[str], header: list[str], row: int) -> bool:
        """Whether a name in the row is too long to be one (a located problem)."""
        for index in self.name_columns:
            long = too_long(header[index].strip(), record[index].strip())
            if long:
                self.problem(row, long)
                return True
        return False

    def unit_name(
        self, record: list[str], county: int | None, precinct: int | None, row: int
    ) -> str | None:
        county_name = record[county].strip() if county is not None else ""
        if precinct is None:
            if not county_name:
                self.problem(row, "the county is blank")
                return None
            return county_name
        precinct_name = record[precinct].strip()
        if not precinct_name:
            self.problem(row, "the precinct is blank")
            return None
        return f"{county_name}: {precinct_name}" if county_name else precinct_name

    def contest(self, office: str, district: str, row: int) -> _Contest:
        name = office
        if district:
            name += f", district {district}" if district.isdigit() else f", {district}"
        contest = self.contests.get(name)
        if contest is None:
            chosen = self.wanted is None or same_name(self.wanted, name)
            contest = _Contest(name, row, chosen, self.unit_kind)
            self.contests[name] = contest
        return contest

    def votes(
        self,
        record: list[str],
        votes: int,
        kinds: list[tuple[int, str]],
        row: int,
    ) -> int | None:
        """The row's votes; its vote types checked against them."""
        parts: list[tuple[str, int]] = []
        bad = False
        for index, label in kinds:
            text = record[index].strip()
            if not text:
                continue
            value = whole_number(text)
            if value is None:
                self.problem(row, not_a_count(label, text))
                bad = True
            else:
                parts.append((label, value))
        text = record[votes].strip()
        if not text and parts and len(parts) == len(kinds):
            return None if bad else sum(value for _, value in parts)
        total = whole_number(text)
        if total is None:
            self.problem(row, not_a_count("votes", text))
            return None
        if bad:
            return None
        added = sum(value for _, value in parts)
        if parts and (len(parts) == len(kinds) or added > total) and added != total:
            spelled = " + ".join(f"{label} {value:,}" for label, value in parts)
            self.problem(
                row,
                f"votes is {total:,} but its vote types add up to {added:,}"
                f" ({spelled})",
            )
            return None
        return total


def _count_not_choice(name: str) -> bool:
    return re.sub(r"[\W_]+", "", name.casefold()) in NOT_CHOICES
