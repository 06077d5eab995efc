"""The one decimal context of every computation that can decide a verdict.

A data file's numbers have at most `MAX_DIGITS` (30) digits. Python's default
decimal context keeps 28, so a product or quotient of two such numbers would be
rounded there (10**29 + 1 votes out of 2 * 10**29 would be a share of exactly
50), and rounding a 30-digit count for display would raise InvalidOperation.

`EXACT` keeps 120 significant digits: sums and products of accepted numbers
(at most 2 x 30 digits, times 100) are exact, and a quotient of two of them is
rounded far below the last digit of any bound a file can state. Its exponent
range is Python's widest, and invalid operations and division by zero raise
rather than yield NaN or infinity.
"""

from __future__ import annotations

from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

MAX_DIGITS = 30  # digits of a number a data file may hold
PRECISION = 4 * MAX_DIGITS  # significant digits of every computation

EXACT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
HUNDRED = Decimal(100)


def plain(number: Decimal) -> str:
    """A decimal as a person writes it: no exponent, no trailing zeros after
    the point, and no sign on a zero. 0.50 → "0.5", 1E+1 → "10", 2.500E-3 →
    "0.0025", -0.00 → "0". The one way a decimal figure is written in
    messages, reports and intervals (a rounded figure shown to a fixed number
    of places keeps its zeros instead)."""
    if number.is_zero():
        return "0"
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def rounded(value: Decimal, digits: int) -> Decimal:
    """`value` rounded half-even to `digits` decimal places, in `EXACT`."""
    return value.quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN, context=EXACT
    )
