"""`certcli timeline --format markdown`: a GitHub-flavoured Markdown table.

Plain text (no colour); the next open deadline is bold and marked, and named in
a line under the table.
"""

from __future__ import annotations

import re

from certcli.core.text import visible
from certcli.figures.timeline import TimelineReport
from certcli.render.timeline_table import (
    MARKER,
    date_lines,
    footnote,
    heading,
    next_deadline_line,
    obtained_lines,
    status_phrase,
    time_lines,
    weekday_lines,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")


def escape(text: str) -> str:
    """User text made literal in Markdown: control and bidi characters spelled
    out, specials escaped, one line."""
    return _SPECIAL.sub(r"\\\1", visible(" ".join(text.split())))


def _joined(lines: list[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


def render(report: TimelineReport) -> str:
    rows = [
        f"## {escape(heading(report))}",
        "",
        "| Date | Day | Time | Event | Kind | Date from | Sources | Status |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for status in report.events:
        event = status.event
        is_next = status is report.next_deadline
        title = escape(event.event.title)
        state = escape(status_phrase(status))
        if is_next:
            title, state = f"{MARKER} **{title}**", f"**{state}**"
        cells = [
            _joined(date_lines(event)),
            _joined(weekday_lines(event)),
            _joined(time_lines(event)),
            title,
            escape(event.event.kind.value),
            _joined(obtained_lines(event)),
            escape(", ".join(event.event.sources)),
            state,
        ]
        rows.append("| " + " | ".join(cells) + " |")
    rows += [
        "",
        f"**{escape(next_deadline_line(report))}**",
        "",
        escape(footnote(report)),
    ]
    return "\n".join(rows) + "\n"
