"""`certcli check`: every claim and the file's consistency, like a linter.

Load each data file → resolve its timeline → claim verdicts → rules → one
report → render → exit code: 0 clean, 1 a finding at or above `--fail-on`,
2 a file that could not be checked (its located problems go to stderr; the
other files are still checked and reported).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from certcli import __version__
from certcli.claims.findings import (
    FileReport,
    Report,
    Severity,
    path_base,
    relative_path,
    summary_line,
)
from certcli.core.errors import DataError, Problem
from certcli.core.output import emit, use_color
from certcli.core.text import visible
from certcli.render.formats import CHECK_RENDERERS, renderer

if TYPE_CHECKING:
    from certcli.loaded.contest import Contest


def execute(
    *,
    paths: Sequence[Path],
    format_: str,
    fail_on: str,
    as_of: date,
    output: Path | None,
    color: str,
    allow_no_data: bool = False,
    verbose: bool = False,
) -> int:
    from certcli.core.parallel import jobs_from_environment
    from certcli.datafile.discover import discover

    jobs_from_environment()  # a bad CERTCLI_JOBS is an error, however many files
    base = path_base(Path.cwd())
    skipped = 0
    if paths:
        discovered = discover(paths)
        for warning in discovered.warnings:
            sys.stderr.write(visible(f"certcli: warning: {warning}") + "\n")
        if verbose:
            for name in discovered.skipped:
                sys.stderr.write(visible(f"skipped, not a certcli file: {name}") + "\n")
        skipped = len(discovered.skipped)
        found = discovered.files
        if allow_no_data:
            # A directory stands for itself only when it holds no data file.
            found = [(path, shown) for path, shown in found if not path.is_dir()]
        reports = check_files(found, as_of, base)
    else:
        reports = [check_bundled(as_of, base)]
    from certcli.checks import rule_infos

    report = Report(
        files=tuple(sorted(reports, key=lambda r: r.file)),
        fail_on=Severity(fail_on),
        version=__version__,
        rules=rule_infos(),
        as_of=as_of,
        skipped=skipped,
    )
    for problem in report.problems:
        sys.stderr.write(visible(str(problem)) + "\n")

    render = renderer(CHECK_RENDERERS, format_)
    if format_ == "text":
        colored = use_color(color, output)
        emit(render(report, color=colored, width=_width(colored)), output, human=True)
    else:
        emit(render(report), output)
        sys.stderr.write(f"certcli check: {summary_line(report)}\n")
    if format_ == "github":
        _append_step_summary(report)
    return report.exit_code


def check_files(
    found: list[tuple[Path, str]], as_of: date, base: Path
) -> list[FileReport]:
    """Each file's report, in order; many files are shared out between processes."""
    from functools import partial

    from certcli.core.output import remember_input
    from certcli.core.parallel import map_files

    for path, _ in found:
        # The workers read the files; this process must still know them as
        # inputs, so that -o never replaces one.
        with contextlib.suppress(OSError):
            status = os.stat(path)
            remember_input(status.st_dev, status.st_ino)
    return map_files(partial(_check_target, as_of=as_of, base=base), found)


def _check_target(target: tuple[Path, str], as_of: date, base: Path) -> FileReport:
    return check_file(target[0], target[1], as_of, base)


def check_file(path: Path, shown: str, as_of: date, base: Path) -> FileReport:
    """One file's claims and findings, or its data errors."""
    contest, failed = load_file(path, shown, base)
    if contest is None:
        assert failed is not None
        return failed
    return check_contest(contest, relative_path(path, base), as_of)


def load_file(
    path: Path, shown: str, base: Path
) -> tuple[Contest | None, FileReport | None]:
    """The loaded file, or a report of why it could not be loaded."""
    from certcli.loaded.loader import load

    uri = relative_path(path, base)
    if path.is_dir():
        return None, FileReport(
            shown,
            uri,
            problems=(
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    "no certcli data files (*.yaml or *.yml with format: certcli/1)"
                    " in this directory",
                ),
            ),
        )
    try:
        return load(path, shown), None
    except DataError as err:
        return None, FileReport(shown, uri, problems=tuple(err.problems))


def check_bundled(as_of: date, base: Path) -> FileReport:
    from certcli.loaded.loader import load_bundled

    contest = load_bundled()
    return check_contest(contest, relative_path(Path(contest.file), base), as_of)


def check_contest(contest: Contest, uri: str, as_of: date) -> FileReport:
    """The claim verdicts and findings of a loaded file."""
    from certcli.checks import CheckContext, run
    from certcli.claims.findings import TallyUnitsInfo
    from certcli.claims.verdicts import evaluate

    try:
        timeline = contest.timeline
    except DataError as err:
        return FileReport(contest.file, uri, problems=tuple(err.problems))
    claims = evaluate(contest, timeline)
    findings = run(CheckContext(contest, timeline, claims, as_of))
    units = tuple(
        TallyUnitsInfo(tally, found.kind, len(found.units), found.results)
        for tally, found in contest.units.items()
    )
    return FileReport(contest.file, uri, claims, tuple(findings), units=units)


def _width(colored: bool) -> int:
    import shutil

    if colored or sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 100


def _append_step_summary(report: Report) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY (never overwrite)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from certcli.render.check_github import step_summary

    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(step_summary(report))
    except OSError as err:
        sys.stderr.write(
            f"certcli: cannot append to GITHUB_STEP_SUMMARY ({target}): {err}\n"
        )
