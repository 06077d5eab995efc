"""One module per command, each with an `execute()` that returns an exit code,
and what the commands share: how wide a human report is and how a report is
rendered in the format asked for."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from certcli.core.output import output_width, use_color
from certcli.render.formats import HUMAN_FORMATS, renderer

if TYPE_CHECKING:
    from certcli.loaded.contest import Contest


# The line on stderr of a command that reads the bundled example.
BUNDLED_NOTICE = (
    "certcli: reading the bundled example (Georgia 2020); give --data FILE (or"
    " set CERTCLI_DATA) for your own\n"
)


def load_data(data: Path | None) -> Contest:
    """The file a command reads: `data`, else the bundled example, which one
    line on stderr names (so that nobody mistakes it for their own file)."""
    from certcli.loaded.loader import load, load_bundled

    if data is not None:
        return load(data)
    sys.stderr.write(BUNDLED_NOTICE)
    return load_bundled()


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
