"""`certcli timeline`: load → statuses as of a date → render → stdout or -o."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from certcli.commands import load_data
from certcli.core.errors import UsageError
from certcli.core.output import emit, output_width, use_color
from certcli.render.formats import HUMAN_FORMATS, TIMELINE_RENDERERS, renderer


def empty_calendar(kinds: tuple[str, ...]) -> str:
    """Why there is no .ics to write: RFC 5545 (3.6) wants at least one event."""
    which = f"no event of kind {' or '.join(kinds)}" if kinds else "no events"
    return (
        f"nothing to write: the file has {which}, and an iCalendar file must"
        " hold at least one event (RFC 5545, section 3.6)"
    )


def execute(
    *,
    data: Path | None,
    as_of: date,
    kinds: tuple[str, ...],
    format_: str,
    output: Path | None,
    color: str,
) -> int:
    from certcli.figures.timeline import report

    contest = load_data(data)
    result = report(contest, as_of, kinds)
    if format_ == "ics" and not result.events:
        raise UsageError(empty_calendar(kinds))
    render = renderer(TIMELINE_RENDERERS, format_)
    if format_ == "table":
        content = render(
            result, color=use_color(color, output), width=output_width(output)
        )
    else:
        content = render(result)
    emit(content, output, human=format_ in HUMAN_FORMATS)
    return 0
