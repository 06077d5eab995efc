"""What `certcli check` found: findings, claim verdicts, and the report of a run.

These are plain data. The checks (`certcli.checks`) and the claim verdicts
(`certcli.claims.verdicts`) produce them; the renderers
(`certcli.render.check_*`) turn a `Report` into text and compute nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from urllib.parse import quote

from certcli.core.errors import Problem
from certcli.core.text import count

REPORT_VERSION = 1  # version of the JSON report's layout
# the finding `--fail-on unverifiable` fails on
UNVERIFIABLE_RULE = "claim-unverifiable"


class Severity(str, Enum):
    """How much a finding matters; `--fail-on` picks the lowest that fails a run."""

    error = "error"
    warning = "warning"
    notice = "notice"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "notice": 1}[self.value]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True)
class Finding:
    """One thing `check` has to say about a file, at a 1-based line and column."""

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    subject: str  # id of the claim, event, tally or recount rule concerned
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.subject)


@dataclass(frozen=True)
class Bounds:
    """The values a stated value admits, as text (decimals, ISO dates, words).

    `low`/`high` are None when unbounded; for a weekday, a date or a yes/no
    both are the one value stated.
    """

    text: str
    low: str | None
    high: str | None
    low_inclusive: bool = True
    high_inclusive: bool = True


@dataclass(frozen=True)
class Basis:
    """What a claim was checked against: a tally, an event, a projection, a rule."""

    tally: str | None = None
    tally_defaulted: bool = False  # the tally was chosen by the source's date
    event: str | None = None
    part: str | None = None
    projection: str | None = None  # as_of date of the electoral projection used
    rule: str | None = None
    unit: str | None = None  # the reporting unit, for a claim about one
    from_tally: str | None = None  # the earlier tally of a comparison
    # a duration's two ends (its subject names them; describe() does not repeat them)
    from_event: str | None = None
    from_part: str | None = None
    to_event: str | None = None
    to_part: str | None = None
    # the tallies a day without a time could mean, when that day has one
    day_tallies: tuple[str, ...] = ()

    def describe(self) -> str:
        """Short words for a human: "tally certified-2020-11-20" etc."""
        parts = []
        if self.tally is not None:
            parts.append(
                f"tally {self.tally}" + (" (by date)" if self.tally_defaulted else "")
            )
        if self.event is not None:
            parts.append(
                f"event {self.event}" + (f" ({self.part})" if self.part else "")
            )
        if self.projection is not None:
            parts.append(f"projection of {self.projection}")
        if self.rule is not None:
            parts.append(f"rule {self.rule}")
        if self.unit is not None:
            parts.append(f"unit {self.unit}")
        if self.from_tally is not None:
            parts.append(f"from tally {self.from_tally}")
        return ", ".join(parts)


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim, with what was computed and what was stated."""

    file: str
    line: int  # of the claim's `stated` value
    column: int
    id: str
    metric: str
    source: str
    quote: str
    stated: str
    verdict: str  # consistent | inconsistent | unverifiable
    computed: str | None  # display text of the computed value; None if unknown
    interval: Bounds
    basis: Basis
    expect: str | None
    note: str | None
    # Why a claim is unverifiable; for an inconsistent one, what its stated
    # phrase contradicts in itself (a weekday the date is not on).
    reason: str | None = None
    subject: str = ""  # the measured quantity in words, e.g. "share of Biden"
    day: str | None = None  # ISO day the event falls on (date and weekday claims)
    time_unit: str | None = None  # hours, days, business days, weeks (durations)
    hint: str | None = None  # what a round figure would give, when it would hold

    @property
    def computed_text(self) -> str | None:
        """The computed value for a reader: a weekday or a time with its date,
        a duration with its unit."""
        if self.computed is not None and self.metric == "weekday" and self.day:
            return f"{self.computed} ({self.day})"
        if self.computed is not None and self.metric == "time" and self.day:
            return f"{self.computed} on {_weekday_of(self.day)} ({self.day})"
        if self.computed is not None and self.time_unit is not None:
            unit = self.time_unit
            return f"{self.computed} {unit[:-1] if self.computed == '1' else unit}"
        return self.computed

    def finding(self, rule: str, severity: Severity, message: str) -> Finding:
        """A finding about this claim, located at its `stated` value."""
        return Finding(
            rule, severity, self.file, self.line, self.column, self.id, message
        )


def _weekday_of(day: str) -> str:
    from datetime import date

    from certcli.calendar.rules import weekday_name

    return weekday_name(date.fromisoformat(day))


@dataclass(frozen=True)
class TallyUnitsInfo:
    """A tally with reporting units, as a checked file's report lists it."""

    tally: str
    kind: str  # county, precinct, ...
    units: int
    results: str | None  # the results file they were read from; None: inline


@dataclass(frozen=True)
class FileReport:
    """One data file of a run: its claims and findings, or its data errors."""

    file: str  # as shown to the user
    relative: str  # POSIX path relative to the working directory, else absolute
    claims: tuple[ClaimResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()  # data errors: the file was not checked
    units: tuple[TallyUnitsInfo, ...] = ()  # the tallies with reporting units
    articles: tuple[str, ...] = ()  # the articles read (`sources[].file`, --articles)

    @property
    def checked(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Summary:
    files: int
    data_errors: int  # files that could not be checked
    claims: int
    consistent: int
    inconsistent: int
    unverifiable: int
    errors: int
    warnings: int
    notices: int


@dataclass(frozen=True)
class Report:
    """Everything one `certcli check` run found, in a stable order."""

    files: tuple[FileReport, ...]
    fail_on: Severity = Severity.error
    version: str = ""
    rules: tuple[RuleInfo, ...] = field(default=())
    as_of: date | None = None  # the day deadlines were judged at
    skipped: int = 0  # YAML files in searched directories that are not data files
    # `--fail-on unverifiable`: an unverifiable claim that is not pinned fails
    # the run too, whatever the severity of its finding
    fail_unverifiable: bool = False

    @property
    def fail_on_name(self) -> str:
        """`--fail-on` as given: error, warning or unverifiable."""
        return "unverifiable" if self.fail_unverifiable else self.fail_on.value

    @property
    def findings(self) -> list[Finding]:
        """All findings, sorted by file, line, column and rule."""
        return sorted(
            (f for report in self.files for f in report.findings),
            key=lambda f: f.sort_key,
        )

    def findings_in(self, file: str) -> list[Finding]:
        """The findings of one file, sorted by line, column and rule."""
        return [finding for finding in self.findings if finding.file == file]

    @property
    def claims(self) -> list[ClaimResult]:
        return [claim for report in self.files for claim in report.claims]

    @property
    def problems(self) -> list[Problem]:
        return [problem for report in self.files for problem in report.problems]

    @property
    def summary(self) -> Summary:
        claims = self.claims
        findings = self.findings

        def verdicts(name: str) -> int:
            return sum(1 for c in claims if c.verdict == name)

        def severities(level: Severity) -> int:
            return sum(1 for f in findings if f.severity == level)

        return Summary(
            files=len(self.files),
            data_errors=sum(1 for r in self.files if not r.checked),
            claims=len(claims),
            consistent=verdicts("consistent"),
            inconsistent=verdicts("inconsistent"),
            unverifiable=verdicts("unverifiable"),
            errors=severities(Severity.error),
            warnings=severities(Severity.warning),
            notices=severities(Severity.notice),
        )

    @property
    def exit_code(self) -> int:
        """2 if a file could not be checked, 1 if a finding reaches `fail_on`."""
        if self.problems:
            return 2
        failing = any(
            f.severity.at_least(self.fail_on)
            or (self.fail_unverifiable and f.rule == UNVERIFIABLE_RULE)
            for f in self.findings
        )
        return 1 if failing else 0


@dataclass(frozen=True)
class RuleInfo:
    """A check rule as the reports describe it (SARIF rules, docs)."""

    id: str
    severity: Severity
    summary: str  # first line of the docstring
    help: str  # the whole docstring


def summary_line(report: Report) -> str:
    """One line: files, claims by verdict, findings by severity."""
    s = report.summary
    files = count(s.files, "file")
    if s.data_errors:
        files += f" ({s.data_errors} not checked: data errors)"
    line = (
        f"{files}, {count(s.claims, 'claim')}: {s.consistent} consistent,"
        f" {s.inconsistent} inconsistent, {s.unverifiable} unverifiable"
        + (
            " (passing; --fail-on unverifiable fails them)"
            if s.unverifiable
            and not report.fail_unverifiable
            and report.fail_on == Severity.error
            else ""
        )
        + ";"
        f" {count(s.errors, 'error')}, {count(s.warnings, 'warning')},"
        f" {count(s.notices, 'notice')}"
    )
    if report.skipped:
        one = report.skipped == 1
        line += (
            f"; skipped {count(report.skipped, 'YAML file')} that"
            f" {'is not a certcli file' if one else 'are not certcli files'}"
            " (--verbose lists them)"
        )
    return line


def repository_root(start: Path) -> Path | None:
    """The top directory of the git working tree that holds `start`: the
    nearest directory, `start` itself or above, with a `.git` entry (a
    directory, or the file of a linked worktree or submodule); None outside
    any. Found without running git, as git itself finds it."""
    directory = Path(os.path.abspath(start))
    for candidate in (directory, *directory.parents):
        if os.path.exists(os.path.join(candidate, ".git")):
            return candidate
    return None


def path_base(cwd: Path) -> Path:
    """What reports make paths relative to: the repository root of the
    working directory (GitHub locates annotations and alerts from there),
    else the working directory."""
    return repository_root(cwd) or Path(os.path.abspath(cwd))


def relative_path(path: Path, base: Path) -> str:
    """`path` relative to `base` in POSIX form. A path outside `base` is made
    relative to the root of its own git repository when it is in one, else
    it stays absolute (also on another drive). Symbolic links are kept as
    named."""
    absolute = Path(os.path.abspath(path))
    inside = _inside(absolute, base)
    if inside is None:
        root = repository_root(absolute.parent)
        inside = None if root is None else _inside(absolute, root)
    return absolute.as_posix() if inside is None else inside


def _inside(absolute: Path, base: Path) -> str | None:
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:
        return None
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return Path(relative).as_posix()


def artifact_uri(relative: str) -> str:
    """A relative path as a percent-encoded URI reference (of the name's bytes:
    ``evil%FF.yaml`` for a name that is not UTF-8); an absolute one as a file:
    URI."""
    if Path(relative).is_absolute():
        return Path(relative).as_uri()
    return quote(os.fsencode(relative))  # a name's bytes, UTF-8 or not
