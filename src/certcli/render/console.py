"""The rich console every human format renders into: a string, never a terminal."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def text_console(stream: IO[str], *, color: bool, width: int) -> Console:
    """A console writing to `stream` at `width` columns, in ANSI colour or none.

    Nothing is read as markup, emoji or highlighting, so text from a data file
    prints as written (`[draft]` stays `[draft]`).
    """
    from rich.console import Console

    return Console(
        file=stream,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )


def printed(renderable: object, *, color: bool, width: int) -> str:
    """A renderable as the text a human format prints: trailing spaces cut,
    and no line a GitHub Actions workflow command."""
    import io

    from certcli.core.text import no_workflow_commands

    buffer = io.StringIO()
    text_console(buffer, color=color, width=width).print(renderable)
    return no_workflow_commands(
        "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
    )
