"""`certcli margin --by unit --format table`: one row per reporting unit.

Without `--from`: each unit's votes and shares of the candidate and the
opponent, the total, the margin in votes and percent and the unit's leader,
by margin (the candidate's best unit first), then who led in how many units.
With `--from`: what moved per unit (each candidate's votes, the margin), the
largest change first (units that did not change are counted, not listed),
then how many units changed and flipped and the net change in the margin.
Text from the data and results files is made visible (`certcli.core.text.visible`)
before rich sees it.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING

from certcli.core.text import count, no_workflow_commands, visible
from certcli.figures.by_unit import UnitMarginReport, UnitRow
from certcli.render.console import text_console
from certcli.render.margin_table import percent, votes
from certcli.render.plain_table import Cell, Column, fits, lines, table_width, widths

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

MINUS = "\u2212"  # the minus sign of the summary sentence
# From this many rows on, the table is laid out by `plain_table` (the same
# text; rich takes about half a millisecond per row).
PLAIN_ROWS = 200


def signed(value: int) -> str:
    """+1,234, 0, or -1,234 written with a minus sign (U+2212)."""
    if value > 0:
        return f"+{value:,}"
    return f"{MINUS}{-value:,}" if value else "0"


def summary(report: UnitMarginReport) -> str:
    """The closing sentence: who led where, or what changed."""
    units = count(report.units, report.kind)
    if report.from_tally is None or report.changed is None:
        return f"{report.candidate} led in {report.led:,} of {units}."
    unchanged = report.units - report.changed - len(report.only_now)
    flipped = "none" if not report.flipped else f"{report.flipped:,}"
    text = (
        f"{report.changed:,} of {units} changed; {flipped} flipped; net change in"
        f" the margin {signed(report.net_change or 0)}"
    )
    for names, where in (
        (report.only_now, report.tally_id),
        (report.only_before, report.from_tally),
    ):
        if names:
            listed = ", ".join(visible(name) for name in names[:10])
            more = f", … ({len(names) - 10} more)" if len(names) > 10 else ""
            text += f"; only in {where}: {listed}{more}"
    if unchanged:
        text += f" ({unchanged:,} unchanged not listed)"
    return text + "."


def _leader(row: UnitRow) -> str:
    now = row.leader or "tie"
    if row.change is not None and row.change.flipped:
        return f"{row.change.leader_before or 'tie'} → {now}"
    return now


def _layout(report: UnitMarginReport) -> tuple[list[Column], list[list[Cell]]]:
    """The table's columns and cells, whichever engine lays them out."""
    changes = report.from_tally is not None
    columns = [Column(report.kind.capitalize())]
    if changes:
        columns += [Column(f"Δ {key}", right=True) for key in report.candidates]
        headers: tuple[str, ...] = ("Δ Margin", "Margin", "Leader")
    else:
        headers = (report.candidate, report.opponent, "Total", "Margin", "Leader")
    columns += [Column(header, right=header != "Leader") for header in headers]
    rows = []
    for row in report.rows:
        if changes and row.change is not None and not row.change.changed:
            continue  # the summary counts the units that did not change
        style = "green" if row.margin > 0 else "red" if row.margin < 0 else ""
        cells = [Cell(visible(row.unit))]
        if changes:
            if row.change is None:
                cells += [Cell("?") for _ in report.candidates] + [Cell("?")]
            else:
                cells += [
                    Cell(votes(row.change.votes.get(k, 0), sign=True))
                    for k in report.candidates
                ]
                cells.append(Cell(votes(row.change.margin, sign=True)))
            cells += [Cell(votes(row.margin, sign=True), style), Cell(_leader(row))]
        else:
            mine = row.votes.get(report.candidate, 0)
            theirs = row.votes.get(report.opponent, 0)
            margin = votes(row.margin, sign=True)
            cells += [
                Cell(f"{votes(mine)} {percent(row.candidate_share)}"),
                Cell(f"{votes(theirs)} {percent(row.opponent_share)}"),
                Cell(votes(row.total)),
                Cell(f"{margin} {percent(row.margin_percent, sign=True)}", style),
                Cell(_leader(row)),
            ]
        rows.append(cells)
    return columns, rows


def _table(columns: list[Column], rows: list[list[Cell]]) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True
    )
    first, *others = columns
    table.add_column(Text(first.header), overflow="fold")
    for column in others:
        table.add_column(
            Text(column.header),
            justify="right" if column.right else "left",
            no_wrap=True,
        )
    for cells in rows:
        table.add_row(*(Text(cell.text, style=cell.style) for cell in cells))
    return table


def render(
    report: UnitMarginReport,
    *,
    color: bool = False,
    width: int | None = None,
    plain_rows: int = PLAIN_ROWS,
) -> str:
    """The report as text; `width` None = as wide as the table needs."""
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.text import Text

    columns, rows = _layout(report)
    sizes = widths(columns, rows)
    natural = table_width(sizes)
    plain = len(rows) >= plain_rows and fits(rows)
    if plain and width is not None and width < natural:
        plain = False  # rich folds the unit names to fit: leave it to rich
    table = None
    if plain:
        width = max(80, natural) if width is None else width
    else:
        table = _table(columns, rows)
        probe = Console(width=1000, file=io.StringIO(), legacy_windows=False)
        needs = probe.measure(table)
        width = max(
            needs.minimum, width if width is not None else max(80, needs.maximum)
        )
    name = visible(report.names[report.candidate])
    against = visible(report.names[report.opponent])
    shown = os.path.basename(report.results) if report.results else None
    where = f" from {visible(shown)}" if shown else ""
    heading = (
        f"tally {report.tally_id} since {report.from_tally}"
        if report.from_tally
        else f"tally {report.tally_id}"
    )
    title: list[RenderableType] = [
        Text(visible(report.election_title), style="bold"),
        Text(
            f"Margin of {name} ({report.candidate}) over {against}"
            f" ({report.opponent}) by {report.kind}, {heading}{where}"
        ),
        Text(""),
    ]
    closing: list[RenderableType] = [Text(""), Text(summary(report), style="bold")]
    if report.notes:
        closing += [
            Text(""),
            Text("Notes of the results file", style="bold"),
            *(Padding(Text(visible(note)), (0, 0, 0, 2)) for note in report.notes),
        ]
    buffer = io.StringIO()
    console = text_console(buffer, color=color, width=width)
    if table is not None:
        console.print(Group(*title, table, *closing))
    else:
        console.print(Group(*title))
        buffer.writelines(
            line + "\n" for line in lines(columns, rows, color=color, sizes=sizes)
        )
        console.print(Group(*closing))
    return no_workflow_commands(
        "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    )
