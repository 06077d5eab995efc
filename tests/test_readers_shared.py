"""What every results reader shares: counts of votes, opening a results file,
and telling a file's format."""

from __future__ import annotations

from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.readers import detect, files
from certcli.readers.base import contest_not_found, whole_number
from certcli.readers.files import csv_records, open_results

RESULTS = Path(__file__).parent / "data" / "results"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("12", 12),
        (" 12 ", 12),
        ("007", 7),
        ("9" * 15, 10**15 - 1),
        ("9" * 16, None),
        ("", None),
        ("+1", None),
        ("-1", None),
        ("1.0", None),
        ("1e3", None),
        ("1,000", None),
        ("1 000", None),
        ("0x1f", None),
        ("\u00b2", None),  # SUPERSCRIPT TWO: a digit to str.isdigit, not to int
        ("\u0661\u0662", None),  # ARABIC-INDIC digits: int() would take them
    ],
)
def test_whole_number(text: str, value: int | None) -> None:
    assert whole_number(text) == value


@pytest.mark.parametrize(
    ("name", "format_"),
    [
        ("clarity-ar-2014-general-county.xml", "clarity"),
        ("clarity-ky-greenup-2014-primary-precinct.xml", "clarity"),
        ("clarity-variants-county.xml", "clarity"),
        ("clarity-variants-precinct.xml", "clarity"),
        ("openelections-county.csv", "openelections"),
        ("openelections-precinct.csv", "openelections"),
    ],
)
def test_detect(name: str, format_: str) -> None:
    assert detect(RESULTS / name, name) == format_


def test_detect_refuses_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    with pytest.raises(DataError) as refused:
        detect(path, "empty.xml")
    assert str(refused.value).startswith(
        "empty.xml:1: an empty file whose format certcli cannot tell;"
    )


def test_a_results_file_that_grows_past_the_limit_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"a\n" * 10)
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "20")
    with open_results(path, "r.csv") as stream:
        with path.open("ab") as grow:
            grow.write(b"b\n")
        with pytest.raises(DataError, match="larger than the limit of 20 bytes"):
            stream.read()


def test_csv_records_number_records_by_the_row_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b'\xef\xbb\xbfunit,note\r\nA,"two\nlines"\n\nB,x\n  \nC,y')
    assert list(csv_records(path, "r.csv")) == [
        (1, ["unit", "note"]),
        (2, ["A", "two\nlines"]),
        (5, ["B", "x"]),
        (7, ["C", "y"]),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"unit,n\nA,1\nM\xe1laga,2\n",
            "r.csv:3: byte 0xe1 is not UTF-8; save the file as UTF-8",
        ),
        (
            b"unit,n\nA," + b"9" * 200_000 + b"\n",
            "r.csv:2: CSV syntax error: field larger than field limit (131072)",
        ),
    ],
)
def test_csv_records_locate_what_cannot_be_read(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(data)
    with pytest.raises(DataError) as refused:
        list(csv_records(path, "r.csv"))
    assert [str(problem) for problem in refused.value.problems] == [message]


def test_an_unknown_contest_lists_the_first_12_contests() -> None:
    contests = [f"C{number}" for number in range(45)]
    message = str(contest_not_found("r.xml", (2, 1), "Governor", contests))
    assert message == (
        "r.xml:2:1: no contest 'Governor' in the file; its contests: "
        + ", ".join(f"'C{number}'" for number in range(12))
        + ", … (33 more); certcli results FILE lists them all"
    )


def test_an_unknown_contest_quotes_at_most_a_short_excerpt() -> None:
    contests = [f"{number}-{'x' * 400}\x1b" for number in range(45)]
    message = str(contest_not_found("r.xml", (2, 1), "Governor", contests))
    assert len(message) < 600
    assert message.endswith("more); certcli results FILE lists them all")


def test_a_line_longer_than_the_limit_is_refused_at_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_LINE_BYTES", 100)
    path = tmp_path / "r.csv"
    path.write_bytes(b"unit,n\n" + b"," * 99 + b"\n" + b"," * 101 + b"\n")
    with pytest.raises(DataError) as refused:
        list(csv_records(path, "r.csv"))
    assert [str(problem) for problem in refused.value.problems] == [
        "r.csv:3: a line longer than 100 bytes; a results file has one row per line"
    ]
