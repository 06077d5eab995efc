"""`visible`: the one function that makes data text safe to show."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from certcli.core.text import (
    count,
    json_text,
    plural,
    shown_path,
    visible,
    without_invisible,
)

# Format characters (Cf) drawn as a sign of their own, over the digits after
# them: left as they are.
PREPENDED_MARKS = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
    "\U000110bd\U000110cd"
)


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
        ("\u2028\u2029", "U+2028U+2029"),
        # Format characters that show as nothing.
        ("Al\u180eder", "AlU+180Eder"),
        ("a\u2061b\u2064c", "aU+2061bU+2064c"),
        ("\u206a\u206f", "U+206AU+206F"),
        ("\ufff9ruby\ufffaannotation\ufffb", "U+FFF9rubyU+FFFAannotationU+FFFB"),
        ("\U0001d173beam", "U+1D173beam"),
        ("\U00013430", "U+13430"),
        # Tag characters: "hidden" written in tags after a visible name.
        (
            "Ada" + "".join(chr(0xE0000 + ord(c)) for c in "hid") + "\U000e007f",
            "AdaU+E0068U+E0069U+E0064U+E007F",
        ),
        # The zero-width joiner is spelled out in an emoji too, as it always was.
        ("\U0001f469\u200d\U0001f467", "\U0001f469U+200D\U0001f467"),
        # Prepended concatenation marks are visible signs: kept.
        ("\u0600\u0661\u0662", "\u0600\u0661\u0662"),
        ("\u06dd\u0661", "\u06dd\u0661"),
        ("\U000110bd", "\U000110bd"),
        ("caf\u00e9 \u6771\u4eac \u2192", "caf\u00e9 \u6771\u4eac \u2192"),
    ],
)
def test_visible_spells_out_controls(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_visible_spells_out_every_format_character_but_the_prepended_marks() -> None:
    # Unicode category Cf, as this Python's Unicode version has it: a Python
    # with a newer Unicode that adds a format character fails here until it is
    # decided whether it shows as nothing.
    every = [chr(code) for code in range(0x110000)]
    format_characters = [c for c in every if unicodedata.category(c) == "Cf"]
    assert "\u180e" in format_characters and "\U000e0041" in format_characters
    kept = [c for c in format_characters if visible(c) == c]
    assert [f"U+{ord(c):04X}" for c in kept] == [
        f"U+{ord(c):04X}" for c in format_characters if c in PREPENDED_MARKS
    ]
    # Everything spelled out has a visible, ASCII spelling.
    for char in format_characters:
        assert visible(char).isascii() or char in PREPENDED_MARKS


def test_the_fast_path_still_returns_printable_ascii_as_it_is() -> None:
    text = "Plain ASCII, printable: 12,670 votes."
    assert visible(text) is text


def test_without_invisible_drops_what_shows_as_nothing_but_not_bidi() -> None:
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "x")
    assert without_invisible(f"Al\u200bd\u180ee{hidden}r\u2064") == "Alder"
    # A bidi control changes what the rest looks like: not "nothing".
    assert without_invisible("Al\u202eder") == "Al\u202eder"


def test_json_text_writes_a_character_beyond_u_ffff_as_a_surrogate_pair() -> None:
    hidden = "Ada\U000e0068\U000e0069"
    encoded = json_text(hidden)
    assert encoded == '"Ada\\udb40\\udc68\\udb40\\udc69"'
    assert json.loads(encoded) == hidden


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
