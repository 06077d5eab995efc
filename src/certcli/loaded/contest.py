"""The loaded contest: a valid data file's model, where everything in it was
written, and what is worked out from it once (resolved dates, tallies in time
order)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from certcli.calendar.rules import Timeline, resolve
from certcli.core.errors import KeyPath
from certcli.datafile.located import Located
from certcli.datafile.models import DataFile, Tally

if TYPE_CHECKING:
    from certcli.datafile.units import TallyUnits


@dataclass(frozen=True)
class Contest:
    """A loaded, valid data file: its model and where everything in it was."""

    model: DataFile  # a unit tally's missing votes and total derived from its units
    located: Located
    # The reporting units of the tallies that have some, by tally id.
    units: Mapping[str, TallyUnits] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.located.file

    def where(self, path: KeyPath) -> tuple[int, int]:
        return self.located.where(path)

    @cached_property
    def timeline(self) -> Timeline:
        """Every event's resolved dates, worked out once (see `dates.resolve`);
        raises DataError when a date cannot be resolved."""
        return resolve(self.model, self.located)

    @cached_property
    def tallies_by_id(self) -> dict[str, Tally]:
        return {tally.id: tally for tally in self.model.tallies}

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.model.election.timezone)

    @cached_property
    def _tallies_by_time(self) -> tuple[list[datetime], list[int]]:
        timed = sorted(
            (moment_of(tally.as_of, self.zone), i)
            for i, tally in enumerate(self.model.tallies)
        )
        return [m for m, _ in timed], [i for _, i in timed]

    @property
    def tally_indices_in_time(self) -> list[int]:
        """Positions of the tallies in the file, ordered by `as_of` (a date is
        00:00 local; ties keep file order)."""
        return list(self._tallies_by_time[1])

    @cached_property
    def tally_days(self) -> list[date]:
        """The local day of each tally of `tallies_in_time`, in that order."""
        return [
            moment.astimezone(self.zone).date() for moment in self._tallies_by_time[0]
        ]

    @property
    def tallies_in_time(self) -> list[Tally]:
        """The tallies by `as_of` (a date is 00:00 local; ties keep file order)."""
        return [self.model.tallies[i] for i in self._tallies_by_time[1]]

    def latest_tally(self, value: date | datetime) -> Tally | None:
        """The latest tally at or before `value` (a date: the start of that day
        in the election's zone); of tallies at the same moment, the last listed."""
        moments, order = self._tallies_by_time
        position = bisect_right(moments, moment_of(value, self.zone))
        return self.model.tallies[order[position - 1]] if position else None


def moment_of(value: date | datetime, zone: ZoneInfo) -> datetime:
    """An aware moment; a date alone (or a naive date-time) is local to `zone`,
    a date at the start of that day."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.combine(value, time(0, 0), tzinfo=zone)
