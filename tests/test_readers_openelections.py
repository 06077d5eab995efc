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
    """The problems of reading `contest`, or with None every problem that
    `summarize` finds: the file's own (raised) or its contests' (listed with
    them)."""
    if contest is None:
        try:
            summary = openelections.summarize(path, path.name)
        except DataError as err:
            return [str(problem) for problem in err.problems]
        found = summary.all_problems()
        assert found, "summarize found no problem"
        return [str(problem) for problem in sorted(found)]
    with pytest.raises(DataError) as refused:
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


def test_votes_added_across_party_lines_are_a_note() -> None:
    """Fusion is right in a general election and wrong in a primary whose
    file name does not say so: the note says which was done, and how."""
    summary = openelections.summarize(COUNTY, "c.csv")
    assert summary.contests[0].notes == (
        "1 choice on several party lines, each line's votes added up (fusion"
        " voting): 'Joseph R. Biden': 'DEM', 'WFP'. In a primary each party's"
        " contest is its own when the file is named as OpenElections names"
        " primaries (DATE__STATE__primary__...)",
    )


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
            "Alder,President,,DEM,Ann,29,10,20\n",
            "r.csv:2: votes is 29 but its vote types add up to 30 (election_day 10"
            " + absentee 20), more than votes",
        ),
        (
            "Alder,President,,DEM,Ann,5,10,\n",
            "r.csv:2: votes is 5 but its vote types add up to 10 (election_day 10),"
            " more than votes",
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
            "r.csv:4: repeats an earlier row ('President', unit 'Alder', candidate"
            " 'Ann')",
        ),
        (
            'Alder,President,,DEM,"Ann\nLee",3,,\nAlder,President,,DEM,Bob,x,,\n',
            "r.csv:4: votes 'x' is not a whole number of votes (0 or more, digits"
            " only)",
        ),
        (
            "Alder,President,,DEM,Ann,3,,\x00\n",
            "r.csv:2: a NUL byte (0x00), which a text file does not hold",
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
        "r.csv:4: votes is 3 but its vote types add up to 9 (election_day 9), more"
        " than votes",
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
            "r.csv:1: the header has no county, precinct or ward column; an"
            " OpenElections file has county, precinct, office, district, party,"
            " candidate and votes",
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
        "r.csv:3: 'Mayor' names 2 contests (row 2 'Mayor/Alcalde', row 3"
        " 'Alcalde/Mayor'); give the contest's whole name, or pick one in file"
        " order with contest_number: 1 to 2"
    ]
    assert openelections.read(path, "r.csv", "Mayor", number=2).contest == (
        "Alcalde/Mayor"
    )
    with pytest.raises(DataError) as refused:
        openelections.read(path, "r.csv", "Mayor", number=3)
    assert str(refused.value) == (
        "r.csv:3: contest_number is 3, but 'Mayor' names 2 contests (row 2"
        " 'Mayor/Alcalde', row 3 'Alcalde/Mayor')"
    )


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


# --- the forms of real files (issue 18) ----------------------------------------


PRIMARY = (
    "county,precinct,office,district,party,candidate,votes\n"
    "Kent,P1,President,,DEM,Joe Biden,10\n"
    "Kent,P1,President,,DEM,Bernie Sanders,8\n"
    "Kent,P1,President,,DEM,write-in,1\n"
    "Kent,P1,President,,REP,Donald Trump,20\n"
    "Kent,P1,President,,REP,write-in,2\n"
)


def test_a_primary_is_one_contest_per_party(tmp_path: Path) -> None:
    path = write(tmp_path, PRIMARY, "20200310__mi__primary__president.csv")
    summary = openelections.summarize(path, path.name)
    assert [(c.name, c.choices) for c in summary.contests] == [
        (
            "President (DEM)",
            (("Joe Biden", 10), ("Bernie Sanders", 8), ("write-in", 1)),
        ),
        ("President (REP)", (("Donald Trump", 20), ("write-in", 2))),
    ]
    rep = openelections.read(path, path.name, "President (REP)")
    assert rep.units == {"Kent: P1": {"Donald Trump": 20, "write-in": 2}}
    # "President" alone names both: the tally must say which.
    assert problems(path, "President") == [
        "20200310__mi__primary__president.csv:5: 'President' names 2 contests"
        " (row 2 'President (DEM)', row 5 'President (REP)'); give the contest's"
        " whole name, or pick one in file order with contest_number: 1 to 2"
    ]


@pytest.mark.parametrize(
    ("name", "primary"),
    [
        ("20200310__mi__primary__president__kent__precinct.csv", True),
        ("20200609__ga__primary__president.csv", True),
        ("20180605__ca__special_primary.csv", True),
        ("20201103__az__general__precinct.csv", False),
        ("primary.csv", False),  # not named as OpenElections names files
        ("results/20201103__ga__general__primary_county.csv", True),
    ],
)
def test_a_primary_is_told_by_the_file_name(name: str, primary: bool) -> None:
    assert openelections.is_primary(name) is primary


def test_a_general_election_keeps_one_contest_whatever_the_parties(
    tmp_path: Path,
) -> None:
    # Several candidates of one party in one unit: a multi-seat general (three
    # Corporation Commissioners), not a primary.
    path = write(
        tmp_path,
        "county,precinct,office,district,party,candidate,votes\n"
        "Yuma,P1,Corporation Commissioner,,REP,A,1\n"
        "Yuma,P1,Corporation Commissioner,,REP,B,2\n"
        "Yuma,P1,Corporation Commissioner,,DEM,C,3\n"
        "Yuma,P1,Corporation Commissioner,,DEM,D,4\n",
        "20201103__az__general__precinct.csv",
    )
    [contest] = openelections.summarize(path, path.name).contests
    assert contest.name == "Corporation Commissioner"
    assert contest.choices == (("A", 1), ("B", 2), ("C", 3), ("D", 4))


def test_an_office_that_says_primary_is_one_contest_per_party(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,Governor Primary,,DEM,Ann,1,,\n"
        "Alder,Governor Primary,,REP,Bob,2,,\n",
    )
    names = [c.name for c in openelections.summarize(path, "r.csv").contests]
    assert names == ["Governor Primary (DEM)", "Governor Primary (REP)"]


WARDS = (
    "county,ward,office,district,total votes,party,candidate,votes\n"
    'Milwaukee,"Village Of Bayside Wards 1,1S",Court of Appeals,1,433,NP,Ann,427\n'
    'Milwaukee,"Village Of Bayside Wards 1,1S",Court of Appeals,1,433,,Scattering,6\n'
    'Milwaukee,"Village Of Bayside Wards 2,4",Court of Appeals,1,522,NP,Ann,514\n'
    "Dane,Town Of Albion Ward 1,Court of Appeals,1,100,NP,Ann,99\n"
)


def test_wards_are_units(tmp_path: Path) -> None:
    path = write(tmp_path, WARDS)
    results = openelections.read(path, "r.csv", "Court of Appeals, district 1")
    assert results.unit_kind == "ward"
    assert results.units == {
        "Milwaukee: Village Of Bayside Wards 1,1S": {"Ann": 427, "Scattering": 6},
        "Milwaukee: Village Of Bayside Wards 2,4": {"Ann": 514, "Scattering": 0},
        "Dane: Town Of Albion Ward 1": {"Ann": 99, "Scattering": 0},
    }


def test_the_tally_names_the_unit_column(tmp_path: Path) -> None:
    path = write(tmp_path, WARDS)
    results = openelections.read(
        path, "r.csv", "Court of Appeals, district 1", unit_column="County"
    )
    assert results.unit_kind == "county"
    assert results.units == {
        "Milwaukee": {"Ann": 941, "Scattering": 6},
        "Dane": {"Ann": 99, "Scattering": 0},
    }
    assert problems_with_unit_column(path, "Municipality") == [
        "r.csv:1: no column 'Municipality' for the units (unit_column); columns:"
        " county, ward, office, district, total votes, party, candidate, votes"
    ]


def problems_with_unit_column(path: Path, column: str) -> list[str]:
    with pytest.raises(DataError) as refused:
        openelections.read(path, path.name, "Court of Appeals", unit_column=column)
    return [str(problem) for problem in refused.value.problems]


@pytest.mark.parametrize(
    "spelling",
    [
        "Ballots Cast Blank",
        "Ballots Cast - Blank",
        "BALLOTS CAST - TOTAL",
        "ballots_cast",
        "Registered Voters",
        "REGISTERED  VOTERS",
        "Over Votes",
        "Under Votes",
        "Undervotes",
        "Total Votes",
    ],
)
def test_counts_are_never_a_contest_or_a_choice_however_spelled(
    tmp_path: Path, spelling: str
) -> None:
    path = write(
        tmp_path,
        HEADER + f"Alder,{spelling},,,,7,,\nAlder,President,,DEM,Ann,3,,\n"
        f"Alder,President,,,{spelling},4,,\n",
    )
    [contest] = openelections.summarize(path, "r.csv").contests
    assert (contest.name, contest.choices, contest.problems) == (
        "President",
        (("Ann", 3),),
        (),
    )


def test_ballots_cast_are_kept_for_the_tally(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,Ballots Cast,,,,12,,\nBirch,BALLOTS CAST - TOTAL,,,,20,,\n"
        "Alder,Registered Voters,,,,30,,\n"
        "Alder,President,,DEM,Ann,3,,\nBirch,President,,DEM,Ann,4,,\n",
    )
    assert openelections.read(path, "r.csv", "President").ballots == 32
    assert openelections.summarize(path, "r.csv").counts == (
        ("Ballots cast", 32, 2),
        ("Registered voters", 30, 1),
    )


def test_write_ins_are_one_choice_whatever_the_spelling(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,President,,DEM,Ann,3,,\nAlder,President,,,Write-ins,2,,\n"
        "Birch,President,,,Write-In Totals,5,,\n"
        # Cedar lists its write-in candidates: its total of them is left out.
        "Cedar,President,,,Write-In Totals,4,,\n"
        "Cedar,President,,,Write-In: Lee,1,,\nCedar,President,,,Write-In: Kim,2,,\n",
    )
    results = openelections.read(path, "r.csv", "President")
    assert results.choices == ("Ann", "Write-ins", "Write-In: Lee", "Write-In: Kim")
    assert results.units["Birch"]["Write-ins"] == 5
    assert results.units["Cedar"] == {
        "Ann": 0,
        "Write-ins": 0,
        "Write-In: Lee": 1,
        "Write-In: Kim": 2,
    }
    [contest] = openelections.summarize(path, "r.csv").contests
    assert contest.notes == (
        "'Write-ins' is left out in the 1 unit(s) that list write-in candidates,"
        " whose total it is; it differs from their sum in Cedar (4 against 3)",
    )


def test_a_file_with_vote_types_and_no_votes_column_sums_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "county,precinct,office,district,party,candidate,election_day_votes,"
        "advanced_votes,absentee_by_mail_votes,provisional_votes\n"
        "Appling,not available,President,,Democrat,Ann,381,1024,155,0\n"
        "Bacon,not available,President,,Democrat,Ann,1,2,,\n",
    )
    results = openelections.read(path, "r.csv", "President")
    # "not available" precincts: a county-level file.
    assert results.unit_kind == "county"
    assert results.units == {"Appling": {"Ann": 1560}, "Bacon": {"Ann": 3}}


def test_a_partial_breakdown_is_a_note_and_votes_are_used(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,President,,DEM,Ann,31,10,20\nBirch,President,,DEM,Ann,9,1,2\n",
    )
    assert openelections.read(path, "r.csv", "President").units == {
        "Alder": {"Ann": 31},
        "Birch": {"Ann": 9},
    }
    [contest] = openelections.summarize(path, "r.csv").contests
    assert contest.notes == (
        "2 row(s) give vote types that add up to less than votes (a partial"
        " breakdown; first in row 2: votes 31, vote types 30); certcli uses votes",
    )


def test_figures_with_thousands_separators_are_read_with_a_note(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        HEADER + 'Alder,President,,DEM,Ann,"1,163","1,000",163\n'
        'Birch,President,,DEM,Ann,"4 ,063",,\nCedar,Mayor,,,Bob,"12,5",,\n',
    )
    summary = openelections.summarize(path, "r.csv")
    president, mayor = summary.contests
    assert president.choices == (("Ann", 1163),)
    assert president.notes == (
        "2 figure(s) are written with thousands separators (1 in column"
        " 'election_day', 1 in column 'votes'; first in row 2: '1,000'); read"
        " without them",
    )
    assert [str(p) for p in president.problems] == [
        "r.csv:3: votes '4 ,063' is not a whole number of votes (0 or more, digits"
        " only)"
    ]
    assert [str(p) for p in mayor.problems] == [
        "r.csv:4: votes '12,5' is not a whole number of votes (0 or more, digits only)"
    ]


def test_rows_without_any_figure_are_passed_over_with_a_note(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,President,,DEM,Ann,3,,\nBirch,President,,DEM,Ann,,,\n",
    )
    assert openelections.read(path, "r.csv", "President").units == {"Alder": {"Ann": 3}}
    [contest] = openelections.summarize(path, "r.csv").contests
    assert contest.notes == (
        "1 row(s) give no figure at all (votes and vote types blank; first in row"
        " 3); passed over, as no votes of that candidate in that unit",
    )


def test_one_bad_contest_is_listed_with_its_problems_among_the_others(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,President,,DEM,Ann,3,,\nAlder,Mayor,,,Bob,x,,\n"
        "Alder,Mayor,,,Cy,2,,\n,,,,Dee,1,,\n",
    )
    summary = openelections.summarize(path, "r.csv")
    assert [(c.name, [str(p) for p in c.problems]) for c in summary.contests] == [
        ("President", []),
        (
            "Mayor",
            [
                "r.csv:3: votes 'x' is not a whole number of votes (0 or more,"
                " digits only)"
            ],
        ),
    ]
    assert [str(p) for p in summary.problems] == ["r.csv:5: the office is blank"]


def test_offices_in_another_case_are_one_contest(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Alder,CORPORATION COMMISSIONER,,,Ann,3,,\n"
        "Birch,Corporation Commissioner,,,Ann,4,,\n",
    )
    [contest] = openelections.summarize(path, "r.csv").contests
    assert (contest.name, contest.units) == ("CORPORATION COMMISSIONER", 2)


def test_a_raw_export_is_refused_for_what_it_is(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "updated_at,id,office,district,name_raw,party,jurisdiction,votes,votes_type\n",
    )
    assert openelections.sniff(path.read_bytes())
    assert problems(path) == [
        "r.csv:1: an OpenElections raw export (name_raw, jurisdiction and votes_type"
        " columns: one row per vote type, candidates unparsed), not OpenElections'"
        " cleaned form; an OpenElections file has county, precinct, office,"
        " district, party, candidate and votes (the cleaned files are in"
        " openelections-data-XX)"
    ]


TALLY = """\
format: certcli/1
election:
  id: mi-2020
  title: Michigan primary 2020
  jurisdiction: Kent County
  office: President
  election_day: 2020-03-10
  timezone: America/Detroit
  calendar: {country: US}
candidates:
  trump: {name: Donald Trump}
  walsh: {name: Joe Walsh}
sources:
  clerk: {title: County clerk, published: 2020-03-20}
tallies:
  - id: certified
    stage: certified
    as_of: 2020-03-20
    source: clerk
    results:
      file: 20200310__mi__primary__president.csv
      format: openelections
      contest: President (REP)
      unit_column: county
claims: []
"""


def test_a_tally_reads_one_party_of_a_primary_by_the_unit_it_names(
    tmp_path: Path,
) -> None:
    from certcli.loaded.loader import load

    write(
        tmp_path,
        "county,precinct,office,district,party,candidate,votes\n"
        "Kent,Ballots Cast,Ballots Cast,,,,0\n"  # a precinct named like a count
        "Kent,P1,Ballots Cast,,,,40\nKent,P2,Ballots Cast,,,,30\n"
        "Kent,P1,President,,REP,Donald Trump,20\nKent,P1,President,,REP,Joe Walsh,1\n"
        "Kent,P1,President,,REP,write-in,2\nKent,P1,President,,DEM,Joe Biden,15\n"
        "Kent,P2,President,,REP,Donald Trump,25\nKent,P2,President,,DEM,Joe Biden,4\n",
        "20200310__mi__primary__president.csv",
    )
    (tmp_path / "kent.yaml").write_text(TALLY, encoding="utf-8")
    [tally] = load(tmp_path / "kent.yaml", "kent.yaml").model.tallies
    # One county: its two precincts add up; write-ins count in the total only.
    assert tally.votes == {"trump": 45, "walsh": 1}
    assert tally.total == 48
    assert tally.ballots == 70
