"""`certcli check --format text`: per file, a table of every claim's verdict and
the findings by line, then a one-line summary (rich; user text is never read
as markup, and its control and bidi characters are spelled out by `visible`)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from certcli.claims.findings import (
    ClaimResult,
    FileReport,
    Finding,
    Report,
    summary_line,
)
from certcli.core.text import count, no_workflow_commands, visible
from certcli.render.console import text_console
from certcli.render.plain_table import GridColumn, grid_lines

if TYPE_CHECKING:
    from rich.console import Console

_VERDICT_STYLES = {
    "consistent": "green",
    "inconsistent": "bold red",
    "unverifiable": "yellow",
}
_SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "notice": "cyan"}


# From this many rows on, a grid without colour is laid out by `plain_table`
# (the same text; rich takes about a third of a millisecond per claim).
PLAIN_ROWS = 200
_CLAIM_COLUMNS = (GridColumn(width=13), GridColumn(fold=True))
_FINDING_COLUMNS = (
    GridColumn(right=True),
    GridColumn(),
    GridColumn(),
    GridColumn(fold=True),
)
# A cell: its pieces of text, each with a rich style ("" for none); the first
# piece's style is the whole cell's.
Parts = list[tuple[str, str]]


def render(
    report: Report,
    *,
    color: bool = False,
    width: int | None = None,
    plain_rows: int = PLAIN_ROWS,
) -> str:
    """The report as text, `width` columns wide (at least 60; None, for a pipe
    or a file: 100)."""
    width = 100 if width is None else max(60, width)
    buffer = io.StringIO()
    console = text_console(buffer, color=color, width=width)
    for file in report.files:
        findings = sorted(file.findings, key=lambda f: f.sort_key)
        _file(console, file, findings, None if color else plain_rows)
    console.print(summary_line(report), style="bold", soft_wrap=True)
    text = buffer.getvalue()
    if color:
        return text
    return no_workflow_commands(
        "".join(line.rstrip() + "\n" for line in text.splitlines())
    )


def _file(
    console: object, file: FileReport, findings: list[Finding], plain_rows: int | None
) -> None:
    from rich.console import Console
    from rich.text import Text

    assert isinstance(console, Console)
    console.print(
        Text(visible(file.file), style="bold underline"),
        soft_wrap=True,
    )
    if not file.checked:
        console.print(
            Text(
                f"  not checked: {count(len(file.problems), 'data error')}"
                " (listed on stderr)",
                style="bold red",
            )
        )
        console.print()
        return
    if file.claims:
        rows = [_claim_row(claim) for claim in file.claims]
        _grid(console, _CLAIM_COLUMNS, rows, plain_rows)
    else:
        console.print("  no claims")
    console.print()
    if findings:
        own = [finding for finding in findings if finding.file == file.file]
        if own:
            _grid(console, _FINDING_COLUMNS, _finding_rows(own), plain_rows)
        # Findings in a results file the data file reads, under its name.
        for other in dict.fromkeys(f.file for f in findings if f.file != file.file):
            console.print(
                Text(f"  {visible(other)}", style="underline"), soft_wrap=True
            )
            rows = _finding_rows([f for f in findings if f.file == other])
            _grid(console, _FINDING_COLUMNS, rows, plain_rows)
    else:
        console.print(Text("  no findings", style="green"))
    console.print()


def _grid(
    console: Console,
    columns: tuple[GridColumn, ...],
    rows: list[list[Parts]],
    plain_rows: int | None,
) -> None:
    """Print the rows in a grid: by rich, or past `plain_rows` rows (None: never)
    by `plain_table`, which writes the same text."""
    from rich.table import Table
    from rich.text import Text

    if plain_rows is not None and len(rows) >= plain_rows:
        cells = [["".join(text for text, _ in cell) for cell in row] for row in rows]
        lines = grid_lines(columns, cells, console.width)
        if lines is not None:
            console.file.write("".join(line + "\n" for line in lines))
            return
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    for column in columns:
        if column.fold:
            grid.add_column(ratio=1, overflow="fold")
        else:
            grid.add_column(
                no_wrap=True,
                width=column.width,
                justify="right" if column.right else "left",
            )
    for row in rows:
        texts = []
        for (first, style), *rest in row:
            text = Text(first, style=style)
            for piece, piece_style in rest:
                text.append(piece, style=piece_style)
            texts.append(text)
        grid.add_row(*texts)
    console.print(grid)


def _claim_row(claim: ClaimResult) -> list[Parts]:
    """A claim in three lines beside its verdict: id and what was measured,
    stated and computed, source and quote."""
    verdict = [(claim.verdict, _VERDICT_STYLES.get(claim.verdict, ""))]
    if claim.expect is not None:
        verdict.append(("\npinned", "dim"))
    body = [(visible(claim.id), "bold")]
    # An event's date or weekday names its event already.
    basis = "" if claim.basis.event is not None else claim.basis.describe()
    body.append((visible(f"  {claim.subject}" + (f", {basis}" if basis else "")), ""))
    body.append(("\n" + visible(f'stated "{claim.stated}" {claim.interval.text}'), ""))
    if claim.computed is not None:
        body.append((visible(f", computed {claim.computed_text}"), ""))
        if claim.reason:
            body.append((visible(f"; {claim.reason}"), ""))
    else:
        body.append((visible(f"; cannot be checked: {claim.reason}"), "yellow"))
    body.append(("\n" + visible(f"{claim.source}: “{claim.quote}”"), "dim"))
    return [verdict, body]


def _finding_rows(findings: list[Finding]) -> list[list[Parts]]:
    """The findings of one file by line: LINE:COLUMN, or ROW for a table."""
    rows = []
    for finding in findings:
        where = f"{finding.line}" + (f":{finding.column}" if finding.column else "")
        severity = finding.severity.value
        rows.append(
            [
                [(where, "")],
                [(severity, _SEVERITY_STYLES.get(severity, ""))],
                [(finding.rule, "")],
                [
                    (visible(f"{finding.subject}: "), "bold"),
                    (visible(finding.message), ""),
                ],
            ]
        )
    return rows
