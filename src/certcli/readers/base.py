"""What the results readers share: the shapes they return, the limits they
keep, how they read a count of votes, and how they word the errors every
reader gives (`refuse`, `contest_not_found`, `contest_ambiguous`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from certcli.core.environment import number_from_environment
from certcli.core.errors import DataError, Problem
from certcli.core.text import count, fold, listing, shorten

MAX_RESULTS_BYTES = 256 * 1024 * 1024  # CERTCLI_MAX_RESULTS_BYTES overrides it
HEAD_BYTES = 64 * 1024  # what `detect` shows each reader's `sniff`
MAX_VOTE_DIGITS = 15  # a count of votes has at most this many digits
MAX_NAME = 500  # characters of a contest's, choice's or unit's name
LISTED = 12  # contests named at most in the error for one that is not in the file


@dataclass(frozen=True)
class ContestResults:
    """One contest of a results file: each unit's votes for each choice."""

    contest: str  # the contest's name as the file writes it
    unit_kind: str  # "county", "precinct", ... or "unit" when the file does not say
    choices: tuple[str, ...]  # the choices as the file writes them, in file order
    units: dict[str, dict[str, int]]  # unit → choice → votes (all vote types)
    # Where each choice and each unit is first written: (line, column); a CSV
    # gives (row, 0).
    choice_where: dict[str, tuple[int, int]]
    unit_where: dict[str, tuple[int, int]]
    timestamp: str | None = None  # as the file writes it, when it says
    # Ballots cast in the contest's units, when the file gives them for each
    # (a "Ballots Cast" row or attribute); None otherwise.
    ballots: int | None = None
    # A code the file gives each unit (a county's FIPS code), by unit name.
    unit_codes: dict[str, str] = field(default_factory=dict)
    # What the reader noticed and settled without refusing the contest (a
    # total that differs from its parts, and which figure it used; names
    # spelled two ways): the notes `certcli results` shows with the contest.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContestSummary:
    """What `certcli results` lists for one contest."""

    name: str
    unit_kind: str
    units: int
    choices: tuple[tuple[str, int], ...]  # (choice, votes over all units)
    # What the reader noticed but did not refuse, e.g. a total the file states
    # that differs from the sum of its vote types; shown with the contest.
    notes: tuple[str, ...] = ()
    # What makes the contest unreadable (a tally that names it is refused);
    # shown with the contest, so that one bad contest hides no other.
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class FileSummary:
    """What a results file holds."""

    format: str  # a key of READERS
    election: str | None
    timestamp: str | None
    contests: tuple[ContestSummary, ...]
    # Figures the file gives that are no contest's: ("Ballots cast", votes,
    # units), ("Registered voters", ...).
    counts: tuple[tuple[str, int, int], ...] = ()
    # Problems in rows that belong to no contest (a blank office).
    problems: tuple[Problem, ...] = ()

    def all_problems(self) -> list[Problem]:
        """Every problem of the file, its contests' and its own."""
        found = list(self.problems)
        for contest in self.contests:
            found += contest.problems
        return found

    def only(self, display: str, wanted: str) -> FileSummary:
        """The summary of the contest named `wanted` alone (`same_name`); a
        DataError listing the contests when no contest or several have it.
        The file's own problems stay: a row that belongs to no contest (of
        the wrong width, with a blank office) may be one of this contest's,
        and its totals cannot be trusted without it."""
        names = [contest.name for contest in self.contests]
        chosen = [c for c in self.contests if same_name(wanted, c.name)]
        exact = [c for c in chosen if fold(c.name) == fold(wanted)]
        chosen = exact or chosen
        if not chosen and self.format == "openelections":
            # "President" names each party's contest of a primary,
            # "President (DEM)" and "President (REP)", as it does for a tally
            # of an OpenElections file (a Clarity "US Senate (Perdue)" is
            # a name of its own, as for a tally).
            chosen = [
                c
                for c in self.contests
                if same_name(wanted, re.sub(r"\s*\([^()]*\)$", "", c.name))
            ]
        if not chosen:
            raise contest_not_found(display, (1, 0), wanted, names)
        if len(chosen) > 1:
            raise contest_ambiguous(
                display, (1, 0), wanted, [shorten(c.name, 100) for c in chosen]
            )
        return replace(self, contests=(chosen[0],), counts=())


def same_name(wanted: str, written: str) -> bool:
    """Whether `written` (from a results file) names `wanted` (from a data file).

    Compared after `fold`; a bilingual name ("President of the United
    States/Presidente de los Estados Unidos") matches either of its parts.
    """
    target = fold(wanted)
    if fold(written) == target:
        return True
    return any(fold(part) == target for part in re.split(r"\s*/\s*", written))


def max_results_bytes() -> int:
    """The size limit for a results file: CERTCLI_MAX_RESULTS_BYTES or 256 MiB."""
    limit = number_from_environment(
        "CERTCLI_MAX_RESULTS_BYTES", noun="bytes", example="536870912 for 512 MiB"
    )
    return MAX_RESULTS_BYTES if limit is None else limit


# The figures a reader keeps over the contests it reads: each unit, and each
# of its votes for one choice. The whole United States by precinct is 882,000
# (176,400 precincts, 4 candidates each); a statewide file of every contest
# at the size limit about 4 million. One figure takes 250 to 750 bytes.
MAX_RESULTS_FIGURES = 5_000_000  # CERTCLI_MAX_RESULTS_FIGURES overrides it


def max_results_figures() -> int:
    """The figures one results file may give: CERTCLI_MAX_RESULTS_FIGURES or
    MAX_RESULTS_FIGURES."""
    limit = number_from_environment(
        "CERTCLI_MAX_RESULTS_FIGURES", noun="figures", example="10000000"
    )
    return MAX_RESULTS_FIGURES if limit is None else limit


class FigureBudget:
    """The figures a reader may still keep. The size limit alone does not
    bound memory: 256 MiB holds 14.9 million rows of 18 bytes, each a unit of
    its own (11 GB read into memory). Past the limit the file is refused, at
    the row or element that went over it."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.limit = self.left = max_results_figures()

    def take(self, where: tuple[int, int], figures: int = 1) -> None:
        """`figures` more, first seen at `where`; a DataError past the limit."""
        self.left -= figures
        if self.left < 0:
            raise refuse(
                self.display,
                where,
                f"more than {self.limit:,} figures (units and their votes for"
                " each choice) over the contests read, the limit for one"
                " results file (set CERTCLI_MAX_RESULTS_FIGURES to raise it)",
            )


MAX_COUNT_CHARACTERS = 64  # a count with its leading zeros ("0000000001")


# Formats whose choices are all choices, so that their votes add up to a total;
# a plain table's number columns may be totals or codes themselves.
TOTALLED_FORMATS = frozenset({"clarity", "medsl", "openelections"})


def contest_total(summary: FileSummary, contest: ContestSummary) -> int | None:
    """The votes of all the contest's choices, or None for a format whose
    columns are not all choices (see TOTALLED_FORMATS)."""
    if summary.format not in TOTALLED_FORMATS:
        return None
    return sum(votes for _, votes in contest.choices)


def whole_number(text: str, digits: int = MAX_VOTE_DIGITS) -> int | None:
    """A count of votes as a results file writes it (`"1234"`, `" 7 "`,
    `"0007"`), or None when it is not a whole number from 0 up (signs,
    decimals, separators), has more than `digits` digits once its leading
    zeros are dropped, or is longer than MAX_COUNT_CHARACTERS."""
    if text.isascii() and text.isdigit() and len(text) <= digits:
        return int(text)  # the common case
    text = text.strip()
    if (
        text.isascii()
        and text.isdigit()
        and len(text) <= MAX_COUNT_CHARACTERS
        and len(text.lstrip("0")) <= digits
    ):
        return int(text)
    return None


def refuse(display: str, where: tuple[int, int], message: str) -> DataError:
    """A DataError with one problem at `where` (line, column; column 0 for a
    CSV row)."""
    return DataError([Problem(display, *where, "", message)])


class ContestNotFound(DataError):
    """No contest of the file has the name asked for: the asker's mistake as
    much as the file's, which a tally locates at its own `contest:`."""


def contest_not_found(
    display: str, where: tuple[int, int], wanted: str, contests: list[str]
) -> DataError:
    """No contest of the file is named `wanted`: the error lists the contests
    (the first few; `certcli results` lists them all)."""
    listed = listing(contests, LISTED, 100, 400, quoted=True)
    if listed.endswith(" more)"):
        listed += "; certcli results FILE lists them all"
    message = f"no contest {shorten(wanted)} in the file; its contests: {listed}"
    return ContestNotFound([Problem(display, *where, "", message)])


def contest_ambiguous(
    display: str,
    where: tuple[int, int],
    wanted: str,
    matches: list[str],
    *,
    alike: bool = False,
) -> DataError:
    """`wanted` names several contests; `matches` says where each is (in file
    order, so that `contest_number` can pick one), each already escaped and cut.
    `alike`: the contests have the same name, so that a whole name cannot tell
    them apart."""
    listed = ", ".join(matches[:LISTED])
    if len(matches) > LISTED:
        listed += f", … ({len(matches) - LISTED} more)"
    return refuse(
        display,
        where,
        f"{shorten(wanted)} names {len(matches)} contests ({listed});"
        + ("" if alike else " give the contest's whole name, or")
        + f" pick one in file order with contest_number: 1 to {len(matches)}",
    )


def pick_contest(
    display: str,
    wanted: str,
    number: int | None,
    places: list[tuple[str, tuple[int, int], str]],
) -> int:
    """Which of the contests that `wanted` names to read: the only one, or the
    `number`th in file order. `places` holds each one's name, (line, column) and
    where it is in words ("line 13"); there is at least one. Contests whose
    whole name is `wanted` (compared with `fold`) go before those it names by
    one half of a bilingual name, as `numbered_contest` counts them."""
    whole = [place for place in places if fold(place[0]) == fold(wanted)]
    indexes = [places.index(place) for place in whole] or list(range(len(places)))
    places = [places[i] for i in indexes]
    shown = [f"{where} {shorten(name, 100)}" for name, _, where in places]
    if number is None:
        if len(places) > 1:
            alike = len({fold(name) for name, _, _ in places}) == 1
            raise contest_ambiguous(display, places[1][1], wanted, shown, alike=alike)
        return indexes[0]
    if number > len(places):
        raise refuse(
            display,
            places[-1][1],
            f"contest_number is {number}, but {shorten(wanted)} names"
            f" {count(len(places), 'contest')}"
            f" ({', '.join(shown[:LISTED])})",
        )
    return indexes[number - 1]


def numbered_contest(names: list[str], index: int) -> int | None:
    """The contest_number that picks contest `index` of a file whose contests
    are `names` (in file order) by its own name, or None when its name picks
    it alone (see `pick_contest`: its whole name goes first)."""
    name = fold(names[index])
    same = [i for i, other in enumerate(names) if fold(other) == name]
    return same.index(index) + 1 if len(same) > 1 else None


def too_long(label: str, text: str) -> str | None:
    """The message for a name longer than MAX_NAME characters, or None.

    Names are shown in tables and messages; no election needs a longer one,
    and a file of one huge name would cost every renderer its length.
    """
    if len(text) <= MAX_NAME:
        return None
    return f"{label} is {len(text):,} characters long; a name has at most {MAX_NAME:,}"


def not_a_count(label: str, text: str, digits: int = MAX_VOTE_DIGITS) -> str:
    """The message for a figure that `whole_number` refused."""
    written = text.strip()
    if written.isascii() and written.isdigit():
        if len(written.lstrip("0")) <= digits:
            return (
                f"{label} {shorten(text)} is {len(written):,} characters long, more"
                f" than the {MAX_COUNT_CHARACTERS} a count may take even with"
                " leading zeros; write it without them"
            )
        return (
            f"{label} {shorten(text)} has more than {digits} digits;"
            " no count of votes is that large"
        )
    return (
        f"{label} {shorten(text)} is not a whole number of votes"
        " (0 or more, digits only)"
    )


# --- rows that are counts, not choices ---------------------------------------
#
# Results files mix figures that are not votes for a choice into their rows:
# registered voters, ballots cast, over- and undervotes. They are recognised by
# meaning: a name is compared with its letters and digits alone, case folded,
# so "Ballots Cast - Blank", "BALLOTS CAST BLANK" and "ballots_cast_blank" are
# one name. README ("Rows that are not choices") lists them.

BALLOTS_CAST = frozenset(
    {"ballotscast", "ballotscasttotal", "totalballotscast", "totalballots"}
)
REGISTERED_VOTERS = frozenset(
    {"registeredvoters", "registeredvoterstotal", "totalregisteredvoters"}
)
OTHER_COUNTS = frozenset(
    {
        "ballotscastblank",
        "blankballots",
        "blankvotes",
        "overvotes",
        "overvote",
        "undervotes",
        "undervote",
        "totalvotes",
        "totalvotescast",
        "timescast",
        "timesblankvoted",
        "timesovervoted",
        "rejectedballots",
        "spoiledballots",
        "voterturnout",
        "turnout",
    }
)
# Write-in votes given as one figure (not a write-in candidate's own line):
# one choice of its contest, counted under `other` unless a tally maps it.
WRITE_INS = frozenset(
    {
        "writein",
        "writeins",
        "writeinvotes",
        "writeintotal",
        "writeintotals",
        "totalwriteins",
        "totalwritein",
        "scattering",
    }
)
_NOT_LETTERS = re.compile(r"[\W_]+")


def meaning(name: str) -> str:
    """`name` as its meaning is compared: letters and digits only, case folded."""
    return _NOT_LETTERS.sub("", name.casefold())


def count_kind(name: str) -> str | None:
    """ "ballots" or "registered" for a row of ballots cast or registered
    voters (figures certcli keeps), "count" for another count that is no
    choice (over- and undervotes, blank ballots, total votes), else None."""
    key = meaning(name)
    if key in BALLOTS_CAST:
        return "ballots"
    if key in REGISTERED_VOTERS:
        return "registered"
    if key in OTHER_COUNTS:
        return "count"
    return None


def is_write_ins(name: str) -> bool:
    """Whether `name` is the write-in votes as one figure ("Write-ins",
    "Write-In Totals", Wisconsin's "Scattering")."""
    return meaning(name) in WRITE_INS
