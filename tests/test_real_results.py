"""Every real results file of `shared/data/real-results/` (beside the
repository; see its README and PROVENANCE.txt) is read right or refused for its
true reason.

What each file should give is computed here, from the file, with plain `csv`
and `xml.etree` code that follows the rules the README states (contests,
per-candidate totals, unit counts) and shares nothing with certcli's readers;
certcli's `summarize` and `read` must agree with it exactly. Without the data
these tests are skipped with a message that says where they looked.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.readers import detect, reader
from certcli.readers.base import FileSummary
from conftest import Run

HERE = Path(__file__).resolve()
CANDIDATES = [parent / "shared" / "data" / "real-results" for parent in HERE.parents]


def _folder() -> Path:
    for folder in CANDIDATES:
        if folder.is_dir():
            return folder
    pytest.skip(
        "needs ../shared: the real results files (shared/data/real-results/) are"
        " not beside this checkout; looked in: "
        + ", ".join(str(folder) for folder in CANDIDATES)
    )


def real(name: str) -> Path:
    path = _folder() / name
    if not path.is_file():
        pytest.skip(f"needs ../shared: {path} is missing")
    return path


# --- what an OpenElections file holds, computed with the csv module --------------

# The README's pseudo-rows, compared with letters and digits only.
COUNTS = {
    "ballotscast",
    "ballotscasttotal",
    "totalballotscast",
    "totalballots",
    "registeredvoters",
    "registeredvoterstotal",
    "totalregisteredvoters",
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
WRITE_INS = {
    "writein",
    "writeins",
    "writeinvotes",
    "writeintotal",
    "writeintotals",
    "totalwriteins",
    "totalwritein",
    "scattering",
}
VOTE_TYPES = ("election_day", "absentee", "early", "advance", "mail", "provisional")


def key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def figure(text: str) -> int:
    return int(text.strip().replace(",", ""))


def expected_openelections(
    path: Path, *, primary: bool
) -> dict[str, tuple[int, dict[str, int]]]:
    """contest → (units, {candidate: votes}), by the README's rules."""
    contests: dict[str, dict[str, dict[str, int]]] = {}
    names: dict[str, str] = {}  # case-folded name → first spelling
    write_in_name: dict[str, str] = {}
    named_write_ins: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, dict[str, str]] = defaultdict(dict)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle)
        fields = [name.strip().lower() for name in rows.fieldnames or []]
        types = [f for f in fields if any(t in f for t in VOTE_TYPES)]
        for row in rows:
            row = {k.strip().lower(): v.strip() for k, v in row.items()}
            office, candidate = row["office"], row["candidate"]
            if key(office) in COUNTS or key(candidate) in COUNTS:
                continue
            name = office
            if row.get("district"):
                district = row["district"]
                name += (
                    f", district {district}" if district.isdigit() else f", {district}"
                )
            if primary and row.get("party"):
                name += f" ({row['party']})"
            name = names.setdefault(name.casefold(), name)
            if row.get("votes"):
                votes = figure(row["votes"])
            elif any(row[t] for t in types):
                votes = sum(figure(row[t]) for t in types if row[t])
            else:
                continue  # no figure at all
            precinct = row.get("precinct") or row.get("ward") or ""
            county = row.get("county", "")
            if precinct and precinct.lower() != "not available":
                unit = f"{county}: {precinct}" if county else precinct
            else:
                unit = county
            if key(candidate) in WRITE_INS:
                candidate = write_in_name.setdefault(name, candidate)
            else:
                if re.match(r"(?i)write[\s-]*ins?\s*:", candidate):
                    named_write_ins[name].add(unit)
                # One candidate spelled two ways from county to county
                # ('TRUMP / PENCE', 'Trump / Pence') is one, first spelling.
                folded = " ".join(
                    unicodedata.normalize("NFKC", candidate).casefold().split()
                )
                candidate = spellings[name].setdefault(folded, candidate)
            units = contests.setdefault(name, {})
            votes_of = units.setdefault(unit, {})
            votes_of[candidate] = votes_of.get(candidate, 0) + votes
    for name, units_with_names in named_write_ins.items():
        for unit in units_with_names:
            contests[name][unit].pop(write_in_name.get(name, ""), None)
    result = {}
    for name, units in contests.items():
        totals: dict[str, int] = defaultdict(int)
        for votes_of in units.values():
            for candidate, votes in votes_of.items():
                totals[candidate] += votes
        result[name] = (len(units), dict(totals))
    return result


def listed(summary: FileSummary) -> dict[str, tuple[int, dict[str, int]]]:
    return {
        contest.name: (contest.units, dict(contest.choices))
        for contest in summary.contests
    }


OPENELECTIONS = [
    # file, whether a primary, contests
    ("20160405__wi__general__ward.csv", False, 45),
    ("20200310__mi__primary__president__kent__precinct.csv", True, 2),
    ("20200609__ga__primary__president.csv", True, 2),
    ("20201103__az__general__pima__precinct.csv", False, 83),
    ("20201103__az__general__precinct.csv", False, 42),
    ("20201103__pa__general__adams__precinct.csv", False, 8),
    ("20201103__pa__general__county.csv", False, 47),
    ("20241105__ga__general__county-level.csv", False, 293),
]


@pytest.mark.parametrize(("name", "primary", "contests"), OPENELECTIONS)
def test_openelections_files_are_read_right(
    name: str, primary: bool, contests: int
) -> None:
    path = real(name)
    assert detect(path, name) == "openelections"
    summary = reader("openelections").summarize(path, name)
    expected = expected_openelections(path, primary=primary)
    assert len(expected) == contests
    assert listed(summary) == expected
    assert summary.all_problems() == []


def test_the_primaries_list_one_contest_per_party() -> None:
    kent = real("20200310__mi__primary__president__kent__precinct.csv")
    summary = reader("openelections").summarize(kent, kent.name)
    assert [c.name for c in summary.contests] == ["President (DEM)", "President (REP)"]
    dem, rep = summary.contests
    assert "Donald Trump" not in dict(dem.choices)
    assert "Joe Biden" not in dict(rep.choices)
    georgia = real("20200609__ga__primary__president.csv")
    summary = reader("openelections").summarize(georgia, georgia.name)
    assert [c.name for c in summary.contests] == [
        "President (Democrat)",
        "President (Republican)",
    ]
    # A tally names the one it reads; "President" alone names both.
    with pytest.raises(DataError, match="names 2 contests"):
        reader("openelections").read(kent, kent.name, "President")
    results = reader("openelections").read(kent, kent.name, "President (REP)")
    assert "Donald Trump" in results.choices and results.unit_kind == "precinct"


def test_the_wisconsin_ward_file_reads_its_wards() -> None:
    path = real("20160405__wi__general__ward.csv")
    supreme = reader("openelections").read(path, path.name, "Supreme Court")
    assert supreme.unit_kind == "ward"
    with path.open(encoding="utf-8", newline="") as handle:
        wards = {
            (row["county"], row["ward"])
            for row in csv.DictReader(handle)
            if row["office"] == "Supreme Court"
        }
    # Every ward of the state; the file names 3,880 (the 4,000 first said of
    # it was a round figure).
    assert len(supreme.units) == len(wards) == 3880


def test_ballots_cast_rows_are_kept() -> None:
    path = real("20201103__pa__general__county.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        ballots = sum(
            int(row["votes"])
            for row in csv.DictReader(handle)
            if row["office"] == "Ballots Cast"
        )
    summary = reader("openelections").summarize(path, path.name)
    assert summary.counts[0][:2] == ("Ballots cast", ballots)


def test_notes_say_what_was_read_with_a_rule() -> None:
    adams = real("20201103__pa__general__adams__precinct.csv")
    president = reader("openelections").summarize(adams, adams.name).contests[0]
    assert president.notes == (
        "4 figure(s) are written with thousands separators (4 in column"
        " 'election_day'; first in row 306: '1,163'); read without them",
    )
    arizona = real("20201103__az__general__precinct.csv")
    summary = reader("openelections").summarize(arizona, arizona.name)
    president = summary.contests[0]
    assert president.name == "President"
    assert any("a partial breakdown" in note for note in president.notes)


def test_the_raw_north_carolina_export_is_refused_for_what_it_is() -> None:
    path = real("20161108__nc__general__county__raw.csv")
    assert detect(path, path.name) == "openelections"
    with pytest.raises(DataError) as refused:
        reader("openelections").summarize(path, path.name)
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (1, 0)
    assert problem.message.startswith(
        "an OpenElections raw export (name_raw, jurisdiction and votes_type columns"
    )


# --- the Clarity file, computed with ElementTree --------------------------------


def test_the_clarity_file_is_read_right_with_its_mismatches_as_notes() -> None:
    path = real("elexclarity_ga_atkinson_precincts_11-3.xml")
    assert detect(path, path.name) == "clarity"
    root = ET.parse(path).getroot()
    expected = {}
    mismatches = 0
    for contest in root.iter("Contest"):
        totals: dict[str, int] = {}
        units: set[str] = set()
        for choice in contest.findall("Choice"):
            totals[choice.get("text", "")] = 0
            for vote_type in choice.findall("VoteType"):
                parts = 0
                for unit in vote_type:
                    units.add(unit.get("name", ""))
                    parts += int(unit.get("votes", "0"))
                totals[choice.get("text", "")] += parts
                mismatches += parts != int(vote_type.get("votes", "0"))
        expected[contest.get("text", "")] = (len(units), totals)
    summary = reader("clarity").summarize(path, path.name)
    assert listed(summary) == expected
    assert len(expected) == 25
    assert summary.all_problems() == []
    notes = [note for contest in summary.contests for note in contest.notes]
    assert len(notes) == mismatches == 3
    assert notes[0] == (
        "choice 'Donald J. Trump (I) (Rep)', vote type 'Election Day Votes': votes"
        " (line 31) is 716 but its precincts add up to 492 (a difference of +224);"
        " certcli uses the precincts' figures"
    )
    # The turnout's ballots cast: the file's total, and a contest's ballots.
    turnout = {
        unit.get("name", ""): int(unit.get("ballotsCast", "0"))
        for unit in root.iter("Precinct")
        if unit.get("ballotsCast") is not None
    }
    assert ("Ballots cast", sum(turnout.values()), len(turnout)) in summary.counts
    president = reader("clarity").read(
        path, path.name, "President of the United States"
    )
    assert president.ballots == sum(turnout[unit] for unit in president.units)


def test_results_lists_every_contest(certcli: Callable[..., Run]) -> None:
    path = real("20200310__mi__primary__president__kent__precinct.csv")
    run = certcli("results", str(path), "--contest", "President (REP)")
    assert run.code == 0, run.err
    assert "President (REP) · 252 precincts" in run.out
    assert "President (DEM)" not in run.out


def test_a_candidate_spelled_two_ways_across_counties_is_one_choice() -> None:
    # Maricopa writes 'TRUMP / PENCE', Cochise and Graham 'Trump / Pence'.
    arizona = real("20201103__az__general__precinct.csv")
    summary = reader("openelections").summarize(arizona, arizona.name)
    (president,) = [c for c in summary.contests if c.name == "President"]
    choices = dict(president.choices)
    assert "Trump / Pence" not in choices
    assert choices["TRUMP / PENCE"] == 1_007_107 + 46_306
    assert any(
        "'Trump / Pence' (first in row" in note and "'TRUMP / PENCE'" in note
        for note in president.notes
    )


ATKINSON_TALLY = """\
format: certcli/1
election:
  id: atkinson-2020
  title: 2020 presidential election in Atkinson County, Georgia
  jurisdiction: Atkinson County, Georgia
  office: President
  election_day: 2020-11-03
  timezone: America/New_York
  calendar: {country: US, subdivision: GA}
candidates:
  Biden: {name: Joseph R. Biden (Dem)}
  Trump: {name: Donald J. Trump (I) (Rep)}
  Jorgensen: {name: Jo Jorgensen (Lib)}
sources:
  county: {title: Atkinson County, published: 2020-11-05}
tallies:
  - id: county
    stage: unofficial
    as_of: 2020-11-05
    source: county
    results:
      file: atkinson.xml
      format: clarity
      contest: President of the United States
"""


def test_the_atkinson_notes_reach_check_margin_and_margin_by_unit(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's vote types are 345 votes above its precincts: certcli uses
    the precincts, and says so wherever a tally's figures are used."""
    (tmp_path / "atkinson.xml").write_bytes(
        real("elexclarity_ga_atkinson_precincts_11-3.xml").read_bytes()
    )
    (tmp_path / "a.yaml").write_text(ATKINSON_TALLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    checked = certcli("check", "a.yaml", "-f", "json")
    assert checked.code == 0, checked.err
    notes = [
        f["message"]
        for f in json.loads(checked.out)["findings"]
        if f["rule"] == "results-note"
    ]
    assert len(notes) == 3 and all("certcli uses the precincts'" in n for n in notes)
    margin = certcli("margin", "--data", "a.yaml", "--candidate", "Biden")
    assert "Election Day Votes" in margin.out
    by_unit = certcli(
        "margin", "--data", "a.yaml", "--candidate", "Biden", "--by", "unit"
    )
    assert "Notes of the results file" in by_unit.out
    assert "is 716 but its precincts add up to 492" in by_unit.out.replace("\n  ", " ")
