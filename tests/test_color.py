"""One rule for colour in every human format: --color, NO_COLOR, a terminal."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from certcli.core.output import use_color
from certcli.render.console import text_console


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("color", "no_color", "tty", "output", "expected"),
    [
        ("always", "1", False, Path("out.txt"), True),
        ("never", None, True, None, False),
        ("auto", None, True, None, True),
        ("auto", None, False, None, False),
        ("auto", None, True, Path("out.txt"), False),
        ("auto", "1", True, None, False),
        ("auto", "", True, None, True),  # NO_COLOR counts only when not empty
    ],
)
def test_use_color(
    monkeypatch: pytest.MonkeyPatch,
    color: str,
    no_color: str | None,
    tty: bool,
    output: Path | None,
    expected: bool,
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stdout", _Terminal() if tty else io.StringIO())
    assert use_color(color, output) is expected


@pytest.mark.parametrize(("color", "expected"), [("auto", False), ("always", True)])
def test_a_dumb_terminal_gets_no_colour_and_no_bold(
    monkeypatch: pytest.MonkeyPatch, color: str, expected: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert use_color(color, None) is expected
    assert use_color(color, Path("-")) is expected  # -o - is stdout too


@pytest.mark.parametrize(
    ("color", "expected"), [(True, "\x1b[1m[draft]\x1b[0m\n"), (False, "[draft]\n")]
)
def test_text_console_prints_text_as_written(color: bool, expected: str) -> None:
    stream = io.StringIO()
    text_console(stream, color=color, width=40).print("[draft]", style="bold")
    assert stream.getvalue() == expected
