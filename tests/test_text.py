"""`visible`: the one function that makes data text safe to show."""

from __future__ import annotations

import pytest

from certcli.core.text import visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\x9bb", "a\\x9bb"),
        ("\x7f", "\\x7f"),
        ("abc\u202edef", "abcU+202Edef"),
        ("\u2066x\u2069", "U+2066xU+2069"),
        ("one\ntwo", "one\\x0atwo"),
        ("cr\r", "cr\\x0d"),
        ("tab\tkept", "tab\tkept"),
        ("\u0130lker I\u015f\u0131k \u2013 ok", "\u0130lker I\u015f\u0131k \u2013 ok"),
        ("\ufeffbom", "U+FEFFbom"),
    ],
)
def test_visible_spells_out_controls(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_visible_can_keep_line_feeds() -> None:
    assert visible("one\ntwo\x1b", keep_newlines=True) == "one\ntwo\\x1b"
