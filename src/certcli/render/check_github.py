"""`certcli check --format github`: workflow commands that GitHub shows as
annotations, and a Markdown summary for the job's summary page.

    ::error file=data/events.yaml,line=9,col=5,title=tally-order (t2)::t2 is as of …

Escaping follows GitHub's workflow-command rules: in a message `%`, CR and LF
become %25, %0D and %0A; in a property value also `:` and `,` become %3A and
%2C. Data errors are annotated too (title "data error"), at their location.
"""

from __future__ import annotations

from certcli.findings import Report, Severity, summary_line

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


def render(report: Report) -> str:
    """Annotations locate files by their path relative to the working
    directory (the repository root in a workflow)."""
    paths = {file.file: file.relative for file in report.files}
    lines = []
    for problem in report.problems:
        lines.append(
            _command(
                "error",
                {
                    "file": paths.get(problem.file, problem.file),
                    "line": str(problem.line),
                    "col": str(problem.column),
                    "title": "data error",
                },
                f"{problem.path}: {problem.message}"
                if problem.path
                else problem.message,
            )
        )
    for finding in report.findings:
        lines.append(
            _command(
                _LEVELS[finding.severity],
                {
                    "file": paths.get(finding.file, finding.file),
                    "line": str(finding.line),
                    "col": str(finding.column),
                    "title": f"{finding.rule} ({finding.subject})",
                },
                finding.message,
            )
        )
    return "".join(lines)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r\n", "<br>")
        .replace("\n", "<br>")
        .replace("\r", "<br>")
    )


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
