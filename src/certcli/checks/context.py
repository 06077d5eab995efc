"""What every check is given: the loaded file, its timeline and claim verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from certcli.calendar.rules import Timeline
from certcli.claims.findings import ClaimResult, Finding, Severity
from certcli.core.errors import KeyPath
from certcli.datafile.models import DataFile
from certcli.datafile.units import Unit
from certcli.loaded.contest import Contest, moment_of

if TYPE_CHECKING:
    from certcli.articles.scan import ScanResult


@dataclass(frozen=True)
class CheckContext:
    contest: Contest
    timeline: Timeline
    claims: tuple[ClaimResult, ...]
    as_of: date
    # the articles scanned against the file (`sources[].file`, `--articles`)
    scans: tuple[ScanResult, ...] = ()
    articles: Path | None = None  # the folder of `check --articles DIR`

    @property
    def model(self) -> DataFile:
        return self.contest.model

    @property
    def zone(self) -> ZoneInfo:
        return self.timeline.zone

    def moment(self, value: date | datetime) -> datetime:
        """A date or date-time as an aware moment (a date is 00:00 local)."""
        return moment_of(value, self.zone)

    def finding(
        self, rule: str, severity: Severity, path: KeyPath, subject: str, message: str
    ) -> Finding:
        """A finding located at the value at `path` in the file."""
        line, column = self.contest.where(path)
        return Finding(
            rule, severity, self.contest.file, line, column, subject, message
        )

    @staticmethod
    def unit_finding(
        rule: str, severity: Severity, unit: Unit, subject: str, message: str
    ) -> Finding:
        """A finding located where the unit is written: its row of the results
        file, or its entry in the data file."""
        return Finding(
            rule, severity, unit.file, unit.line, unit.column, subject, message
        )
