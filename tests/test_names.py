"""--candidate and --vs: a key as written, else a key or full name compared with
Unicode case folding; a name that fits two candidates is a usage error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.core.text import fold
from conftest import Run

HERE = Path(__file__).parent
SMALL = (HERE / "data" / "good" / "small.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("typed", "written", "same"),
    [
        ("pat lee", "Pat Lee", True),
        ("  PAT   LEE ", "Pat Lee", True),
        (
            "ilker i\u015f\u0131k",
            "\u0130lker I\u015f\u0131k",
            True,
        ),  # a Turkish capital dotted I
        ("strasse", "Stra\u00dfe", True),  # ß folds to ss
        ("\uff21da", "Ada", True),  # a full-width letter
        ("isik", "I\u015f\u0131k", False),  # s-cedilla and the dotless i stay apart
        ("ada", "Adam", False),
    ],
)
def test_fold(typed: str, written: str, same: bool) -> None:
    assert (fold(typed) == fold(written)) is same


@pytest.fixture
def namesakes(tmp_path: Path) -> Path:
    path = tmp_path / "namesakes.yaml"
    path.write_text(
        SMALL.replace(
            "  Grace: {name: Grace Hopper, party: Compiler}\n",
            "  Grace: {name: Grace Hopper, party: Compiler}\n"
            "  LeeP: {name: Pat Lee, party: One}\n"
            "  LeeQ: {name: Pat Lee, party: Two}\n"
            "  Ilker: {name: \u0130lker I\u015f\u0131k, party: Three}\n",
        ),
        encoding="utf-8",
    )
    return path


def test_two_candidates_of_one_name_are_a_usage_error(
    certcli: Callable[..., Run], namesakes: Path
) -> None:
    result = certcli("margin", "--data", namesakes, "--candidate", "pat lee")
    assert result.code == 2
    assert result.err == (
        "Error: 'pat lee' fits 2 candidates: LeeP (Pat Lee), LeeQ (Pat Lee);"
        " give the key\n"
    )
    by_key = certcli("margin", "--data", namesakes, "--candidate", "leeq", "-f", "json")
    assert by_key.code == 0, by_key.err
    assert json.loads(by_key.out)["candidate"]["key"] == "LeeQ"


def test_names_match_by_case_folding(
    certcli: Callable[..., Run], namesakes: Path
) -> None:
    result = certcli(
        "margin",
        "--data",
        namesakes,
        "--candidate",
        "ilker i\u015f\u0131k",
        "-f",
        "json",
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["candidate"]["key"] == "Ilker"
