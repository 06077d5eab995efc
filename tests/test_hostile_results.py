"""Hostile results files and folders: links out of the data file's folder,
messages that would quote a file that is not a results file, and the other
ways a results file could mislead (README: "Limits and hostile files")."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.loaded.loader import load
from conftest import Run
from test_units import edit, refused

UNITS = Path(__file__).parent / "data" / "units"
SECRET = "CI_TOKEN=s3cr3t-value"
RESULTS_FILE = "file: certified.csv"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of tests/data/units/ to edit, with a secret file beside it."""
    target = tmp_path / "units"
    shutil.copytree(UNITS, target)
    (tmp_path / "secret").mkdir()
    # Shaped like a results table, so that a reader would get far into it.
    (tmp_path / "secret" / "environ.csv").write_text(
        f"{SECRET},HOME=/root,PATH=/usr/bin\n1,2,3\n", encoding="utf-8"
    )
    return target


OUTSIDE = (
    "leads outside the data file's folder through a symbolic link; certcli reads"
    " results files only inside that folder (copy the file there)"
)


def test_a_results_file_linked_outside_the_folder_is_refused_unread(
    folder: Path,
) -> None:
    (folder / "certified.csv").unlink()
    (folder / "certified.csv").symlink_to(folder.parent / "secret" / "environ.csv")
    assert refused(folder) == [
        f"counties.yaml:36:13: tallies[1].results.file: results file"
        f" 'certified.csv' {OUTSIDE}"
    ]


def test_a_linked_directory_does_not_lead_outside_either(folder: Path) -> None:
    (folder / "sub").symlink_to(folder.parent / "secret")
    edit(folder / "counties.yaml", RESULTS_FILE, "file: sub/environ.csv")
    assert refused(folder) == [
        f"counties.yaml:36:13: tallies[1].results.file: results file"
        f" 'sub/environ.csv' {OUTSIDE}"
    ]


@pytest.mark.skipif(
    not os.path.exists("/proc/self/environ"), reason="no /proc/self/environ here"
)
@pytest.mark.parametrize("format_", ["text", "json", "github", "sarif"])
def test_the_environment_never_reaches_any_output(
    certcli: Callable[..., Run],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    format_: str,
) -> None:
    monkeypatch.setenv("CI_TOKEN", "s3cr3t-value")
    (folder / "certified.csv").unlink()
    (folder / "certified.csv").symlink_to("/proc/self/environ")
    result = certcli("check", folder / "counties.yaml", "-f", format_)
    assert result.code == 2
    assert "s3cr3t" not in result.out + result.err
    assert OUTSIDE in result.out + result.err


def test_a_link_inside_the_folder_is_followed(folder: Path) -> None:
    (folder / "data").mkdir()
    (folder / "certified.csv").rename(folder / "data" / "certified.csv")
    (folder / "certified.csv").symlink_to("data/certified.csv")
    contest = load(folder / "counties.yaml", "counties.yaml")
    assert contest.units is not None and "certified" in contest.units


def test_a_data_file_that_is_a_link_reads_beside_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real"
    shutil.copytree(UNITS, real)
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "elsewhere" / "counties.yaml"
    link.symlink_to(real / "counties.yaml")
    (tmp_path / "elsewhere" / "certified.csv").symlink_to(real / "certified.csv")
    (tmp_path / "elsewhere" / "results").symlink_to(real / "results")
    contest = load(link, "counties.yaml")
    assert contest.units is not None and set(contest.units) >= {"certified"}


def test_check_dir_does_not_follow_a_data_file_linked_outside(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("format: certcli/1\n", encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    shutil.copy(UNITS / "counties.yaml", tree / "a.yaml")
    shutil.copy(UNITS / "certified.csv", tree / "certified.csv")
    shutil.copytree(UNITS / "results", tree / "results")
    (tree / "out.yaml").symlink_to(outside)
    (tree / "loop1.yaml").symlink_to("loop2.yaml")
    (tree / "loop2.yaml").symlink_to("loop1.yaml")
    (tree / "gone.yaml").symlink_to("nowhere.yaml")
    monkeypatch.chdir(tmp_path)
    result = certcli("check", "tree", "-f", "json")
    assert [f["file"] for f in json.loads(result.out)["files"]] == ["tree/a.yaml"]
    assert result.err.splitlines()[:4] == [
        "certcli: warning: tree/gone.yaml: dangling symlink, not checked",
        "certcli: warning: tree/loop1.yaml: symlink loop, not checked",
        "certcli: warning: tree/loop2.yaml: symlink loop, not checked",
        "certcli: warning: tree/out.yaml: symlink to a file outside the directory"
        " searched, not checked",
    ]


# --- what a message quotes of a file -----------------------------------------


def test_a_huge_heading_is_quoted_as_a_short_excerpt(folder: Path) -> None:
    names = [f"column-{index}-{'x' * 80}" for index in range(2000)]
    (folder / "certified.csv").write_text(
        "county," + ",".join(names) + "\n", encoding="utf-8"
    )
    (message,) = [p for p in refused(folder) if p.startswith("certified.csv")]
    assert message.startswith("certified.csv:1: no column 'code' to ignore; columns:")
    assert len(message) < 400
    assert "column-5-" not in message
    assert message.endswith("more)")


def test_quoted_file_text_is_escaped_and_cut(folder: Path) -> None:
    edit(folder / "certified.csv", "Birch,2,41", "Birch,2," + "\x1b[2J" * 100)
    (message, _) = refused(folder)
    assert "\x1b" not in message
    assert "\\x1b[2J" in message
    assert len(message) < 200


# --- Clarity: contests that are not read --------------------------------------

WANTED = """<Contest text="C">
    <Choice text="A" totalVotes="30">
      <VoteType name="Election Day" votes="30">
        <County name="X" votes="10" />
        <County name="Y" votes="20" />
      </VoteType>
    </Choice>
  </Contest>"""


def clarity_file(tmp_path: Path, skipped: str) -> Path:
    path = tmp_path / "r.xml"
    path.write_text(
        f'<ElectionResult>\n  <Contest text="Other">{skipped}</Contest>\n'
        f"  {WANTED}\n</ElectionResult>\n",
        encoding="utf-8",
    )
    return path


def test_the_nesting_limit_holds_inside_a_contest_that_is_not_read(
    tmp_path: Path,
) -> None:
    from certcli.readers import clarity

    path = clarity_file(tmp_path, "<a>" * 100_000 + "</a>" * 100_000)
    with pytest.raises(DataError) as refused:
        clarity.read(path, "r.xml", "C")
    # The root, the contest and 62 <a> fit; the 63rd <a> is refused.
    assert [str(p) for p in refused.value.problems] == [
        f"r.xml:2:{25 + 62 * 3}: elements nested deeper than 64 levels"
    ]


def test_a_contest_nested_in_one_not_read_does_not_end_it(tmp_path: Path) -> None:
    from certcli.readers import clarity

    nested = '<Contest text="Inner"><Choice text="Z" /></Contest><x><y/></x>'
    path = clarity_file(tmp_path, nested)
    read = clarity.read(path, "r.xml", "C")
    assert read.units == {"X": {"A": 10}, "Y": {"A": 20}}
    assert read.unit_where["X"] == (6, 9)


# --- two contests of one name -------------------------------------------------


def gov(votes: int) -> str:
    return f"""  <Contest text="Gov">
    <Choice text="Ann Able" totalVotes="{votes}">
      <VoteType name="Election Day" votes="{votes}">
        <County name="Alder" votes="{votes}" />
      </VoteType>
    </Choice>
  </Contest>
"""


def test_contest_number_picks_one_of_two_contests_of_one_name(
    certcli: Callable[..., Run], folder: Path
) -> None:
    (folder / "r.xml").write_text(
        f"<ElectionResult>\n{gov(7)}{gov(9)}</ElectionResult>\n", encoding="utf-8"
    )
    results = "results:\n      file: certified.csv\n      format: csv"
    edit(folder / "counties.yaml", results, "results:\n      file: r.xml")
    edit(
        folder / "counties.yaml",
        "      candidates: {Ann: Ann Able, Cy: [Cy Cole]}\n      ignore: [code]\n",
        "      format: clarity\n      contest: Gov\n",
    )
    assert refused(folder)[-1] == (
        "r.xml:9:3: 'Gov' names 2 contests (line 2 'Gov', line 9 'Gov'); pick"
        " one in file order with contest_number: 1 to 2"
    )
    edit(
        folder / "counties.yaml",
        "contest: Gov\n",
        "contest: Gov\n      contest_number: 2\n",
    )
    contest = load(folder / "counties.yaml", "counties.yaml")
    assert contest.units is not None
    (alder,) = contest.units["certified"].units
    assert alder.votes == {"Ann": 9}
    shown = certcli("results", folder / "r.xml", "--color", "never")
    assert shown.code == 0
    assert '    contest: "Gov"\n    contest_number: 1\n' in shown.out


# --- one choice spelled two ways ----------------------------------------------


def use_results(folder: Path, name: str, format_: str, contest: str) -> None:
    """Point the tally `certified` of counties.yaml at results file `name`."""
    edit(
        folder / "counties.yaml",
        "file: certified.csv\n      format: csv\n"
        "      candidates: {Ann: Ann Able, Cy: [Cy Cole]}\n      ignore: [code]\n",
        f"file: {name}\n      format: {format_}\n      contest: {contest}\n",
    )


def test_a_clarity_choice_spelled_twice_is_a_duplicate_not_a_sum(
    folder: Path,
) -> None:
    def choice(name: str) -> str:
        return (
            f'    <Choice text="{name}" totalVotes="7">\n'
            '      <VoteType name="Election Day" votes="7">\n'
            '        <County name="Alder" votes="7" />\n'
            "      </VoteType>\n    </Choice>\n"
        )

    (folder / "r.xml").write_text(
        '<ElectionResult>\n  <Contest text="Gov">\n'
        + choice("Ann Able")
        + choice("ANN  ABLE")
        + "  </Contest>\n</ElectionResult>\n",
        encoding="utf-8",
    )
    use_results(folder, "r.xml", "clarity", "Gov")
    assert refused(folder) == [
        "counties.yaml:36:7: tallies[1].results: tally certified: cannot use"
        " results file r.xml (see the problem there)",
        "r.xml:8:5: choice 'ANN  ABLE' is the same as choice 'Ann Able' (names"
        " are compared case-folded; first at line 3)",
    ]


def test_results_lists_a_clarity_choice_spelled_twice_as_a_problem(
    tmp_path: Path, certcli: Callable[..., Run]
) -> None:
    # What `certcli results` shows must be what a tally can read.
    choice = (
        '<Choice text="{}" totalVotes="7"><VoteType name="Election Day" votes="7">'
        '<County name="Alder" votes="7" /></VoteType></Choice>\n'
    )
    (tmp_path / "r.xml").write_text(
        '<ElectionResult>\n<Contest text="Gov">\n'
        + choice.format("Ann Able")
        + choice.format("ANN  ABLE")
        + "</Contest>\n</ElectionResult>\n",
        encoding="utf-8",
    )
    shown = certcli("results", tmp_path / "r.xml", "-f", "json")
    assert shown.code == 2
    (gov,) = json.loads(shown.out)["contests"]
    assert [c["name"] for c in gov["choices"]] == ["Ann Able"]
    assert [p["message"] for p in gov["problems"]] == [
        "choice 'ANN  ABLE' is the same as choice 'Ann Able' (names are compared"
        " case-folded; first at line 3)"
    ]


def test_an_openelections_choice_spelled_twice_is_a_duplicate_not_a_sum(
    folder: Path,
) -> None:
    (folder / "r.csv").write_text(
        "county,office,district,party,candidate,votes\n"
        "Alder,Gov,,,Ann Able,7\n"
        "Alder,Gov,,,ann able,7\n",
        encoding="utf-8",
    )
    use_results(folder, "r.csv", "openelections", "Gov")
    assert refused(folder) == [
        "counties.yaml:36:7: tallies[1].results: tally certified: cannot use"
        " results file r.csv (see the problem there)",
        "r.csv:3: repeats an earlier row ('Gov', unit 'Alder', candidate 'ann"
        " able', the same as 'Ann Able': names are compared case-folded)",
    ]


# --- encodings the XML reader cannot read, and one file's internal error ------


@pytest.mark.parametrize(
    "encoding", ["GBK", "Shift_JIS", "Big5", "EUC-JP", "EUC-KR", "UTF-7"]
)
def test_a_multi_byte_encoding_is_a_located_data_error(
    certcli: Callable[..., Run], tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "r.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<ElectionResult><Contest text="C"></Contest></ElectionResult>\n',
        encoding="ascii",
    )
    result = certcli("results", path)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{path}:1:31: the XML declaration names a"
        " multi-byte encoding (such as GBK, Shift_JIS, Big5, EUC-JP or UTF-7),"
        " which the XML reader cannot read; save the file as UTF-8\n"
    )


def two_data_files(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(UNITS, tree)
    shutil.copy(tree / "counties.yaml", tree / "other.yaml")
    return tree


@pytest.mark.parametrize("command", ["check", "report"])
def test_one_file_s_internal_error_stops_no_other_file(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    from certcli.loaded import loader

    tree = two_data_files(tmp_path)
    real_load = loader.load

    def load(path: str | os.PathLike[str], display: str | None = None) -> object:
        if Path(path).name == "counties.yaml":
            raise RuntimeError("boom")
        return real_load(path, display)

    monkeypatch.setattr(loader, "load", load)
    monkeypatch.setenv("CERTCLI_JOBS", "1")
    out = tmp_path / "out.txt"
    args = ["-o", out] if command == "report" else ["-f", "json", "-o", out]
    result = certcli(command, tree, *args)
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{tree}/counties.yaml:1:1: internal error: RuntimeError: boom; the other"
        " files are still checked (rerun with --debug for the traceback, and"
        " please report it)"
    )
    written = out.read_text(encoding="utf-8")
    assert "other.yaml" in written
    if command == "check":
        files = {f["file"]: f for f in json.loads(written)["files"]}
        assert files[f"{tree}/other.yaml"]["checked"] is True
        assert files[f"{tree}/counties.yaml"]["checked"] is False


# --- names that differ by what shows as nothing -------------------------------


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\u00ad", "U+00AD"),
        ("\u200b", "U+200B"),
        ("\u200c", "U+200C"),
        ("\u200d", "U+200D"),
        ("\u2060", "U+2060"),
        ("\u180e", "U+180E"),
        ("\u2063", "U+2063"),
        ("\ufff9", "U+FFF9"),
        ("\U000e0041", "U+E0041"),
    ],
)
def test_invisible_characters_are_spelled_out(char: str, shown: str) -> None:
    from certcli.core.text import visible

    assert visible(f"Al{char}der") == f"Al{shown}der"


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\u200b", "U+200B"),
        ("\u180e", "U+180E"),
        ("\U000e0041", "U+E0041"),  # a tag character: hidden text
    ],
)
def test_a_unit_that_differs_only_by_an_invisible_character_is_a_warning(
    certcli: Callable[..., Run], folder: Path, char: str, shown: str
) -> None:
    edit(
        folder / "counties.yaml",
        "      Cedar: {Ann: 10, Bob: 12}",
        f"      Ce{char}dar: {{Ann: 10, Bob: 12}}",
    )
    result = certcli("check", folder / "counties.yaml", "--color", "never")
    assert result.code == 0  # warnings do not fail the run by default
    text = " ".join(result.out.split())
    assert (
        f"warning unit-name-invisible audit: audit: unit Ce{shown}dar differs from"
        " unit Cedar (in certified) only by characters that show as nothing, so"
        " the two are counted as different units; remove them"
    ) in text
    assert char not in result.out


# --- small ways output could mislead ------------------------------------------


def test_a_changed_unit_shows_the_candidate_whose_votes_changed(
    certcli: Callable[..., Run], folder: Path
) -> None:
    # The recount file no longer has Cy: in Birch only Cy's votes change (to 0).
    (folder / "results" / "recount.csv").write_text(
        "name,ann able,bob baker,write-ins\nAlder,99,55,3\nBirch,41,60,3\n"
        "Cedar,10,12,0\n",
        encoding="utf-8",
    )
    result = certcli(
        "margin",
        "--data",
        folder / "counties.yaml",
        "--by",
        "unit",
        "--tally",
        "recount",
        "--from",
        "certified",
        "--candidate",
        "Ann",
        "--color",
        "never",
    )
    assert result.code == 0
    assert "County  Δ Ann  Δ Bob  Δ Cy  Δ Margin  Margin  Leader" in result.out
    assert "Birch       0      0    -2         0     -19  Bob" in result.out


def test_the_calendar_name_is_escaped_as_icalendar_text(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    from conftest import BUNDLED_DATA, copy_bundled_results

    copy_bundled_results(tmp_path)
    text = (Path(BUNDLED_DATA) / "events.yaml").read_text(encoding="utf-8")
    old = "  title: 2020 presidential election in Georgia\n"
    assert old in text
    path = tmp_path / "events.yaml"
    path.write_text(text.replace(old, '  title: "A;B,C\\\\D"\n'), encoding="utf-8")
    result = certcli("timeline", "--data", path, "-f", "ics")
    assert result.code == 0
    assert "X-WR-CALNAME:A\\;B\\,C\\\\D\r\n" in result.out


def test_the_readme_calls_the_one_round_sample_what_it_is() -> None:
    root = Path(__file__).parent.parent
    pages = [root / "README.md", *sorted((root / "docs").rglob("*.md"))]
    text = " ".join(
        " ".join(page.read_text(encoding="utf-8").split()) for page in pages
    )
    assert "chance**: the smallest sample" not in text
    assert "the sample that Arlo's search gives for finishing the audit" in text


@pytest.mark.parametrize(
    "text",
    [
        "county,Ann Able,bob\rAlder,1,2\rBirch,3,4\r",
        "county,office,district,party,candidate,votes\rAlder,Gov,,,Ann,1\r",
    ],
)
def test_a_csv_with_cr_line_ends_says_so(
    certcli: Callable[..., Run], tmp_path: Path, text: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode())
    result = certcli("results", path)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{path}:1: CSV syntax error: a line ends in a carriage return alone (CR),"
        " as in old Mac OS files; save the file with LF or CRLF line endings\n"
    )


def test_an_encrypted_zip_is_refused_in_words(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    import zipfile

    path = tmp_path / "detailxml.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("detail.xml", "<ElectionResult/>")
    data = bytearray(path.read_bytes())
    # Mark the member encrypted (general purpose flag bit 0), in its local
    # header and in the central directory, as `zip -e` does.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x1
    path.write_bytes(bytes(data))
    result = certcli("results", path)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{path}:1: 'detail.xml' is encrypted in the zip archive; certcli reads"
        " no password: unpack it, or download the archive again\n"
    )


def clarity_votes(tmp_path: Path, votes: str, tag: str = "County") -> Path:
    path = tmp_path / "r.xml"
    path.write_text(
        '<ElectionResult>\n  <Contest text="C">\n    <Choice text="A">\n'
        '      <VoteType name="Election Day">\n'
        f'        <{tag} name="X" votes="{votes}" />\n'
        "      </VoteType>\n    </Choice>\n  </Contest>\n</ElectionResult>\n",
        encoding="utf-8",
    )
    return path


def test_a_count_with_leading_zeros_is_read_as_written() -> None:
    from certcli.readers.base import whole_number

    assert whole_number("0" * 40 + "1") == 1
    assert whole_number("0" * 63 + "7") == 7
    assert whole_number("0" * 64 + "7") is None
    assert whole_number("1" * 16) is None


def test_leading_zeros_are_not_called_more_than_15_digits(tmp_path: Path) -> None:
    from certcli.readers import clarity

    path = clarity_votes(tmp_path, "0" * 40 + "12")
    assert clarity.read(path, "r.xml", "C").units == {"X": {"A": 12}}
    path = clarity_votes(tmp_path, "0" * 70 + "12")
    with pytest.raises(DataError) as refused:
        clarity.read(path, "r.xml", "C")
    (problem,) = refused.value.problems
    assert problem.message.endswith(
        "is 72 characters long, more than the 64 a count may take even with"
        " leading zeros; write it without them"
    )
    assert "more than 15 digits" not in problem.message


def test_a_unit_tag_longer_than_a_kind_of_unit_is_refused(tmp_path: Path) -> None:
    from certcli.readers import clarity

    path = clarity_votes(tmp_path, "3", tag="C" + "o" * 5000)
    with pytest.raises(DataError) as refused:
        clarity.read(path, "r.xml", "C")
    assert [str(p) for p in refused.value.problems] == [
        "r.xml:5:9: a unit element's tag is 5,001 characters long; a kind of unit"
        " (County, Precinct) has at most 40"
    ]


def test_a_huge_root_tag_is_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    from certcli.readers import clarity

    path = tmp_path / "r.xml"
    path.write_text("<" + "x" * 100_000 + "/>", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        clarity.summarize(path, "r.xml")
    (problem,) = refused.value.problems
    assert len(str(problem)) < 150
    assert problem.message.endswith("…>, expected <ElectionResult>")


def test_an_openelections_candidate_spelled_two_ways_across_counties_is_one_choice(
    folder: Path, certcli: Callable[..., Run]
) -> None:
    # Arizona's statewide file: Maricopa writes 'TRUMP / PENCE', Cochise
    # 'Trump / Pence'. One candidate in two counties' spellings, not a duplicate.
    (folder / "r.csv").write_text(
        "county,office,district,party,candidate,votes\n"
        "Alder,Gov,,,Ann Able,101\n"
        "Alder,Gov,,,Bob Baker,50\n"
        "Alder,Gov,,,Cy Cole,5\n"
        "Birch,Gov,,,ANN  ABLE,41\n"
        "Birch,Gov,,,BOB BAKER,60\n"
        "Birch,Gov,,,CY COLE,2\n"
        "Cedar,Gov,,,ann able,10\n"
        "Cedar,Gov,,,Bob Baker,12\n",
        encoding="utf-8",
    )
    use_results(folder, "r.csv", "openelections", "Gov")
    contest = load(folder / "counties.yaml", "counties.yaml")
    certified = contest.model.tallies[1]
    assert certified.votes == {"Ann": 152, "Bob": 122, "Cy": 7}
    shown = certcli("results", folder / "r.csv", "--color", "never", "-f", "json")
    assert shown.code == 0
    (gov,) = json.loads(shown.out)["contests"]
    assert [(c["name"], c["votes"]) for c in gov["choices"]] == [
        ("Ann Able", 152),
        ("Bob Baker", 122),
        ("Cy Cole", 7),
    ]
    assert any("'ANN  ABLE'" in note and "'Ann Able'" in note for note in gov["notes"])


def test_an_openelections_unit_spelled_two_ways_is_one_unit(
    folder: Path, certcli: Callable[..., Run]
) -> None:
    # 'Alder' and 'ALDER' are one county: a tally compares units case-folded,
    # so `results` must too, or it lists what a tally then refuses.
    (folder / "r.csv").write_text(
        "county,office,district,party,candidate,votes\n"
        "Alder,Gov,,,Ann Able,101\n"
        "ALDER,Gov,,,Bob Baker,50\n"
        "Alder,Gov,,,Cy Cole,5\n"
        "Birch,Gov,,,Ann Able,41\n"
        "Birch,Gov,,,Bob Baker,60\n"
        "Birch,Gov,,,Cy Cole,2\n"
        "Cedar,Gov,,,Ann Able,10\n"
        "Cedar,Gov,,,Bob Baker,12\n",
        encoding="utf-8",
    )
    use_results(folder, "r.csv", "openelections", "Gov")
    certified = load(folder / "counties.yaml", "counties.yaml").model.tallies[1]
    assert certified.votes == {"Ann": 152, "Bob": 122, "Cy": 7}
    shown = certcli("results", folder / "r.csv", "-f", "json")
    assert shown.code == 0
    (gov,) = json.loads(shown.out)["contests"]
    assert gov["units"] == 3
    assert any("'ALDER' (first in row 3)" in note for note in gov["notes"])
    # The same county twice, in either spelling, is a repeated row.
    with (folder / "r.csv").open("a", encoding="utf-8") as handle:
        handle.write("ALDER,Gov,,,Ann Able,101\n")
    shown = certcli("results", folder / "r.csv", "-f", "json")
    assert shown.code == 2
    (gov,) = json.loads(shown.out)["contests"]
    assert [p["message"] for p in gov["problems"]] == [
        "repeats an earlier row ('Gov', unit 'Alder', candidate 'Ann Able')"
    ]


RESULTS = Path(__file__).parent / "data" / "results"


@pytest.mark.parametrize(
    ("sample", "figures", "where"),
    [
        # the figures each sample holds, and where the one past them is
        ("openelections-precinct.csv", 11, ":9: "),
        ("openelections-county.csv", 11, ":11: "),
        ("medsl-countypres.csv", 22, ":19: "),  # a row's figure, with its mode
        ("clarity-variants-precinct.xml", 16, ":75:9: "),
    ],
)
def test_a_file_that_gives_more_figures_than_the_limit_is_refused(
    certcli: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    sample: str,
    figures: int,
    where: str,
) -> None:
    """A file within the size limit can still give millions of one-line
    units; the limit on figures keeps the memory of reading it bounded."""
    path = RESULTS / sample
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_FIGURES", str(figures))
    assert certcli("results", path).code == 0
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_FIGURES", str(figures - 1))
    run = certcli("results", path, "-f", "json")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"{path}{where}more than {figures - 1} figures (units and their votes for"
        " each choice) over the contests read, the limit for one results file"
        " (set CERTCLI_MAX_RESULTS_FIGURES to raise it)\n"
    )


def test_a_plain_table_with_more_figures_than_the_limit_is_refused(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("county,a,b\nx,1,2\ny,3,4\nz,5,6\n", encoding="utf-8")
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_FIGURES", "8")  # 3 per row
    run = certcli("results", path)
    assert run.code == 2
    assert run.err.startswith(f"{path}:4: more than 8 figures")


def test_a_bad_figure_limit_is_a_usage_error(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_FIGURES", "2e6")
    run = certcli("results", RESULTS / "openelections-county.csv")
    assert run.code == 2
    assert "CERTCLI_MAX_RESULTS_FIGURES must be a whole number of figures" in run.err
