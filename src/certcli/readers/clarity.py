"""Clarity/Scytl ENR `detail.xml`: the results export of Georgia and many states
and counties, county-level (a state's file) or precinct-level (a county's).

The file, as real exports write it::

    <ElectionResult>
      <Timestamp>11/13/2014 2:58:41 PM CST</Timestamp>
      <ElectionName>2014 General Election</ElectionName>
      <ElectionVoterTurnout ...>          (or <VoterTurnout>; attributes optional)
        <Counties><County name=... /></Counties>     (or <Precincts>)
      </ElectionVoterTurnout>
      <Contest key="100" text="U.S. Senate" ...>
        <VoteType name="Undervotes" votes="0"> <County .../> </VoteType>
        <Choice key="001" text="Tom Cotton" party="REP" totalVotes="477734">
          <VoteType name="Election Day" votes="248263">
            <County name="Arkansas" votes="1144" />   (or <Precinct>)
            ...

A unit's votes for a choice are the sum over the choice's vote types.
`VoteType` elements directly under a `Contest` (over- and undervotes) are not
choices. Stated totals that differ from their parts are not refused, as real
exports do this (the Arkansas sample's `totalVotes` is 15,611 above its four
vote types; Atkinson County's Election Day votes are 224 above its precincts'
for one choice): the units' figures are used, and `certcli results` shows a
note, with its line, naming both figures. Votes that a choice (`totalVotes`)
or a vote type states but that no unit gives, in a contest with units, are a
problem at the choice: certcli would count them 0.

The turnout's `ballotsCast` and `totalVoters` of each unit are kept: a
contest read gets its ballots cast when the turnout gives every one of its
units (once, as a whole number, and not all zeros, which Clarity writes for a
figure it lacks) and they are no fewer than its votes (a vote-for-several
contest has more votes than ballots), and `certcli results` lists the file's
totals. A turnout
figure that cannot be read is only lost, never a problem.

`summarize` keeps each problem inside a contest with that contest, so that one
bad contest hides no other; `read` refuses only for the contest it reads.

The XML is read with defusedxml's expat reader, fed in chunks: a DTD (and so
any entity declaration, external DTD or external entity) is refused where it
starts, before anything is expanded. Only the chosen contest's units are kept;
the elements of the others are passed over with two small calls each, which
count their depth so that the nesting limit holds there too.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING
from xml.parsers.expat import XMLParserType
from xml.sax import SAXParseException

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.expatreader import DefusedExpatParser

from certcli.core.errors import DataError, Problem
from certcli.core.text import fold, shorten, visible
from certcli.readers.base import (
    ContestResults,
    ContestSummary,
    FigureBudget,
    FileSummary,
    contest_not_found,
    max_results_bytes,
    not_a_count,
    pick_contest,
    refuse,
    same_name,
    too_long,
    whole_number,
)
from certcli.readers.files import file_problem, open_results

if TYPE_CHECKING:
    from pathlib import Path

CHUNK = 1 << 16
ZIP_MAGIC = b"PK\x03\x04"
MAX_PROBLEMS = 50
MAX_DEPTH = 64  # nested elements; a Clarity file needs 5
MAX_TOKEN_BYTES = 1024 * 1024  # bytes between two '>': one tag, text or comment
ROOT = "ElectionResult"
PLURAL = {"precinct": "precincts", "county": "counties"}
TEXTS = {"Timestamp": "timestamp", "ElectionName": "election"}
# The turnout element and the attributes of its units that certcli keeps.
TURNOUT = frozenset({"VoterTurnout", "ElectionVoterTurnout"})
TURNOUT_UNITS = frozenset({"Counties", "Precincts"})
TURNOUT_FIGURES = {"ballotsCast": "Ballots cast", "totalVoters": "Registered voters"}


def sniff(head: bytes) -> bool:
    """XML whose first bytes hold an `<ElectionResult` element, or a zip archive
    whose first member is an .xml file (Clarity's `detailxml.zip`)."""
    if head.startswith(ZIP_MAGIC):
        # A zip member's local header: its name's length at byte 26, the name
        # from byte 30.
        length = int.from_bytes(head[26:28], "little")
        return head[30 : 30 + length].lower().endswith(b".xml")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16 with its byte-order mark, which expat reads as well.
        even = len(head) // 2 * 2
        head = head[:even].decode("utf-16", "replace").encode("utf-8")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<") and b"<ElectionResult" in head


@contextmanager
def _xml_source(
    path: Path, display: str
) -> Iterator[tuple[str, Callable[[int], bytes]]]:
    """Where the XML's bytes come from, and the name its problems are shown
    with: the file itself, or the one .xml file of a zip archive, shown as
    `ARCHIVE!MEMBER`. The size limit applies to the unpacked XML as well: to
    the size the archive states, and to the bytes as they are unpacked."""
    with open_results(path, display) as stream:
        head = stream.read(len(ZIP_MAGIC))
        if head != ZIP_MAGIC:

            def read_on(size: int) -> bytes:
                nonlocal head
                if not head:
                    return stream.read(size)
                data, head = head + stream.read(max(size - len(head), 0)), b""
                return data

            yield display, read_on
            return
    # An archive: zipfile needs to seek, so it opens the file again, which
    # open_results has just found a regular file within the limit.
    limit = max_results_bytes()
    with _zip_member(path, display, limit) as (name, member):
        unpacked = 0

        def read(size: int) -> bytes:
            nonlocal unpacked
            try:
                data = member.read(size)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
                raise file_problem(display, f"a damaged zip archive ({err})") from None
            unpacked += len(data)
            if unpacked > limit:  # zipfile stops at the stated size too
                raise file_problem(name, _unpacks_past(limit))
            return data

        yield name, read


def _unpacks_past(limit: int) -> str:
    return (
        f"unpacks to more than the limit of {limit} bytes"
        " (set CERTCLI_MAX_RESULTS_BYTES to raise it)"
    )


@contextmanager
def _zip_member(
    path: Path, display: str, limit: int
) -> Iterator[tuple[str, IO[bytes]]]:
    try:
        archive = zipfile.ZipFile(path)
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
        raise file_problem(display, f"a damaged zip archive ({err})") from None
    with archive:
        xml = [info for info in members if info.filename.lower().endswith(".xml")]
        if len(xml) != 1:
            held = (
                ", ".join(shorten(info.filename) for info in members[:10]) or "nothing"
            )
            raise file_problem(
                display,
                "a zip archive of results must hold exactly one .xml file"
                " (Clarity's detailxml.zip holds detail.xml); this one holds"
                f" {held}",
            )
        name = f"{display}!{visible(xml[0].filename)}"
        if xml[0].file_size > limit:
            raise file_problem(name, _unpacks_past(limit))
        if xml[0].flag_bits & 0x1:
            raise file_problem(
                display,
                f"{shorten(xml[0].filename)} is encrypted in the zip archive;"
                " certcli reads no password: unpack it, or download the archive"
                " again",
            )
        try:
            member = archive.open(xml[0])
        except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as err:
            raise file_problem(
                display, f"cannot unpack {shorten(xml[0].filename)} ({err})"
            ) from None
        with member:
            yield name, member


def summarize(path: Path, display: str) -> FileSummary:
    """Every contest of the file, with its choices' totals and its units."""
    parser = _Reader(display, None)
    parser.run(path)
    return FileSummary(
        format="clarity",
        election=parser.election,
        timestamp=parser.timestamp,
        contests=tuple(parser.summaries),
        counts=parser.counts(),
        problems=tuple(parser.problems),
    )


def read(
    path: Path, display: str, contest: str | None, *, number: int | None = None
) -> ContestResults:
    """The contest named `contest` (see `same_name`), each unit's votes per
    choice; `number` picks one of several so named, in file order."""
    if contest is None:
        raise refuse(display, (1, 1), "a Clarity file holds many contests; name one")
    parser = _Reader(display, contest)
    parser.run(path)
    found, shown = parser.found, parser.display
    if not found:
        raise contest_not_found(shown, parser.root_where, contest, parser.contests)
    places = [(state.name, state.where, f"line {state.where[0]}") for state in found]
    state = found[pick_contest(shown, contest, number, places)]
    if not state.units:
        raise refuse(
            shown,
            state.where,
            f"contest {shorten(state.name)} has no results by county or precinct",
        )
    return ContestResults(
        contest=state.name,
        unit_kind=state.unit_kind or "unit",
        choices=tuple(state.choices),
        units={
            unit: {choice: votes.get(choice, 0) for choice in state.choices}
            for unit, votes in state.units.items()
        },
        choice_where=state.choice_where,
        unit_where=state.unit_where,
        timestamp=parser.timestamp,
        ballots=_ballots(parser.ballots_of(state.units), state),
        notes=tuple(state.notes),
    )


def _ballots(ballots: int | None, contest: _Contest) -> int | None:
    """The turnout's ballots cast for a contest, unless they are fewer than
    its votes (a contest where each voter has several votes, or a turnout
    behind the results): then they are not the contest's ballots."""
    if ballots is None:
        return None
    votes = sum(sum(counts.values()) for counts in contest.units.values())
    return ballots if ballots >= votes else None


@dataclass
class _Contest:
    """What is read of one contest."""

    name: str
    where: tuple[int, int]
    choices: list[str] = field(default_factory=list)
    choice_where: dict[str, tuple[int, int]] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)  # fold(choice) → choice
    stated: dict[str, int] = field(default_factory=dict)  # totalVotes
    units: dict[str, dict[str, int]] = field(default_factory=dict)
    unit_where: dict[str, tuple[int, int]] = field(default_factory=dict)
    unit_folded: dict[str, str] = field(default_factory=dict)  # fold(unit) → unit
    respelled: set[str] = field(default_factory=set)  # unit spellings refused
    unit_kind: str | None = None
    unit_tag: str | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Votes a choice or vote type states but gives no unit: (choice, votes,
    # where, what); a problem when the contest has units.
    unplaced: list[tuple[str, int, tuple[int, int], str]] = field(default_factory=list)

    def summary(self) -> ContestSummary:
        totals = dict.fromkeys(self.choices, 0)
        for votes in self.units.values():
            for choice, count in votes.items():
                totals[choice] += count
        if not self.units:
            totals.update(self.stated)
        else:
            for choice, stated, _, _ in self.unplaced:
                totals[choice] += stated  # the file's figure, with its problem
        return ContestSummary(
            name=self.name,
            unit_kind=self.unit_kind or "unit",
            units=len(self.units),
            choices=tuple(totals.items()),
            notes=tuple(self.notes),
            problems=tuple(self.problems),
        )


@dataclass
class _Total:
    """A total the file states (`totalVotes`, a vote type's `votes`), checked
    against the sum of what it totals when its element ends."""

    label: str
    stated: int | None
    where: tuple[int, int]
    counted: int = 0
    parts: int = 0
    in_units: int = 0  # for a choice: its votes summed over its units
    unknown: bool = False  # a part that is not a number: nothing to compare


MAX_UNIT_TAG = 40  # characters of a unit element's tag, the kind of unit


class _Reader(DefusedExpatParser):
    """A streaming reader of one Clarity file.

    defusedxml's SAX driver installs the refusals of DTDs, entities and
    external references on its expat parser; this subclass replaces the SAX
    layer's per-element handlers with its own (one Python call per element,
    no attribute objects) and turns character data off except inside the few
    elements whose text it reads.
    """

    _parser: XMLParserType  # the SAX driver's expat parser, made in reset()

    def __init__(self, display: str, wanted: str | None) -> None:
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        self.display = display
        self.wanted = wanted
        self.budget = FigureBudget(display)
        self.problems: list[Problem] = []
        self.stack: list[str] = []
        self.root_where = (1, 1)
        self.timestamp: str | None = None
        self.election: str | None = None
        self.contests: list[str] = []
        self.summaries: list[ContestSummary] = []
        self.found: list[_Contest] = []
        self.contest: _Contest | None = None
        self.choice: str | None = None
        self.choice_total: _Total | None = None
        self.type_total: _Total | None = None
        self.seen_in_type: set[str] = set()
        self.text: list[str] = []
        self.skipped = 0  # elements open inside a contest that is not read
        # The turnout's figures by unit name: ballots cast, registered voters
        # (None for a unit named twice or a figure that is no whole number).
        self.turnout: dict[str, dict[str, int | None]] = {
            figure: {} for figure in TURNOUT_FIGURES
        }

    # -- the driver ---------------------------------------------------------

    def reset(self) -> None:
        super().reset()
        self._parser.CharacterDataHandler = None
        self._parser.buffer_text = True

    def run(self, path: Path) -> None:
        with _xml_source(path, self.display) as (self.display, read):
            try:
                chunk = read(CHUNK)
                self.feed(chunk)  # even an empty file: then "no element found"
                since_tag_end = len(chunk) - chunk.rfind(b">") - 1
                while chunk := read(CHUNK):
                    end = chunk.rfind(b">")
                    since_tag_end = (
                        since_tag_end + len(chunk) if end < 0 else len(chunk) - end - 1
                    )
                    if since_tag_end > MAX_TOKEN_BYTES:
                        self.stop(
                            *self.where(),
                            f"more than {MAX_TOKEN_BYTES:,} bytes without a '>' after"
                            " this point: a tag, text or comment too long for a"
                            " results file",
                        )
                    self.feed(chunk)
                self.close()
            except SAXParseException as err:
                self.stop(
                    err.getLineNumber() or 1,
                    (err.getColumnNumber() or 0) + 1,
                    f"XML syntax error: {err.getMessage()}",
                )
            except LookupError as err:  # expat asks codecs for the declared name
                self.stop(
                    *self.where(),
                    f"the XML declaration names an encoding Python does not know"
                    f" ({err}); save the file as UTF-8",
                )
            except DefusedXmlException as err:
                # Only a DTD can declare entities or refer outside, and every
                # DTD is refused; the other refusals stay as a second line.
                what = (
                    "a DTD (<!DOCTYPE ...>)"
                    if isinstance(err, DTDForbidden)
                    else "an entity or external reference"
                )
                self.stop(
                    *self.where(),
                    f"{what} is not allowed in a results file: certcli reads no"
                    " DTD, entity or external reference",
                )
            except ValueError as err:  # after DefusedXmlException, a ValueError
                # pyexpat reads only single-byte encodings besides UTF-8 and
                # UTF-16: GBK, Shift_JIS, Big5, EUC-*, UTF-7 are refused so.
                if "multi-byte encodings" not in str(err):
                    raise
                self.stop(
                    *self.where(),
                    "the XML declaration names a multi-byte encoding (such as GBK,"
                    " Shift_JIS, Big5, EUC-JP or UTF-7), which the XML reader"
                    " cannot read; save the file as UTF-8",
                )
        if self.problems and self.wanted is not None:
            raise DataError(self.problems)

    def where(self) -> tuple[int, int]:
        return self.getLineNumber() or 1, (self.getColumnNumber() or 0) + 1

    def stop(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.display, line, column, "", message))
        raise DataError(self.problems)

    def problem(self, where: tuple[int, int], message: str) -> None:
        """A problem at `where`: kept with its contest when summarising (one
        bad contest hides no other), else the file's."""
        found = Problem(self.display, *where, "", message)
        contest = self.contest
        if self.wanted is None and contest is not None:
            if len(contest.problems) < MAX_PROBLEMS:
                contest.problems.append(found)
            return
        self.problems.append(found)
        if len(self.problems) >= MAX_PROBLEMS:
            raise DataError(self.problems)

    def number(self, attrs: Mapping[str, str], name: str, tag: str) -> int | None:
        """A whole-number attribute; a located problem when it is not one."""
        text = attrs.get(name)
        if text is None:
            return None
        value = whole_number(text)
        if value is None:
            self.problem(self.where(), not_a_count(f"<{tag}> {name}", text))
        return value

    def name(self, attrs: Mapping[str, str], key: str, tag: str) -> str | None:
        text = attrs.get(key, "").strip()
        if not text:
            self.problem(self.where(), f"<{tag}> has no {key}")
            return None
        long = too_long(f"<{tag}> {key}", text)
        if long:
            self.problem(self.where(), long)
            return None
        return text

    # -- elements -----------------------------------------------------------

    def start_element(self, tag: str, attrs: Mapping[str, str]) -> None:
        stack = self.stack
        depth = len(stack)
        stack.append(tag)
        if depth >= MAX_DEPTH:
            self.stop(*self.where(), f"elements nested deeper than {MAX_DEPTH} levels")
        if depth == 0:
            self.root_where = self.where()
            if tag != ROOT:
                shown = visible(shorten(tag, MAX_UNIT_TAG)[1:-1])
                self.stop(
                    *self.root_where,
                    f"not a Clarity results file: the root element is <{shown}>,"
                    f" expected <{ROOT}>",
                )
        elif depth == 1:
            if tag == "Contest":
                self.start_contest(attrs)
            elif tag in TEXTS:
                self.text = []
                self._parser.CharacterDataHandler = self.text.append
        elif depth == 3 and stack[1] in TURNOUT and stack[2] in TURNOUT_UNITS:
            self.turnout_unit(attrs)
        elif self.contest is not None:
            if depth == 2:
                if tag == "Choice":
                    self.start_choice(attrs)
            elif depth == 3:
                if stack[2] == "Choice" and tag == "VoteType":
                    self.start_vote_type(attrs)
            elif depth == 4 and stack[3] == "VoteType" and stack[2] == "Choice":
                self.unit(tag, attrs)

    def end_element(self, tag: str) -> None:
        stack = self.stack
        depth = len(stack)
        if stack:
            stack.pop()
        if depth == 2:
            if tag in TEXTS:
                text = "".join(self.text).strip()
                long = too_long(f"<{tag}>", text)
                if long:
                    self.problem(self.where(), long)
                setattr(self, TEXTS[tag], None if long else text or None)
                self._parser.CharacterDataHandler = None
            elif tag == "Contest" and self.contest is not None:
                self.end_contest(self.contest)
        elif self.contest is not None:
            if depth == 3 and tag == "Choice":
                self.note(self.contest, self.choice_total)
                self.choice = self.choice_total = None
            elif depth == 4 and tag == "VoteType" and stack[2] == "Choice":
                total = self.type_total
                self.check(total)
                choice_total = self.choice_total
                if choice_total is not None and total is not None:
                    # The vote type as the file states it (its units' sum
                    # when it states none), so that a choice's totalVotes is
                    # weighed against its vote types, and a vote type against
                    # its units (`check`).
                    counted = total.stated if total.stated is not None else None
                    if counted is None and total.parts:
                        counted = total.counted
                    choice_total.unknown |= total.unknown or counted is None
                    choice_total.counted += counted or 0
                    choice_total.in_units += total.counted
                    choice_total.parts += 1
                self.type_total = None

    def turnout_unit(self, attrs: Mapping[str, str]) -> None:
        """A unit of the turnout: its ballots cast and registered voters, kept
        quietly (a figure that cannot be read is only lost: no contest needs
        it), and dropped for a unit named twice."""
        name = attrs.get("name", "").strip()
        if not name or too_long("", name):
            return
        for attribute, figures in self.turnout.items():
            text = attrs.get(attribute)
            if text is None:
                continue
            value = whole_number(text)
            figures[name] = value if name not in figures else None

    def ballots_of(self, units: Iterable[str]) -> int | None:
        """The ballots cast in `units`, when the turnout gives each of them."""
        figures = self.turnout["ballotsCast"]
        total, seen = 0, False
        for unit in units:
            value = figures.get(unit)
            if value is None:
                return None
            total, seen = total + value, True
        return total if seen and total else None  # all zeros: not given

    def counts(self) -> tuple[tuple[str, int, int], ...]:
        """The turnout's totals for `certcli results`: label, sum, units."""
        counts = []
        for attribute, label in TURNOUT_FIGURES.items():
            figures = [
                value for value in self.turnout[attribute].values() if value is not None
            ]
            # Clarity writes 0 for a figure it does not have (Kentucky's
            # registered voters): all zeros is no figure.
            if any(figures) and len(figures) == len(self.turnout[attribute]):
                counts.append((label, sum(figures), len(figures)))
        return tuple(counts)

    def skipped_start(self, tag: str, attrs: Mapping[str, str]) -> None:
        """The start handler inside a contest that is not read: it only counts
        the depth, which has the same limit as everywhere else."""
        self.skipped += 1
        if len(self.stack) + self.skipped > MAX_DEPTH:
            self.stop(*self.where(), f"elements nested deeper than {MAX_DEPTH} levels")

    def skipped_end(self, tag: str) -> None:
        """The end handler inside a contest that is not read: only its end (the
        end at the contest's own depth, whatever is nested in it) matters."""
        if self.skipped:
            self.skipped -= 1
            return
        self.stack.pop()
        self._parser.StartElementHandler = self.start_element
        self._parser.EndElementHandler = self.end_element

    def start_contest(self, attrs: Mapping[str, str]) -> None:
        name = attrs.get("text", "").strip()
        if too_long("", name):
            name = ""  # not a name a contest can be asked for by
        if self.wanted is None:
            if not self.name(attrs, "text", "Contest"):
                name = f"(contest without a name, key {shorten(attrs.get('key', '?'))})"
            self.contests.append(name)
            self.contest = _Contest(name, self.where())
            return
        if name:  # a contest without a name cannot be the one asked for
            self.contests.append(name)
            if same_name(self.wanted, name):
                self.contest = _Contest(name, self.where())
                return
        self.skipped = 0
        self._parser.StartElementHandler = self.skipped_start
        self._parser.EndElementHandler = self.skipped_end

    def end_contest(self, contest: _Contest) -> None:
        if contest.units:
            for choice, votes, where, what in contest.unplaced:
                self.problem(
                    where,
                    f"choice {shorten(choice)}: {what} {votes:,} votes but no"
                    f" {contest.unit_kind or 'unit'} gives them, so they"
                    " cannot be counted by unit (certcli would count 0)",
                )
        if self.wanted is None:
            self.summaries.append(contest.summary())
        else:
            self.found.append(contest)
        self.contest = None

    def start_choice(self, attrs: Mapping[str, str]) -> None:
        contest = self.contest
        assert contest is not None
        where = self.where()
        choice = self.name(attrs, "text", "Choice")
        stated = self.number(attrs, "totalVotes", "Choice")
        if choice is None:
            return
        first = contest.folded.setdefault(fold(choice), choice)
        if first in contest.choice_where:
            line = contest.choice_where[first][0]
            self.problem(
                where,
                f"choice {shorten(choice)} appears twice in contest"
                f" {shorten(contest.name)}"
                f" (first at line {line})"
                if first == choice
                # 'Ann Able', 'ANN  ABLE': added up, they would be one candidate.
                else f"choice {shorten(choice)} is the same as choice"
                f" {shorten(first)} (names are compared case-folded; first at"
                f" line {line})",
            )
            return
        contest.choices.append(choice)
        contest.choice_where[choice] = where
        if stated is not None:
            contest.stated[choice] = stated
        self.choice = choice
        self.choice_total = _Total(f"choice {shorten(choice)}", stated, where)

    def start_vote_type(self, attrs: Mapping[str, str]) -> None:
        if self.choice is None:
            return
        where = self.where()
        label = attrs.get("name", "").strip()[:60] or "(without a name)"
        stated = self.number(attrs, "votes", "VoteType")
        self.type_total = _Total(
            f"choice {shorten(self.choice)}, vote type {shorten(label)}: votes",
            stated,
            where,
        )
        self.seen_in_type = set()

    def unit(self, tag: str, attrs: Mapping[str, str]) -> None:
        contest, choice, total = self.contest, self.choice, self.type_total
        if contest is None or choice is None or total is None:
            return
        if len(tag) > MAX_UNIT_TAG:
            # The tag names the kind of unit in every table and message.
            self.problem(
                self.where(),
                f"a unit element's tag is {len(tag):,} characters long; a kind of"
                f" unit (County, Precinct) has at most {MAX_UNIT_TAG}",
            )
            return
        name = self.name(attrs, "name", tag)
        votes = self.number(attrs, "votes", tag)
        if name is None:
            return
        if votes is None and "votes" not in attrs:
            self.problem(self.where(), f"<{tag}> {shorten(name)} has no votes")
        if contest.unit_tag is None:
            contest.unit_tag, contest.unit_kind = tag, tag.lower()
        elif tag != contest.unit_tag:
            self.problem(
                self.where(),
                f"<{tag}> in contest {shorten(contest.name)}, whose units are"
                f" <{contest.unit_tag}> elements",
            )
            return
        if name in self.seen_in_type:
            self.problem(
                self.where(),
                f"{tag.lower()} {shorten(name)} appears twice in one vote type of"
                f" choice {shorten(choice)}",
            )
            return
        if name not in contest.unit_where:
            first = contest.unit_folded.setdefault(fold(name), name)
            if first != name:
                # 'Axson', 'AXSON': two units that a tally refuses, since its
                # units are compared case-folded; refused here too, once.
                if name not in contest.respelled:
                    contest.respelled.add(name)
                    self.problem(
                        self.where(),
                        f"unit {shorten(name)} is the same as unit"
                        f" {shorten(first)} (names are compared case-folded;"
                        f" first at line {contest.unit_where[first][0]})",
                    )
                return
        self.seen_in_type.add(name)
        if name not in contest.unit_where:
            self.budget.take(self.where())
            contest.unit_where[name] = self.where()
            contest.units[name] = {}
        if votes is None:
            total.unknown = True
            return
        counts = contest.units[name]
        if choice not in counts:
            self.budget.take(self.where())
        counts[choice] = counts.get(choice, 0) + votes
        total.counted += votes
        total.parts += 1

    def note(self, contest: _Contest, total: _Total | None) -> None:
        """A choice's totalVotes that differs from its vote types, as a note;
        one that no vote type gives, for `end_contest` to weigh."""
        if total is None or total.stated is None or total.unknown:
            return
        if not total.parts:
            if total.stated and self.choice is not None:
                contest.unplaced.append(
                    (self.choice, total.stated, total.where, "totalVotes is")
                )
            return
        if total.stated != total.counted:
            contest.notes.append(
                f"{total.label} (line {total.where[0]}): the file's totalVotes"
                f" is {total.stated:,}, its vote types add up to"
                f" {total.counted:,}; certcli uses its"
                f" {PLURAL.get(contest.unit_kind or '', 'units')}' figures"
                f" ({total.in_units:,})"
            )

    def check(self, total: _Total | None) -> None:
        """A vote type's votes that differ from the sum of its units: a note
        naming both figures (the units' are used; real exports do this, the
        vote type counting ballots no unit reports yet)."""
        contest = self.contest
        if total is None or total.stated is None or total.unknown or contest is None:
            return
        if not total.parts:
            if total.stated and self.choice is not None:
                what = total.label.rsplit(", ", 1)[-1].removesuffix(": votes")
                contest.unplaced.append(
                    (self.choice, total.stated, total.where, f"{what} gives")
                )
            return
        if total.stated != total.counted:
            units = PLURAL.get(contest.unit_kind or "", "units")
            contest.notes.append(
                f"{total.label} (line {total.where[0]}) is {total.stated:,} but"
                f" its {units} add up to {total.counted:,} (a difference of"
                f" {total.stated - total.counted:+,}); certcli uses the {units}'"
                " figures"
            )
