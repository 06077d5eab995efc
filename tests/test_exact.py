"""Arithmetic stays exact up to the largest number a data file may hold (30
digits), where Python's default 28-digit decimal context would round."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certcli.audit.report import plain_percent
from certcli.claims.verdicts import display
from certcli.core.exact import EXACT, MAX_DIGITS, PRECISION, plain
from certcli.datafile.stated import parse_number
from certcli.figures.tallies import percent_of
from conftest import Run

HERE = Path(__file__).parent
LARGEST = 10**MAX_DIGITS - 1
counts = st.integers(0, LARGEST)
large_counts = st.integers(10**27, LARGEST)


def test_the_context_is_wider_than_two_accepted_numbers() -> None:
    assert PRECISION >= 2 * MAX_DIGITS + 3
    assert EXACT.multiply(Decimal(LARGEST), Decimal(LARGEST)) == LARGEST * LARGEST


@given(part=counts, rest=counts)
def test_shares_are_exact_to_the_context(part: int, rest: int) -> None:
    whole = part + rest
    if whole == 0:
        assert percent_of(part, whole) is None
        return
    share = percent_of(part, whole)
    assert share is not None
    exact = Fraction(100 * part, whole)
    assert abs(Fraction(share) - exact) <= exact / 10 ** (PRECISION - 1)
    # A share equals a round figure only when it really does.
    assert (share == 50) is (part == rest)


def test_a_share_next_to_fifty_is_not_fifty() -> None:
    share = percent_of(10**29 + 1, 2 * 10**29)
    assert share is not None and share != 50
    assert str(share) == "50.0000000000000000000000000005"
    assert share not in parse_number("50%").interval


@given(value=large_counts)
def test_large_counts_display_exactly(value: int) -> None:
    assert display(Decimal(value), parse_number(f"{value:,}")) == str(value)


@given(part=large_counts, rest=large_counts)
def test_large_shares_display_without_error(part: int, rest: int) -> None:
    share = percent_of(part, part + rest)
    assert share is not None
    shown = display(share, parse_number("50.0%"))
    assert abs(EXACT.subtract(Decimal(shown), share)) <= Decimal("0.00005")


def test_thirty_digit_votes_through_every_command(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    text = (HERE / "data" / "good" / "small.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "votes: {Ada: 1001, Grace: 999}\n    total: 2000",
        "votes: {Ada: 100000000000000000000000000001,"
        " Grace: 99999999999999999999999999999}",
    ).replace('stated: "about 50%"', 'stated: "50%"')
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    check = certcli("check", path, "--as-of", "2024-12-01", "--color", "never")
    assert check.code == 1, check.err
    assert 'stated "50%" = 50, computed 50.0000000000000000000000000005' in check.out
    margin = certcli("margin", "--data", path, "--candidate", "Ada", "-f", "json")
    assert margin.code == 0, margin.err
    rows = json.loads(margin.out)["tallies"]
    assert rows[0]["margin"]["votes"] == 2


@pytest.mark.parametrize(
    ("number", "written"),
    [
        ("0.50", "0.5"),
        ("1E+1", "10"),
        ("2.500E-3", "0.0025"),
        ("12670", "12670"),
        ("-1.10", "-1.1"),
        ("100", "100"),
        # a zero has no sign, however it was computed or written
        ("-0", "0"),
        ("-0.000", "0"),
        ("0E-7", "0"),
        ("-0E+3", "0"),
    ],
)
def test_a_decimal_is_written_plainly(number: str, written: str) -> None:
    assert plain(Decimal(number)) == written


def test_a_negative_zero_limit_is_written_without_its_sign() -> None:
    assert plain_percent(Decimal("-0.0")) == "0 %"
