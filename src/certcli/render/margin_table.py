"""`certcli margin --format table`: the tallies, the recount verdicts and a chart.

rich is imported here only, when this format is asked for. Every text that
comes from the data file goes through `visible` before rich sees it (and rich
reads no markup).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from certcli.core.exact import EXACT, rounded
from certcli.core.text import count, no_workflow_commands, visible
from certcli.figures.margins import MarginReport
from certcli.figures.recount import RecountVerdict
from certcli.figures.tallies import display_percent
from certcli.render.console import text_console

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

UNKNOWN = "?"
NONE_EARLIER = "—"  # a change with nothing to change from
BAR = "█"
CHART_WIDTH = 40


def votes(value: int | None, sign: bool = False) -> str:
    """1,234; with `sign`, +1,234 and -1,234 (zero has none)."""
    if value is None:
        return UNKNOWN
    return f"{value:+,}" if sign and value else f"{value:,}"


def percent(value: Decimal | None, unit: str = "%", sign: bool = False) -> str:
    """49.5052%, or with a unit written apart: +0.0078 pp."""
    if value is None:
        return UNKNOWN
    text = display_percent(value)
    if sign and value > 0:
        text = "+" + text
    return text + unit if unit == "%" else f"{text} {unit}"


def when(value: date | datetime, zone: ZoneInfo) -> str:
    if isinstance(value, datetime):
        local = value.astimezone(zone) if value.tzinfo is not None else value
        return f"{local:%Y-%m-%d %H:%M}"
    return value.isoformat()


def closes(verdict: RecountVerdict) -> str | None:
    if verdict.window_closes is not None:
        moment = verdict.window_closes
        return f"{moment:%a %Y-%m-%d %H:%M} {moment.tzname()}"
    if verdict.window_closes_on is not None:
        return f"{verdict.window_closes_on:%a %Y-%m-%d}"
    return None


def eligibility(verdict: RecountVerdict) -> tuple[str, str]:
    """The verdict in a word, and its style."""
    if verdict.eligible is None:
        return "unknown", "dim"
    if verdict.eligible:
        return "eligible", "bold yellow"
    return "not eligible", ""


def _table(report: MarginReport, zone: ZoneInfo) -> Table:
    """One row per tally; figures never wrap, names and verdict words may."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    rival_header = report.opponent if report.opponent else "Opponent"
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
        leading=1,
    )
    longest = max((len(row.tally_id) for row in report.rows), default=5)
    table.add_column(Text("Tally"), overflow="fold", min_width=min(longest, 32))
    for header in (report.candidate, rival_header, "Total", "Margin", "Change"):
        table.add_column(Text(visible(header)), justify="right", no_wrap=True)
    for rule in report.rules:
        table.add_column(
            Text(visible(rule.id), overflow="fold"),
            overflow="fold",
            min_width=12,
        )
    for row in report.rows:
        tally = Text(visible(row.tally_id))
        tally.append(f"\n{row.stage.value}\n{when(row.as_of, zone)}", style="dim")
        mine = Text(f"{votes(row.candidate_votes)}\n{percent(row.candidate_share)}")
        theirs = Text()
        if report.opponent is None:
            shown = row.opponent if row.opponent is not None else UNKNOWN
            theirs.append(f"{visible(shown)}\n", style="dim")
        theirs.append(f"{votes(row.opponent_votes)}\n{percent(row.opponent_share)}")
        style = ""
        if row.margin_votes:
            style = "green" if row.margin_votes > 0 else "red"
        margin = Text(votes(row.margin_votes, sign=True), style=style)
        margin.append(f"\n{percent(row.margin_percent, sign=True)}")
        if row.change_votes is None and row.margin_votes is not None:
            change = Text(f"{NONE_EARLIER}\n{NONE_EARLIER}", style="dim")
        else:
            change = Text(
                f"{votes(row.change_votes, sign=True)}\n"
                + percent(row.change_percent, unit="pp", sign=True)
            )
        cells = [tally, mine, theirs, Text(votes(row.total)), margin, change]
        for verdict in row.verdicts:
            word, word_style = eligibility(verdict)
            cell = Text(word, style=word_style)
            cell.append(
                "\ndecisive" if verdict.decisive else "\nindicative", style="dim"
            )
            cells.append(cell)
        table.add_row(*cells)
    return table


def _chart(report: MarginReport, width: int) -> list[RenderableType]:
    """One bar per tally, scaled to the largest |margin|; negative bars go left."""
    from rich.text import Text

    rows = report.rows
    known = [row.margin_votes for row in rows if row.margin_votes is not None]
    if not known:
        return []
    largest = max(abs(value) for value in known)
    label_width = max(len(visible(row.tally_id)) for row in rows)
    value_width = max(len(votes(row.margin_votes, sign=True)) for row in rows)
    has_left = any(value < 0 for value in known)
    has_right = any(value > 0 for value in known) or not has_left
    halves = int(has_left) + int(has_right)
    room = width - label_width - value_width - 5
    span = max(8, min(CHART_WIDTH, room // halves))
    rival = report.opponent or "the runner-up"
    lines: list[RenderableType] = [
        Text(
            visible(
                f"Margin, {report.candidate} minus {rival}"
                f" (bars scaled to {count(largest, 'vote')})"
            ),
            style="bold",
        )
    ]
    for row in rows:
        line = Text(visible(row.tally_id).ljust(label_width) + "  ")
        value = row.margin_votes
        if value is None:
            line.append(" " * (span if has_left else 0) + "│ " + UNKNOWN, style="dim")
            lines.append(line)
            continue
        length = 0
        if largest:
            bar = EXACT.divide(EXACT.multiply(Decimal(abs(value)), span), largest)
            scaled = rounded(bar, 0)
            length = max(1, int(scaled)) if value else 0
        if has_left:
            left = BAR * length if value < 0 else ""
            line.append(left.rjust(span), style="red")
        line.append("│")
        if has_right:
            right = BAR * length if value > 0 else ""
            line.append(right.ljust(span), style="green")
        line.append("  " + votes(value, sign=True).rjust(value_width))
        lines.append(line)
    return lines


def _recount(report: MarginReport) -> list[RenderableType]:
    """Per rule: what it says, and its verdicts for the tallies that decide it.

    When no shown tally is of the deciding stage, every shown tally's
    (indicative) verdict is listed instead.
    """
    from rich.padding import Padding
    from rich.text import Text

    from certcli.figures.recount import describe_limits

    lines: list[RenderableType] = []
    for index, rule in enumerate(report.rules):
        head = Text(visible(f"Recount rule {rule.id}"), style="bold")
        if rule.citation:
            head.append(visible(f", {rule.citation}"), style="bold")
        trigger = "on request" if rule.trigger == "on_request" else "automatic"
        about = Text(visible(f"{rule.title}: ") if rule.title else "")
        about.append(
            f"{trigger}; margin between the top two {describe_limits(rule)};"
            f" decided by the {rule.applies_to.value} tally."
        )
        if lines:
            lines.append(Text(""))
        lines += [head, Padding(about, (0, 0, 0, 2))]
        verdicts = [row.verdicts[index] for row in report.rows]
        decisive = [verdict for verdict in verdicts if verdict.decisive]
        for verdict in decisive or verdicts:
            style = eligibility(verdict)[1]
            line = Text(visible(f"{verdict.tally_id}: "))
            word, colon, rest = visible(verdict.reason).partition(":")
            line.append(word + colon, style=style)
            line.append(rest)
            lines.append(Padding(line, (0, 0, 0, 2)))
    return lines


def _outcome(report: MarginReport) -> list[RenderableType]:
    """What the trailing side needs, on the latest shown tally with a margin."""
    from rich.padding import Padding
    from rich.text import Text

    latest = next(
        (row for row in reversed(report.rows) if row.needed is not None), None
    )
    if latest is None or latest.needed is None:
        return []
    need = latest.needed
    if need.tied:
        text = (
            f"{latest.tally_id}: tied; either side needs {need.to_win:,} more vote"
            " to win."
        )
    else:
        trailing = need.trailing or "the runner-up"
        leader = need.switched_from or "the runner-up"
        text = (
            f"{latest.tally_id}: {trailing} needs {count(need.to_tie, 'more vote')}"
            f" to tie and {need.to_win:,} to win"
        )
        if need.switched_to_win is None:
            text += "."
        else:
            text += (
                f", or {count(need.switched_to_win, 'vote')} switched from {leader}."
            )
    return [
        Text("To change the outcome", style="bold"),
        Padding(Text(visible(text)), (0, 0, 0, 2)),
    ]


def _notes(report: MarginReport) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    lines = [
        f"{UNKNOWN} = unknown: the tally does not give it.",
        "Change = since the previous tally (in time order) with a known margin;"
        " pp = percentage points.",
        f"{NONE_EARLIER} = no change: no earlier tally with a known margin.",
        *(
            f"{row.tally_id}: {'; '.join(row.remarks)}."
            for row in report.rows
            if row.remarks
        ),
    ]
    return [
        Text("Notes", style="bold"),
        *(Padding(Text(visible(line)), (0, 0, 0, 2)) for line in lines),
    ]


def render(
    report: MarginReport, *, color: bool = False, width: int | None = None
) -> str:
    """The report as text; `width` None = as wide as the table needs."""
    from rich.console import Console
    from rich.text import Text

    zone = ZoneInfo(report.timezone)
    table = _table(report, zone)
    # As wide as asked, or as the table needs at least: figures never shrink
    # to an ellipsis; None = the table's natural width (output is not a terminal).
    probe = Console(width=1000, file=io.StringIO(), legacy_windows=False)
    needs = probe.measure(table)
    width = max(needs.minimum, width if width is not None else max(80, needs.maximum))
    name = report.names[report.candidate]
    against = (
        f"{report.names[report.opponent]} ({report.opponent})"
        if report.opponent
        else "the runner-up of each tally"
    )
    parts: list[RenderableType] = [
        Text(visible(report.election_title), style="bold"),
        Text(visible(f"Margin of {name} ({report.candidate}) over {against}")),
        Text(""),
        table if report.rows else Text("The file has no tallies."),
    ]
    if not report.rows:
        return _print(parts, color, width)
    sections = (_chart(report, width), _recount(report), _outcome(report))
    for section in (*sections, _notes(report)):
        if section:
            parts += [Text(""), *section]
    return _print(parts, color, width)


def _print(parts: list[RenderableType], color: bool, width: int) -> str:
    from rich.console import Group

    buffer = io.StringIO()
    console = text_console(buffer, color=color, width=width)
    console.print(Group(*parts))
    return no_workflow_commands(
        "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    )
