"""Every figure in an article that a reader could check.

A figure is a span of the article's text of one kind:

* ``count``: a number of things ("12,670 votes", "nearly 5 million", "96 out
  of 159"), with the qualifier before it ("almost exactly", "just more than");
* ``percent``: a percentage or percentage points ("49.5%", "less than half a
  percent");
* ``electoral``: electoral votes or electors ("16 electoral votes", "16
  presidential electors"), and ``electoral_surplus``: "more than enough votes
  in the Electoral College";
* ``date`` ("Nov. 20", "Friday, Nov. 20"), ``weekday`` ("on Friday"), ``time``
  ("5 p.m. Saturday", "close of business on Tuesday");
* ``duration`` ("two business days", "about six weeks", "nearly 30 years");
* ``ordinal`` ("5th District", "the 17th day"), ``year`` ("in 2020");
* ``leader``: a candidate named as winner or leader ("Biden won Georgia",
  "the victory of Biden", "Biden's lead"), found from the file's candidates.
* ``range`` ("10-12 thousand") and ``unclear``: a number that cannot be read
  for sure ("0,25", "2.46m" with no votes after it, "2 474 507" grouped with
  spaces); one figure each, so that
  no piece of them is read as a figure of its own.

A fraction with an exact decimal is read as its value ("49 1/4 percent" is
"49.25 percent"), and so is "2.46m votes" (2.46 million); a sign is kept
where it cannot be a hyphen ("-12,670"); a bracketed footnote marker ("[1]")
is never a figure.

Each figure carries its ``stated`` phrase in the stated-value grammar
(`certcli.datafile.stated`): numbers in words become digits ("two business days" is
"2 business days", "half a percent" is "0.5%").

Spans never overlap: the more specific kind wins ("5 p.m. Friday" is one time,
not a time and a weekday). A terminal control sequence is never a figure,
whatever digits it holds (ESC [31m, ESC ]0;title BEL). Sentences are split
at ., ! and ? before a capital, digit or quote, except after an abbreviation
("Nov.", "p.m.", "Sec.").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from certcli.datafile.stated import QUALIFIERS

FigureKind = str  # one of KINDS
KINDS = (
    "count",
    "percent",
    "electoral",
    "electoral_surplus",
    "date",
    "weekday",
    "time",
    "duration",
    "ordinal",
    "year",
    "leader",
    "range",
    "unclear",
)

_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_WORDS)} | {
    word: 20 + 10 * index for index, word in enumerate(_TENS)
}
_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Mon|Tues?|Wed|Weds|Thur?s?|Fri|Sat|Sun)\.?)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?"
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
)
_QUALIFIER = "|".join(re.escape(q) for q in QUALIFIERS)
_SCALE = r"(?: (?:thousand|million|billion))"
# A US time zone after a clock time ("5 p.m. ET"), and the zone it names.
TIME_ZONES = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
}
_ZONE = r"(?-i: (?:" + "|".join(TIME_ZONES) + r")\b)"
_CLOCK = (
    r"(?:(?:[0-9]{1,2}(?::[0-9]{2})? ?[ap]\.? ?m\.?(?![a-z])|noon|midnight)"
    rf"{_ZONE}?|(?:the )?close of business)"
)
# A sign, only where it cannot be a hyphen ("-12,670", not "10-12")
_SIGN = r"(?:(?<![A-Za-z0-9.,/\-\u2212])[-\u2212](?=[0-9])|(?<![-\u2212]))"
# A number that cannot be read for sure: a comma that does not group thousands
# ("0,25": a decimal comma?), a fraction that is no exact decimal ("1/3")
_UNCLEAR_NUMBER = (
    r"(?<![A-Za-z0-9.,])(?:[0-9]+(?:,[0-9]+)+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+){2,}"
    r"|[0-9]+(?:\.[0-9]+)?(?:m|k|bn)(?![A-Za-z0-9]))"
)
# "49 1/4", "49\u00bc": a whole number and a fraction
_FRACTION = r"[0-9]+(?: [1-9][0-9]?/[1-9][0-9]?| ?[\u00bc\u00bd\u00be])"
_SCALE_SUFFIX = {"k": "thousand", "m": "million", "bn": "billion"}

_FLAGS = re.IGNORECASE
_PATTERNS: list[tuple[FigureKind, re.Pattern[str]]] = [
    (
        "electoral_surplus",
        re.compile(
            r"more than enough (?:electoral )?votes(?: in the Electoral College)?",
            _FLAGS,
        ),
    ),
    (
        "time",
        re.compile(
            rf"\b(?:{_WEEKDAY},? (?:at )?{_CLOCK}(?! (?:on )?{_WEEKDAY})"
            rf"|{_CLOCK}(?:(?: on)? {_WEEKDAY}(?:,? {_MONTH} {_DAY})?"
            rf"|,? {_MONTH} {_DAY})?)",
            _FLAGS,
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b(?:{_WEEKDAY},? )?(?:{_MONTH} {_DAY}(?:,? [0-9]{{4}})?"
            r"|[0-9]{1,2} " + _MONTH + r" [0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})"
            r"(?![0-9])",
            _FLAGS,
        ),
    ),
    # thousands grouped with a space, a no-break or a narrow no-break space
    # ("2 474 507"): one unclear figure, never "507" alone
    (
        "unclear",
        re.compile(
            r"(?<![0-9.,])[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9]|[.,][0-9])"
            r"(?: ?%| percent\b)?",
            _FLAGS,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:(?:{_QUALIFIER}) )?(?:{_NUMBER}|{_WORD_NUMBER}|an?)"
            r"(?: (?:business|working|calendar))? (?:hours?|days?|weeks?|months?"
            r"|years?|minutes?)\b",
            _FLAGS,
        ),
    ),
    (
        "range",
        re.compile(
            rf"(?<![A-Za-z0-9.,/])(?:{_NUMBER}) ?[-\u2013\u2014] ?(?:{_NUMBER})"
            rf"(?:{_SCALE}| ?%| percent\b)?(?![0-9])",
            _FLAGS,
        ),
    ),
    (
        "electoral",
        re.compile(
            rf"\b(?:(?:{_QUALIFIER}) )?(?:{_NUMBER}|{_WORD_NUMBER})"
            r" (?:electoral votes?|(?:presidential )?electors)\b",
            _FLAGS,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"(?:\b(?:{_QUALIFIER}) )?{_SIGN}(?<![A-Za-z0-9.,/])"
            rf"(?:(?:{_FRACTION}|{_NUMBER}) ?(?:%|percent\b|per cent\b"
            r"|percentage points?\b)|half (?:a|of one) (?:percent|percentage point)\b)",
            _FLAGS,
        ),
    ),
    (
        "ordinal",
        re.compile(
            r"\b(?:[0-9]+(?:st|nd|rd|th)|(?:" + "|".join(_ORDINAL_WORDS) + r")"
            r"(?= (?:time|day|round|district|place|count|recount|week|term)s?\b))\b",
            _FLAGS,
        ),
    ),
    ("year", re.compile(r"(?<![0-9,.])(?:19|20)[0-9]{2}(?![0-9%]|[.,][0-9])")),
    (
        "count",
        re.compile(
            rf"(?:\b(?:{_QUALIFIER}) )?{_SIGN}(?<![A-Za-z0-9.,/])(?:{_NUMBER}){_SCALE}?"
            r"(?![0-9A-Za-z/]|[.,][0-9])"
            rf"|(?:\b(?:{_QUALIFIER}) )?(?<![A-Za-z0-9.,])[0-9]+(?:\.[0-9]+)?"
            r"(?:m|k|bn)(?= (?:votes?|ballots?)\b)"
            rf"|\b(?:(?:{_QUALIFIER}) )?{_WORD_NUMBER}{_SCALE}?"
            r"(?= (?:votes?|ballots?|count(?:y|ies)|names|electors|candidates)\b)",
            _FLAGS,
        ),
    ),
    ("unclear", re.compile(_UNCLEAR_NUMBER + r"(?: ?%| percent\b)?", _FLAGS)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}(?![a-z])", _FLAGS)),
]
# A footnote marker ("[1]", "[12]"): never a figure
_FOOTNOTE = re.compile(r"\[[0-9]{1,3}\]")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gov", "sen", "sens", "rep", "reps", "sec", "st",
    "lt", "gen", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "a.m", "p.m", "u.s", "no", "vs", "jr", "sr", "inc",
    "co", "corp", "mt", "ft", "a", "p", "m",
}  # fmt: skip
_SENTENCE_END = re.compile(
    r"[.!?][\"'\u201d\u2019)\]]*(?= +[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\n"
)
# A terminal's control sequences (CSI, OSC, other escapes) and control
# characters: never part of a figure, whatever digits they hold.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_ENTRY_TIME = re.compile(rf"{_CLOCK} ?\|", _FLAGS)


# The longest a sentence may be, in characters; a longer run is cut.
LONGEST_SENTENCE = 1000


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Figure:
    """One figure: its kind, the span as written, the phrase a claim would
    state, and the sentence it is in."""

    kind: FigureKind
    text: str
    stated: str
    start: int
    end: int
    sentence: Sentence
    candidate: str | None = None  # for a leader: the candidate's key
    entry_time: bool = False  # a live blog's entry time ("8:05 a.m. |")


def sentences(text: str) -> list[Sentence]:
    """The article's sentences, in order, with their spans."""
    found: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group() != "\n\n":
            word = re.search(r"([A-Za-z.]+)\.$", text[start : match.start() + 1])
            if word and word.group(1).casefold().rstrip(".") in _ABBREVIATIONS:
                continue
        end = match.end() if match.group() != "\n\n" else match.start()
        _add(found, text, start, end)
        start = match.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > LONGEST_SENTENCE:
        # no sentence is this long: a run of text without full stops (a list,
        # a table as text, a hostile file) is cut at the last space that keeps
        # each piece within the bound, so that what is done for each figure
        # with its sentence stays bounded
        cut = text.rfind(" ", start + 1, start + LONGEST_SENTENCE + 1)
        if cut <= start:
            cut = start + LONGEST_SENTENCE
        found.append(Sentence(start, cut, text[start:cut]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        found.append(Sentence(start, end, text[start:end]))


def find_figures(text: str, names: dict[str, str]) -> list[Figure]:
    """Every figure of `text`, in order. `names` maps each way the file's
    candidates may be written (key, full name, last name) to their key."""
    spans: list[tuple[int, int, FigureKind, str | None]] = []
    taken = bytearray(len(text))  # 1 where a figure (or a control sequence) is
    for pattern in (_CONTROL, _FOOTNOTE):
        for match in pattern.finditer(text):
            taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for start, end, leader in _leaders(text, names):
        spans.append((start, end, "leader", leader))
        taken[start:end] = b"\x01" * (end - start)
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if end <= start or 1 in taken[start:end]:
                continue
            spans.append((start, end, kind, None))
            taken[start:end] = b"\x01" * (end - start)
    spans.sort()
    found = []
    all_sentences = sentences(text)
    starts = [s.start for s in all_sentences]
    for start, end, kind, key in spans:
        at = bisect_right(starts, start) - 1
        sentence = (
            all_sentences[at]
            if at >= 0 and start < all_sentences[at].end
            else Sentence(start, end, text[start:end])
        )
        if sentence.end < end:  # a long run cut inside the figure: keep it whole
            sentence = Sentence(sentence.start, end, text[sentence.start : end])
        written = text[start:end]
        entry = kind == "time" and bool(
            _ENTRY_TIME.match(text, start) and (start == 0 or text[start - 1] == "\n")
        )
        found.append(
            Figure(
                kind,
                written,
                stated_phrase(kind, written, names),
                start,
                end,
                sentence,
                key,
                entry,
            )
        )
    return found


# --- leaders ------------------------------------------------------------------

_WIN_VERBS = (
    r"(?:has |had |have )?(?:won|wins|defeated|defeats|beat|beats|carried|carries"
    r"|leads|led|is leading|was leading|leading|winning|is ahead|was ahead)"
)


def _leaders(text: str, names: dict[str, str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, candidate key) of each statement that a candidate won or
    leads: "Joe Biden defeated …", "Biden won the presidential race", "the
    victory of Biden", "Biden's win", "Biden has continued to build on his
    lead". "Biden won 49.5%" is a share, not a leader statement."""
    if not names:
        return
    name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    forms = re.compile(
        rf"(?P<a>\b(?:{name})) {_WIN_VERBS}\b(?! (?:by |with |about |nearly )?[0-9])"
        rf"|\b(?:victory|win|lead) (?:of|for) (?P<b>(?:{name}))\b"
        rf"|(?P<c>\b(?:{name}))['\u2019]s (?:win|victory|lead)\b"
        rf"|(?P<d>\b(?:{name}))(?: [a-z]+){{1,6}}? (?:his|her|their) lead\b",
    )
    for match in forms.finditer(text):
        written = next(g for g in (match["a"], match["b"], match["c"], match["d"]) if g)
        yield match.start(), match.end(), names[written]


# --- the stated phrase --------------------------------------------------------


def stated_phrase(kind: FigureKind, written: str, names: dict[str, str]) -> str:
    """The figure as a claim states it, in the stated-value grammar."""
    if kind == "leader":
        for name in sorted(names, key=len, reverse=True):
            if name in written:
                return name
        return written
    if kind == "electoral_surplus":
        return "more than 0"
    phrase = " ".join(written.split())
    if kind == "weekday":
        return phrase.rstrip(".")
    if kind == "time":
        # the zone is the proposal's to check, not the stated phrase's
        return re.sub(_ZONE, "", phrase)
    if kind in ("date", "ordinal", "year", "range", "unclear"):
        return phrase
    phrase = re.sub(_FRACTION, _fraction, phrase)
    phrase = re.sub(
        r"(?<=[0-9])(m|k|bn)(?![A-Za-z])",
        lambda m: " " + _SCALE_SUFFIX[m.group(1).casefold()],
        phrase,
    )
    phrase = re.sub(
        r"half (?:a|of one) (percent|percentage point)",
        lambda m: "0.5%" if m.group(1) == "percent" else "0.5 percentage points",
        phrase,
        flags=_FLAGS,
    )
    phrase = _digits(phrase)
    if kind == "electoral":
        return re.sub(
            r" (?:electoral votes?|(?:presidential )?electors)$",
            "",
            phrase,
            flags=_FLAGS,
        )
    if kind == "duration":
        phrase = re.sub(r"(?<![a-z])an? (?=[a-z])", "1 ", phrase, count=1, flags=_FLAGS)
        return phrase.replace("working day", "business day")
    return phrase


def _fraction(match: re.Match[str]) -> str:
    """ "49 1/4" → "49.25"; a fraction with no exact decimal stays as written."""
    from decimal import Decimal
    from fractions import Fraction

    parts = re.fullmatch(
        r"([0-9]+) ?(?:([0-9]+)/([0-9]+)|([\u00bc\u00bd\u00be]))", match.group()
    )
    assert parts is not None
    whole, numerator, denominator, glyph = parts.groups()
    if glyph is not None:
        numerator, denominator = {
            "\u00bc": ("1", "4"),
            "\u00bd": ("1", "2"),
            "\u00be": ("3", "4"),
        }[glyph]
    value = int(whole) + Fraction(int(numerator), int(denominator))
    rest = value.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    if rest != 1:
        return match.group()
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format(exact, "f")


def _digits(phrase: str) -> str:
    """Numbers in words as digits: "two" → "2", "twenty-one" → "21"."""

    def number(match: re.Match[str]) -> str:
        words = re.split(r"[- ]", match.group().casefold())
        return str(sum(NUMBER_WORDS[word] for word in words))

    return re.sub(rf"\b{_WORD_NUMBER}\b", number, phrase, flags=_FLAGS)


def name_forms(candidates: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Every way a candidate may be written, to their key: the key, the full
    name and the last name (a last name two candidates share is left out)."""
    forms: dict[str, str] = {}
    last: dict[str, set[str]] = {}
    for key, full in candidates:
        forms[key] = key
        forms[full] = key
        last.setdefault(full.split()[-1] if full.split() else key, set()).add(key)
    for surname, keys in last.items():
        if len(keys) == 1 and surname not in forms:
            forms[surname] = next(iter(keys))
    return forms
