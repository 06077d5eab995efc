"""`certcli margin`: load → margin report → render → emit; exit 0, or 2 on bad input."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from certcli.formats import (
    HUMAN_FORMATS,
    MARGIN_RENDERERS,
    MARGIN_UNIT_RENDERERS,
    renderer,
)
from certcli.output import emit, use_color


def terminal_width(output: Path | None) -> int | None:
    """The terminal's width; None (the table's natural width) when not a terminal.

    COLUMNS, when set, wins in both cases.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if output is None and sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def execute(
    *,
    data: Path | None,
    candidate: str,
    opponent: str | None,
    tally_id: str | None,
    stage: str | None,
    format_: str,
    output: Path | None,
    color: str,
    by: str = "tally",
    from_tally: str | None = None,
) -> int:
    from certcli.loader import load, load_bundled

    contest = load(data) if data is not None else load_bundled()
    report: object
    if by == "unit":
        from certcli.by_unit import unit_margin_report

        report = unit_margin_report(
            contest, candidate, opponent, tally_id, stage, from_tally
        )
        registry = MARGIN_UNIT_RENDERERS
    else:
        from certcli.tallies import margin_report

        report = margin_report(contest, candidate, opponent, tally_id, stage)
        registry = MARGIN_RENDERERS
    content = render_report(registry, format_, report, color, output)
    emit(content, output, human=format_ in HUMAN_FORMATS)
    return 0


def render_report(
    registry: dict[str, str],
    format_: str,
    report: object,
    color: str,
    output: Path | None,
) -> str | bytes:
    """The report in a format: human ones in colour or not and at the width the
    output allows, machine ones plain."""
    render = renderer(registry, format_)
    if format_ in HUMAN_FORMATS:
        width = terminal_width(output)
        content: str | bytes = render(
            report, color=use_color(color, output), width=width
        )
        return content
    return render(report)  # type: ignore[no-any-return]
