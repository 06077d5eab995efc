"""`visible`: the one function that makes data text safe to show."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from certcli.core.text import count, plural, shown_path, visible


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


@pytest.mark.parametrize(
    ("number", "noun", "written"),
    [
        (1, "vote", "1 vote"),
        (0, "vote", "0 votes"),
        (2, "more vote", "2 more votes"),
        (12670, "vote", "12,670 votes"),
        (-1, "day", "-1 day"),
        (3, "business day", "3 business days"),
        (1, "county", "1 county"),
        (159, "county", "159 counties"),
        (2, "tally", "2 tallies"),
        (2, "parish", "2 parishes"),
        (2, "box", "2 boxes"),
        (2, "precinct", "2 precincts"),
        (2, "data error", "2 data errors"),
    ],
)
def test_a_count_is_written_one_way(number: int, noun: str, written: str) -> None:
    assert count(number, noun) == written
    assert plural(noun, number) == written.split(" ", 1)[1]


def test_shown_path_spells_the_bytes_of_a_name_that_is_not_utf8() -> None:
    raw = os.fsdecode(b"dir/evil\xff\xfe.yaml")
    assert shown_path(raw) == "dir/evil\\xff\\xfe.yaml"
    assert shown_path(Path(raw)) == "dir/evil\\xff\\xfe.yaml"
    assert shown_path("Zoë/ok.yaml") == "Zoë/ok.yaml"
    assert shown_path(Path("plain.yaml")) == "plain.yaml"
    shown_path(raw).encode("utf-8")  # no lone surrogate is left
