"""`certcli check --format text`: per file, a table of every claim's verdict and
the findings by line, then a one-line summary (rich; user text is never read
as markup, and its control and bidi characters are spelled out by `visible`)."""

from __future__ import annotations

import io

from certcli.claims.findings import (
    ClaimResult,
    FileReport,
    Finding,
    Report,
    summary_line,
)
from certcli.core.text import no_workflow_commands, visible
from certcli.render.console import text_console

_VERDICT_STYLES = {
    "consistent": "green",
    "inconsistent": "bold red",
    "unverifiable": "yellow",
}
_SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "notice": "cyan"}


def render(report: Report, *, color: bool = False, width: int = 100) -> str:

    buffer = io.StringIO()
    console = text_console(buffer, color=color, width=width)
    for file in report.files:
        _file(console, file, sorted(file.findings, key=lambda f: f.sort_key))
    console.print(summary_line(report), style="bold", soft_wrap=True)
    text = buffer.getvalue()
    if color:
        return text
    return no_workflow_commands(
        "".join(line.rstrip() + "\n" for line in text.splitlines())
    )


def _file(console: object, file: FileReport, findings: list[Finding]) -> None:
    from rich.console import Console
    from rich.text import Text

    assert isinstance(console, Console)
    console.print(
        Text(visible(file.file), style="bold underline"),
        soft_wrap=True,
    )
    if not file.checked:
        count = len(file.problems)
        console.print(
            Text(
                f"  not checked: {count} data error{'s' if count != 1 else ''}"
                " (listed on stderr)",
                style="bold red",
            )
        )
        console.print()
        return
    if file.claims:
        console.print(_claims_table(file.claims))
    else:
        console.print("  no claims")
    console.print()
    if findings:
        own = [finding for finding in findings if finding.file == file.file]
        if own:
            console.print(_findings_grid(own))
        # Findings in a results file the data file reads, under its name.
        for other in dict.fromkeys(f.file for f in findings if f.file != file.file):
            console.print(
                Text(f"  {visible(other)}", style="underline"), soft_wrap=True
            )
            console.print(_findings_grid([f for f in findings if f.file == other]))
    else:
        console.print(Text("  no findings", style="green"))
    console.print()


def _claims_table(claims: tuple[ClaimResult, ...]) -> object:
    """Each claim in three lines beside its verdict: id and what was measured,
    stated and computed, source and quote."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(no_wrap=True, width=13)
    grid.add_column(ratio=1, overflow="fold")
    for claim in claims:
        verdict = Text(claim.verdict, style=_VERDICT_STYLES.get(claim.verdict, ""))
        if claim.expect is not None:
            verdict.append("\npinned", style="dim")
        body = Text(visible(claim.id), style="bold")
        # An event's date or weekday names its event already.
        basis = "" if claim.basis.event is not None else claim.basis.describe()
        body.append(visible(f"  {claim.subject}" + (f", {basis}" if basis else "")))
        body.append("\n" + visible(f'stated "{claim.stated}" {claim.interval.text}'))
        if claim.computed is not None:
            body.append(visible(f", computed {claim.computed_text}"))
            if claim.reason:
                body.append(visible(f"; {claim.reason}"))
        else:
            body.append(
                visible(f"; cannot be checked: {claim.reason}"),
                style="yellow",
            )
        body.append(
            "\n" + visible(f"{claim.source}: “{claim.quote}”"),
            style="dim",
        )
        grid.add_row(verdict, body)
    return grid


def _findings_grid(findings: list[Finding]) -> object:
    """The findings of one file by line: LINE:COLUMN, or ROW for a table."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for finding in findings:
        message = Text(visible(f"{finding.subject}: "), style="bold")
        message.append(visible(finding.message))
        where = f"{finding.line}" + (f":{finding.column}" if finding.column else "")
        grid.add_row(
            Text(where),
            Text(
                finding.severity.value,
                style=_SEVERITY_STYLES.get(finding.severity.value, ""),
            ),
            Text(finding.rule),
            message,
        )
    return grid
