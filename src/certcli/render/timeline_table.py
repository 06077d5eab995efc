"""`certcli timeline` as a rich table for people (the words are shared with Markdown).

Every text from the data file goes through `visible` as it becomes rich text.

The functions that put dates, times, rules and statuses into words live here and
are plain text; rich is imported only inside `render`.
"""

from __future__ import annotations

from datetime import date, time
from io import StringIO
from typing import TYPE_CHECKING, Literal

from certcli.calendar.rules import ResolvedDate, ResolvedEvent, weekday_name
from certcli.calendar.status import EventStatus
from certcli.core.text import count, no_workflow_commands, visible
from certcli.figures.timeline import TimelineReport
from certcli.render.console import text_console

if TYPE_CHECKING:
    from rich.text import Text

Part = Literal["start", "end"]
ARROW = "→"
WIDE = 130  # from this width on, every item gets a column of its own
STACKED = 72  # below this width, each event is a block of lines, not a row
MARKER = "▶"


def weekday(day: date) -> str:
    """ "Fri", whatever the locale."""
    return weekday_name(day)[:3]


def local_time(event: ResolvedEvent, part: Part) -> str:
    """e.g. "17:00 EST" (the zone's abbreviation on that day), or ""."""
    at: time | None = event.time(part)
    if at is None:
        return ""
    return f"{at:%H:%M} {event.moment(part).tzname()}"


def span_lines(event: ResolvedEvent, start: str, end: str) -> list[str]:
    """One line for a single-date event, two (start, → end) for a span."""
    if not event.is_span:
        return [start]
    return [start, f"{ARROW} {end}"]


def date_lines(event: ResolvedEvent) -> list[str]:
    return span_lines(
        event, event.day("start").isoformat(), event.day("end").isoformat()
    )


def weekday_lines(event: ResolvedEvent) -> list[str]:
    return span_lines(event, weekday(event.day("start")), weekday(event.day("end")))


def time_lines(event: ResolvedEvent) -> list[str]:
    lines = span_lines(event, local_time(event, "start"), local_time(event, "end"))
    return [] if not any(line.strip(f" {ARROW}") for line in lines) else lines


def obtained(resolved: ResolvedDate) -> str:
    """How a date was obtained: "stated", or the rule (and a differing stated date)."""
    if resolved.how == "stated":
        return "stated"
    text = resolved.rule or "rule"
    if resolved.stated_differs:
        text += f" (stated {resolved.stated}, differs)"
    return text


def obtained_lines(event: ResolvedEvent) -> list[str]:
    if not event.is_span:
        return [obtained(event.start)]
    start, end = obtained(event.start), obtained(event.end)
    if start == end == "stated":
        return ["stated"]
    return [f"start: {start}", f"end: {end}"]


def days_phrase(days: int) -> str:
    if days == 0:
        return "today"
    if days > 0:
        return f"in {count(days, 'day')}"
    return f"{count(-days, 'day')} ago"


def status_phrase(status: EventStatus) -> str:
    """e.g. "past · 2 days ago · met", "ongoing · ends in 2 days", "today"."""
    if status.status == "today":
        words = ["today"]
    elif status.status == "ongoing":
        ends = "ends today" if status.days == 0 else f"ends {days_phrase(status.days)}"
        words = ["ongoing", ends]
    else:
        words = [status.status, days_phrase(status.days)]
    if status.deadline is not None:
        words.append(status.deadline)
    if status.own_state is not None:
        words.append(f"deadline {status.own_state}")
    return " · ".join(words)


def status_lines(status: EventStatus) -> list[str]:
    """The status on one line, and how far away (and a deadline's state) under it."""
    first, *rest = status_phrase(status).split(" · ")
    return [first, " · ".join(rest)] if rest else [first]


def moment_phrase(event: ResolvedEvent, part: Part) -> str:
    """e.g. "Tue 2020-11-24 17:00 EST" or "Fri 2020-11-13"."""
    day = event.day(part)
    text = f"{weekday(day)} {day.isoformat()}"
    at = local_time(event, part)
    return f"{text} {at}" if at else text


def next_deadline_line(report: TimelineReport) -> str:
    """The line under the table: the next deadline and how far away it is."""
    status = report.next_deadline
    if status is None:
        return f"No open deadline on or after {report.as_of.isoformat()}."
    event = status.event
    verb = "closes " if event.is_span else ""
    days = days_phrase(status.days_to_end)
    return (
        f"Next deadline: {event.event.title} {ARROW} {verb}"
        f"{moment_phrase(event, 'end')}, {days}."
    )


def heading(report: TimelineReport) -> str:
    shown = f" ({', '.join(report.kinds)} only)" if report.kinds else ""
    return (
        f"{report.title}: timeline as of {weekday(report.as_of)}"
        f" {report.as_of.isoformat()}{shown}"
    )


def footnote(report: TimelineReport) -> str:
    return (
        f"Dates and times are local to {report.timezone}; business days follow"
        f" the {report.calendar} holiday calendar."
    )


def day_lines(event: ResolvedEvent) -> list[str]:
    """ "Fri 2020-11-20", and "→ Tue 2020-11-24" under it for a span."""
    return span_lines(
        event,
        f"{weekday(event.day('start'))} {event.day('start').isoformat()}",
        f"{weekday(event.day('end'))} {event.day('end').isoformat()}",
    )


def when_lines(event: ResolvedEvent) -> list[str]:
    """Weekday, date and local time together: "Tue 2020-11-24 17:00 EST"."""
    lines = day_lines(event)
    times = [local_time(event, "start"), local_time(event, "end")]
    return [f"{line} {at}".rstrip() for line, at in zip(lines, times, strict=False)]


def _cell(lines: list[str], style: str = "") -> Text:
    from rich.text import Text

    return Text("\n".join(visible(line) for line in lines), style=style)


def render(
    report: TimelineReport, *, color: bool = False, width: int | None = None
) -> str:
    """The table, the next-deadline line and a footnote, as terminal text,
    `width` columns wide (None, for a pipe or a file: 100).

    From `WIDE` columns on, every item has a column of its own; narrower
    terminals get three columns (when, event, status) with the kind, how the
    date was obtained and the sources in dim lines under the event's title;
    below `STACKED` columns each event is a block: when, then its title and
    status indented under it.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if width is None:
        width = 100
    wide = width >= WIDE
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=True,
        padding=(0, 1, 0, 0),
    )
    if wide:
        table.add_column("Date", no_wrap=True)
        table.add_column("Time", no_wrap=True)
        table.add_column("Event", min_width=20)
        table.add_column("Kind", no_wrap=True)
        table.add_column("Date from", min_width=16, overflow="fold")
        table.add_column("Sources", min_width=8)
    else:
        table.add_column("When", no_wrap=True)
        table.add_column("Event", min_width=20)
    table.add_column("Status", no_wrap=True)

    status_styles = {
        "past": "dim",
        "today": "bold yellow",
        "ongoing": "yellow",
        "upcoming": "",
    }
    deadline_styles = {"met": "green", "missed": "bold red", "open": "yellow"}
    blocks: list[tuple[list[Text], str]] = []
    for status in report.events:
        event = status.event
        model = event.event
        is_next = status is report.next_deadline
        state = Text("\n".join(status_lines(status)))
        for word in (status.deadline, status.own_state):
            if word is not None:
                start = state.plain.rfind(word)
                state.stylize(deadline_styles[word], start, start + len(word))
        title = Text(f"{MARKER} " if is_next else "")
        title.append(visible(model.title))
        if wide:
            cells = [
                _cell(day_lines(event)),
                _cell(time_lines(event)),
                title,
                Text(visible(model.kind.value)),
                _cell(obtained_lines(event)),
                _cell(list(model.sources)),
                state,
            ]
        else:
            details = [model.kind.value, *obtained_lines(event)]
            if model.sources:
                details.append(", ".join(model.sources))
            title.append("\n" + visible(" · ".join(details)), style="dim")
            cells = [_cell(when_lines(event)), title, state]
        row_style = "bold" if is_next else status_styles[status.status]
        table.add_row(*cells, style=row_style)
        blocks.append((cells, row_style))

    stream = StringIO()
    console = text_console(stream, color=color, width=width)
    console.print(Text(visible(heading(report)), style="bold"))
    if report.events and width < STACKED:
        # Too narrow for columns: when, then the event and its status indented
        # under it, so that no column is ever dropped.
        from rich.padding import Padding

        for cells, style in blocks:
            when, title, state = cells[0], cells[-2], cells[-1]
            console.print()
            console.print(when, style=style)
            console.print(Padding(title, (0, 0, 0, 2)), style=style)
            console.print(Padding(state, (0, 0, 0, 2)), style=style)
    elif report.events:
        console.print(table)
    else:
        console.print("No events." if not report.kinds else "No events of these kinds.")
    console.print()
    console.print(Text(visible(next_deadline_line(report)), style="bold"))
    console.print(Text(visible(footnote(report)), style="dim"))
    text = stream.getvalue()
    if color:
        return text
    return no_workflow_commands(
        "".join(line.rstrip() + "\n" for line in text.splitlines())
    )
