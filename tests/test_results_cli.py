"""`certcli results`: exit codes, stdout and stderr together, every format."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli import readers
from certcli.readers import detect
from certcli.render.formats import (
    RESULTS_FORMATS,
    RESULTS_INPUT_FORMATS,
    RESULTS_RENDERERS,
)
from conftest import Run

RESULTS = Path(__file__).parent / "data" / "results"
AR = RESULTS / "clarity-ar-2014-general-county.xml"
KY = RESULTS / "clarity-ky-greenup-2014-primary-precinct.xml"
OE = RESULTS / "openelections-county.csv"

AR_TABLE = f"""\
{AR}
Format: clarity, a Clarity/Scytl ENR detail.xml
Election: 2014 General Election
Timestamp: 11/13/2014 2:58:41 PM CST
1 contest
Ballots cast: 850,615 over 75 units
Registered voters: 1,690,577 over 75 units

U.S. Senate · 75 counties
  Choice         Votes
  ────────────────────
  Tom Cotton   462,123
  Total        462,123
  Note: choice 'Tom Cotton' (line 166): the file's totalVotes is 477,734, its
  vote types add up to 462,123; certcli uses its counties' figures (462,123)

A tally reads a contest with (file: relative to the data file):
  results:
    file: "{AR}"
    format: clarity
    contest: "U.S. Senate"
"""


def test_table_on_the_arkansas_sample(certcli: Callable[..., Run]) -> None:
    assert certcli("results", AR) == Run(0, AR_TABLE, "")


def test_json_on_the_kentucky_sample(certcli: Callable[..., Run]) -> None:
    run = certcli("results", KY, "-f", "json")
    assert (run.code, run.err) == (0, "")
    assert json.loads(run.out) == {
        "format": "certcli-results/1",
        "file": str(KY),
        "input_format": "clarity",
        "election": "2014 Primary Election",
        "timestamp": "5/20/2014 8:19:21 PM EDT",
        "contests": [
            {
                "name": "US Senator - REPUBLICAN",
                "unit_kind": "precinct",
                "units": 33,
                "total": 2060,
                "choices": [
                    {"name": "Matt BEVIN", "votes": 820},
                    {"name": "Brad COPAS", "votes": 11},
                    {"name": "Mitch McCONNELL", "votes": 1135},
                    {"name": "Chris PAYNE", "votes": 48},
                    {"name": "Shawna STERLING", "votes": 46},
                ],
                "notes": [],
                "problems": [],
            }
        ],
        "counts": [{"name": "Ballots cast", "votes": 5926, "units": 33}],
        "problems": [],
    }


def test_openelections_is_recognised_and_can_be_named(
    certcli: Callable[..., Run],
) -> None:
    detected = certcli("results", OE, "-f", "json")
    named = certcli("results", OE, "--input-format", "openelections", "-f", "json")
    assert detected == named
    document = json.loads(detected.out)
    assert document["input_format"] == "openelections"
    assert [contest["name"] for contest in document["contests"]] == [
        "President",
        "U.S. House, district 5",
    ]


def test_output_file(certcli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert certcli("results", AR, "-f", "json", "-o", target) == Run(0, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["contests"][0]["units"] == 75


def test_the_input_is_never_the_output(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    copy = tmp_path / "r.xml"
    copy.write_bytes(AR.read_bytes())
    run = certcli("results", copy, "-o", copy)
    assert run.code == 2
    assert "is a file certcli read in this run" in run.err
    assert copy.read_bytes() == AR.read_bytes()


def test_hostile_xml_is_exit_2_with_a_located_message(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        "<ElectionResult>&b;</ElectionResult>\n",
        encoding="utf-8",
    )
    assert certcli("results", path) == Run(
        2,
        "",
        f"{path}:2:13: a DTD (<!DOCTYPE ...>) is not allowed in a results file:"
        " certcli reads no DTD, entity or external reference\n",
    )


def test_an_unrecognised_file(certcli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n", encoding="utf-8")
    run = certcli("results", path)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"{path}:1: a file whose format certcli cannot tell; it reads clarity: a"
        " Clarity/Scytl ENR detail.xml; medsl: MIT Election Data and Science Lab"
        " county returns (countypres form); openelections: an OpenElections CSV"
        " (office, candidate and votes columns); csv: a table with a unit column"
        " and one column per candidate (name the format with --input-format)\n"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "is a directory; expected a results file"),
        (lambda p: p / "missing.xml", "no such file"),
    ],
)
def test_files_that_cannot_be_read(
    certcli: Callable[..., Run],
    tmp_path: Path,
    make: Callable[[Path], Path],
    message: str,
) -> None:
    path = make(tmp_path)
    assert certcli("results", path) == Run(2, "", f"{path}:1: {message}\n")


def test_the_wrong_input_format_is_a_located_error(
    certcli: Callable[..., Run],
) -> None:
    run = certcli("results", OE, "--input-format", "clarity")
    assert run == Run(2, "", f"{OE}:1:2: XML syntax error: syntax error\n")


def test_a_bad_size_limit_is_a_usage_error(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "1G")
    assert certcli("results", AR) == Run(
        2,
        "",
        "Error: CERTCLI_MAX_RESULTS_BYTES must be a whole number of bytes above 0,"
        " e.g. 536870912 for 512 MiB; found '1G'\n",
    )


def test_data_text_cannot_drive_the_terminal(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    # XML 1.0 has no C0 controls; C1 controls (U+009B is a CSI) and bidi
    # overrides it does have.
    path = tmp_path / "r.xml"
    path.write_text(
        "<ElectionResult><Timestamp>now&#x9b;2J</Timestamp>"
        "<Contest text='C&#x9b;31m'><Choice text='A&#x202e;B'><VoteType name='E'>"
        "<County name='X' votes='1'/></VoteType></Choice></Contest>"
        "</ElectionResult>",
        encoding="utf-8",
    )
    run = certcli("results", path)
    assert run.code == 0
    assert "\x9b" not in run.out and "\u202e" not in run.out
    assert "Timestamp: now\\x9b2J" in run.out
    assert "C\\x9b31m · 1 county" in run.out
    assert "AU+202EB" in run.out
    assert json.loads(certcli("results", path, "-f", "json").out)["contests"][0][
        "choices"
    ] == [{"name": "A\u202eB", "votes": 1}]
    csv = tmp_path / "r.csv"
    csv.write_text(
        "county,office,candidate,votes\nX,\x1b]0;pwned\x07,Ann,1\n", encoding="utf-8"
    )
    run = certcli("results", csv)
    assert run.code == 0
    assert "\x1b" not in run.out and "\\x1b]0;pwned\\x07 · 1 county" in run.out


def test_every_results_format_is_wired(certcli: Callable[..., Run]) -> None:
    assert tuple(RESULTS_RENDERERS) == RESULTS_FORMATS
    for name in RESULTS_FORMATS:
        run = certcli("results", AR, "-f", name)
        assert (run.code, run.err) == (0, ""), name
        assert "Tom Cotton" in run.out


def test_the_input_formats_are_the_readers() -> None:
    assert tuple(readers.READERS) == RESULTS_INPUT_FORMATS


def test_detect_passes_over_a_reader_this_installation_lacks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(readers.READERS, "csv", "certcli.readers.not_installed")
    assert detect(AR, "ar.xml") == "clarity"
    assert detect(OE, "oe.csv") == "openelections"


def test_a_format_this_installation_lacks_is_a_usage_error(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(readers.READERS, "csv", "certcli.readers.not_installed")
    assert certcli("results", OE, "--input-format", "csv") == Run(
        2, "", "Error: this version of certcli cannot read csv results files\n"
    )


def test_a_zipped_export_is_recognised(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "detailxml.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("detail.xml", AR.read_bytes())
    run = certcli("results", path, "-f", "json")
    assert (run.code, run.err) == (0, "")
    plain = json.loads(certcli("results", AR, "-f", "json").out)
    assert json.loads(run.out) == {**plain, "file": str(path)}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_a_utf16_export_is_recognised(
    certcli: Callable[..., Run], tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "detail.xml"
    declaration = '<?xml version="1.0"?>'
    text = AR.read_text(encoding="utf-8")
    assert text.startswith(declaration)
    text = '<?xml version="1.0" encoding="UTF-16"?>' + text[len(declaration) :]
    bom = "" if encoding == "utf-16" else "\ufeff"  # "utf-16" writes its own
    path.write_bytes((bom + text).encode(encoding))
    run = certcli("results", path, "-f", "json")
    assert (run.code, run.err) == (0, "")
    plain = json.loads(certcli("results", AR, "-f", "json").out)
    assert json.loads(run.out) == {**plain, "file": str(path)}


def test_a_plain_table_has_no_total(certcli: Callable[..., Run]) -> None:
    table = (
        Path(__file__).parent.parent
        / "src/certcli/data/ga_2020_president_county_certified_2020-11-20.csv"
    )
    run = certcli("results", table, "-f", "json")
    assert (run.code, run.err) == (0, "")
    [contest] = json.loads(run.out)["contests"]
    assert contest["total"] is None
    assert json.loads(run.out)["input_format"] == "csv"
    assert contest["units"] == 159
    shown = certcli("results", table)
    assert "Total " not in shown.out
    assert "  biden       2,474,507\n" in shown.out


BROKEN = """\
county,office,district,party,candidate,votes
Alder,President,,DEM,Ann,3
Alder,Mayor,,,Bob,x
Alder,Mayor,,,Cy,2
"""


def test_one_bad_contest_is_listed_with_its_problem_and_the_others_read(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(BROKEN, encoding="utf-8")
    run = certcli("results", path, "--color", "never")
    problem = (
        f"{path}:3: votes 'x' is not a whole number of votes (0 or more, digits only)"
    )
    assert run.code == 2
    assert run.err == problem + "\n"
    assert "President · 1 county" in run.out
    assert "Mayor · 1 county" in run.out
    assert f"Problem: {problem}" in run.out.replace("\n  ", " ")
    document = json.loads(certcli("results", path, "-f", "json").out)
    assert [(c["name"], c["problems"]) for c in document["contests"]] == [
        ("President", []),
        (
            "Mayor",
            [
                {
                    "file": str(path),
                    "line": 3,
                    "column": 0,
                    "message": "votes 'x' is not a whole number of votes (0 or more,"
                    " digits only)",
                }
            ],
        ),
    ]


def test_contest_lists_one_contest(certcli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(BROKEN, encoding="utf-8")
    run = certcli("results", path, "--contest", "president", "-f", "json")
    assert run.code == 0
    assert [c["name"] for c in json.loads(run.out)["contests"]] == ["President"]
    missing = certcli("results", path, "--contest", "Governor")
    assert missing == Run(
        2,
        "",
        f"{path}:1: no contest 'Governor' in the file; its contests: 'President',"
        " 'Mayor'\n",
    )


def test_a_long_file_name_is_printed_on_one_line(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    # OpenElections' names are long: the first line is the path to copy.
    folder = tmp_path / ("a-folder-with-a-long-name-" * 3)
    folder.mkdir()
    path = folder / "20200310__mi__primary__president__kent__precinct.csv"
    path.write_bytes(OE.read_bytes())
    shown = certcli("results", path, "--color", "never")
    assert shown.code == 0
    assert shown.out.splitlines()[0] == str(path)


def test_a_plain_table_column_left_out_is_said(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    # "1,000" in a candidate's column: the column is not votes to `results`,
    # which must say why it is missing rather than list the others silently.
    path = tmp_path / "p.csv"
    path.write_text('county,Ann,Bob\nAlder,12,3\nBirch,"1,000",4\n', encoding="utf-8")
    shown = certcli("results", path, "-f", "json")
    assert shown.code == 0
    (table,) = json.loads(shown.out)["contests"]
    assert table["choices"] == [{"name": "Bob", "votes": 7}]
    assert table["notes"] == [
        "column 'Ann' is not listed: row 3 holds '1,000', not a whole number of"
        " votes (a tally refuses it unless the column is under ignore)"
    ]


@pytest.mark.parametrize(
    ("sample", "contest"),
    [
        ("openelections-precinct.csv", "President"),
        ("medsl-countypres.csv", "US PRESIDENT, GA 2016"),
    ],
)
def test_a_row_of_the_wrong_width_fails_the_contest_listed_alone(
    certcli: Callable[..., Run], tmp_path: Path, sample: str, contest: str
) -> None:
    """A short row may be one of the contest's: its totals are not given as
    if the file were whole (exit 2, the row's problem listed)."""
    lines = (RESULTS / sample).read_text(encoding="utf-8").splitlines()
    lines[1] = ",".join(lines[1].split(",")[:-2])  # two fields short
    path = tmp_path / sample
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = certcli("results", RESULTS / sample, "--contest", contest, "-f", "json")
    assert whole.code == 0, whole.err
    run = certcli("results", path, "--contest", contest, "-f", "json")
    assert run.code == 2
    document = json.loads(run.out)
    assert [c["name"] for c in document["contests"]] == [
        json.loads(whole.out)["contests"][0]["name"]
    ]
    assert [p["line"] for p in document["problems"]] == [2]
    assert "fields, but the header has" in document["problems"][0]["message"]


def test_an_office_names_each_party_contest_of_a_primary(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "20200310__mi__primary__president.csv"
    path.write_text(
        "county,precinct,office,district,party,candidate,votes\n"
        "Kent,1,President,,DEM,Joseph R. Biden,10\n"
        "Kent,1,President,,DEM,Bernie Sanders,8\n"
        "Kent,1,President,,REP,Donald J. Trump,12\n",
        encoding="utf-8",
    )
    run = certcli("results", path, "--contest", "President")
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(
        f"{path}:1: 'President' names 2 contests ('President (DEM)',"
        " 'President (REP)'); give the contest's whole name"
    )
    one = certcli("results", path, "--contest", "president (rep)", "-f", "json")
    assert one.code == 0, one.err
    contests = json.loads(one.out)["contests"]
    assert [(c["name"], c["total"]) for c in contests] == [("President (REP)", 12)]


def test_a_clarity_name_with_parentheses_is_a_name_of_its_own(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    """As for a tally: only an OpenElections primary's party is taken off."""
    path = tmp_path / "detail.xml"
    path.write_text(
        '<ElectionResult><Contest key="1" text="US Senate (Perdue)">'
        '<Choice key="1" text="A" totalVotes="1"><VoteType name="E" votes="1">'
        '<County name="X" votes="1"/></VoteType></Choice></Contest>'
        "</ElectionResult>",
        encoding="utf-8",
    )
    run = certcli("results", path, "--contest", "US Senate")
    assert (run.code, run.out) == (2, "")
    assert "no contest 'US Senate' in the file" in run.err


def test_a_data_file_given_to_results_is_named_as_one(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    """Its first comment line ('... Pima County, Arizona') made it a plain
    table with twenty rows of the wrong width."""
    made = certcli(
        "new",
        *("--jurisdiction", "Pima County, Arizona", "--office", "President"),
        *("--election-day", "2020-11-03", "--timezone", "America/Phoenix"),
        *("-o", tmp_path / "pima.yaml"),
    )
    assert made.code == 0, made.err
    run = certcli("results", tmp_path / "pima.yaml")
    assert run == Run(
        2,
        "",
        f"{tmp_path / 'pima.yaml'}:1: a certcli data file, not a results file:"
        " certcli check FILE (or --data FILE) reads it, and certcli results"
        " reads the file an election office publishes\n",
    )
