"""The Clarity/Scytl ENR reader on real exports, on the variants real exports
show, and on broken and hostile XML."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.readers import clarity

RESULTS = Path(__file__).parent / "data" / "results"
AR = RESULTS / "clarity-ar-2014-general-county.xml"
KY = RESULTS / "clarity-ky-greenup-2014-primary-precinct.xml"
COUNTY = RESULTS / "clarity-variants-county.xml"
PRECINCT = RESULTS / "clarity-variants-precinct.xml"


def units_by_regex(path: Path, tag: str) -> dict[str, dict[str, int]]:
    """Each unit's votes per choice, found another way than the reader: regular
    expressions over the text, summing every vote type of each choice."""
    text = path.read_text(encoding="utf-8")
    units: dict[str, dict[str, int]] = {}
    for choice in re.finditer(
        r'<Choice [^>]*text="([^"]+)"[^>]*>(.*?)</Choice>', text, re.S
    ):
        for unit, votes in re.findall(
            rf'<{tag} name="([^"]+)" votes="([0-9]+)"', choice.group(2)
        ):
            counts = units.setdefault(unit, {})
            counts[choice.group(1)] = counts.get(choice.group(1), 0) + int(votes)
    return units


def problems(path: Path, contest: str | None = None) -> list[str]:
    """The problems of reading `contest`, or with None every problem that
    `summarize` finds: the file's own (raised) or its contests' (listed with
    them)."""
    if contest is None:
        try:
            summary = clarity.summarize(path, path.name)
        except DataError as err:
            return [str(problem) for problem in err.problems]
        found = summary.all_problems()
        assert found, "summarize found no problem"
        return [str(problem) for problem in sorted(found)]
    with pytest.raises(DataError) as refused:
        clarity.read(path, path.name, contest)
    return [str(problem) for problem in refused.value.problems]


# --- real exports ---------------------------------------------------------------


def test_arkansas_county_file() -> None:
    results = clarity.read(AR, "ar.xml", "U.S. Senate")
    assert results.contest == "U.S. Senate"
    assert results.unit_kind == "county"
    assert results.choices == ("Tom Cotton",)
    assert len(results.units) == 75
    # Arkansas County: Election Day 1144 + Early Vote 494 + Absentee 905 +
    # Provisional 47 (lines 168, 245, 322 and 399 of the file).
    assert results.units["Arkansas"] == {"Tom Cotton": 2590}
    assert results.units["Yell"] == {"Tom Cotton": 1761 + 1328 + 43 + 0}
    assert results.units == units_by_regex(AR, "County")
    assert results.unit_where["Arkansas"] == (168, 17)
    assert results.choice_where["Tom Cotton"] == (166, 9)
    assert results.timestamp == "11/13/2014 2:58:41 PM CST"


def test_arkansas_summary_notes_the_total_that_differs_from_its_vote_types() -> None:
    summary = clarity.summarize(AR, "ar.xml")
    assert summary.format == "clarity"
    assert summary.election == "2014 General Election"
    [contest] = summary.contests
    # The four VoteType totals of the file: 248263 + 200430 + 13319 + 111.
    assert contest.choices == (("Tom Cotton", 462_123),)
    assert (contest.name, contest.unit_kind, contest.units) == (
        "U.S. Senate",
        "county",
        75,
    )
    assert contest.notes == (
        "choice 'Tom Cotton' (line 166): the file's totalVotes is 477,734, its"
        " vote types add up to 462,123; certcli uses its counties' figures"
        " (462,123)",
    )


def test_kentucky_precinct_file() -> None:
    results = clarity.read(KY, "ky.xml", "us senator - republican")
    assert results.unit_kind == "precinct"
    assert results.choices == (
        "Matt BEVIN",
        "Brad COPAS",
        "Mitch McCONNELL",
        "Chris PAYNE",
        "Shawna STERLING",
    )
    assert len(results.units) == 33
    assert results.units["AB"] == {
        "Matt BEVIN": 29,
        "Brad COPAS": 0,
        "Mitch McCONNELL": 35,
        "Chris PAYNE": 3,
        "Shawna STERLING": 0,
    }
    assert results.units == units_by_regex(KY, "Precinct")
    totals = {
        choice: sum(unit[choice] for unit in results.units.values())
        for choice in results.choices
    }
    # The choices' totalVotes in the file (lines 117, 154, 191, 228, 265).
    assert totals == {
        "Matt BEVIN": 820,
        "Brad COPAS": 11,
        "Mitch McCONNELL": 1135,
        "Chris PAYNE": 48,
        "Shawna STERLING": 46,
    }
    summary = clarity.summarize(KY, "ky.xml")
    assert summary.contests[0].choices == tuple(totals.items())
    assert summary.contests[0].notes == ()


# --- variants -------------------------------------------------------------------


@pytest.mark.parametrize(
    "wanted",
    [
        "President of the United States",
        "Presidente de los Estados Unidos",
        "PRESIDENT OF THE UNITED STATES/PRESIDENTE DE LOS ESTADOS UNIDOS",
    ],
)
def test_bilingual_contest_names_match_either_part(wanted: str) -> None:
    results = clarity.read(COUNTY, "c.xml", wanted)
    assert results.contest == (
        "President of the United States/Presidente de los Estados Unidos"
    )
    assert results.choices == (
        "Joseph R. Biden (Dem)",
        "Donald J. Trump (I) (Rep)",
        "Jo Jorgensen (Lib)",
    )
    assert results.units == {
        "Alder": {
            "Joseph R. Biden (Dem)": 100 + 250 + 120 + 5,
            "Donald J. Trump (I) (Rep)": 400 + 90 + 150 + 1,
            "Jo Jorgensen (Lib)": 15,
        },
        "Birch": {
            "Joseph R. Biden (Dem)": 200 + 250 + 180 + 6,
            "Donald J. Trump (I) (Rep)": 300 + 110 + 150 + 3,
            "Jo Jorgensen (Lib)": 25,
        },
    }


def test_upper_case_contest_and_contest_level_vote_types_are_not_choices() -> None:
    results = clarity.read(COUNTY, "c.xml", "US Senate (Perdue)")
    assert results.contest == "US SENATE (PERDUE)"
    assert results.choices == ("DAVID A. PERDUE (I) (REP)", "JON OSSOFF (DEM)")
    assert results.units["Birch"] == {
        "DAVID A. PERDUE (I) (REP)": 650,
        "JON OSSOFF (DEM)": 650,
    }


def test_several_contests_without_turnout_attributes() -> None:
    summary = clarity.summarize(COUNTY, "c.xml")
    assert summary.timestamp == "12/7/2020 5:05:52 PM EST"
    assert [(c.name, c.units, c.unit_kind) for c in summary.contests] == [
        (
            "President of the United States/Presidente de los Estados Unidos",
            2,
            "county",
        ),
        ("US SENATE (PERDUE)", 2, "county"),
    ]
    assert summary.contests[0].choices == (
        ("Joseph R. Biden (Dem)", 1111),
        ("Donald J. Trump (I) (Rep)", 1204),
        ("Jo Jorgensen (Lib)", 40),
    )


def test_precinct_file_sums_four_vote_types_and_fills_missing_choices() -> None:
    results = clarity.read(PRECINCT, "p.xml", "President of the United States")
    assert results.unit_kind == "precinct"
    assert results.units == {
        "1A": {
            "Joseph R. Biden (Dem)": 453,
            "Donald J. Trump (I) (Rep)": 242,
            "Write-in": 3,
        },
        "2B": {
            "Joseph R. Biden (Dem)": 457,
            "Donald J. Trump (I) (Rep)": 190,
            "Write-in": 0,
        },
        "3C": {
            "Joseph R. Biden (Dem)": 153,
            "Donald J. Trump (I) (Rep)": 325,
            "Write-in": 0,
        },
    }
    assert results.units == {
        unit: {choice: votes.get(choice, 0) for choice in results.choices}
        for unit, votes in units_by_regex(PRECINCT, "Precinct").items()
        if unit in results.units
    }


def test_an_unknown_contest_lists_the_contests() -> None:
    assert problems(COUNTY, "Governor") == [
        "clarity-variants-county.xml:2:1: no contest 'Governor' in the file; its"
        " contests: 'President of the United States/Presidente de los Estados"
        " Unidos', 'US SENATE (PERDUE)'"
    ]


def test_a_name_matching_two_contests_is_refused(tmp_path: Path) -> None:
    text = COUNTY.read_text(encoding="utf-8").replace(
        'text="US SENATE (PERDUE)"', 'text="Senado/President of the United States"'
    )
    path = tmp_path / "two.xml"
    path.write_text(text, encoding="utf-8")
    assert problems(path, "President of the United States") == [
        "two.xml:61:3: 'President of the United States' names 2 contests (line"
        " 13 'President of the United States/Presidente de los Estados Unidos',"
        " line 61 'Senado/President of the United States'); give the contest's"
        " whole name, or pick one in file order with contest_number: 1 to 2"
    ]
    second = clarity.read(path, "two.xml", "President of the United States", number=2)
    assert second.contest == "Senado/President of the United States"


# --- broken files -----------------------------------------------------------------


def write(tmp_path: Path, body: str, name: str = "r.xml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


CONTEST = """<ElectionResult>
  <Contest text="C">
    <Choice text="A" totalVotes="{total}">
      <VoteType name="Election Day" votes="{type_votes}">
        <County name="X" votes="{x}" />
        <County name="Y" votes="{y}" />
      </VoteType>
    </Choice>
  </Contest>
</ElectionResult>
"""


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"x": "-3"},
            "r.xml:5:9: <County> votes '-3' is not a whole number of votes (0 or"
            " more, digits only)",
        ),
        (
            {"x": "1.5"},
            "r.xml:5:9: <County> votes '1.5' is not a whole number of votes (0 or"
            " more, digits only)",
        ),
        (
            {"x": "1,000"},
            "r.xml:5:9: <County> votes '1,000' is not a whole number of votes (0"
            " or more, digits only)",
        ),
        (
            {"x": "9" * 16},
            f"r.xml:5:9: <County> votes '{'9' * 16}' has more than 15 digits; no"
            " count of votes is that large",
        ),
        (
            {"type_votes": "ten"},
            "r.xml:4:7: <VoteType> votes 'ten' is not a whole number of votes (0"
            " or more, digits only)",
        ),
    ],
)
def test_bad_numbers_are_located(
    tmp_path: Path, values: dict[str, str], message: str
) -> None:
    figures = {"total": "30", "type_votes": "30", "x": "10", "y": "20", **values}
    path = write(tmp_path, CONTEST.format(**figures))
    assert problems(path, "C") == [message]
    assert problems(path) == [message]


def test_numbers_with_blanks_around_them_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path, CONTEST.format(total="30", type_votes=" 30", x="10 ", y="20")
    )
    assert clarity.read(path, "r.xml", "C").units == {"X": {"A": 10}, "Y": {"A": 20}}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "r.xml:1:1: XML syntax error: no element found"),
        (
            "<ElectionResult>\n  <Contest text='C'>\n</ElectionResult>",
            "r.xml:3:3: XML syntax error: mismatched tag",
        ),
        (
            "<ElectionResult>&x;</ElectionResult>",
            "r.xml:1:17: XML syntax error: undefined entity",
        ),
        (
            "<?xml version='1.0'?>\n<Results/>",
            "r.xml:2:1: not a Clarity results file: the root element is <Results>,"
            " expected <ElectionResult>",
        ),
        (
            "<ElectionResult><Contest text='C'><Choice totalVotes='1'/></Contest>"
            "</ElectionResult>",
            "r.xml:1:35: <Choice> has no text",
        ),
        (
            "<ElectionResult><Contest text='C'><Choice text='A'/><Choice text='A'/>"
            "</Contest></ElectionResult>",
            "r.xml:1:53: choice 'A' appears twice in contest 'C' (first at line 1)",
        ),
        (
            "<ElectionResult><Contest text='C'><Choice text='A'><VoteType name='E'>"
            "<County name='X' votes='1'/><County name='X' votes='2'/>"
            "</VoteType></Choice></Contest></ElectionResult>",
            "r.xml:1:99: county 'X' appears twice in one vote type of choice 'A'",
        ),
        (
            "<ElectionResult><Contest text='C'><Choice text='A'><VoteType name='E'>"
            "<County name='X' votes='1'/><Precinct name='Y' votes='2'/>"
            "</VoteType></Choice></Contest></ElectionResult>",
            "r.xml:1:99: <Precinct> in contest 'C', whose units are <County> elements",
        ),
        (
            "<ElectionResult><Contest text='C'><Choice text='A'><VoteType name='E'>"
            "<County votes='1'/></VoteType></Choice></Contest></ElectionResult>",
            "r.xml:1:71: <County> has no name",
        ),
        (
            "<ElectionResult><Contest text='C'><Choice text='A'><VoteType name='E'>"
            "<County name='X'/></VoteType></Choice></Contest></ElectionResult>",
            "r.xml:1:71: <County> 'X' has no votes",
        ),
        (
            '<?xml version="1.0" encoding="U-TF-8"?><ElectionResult/>',
            "r.xml:1:31: the XML declaration names an encoding Python does not"
            " know (unknown encoding: U-TF-8); save the file as UTF-8",
        ),
    ],
)
def test_broken_files_are_located(tmp_path: Path, body: str, message: str) -> None:
    assert problems(write(tmp_path, body)) == [message]


def test_a_unit_spelled_two_ways_in_one_contest_is_refused(tmp_path: Path) -> None:
    # Two units to `results`, while a tally compares units case-folded and
    # refuses them: refused alike, once for each other spelling.
    path = write(
        tmp_path,
        "<ElectionResult>\n"
        "<Contest text='C'>\n"
        "<Choice text='A'><VoteType name='E'>\n"
        "<County name='Alder' votes='1'/><County name='ALDER' votes='2'/>\n"
        "</VoteType><VoteType name='M'>\n"
        "<County name='Alder' votes='3'/><County name='ALDER' votes='4'/>\n"
        "</VoteType></Choice>\n"
        "<Choice text='B'><VoteType name='E'>\n"
        "<County name='alder' votes='5'/>\n"
        "</VoteType></Choice>\n"
        "</Contest>\n"
        # Another contest's units are its own: 'ALDER' alone is no problem.
        "<Contest text='D'><Choice text='A'><VoteType name='E'>\n"
        "<County name='ALDER' votes='6'/>\n"
        "</VoteType></Choice></Contest>\n"
        "</ElectionResult>\n",
    )
    expected = [
        "r.xml:4:33: unit 'ALDER' is the same as unit 'Alder' (names are compared"
        " case-folded; first at line 4)",
        "r.xml:9:1: unit 'alder' is the same as unit 'Alder' (names are compared"
        " case-folded; first at line 4)",
    ]
    summary = clarity.summarize(path, "r.xml")
    assert [
        (contest.name, [str(problem) for problem in contest.problems])
        for contest in summary.contests
    ] == [("C", expected), ("D", [])]
    assert problems(path, "C") == expected
    assert clarity.read(path, "r.xml", "D").units == {"ALDER": {"A": 6}}


def test_a_contest_without_units_is_refused_for_reading(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "<ElectionResult>\n<Contest text='C'>\n<Choice text='A' totalVotes='7'/>"
        "\n</Contest>\n</ElectionResult>\n",
    )
    assert problems(path, "C") == [
        "r.xml:2:1: contest 'C' has no results by county or precinct"
    ]
    [contest] = clarity.summarize(path, "r.xml").contests
    assert (contest.choices, contest.units, contest.unit_kind) == (
        (("A", 7),),
        0,
        "unit",
    )


def test_many_problems_are_reported_together_up_to_a_bound(tmp_path: Path) -> None:
    units = "".join(f"<County name='U{n}' votes='x'/>" for n in range(80))
    path = write(
        tmp_path,
        "<ElectionResult><Contest text='C'><Choice text='A'><VoteType name='E'>"
        f"{units}</VoteType></Choice></Contest></ElectionResult>",
    )
    found = problems(path, "C")
    assert len(found) == clarity.MAX_PROBLEMS
    assert all("votes 'x' is not a whole number" in line for line in found)


# --- hostile XML ------------------------------------------------------------------

DTD_REFUSED = (
    "a DTD (<!DOCTYPE ...>) is not allowed in a results file: certcli reads no"
    " DTD, entity or external reference"
)
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ElectionResult><Timestamp>&lol9;</Timestamp></ElectionResult>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE ElectionResult [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ElectionResult><Timestamp>&secret;</Timestamp></ElectionResult>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE ElectionResult SYSTEM "http://example.invalid/clarity.dtd">
<ElectionResult/>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE ElectionResult [<!ENTITY % r SYSTEM "http://example.invalid/x"> %r;]>
<ElectionResult/>
"""


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (BILLION_LAUGHS, "2:16"),
        (XXE, "2:26"),
        (EXTERNAL_DTD, "2:69"),
        (PARAMETER_ENTITY, "2:26"),
    ],
    ids=["billion-laughs", "xxe", "external-dtd", "parameter-entity"],
)
def test_dtds_and_entities_are_refused_where_they_start(
    tmp_path: Path, body: str, where: str
) -> None:
    path = write(tmp_path, body)
    assert problems(path) == [f"r.xml:{where}: {DTD_REFUSED}"]
    assert problems(path, "C") == [f"r.xml:{where}: {DTD_REFUSED}"]


def test_deep_nesting_is_refused_at_the_limit(tmp_path: Path) -> None:
    deep = "<ElectionResult>" + "<a>" * 100_000 + "</a>" * 100_000 + "</ElectionResult>"
    # The root and 63 <a> take 16 + 63 * 3 columns; the 64th <a> is refused.
    assert problems(write(tmp_path, deep)) == [
        "r.xml:1:206: elements nested deeper than 64 levels"
    ]
    within = "<ElectionResult>" + "<a>" * 63 + "</a>" * 63 + "</ElectionResult>"
    assert clarity.summarize(write(tmp_path, within), "r.xml").contests == ()


def test_the_size_limit_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, CONTEST.format(total="30", type_votes="30", x="10", y="20"))
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", str(path.stat().st_size))
    assert clarity.read(path, "r.xml", "C").units["Y"] == {"A": 20}
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", str(path.stat().st_size - 1))
    assert problems(path, "C") == [
        f"r.xml:1: file is larger than the limit of {path.stat().st_size - 1}"
        " bytes for a results file (set CERTCLI_MAX_RESULTS_BYTES to raise it)"
    ]


def test_a_contest_is_required_for_reading() -> None:
    with pytest.raises(DataError, match="a Clarity file holds many contests"):
        clarity.read(AR, "ar.xml", None)


@pytest.mark.parametrize(
    ("head", "claimed"),
    [
        (AR.read_bytes()[:4096], True),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<ElectionResult>', True),
        (b"<ElectionResult/>", True),
        (b'<?xml version="1.0"?>\n<Results/>', False),
        (b"county,office,candidate,votes\n", False),
        (b"", False),
    ],
)
def test_sniff(head: bytes, claimed: bool) -> None:
    assert clarity.sniff(head) is claimed


# --- detailxml.zip --------------------------------------------------------------


def zipped(tmp_path: Path, members: dict[str, bytes], name: str = "d.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_a_zipped_detail_xml_reads_as_the_file_itself(tmp_path: Path) -> None:
    path = zipped(tmp_path, {"detail.xml": AR.read_bytes()})
    assert clarity.sniff(path.read_bytes()[:4096])
    assert clarity.read(path, "d.zip", "U.S. Senate") == clarity.read(
        AR, "d.zip", "U.S. Senate"
    )
    assert clarity.summarize(path, "d.zip") == clarity.summarize(AR, "d.zip")


def test_problems_inside_an_archive_name_the_member(tmp_path: Path) -> None:
    path = zipped(tmp_path, {"detail.xml": b"<ElectionResult>\n<Timestamp>"})
    assert problems(path) == [
        "d.zip!detail.xml:2:12: XML syntax error: no element found"
    ]
    path = zipped(tmp_path, {"detail.xml": AR.read_bytes()})
    assert problems(path, "Governor") == [
        "d.zip!detail.xml:4:1: no contest 'Governor' in the file; its contests:"
        " 'U.S. Senate'"
    ]


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"detail.xml": b"<a/>", "summary.xml": b"<a/>"},
            "d.zip:1: a zip archive of results must hold exactly one .xml file"
            " (Clarity's detailxml.zip holds detail.xml); this one holds"
            " 'detail.xml', 'summary.xml'",
        ),
        (
            {"readme.txt": b"hello"},
            "d.zip:1: a zip archive of results must hold exactly one .xml file"
            " (Clarity's detailxml.zip holds detail.xml); this one holds"
            " 'readme.txt'",
        ),
    ],
)
def test_an_archive_must_hold_one_xml_file(
    tmp_path: Path, members: dict[str, bytes], message: str
) -> None:
    assert problems(zipped(tmp_path, members)) == [message]


def test_a_zip_bomb_is_refused_when_it_unpacks_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = b"<ElectionResult>" + b" " * 5_000_000 + b"</ElectionResult>"
    path = zipped(tmp_path, {"detail.xml": bomb})
    assert path.stat().st_size < 20_000
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "1000000")
    assert problems(path) == [
        "d.zip!detail.xml:1: unpacks to more than the limit of 1000000 bytes"
        " (set CERTCLI_MAX_RESULTS_BYTES to raise it)"
    ]


def test_a_damaged_archive_is_refused(tmp_path: Path) -> None:
    good = zipped(tmp_path, {"detail.xml": AR.read_bytes()}).read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(good[: len(good) // 2])
    [message] = problems(path)
    assert message.startswith("cut.zip:1: a damaged zip archive (")


def test_an_archive_that_misstates_its_size_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = b"<ElectionResult>" + b" " * 5_000_000 + b"</ElectionResult>"
    data = bytearray(zipped(tmp_path, {"detail.xml": bomb}).read_bytes())
    # Claim 1,000 unpacked bytes in the local header (offset 22) and in the
    # central directory (offset 24 of its entry).
    data[22:26] = (1000).to_bytes(4, "little")
    entry = data.index(b"PK\x01\x02")
    data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
    path = tmp_path / "lie.zip"
    path.write_bytes(bytes(data))
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "1000000")
    assert problems(path) == [
        "lie.zip:1: a damaged zip archive (Bad CRC-32 for file 'detail.xml')"
    ]


def test_another_contests_mistakes_do_not_stop_reading_this_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "<ElectionResult>\n<Contest key='7'><Choice text='A'><VoteType name='E'>"
        "<County name='X' votes='-1'/></VoteType></Choice></Contest>\n"
        + CONTEST.format(total="30", type_votes="30", x="10", y="20")
        .replace("<ElectionResult>\n", "")
        .replace("</ElectionResult>\n", "")
        + "</ElectionResult>\n",
    )
    assert clarity.read(path, "r.xml", "C").units == {"X": {"A": 10}, "Y": {"A": 20}}
    assert problems(path) == [
        "r.xml:2:1: <Contest> has no text",
        "r.xml:2:54: <County> votes '-1' is not a whole number of votes (0 or more,"
        " digits only)",
    ]


def test_names_longer_than_500_characters_are_refused(tmp_path: Path) -> None:
    long = "x" * 501
    path = write(
        tmp_path,
        f"<ElectionResult>\n<Timestamp>{long}</Timestamp>\n<Contest text='{long}'>"
        f"</Contest>\n<Contest text='C'><Choice text='{long}'/></Contest>\n"
        "</ElectionResult>",
    )
    assert problems(path) == [
        "r.xml:2:513: <Timestamp> is 501 characters long; a name has at most 500",
        "r.xml:3:1: <Contest> text is 501 characters long; a name has at most 500",
        "r.xml:4:19: <Choice> text is 501 characters long; a name has at most 500",
    ]
    # Each problem in a contest is listed with it; the rest are the file's.
    summary = clarity.summarize(path, "r.xml")
    assert [str(found) for found in summary.problems] == [
        "r.xml:2:513: <Timestamp> is 501 characters long; a name has at most 500",
        "r.xml:3:1: <Contest> text is 501 characters long; a name has at most 500",
    ]
    assert [str(found) for found in summary.contests[1].problems] == [
        "r.xml:4:19: <Choice> text is 501 characters long; a name has at most 500",
    ]
    # Reading contest C: the names of the file are still checked as it is read.
    assert problems(path, "C") == [
        "r.xml:2:513: <Timestamp> is 501 characters long; a name has at most 500",
        "r.xml:4:19: <Choice> text is 501 characters long; a name has at most 500",
    ]


def test_a_tag_that_never_ends_is_refused_before_it_is_buffered(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "<ElectionResult>\n<Contest text='" + "a" * 3_000_000 + "'/></ElectionResult>",
    )
    assert problems(path) == [
        "r.xml:2:1: more than 1,048,576 bytes without a '>' after this point: a tag,"
        " text or comment too long for a results file"
    ]


def test_a_vote_type_that_differs_from_its_units_is_a_note_naming_both(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, CONTEST.format(total="31", type_votes="31", x="10", y="20"))
    # The units are what a tally reads: 10 + 20.
    assert clarity.read(path, "r.xml", "C").units == {"X": {"A": 10}, "Y": {"A": 20}}
    [contest] = clarity.summarize(path, "r.xml").contests
    assert contest.choices == (("A", 30),)
    assert contest.problems == ()
    assert contest.notes == (
        "choice 'A', vote type 'Election Day': votes (line 4) is 31 but its"
        " counties add up to 30 (a difference of +1); certcli uses the counties'"
        " figures",
    )


def test_votes_that_no_unit_gives_are_never_counted_as_zero(tmp_path: Path) -> None:
    body = CONTEST.format(total="30", type_votes="30", x="10", y="20").replace(
        "  </Contest>",
        '    <Choice text="B" totalVotes="500" />\n'
        '    <Choice text="D"><VoteType name="Mail" votes="7" /></Choice>\n'
        "  </Contest>",
    )
    path = write(tmp_path, body)
    expected = [
        "r.xml:9:5: choice 'B': totalVotes is 500 votes but no county gives"
        " them, so they cannot be counted by unit (certcli would count 0)",
        "r.xml:10:22: choice 'D': vote type 'Mail' gives 7 votes but no county"
        " gives them, so they cannot be counted by unit (certcli would count 0)",
    ]
    assert problems(path, "C") == expected
    assert problems(path) == expected
    [contest] = clarity.summarize(path, "r.xml").contests
    # The listing shows the file's figures, with the problems.
    assert contest.choices == (("A", 30), ("B", 500), ("D", 7))


# --- the turnout: ballots cast and registered voters by unit ------------------


def turnout_by_regex(path: Path, attribute: str) -> dict[str, int]:
    """The turnout's figure of each unit, found with a regular expression."""
    text = path.read_text(encoding="utf-8")
    turnout = re.search(r"<VoterTurnout.*?</VoterTurnout>", text, re.S)
    assert turnout is not None
    return {
        name: int(value)
        for name, value in re.findall(
            rf'<Precinct name="([^"]+)"[^>]*?{attribute}="([0-9]+)"', turnout.group(0)
        )
    }


@pytest.mark.parametrize("path", [PRECINCT, KY])
def test_a_contest_read_has_the_ballots_cast_its_units_give(path: Path) -> None:
    ballots = turnout_by_regex(path, "ballotsCast")
    name = clarity.summarize(path, path.name).contests[-1].name
    read = clarity.read(path, path.name, name)
    assert set(read.units) <= set(ballots)
    assert read.ballots == sum(ballots[unit] for unit in read.units)


def test_results_lists_the_turnout_totals() -> None:
    ballots = turnout_by_regex(PRECINCT, "ballotsCast")
    voters = turnout_by_regex(PRECINCT, "totalVoters")
    summary = clarity.summarize(PRECINCT, PRECINCT.name)
    assert summary.counts == (
        ("Ballots cast", sum(ballots.values()), len(ballots)),
        ("Registered voters", sum(voters.values()), len(voters)),
    )
    # A turnout without figures (the county variant) gives none.
    assert clarity.summarize(COUNTY, COUNTY.name).counts == ()


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ('<Precinct name="3C" totalVoters="1000" ballotsCast="650" />', "missing"),
        (
            '<Precinct name="3C" totalVoters="1000" ballotsCast="650" />'
            '<Precinct name="3C" totalVoters="1000" ballotsCast="650" />',
            "twice",
        ),
        ('<Precinct name="3C" totalVoters="1000" ballotsCast="6x0" />', "bad"),
    ],
)
def test_ballots_are_left_out_unless_every_unit_gives_them_once(
    tmp_path: Path, change: str, why: str
) -> None:
    line = '<Precinct name="3C" totalVoters="1000" ballotsCast="650" />'
    text = PRECINCT.read_text(encoding="utf-8")
    assert line in text
    path = tmp_path / "detail.xml"
    path.write_text(text.replace(line, "" if why == "missing" else change), "utf-8")
    name = clarity.summarize(path, path.name).contests[-1].name
    read = clarity.read(path, path.name, name)  # a bad figure is no problem
    assert "3C" in read.units
    assert read.ballots is None


def test_ballots_fewer_than_the_contests_votes_are_not_its_ballots(
    tmp_path: Path,
) -> None:
    """A vote-for-several contest has more votes than ballots."""
    text = PRECINCT.read_text(encoding="utf-8")
    path = tmp_path / "detail.xml"
    path.write_text(re.sub(r'ballotsCast="[0-9]+"', 'ballotsCast="1"', text), "utf-8")
    name = clarity.summarize(path, path.name).contests[-1].name
    read = clarity.read(path, path.name, name)
    assert sum(sum(votes.values()) for votes in read.units.values()) > 3
    assert read.ballots is None
