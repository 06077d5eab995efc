"""OpenElections CSV: one row per unit, contest and candidate.

    county,precinct,office,district,party,candidate,votes,election_day,absentee
    Appling,1B,President,,REP,Donald J. Trump,1536,1003,533

Columns are found by name in the header (case and surrounding blanks do not
matter; a UTF-8 byte-order mark is skipped):

* `office` and `candidate` are required, with `votes` or vote-type columns
  (or both), and a column that names the unit.
* **Units.** The tally's `unit_column` when it names one (rows of the finer
  units in it add up: `county` in a ward file); otherwise `precinct`, else
  `ward` (Wisconsin's files), else `county`. A unit below the county is
  written "County: Precinct" when there is a `county` column (precinct names
  repeat from county to county). A precinct written "not available" (a
  county-level file with a precinct column) makes the row a county's.
* **Contests.** A contest is an office, and its district when the `district`
  cell is not blank: "U.S. House, district 5" (a district that is not a number
  is written as it is: "State Senate, 36th"). In a primary each party's
  nominee is chosen apart, so there a contest is also the party: "President
  (DEM)". A file is a primary when its name says so as OpenElections names
  files (`20200310__mi__primary__president__kent__precinct.csv`), and an
  office is when its name says "primary".
* `party` is optional. A candidate on several party lines (fusion voting) is
  one choice, the sum of its lines; the same unit, candidate and party twice is
  a repeated row and refused.
* A candidate spelled two ways from county to county (case, spacing, width)
  is one choice, named as first spelled, with a note.
* **Rows that are counts, not choices** (registered voters, ballots cast,
  over- and undervotes ..., see `certcli.readers.count_kind`) never become a
  contest or a choice. Ballots cast are kept: a tally's ballots when the file
  gives them for each of its units.
* **Write-ins** given as one figure ("Write-ins", "Write-In Totals",
  "Scattering") are one choice of their contest, whatever the spelling; in a
  unit that also lists write-in candidates ("Write-In: Ann Lee") that figure is
  their total and is left out (a note says so when it differs from their sum).
* **Vote types.** Columns naming election day, absentee, early, advance(d),
  mail, provisional, one stop or in person are a breakdown of `votes`, as
  OpenElections writes them. Without a `votes` column (or with a blank cell)
  the row's votes are their sum. A breakdown that adds up to more than `votes`
  is an error; one that adds up to less (a partial breakdown, which
  OpenElections allows) is a note, and `votes` is used.

Every figure is a whole number of votes; one written with thousands separators
("1,163") is read with a note, anything else ("4 ,063", "1.5") is an error.
Every problem is reported at its row (FILE:ROW, rows counted from 1, the header
being row 1). `summarize` keeps each problem with its contest, so that one bad
contest hides no other; `read` looks only at the rows of the contest it reads.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from certcli.core.errors import DataError, Problem
from certcli.core.text import count, fold, shorten
from certcli.readers.base import (
    MAX_VOTE_DIGITS,
    ContestResults,
    ContestSummary,
    FigureBudget,
    FileSummary,
    contest_not_found,
    count_kind,
    is_write_ins,
    meaning,
    not_a_count,
    pick_contest,
    refuse,
    same_name,
    too_long,
    whole_number,
)
from certcli.readers.files import csv_records

if TYPE_CHECKING:
    from pathlib import Path

MAX_PROBLEMS = 50
UNIT_COLUMNS = ("precinct", "ward", "county")  # the default unit, first found
VOTE_TYPE = re.compile(
    r"election.?day|absentee|early|advance|mail|provisional|one.?stop|in.?person"
)
GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
# A precinct cell of a county-level file that has a precinct column.
NO_PRECINCT = frozenset({"notavailable", "na", "none"})
NAMED_WRITE_IN = re.compile(r"write[\s-]*ins?\s*:\s*\S", re.IGNORECASE)
LAYOUT = (
    "an OpenElections file has county, precinct, office, district, party,"
    " candidate and votes"
)


# What a candidate cell is: a choice (0, so that the common case is one test),
# then the write-ins, then what is no choice at all (from _COUNT on).
_PLAIN, _WRITE_INS, _NAMED_WRITE_IN, _COUNT, _BLANK, _LONG = range(6)
_LONG_UNIT = "\0long"  # the kind of a unit whose name is too long


def _choice(cell: str, label: str) -> tuple[str, int]:
    """A candidate cell as a choice, and what it is: a plain choice, a count
    that is no choice, blank, write-ins as one figure, a write-in candidate,
    or (with the message for the choice) a name too long to be one."""
    choice = cell.strip()
    long = too_long(label, choice)
    if long:
        return long, _LONG
    if not choice:
        return choice, _BLANK
    if count_kind(choice) is not None:
        return choice, _COUNT
    if is_write_ins(choice):
        return choice, _WRITE_INS
    if NAMED_WRITE_IN.match(choice):
        return choice, _NAMED_WRITE_IN
    return choice, _PLAIN


def sniff(head: bytes) -> bool:
    """A CSV whose header names office, candidate and county, precinct or ward,
    or office and the columns of OpenElections' raw exports (name_raw,
    jurisdiction), which reading then refuses with its reason.

    `votes` is left out here: a file with the layout's other columns is an
    OpenElections file that lacks it, which reading it says, rather than a
    plain table with no column of votes.
    """
    line = head.split(b"\n", 1)[0].decode("utf-8-sig", "replace")
    try:
        names = {fold(name) for name in next(csv.reader([line]))}
    except (csv.Error, StopIteration):
        return False
    if "office" in names and {"name_raw", "jurisdiction"} <= names:
        return True
    return {"office", "candidate"} <= names and bool(names & set(UNIT_COLUMNS))


def _fusion_note(lines: dict[str, set[str]]) -> str:
    """What was added up across party lines, and how a primary, whose parties
    must not be added up, is told apart."""
    listed = "; ".join(
        f"{shorten(choice)}: {', '.join(sorted(shorten(p) for p in parties))}"
        for choice, parties in list(lines.items())[:5]
    )
    more = f"; and {len(lines) - 5:,} more" if len(lines) > 5 else ""
    return (
        f"{count(len(lines), 'choice')} on several party lines, each line's"
        f" votes added up (fusion voting): {listed}{more}. In a primary each"
        " party's contest is its own when the file is named as OpenElections"
        " names primaries (DATE__STATE__primary__...)"
    )


def is_primary(display: str) -> bool:
    """Whether a file's name says it is a primary, as OpenElections names them:
    DATE__STATE__TYPE__..., TYPE holding "primary" (a word of it)."""
    parts = PurePath(display).name.lower().rsplit(".", 1)[0].split("__")
    return any("primary" in part.split("_") for part in parts[2:])


def summarize(
    path: Path, display: str, *, unit_column: str | None = None
) -> FileSummary:
    """Every contest of the file, with its candidates' totals, its units, and
    the problems of its rows (kept with the contest)."""
    table = _Table(display, None, unit_column)
    table.run(path)
    counts = []
    for label, figures in (
        ("Ballots cast", table.ballots),
        ("Registered voters", table.registered),
    ):
        if figures:
            counts.append((label, sum(figures.values()), len(figures)))
    return FileSummary(
        format="openelections",
        election=None,
        timestamp=None,
        contests=tuple(contest.summary() for contest in table.contests.values()),
        counts=tuple(counts),
        problems=tuple(table.loose),
    )


def read(
    path: Path,
    display: str,
    contest: str | None,
    *,
    unit_column: str | None = None,
    number: int | None = None,
) -> ContestResults:
    """The contest named `contest` (see `same_name`), each unit's votes per
    choice; `number` picks one of several so named, in file order."""
    if contest is None:
        raise refuse(
            display, (1, 0), "an OpenElections file holds many contests; name one"
        )
    table = _Table(display, contest, unit_column)
    table.run(path)
    found = [state for state in table.contests.values() if state.chosen]
    exact = [state for state in found if fold(state.name) == fold(contest)]
    found = exact or found
    if not found:
        names = [state.name for state in table.contests.values()]
        raise contest_not_found(display, (1, 0), contest, names)
    places = [(state.name, (state.row, 0), f"row {state.row}") for state in found]
    state = found[pick_contest(display, contest, number, places)]
    if state.problems:
        raise DataError(state.all_problems())
    state.finish()
    ballots = None
    if state.units and all(unit in table.ballots for unit in state.units):
        ballots = sum(table.ballots[unit] for unit in state.units)
    choices = tuple(state.choice_where)
    for votes in state.units.values():  # every choice in every unit, in place
        if len(votes) != len(choices):
            for choice in choices:
                votes.setdefault(choice, 0)
    return ContestResults(
        contest=state.name,
        unit_kind=state.unit_kind or table.unit_kind,
        choices=choices,
        units=state.units,
        choice_where={name: (row, 0) for name, row in state.choice_where.items()},
        unit_where=state.unit_where,
        timestamp=None,
        ballots=ballots,
        notes=tuple(state.notes),
    )


@dataclass
class _Tally:
    """Rows of one kind that a note tells of: how many, and the first."""

    rows: int = 0
    first: int = 0
    text: str = ""
    columns: dict[str, int] = field(default_factory=dict)  # rows by column

    def add(self, row: int, text: str, column: str = "") -> None:
        if not self.rows:
            self.first, self.text = row, text
        self.rows += 1
        if column:
            self.columns[column] = self.columns.get(column, 0) + 1


@dataclass
class _Contest:
    name: str
    row: int
    chosen: bool
    unit_kind: str | None = None
    unit_kind_row: int = 0
    choice_where: dict[str, int] = field(default_factory=dict)  # in file order
    unit_where: dict[str, tuple[int, int]] = field(default_factory=dict)
    # unit → choice (or (choice, party) for a further party line) → votes
    units: dict[str, dict[Any, int]] = field(default_factory=dict)
    home: dict[str, str] = field(default_factory=dict)  # choice → first party
    fused: bool = False  # whether a choice came on several party lines
    # Rows of a coarser unit_column: (finer unit cells, choice, party) → row.
    rows: dict[tuple[object, str, str], int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    partial: _Tally = field(default_factory=_Tally)
    grouped: _Tally = field(default_factory=_Tally)
    write_ins: str | None = None  # the contest's write-in choice, first spelling
    # A candidate's first spelling, by its folded name: counties spell one
    # candidate differently ('TRUMP / PENCE', 'Trump / Pence').
    spelling: dict[str, str] = field(default_factory=dict)
    respelled: dict[str, tuple[str, int]] = field(default_factory=dict)
    respelled_units: dict[str, tuple[str, int]] = field(default_factory=dict)
    named_write_ins: dict[str, int] = field(default_factory=dict)  # unit → votes
    notes: list[str] = field(default_factory=list)
    blank: _Tally = field(default_factory=_Tally)
    more: int = 0  # problems past MAX_PROBLEMS
    finished: bool = False

    def all_problems(self) -> list[Problem]:
        """The contest's problems, the last saying how many more there are."""
        if not self.more:
            return self.problems
        last = self.problems[-1]
        return [
            *self.problems,
            Problem(
                last.file,
                last.line,
                0,
                "",
                f"and {self.more:,} more problem(s) in contest {shorten(self.name)}",
            ),
        ]

    def finish(self) -> None:
        """Leave out a unit's write-in total where the unit lists write-in
        candidates too (it is their total); notes for what the rows showed."""
        if self.finished:
            return
        self.finished = True
        if self.fused:
            lines: dict[str, set[str]] = {}
            for counts in self.units.values():
                for slot in [slot for slot in counts if isinstance(slot, tuple)]:
                    lines.setdefault(slot[0], {self.home[slot[0]]}).add(slot[1])
                    counts[slot[0]] = counts.get(slot[0], 0) + counts.pop(slot)
            self.notes.append(_fusion_note(lines))
        if self.write_ins is not None:
            differ: list[str] = []
            for unit, named in self.named_write_ins.items():
                counts = self.units[unit]
                given = counts.pop(self.write_ins, None)
                if given is not None and given != named:
                    differ.append(f"{unit} ({given:,} against {named:,})")
            if self.named_write_ins:
                note = (
                    f"{shorten(self.write_ins)} is left out in the"
                    f" {len(self.named_write_ins):,} unit(s) that list write-in"
                    " candidates, whose total it is"
                )
                if differ:
                    note += "; it differs from their sum in " + ", ".join(differ[:5])
                    note += f" and {len(differ) - 5} more" if len(differ) > 5 else ""
                self.notes.append(note)
        for label, respelled in (
            ("choice", self.respelled),
            ("unit", self.respelled_units),
        ):
            for other, (first, row) in respelled.items():
                self.notes.append(
                    f"{label} {shorten(other)} (first in row {row}) is read as"
                    f" {shorten(first)}: names that differ only in case, spacing"
                    f" or width are one {label}"
                )
        if self.blank.rows:
            self.notes.append(
                f"{self.blank.rows:,} row(s) give no figure at all (votes and vote"
                f" types blank; first in row {self.blank.first});"
                " passed over, as no votes of that candidate in that unit"
            )
        if self.partial.rows:
            self.notes.append(
                f"{self.partial.rows:,} row(s) give vote types that add up to"
                f" less than votes (a partial breakdown; first in row"
                f" {self.partial.first}: {self.partial.text}); certcli uses votes"
            )
        if self.grouped.rows:
            # Which columns: a vote type's figure only checks `votes`.
            where = ", ".join(
                f"{rows:,} in column {shorten(column)}"
                for column, rows in self.grouped.columns.items()
            )
            self.notes.append(
                f"{self.grouped.rows:,} figure(s) are written with thousands"
                f" separators ({where}; first in row {self.grouped.first}:"
                f" {shorten(self.grouped.text)}); read without them"
            )

    def summary(self) -> ContestSummary:
        self.finish()
        totals = dict.fromkeys(self.choice_where, 0)
        for votes in self.units.values():
            for choice, figure in votes.items():
                totals[choice] += figure
        return ContestSummary(
            name=self.name,
            unit_kind=self.unit_kind or "unit",
            units=len(self.units),
            choices=tuple(totals.items()),
            notes=tuple(self.notes),
            problems=tuple(self.all_problems()),
        )


_COUNTS = _Contest("", 0, chosen=False)  # the contest of rows of counts


class _Table:
    """One pass over the file; keeps the units of the chosen contest (or of all
    contests when summarising)."""

    def __init__(
        self, display: str, wanted: str | None, unit_column: str | None
    ) -> None:
        self.display = display
        self.wanted = wanted
        self.unit_column = unit_column
        self.primary = is_primary(display)
        self.contests: dict[str, _Contest] = {}
        self.by_key: dict[tuple[str, ...], _Contest] = {}
        self.problems: list[Problem] = []  # the file's own: header, syntax
        self.loose: list[Problem] = []  # rows of no contest
        self.unit_kind = "county"
        self.ballots: dict[str, int] = {}
        self.registered: dict[str, int] = {}
        self.budget = FigureBudget(display)
        # A unit's first spelling by its folded name ('Alder', 'ALDER'), and
        # the cells of each other spelling: one unit, as a tally compares them.
        self.unit_spelling: dict[str, str] = {}
        self.respelled: dict[tuple[str, str], str] = {}

    def problem(
        self,
        row: int,
        message: str,
        contest: _Contest | None = None,
        *,
        of_counts: bool = False,
    ) -> None:
        """A problem at `row`: kept with its contest; a row of no contest
        (a blank office, a row of the wrong width) is the file's, fatal when
        reading one contest; a bad row of ballots cast or registered voters
        only loses that figure."""
        found = Problem(self.display, row, 0, "", message)
        if contest is not None:
            if len(contest.problems) < MAX_PROBLEMS:
                contest.problems.append(found)
            else:
                contest.more += 1
            return
        if self.wanted is None:
            self.loose.append(found)
        elif of_counts:
            return  # the figure is lost; the contest read does not need it
        else:
            self.problems.append(found)
        if len(self.problems) + len(self.loose) >= MAX_PROBLEMS:
            raise DataError(self.problems + self.loose)

    def fail(self, row: int, message: str) -> None:
        """A problem of the file as a whole (its header)."""
        self.problems.append(Problem(self.display, row, 0, "", message))

    def run(self, path: Path) -> None:
        try:
            self.read_rows(csv_records(path, self.display))
        except DataError as err:  # a byte or a row the CSV module cannot read
            if err.problems and err.problems[0] not in self.problems:
                self.problems += err.problems
            if len(self.problems) + len(self.loose) >= MAX_PROBLEMS:
                raise
        if self.problems:
            raise DataError(self.problems)

    def header(self, header: list[str], row: int) -> dict[str, int] | None:
        names = [fold(name) for name in header]
        if "office" in names and {"name_raw", "jurisdiction"} <= set(names):
            self.fail(
                row,
                "an OpenElections raw export (name_raw, jurisdiction and"
                " votes_type columns: one row per vote type, candidates"
                " unparsed), not OpenElections' cleaned form; "
                + LAYOUT
                + " (the cleaned files are in openelections-data-XX)",
            )
            return None
        column: dict[str, int] = {}
        for index, name in enumerate(names):
            column.setdefault(name, index)
        missing = [name for name in ("office", "candidate") if name not in column]
        kinds = [index for index, name in enumerate(names) if VOTE_TYPE.search(name)]
        if "votes" not in column and not kinds:
            missing.append("votes")
        units = (
            [self.unit_column and fold(self.unit_column)]
            if self.unit_column
            else [name for name in UNIT_COLUMNS if name in column]
        )
        if self.unit_column and units[0] not in column:
            self.fail(
                row,
                f"no column {shorten(self.unit_column)} for the units (unit_column);"
                f" columns: {', '.join(name.strip() for name in header)}",
            )
            return None
        if not units:
            missing.append("county, precinct or ward")
        if missing:
            self.fail(row, f"the header has no {', '.join(missing)} column; {LAYOUT}")
            return None
        for name, times in Counter(names).items():
            if times > 1 and name:
                self.fail(row, f"the header names column {shorten(name)} twice")
        if self.problems:
            return None
        column["\0unit"] = column[units[0]]
        self.unit_kind = str(units[0])
        return column

    def read_rows(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        first = next(rows, None)
        if first is None:
            self.fail(1, "empty file; expected a header row")
            return
        header_row, header = first
        column = self.header(header, header_row)
        if column is None:
            return
        unit_index = column["\0unit"]
        county = column.get("county")
        if county == unit_index:
            county = None
        office, district = column["office"], column.get("district")
        party, candidate, votes = (
            column.get("party"),
            column["candidate"],
            column.get("votes"),
        )
        kinds = [
            (index, header[index].strip())
            for index, name in enumerate(fold(name) for name in header)
            if VOTE_TYPE.search(name)
        ]
        width = len(header)
        by_key = self.by_key
        budget = self.budget
        finer = [column[name] for name in UNIT_COLUMNS if name in column]
        fine = finer if finer and finer[0] != unit_index else None
        # What a cell means is worked out once per distinct cell: offices,
        # candidates and units repeat on row after row.
        choices: dict[str, tuple[str, int]] = {}  # cell → (choice, _PLAIN ...)
        folds: dict[str, str] = {}  # choice → its folded name
        units: dict[tuple[str, str], tuple[str, str] | None] = {}
        respelled = self.respelled
        kind_index = [index for index, _ in kinds]
        no_district, no_party = district is None, party is None
        # Cells taken in one call each (a missing column repeats another, and
        # is read as blank): the contest's, the unit's, the vote types.
        key_of = itemgetter(
            office,
            office if district is None else district,
            office if party is None else party,
        )
        place_of = itemgetter(unit_index, unit_index if county is None else county)
        parts_of: Callable[[list[str]], tuple[str, ...]] | None = None
        if len(kind_index) == 1:
            only = kind_index[0]
            parts_of = lambda record: (record[only],)  # noqa: E731
        elif kind_index:
            parts_of = itemgetter(*kind_index)
        for row, record in rows:
            if len(record) != width:
                self.problem(row, f"{len(record)} fields, but the header has {width}")
                continue
            key = key_of(record)
            contest = by_key.get(key)
            if contest is None:
                if self.long_name(record, header, row, (office, district, party)):
                    continue
                contest = self.new_key(
                    (
                        key[0],
                        "" if no_district else key[1],
                        "" if no_party else key[2],
                    ),
                    key,
                    row,
                )
                if contest is None:
                    continue
            if contest is _COUNTS:
                self.count_row(
                    record, key[0].strip(), unit_index, county, votes, kinds, row
                )
                continue
            if not contest.chosen:
                continue  # another contest's rows do not matter to this one
            cell = record[candidate]
            known = choices.get(cell)
            if known is None:
                known = choices[cell] = _choice(cell, header[candidate].strip())
            choice, what = known
            written = choice
            if what and what >= _COUNT:  # not a choice (_PLAIN is 0)
                if what == _LONG:
                    self.problem(row, choice, contest)
                elif what == _BLANK:
                    self.problem(
                        row,
                        f"the candidate is blank (office {shorten(key[0].strip())})",
                        contest,
                    )
                continue
            place = place_of(record)
            found = units.get(place)
            if found is None:
                found = units[place] = self.unit_of(
                    place[0],
                    "" if county is None else place[1],
                    header,
                    unit_index,
                    county,
                )
            unit, kind = found
            if kind is _LONG_UNIT:
                self.problem(row, unit, contest)
                continue
            if respelled:
                cells = (place[0], "" if county is None else place[1])
                if cells in respelled:
                    contest.respelled_units.setdefault(respelled[cells], (unit, row))
            if kind != contest.unit_kind and not self.same_kind(
                contest, kind, unit, row
            ):
                continue
            # The row's votes: the common case (digits; a breakdown, if any,
            # that adds up) inline, the rest in `votes`.
            count = -1
            if parts_of is None:
                text = record[votes]  # type: ignore[index]
                if text.isdigit() and text.isascii() and len(text) <= MAX_VOTE_DIGITS:
                    count = int(text)
            else:
                parts = parts_of(record)
                joined = "".join(parts)
                if (
                    joined.isdigit()
                    and joined.isascii()
                    and len(joined) <= MAX_VOTE_DIGITS
                    and all(parts)
                ):
                    count = sum(map(int, parts))
                    if votes is not None:
                        text = record[votes]
                        if not (
                            text.isdigit()
                            and text.isascii()
                            and len(text) <= MAX_VOTE_DIGITS
                            and int(text) == count
                        ):
                            count = -1
            if count < 0:  # a breakdown that differs, a blank, a separator ...
                given = self.votes(record, votes, kinds, row, contest)
                if given is None:
                    continue
                count = given
            if what == _WRITE_INS:
                if contest.write_ins is None:
                    contest.write_ins = choice
                choice = contest.write_ins
            else:
                if what == _NAMED_WRITE_IN:
                    named = contest.named_write_ins
                    named[unit] = named.get(unit, 0) + count
                folded = folds.get(choice)
                if folded is None:
                    folded = folds[choice] = fold(choice)
                spelled = contest.spelling.setdefault(folded, choice)
                if spelled != choice:
                    contest.respelled.setdefault(choice, (spelled, row))
                    written, choice = choice, spelled
            # A unit's votes are kept by choice: under the choice itself for
            # the party line it first came with, under (choice, party) for
            # another line (fusion), folded together in `finish`. So a row
            # given twice finds its slot taken, with no record kept per row.
            line_party = "" if no_party else key[2]
            home = contest.home
            home_party = home.get(choice)
            if home_party is None:
                home_party = home[choice] = line_party
                contest.choice_where[choice] = row
            slot: str | tuple[str, str] = choice
            if home_party != line_party:
                slot = (choice, line_party)
                contest.fused = True
            counts = contest.units.get(unit)
            if counts is None:
                contest.unit_where[unit] = (row, 0)
                counts = contest.units[unit] = {}
            # The unit's figure (and the unit, when new) against the limit;
            # inline, as this runs for every row.
            budget.left -= 1 if counts else 2
            if budget.left < 0:
                budget.take((row, 0), 0)
            if fine is not None:
                # Rows of a coarser unit_column (a county over its wards) add
                # up; a row is one at the finest level the file gives.
                line = (tuple(record[i] for i in fine), choice, line_party)
                if line in contest.rows:
                    self.repeated(row, contest, unit, written, contest.rows[line])
                    continue
                contest.rows[line] = row
                counts[slot] = counts.get(slot, 0) + count
            elif slot in counts:
                self.repeated(row, contest, unit, written, None)
            else:
                counts[slot] = count

    def repeated(
        self, row: int, contest: _Contest, unit: str, choice: str, first: int | None
    ) -> None:
        """A row that gives the same unit, candidate and party line again."""
        earlier = f"row {first}" if first is not None else "an earlier row"
        spelled = contest.spelling.get(fold(choice), choice)
        same = (
            f", the same as {shorten(spelled)}: names are compared case-folded"
            if spelled != choice
            else ""
        )
        self.problem(
            row,
            f"repeats {earlier} ({shorten(contest.name)}, unit {shorten(unit)},"
            f" candidate {shorten(choice)}{same})",
            contest,
        )

    def new_key(
        self, cells: tuple[str, str, str], key: tuple[str, ...], row: int
    ) -> _Contest | None:
        """The contest of an office, district and party (`cells`) not seen
        before, remembered under `key`, or _COUNTS for a row of counts; None
        (a problem) for a blank office."""
        office, district, party = (cell.strip() for cell in cells)
        if count_kind(office) is not None or is_write_ins(office):
            self.by_key[key] = _COUNTS
            return _COUNTS
        if not office:
            self.problem(row, "the office is blank")
            return None
        contest = self.contest(office, district, party, row)
        self.by_key[key] = contest
        return contest

    def unit_of(
        self,
        cell: str,
        county_cell: str,
        header: list[str] | None = None,
        unit_index: int = 0,
        county: int | None = None,
    ) -> tuple[str, str]:
        """A unit's name and kind from its cell and its county's ("" for a
        blank unit); with the header, a name too long to be one is the
        message and _LONG_UNIT."""
        name, county_name = cell.strip(), county_cell.strip()
        if header is not None:
            for index, text in ((unit_index, name), (county, county_name)):
                long = (
                    too_long(header[index].strip(), text) if index is not None else None
                )
                if long:
                    return long, _LONG_UNIT
        if not name:
            return "", self.unit_kind
        kind = self.unit_kind
        if county_name and meaning(name) in NO_PRECINCT:
            unit, kind = county_name, "county"
        else:
            unit = f"{county_name}: {name}" if county_name else name
        first = self.unit_spelling.setdefault(fold(unit), unit)
        if first != unit:
            self.respelled[(cell, county_cell)] = unit
        return first, kind

    def same_kind(self, contest: _Contest, kind: str, unit: str, row: int) -> bool:
        """Whether a row of this kind of unit fits the contest (the first row
        sets it); a problem when it does not or when the unit is blank."""
        if not unit:
            self.problem(row, f"the {self.unit_kind} is blank", contest)
            return False
        if contest.unit_kind is None:
            contest.unit_kind, contest.unit_kind_row = kind, row
            return True
        self.problem(
            row,
            f"a {kind} row in contest {shorten(contest.name)}, whose rows are"
            f" {contest.unit_kind} rows (from row {contest.unit_kind_row});"
            " a contest's units are of one kind",
            contest,
        )
        return False

    def count_row(
        self,
        record: list[str],
        office: str,
        unit_index: int,
        county: int | None,
        votes: int | None,
        kinds: list[tuple[int, str]],
        row: int,
    ) -> None:
        """A row of ballots cast or registered voters: kept by unit. Other
        counts are passed over."""
        kind = count_kind(office)
        if kind not in ("ballots", "registered"):
            return
        unit, _ = self.unit_of(
            record[unit_index], "" if county is None else record[county]
        )
        if not unit:
            self.problem(row, f"the {self.unit_kind} is blank", of_counts=True)
            return
        count = self.votes(record, votes, kinds, row, None, of_counts=True)
        if count is not None:
            figures = self.ballots if kind == "ballots" else self.registered
            if unit not in figures:
                self.budget.take((row, 0))
            figures[unit] = figures.get(unit, 0) + count

    def long_name(
        self,
        record: list[str],
        header: list[str],
        row: int,
        columns: Iterable[int | None],
    ) -> bool:
        """Whether a name in the row is too long to be one (a located problem)."""
        for index in columns:
            if index is None:
                continue
            long = too_long(header[index].strip(), record[index].strip())
            if long:
                self.problem(row, long)
                return True
        return False

    def contest(self, office: str, district: str, party: str, row: int) -> _Contest:
        name = office
        if district:
            name += f", district {district}" if district.isdigit() else f", {district}"
        if party and (self.primary or "primary" in fold(office).split()):
            name += f" ({party})"
        # Offices spelled in another case by another county are one contest.
        contest = self.contests.get(fold(name))
        if contest is None:
            chosen = self.wanted is None or same_name(self.wanted, name)
            if not chosen and party and name.endswith(f" ({party})"):
                # "President" names every party's President contest: read
                # them all, to refuse the name as ambiguous.
                chosen = same_name(self.wanted or "", name[: -len(party) - 3])
            contest = _Contest(name, row, chosen)
            self.contests[fold(name)] = contest
        self.by_key[(office, district, party)] = contest
        return contest

    def figure(
        self,
        label: str,
        text: str,
        row: int,
        contest: _Contest | None,
        *,
        of_counts: bool = False,
    ) -> int | None:
        value = whole_number(text)
        if value is not None:
            return value
        text = text.strip()
        if GROUPED.fullmatch(text):
            if contest is not None:
                contest.grouped.add(row, text, label)
            return int(text.replace(",", ""))
        self.problem(row, not_a_count(label, text), contest, of_counts=of_counts)
        return None

    def votes(
        self,
        record: list[str],
        votes: int | None,
        kinds: list[tuple[int, str]],
        row: int,
        contest: _Contest | None,
        *,
        of_counts: bool = False,
    ) -> int | None:
        """The row's votes; its vote types checked against them."""
        parts: list[tuple[str, int]] = []
        bad = False
        for index, label in kinds:
            text = record[index]
            if not text or text.isspace():
                continue
            value = self.figure(label, text, row, contest, of_counts=of_counts)
            if value is None:
                bad = True
            else:
                parts.append((label, value))
        text = record[votes].strip() if votes is not None else ""
        if not text and not parts and not bad and contest is not None:
            contest.blank.add(row, "no votes")
            return None
        if not text and parts and (votes is None or len(parts) == len(kinds)):
            return None if bad else sum(value for _, value in parts)
        if votes is None:
            return None  # a count row without figures
        total = self.figure("votes", text, row, contest, of_counts=of_counts)
        if total is None or bad:
            return None
        if not parts:
            return total
        added = sum(value for _, value in parts)
        if added == total:
            return total
        spelled = " + ".join(f"{label} {value:,}" for label, value in parts)
        if added > total:
            self.problem(
                row,
                f"votes is {total:,} but its vote types add up to {added:,}"
                f" ({spelled}), more than votes",
                contest,
                of_counts=of_counts,
            )
            return None
        if contest is not None:
            contest.partial.add(row, f"votes {total:,}, vote types {added:,}")
        return total
