"""An article as plain text that remembers where each character was written.

Plain text is read as it is; Markdown loses its markup (heading marks,
emphasis, code ticks, quote and list marks, link targets) and its HTML
comments, scripts and styles; HTML is read with
the standard library's `html.parser`: text only, entities decoded, nothing in
`script`, `style`, `template`, `noscript` or `head` (but the `<title>`), no URL
ever fetched. Block elements end a paragraph.

White space is collapsed: a run with a blank line in it separates paragraphs
(one blank line, ``"\\n\\n"``), any other run is one space. Every character of
the result knows its line and column in the file.

A first line ``date YYYY-MM-DD`` (as the reference articles carry), a
Markdown front matter's ``date:`` or an HTML ``<meta>`` with
``article:published_time``, ``date`` or ``pubdate`` gives the article's
publication date (a date-time with its UTC offset kept whole); one that is no
real date is a note. Markdown's front matter and fenced code blocks are not
text; a footnote marker in an HTML ``<sup>`` is dropped. A line ends at LF,
CR LF or a lone CR.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from certcli.core.errors import DataError, Problem
from certcli.core.text import shown_path
from certcli.datafile.located import read_utf8

Kind = Literal["text", "markdown", "html"]

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
# The names an article file has (any other file is read as text too).
ARTICLE_SUFFIXES = frozenset({*_HTML_SUFFIXES, *_MARKDOWN_SUFFIXES, ".txt", ".text"})
_HTML_START = re.compile(
    r"\s*(?:<!doctype html|<html|<head|<body|<article|<p[ >])", re.I
)
_DATE_LINE = re.compile(r"\A\s*date ([0-9]{4})-([0-9]{2})-([0-9]{2})\s")
_DROPPED = {"script", "style", "template", "noscript", "svg", "math", "head"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "td", "th", "title", "tr", "ul",
}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr"}
_DATE_META = {"article:published_time", "date", "pubdate", "dc.date", "publishdate"}
# Markdown markup: YAML front matter and fenced code blocks (not the article's
# text), HTML comments, scripts and styles (nothing kept; an unclosed one runs
# to the end, as in a browser), a link or image (its text kept), heading,
# quote and list marks at the start of a line, emphasis, code ticks and the
# backslash of an escaped character ("49.3\\%").
_LINE_END = r"(?:\r\n|\r|\n)"
_FRONT_MATTER = re.compile(
    rf"\A---[ \t]*{_LINE_END}(?P<yaml>.*?){_LINE_END}(?:---|\.\.\.)[ \t]*"
    rf"(?={_LINE_END}|\Z)",
    re.DOTALL,
)
_FRONT_MATTER_DATE = re.compile(
    r"^date:[ \t]*[\"']?(?P<value>[0-9]{4}-[0-9]{2}-[0-9]{2}[^\"'\r\n]*?)[\"']?[ \t]*$",
    re.MULTILINE,
)
_MARKDOWN = re.compile(
    r"(?ms:^[ \t]{0,3}(?P<fence>`{3,}|~{3,}).*?"
    r"(?:^[ \t]{0,3}(?P=fence)[ \t]*$|\Z))"
    r"|(?si:<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\2\s*>|\Z))"
    r"|!?\[(?P<text>[^\]\n]*)\]\([^)\n]*\)"
    r"|^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|[0-9]{1,3}\.[ \t]+)"
    r"|\*{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])|`+"
    r"|\\(?=[!-/:-@\[-`{-~])",
    re.MULTILINE,
)
# A footnote marker in <sup>: "1", "[2]", "*", "†"; dropped, so that it never
# joins the number before it ("49.3<sup>1</sup>%" is 49.3%)
_FOOTNOTE_MARK = re.compile(r"\s*(?:\[?[0-9]{1,3}\]?|[*\u2020\u2021\u00a7]{1,3})\s*")
# Curly quotes compared as straight ones (the same length, so offsets hold).
SAME_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
)


@dataclass(frozen=True)
class Article:
    """An article's plain text; `offsets[i]` is where `text[i]` is in the file."""

    file: str
    kind: Kind
    text: str
    offsets: tuple[int, ...]
    source_text: str = field(repr=False)
    published: date | datetime | None = None
    # what the reader should know about how the article was read
    notes: tuple[str, ...] = ()

    def where(self, index: int) -> tuple[int, int]:
        """1-based (line, column) in the file of the character at `index`."""
        offset = self.offsets[min(index, len(self.offsets) - 1)] if self.offsets else 0
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def _line_starts(self) -> list[int]:
        # a line ends at CR LF, LF or a lone CR (old Mac files)
        return [0] + [m.end() for m in re.finditer(_LINE_END, self.source_text)]

    @property
    def searchable(self) -> str:
        """The text with curly quotes straight, for finding quotes in it."""
        return self.text.translate(SAME_QUOTES)


def read_article(path: Path, display: str | None = None) -> Article:
    """Read an article file; a file that cannot be read is a located DataError."""
    shown = display if display is not None else shown_path(path)
    source = read_utf8(path, shown, "an article (text, Markdown or HTML)")
    suffix = path.suffix.casefold()
    kind: Kind
    if suffix in _HTML_SUFFIXES or (
        suffix not in _MARKDOWN_SUFFIXES and _HTML_START.match(source)
    ):
        kind = "html"
    elif suffix in _MARKDOWN_SUFFIXES:
        kind = "markdown"
    else:
        kind = "text"
    return article_from_text(source, shown, kind)


def article_from_text(source: str, file: str, kind: Kind) -> Article:
    """An article from its file's text."""
    published: date | datetime | None = None
    notes: tuple[str, ...] = ()
    if kind == "html":
        parser = _TextParser(source)
        pieces, published = parser.pieces, parser.published
        if parser.bad_date is not None:
            notes += (
                f"the page's date {parser.bad_date!r} is not a real date: it is"
                " not the publication date",
            )
    elif kind == "markdown":
        pieces = _markdown_pieces(source)
        front = _FRONT_MATTER.match(source)
        found = None if front is None else _FRONT_MATTER_DATE.search(front["yaml"])
        if found is not None:
            published = _published(found["value"])
            if published is None:
                notes += (
                    f"the front matter's date {found['value']!r} is not a real"
                    " date: it is not the publication date",
                )
    else:
        pieces = [(source, 0)]
    text, offsets = _collapse(pieces)
    header = _DATE_LINE.match(text)
    if header is not None:
        try:
            published = date(*(int(part) for part in header.groups()))
        except ValueError:
            line, column = _where(source, offsets[header.start(1)])
            raise DataError(
                [
                    Problem(
                        file,
                        line,
                        column,
                        "",
                        f"{header.group(0).strip()!r} is not a real date",
                    )
                ]
            ) from None
        cut = header.end()
        text, offsets = text[cut:], offsets[cut:]
    return Article(file, kind, text, tuple(offsets), source, published, notes)


def _published(value: str) -> date | datetime | None:
    """A date, or a date-time with its UTC offset ("2020-11-20T18:00:00-05:00");
    a date-time without one gives its date. None for an impossible date."""
    value = value.strip()
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return day
    return moment if moment.utcoffset() is not None else day


def _where(source: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer(_LINE_END, source[:offset])]
    return len(starts), offset - starts[-1] + 1


def _collapse(pieces: list[tuple[str, int]]) -> tuple[str, list[int]]:
    """Pieces of text (each with its offset in the file) → one text with white
    space collapsed, and the file offset of each of its characters. A piece
    that is exactly "\\n\\n" is a paragraph break."""
    chars: list[str] = []
    offsets: list[int] = []
    pending: str | None = None  # " " or "\n\n", not yet written
    pending_at = 0
    for piece, start in pieces:
        if piece == "\n\n":
            pending, pending_at = "\n\n", start
            continue
        for position, char in enumerate(piece):
            if char.isspace():
                paragraph = char in "\r\n" and _blank_line_follows(piece, position)
                if pending != "\n\n":
                    pending = "\n\n" if paragraph else " "
                    pending_at = start + position
                continue
            if pending is not None and chars:
                chars.extend(pending)
                offsets.extend([pending_at] * len(pending))
            pending = None
            chars.append(char)
            offsets.append(start + position)
    return "".join(chars), offsets


def _blank_line_follows(piece: str, position: int) -> bool:
    """Whether the line break at `position` is followed by a blank line."""
    rest = piece[position + 1 :]
    if piece[position] == "\r" and rest.startswith("\n"):
        rest = rest[1:]
    line = re.match(r"([^\r\n]*)[\r\n]", rest)
    return line is not None and not line.group(1).strip()


def _markdown_pieces(source: str) -> list[tuple[str, int]]:
    pieces: list[tuple[str, int]] = []
    last = 0
    front = _FRONT_MATTER.match(source)
    if front is not None:
        last = front.end()
    for match in _MARKDOWN.finditer(source, last):
        pieces.append((source[last : match.start()], last))
        if match["text"] is not None:
            pieces.append((match["text"], match.start("text")))
        last = match.end()
    pieces.append((source[last:], last))
    return pieces


class _TextParser(HTMLParser):
    """The text of an HTML page, each piece with its offset in the file."""

    def __init__(self, source: str) -> None:
        # character references one by one, so that each keeps its place
        super().__init__(convert_charrefs=False)
        self.pieces: list[tuple[str, int]] = []
        self.published: date | None = None
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._skipping: list[str] = []
        self._in_title = False
        self._sup: list[list[tuple[str, int]]] = []  # the text of each open <sup>
        self.bad_date: str | None = None
        self.feed(source)
        self.close()
        for held in self._sup:  # a <sup> left open runs to the end
            self.pieces.extend(held)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[min(line, len(self._line_starts)) - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if "head" in self._skipping and (tag == "body" or tag in _BLOCKS - {"title"}):
            # </head> may be left out: the body starts here
            del self._skipping[self._skipping.index("head") :]
        if tag == "meta":
            self._meta(dict(attrs))
        if tag == "sup":
            self._sup.append([])
        if tag == "title":
            self._in_title = True
        elif tag in _DROPPED and tag not in _VOID:
            self._skipping.append(tag)
        if tag in _BLOCKS:
            self.pieces.append(("\n\n", self._offset()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        if tag in _BLOCKS:
            self.pieces.append(("\n\n", self._offset()))

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup" and self._sup:
            held = self._sup.pop()
            if not _FOOTNOTE_MARK.fullmatch("".join(text for text, _ in held)):
                (self._sup[-1] if self._sup else self.pieces).extend(held)
        if tag == "title":
            self._in_title = False
        elif self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        if tag in _BLOCKS:
            self.pieces.append(("\n\n", self._offset()))

    def handle_data(self, data: str) -> None:
        if self._skipping and not self._in_title:
            return
        (self._sup[-1] if self._sup else self.pieces).append((data, self._offset()))

    def handle_entityref(self, name: str) -> None:
        at = self._offset()
        written = self._source[at : at + len(name) + 2]
        if not written.endswith(";"):
            written = written[:-1]
        decoded = html.unescape(written)
        # an unknown name stays as written
        self.handle_data(decoded if decoded != written else written)

    def handle_charref(self, name: str) -> None:
        self.handle_data(html.unescape(f"&#{name};"))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("property") or attrs.get("name") or "").casefold()
        content = attrs.get("content") or ""
        found = re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", content)
        if name in _DATE_META and found and self.published is None:
            self.published = _published(content)
            if self.published is None and self.bad_date is None:
                self.bad_date = content
