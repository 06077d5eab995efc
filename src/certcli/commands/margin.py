"""`certcli margin`: load → margin report → render → emit; exit 0, or 2 on bad input."""

from __future__ import annotations

from pathlib import Path

from certcli.commands import load_data, render_report
from certcli.core.output import emit
from certcli.render.formats import (
    HUMAN_FORMATS,
    MARGIN_RENDERERS,
    MARGIN_UNIT_RENDERERS,
)


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

    contest = load_data(data)
    report: object
    if by == "unit":
        from certcli.figures.by_unit import unit_margin_report

        report = unit_margin_report(
            contest, candidate, opponent, tally_id, stage, from_tally
        )
        registry = MARGIN_UNIT_RENDERERS
    else:
        from certcli.figures.margins import margin_report

        report = margin_report(contest, candidate, opponent, tally_id, stage)
        registry = MARGIN_RENDERERS
    content = render_report(registry, format_, report, color, output)
    emit(content, output, human=format_ in HUMAN_FORMATS)
    return 0
