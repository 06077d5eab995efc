"""Figures per reporting unit: who leads where, and what moved between tallies.

`certcli margin --by unit` and the unit claims (`units_won`, `units_changed`,
`units_flipped`) are computed here, from the units `certcli.datafile.units` read.

Conventions:

* A unit's leader is the candidate with the most votes there; when two or more
  share the most, the unit has no leader (a tie).
* A unit changed between two tallies when any candidate's votes in it differ
  (a candidate missing from one tally counts as 0 there).
* A unit flipped when its leader differs between the two tallies (a tie
  becoming a lead, or the reverse, counts).
* Units are matched between tallies by name, compared with `readers.fold`; a
  unit in only one of the two tallies is neither changed nor flipped, and is
  listed apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from certcli.core.errors import UsageError
from certcli.core.exact import EXACT
from certcli.core.text import fold
from certcli.datafile.models import Tally
from certcli.datafile.units import TallyUnits, Unit
from certcli.figures.margins import select_tallies
from certcli.figures.tallies import percent_of, runner_up
from certcli.loaded.contest import Contest


def leader(unit: Unit) -> str | None:
    """The candidate with the most votes in the unit; None when tied at the top."""
    if not unit.votes:
        return None
    most = max(unit.votes.values())
    ahead = [key for key, votes in unit.votes.items() if votes == most]
    return ahead[0] if len(ahead) == 1 else None


def units_won(units: TallyUnits, candidate: str) -> int:
    """How many units the candidate leads."""
    return sum(1 for unit in units.units if leader(unit) == candidate)


def changed(after: Unit, before: Unit) -> bool:
    """Whether any candidate's votes differ between the two figures of a unit."""
    keys = set(after.votes) | set(before.votes)
    return any(after.votes.get(k, 0) != before.votes.get(k, 0) for k in keys)


def matched(after: TallyUnits, before: TallyUnits) -> list[tuple[Unit, Unit]]:
    """The units of `after` that `before` has too, in the order of `after`."""
    return [
        (unit, before.by_name[key])
        for key, unit in after.by_name.items()
        if key in before.by_name
    ]


def units_changed(after: TallyUnits, before: TallyUnits) -> int:
    return sum(1 for now, then in matched(after, before) if changed(now, then))


def units_flipped(after: TallyUnits, before: TallyUnits) -> int:
    return sum(1 for now, then in matched(after, before) if leader(now) != leader(then))


# --- margin --by unit ---------------------------------------------------------


@dataclass(frozen=True)
class UnitChange:
    """What moved in one unit since the earlier tally."""

    votes: dict[str, int]  # candidate → votes now minus votes then
    total: int
    margin: int
    margin_percent: Decimal | None  # percentage points; None if a total is 0
    changed: bool
    flipped: bool
    leader_before: str | None


@dataclass(frozen=True)
class UnitRow:
    """One unit of `certcli margin --by unit`."""

    unit: str
    votes: dict[str, int]  # every candidate of the tally's units
    total: int
    margin: int  # candidate - opponent
    margin_percent: Decimal | None  # margin / total * 100; None if the total is 0
    candidate_share: Decimal | None
    opponent_share: Decimal | None
    leader: str | None  # None: tied at the top
    change: UnitChange | None = None  # with --from, when the unit is in both
    code: str | None = None  # the results file's code for it (a county's FIPS)


@dataclass(frozen=True)
class UnitMarginReport:
    """The result of `certcli margin --by unit`."""

    file: str
    election_id: str
    election_title: str
    tally_id: str
    from_tally: str | None
    kind: str  # "county", "precinct", ...
    results: str | None  # the results file the units come from
    candidate: str
    opponent: str
    candidates: tuple[str, ...]  # the columns: the tally's candidates in order
    names: dict[str, str]  # candidate key → full name
    rows: tuple[UnitRow, ...]  # by margin, or by size of change with --from
    units: int
    led: int  # units the candidate leads
    changed: int | None  # with --from
    flipped: int | None
    net_change: int | None  # sum of the margin's changes over matched units
    only_now: tuple[str, ...]  # units in this tally only (with --from)
    only_before: tuple[str, ...]  # units in the earlier tally only
    # The results file's notes on the contest (its totals against its units,
    # which figure certcli took): they bear on every unit's figures.
    notes: tuple[str, ...] = ()


def _margin(unit: Unit, candidate: str, opponent: str) -> int:
    return unit.votes.get(candidate, 0) - unit.votes.get(opponent, 0)


def _row(unit: Unit, candidate: str, opponent: str, before: Unit | None) -> UnitRow:
    margin = _margin(unit, candidate, opponent)
    percent = percent_of(margin, unit.total)
    change = None
    if before is not None:
        then = _margin(before, candidate, opponent)
        then_percent = percent_of(then, before.total)
        keys = list(dict.fromkeys([*unit.votes, *before.votes]))
        change = UnitChange(
            votes={k: unit.votes.get(k, 0) - before.votes.get(k, 0) for k in keys},
            total=unit.total - before.total,
            margin=margin - then,
            margin_percent=(
                None
                if percent is None or then_percent is None
                else EXACT.subtract(percent, then_percent)
            ),
            changed=changed(unit, before),
            flipped=leader(unit) != leader(before),
            leader_before=leader(before),
        )
    return UnitRow(
        unit=unit.name,
        votes=dict(unit.votes),
        total=unit.total,
        margin=margin,
        margin_percent=percent,
        candidate_share=percent_of(unit.votes.get(candidate, 0), unit.total),
        opponent_share=percent_of(unit.votes.get(opponent, 0), unit.total),
        leader=leader(unit),
        change=change,
        code=unit.code,
    )


def tally_units(contest: Contest, tally: Tally, option: str) -> TallyUnits:
    """The units of `tally`; UsageError when it has none."""
    units = contest.units.get(tally.id)
    if units is None:
        with_units = [t.id for t in contest.tallies_in_time if t.id in contest.units]
        raise UsageError(
            f"{option} {tally.id} has no reporting units; tallies with units:"
            f" {', '.join(with_units) or 'none'}"
        )
    return units


def unit_margin_report(
    contest: Contest,
    candidate: str,
    opponent: str | None = None,
    tally_id: str | None = None,
    stage: str | None = None,
    from_tally: str | None = None,
) -> UnitMarginReport:
    """`certcli margin --by unit`: one tally's units (default: the latest tally
    with units, of `stage` when given), compared with `from_tally` when given.

    The opponent is `opponent`, else the candidate's runner-up in the tally's
    statewide figures, the same in every unit.
    """
    from certcli.figures.margins import candidate_key

    key = candidate_key(contest, candidate)
    rival = candidate_key(contest, opponent) if opponent is not None else None
    if rival == key:
        raise UsageError(f"--vs names the candidate itself ({key})")
    chosen = select_tallies(contest, tally_id, stage)
    if tally_id is None:  # the latest with units, other than the one compared with
        with_units = [t for t in chosen if t.id in contest.units and t.id != from_tally]
        chosen = with_units or chosen
    tally = chosen[-1]
    units = tally_units(contest, tally, "tally")
    before: TallyUnits | None = None
    if from_tally is not None:
        earlier = select_tallies(contest, from_tally)[0]
        before = tally_units(contest, earlier, "--from")
    if rival is None:
        rival = runner_up(tally, key)
        if rival is None:
            raise UsageError(f"tally {tally.id} has no candidate besides {key}")
    for name in (key, rival):
        if name not in units.candidates:
            raise UsageError(
                f"the units of tally {tally.id} give {name} no votes; they have"
                f" {', '.join(units.candidates) or 'no candidates'}"
            )
    rows = [
        _row(
            unit,
            key,
            rival,
            None if before is None else before.by_name.get(fold(unit.name)),
        )
        for unit in units.units
    ]
    led = sum(1 for row in rows if row.leader == key)
    changed_count = flipped = net = None
    only_now: tuple[str, ...] = ()
    only_before: tuple[str, ...] = ()
    if before is not None:
        changes = [row.change for row in rows if row.change is not None]
        changed_count = sum(1 for c in changes if c.changed)
        flipped = sum(1 for c in changes if c.flipped)
        net = sum(c.margin for c in changes)
        only_now = tuple(row.unit for row in rows if row.change is None)
        only_before = tuple(
            unit.name
            for name, unit in before.by_name.items()
            if name not in units.by_name
        )
        rows.sort(key=_by_change)
    else:
        rows.sort(key=lambda row: (-row.margin, fold(row.unit)))
    model = contest.model
    return UnitMarginReport(
        file=contest.file,
        election_id=model.election.id,
        election_title=model.election.title,
        tally_id=tally.id,
        from_tally=from_tally,
        kind=units.kind,
        results=units.results,
        notes=units.notes,
        candidate=key,
        opponent=rival,
        # With --from, a candidate of either tally: one the earlier tally has
        # alone changed too (to 0), and a change must show where it is.
        candidates=(
            units.candidates
            if before is None
            else tuple(dict.fromkeys([*units.candidates, *before.candidates]))
        ),
        names={k: c.name for k, c in model.candidates.items()},
        rows=tuple(rows),
        units=len(rows),
        led=led,
        changed=changed_count,
        flipped=flipped,
        net_change=net,
        only_now=only_now,
        only_before=only_before,
    )


def _by_change(row: UnitRow) -> tuple[int, int, int, str]:
    """Largest change in the margin first, then largest change in any
    candidate's votes; units in one tally only last."""
    if row.change is None:
        return (1, 0, 0, fold(row.unit))
    biggest = max((abs(v) for v in row.change.votes.values()), default=0)
    return (0, -abs(row.change.margin), -biggest, fold(row.unit))
