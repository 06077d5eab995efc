"""The check engine: each data file loaded, its claims judged and its rules run,
one `FileReport` per file; many files are shared out between processes.

`certcli check` renders these reports and `certcli report` puts them on its
page; neither computes a verdict itself.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from certcli.claims.findings import FileReport, relative_path
from certcli.core.errors import DataError, Problem, internal_problem

if TYPE_CHECKING:
    from certcli.loaded.contest import Contest


def check_files(
    found: list[tuple[Path, str]],
    as_of: date,
    base: Path,
    articles: Path | None = None,
) -> list[FileReport]:
    """Each file's report, in order; many files are shared out between processes."""
    from functools import partial

    from certcli.core.inputs import remember_input
    from certcli.core.parallel import map_files

    for path, _ in found:
        # The workers read the files; this process must still know them as
        # inputs, so that -o never replaces one.
        with contextlib.suppress(OSError):
            status = os.stat(path)
            remember_input(status.st_dev, status.st_ino)
    checked = map_files(
        partial(_check_target, as_of=as_of, base=base, articles=articles), found
    )
    reports = [report for report, _ in checked]
    # And every file a worker read besides: the results files of its tallies
    # and the articles, which are inputs here too.
    for _, inputs in checked:
        for device, inode in inputs:
            remember_input(device, inode)
    for report in reports:
        for article in report.articles:
            with contextlib.suppress(OSError):
                status = os.stat(article)
                remember_input(status.st_dev, status.st_ino)
    return reports


def _check_target(
    target: tuple[Path, str], as_of: date, base: Path, articles: Path | None
) -> tuple[FileReport, frozenset[tuple[int, int]]]:
    """The file's report, and every input read for it (device and inode), which
    a worker process must hand back to the process that writes -o."""
    from certcli.core.inputs import inputs_read

    with inputs_read() as inputs:
        report = check_file(target[0], target[1], as_of, base, articles)
    return report, frozenset(inputs)


def check_file(
    path: Path, shown: str, as_of: date, base: Path, articles: Path | None = None
) -> FileReport:
    """One file's claims and findings, or its data errors; an unexpected
    exception is this file's problem, so that it stops no other file."""
    try:
        contest, failed = load_file(path, shown, base)
        if contest is None:
            assert failed is not None
            return failed
        return check_contest(contest, relative_path(path, base), as_of, articles)
    except Exception as err:  # reported as the file's problem
        return FileReport(
            shown, relative_path(path, base), problems=(internal_problem(shown, err),)
        )


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


def check_bundled(as_of: date, base: Path, articles: Path | None = None) -> FileReport:
    from certcli.loaded.loader import bundled_path, load_bundled

    contest = load_bundled()
    return check_contest(contest, relative_path(bundled_path(), base), as_of, articles)


def check_contest(
    contest: Contest, uri: str, as_of: date, articles: Path | None = None
) -> FileReport:
    """The claim verdicts and findings of a loaded file, its articles (each
    source's `file:`, and those in `articles` its `document` names) scanned."""
    from certcli.articles.scan import scan_articles
    from certcli.checks import CheckContext, run
    from certcli.claims.findings import TallyUnitsInfo
    from certcli.claims.verdicts import evaluate

    try:
        timeline = contest.timeline
    except DataError as err:
        return FileReport(contest.file, uri, problems=tuple(err.problems))
    claims = evaluate(contest, timeline)
    scans, problems = scan_articles(contest, articles)
    findings = run(
        CheckContext(contest, timeline, claims, as_of, tuple(scans), articles)
    )
    units = tuple(
        TallyUnitsInfo(tally, found.kind, len(found.units), found.results)
        for tally, found in contest.units.items()
    )
    return FileReport(
        contest.file,
        uri,
        claims,
        tuple(findings),
        tuple(problems),
        units=units,
        articles=tuple(scan.article for scan in scans),
    )
