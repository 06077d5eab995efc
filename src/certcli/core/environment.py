"""Whole numbers from the environment (`CERTCLI_MAX_BYTES`,
`CERTCLI_MAX_RESULTS_BYTES`, `CERTCLI_JOBS`): one parser, one message."""

from __future__ import annotations

import os

from certcli.core.errors import UsageError
from certcli.core.text import shorten

LARGEST = 10**18 - 1  # 18 digits: far above any size or count it can limit


def number_from_environment(
    name: str, *, noun: str, example: str, most: int = LARGEST
) -> int | None:
    """The variable `name` as a whole number from 1 to `most`, or None when it
    is unset or blank. Anything else (a unit, a sign, an exponent, digits of
    another script, 0, too large) is a UsageError that names the variable,
    what it counts and an example: "CERTCLI_JOBS must be a whole number of
    processes from 1 to 10000, e.g. 2; found 'two'"."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not (
        value.isascii()
        and value.isdigit()
        and len(value) <= len(str(LARGEST))
        and 1 <= int(value) <= most
    ):
        limits = "above 0" if most == LARGEST else f"from 1 to {most}"
        raise UsageError(
            f"{name} must be a whole number of {noun} {limits}, e.g. {example};"
            f" found {shorten(value)}"
        )
    return int(value)
