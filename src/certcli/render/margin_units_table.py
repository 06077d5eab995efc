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

from certcli.core.text import no_workflow_commands, visible
from certcli.datafile.units import kind_plural
from certcli.figures.by_unit import UnitMarginReport, UnitRow
from certcli.render.console import text_console
from certcli.render.margin_table import percent, votes

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

MINUS = "\u2212"  # the minus sign of the summary sentence


def signed(value: int) -> str:
    """+1,234, 0, or -1,234 written with a minus sign (U+2212)."""
    if value > 0:
        return f"+{value:,}"
    return f"{MINUS}{-value:,}" if value else "0"


def summary(report: UnitMarginReport) -> str:
    """The closing sentence: who led where, or what changed."""
    units = f"{report.units:,} {kind_plural(report.kind, report.units)}"
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


def _table(report: UnitMarginReport) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True
    )
    table.add_column(Text(report.kind.capitalize()), overflow="fold")
    changes = report.from_tally is not None
    if changes:
        for key in report.candidates:
            table.add_column(Text(f"Δ {key}"), justify="right", no_wrap=True)
        headers: tuple[str, ...] = ("Δ Margin", "Margin", "Leader")
    else:
        headers = (report.candidate, report.opponent, "Total", "Margin", "Leader")
    for header in headers:
        if header == "Leader":
            table.add_column(Text(header), no_wrap=True)
        else:
            table.add_column(Text(header), justify="right", no_wrap=True)
    for row in report.rows:
        if changes and row.change is not None and not row.change.changed:
            continue  # the summary counts the units that did not change
        style = "green" if row.margin > 0 else "red" if row.margin < 0 else ""
        margin = Text(votes(row.margin, sign=True), style=style)
        cells = [Text(visible(row.unit))]
        if changes:
            if row.change is None:
                cells += [Text("?") for _ in report.candidates] + [Text("?")]
            else:
                cells += [
                    Text(votes(row.change.votes.get(k, 0), sign=True))
                    for k in report.candidates
                ]
                cells.append(Text(votes(row.change.margin, sign=True)))
            cells += [margin, Text(_leader(row))]
        else:
            mine = row.votes.get(report.candidate, 0)
            theirs = row.votes.get(report.opponent, 0)
            margin.append(f" {percent(row.margin_percent, sign=True)}")
            cells += [
                Text(f"{votes(mine)} {percent(row.candidate_share)}"),
                Text(f"{votes(theirs)} {percent(row.opponent_share)}"),
                Text(votes(row.total)),
                margin,
                Text(_leader(row)),
            ]
        table.add_row(*cells)
    return table


def render(
    report: UnitMarginReport, *, color: bool = False, width: int | None = None
) -> str:
    """The report as text; `width` None = as wide as the table needs."""
    from rich.console import Console, Group
    from rich.text import Text

    table = _table(report)
    probe = Console(width=1000, file=io.StringIO(), legacy_windows=False)
    needs = probe.measure(table)
    width = max(needs.minimum, width if width is not None else max(80, needs.maximum))
    name = visible(report.names[report.candidate])
    against = visible(report.names[report.opponent])
    shown = os.path.basename(report.results) if report.results else None
    where = f" from {visible(shown)}" if shown else ""
    heading = (
        f"tally {report.tally_id} since {report.from_tally}"
        if report.from_tally
        else f"tally {report.tally_id}"
    )
    parts: list[RenderableType] = [
        Text(visible(report.election_title), style="bold"),
        Text(
            f"Margin of {name} ({report.candidate}) over {against}"
            f" ({report.opponent}) by {report.kind}, {heading}{where}"
        ),
        Text(""),
        table,
        Text(""),
        Text(summary(report), style="bold"),
    ]
    buffer = io.StringIO()
    console = text_console(buffer, color=color, width=width)
    console.print(Group(*parts))
    return no_workflow_commands(
        "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    )
