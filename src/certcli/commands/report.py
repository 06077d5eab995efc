"""`certcli report`: load → check → timeline and margins → one HTML page → -o.

Exit code 0 when the page is written; 2 when a file could not be read (its
located problems go to stderr and into the page, and the other files are still
reported). Findings do not change the exit code: `certcli check` is the gate.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from certcli import __version__
from certcli.checks.engine import check_contest, load_file
from certcli.claims.findings import (
    FileReport,
    path_base,
    relative_path,
    summary_line,
)
from certcli.core.errors import internal_problem
from certcli.core.output import emit
from certcli.core.text import visible


def execute(
    *,
    paths: Sequence[Path],
    as_of: date | None,
    today: date,
    candidate: str | None,
    output: Path | None,
) -> int:
    """Write the report of `paths` (default: the bundled file) to `output`, or
    to stdout when `output` is None. Without `as_of`: as of `today`, or as of
    the files' last date when today is long after it. A file that fails
    unexpectedly is that file's problem; the others are still reported."""
    from certcli.claims.findings import Report
    from certcli.datafile.discover import discover
    from certcli.loaded.contest import Contest
    from certcli.render.page import default_as_of, failed_section, file_section, page
    from certcli.render.report_html import render

    base = path_base(Path.cwd())
    # Each file: its contest (or why it has none), as shown, and its path.
    loaded: list[tuple[Contest | FileReport, str]] = []
    if paths:
        discovered = discover(paths)
        for warning in discovered.warnings:
            sys.stderr.write(visible(f"certcli: warning: {warning}") + "\n")
        for path, shown in discovered.files:
            uri = relative_path(path, base)
            try:
                contest, failed = load_file(path, shown, base)
            except Exception as err:  # the file's problem, not the run's
                contest, failed = (
                    None,
                    FileReport(shown, uri, problems=(internal_problem(shown, err),)),
                )
            item = contest if contest is not None else failed
            assert item is not None
            loaded.append((item, uri))
    else:
        from certcli.commands import load_data
        from certcli.loaded.loader import bundled_path

        loaded.append((load_data(None), relative_path(bundled_path(), base)))
    note = None
    if as_of is None:
        contests = [item for item, _ in loaded if isinstance(item, Contest)]
        as_of, note = default_as_of(contests, today)
    single = len(loaded) == 1
    sections = []
    for number, (item, uri) in enumerate(loaded, start=1):
        prefix = "" if single else f"file-{number}-"
        if isinstance(item, Contest):
            try:
                checked = check_contest(item, uri, as_of)
                sections.append(
                    file_section(
                        number, item, checked, as_of, candidate=candidate, prefix=prefix
                    )
                )
                continue
            except Exception as err:  # the file's problem, not the run's
                if not paths:
                    raise
                item = FileReport(
                    item.file, uri, problems=(internal_problem(item.file, err),)
                )
        sections.append(failed_section(number, item, prefix))

    report = Report(files=tuple(section.report for section in sections))
    for problem in report.problems:
        sys.stderr.write(visible(str(problem)) + "\n")
    emit(render(page(tuple(sections), as_of, __version__, note)), output)
    where = "stdout" if output is None else str(output)
    sys.stderr.write(
        visible(f"certcli report: {summary_line(report)}; written to {where}") + "\n"
    )
    return 2 if report.problems else 0
