"""Small things a careless or hostile user runs into, each with its exact
behaviour: option values, environment variables, document markers, plurals,
narrow terminals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

HERE = Path(__file__).parent
SMALL = (HERE / "data" / "good" / "small.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20201122", "'20201122' is not a date in the form YYYY-MM-DD"),
        ("2020-W47-7", "'2020-W47-7' is not a date in the form YYYY-MM-DD"),
        ("2020-11-22T00:00", "'2020-11-22T00:00' is not a date in the form YYYY-MM-DD"),
        ("2020-13-01", "'2020-13-01': month 13 does not exist"),
        ("2020-00-10", "'2020-00-10': month 0 does not exist"),
        ("2021-02-29", "'2021-02-29': February 2021 has no day 29"),
        ("0000-01-01", "'0000-01-01': year 0 does not exist"),
    ],
)
@pytest.mark.parametrize("command", ["timeline", "check"])
def test_as_of_takes_only_real_dates_as_yyyy_mm_dd(
    certcli: Callable[..., Run], command: str, value: str, message: str
) -> None:
    result = certcli(command, "--as-of", value)
    assert result.code == 2
    assert result.err.endswith(f"Error: Invalid value for '--as-of': {message}\n")


def test_a_leap_day_is_a_date(certcli: Callable[..., Run]) -> None:
    assert certcli("timeline", "--as-of", "2020-02-29").code == 0


@pytest.mark.parametrize("value", ["abc", "0", "-1", "2.5", "1e3", "\u0662"])
def test_a_bad_jobs_variable_is_a_usage_error(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CERTCLI_JOBS", value)
    result = certcli("check", HERE / "data" / "good" / "small.yaml")
    assert result.code == 2
    assert result.err == (
        "Error: CERTCLI_JOBS must be a whole number of processes from 1 to 10000,"
        f" e.g. 2; found {value!r}\n"
    )


@pytest.mark.parametrize(
    ("ending", "code"),
    [
        ("---\n", 0),
        ("...\n", 0),
        ("...\n---\n", 0),
        ("---\n# only a comment\n", 0),
        ("--- ''\n", 2),
        ("---\na: 1\n", 2),
    ],
)
def test_a_trailing_document_marker_is_accepted(
    certcli: Callable[..., Run], tmp_path: Path, ending: str, code: int
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(SMALL + ending, encoding="utf-8")
    result = certcli("timeline", "--data", path)
    assert result.code == code, result.err
    if code:
        assert result.err.endswith("a second YAML document (---); expected one\n")


def test_one_vote_is_singular(certcli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "close.yaml"
    path.write_text(
        SMALL.replace(
            "votes: {Ada: 1001, Grace: 999}", "votes: {Ada: 1000, Grace: 999}"
        )
        .replace("total: 2000", "total: 1999")
        .replace("margin_percent_at_most: 0.5", "margin_votes_at_most: 1"),
        encoding="utf-8",
    )
    result = certcli(
        "margin", "--data", path, "--candidate", "Ada", "--tally", "certified"
    )
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert (
        "Grace needs 1 more vote to tie and 2 to win, or 1 vote switched from Ada."
        in text
    )
    assert "Ada leads Grace by 1 vote" in text
    assert "at most 1 vote" in text
    assert "1 votes" not in text


@pytest.mark.parametrize("columns", [30, 40, 50, 60, 71, 72, 100, 129, 130, 160])
def test_narrow_terminals_keep_every_column(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Nothing is cut off with an ellipsis: the event and its status are there
    at every width, in columns or stacked."""
    monkeypatch.setenv("COLUMNS", str(columns))
    result = certcli("timeline", "--as-of", "2020-11-22", "--color", "never")
    assert result.code == 0
    assert "…" not in result.out
    assert max(len(line) for line in result.out.splitlines()) <= columns
    words = set(result.out.split())
    assert {"Secretary", "statewide", "result", "met", "ongoing"} <= words
    assert "ends in 2 days" in result.out  # a status line is never broken
    if columns >= 72:
        assert "Status" in words


def test_a_narrow_terminal_stacks_each_event(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = certcli(
        "timeline", "--as-of", "2020-11-22", "--kind", "deadline", "--color", "never"
    )
    assert result.out.splitlines()[3:9] == [
        "",
        "Fri 2020-11-13 17:00 EST",
        "  Counties must certify their results to",
        "  the state",
        "  deadline · 10 days after election-day",
        "  · seed-002",
    ]
