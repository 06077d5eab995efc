"""`certcli check`: every claim and the file's consistency, like a linter.

Load each data file → resolve its timeline → claim verdicts → rules → one
report → render → exit code: 0 clean, 1 a finding at or above `--fail-on`,
2 a file that could not be checked (its located problems go to stderr; the
other files are still checked and reported).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from certcli import __version__
from certcli.claims.findings import Report, Severity, path_base, summary_line
from certcli.core.output import emit, output_width, use_color
from certcli.core.text import visible
from certcli.render.formats import CHECK_RENDERERS, renderer


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
    articles: Path | None = None,
) -> int:
    from certcli.checks.engine import check_bundled, check_files
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
        reports = check_files(found, as_of, base, articles)
    else:
        reports = [check_bundled(as_of, base, articles)]
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
        emit(
            render(report, color=colored, width=output_width(output)),
            output,
            human=True,
        )
    else:
        emit(render(report), output)
        sys.stderr.write(f"certcli check: {summary_line(report)}\n")
    if format_ == "github":
        _append_step_summary(report)
    return report.exit_code


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
