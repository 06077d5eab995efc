"""Whole numbers from the environment: one parser for every CERTCLI_ number."""

from __future__ import annotations

import pytest

from certcli.core.environment import LARGEST, number_from_environment
from certcli.core.errors import UsageError

NAME = "CERTCLI_TEST_NUMBER"


@pytest.mark.parametrize(
    ("value", "number"),
    [("", None), ("  ", None), ("1", 1), (" 42 ", 42), ("007", 7), ("10000", 10000)],
)
def test_a_whole_number_or_nothing(
    monkeypatch: pytest.MonkeyPatch, value: str, number: int | None
) -> None:
    monkeypatch.setenv(NAME, value)
    assert number_from_environment(NAME, noun="things", example="2") == number


def test_unset_is_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NAME, raising=False)
    assert number_from_environment(NAME, noun="things", example="2") is None


@pytest.mark.parametrize(
    "value", ["0", "-1", "+1", "1e6", "2M", "1.0", "١٢٣", "²", "9" * 19, "10001"]
)
def test_anything_else_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(NAME, value)
    with pytest.raises(UsageError) as caught:
        number_from_environment(NAME, noun="things", example="2", most=10_000)
    assert str(caught.value) == (
        f"{NAME} must be a whole number of things from 1 to 10000, e.g. 2;"
        f" found {value!r}"
    )


def test_without_a_limit_any_18_digits_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, str(LARGEST))
    assert number_from_environment(NAME, noun="bytes", example="2") == LARGEST
    monkeypatch.setenv(NAME, "0")
    with pytest.raises(UsageError, match=r"whole number of bytes above 0, e\.g\. 2;"):
        number_from_environment(NAME, noun="bytes", example="2")
