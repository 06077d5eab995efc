"""`csv_records`, which every CSV reader reads through: rows located, blank
lines passed over, and a file cut inside a quoted field refused at the row
its last record starts on, however many lines that record spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.readers.files import csv_records


def records(tmp_path: Path, text: str, *, strict: bool = False) -> list[object]:
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return list(csv_records(path, "r.csv", strict=strict))


def test_rows_are_counted_across_quoted_line_breaks_and_blank_lines(
    tmp_path: Path,
) -> None:
    text = 'a,b\n\n1,"x\ny"\n2,z\n\n'
    assert records(tmp_path, text) == [
        (1, ["a", "b"]),
        (3, ["1", "x\ny"]),
        (5, ["2", "z"]),
    ]


@pytest.mark.parametrize(
    ("tail", "row"),
    [
        ('1,"x', 2),  # one line
        ('1,"x\n', 2),
        ('1,"x\ny\nz', 2),  # the record spans three lines
        ('1,ok\n2,"x\n\ny\n', 3),
    ],
)
def test_a_file_cut_inside_quotes_is_refused_where_its_last_record_starts(
    tmp_path: Path, tail: str, row: int
) -> None:
    with pytest.raises(DataError) as caught:
        records(tmp_path, "a,b\n" + tail)
    assert [str(problem) for problem in caught.value.problems] == [
        f"r.csv:{row}: CSV syntax error: a quoted field is not closed before the"
        " end of the file (is the file cut short?)"
    ]


def test_a_closed_quoted_field_at_the_end_is_a_record(tmp_path: Path) -> None:
    assert records(tmp_path, 'a,b\n1,"x\ny"') == [(1, ["a", "b"]), (2, ["1", "x\ny"])]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("county,office,candidate,votes\nA,B,C,1\n".encode(encoding))
    with pytest.raises(DataError) as refused:
        list(csv_records(path, "r.csv"))
    assert [str(problem) for problem in refused.value.problems] == [
        "r.csv:1: a NUL byte (0x00), which a text file does not hold: the file"
        " looks like UTF-16 without a byte-order mark; save it as UTF-8"
    ]
