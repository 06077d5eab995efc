"""`certcli results --format table`: each contest of a results file, its
choices with their votes, and its units, for a person writing a tally's
`results:` mapping.

Every text from the results file passes through `certcli.core.text.visible` before
rich sees it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from certcli.core.text import count, no_workflow_commands, visible
from certcli.readers import FORMAT_NAMES
from certcli.readers.base import (
    ContestSummary,
    FileSummary,
    contest_total,
    numbered_contest,
)
from certcli.render.console import text_console

if TYPE_CHECKING:
    from rich.console import RenderableType


def _contest(contest: ContestSummary, total: int | None) -> list[RenderableType]:
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(Text("Choice"), overflow="fold")
    table.add_column(Text("Votes"), justify="right", no_wrap=True)
    for name, votes in contest.choices:
        table.add_row(Text(visible(name)), Text(f"{votes:,}"))
    if total is not None:
        table.add_row(Text("Total", style="bold"), Text(f"{total:,}", style="bold"))
    head = Text(visible(contest.name), style="bold")
    head.append(f" · {count(contest.units, visible(contest.unit_kind))}")
    parts: list[RenderableType] = [head, Padding(table, (0, 0, 0, 2))]
    parts += [
        Padding(Text(f"Note: {visible(note)}", style="yellow"), (0, 0, 0, 2))
        for note in contest.notes
    ]
    parts += [
        Padding(Text(f"Problem: {visible(str(found))}", style="red"), (0, 0, 0, 2))
        for found in contest.problems
    ]
    return parts


def render(
    summary: FileSummary, *, file: str, color: bool = False, width: int | None = None
) -> str:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(f"Format: {summary.format}, {FORMAT_NAMES.get(summary.format, '')}"),
    ]
    if summary.election:
        parts.append(Text(f"Election: {visible(summary.election)}"))
    if summary.timestamp:
        parts.append(Text(f"Timestamp: {visible(summary.timestamp)}"))
    parts.append(Text(count(len(summary.contests), "contest")))
    for label, votes, units in summary.counts:
        parts.append(Text(f"{label}: {votes:,} over {count(units, 'unit')}"))
    for contest in summary.contests:
        parts += [Text(""), *_contest(contest, contest_total(summary, contest))]
    if summary.problems:
        parts += [Text(""), Text("Rows of no contest:", style="bold")]
        parts += [
            Padding(Text(f"Problem: {visible(str(found))}", style="red"), (0, 0, 0, 2))
            for found in summary.problems
        ]
    hint: list[str] = []
    if summary.contests:
        hint = [
            "results:",
            f"  file: {_quoted(visible(file))}",
            f"  format: {summary.format}",
        ]
        first = summary.contests[0].name
        if summary.format == "medsl":
            # "US PRESIDENT, GA 2020": the office, then the state and year.
            office, _, where = first.rpartition(", ")
            state, _, year = where.rpartition(" ")
            hint += [
                f"  contest: {_quoted(visible(office))}",
                f"  year: {visible(year)}",
                f"  state: {_quoted(visible(state))}",
            ]
        elif summary.format != "csv":
            hint.append(f"  contest: {_quoted(visible(first))}")
            names = [contest.name for contest in summary.contests]
            number = numbered_contest(names, 0)
            if number is not None:
                hint.append(f"  contest_number: {number}")
        parts += [
            Text(""),
            Text(
                "A tally reads a contest with (file: relative to the data file):",
                style="dim",
            ),
        ]
    buffer = io.StringIO()
    console = text_console(buffer, color=color, width=width or 80)
    # The file's name, like the hint, is never folded: it is there to copy.
    console.print(
        Text(visible(file), style="bold"), no_wrap=True, overflow="ignore", crop=False
    )
    console.print(Group(*parts))
    for line in hint:  # never folded or cut, so that it can be copied
        console.print(
            Text(f"  {line}", style="dim"), no_wrap=True, overflow="ignore", crop=False
        )
    return no_workflow_commands(
        "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    )


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
