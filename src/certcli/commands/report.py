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
    as_of: date,
    candidate: str | None,
    output: Path | None,
) -> int:
    """Write the report of `paths` (default: the bundled file) to `output`, or
    to stdout when `output` is None."""
    from certcli.claims.findings import Report
    from certcli.datafile.discover import discover
    from certcli.render.page import file_section, page
    from certcli.render.report_html import render

    base = path_base(Path.cwd())
    sections = []
    if paths:
        discovered = discover(paths)
        for warning in discovered.warnings:
            sys.stderr.write(visible(f"certcli: warning: {warning}") + "\n")
        found = discovered.files
        single = len(found) == 1
        for number, (path, shown) in enumerate(found, start=1):
            prefix = "" if single else f"file-{number}-"
            try:
                contest, failed = load_file(path, shown, base)
                if contest is not None:
                    checked = check_contest(contest, relative_path(path, base), as_of)
                    sections.append(
                        file_section(
                            number,
                            contest,
                            checked,
                            as_of,
                            candidate=candidate,
                            prefix=prefix,
                        )
                    )
                    continue
            except Exception as err:  # the file's problem, not the run's
                problem = internal_problem(shown, err)
                failed = FileReport(
                    shown, relative_path(path, base), problems=(problem,)
                )
            assert failed is not None
            from certcli.render.page import failed_section

            sections.append(failed_section(number, failed, prefix))
    else:
        from certcli.commands import load_data
        from certcli.loaded.loader import bundled_path

        contest = load_data(None)
        uri = relative_path(bundled_path(), base)
        checked = check_contest(contest, uri, as_of)
        sections.append(file_section(1, contest, checked, as_of, candidate=candidate))

    report = Report(files=tuple(section.report for section in sections))
    for problem in report.problems:
        sys.stderr.write(visible(str(problem)) + "\n")
    emit(render(page(tuple(sections), as_of, __version__)), output)
    where = "stdout" if output is None else str(output)
    sys.stderr.write(
        visible(f"certcli report: {summary_line(report)}; written to {where}") + "\n"
    )
    return 2 if report.problems else 0
