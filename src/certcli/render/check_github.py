"""`certcli check --format github`: workflow commands that GitHub shows as
annotations, and a Markdown summary for the job's summary page.

    ::error file=data/events.yaml,line=9,col=5,title=tally-order (t2)::t2 is as of …

Escaping follows GitHub's workflow-command rules: in a message `%`, CR and LF
become %25, %0D and %0A; in a property value also `:` and `,` become %3A and
%2C. Data errors are annotated too (title "data error"), at their location.
GitHub shows ten annotations of each level per step: errors come first, and
what does not fit is written as plain log lines with a count. The step
summary lists everything, with the data's text escaped for Markdown.
"""

from __future__ import annotations

from collections import Counter

from certcli.claims.findings import Report, Severity, summary_line
from certcli.core.text import count, shown_path, visible
from certcli.render.timeline_markdown import escape

_LEVELS = {
    Severity.error: "error",
    Severity.warning: "warning",
    Severity.notice: "notice",
}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(
        f"{key}={escape_property(value)}" for key, value in properties.items()
    )
    return f"::{level} {props}::{escape_data(message)}\n"


# GitHub shows at most this many annotations of each level per step and drops
# the rest without a word.
ANNOTATIONS_PER_LEVEL = 10
_ORDER = ("error", "warning", "notice")


def render(report: Report) -> str:
    """Annotations, most severe first, at most ANNOTATIONS_PER_LEVEL of each
    level; the rest as plain log lines and a count of them, so that nothing
    is dropped unseen. Files are located by their path relative to the
    repository root."""
    paths = {file.file: shown_path(file.relative) for file in report.files}
    entries: list[tuple[str, str, int, int, str, str]] = []
    for problem in report.problems:
        message = (
            f"{problem.path}: {problem.message}" if problem.path else problem.message
        )
        entries.append(
            (
                "error",
                paths.get(problem.file, problem.file),
                problem.line,
                problem.column,
                "data error",
                message,
            )
        )
    for finding in report.findings:
        entries.append(
            (
                _LEVELS[finding.severity],
                paths.get(finding.file, finding.file),
                finding.line,
                finding.column,
                f"{finding.rule} ({finding.subject})",
                finding.message,
            )
        )
    entries.sort(key=lambda entry: _ORDER.index(entry[0]))  # stable within a level
    shown: Counter[str] = Counter()
    commands, rest = [], []
    for level, file, line, column, title, message in entries:
        shown[level] += 1
        if shown[level] <= ANNOTATIONS_PER_LEVEL:
            properties = {
                "file": file,
                "line": str(line),
                # a table's row (column 0) has no column
                **({"col": str(column)} if column else {}),
                "title": title,
            }
            commands.append(_command(level, properties, message))
        else:
            # A plain line that data text cannot turn into a workflow command.
            rest.append(
                visible(
                    f"certcli: {level}: {file}:{line}{f':{column}' if column else ''}:"
                    f" {title}: {message}"
                )
                + "\n"
            )
    if rest:
        hidden = ", ".join(
            count(shown[level] - ANNOTATIONS_PER_LEVEL, level)
            for level in _ORDER
            if shown[level] > ANNOTATIONS_PER_LEVEL
        )
        rest.append(
            f"certcli: {hidden} not shown as annotations (GitHub shows at most"
            f" {ANNOTATIONS_PER_LEVEL} of each level per step); they are listed"
            " above and in the step summary\n"
        )
    return "".join(commands + rest)


def _cell(text: str) -> str:
    """Data text shown as written inside a Markdown table cell: Markdown and
    HTML specials escaped, on one line."""
    return escape(text)


def step_summary(report: Report) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the summary line and a findings table."""
    lines = ["## certcli check", "", summary_line(report), ""]
    if report.problems:
        lines += ["| File | Line | Data error |", "|---|---|---|"]
        for problem in report.problems:
            message = (
                f"{problem.path}: {problem.message}"
                if problem.path
                else problem.message
            )
            where = f"{problem.line}:{problem.column}"
            lines.append(f"| {_cell(problem.file)} | {where} | {_cell(message)} |")
        lines.append("")
    if report.findings:
        lines += [
            "| Severity | Rule | File | Line | Subject | Message |",
            "|---|---|---|---|---|---|",
        ]
        for finding in report.findings:
            lines.append(
                f"| {finding.severity.value} | `{finding.rule}` | {_cell(finding.file)}"
                f" | {finding.line}:{finding.column} | {_cell(finding.subject)}"
                f" | {_cell(finding.message)} |"
            )
        lines.append("")
    else:
        lines += ["No findings.", ""]
    return "\n".join(lines) + "\n"
