"""`certcli results`: detect the format → summarise the file → render → emit.

A contest with problems is listed with them, like every other contest; the
problems are then raised as the one DataError (exit 2), so that a script sees
that a contest of the file cannot be read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from certcli.core.errors import DataError
from certcli.core.output import emit, output_width, use_color
from certcli.core.text import shown_path
from certcli.render.formats import HUMAN_FORMATS, RESULTS_RENDERERS, renderer

if TYPE_CHECKING:
    from pathlib import Path


def execute(
    *,
    path: Path,
    input_format: str | None,
    contest: str | None = None,
    format_: str,
    output: Path | None,
    color: str,
) -> int:
    from certcli.readers import detect, reader

    display = shown_path(path)
    name = input_format or detect(path, display)
    summary = reader(name).summarize(path, display)
    if contest is not None:
        summary = summary.only(display, contest)
    render = renderer(RESULTS_RENDERERS, format_)
    if format_ in HUMAN_FORMATS:
        content = render(
            summary,
            file=display,
            color=use_color(color, output),
            width=output_width(output),
        )
    else:
        content = render(summary, file=display)
    emit(content, output, human=format_ in HUMAN_FORMATS)
    # A contest that cannot be read is a data error, after every other
    # contest has been listed.
    problems = summary.all_problems()
    if problems:
        raise DataError(problems)
    return 0
