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
from certcli.core.errors import UsageError
from certcli.core.output import emit, output_width, use_color
from certcli.core.text import count, visible
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
    example: bool = False,
) -> int:
    """Check `paths`; none: the current directory (the bundled example with
    `example`)."""
    from certcli.checks.engine import check_bundled, check_files
    from certcli.core.parallel import jobs_from_environment
    from certcli.datafile.discover import discover

    jobs_from_environment()  # a bad CERTCLI_JOBS is an error, however many files
    base = path_base(Path.cwd())
    skipped = 0
    if not example:
        discovered = discover(paths or [Path(".")])
        for warning in discovered.warnings:
            sys.stderr.write(visible(f"certcli: warning: {warning}") + "\n")
        if verbose:
            for name in discovered.skipped:
                sys.stderr.write(visible(f"skipped, not a certcli file: {name}") + "\n")
            for name in discovered.excluded:
                sys.stderr.write(visible(f"excluded: {name}") + "\n")
        skipped = len(discovered.skipped)
        found = discovered.files
        if not paths and not allow_no_data and _nothing_but(found, Path(".")):
            if discovered.excluded:
                raise UsageError(
                    NO_DATA_HERE.replace(
                        "; give FILES",
                        f"; {count(len(discovered.excluded), 'path')} excluded by"
                        " [tool.certcli] exclude in pyproject.toml (-v lists"
                        " them); give FILES",
                    )
                )
            raise UsageError(NO_DATA_HERE)
        if allow_no_data:
            # A directory stands for itself only when it holds no data file.
            found = [(path, shown) for path, shown in found if not path.is_dir()]
        reports = check_files(found, as_of, base, articles)
    else:
        reports = [check_bundled(as_of, base, articles)]
    from certcli.checks import rule_infos

    report = Report(
        files=tuple(sorted(reports, key=lambda r: r.file)),
        fail_on=Severity.error if fail_on == "unverifiable" else Severity(fail_on),
        fail_unverifiable=fail_on == "unverifiable",
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


NO_DATA_HERE = (
    "no certcli data files under the current directory (*.yaml or *.yml with"
    " format: certcli/1); give FILES, `certcli new` writes a first one, and"
    " `certcli check --example` checks the bundled example (Georgia 2020)"
)


def _nothing_but(found: list[tuple[Path, str]], directory: Path) -> bool:
    """Whether the search found no file, only the directory standing for itself."""
    return [path for path, _ in found] == [directory] and directory.is_dir()


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
