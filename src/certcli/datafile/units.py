"""Reporting units of the tallies: written in the data file (`units:`) or read
from an official results file (`results:`), and matched to the file's candidates.

This is the loader's fourth job. A results file is named relative to the data
file, must stay inside the data file's folder, is read once per load however
many tallies name it, and every problem is located twice where that helps: in
the results file (FILE:ROW or FILE:LINE:COL) and at the `results:` entry of the
data file that asked for it.

How a results file's choices become candidates (docs/data-file.md: "Reporting units"):

* `candidates: {KEY: CHOICE}` (or a list of choices, summed) names them
  explicitly; a choice a candidate is not mapped to explicitly matches the
  candidate whose key or name is the same, compared with `readers.fold`.
* `other: [CHOICE, ...]` are votes for no candidate of the file (write-ins):
  they count in each unit's total only.
* `ignore: [CHOICE, ...]` are not votes (a column of codes or margins).
* csv only: `total_column` (default: a column named "total", when there is
  one) is each unit's total, which may exceed its votes.
* Any other choice is an error that lists the file's choices.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from certcli.core.errors import DataError, KeyPath, Problem
from certcli.core.text import count, fold, listing, plural, shorten
from certcli.datafile.located import Located
from certcli.datafile.metrics import METRICS
from certcli.datafile.models import (
    OTHER,
    UNIT_TOTAL,
    DataFile,
    Results,
    Tally,
)
from certcli.readers import reader
from certcli.readers.base import (
    ContestNotFound,
    ContestResults,
    is_write_ins,
    same_name,
)


@dataclass(frozen=True)
class Unit:
    """One reporting unit's figures in one tally."""

    name: str  # as written
    votes: dict[str, int]  # candidate key → votes; every candidate of the tally
    other: int  # votes for no candidate of the file
    total: int  # as given, else the votes plus `other`
    total_given: bool
    file: str  # where the unit is written: the results file or the data file
    line: int
    column: int  # 0 for a CSV row
    code: str | None = None  # the file's code for the unit (a county's FIPS)

    @property
    def candidate_votes(self) -> int:
        return sum(self.votes.values())

    @classmethod
    def written(
        cls,
        name: str,
        votes: dict[str, int],
        other: int,
        total: int | None,
        where: tuple[str, int, int],
    ) -> Unit:
        """A unit as written: its total when given, else its votes and `other`."""
        return cls(
            name=name,
            votes=votes,
            other=other,
            total=total if total is not None else sum(votes.values()) + other,
            total_given=total is not None,
            file=where[0],
            line=where[1],
            column=where[2],
        )


@dataclass(frozen=True)
class TallyUnits:
    """The reporting units of one tally, in the order they are written."""

    tally: str
    kind: str  # "county", "precinct", ..., "unit" when nothing says
    units: tuple[Unit, ...]
    candidates: tuple[str, ...]  # candidate keys the units have votes for
    results: str | None = None  # the results file as shown; None when inline
    # Ballots cast in the units, when the results file gives them for each.
    ballots: int | None = None
    # The results file's notes on the contest (see ContestResults.notes).
    notes: tuple[str, ...] = ()

    @property
    def written_as(self) -> str:
        """The tally's key that gives its units: "results" or "units"."""
        return "units" if self.results is None else "results"

    @property
    def plural(self) -> str:
        """The kind of unit, in the plural when there is not exactly one."""
        return plural(self.kind, len(self.units))

    @cached_property
    def by_name(self) -> dict[str, Unit]:
        """The units by folded name (`readers.fold`)."""
        index: dict[str, Unit] = {}
        for unit in self.units:
            index.setdefault(fold(unit.name), unit)
        return index

    def find(self, name: str) -> Unit | None:
        """The unit called `name` (compared with `readers.fold`)."""
        return self.by_name.get(fold(name))

    @cached_property
    def sums(self) -> dict[str, int]:
        """Each candidate's votes over all units."""
        return {
            key: sum(unit.votes[key] for unit in self.units) for key in self.candidates
        }

    @cached_property
    def total(self) -> int:
        return sum(unit.total for unit in self.units)

    def unit_tally(self, tally: Tally, unit: Unit) -> Tally:
        """`tally` as it stands in one unit: the unit's votes and total."""
        return Tally.model_construct(
            id=tally.id,
            stage=tally.stage,
            as_of=tally.as_of,
            source=tally.source,
            votes=dict(unit.votes),
            total=unit.total,
            margin=None,
            units_certified=None,
            units=None,
            results=None,
            note=None,
        )


# --- reading every tally's units ----------------------------------------------


def read_units(
    model: DataFile, located: Located, base: Path, data_file: Path | None = None
) -> dict[str, TallyUnits]:
    """The units of every tally that has some, by tally id; DataError with every
    problem of every results file."""
    reading = _Reading(model, located, base, data_file)
    found: dict[str, TallyUnits] = {}
    for index, tally in enumerate(model.tallies):
        units: TallyUnits | None = None
        if tally.units is not None:
            units = reading.inline(index, tally)
        elif tally.results is not None:
            units = reading.from_file(index, tally, tally.results)
        if units is not None:
            found[tally.id] = units
    if not reading.problems:
        reading.problems += claim_problems(model, located, found)
    if reading.problems:
        raise DataError(reading.problems)
    return found


def claim_problems(
    model: DataFile, located: Located, units: Mapping[str, TallyUnits]
) -> list[Problem]:
    """A claim's `unit` must be a unit of its tally, and the tallies a units
    metric compares must have units (when the claim names them: a tally chosen
    by date that lacks them makes the claim unverifiable instead)."""
    problems = []
    for index, claim in enumerate(model.claims):
        at: KeyPath = ("claims", index)
        if claim.unit is None and not METRICS[claim.metric].counts_units:
            continue
        for key in ("tally", "from_tally"):
            tally_id = getattr(claim, key)
            if tally_id is None or tally_id in units:
                continue
            problems.append(
                located.problem(
                    (*at, key),
                    f"tally {tally_id} has no reporting units (units: or results:);"
                    f" tallies with units: {listing(units) if units else 'none'}",
                )
            )
        found = units.get(claim.tally) if claim.tally is not None else None
        if (
            claim.unit is not None
            and found is not None
            and found.find(claim.unit) is None
        ):
            problems.append(
                located.problem(
                    (*at, "unit"),
                    f"tally {found.tally} has no {found.kind}"
                    f" {shorten(claim.unit)} ({len(found.units):,}"
                    f" {found.plural}: {listing(u.name for u in found.units)})",
                )
            )
    return problems


def with_unit_figures(model: DataFile, units: Mapping[str, TallyUnits]) -> DataFile:
    """The model with each unit tally's missing `votes` derived from its units
    (the sums over them), and its `total` too when both are missing. Written
    figures are kept as written, for the checks to compare; a tally that
    writes its votes but no total keeps the sum of its votes as its total, as
    any tally does, so that one wrong figure is not reported twice."""
    if not units:
        return model
    tallies = []
    for tally in model.tallies:
        found = units.get(tally.id)
        update: dict[str, Any] = {}
        if found is not None and not tally.votes:
            update["votes"] = dict(found.sums)
        if found is not None and not tally.votes and tally.total is None:
            update["total"] = found.total
        if found is not None and tally.ballots is None and found.ballots is not None:
            update["ballots"] = found.ballots
        tallies.append(tally.model_copy(update=update) if update else tally)
    return model.model_copy(update={"tallies": tallies})


_IGNORED = "\0ignore"
_TOTAL = "\0total"


@dataclass
class _Reading:
    model: DataFile
    located: Located
    base: Path
    data_file: Path | None
    problems: list[Problem] = field(default_factory=list)
    read_before: dict[tuple[Any, ...], ContestResults | DataError] = field(
        default_factory=dict
    )

    def problem(self, path: KeyPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.located.problem(path, message, key=key))

    def in_file(self, display: str, where: tuple[int, int], message: str) -> None:
        """A problem in a results file, at (line, column); column 0 for a row."""
        self.problems.append(Problem(display, *where, "", message))

    # --- inline units ---------------------------------------------------------

    def inline(self, index: int, tally: Tally) -> TallyUnits:
        assert tally.units is not None
        order = list(self.model.candidates)
        present = {
            key
            for figures in tally.units.values()
            for key in figures
            if key not in (OTHER, UNIT_TOTAL)
        }
        candidates = tuple(key for key in order if key in present)
        units = []
        seen: dict[str, tuple[int, int]] = {}
        for name, figures in tally.units.items():
            line, column = self.located.where(
                ("tallies", index, "units", name), key=True
            )
            first = seen.setdefault(fold(name), (line, column))
            if first != (line, column):
                self.problem(
                    ("tallies", index, "units", name),
                    f"unit {shorten(name)} is written twice (first at line"
                    f" {first[0]}, column {first[1]}); names are compared"
                    " case-folded",
                    key=True,
                )
            units.append(
                Unit.written(
                    name,
                    {key: figures.get(key, 0) for key in candidates},
                    figures.get(OTHER, 0),
                    figures.get(UNIT_TOTAL),
                    (self.located.file, line, column),
                )
            )
        kind = self.model.election.reporting_units
        return TallyUnits(
            tally.id, kind.kind if kind else "unit", tuple(units), candidates
        )

    # --- results files ----------------------------------------------------------

    def from_file(
        self, index: int, tally: Tally, results: Results
    ) -> TallyUnits | None:
        at: KeyPath = ("tallies", index, "results")
        path, display = self._locate(at, results.file)
        if path is None:
            return None
        contents = self._read(path, display, results)
        if isinstance(contents, ContestNotFound) and results.contest is not None:
            # The name in the data file is what to correct: located there.
            self.problem(
                (*at, "contest"),
                f"{display}: {contents.problems[0].message}",
            )
            return None
        if isinstance(contents, DataError):
            self.problems += contents.problems
            self.problem(
                at,
                f"tally {tally.id}: cannot use results file {display}"
                f" (see the {plural('problem', len(contents.problems))}"
                " there)",
            )
            return None
        if not contents.units:
            self.problem(
                at,
                f"tally {tally.id}: results file {display} has no units"
                + (
                    f" for contest {shorten(contents.contest)}"
                    if results.contest
                    else ""
                ),
            )
            return None
        # Two spellings of one name (case, spacing, width) would be two units
        # or two choices whose votes a tally adds up: refused as duplicates.
        for label, names, where in (
            ("unit", contents.units, contents.unit_where),
            ("choice", contents.choices, contents.choice_where),
        ):
            twice = _folded_twice(names)
            if twice is not None:
                name, first = twice
                self.in_file(
                    display,
                    where.get(name, (1, 0)),
                    f"{label} {shorten(name)} is the same as {label}"
                    f" {shorten(first)} (names are compared case-folded)",
                )
                self.problem(at, f"tally {tally.id}: cannot use results file {display}")
                return None
        targets = self._targets(at, results, contents, display)
        if targets is None:
            return None
        candidates = tuple(
            key for key in self.model.candidates if key in set(targets.values())
        )
        units = []
        for name, choices in contents.units.items():
            votes = dict.fromkeys(candidates, 0)
            other = 0
            total: int | None = None
            for choice, figure in choices.items():
                target = targets.get(choice, _IGNORED)
                if target == _TOTAL:
                    total = figure
                elif target == OTHER:
                    other += figure
                elif target != _IGNORED:
                    votes[target] += figure
            line, column = contents.unit_where.get(name, (1, 0))
            unit = Unit.written(name, votes, other, total, (display, line, column))
            code = contents.unit_codes.get(name)
            units.append(replace(unit, code=code) if code else unit)
        kind = contents.unit_kind
        election = self.model.election.reporting_units
        if kind == "unit" and election is not None:
            kind = election.kind  # the file does not say
        return TallyUnits(
            tally.id,
            kind,
            tuple(units),
            candidates,
            results=display,
            ballots=contents.ballots,
            notes=contents.notes,
        )

    def _locate(self, at: KeyPath, written: str) -> tuple[Path | None, str]:
        """The results file's path and how it is shown, or a problem at `file`."""
        where = (*at, "file")
        shown = written.replace("\\", "/")
        relative = os.path.normpath(shown)
        if os.path.isabs(shown) or relative.split(os.sep, 1)[0] == os.pardir:
            self.problem(
                where,
                f"results file {shorten(written)} is outside the data file's folder;"
                " name it relative to the data file, in that folder or below it",
            )
            return None, written
        display_base = os.path.dirname(self.located.file)
        display = os.path.join(display_base, relative) if display_base else relative
        path = self.base / relative
        # The data file's real folder: a data file that is itself a link (as
        # the bundled one is) may read the results files beside its target.
        folder = self.base
        if self.data_file is not None:
            folder = Path(os.path.realpath(self.data_file)).parent
        real = _inside(path, folder)
        if real is None:
            self.problem(
                where,
                f"results file {shorten(written)} leads outside the data file's"
                " folder through a symbolic link; certcli reads results files only"
                " inside that folder (copy the file there)",
            )
            return None, display
        path = real
        reason = _refusal(path, display)
        if reason is None and self.data_file is not None:
            try:
                same = os.path.samefile(path, self.data_file)
            except OSError:
                same = False
            if same:
                reason = "is the data file itself; name the results file"
        if reason is not None:
            self.problem(where, f"results file {display}: {reason}")
            return None, display
        return path, display

    def _read(
        self, path: Path, display: str, results: Results
    ) -> ContestResults | DataError:
        """The contest of the file (read once per file, contest and options)."""
        try:
            identity: Any = os.path.realpath(path)
        except (OSError, ValueError):  # pragma: no cover - refusal() looked first
            identity = str(path)
        options = (
            results.unit_column,
            tuple(sorted(fold(n) for n in results.ignore)),
            results.year,
            results.state,
        )
        contest = (results.contest, results.contest_number)
        key = (identity, results.format, contest, options)
        if key not in self.read_before:
            module = reader(results.format)
            try:
                if results.format == "csv":
                    from certcli.readers import csv

                    contents = csv.read(
                        path,
                        display,
                        None,
                        unit_column=results.unit_column,
                        ignore=results.ignore,
                    )
                elif results.format == "openelections":
                    from certcli.readers import openelections

                    contents = openelections.read(
                        path,
                        display,
                        results.contest,
                        unit_column=results.unit_column,
                        number=results.contest_number,
                    )
                elif results.format == "medsl":
                    from certcli.readers import medsl

                    assert results.year is not None and results.state is not None
                    contents = medsl.read(
                        path,
                        display,
                        results.contest,
                        year=results.year,
                        state=results.state,
                        number=results.contest_number,
                    )
                elif results.contest_number is not None:
                    contents = module.read(
                        path, display, results.contest, number=results.contest_number
                    )
                else:
                    contents = module.read(path, display, results.contest)
            except DataError as err:
                self.read_before[key] = err
            else:
                self.read_before[key] = contents
        return self.read_before[key]

    def _targets(
        self, at: KeyPath, results: Results, contents: ContestResults, display: str
    ) -> dict[str, str] | None:
        """Each choice of the file → a candidate key, OTHER, _TOTAL or _IGNORED;
        None (with problems) when a name matches nothing or a choice nothing."""
        choices = contents.choices
        targets: dict[str, str] = {}
        failed = False
        in_file = f"{display}" + (
            f" (contest {shorten(contents.contest)})" if results.format != "csv" else ""
        )

        # A csv reader leaves ignored columns out, so they are no choices here.
        ignored = (
            {fold(n) for n in results.ignore} if results.format == "csv" else set()
        )

        # Whose choice a name is, by the candidates' names and keys: a choice
        # written as one candidate's name and mapped to another is refused.
        owner: dict[str, str] = {}
        for key, candidate in self.model.candidates.items():
            owner.setdefault(fold(candidate.name), key)
            owner.setdefault(fold(key), key)

        def claim(path: KeyPath, name: str, target: str) -> None:
            nonlocal failed
            matched = [choice for choice in choices if same_name(name, choice)]
            for choice in matched:
                whose = owner.get(fold(choice))
                if target in self.model.candidates and whose not in (None, target):
                    failed = True
                    self.problem(
                        path,
                        f"choice {shorten(choice)} is the name of candidate"
                        f" {whose}, but is mapped to {target}; map it to {whose}",
                    )
            if not matched and fold(name) in ignored:
                failed = True
                self.problem(
                    path,
                    f"column {shorten(name)} is under ignore too; a column is votes"
                    " or ignored, not both",
                )
                return
            if not matched:
                failed = True
                self.problem(
                    path,
                    f"no choice {shorten(name)} in {in_file}; its choices:"
                    f" {listing(choices)}",
                )
            for choice in matched:
                if choice in targets and targets[choice] != target:
                    failed = True
                    self.problem(
                        path, f"choice {shorten(choice)} is already mapped elsewhere"
                    )
                targets[choice] = target

        mapped = set()
        for key, names in results.candidates.items():
            mapped.add(key)
            for i, name in enumerate([names] if isinstance(names, str) else names):
                path: KeyPath = ("candidates", key)
                if not isinstance(names, str):
                    path = (*path, i)
                claim((*at, *path), name, key)
        for i, name in enumerate(results.other):
            claim((*at, "other", i), name, OTHER)
        if results.format != "csv":  # a csv reader skips ignored columns itself
            for i, name in enumerate(results.ignore):
                claim((*at, "ignore", i), name, _IGNORED)
        if results.total_column is not None:
            claim((*at, "total_column"), results.total_column, _TOTAL)
        elif results.format == "csv":
            for choice in choices:
                if choice not in targets and fold(choice) == UNIT_TOTAL:
                    targets[choice] = _TOTAL
        for choice in choices:
            # Write-in votes given as one figure are no candidate's: counted
            # in the total unless the tally maps them.
            if choice not in targets and is_write_ins(choice):
                targets[choice] = OTHER

        by_name: dict[str, str] = {}
        for key, candidate in self.model.candidates.items():
            if key not in mapped:
                by_name.setdefault(fold(candidate.name), key)
                by_name.setdefault(fold(key), key)
        unmatched = []
        for choice in choices:
            if choice in targets:
                continue
            if fold(choice) in by_name:
                targets[choice] = by_name[fold(choice)]
            else:
                unmatched.append(choice)
        if unmatched:
            failed = True
            names = ", ".join(
                f"{key} ({candidate.name})"
                for key, candidate in self.model.candidates.items()
            )
            key, candidate = next(iter(self.model.candidates.items()))
            # Names such as 'BIDEN, JOE' keep their quotes in a list.
            quoted = any("," in choice for choice in choices)
            self.in_file(
                display,
                contents.choice_where.get(unmatched[0], (1, 0)),
                f"{count(len(unmatched), 'choice')} of {in_file}"
                f" {'maps' if len(unmatched) == 1 else 'map'} to no"
                f" candidate: {listing(unmatched, quoted=quoted)}; the file's"
                f" choices: {listing(choices, quoted=quoted)}",
            )
            self.problem(
                at,
                f"map {listing(unmatched, quoted=quoted)} of {display} under"
                " candidates (to a candidate; a list of names adds up one"
                f" candidate's spellings: `{key}: [{candidate.name}, its other"
                " spelling]`), other (counted in the total only) or ignore (not"
                f" votes); candidates: {names}",
            )
        return None if failed else targets


def _folded_twice(names: Iterable[str]) -> tuple[str, str] | None:
    """The first name that `fold`s to an earlier one, and that earlier one."""
    seen: dict[str, str] = {}
    for name in names:
        first = seen.setdefault(fold(name), name)
        if first != name:
            return name, first
    return None


def _inside(path: Path, folder: Path) -> Path | None:
    """`path` with every symbolic link resolved, or None when that real path is
    outside `folder`'s real path (a link to /proc/self/environ, a linked
    directory `sub -> /`). A path that does not resolve (missing, a loop) is
    returned as it is, for `_refusal` to say why it cannot be read."""
    try:
        root = os.path.realpath(folder)
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return path
    if not os.path.lexists(path):
        return path
    if os.path.commonpath([root, real]) != root:
        return None
    return Path(real)


def _refusal(path: Path, display: str) -> str | None:
    """Why the results file cannot be opened (a missing file, a directory, a
    FIFO, a device, a file above the size limit), or None."""
    from certcli.readers.files import open_results

    try:
        with open_results(path, display):
            return None
    except DataError as err:
        return "; ".join(problem.message for problem in err.problems)
