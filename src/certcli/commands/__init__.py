"""One module per command, each with an `execute()` that returns an exit code,
and what the commands share: how wide a human report is and how a report is
rendered in the format asked for."""

from __future__ import annotations

from pathlib import Path

from certcli.core.output import output_width, use_color
from certcli.render.formats import HUMAN_FORMATS, renderer


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
        width = output_width(output)
        content: str | bytes = render(
            report, color=use_color(color, output), width=width
        )
        return content
    return render(report)  # type: ignore[no-any-return]
