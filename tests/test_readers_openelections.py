"""The OpenElections CSV reader: county and precinct files, vote-type columns,
rows that are counts rather than choices, and bad rows located as FILE:ROW."""

from __future__ import annotations

from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.readers import openelections

RESULTS = Path(__file__).parent / "data" / "results"
COUNTY = RESULTS / "openelections-county.csv"
PRECINCT = RESULTS / "openelections-precinct.csv"
HEADER = "county,office,district,party,candidate,votes,election_day,absentee\n"


def write(tmp_path: Path, text: str | bytes, name: str = "r.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def problems(path: Path, contest: str | None = "President") -> list[str]:
    with pytest.raises(DataError) as refused:
        if contest is None:
            openelections.summarize(path, path.name)
        else:
            openelections.read(path, path.name, contest)
    return [str(problem) for problem in refused.value.problems]


def test_county_file_with_vote_types_bom_fusion_and_counts_that_are_not_choices() -> (
    None
):
    results = openelections.read(COUNTY, "c.csv", "president")
    assert results.contest == "President"
    assert results.unit_kind == "county"
    assert results.choices == ("Joseph R. Biden", "Donald J. Trump", "Jo Jorgensen")
    assert results.units == {
        "Alder": {"Joseph R. Biden": 1111, "Donald J. Trump": 1204, "Jo Jorgensen": 0},
        # Biden on two party lines in Birch: 10 (DEM) + 5 (WFP).
        "Birch": {"Joseph R. Biden": 15, "Donald J. Trump": 20, "Jo Jorgensen": 3},
    }
    assert results.unit_where == {"Alder": (2, 0), "Birch": (7, 0)}
    assert results.choice_where["Jo Jorgensen"] == (9, 0)
    assert results.timestamp is None


def test_county_file_summary() -> None:
    summary = openelections.summarize(COUNTY, "c.csv")
    assert summary.format == "openelections"
    assert [(c.name, c.unit_kind, c.units, c.choices) for c in summary.contests] == [
        (
            "President",
            "county",
            2,
            (("Joseph R. Biden", 1126), ("Donald J. Trump", 1224), ("Jo Jorgensen", 3)),
        ),
        ("U.S. House, district 5", "county", 1, (("Nikema Williams", 900),)),
    ]


def test_precinct_file_names_units_by_county_and_precinct() -> None:
    results = openelections.read(PRECINCT, "p.csv", "President")
    assert results.unit_kind == "precinct"
    assert results.units == {
        "Alder: 1A": {"Joseph R. Biden": 100, "Donald J. Trump": 120},
        "Alder: 2B": {"Joseph R. Biden": 50, "Donald J. Trump": 80},
        "Birch: 1A": {"Joseph R. Biden": 7, "Donald J. Trump": 9},
    }
    senate = openelections.read(PRECINCT, "p.csv", "State Senate, Thirty-Sixth")
    assert senate.units == {"Alder: 1A": {"Ann Example": 90}}


def test_precinct_file_without_a_county_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "precinct,office,district,party,candidate,votes\n"
        "North,Mayor,,,Ann,10\nSouth,Mayor,,,Ann,5\nSouth,Mayor,,,Bob,7\n",
    )
    results = openelections.read(path, "r.csv", "Mayor")
    assert results.units == {
        "North": {"Ann": 10, "Bob": 0},
        "South": {"Ann": 5, "Bob": 7},
    }


@pytest.mark.parametrize(
    ("row", "votes"),
    [
        ("Alder,President,,DEM,Ann,30,10,20", 30),
        ("Alder,President,,DEM,Ann,,10,20", 30),  # votes blank: the vote types
        ("Alder,President,,DEM,Ann,30,,", 30),  # no breakdown given
        ("Alder,President,,DEM,Ann,30,10,", 30),  # part of it: at most votes
    ],
)
def test_votes_is_the_total_of_its_vote_types(
    tmp_path: Path, row: str, votes: int
) -> None:
    path = write(tmp_path, HEADER + row + "\n")
    assert openelections.read(path, "r.csv", "President").units == {
        "Alder": {"Ann": votes}
    }


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "Alder,President,,DEM,Ann,31,10,20\n",
            "r.csv:2: votes is 31 but its vote types add up to 30 (election_day 10"
            " + absentee 20)",
        ),
        (
            "Alder,President,,DEM,Ann,5,10,\n",
            "r.csv:2: votes is 5 but its vote types add up to 10 (election_day 10)",
        ),
        (
            "Alder,President,,DEM,Ann,-1,,\n",
            "r.csv:2: votes '-1' is not a whole number of votes (0 or more, digits"
            " only)",
        ),
        (
            "Alder,President,,DEM,Ann,1.5,,\n",
            "r.csv:2: votes '1.5' is not a whole number of votes (0 or more, digits"
            " only)",
        ),
        (
            "Alder,President,,DEM,Ann,,,\n",
            "r.csv:2: votes '' is not a whole number of votes (0 or more, digits only)",
        ),
        (
            "Alder,President,,DEM,Ann,3,x,\n",
            "r.csv:2: election_day 'x' is not a whole number of votes (0 or more,"
            " digits only)",
        ),
        ("Alder,President,,DEM,Ann,3\n", "r.csv:2: 6 fields, but the header has 8"),
        (
            "Alder,President,,DEM,,3,,\n",
            "r.csv:2: the candidate is blank (office 'President')",
        ),
        (",President,,DEM,Ann,3,,\n", "r.csv:2: the county is blank"),
        (",,,DEM,Ann,3,,\n", "r.csv:2: the office is blank"),
        (
            "Alder,President,,DEM,Ann,3,,\nBirch,President,,DEM,Ann,4,,\n"
            "Alder,President,,DEM,Ann,3,,\n",
            "r.csv:4: repeats row 2 ('President', unit 'Alder', candidate 'Ann')",
        ),
        (
            'Alder,President,,DEM,"Ann\nLee",3,,\nAlder,President,,DEM,Bob,x,,\n',
            "r.csv:4: votes 'x' is not a whole number of votes (0 or more, digits"
            " only)",
        ),
        (
            "Alder,President,,DEM,Ann,3,,\x00\n",
            "r.csv:2: absentee '\\x00' is not a whole number of votes (0 or more,"
            " digits only)",
        ),
        (
            "Alder,President,,DEM,Ann,3,," + "9" * 200_000 + "\n",
            "r.csv:2: CSV syntax error: field larger than field limit (131072)",
        ),
    ],
)
def test_bad_rows_are_located(tmp_path: Path, rows: str, message: str) -> None:
    path = write(tmp_path, HEADER + rows)
    assert problems(path) == [message]
    assert problems(path, None) == [message]


def test_every_bad_row_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,President,,DEM,Ann,x,,\nBirch,President,,DEM,Ann,3,,\n"
        "Cedar,President,,DEM,Ann,3,9,\n",
    )
    assert problems(path) == [
        "r.csv:2: votes 'x' is not a whole number of votes (0 or more, digits only)",
        "r.csv:4: votes is 3 but its vote types add up to 9 (election_day 9)",
    ]


def test_a_byte_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (HEADER + "Alder,President,,DEM,Ann,3,,\n").encode()
        + b"M\xe1laga,President,,DEM,Ann,3,,\n",
    )
    assert problems(path) == ["r.csv:3: byte 0xe1 is not UTF-8; save the file as UTF-8"]


@pytest.mark.parametrize("end", ['"2', '"2\n'])
@pytest.mark.parametrize("contest", [None, "President"])
def test_a_quoted_field_open_at_the_end_is_a_cut_file(
    tmp_path: Path, end: str, contest: str | None
) -> None:
    path = write(tmp_path, HEADER + "Alder,President,,DEM,Ann,3,1," + end)
    # The CSV module would end the field at the end of the file: 3 = 1 + 2.
    assert problems(path, contest) == [
        "r.csv:2: CSV syntax error: a quoted field is not closed before the end"
        " of the file (is the file cut short?)"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "r.csv:1: empty file; expected a header row"),
        (
            "county,office,candidate\n",
            "r.csv:1: the header has no votes column; an OpenElections file has"
            " county, precinct, office, district, party, candidate and votes",
        ),
        (
            "office,candidate,votes\n",
            "r.csv:1: the header has no county or precinct column; an OpenElections"
            " file has county, precinct, office, district, party, candidate and votes",
        ),
        (
            "county,office,candidate,votes,votes\n",
            "r.csv:1: the header names column 'votes' twice",
        ),
    ],
)
def test_bad_headers(tmp_path: Path, text: str, message: str) -> None:
    assert problems(write(tmp_path, text)) == [message]


def test_an_unknown_contest_lists_the_contests() -> None:
    assert problems(COUNTY, "Governor") == [
        "openelections-county.csv:1: no contest 'Governor' in the file; its"
        " contests: 'President', 'U.S. House, district 5'"
    ]


def test_a_name_matching_two_contests_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,Mayor/Alcalde,,,Ann,1,,\nAlder,Alcalde/Mayor,,,Ann,1,,\n",
    )
    assert problems(path, "Mayor") == [
        "r.csv:3: 'Mayor' names more than one contest ('Mayor/Alcalde',"
        " 'Alcalde/Mayor'); give the contest's whole name"
    ]


def test_the_size_limit_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, HEADER + "Alder,President,,DEM,Ann,3,,\n")
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "20")
    assert problems(path) == [
        "r.csv:1: file is larger than the limit of 20 bytes for a results file (set"
        " CERTCLI_MAX_RESULTS_BYTES to raise it)"
    ]


@pytest.mark.parametrize(
    ("head", "claimed"),
    [
        (COUNTY.read_bytes(), True),
        (PRECINCT.read_bytes(), True),
        (b"Precinct, Office , Candidate,VOTES\r\n", True),
        (b"county,candidate,votes\n", False),
        (b"county,office,district,party,candidate\n", True),
        (b"county,Biden,Trump\nAppling,1,2\n", False),
        (b"<ElectionResult/>", False),
        (b"", False),
    ],
)
def test_sniff(head: bytes, claimed: bool) -> None:
    assert openelections.sniff(head) is claimed


def test_another_contests_bad_rows_do_not_stop_reading_this_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,President,,DEM,Ann,3,,\nAlder,Mayor,,,,x,,\n",
    )
    assert openelections.read(path, "r.csv", "President").units == {"Alder": {"Ann": 3}}
    assert problems(path, "Mayor") == [
        "r.csv:3: the candidate is blank (office 'Mayor')"
    ]
    assert problems(path, None) == ["r.csv:3: the candidate is blank (office 'Mayor')"]


def test_names_longer_than_500_characters_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Alder,President,,DEM," + "x" * 501 + ",3,,\n")
    assert problems(path) == [
        "r.csv:2: candidate is 501 characters long; a name has at most 500"
    ]
