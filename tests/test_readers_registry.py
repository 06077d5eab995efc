"""The results-file reader registry and the rules shared by every reader."""

from __future__ import annotations

import pytest

from certcli.core.errors import Problem, UsageError
from certcli.readers.base import max_results_bytes, same_name


@pytest.mark.parametrize(
    ("wanted", "written", "same"),
    [
        ("President of the United States", "PRESIDENT OF THE UNITED STATES", True),
        ("President", "  president  ", True),
        (
            "President of the United States",
            "President of the United States/Presidente de los Estados Unidos",
            True,
        ),
        (
            "Presidente de los Estados Unidos",
            "President of the United States / Presidente de los Estados Unidos",
            True,
        ),
        ("U.S. Senate", "U.S.  Senate", True),
        ("U.S. Senate", "U.S. House", False),
        ("Straße", "STRASSE", True),
    ],
)
def test_same_name(wanted: str, written: str, same: bool) -> None:
    assert same_name(wanted, written) is same


def test_results_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CERTCLI_MAX_RESULTS_BYTES", raising=False)
    assert max_results_bytes() == 256 * 1024 * 1024
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "1000")
    assert max_results_bytes() == 1000
    monkeypatch.setenv("CERTCLI_MAX_RESULTS_BYTES", "lots")
    with pytest.raises(UsageError, match="CERTCLI_MAX_RESULTS_BYTES"):
        max_results_bytes()


def test_a_csv_problem_is_shown_by_row() -> None:
    assert str(Problem("r.csv", 12, 0, "", "bad")) == "r.csv:12: bad"
    assert str(Problem("r.xml", 3, 7, "", "bad")) == "r.xml:3:7: bad"
