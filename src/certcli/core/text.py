"""Text from a data file made safe to show: one function, used at every boundary
where data text enters a human or text-like output (terminal, Markdown, .ics,
HTML).

Data files are untrusted. A title such as ``"\\e]0;pwned\\a"`` would retitle a
terminal, ``"\\e[2J"`` would clear it, and a bidi override (U+202E) would make
text read backwards, and a zero-width space or a tag character (U+E0041)
hides in a name. `visible` replaces every such character by a visible
spelling of it, so the text shows what the file holds and drives nothing;
`json_text` writes the same characters as JSON escapes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Format characters (Unicode category Cf) that show as nothing, yet make
# another text: "Al\u200bder" looks like "Alder" but is another name, and the
# tag characters U+E0000 to U+E007F can carry a whole hidden sentence. They are
# the soft hyphen, the Mongolian vowel separator, the zero-width space,
# non-joiner and joiner, the word joiner and the invisible operators, the
# deprecated format characters U+206A to U+206F, the byte-order mark / zero-width
# no-break space, the interlinear annotation marks, the Egyptian hieroglyph,
# shorthand and musical format controls, and the tag characters.
#
# That is all of Cf but the bidi controls (below) and the prepended
# concatenation marks (U+0600 to U+0605, U+06DD, U+070F, U+0890, U+0891,
# U+08E2, U+110BD, U+110CD): those are drawn as a visible sign that spans the
# digits after them, hide nothing, and belong to ordinary Arabic, Syriac and
# Kaithi text, which spelling them out would garble. The zero-width joiner is
# spelled out although it also joins emoji (a family emoji shows as its people
# with U+200D between them), as the tag characters of a subdivision flag are:
# in election data a name that hides text matters more than an emoji drawn
# whole.
_SHOW_AS_NOTHING = (
    "\u00ad\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f"
)
# The bidi embeddings, overrides and isolates and their marks: they reorder
# the text around them.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 controls (tab and line feed are handled by the caller's format), DEL, C1
# controls, line and paragraph separators, and the format characters above.
_UNSAFE = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_SHOW_AS_NOTHING}]"
)
_INVISIBLE = re.compile(f"[{_SHOW_AS_NOTHING}]")


def _spell(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code == 0xAD:
        return "U+00AD"  # a soft hyphen, not a byte
    return f"\\x{code:02x}" if code <= 0xFF else f"U+{code:04X}"


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(encoded: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every
    character `visible` spells out written as a ``\\uXXXX`` escape.

    Such a character can only stand inside a JSON string (all of JSON's own
    syntax is ASCII, and the encoder never leaves a lone backslash), so the
    result is valid JSON that parses to the same value; other non-ASCII text
    (``é``, ``東京``, ``→``) stays UTF-8. JSON's encoder escapes only the
    characters below U+0020, so without this DEL, C1 controls (U+009B starts
    a terminal command), bidi and invisible characters would reach a terminal
    raw when JSON is printed there. One beyond U+FFFF is written as its UTF-16
    surrogate pair, as JSON requires.
    """
    if encoded.isascii() and "\x7f" not in encoded:
        return encoded  # the common case, without a search
    return _UNSAFE.sub(_json_escape, encoded)


def json_text(value: Any, *, indent: int | None = 2) -> str:
    """`value` as JSON text for a machine format: UTF-8 text as it is, keys in
    their order, and no character that could drive a terminal (`json_safe`).
    Every JSON certcli writes goes through here or `json_safe`."""
    import json

    return json_safe(json.dumps(value, indent=indent, ensure_ascii=False))


def without_invisible(text: str) -> str:
    """`text` without the format characters that show as nothing (see
    `_SHOW_AS_NOTHING`): what a reader sees of a name."""
    return _INVISIBLE.sub("", text)


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with control, bidi-control and invisible characters spelled out.

    ``"\\x1b[2J"`` becomes ``"\\\\x1b[2J"`` (a backslash, then ``x1b``), U+202E
    becomes ``"U+202E"``, a tag character ``"U+E0041"``. Spelled out are the
    C0 and C1 controls, DEL, U+2028 and U+2029, and every format character
    (Unicode category Cf) but the prepended concatenation marks, which show
    as a sign of their own (see `_SHOW_AS_NOTHING` for why). Tabs are kept;
    line feeds are kept only with `keep_newlines` (otherwise spelled
    ``\\x0a``), so a value meant for one line stays on one line.
    """
    if text.isascii() and text.isprintable():
        return text  # nothing to spell out: the common case, without a search
    if keep_newlines:
        return _UNSAFE.sub(_spell, text)
    return _UNSAFE.sub(_spell, text.replace("\n", "\\x0a"))


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as reports name it: a name whose bytes are not UTF-8 (which
    Python keeps as lone surrogates, and no output can encode) has each such
    byte spelled ``\\xNN``, as `visible` spells a control character, so
    that ``evil\\xff.yaml`` reads the same in every format."""
    text = os.fspath(path)
    if text.isascii():
        return text
    return os.fsencode(text).decode("utf-8", errors="backslashreplace")


# A log line that starts with `::` after its indentation is a workflow
# command for GitHub Actions (`::error::…`, `::add-mask::…`).
_COMMAND_START = re.compile(r"^([ \t]*):(?=:)", re.MULTILINE)


def no_workflow_commands(text: str) -> str:
    """`text` (a whole human report) with the first colon of each line that
    starts with `::` spelled ``\\x3a``, so that no line of it, however the
    text from a file was wrapped, is a GitHub Actions workflow command."""
    return _COMMAND_START.sub(r"\1\\x3a", text)


def fold(name: str) -> str:
    """A name as names are compared: Unicode case folding (`str.casefold`)
    after NFKC, white space collapsed.

    The dot that folding leaves on a capital dotted I (U+0130 becomes "i" and
    U+0307) is dropped, so "ilker" matches "\u0130lker"; letters that folding
    keeps apart stay apart (a dotless i, U+0131, does not match "i").
    """
    folded = unicodedata.normalize("NFKC", name).casefold().replace("i\u0307", "i")
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """`; did you mean 'X'?` for the known name a mistyped one begins, else
    the closest one (difflib, at least 60 % alike), compared as names are
    (folded); "" when none is close."""
    import difflib

    by_fold: dict[str, str] = {}
    for name in known:
        by_fold.setdefault(fold(name), name)
    wanted = fold(value)
    longer = sorted(name for name in by_fold if wanted and name.startswith(wanted))
    close = longer[:1] or difflib.get_close_matches(wanted, list(by_fold), n=1)
    return f"; did you mean {by_fold[close[0]]!r}?" if close else ""


def plural(noun: str, number: int) -> str:
    """The noun as it goes with `number`: as written for exactly 1 (or -1),
    else its last word in the plural: "county" → "counties", "business day" →
    "business days", "match" → "matches"."""
    if abs(number) == 1:
        return noun
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def count(number: int, noun: str) -> str:
    """ "1 vote", "2 votes", "12,670 votes", "1 more vote", "3 counties": the
    number with thousands separators and the noun as it goes with it. The one
    way a count is written in messages and human reports."""
    return f"{number:,} {plural(noun, number)}"


def shorten(value: Any, width: int = 60) -> str:
    """repr() of a value, escaped and cut to `width` characters."""
    text = repr(value[: width + 1] if isinstance(value, str) else value)
    return text if len(text) <= width else text[: width - 2] + "…" + text[-1]


LISTING_BUDGET = 200  # characters of names one message lists at most


def listing(
    names: Iterable[str],
    most: int = 12,
    width: int = 60,
    budget: int = LISTING_BUDGET,
    *,
    quoted: bool = False,
) -> str:
    """Names for a message, each escaped and cut (`shorten`): at most `most`
    of them and at most `budget` characters, then how many more. A
    message never quotes more than that of a file, however many names (a
    heading row of thousands of columns) it holds. `quoted` keeps the quotes
    of `repr`, for names that may hold commas."""
    names = list(names)
    if not names:
        return "none"
    shown: list[str] = []
    used = 0
    for name in names[:most]:
        text = shorten(name, width) if quoted else shorten(name, width)[1:-1]
        if shown and used + len(text) > budget:
            break
        shown.append(text)
        used += len(text) + 2
    more = len(names) - len(shown)
    joined = ", ".join(shown)
    return joined if more <= 0 else f"{joined}, … ({more} more)"
