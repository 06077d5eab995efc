"""The plain csv results reader: what it reads, and every problem by row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.readers import csv as reader

UNITS = Path(__file__).parent / "data" / "units"


def read(tmp_path: Path, content: bytes, **options: object) -> object:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    return reader.read(path, "r.csv", None, **options)  # type: ignore[arg-type]


def problems(tmp_path: Path, content: bytes, **options: object) -> list[str]:
    with pytest.raises(DataError) as caught:
        read(tmp_path, content, **options)
    return [str(problem) for problem in caught.value.problems]


def test_reads_a_table_with_bom_crlf_quotes_and_blank_lines() -> None:
    results = reader.read(UNITS / "certified.csv", "c.csv", None, ignore=["CODE"])
    assert results.contest == "c.csv"
    assert results.unit_kind == "county"
    assert results.choices == ("Ann Able", "bob", "Cy Cole", "total")
    assert results.units == {
        "Alder": {"Ann Able": 101, "bob": 50, "Cy Cole": 5, "total": 156},
        "Birch": {"Ann Able": 41, "bob": 60, "Cy Cole": 2, "total": 106},
        "Cedar": {"Ann Able": 10, "bob": 12, "Cy Cole": 0, "total": 22},
    }
    assert results.unit_where == {"Alder": (2, 0), "Birch": (4, 0), "Cedar": (5, 0)}
    assert results.choice_where["bob"] == (1, 0)


def test_the_unit_column_may_be_named_and_its_heading_gives_no_kind(
    tmp_path: Path,
) -> None:
    results = read(tmp_path, b"total,name,a\n3,X,3\n", unit_column="Name")
    assert results.units == {"X": {"total": 3, "a": 3}}  # type: ignore[attr-defined]
    assert results.unit_kind == "unit"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("content", "options", "expected"),
    [
        (
            b"",
            {},
            ["r.csv:1: the file is empty; expected a heading row naming the columns"],
        ),
        (
            b"\n\n",
            {},
            ["r.csv:1: the file is empty; expected a heading row naming the columns"],
        ),
        (
            b"county\nA\n",
            {},
            ["r.csv:1: the heading names no column of votes besides the units"],
        ),
        (
            b"county,a,A\n",
            {},
            ["r.csv:1: column 'A' appears twice in the heading (columns 2 and 3)"],
        ),
        (b"county,,b\n", {}, ["r.csv:1: column 2 has no name in the heading"]),
        (
            b"county,a\nX,1,2\nY\n",
            {},
            [
                "r.csv:2: the row has 3 fields, the heading 2",
                "r.csv:3: the row has 1 field, the heading 2",
            ],
        ),
        (
            b"county,a,b,c,d\nX,1,234,-5,,x\n"[:-3] + b"\n",
            {},
            [
                "r.csv:2: column 'c': expected a whole number of votes, found '-5'",
                "r.csv:2: column 'd': no number of votes; write 0 for none",
            ],
        ),
        (
            b'county,a\nX,"1,234"\n',
            {},
            [
                "r.csv:2: column 'a': expected a whole number of votes, found '1,234';"
                " write it without commas: 1234"
            ],
        ),
        (
            b"county,a,b\nX,999999999999999999,9999999999999999999\n",
            {},
            [
                "r.csv:2: column 'b': expected a whole number of votes, found"
                " '9999999999999999999', which has more than 18 digits"
            ],
        ),
        (b"county,a\n,1\n", {}, ["r.csv:2: the row names no unit"]),
        (
            b"county,a\nX,1\nY,2\n x ,3\n",
            {},
            ["r.csv:4: unit 'x' appears again (first in row 2)"],
        ),
        (
            b"county,a\nX,1\nY,\xff\n",
            {},
            ["r.csv:3: byte 0xff is not UTF-8; save the file as UTF-8"],
        ),
        (
            b'county,a\nX,"1\n',
            {},
            ["r.csv:2: CSV syntax error: unexpected end of data"],
        ),
        (
            b"county,a\nX,1\n",
            {"unit_column": "precinct"},
            ["r.csv:1: no column 'precinct' for the units; columns: county, a"],
        ),
        (
            b"county,a\nX,1\n",
            {"ignore": ["fips"]},
            ["r.csv:1: no column 'fips' to ignore; columns: county, a"],
        ),
    ],
)
def test_problems_are_located_by_row(
    tmp_path: Path, content: bytes, options: dict[str, object], expected: list[str]
) -> None:
    assert problems(tmp_path, content, **options) == expected


def test_ignored_columns_are_not_read(tmp_path: Path) -> None:
    results = read(
        tmp_path, b"county,fips,a,note\nX,13-001,1,hello\n", ignore=["FIPS", "note"]
    )
    assert results.units == {"X": {"a": 1}}  # type: ignore[attr-defined]


def test_many_problems_stop_at_a_limit(tmp_path: Path) -> None:
    rows = b"".join(b"X%d,x\n" % i for i in range(100))
    found = problems(tmp_path, b"county,a\n" + rows)
    assert len(found) == reader.MAX_PROBLEMS
    assert found[-1] == (
        f"r.csv:{reader.MAX_PROBLEMS + 1}: column 'a': expected a whole number of"
        " votes, found 'x'"
    )


def test_the_results_size_limit_is_kept_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "20")
    assert problems(tmp_path, b"county,a\n" + b"X,1\n" * 10) == [
        "r.csv:1: file is larger than the limit of 20 bytes for a results file"
        " (set CERTCLI_MAX_RESULTS_BYTES to raise it)"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "r.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataError) as caught:
        reader.read(fifo, "r.csv", None)
    assert str(caught.value) == "r.csv:1: is not a regular file but a pipe (FIFO)"


def test_a_directory_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(
        DataError, match=r"^d:1: is a directory; expected a results file$"
    ):
        reader.read(tmp_path, "d", None)
    with pytest.raises(DataError, match=r"^m:1: no such file$"):
        reader.read(tmp_path / "missing.csv", "m", None)


@pytest.mark.parametrize(
    ("head", "csv"),
    [
        (b"county,a,b\n", True),
        (b"\xef\xbb\xbfcounty,a\r\n", True),
        (b"<?xml version='1.0'?><ElectionResult>", False),
        (b"just one column\n", False),
        (b"\xff\xfe,\n", False),
        (b"", False),
    ],
)
def test_sniff(head: bytes, csv: bool) -> None:
    assert reader.sniff(head) is csv


def test_summarize_lists_the_columns_of_numbers() -> None:
    summary = reader.summarize(UNITS / "certified.csv", "c.csv")
    assert summary.format == "csv"
    (contest,) = summary.contests
    assert (contest.name, contest.unit_kind, contest.units) == ("c.csv", "county", 3)
    assert contest.choices == (
        ("code", 6),
        ("Ann Able", 152),
        ("bob", 122),
        ("Cy Cole", 7),
    )
    assert contest.notes == (
        "column 'total' is each unit's total (284 over all units), the default"
        " total_column; name columns that are not votes (codes, margins) under"
        " ignore",
    )


def test_summarize_leaves_out_columns_of_text(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"county,fips,a,margin\nX,13-1,4,-2\nY,13-2,5,3\n")
    (contest,) = reader.summarize(path, "r.csv").contests
    assert contest.choices == (("a", 9),)
