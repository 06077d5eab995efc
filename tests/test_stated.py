"""The stated-value grammar: numbers and their intervals, weekdays, dates, yes/no."""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certcli.datafile.stated import (
    COUNT,
    DIFFERENCE,
    Interval,
    StatedError,
    StatedForm,
    StatedNumber,
    Tolerances,
    parse_date,
    parse_number,
    parse_weekday,
    parse_yes_no,
)

D = Decimal

# --- numbers: value, unit, qualifier and interval ----------------------------

PARSED = [
    # text, value, unit, qualifier, str(interval)
    ("12,670", "12670", None, None, "= 12670"),
    ("12670", "12670", None, None, "= 12670"),
    ("49.5%", "49.5", "percent", None, "[49.45, 49.55]"),
    ("49.5 %", "49.5", "percent", None, "[49.45, 49.55]"),
    ("49.50 percent", "49.5", "percent", None, "[49.495, 49.505]"),
    ("49.5 per cent", "49.5", "percent", None, "[49.45, 49.55]"),
    ("0.25%", "0.25", "percent", None, "[0.245, 0.255]"),
    ("2.47 million", "2470000", None, None, "[2465000, 2475000]"),
    ("5 million", "5000000", None, None, "[4500000, 5500000]"),
    ("5 Million", "5000000", None, None, "[4500000, 5500000]"),
    ("12 thousand", "12000", None, None, "[11500, 12500]"),
    ("1.5 billion", "1500000000", None, None, "[1450000000, 1550000000]"),
    ("2.470 thousand", "2470", None, None, "[2469.5, 2470.5]"),
    ("0.3 percentage points", "0.3", "points", None, "[0.25, 0.35]"),
    ("1 percentage point", "1", "points", None, "= 1"),
    ("+0.2 points", "0.2", "points", None, "[0.15, 0.25]"),
    ("-12,670", "-12670", None, None, "= -12670"),
    ("\u221212,670", "-12670", None, None, "= -12670"),
    ("-0.25%", "-0.25", "percent", None, "[-0.255, -0.245]"),
    ("-0", "0", None, None, "= 0"),
    ("0.0", "0", None, None, "[-0.05, 0.05]"),
    ("about 5 million", "5000000", None, "about", "[4750000, 5250000]"),
    ("About  5\tmillion", "5000000", None, "about", "[4750000, 5250000]"),
    ("approximately 49.5%", "49.5", "percent", "approximately", "[47.025, 51.975]"),
    ("around -200", "-200", None, "around", "[-210, -190]"),
    ("roughly 14,000", "14000", None, "roughly", "[13300, 14700]"),
    ("some 5 million", "5000000", None, "some", "[4750000, 5250000]"),
    ("almost exactly 12,000", "12000", None, "almost exactly", "[11880, 12120]"),
    ("nearly exactly 12,000", "12000", None, "nearly exactly", "[11880, 12120]"),
    ("just about 12,000", "12000", None, "just about", "[11880, 12120]"),
    ("nearly 5 million", "5000000", None, "nearly", "[4500000, 5000000]"),
    ("almost 12,000", "12000", None, "almost", "[10800, 12000]"),
    ("just under 0.5%", "0.5", "percent", "just under", "[0.45, 0.5]"),
    ("close to 160", "160", None, "close to", "[144, 160]"),
    ("nearly -12,000", "-12000", None, "nearly", "[-13200, -12000]"),
    ("just over 14,000", "14000", None, "just over", "[14000, 14700]"),
    ("a little over 14,000", "14000", None, "a little over", "[14000, 14700]"),
    (
        "slightly more than 14,000",
        "14000",
        None,
        "slightly more than",
        "[14000, 14700]",
    ),
    ("just more than 14,000", "14000", None, "just more than", "[14000, 14700]"),
    ("more than 14,000", "14000", None, "more than", "> 14000"),
    ("over 0.5%", "0.5", "percent", "over", "> 0.5"),
    ("above 270", "270", None, "above", "> 270"),
    ("at least 270", "270", None, "at least", "≥ 270"),
    ("less than 0.5%", "0.5", "percent", "less than", "< 0.5"),
    ("under 0.5 percent", "0.5", "percent", "under", "< 0.5"),
    ("below 1 million", "1000000", None, "below", "< 1000000"),
    ("fewer than 100", "100", None, "fewer than", "< 100"),
    ("at most 0.5", "0.5", None, "at most", "≤ 0.5"),
    ("No More Than 0.5%", "0.5", "percent", "no more than", "≤ 0.5"),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier", "interval"), PARSED)
def test_parse_number(
    text: str, value: str, unit: str | None, qualifier: str | None, interval: str
) -> None:
    stated = parse_number(text)
    assert stated.text == text
    assert stated.value == D(value)
    assert str(stated.value) == value  # plain digits, no exponent
    assert stated.unit == unit
    assert stated.qualifier == qualifier
    assert str(stated.interval) == interval


# --- numbers: both sides of every interval end -------------------------------

BOUNDARIES = [
    # text, values inside, values outside
    ("49.5%", ["49.45", "49.5", "49.55"], ["49.4499", "49.5501"]),
    ("49.50%", ["49.495", "49.505"], ["49.4949", "49.5051"]),
    ("0.25%", ["0.245", "0.25348", "0.255"], ["0.2449999", "0.2550001"]),
    ("12,670", ["12670", "12670.0"], ["12669", "12671", "12669.9999", "12670.0001"]),
    ("2.47 million", ["2465000", "2475000"], ["2464999.99", "2475000.01"]),
    ("5 million", ["4500000", "5500000"], ["4499999", "5500001"]),
    ("12 thousand", ["11500", "12500"], ["11499", "12501"]),
    ("-0.25%", ["-0.255", "-0.245"], ["-0.2551", "-0.2449"]),
    ("-12,670", ["-12670"], ["-12669", "-12671", "12670"]),
    ("0.0", ["-0.05", "0", "0.05"], ["-0.0501", "0.0501"]),
    ("less than 0.5%", ["0.4999", "0.25348", "-1000"], ["0.5", "0.5001"]),
    ("under 0.5", ["0.4999"], ["0.5"]),
    ("fewer than 100", ["99"], ["100", "101"]),
    ("at most 0.5", ["0.5", "0.4999", "-3"], ["0.5001"]),
    ("no more than 0.5", ["0.5"], ["0.50001"]),
    ("more than 14,000", ["14000.0001", "14001", "99999999"], ["14000", "13999"]),
    ("over 270", ["271"], ["270"]),
    ("above 270", ["270.5"], ["270"]),
    ("at least 270", ["270", "306"], ["269.9999"]),
    ("almost exactly 12,000", ["11880", "12000", "12120"], ["11879.99", "12120.01"]),
    ("almost exactly 12,000", [], ["12670"]),
    ("about 5 million", ["4750000", "5250000"], ["4749999", "5250001"]),
    ("about -200", ["-210", "-190"], ["-210.01", "-189.99"]),
    ("approximately 49.5%", ["47.025", "51.975"], ["47.0249", "51.9751"]),
    ("nearly 5 million", ["4500000", "5000000"], ["4499999", "5000001"]),
    ("almost 12,000", ["10800", "12000"], ["10799.99", "12000.01"]),
    ("just under 0.5%", ["0.45", "0.5"], ["0.4499", "0.5001"]),
    ("nearly -12,000", ["-13200", "-12000"], ["-13200.01", "-11999.99"]),
    ("just more than 14,000", ["14000", "14700"], ["13999.99", "14700.01"]),
    ("just over 14,000", ["14000", "14350", "14700"], ["13999", "14701"]),
    ("a little over 1", ["1", "1.05"], ["0.99", "1.0501"]),
]


@pytest.mark.parametrize(("text", "inside", "outside"), BOUNDARIES)
def test_interval_ends(text: str, inside: list[str], outside: list[str]) -> None:
    interval = parse_number(text).interval
    for value in inside:
        assert D(value) in interval, value
    for value in outside:
        assert D(value) not in interval, value


# --- the SPEC's worked examples on the certified tally -----------------------

BIDEN, TRUMP, TOTAL = 2474507, 2461837, 4998482


def _percent(part: int, whole: int) -> Decimal:
    with localcontext() as context:
        context.prec = 50
        return D(part) / D(whole) * 100


@pytest.mark.parametrize(
    ("stated", "computed", "consistent"),
    [
        ("49.5%", _percent(BIDEN, TOTAL), True),
        ("12,670", D(BIDEN - TRUMP), True),
        ("0.25%", _percent(BIDEN - TRUMP, TOTAL), True),
        ("almost exactly 12,000", D(BIDEN - TRUMP), False),
        ("less than 0.5%", _percent(BIDEN - TRUMP, TOTAL), True),
    ],
)
def test_worked_examples(stated: str, computed: Decimal, consistent: bool) -> None:
    assert (computed in parse_number(stated).interval) is consistent


def test_worked_example_values() -> None:
    assert round(_percent(BIDEN, TOTAL), 4) == D("49.5052")
    assert round(_percent(BIDEN - TRUMP, TOTAL), 5) == D("0.25348")


# --- tolerances --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tolerances", "interval"),
    [
        ("about 5 million", Tolerances(about=D(2)), "[4900000, 5100000]"),
        ("about 5 million", Tolerances(about=D("2.5")), "[4875000, 5125000]"),
        ("about 5 million", Tolerances(about=D(0)), "= 5000000"),
        ("almost exactly 12,000", Tolerances(almost_exactly=D(6)), "[11280, 12720]"),
        ("nearly 5 million", Tolerances(nearly=D(1)), "[4950000, 5000000]"),
        ("just over 14,000", Tolerances(just_over=D(10)), "[14000, 15400]"),
        # tolerances only touch qualified numbers
        ("49.5%", Tolerances(about=D(50)), "[49.45, 49.55]"),
        ("more than 14,000", Tolerances(just_over=D(50)), "> 14000"),
    ],
)
def test_tolerances_override(text: str, tolerances: Tolerances, interval: str) -> None:
    stated = parse_number(text, tolerances)
    assert str(stated.interval) == interval


def test_a_wider_policy_can_accept_the_spec_margin_claim() -> None:
    stated = parse_number("almost exactly 12,000", Tolerances(almost_exactly=D(6)))
    assert D(12670) in stated.interval


@pytest.mark.parametrize("bad", [D(-1), D("NaN"), D("Infinity")])
def test_tolerances_must_be_finite_and_not_negative(bad: Decimal) -> None:
    with pytest.raises(ValueError, match="tolerance nearly must be a finite"):
        Tolerances(nearly=bad)


# --- interval rendering and membership ---------------------------------------


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval(D(1), D(2)), "[1, 2]"),
        (Interval(D(1), D(2), low_inclusive=False, high_inclusive=False), "(1, 2)"),
        (Interval(D("1.50"), D("2.5E+3"), high_inclusive=False), "[1.5, 2500)"),
        (Interval(D("12670"), D("12670")), "= 12670"),
        (Interval(D(3), D(3), low_inclusive=False), "(3, 3]"),
        (Interval(None, D("0.500"), high_inclusive=False), "< 0.5"),
        (Interval(None, D("0.5")), "≤ 0.5"),
        (Interval(D("1.4E+4"), None, low_inclusive=False), "> 14000"),
        (Interval(D("-0.000"), None), "≥ 0"),
        (Interval(None, None), "any value"),
    ],
)
def test_interval_str(interval: Interval, text: str) -> None:
    assert str(interval) == text


def test_unbounded_interval_holds_everything() -> None:
    for value in ("-1E+100", "0", "1E+100"):
        assert D(value) in Interval(None, None)
        assert D(value) in Interval(None, None, False, False)


# --- numbers: errors ---------------------------------------------------------

GRAMMAR = (
    "expected [qualifier] number [scale] [unit], e.g. 'about 5 million' or '49.5%'"
)
GROUPS = (
    "thousands separators must split the digits into groups of three, as in '12,670'"
)
AFTER = (
    "after the number; a number may be followed only by a scale"
    " (thousand, million, billion) and a unit (%, percent, percentage points)"
)
EXPONENT = (
    "exponent notation is not accepted; write the digits,"
    " or use a scale: thousand, million or billion"
)
KNOWN = (
    "is not a known qualifier; use one of: about, approximately, around, roughly,"
    " some, almost exactly, nearly exactly, just about, nearly, almost, just under,"
    " close to, just over, a little over, slightly more than, just more than,"
    " more than, over, above, at least, less than, under, below, fewer than,"
    " at most, no more than"
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", f"it is empty; {GRAMMAR}"),
        ("   ", f"it is empty; {GRAMMAR}"),
        ("about", f"no number after 'about'; {GRAMMAR}"),
        ("Almost  Exactly", f"no number after 'almost exactly'; {GRAMMAR}"),
        ("twelve thousand", "numbers are written as digits: write 12 for 'twelve'"),
        ("about twelve", "numbers are written as digits: write 12 for 'twelve'"),
        ("NaN", GRAMMAR),
        ("Infinity", GRAMMAR),
        ("- 5", GRAMMAR),
        (".5", GRAMMAR),
        ("1,23", GROUPS),
        ("1,2345", GROUPS),
        ("12,", GROUPS),
        ("1e5", EXPONENT),
        ("1e999999", EXPONENT),
        ("2.5E-3%", EXPONENT),
        ("12,670 votes", f"unexpected 'votes' {AFTER}"),
        ("5 million million", f"unexpected 'million million' {AFTER}"),
        ("5 %%", f"unexpected '%%' {AFTER}"),
        ("5percent", f"unexpected 'percent' {AFTER}"),
        ("5 k", f"unexpected 'k' {AFTER}"),
        ("1_000", f"unexpected '_000' {AFTER}"),
        ("approx. 5 million", f"'approx.' {KNOWN}"),
        ("Circa 5", f"'circa' {KNOWN}"),
    ],
)
def test_parse_number_errors(text: str, problem: str) -> None:
    with pytest.raises(StatedError) as caught:
        parse_number(text)
    assert str(caught.value) == f"cannot read {text!r} as a number: {problem}"


def test_long_phrases_are_shortened_in_messages() -> None:
    with pytest.raises(StatedError) as caught:
        parse_number("9" * 70 + " votes")
    assert str(caught.value) == (
        f"cannot read '{'9' * 57}...' as a number: unexpected 'votes' {AFTER}"
    )


def test_stated_error_is_a_value_error() -> None:
    assert issubclass(StatedError, ValueError)


# --- numbers: properties -----------------------------------------------------

QUALIFIERS = {
    "about": "inside",
    "approximately": "inside",
    "around": "inside",
    "roughly": "inside",
    "some": "inside",
    "almost exactly": "inside",
    "nearly exactly": "inside",
    "just about": "inside",
    "nearly": "high",
    "almost": "high",
    "just under": "high",
    "close to": "high",
    "just over": "low",
    "a little over": "low",
    "slightly more than": "low",
    "just more than": "low",
    "more than": "strict",
    "over": "strict",
    "above": "strict",
    "at least": "low",
    "less than": "strict",
    "under": "strict",
    "below": "strict",
    "fewer than": "strict",
    "at most": "high",
    "no more than": "high",
}
SCALES = {"": 0, " thousand": 3, " million": 6, " billion": 9}
UNITS = {
    "": None,
    "%": "percent",
    " %": "percent",
    " percent": "percent",
    " per cent": "percent",
    " percentage points": "points",
    " percentage point": "points",
    " points": "points",
}


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789,.+-\u2212 %eEnaNIf", max_size=30),
        st.from_regex(
            r"[a-z ]{0,20}[-+]?[0-9,.]{1,20}[a-zA-Z% ]{0,25}", fullmatch=True
        ),
    )
)
def test_parse_number_raises_only_stated_error(text: str) -> None:
    try:
        stated = parse_number(text)
    except StatedError as error:
        assert str(error).startswith("cannot read ")
    else:
        assert stated.value.is_finite()


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    sign=st.sampled_from(["", "+", "-", "\u2212"]),
    whole=st.integers(min_value=0, max_value=10**15),
    grouped=st.booleans(),
    fraction=st.one_of(st.none(), st.from_regex(r"[0-9]{1,6}", fullmatch=True)),
    scale=st.sampled_from(sorted(SCALES)),
    unit=st.sampled_from(sorted(UNITS)),
    qualifier=st.one_of(st.none(), st.sampled_from(sorted(QUALIFIERS))),
    shout=st.booleans(),
)
def test_interval_holds_the_written_value(
    sign: str,
    whole: int,
    grouped: bool,
    fraction: str | None,
    scale: str,
    unit: str,
    qualifier: str | None,
    shout: bool,
) -> None:
    number = f"{sign}{whole:,}" if grouped else f"{sign}{whole}"
    if fraction is not None:
        number += f".{fraction}"
    text = (f"{qualifier} " if qualifier else "") + number + scale + unit
    stated = parse_number(text.upper() if shout else text)

    digits = f"{whole}.{fraction}" if fraction is not None else str(whole)
    minus = "-" if sign in ("-", "\u2212") else ""
    value = D(f"{minus}{digits}E{SCALES[scale]}")
    assert stated.value == value
    assert stated.unit == UNITS[unit]
    assert stated.qualifier == qualifier
    interval = stated.interval
    kind = QUALIFIERS[qualifier] if qualifier else "inside"
    assert (value in interval) is (kind != "strict")
    if kind == "low":
        assert interval.low == value
    if kind == "high":
        assert interval.high == value
    if qualifier is None:
        exact = fraction is None and not scale
        half = D(0) if exact else D(f"5E{SCALES[scale] - len(fraction or '') - 1}")
        assert interval == Interval(value - half, value + half)


# --- weekdays ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("Monday", 0),
        ("mon", 0),
        ("Tuesday", 1),
        ("Tue.", 1),
        ("Tues", 1),
        ("wednesday", 2),
        ("Wed.", 2),
        ("Weds", 2),
        ("THURSDAY", 3),
        ("Thu", 3),
        ("Thur.", 3),
        ("Thurs", 3),
        ("Friday", 4),
        ("Fri.", 4),
        (" friday ", 4),
        ("Saturday", 5),
        ("Sat", 5),
        ("Sunday", 6),
        ("Sun.", 6),
    ],
)
def test_parse_weekday(text: str, weekday: int) -> None:
    assert parse_weekday(text) == weekday


@pytest.mark.parametrize("text", ["", "Fryday", "F", "Fridays", "Friday, Nov. 20", "5"])
def test_parse_weekday_errors(text: str) -> None:
    with pytest.raises(StatedError) as caught:
        parse_weekday(text)
    assert str(caught.value) == (
        f"cannot read {text!r} as a weekday: expected a weekday name"
        " such as 'Friday' or 'Fri.'"
    )


# --- dates -------------------------------------------------------------------

ELECTION_DAY = date(2020, 11, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 20", date(2020, 11, 20)),
        ("Nov 20", date(2020, 11, 20)),
        ("nov. 20", date(2020, 11, 20)),
        ("November 20", date(2020, 11, 20)),
        ("November 20, 2020", date(2020, 11, 20)),
        ("Nov. 20, 2020", date(2020, 11, 20)),
        ("2020-11-20", date(2020, 11, 20)),
        ("20 November 2020", date(2020, 11, 20)),
        ("20 Nov.", date(2020, 11, 20)),
        ("Nov. 20th", date(2020, 11, 20)),
        ("Friday, Nov. 20", date(2020, 11, 20)),
        ("Fri. Nov. 20, 2020", date(2020, 11, 20)),
        ("Tuesday, 2020-11-24", date(2020, 11, 24)),
        ("Nov. 3", date(2020, 11, 3)),
        ("Dec. 1", date(2020, 12, 1)),
        ("Jan. 5", date(2021, 1, 5)),
        ("Jan. 5, 2020", date(2020, 1, 5)),
        ("Sept. 30", date(2020, 9, 30)),
        ("Sep 30", date(2020, 9, 30)),
        ("June 1", date(2020, 6, 1)),  # 155 days before, not 210 after
        ("May 1", date(2021, 5, 1)),  # 179 days after, not 186 before
        ("Feb. 29", date(2020, 2, 29)),  # only 2020 has one
        ("Nov. 3, 2016", date(2016, 11, 3)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, ELECTION_DAY) == expected


def test_parse_date_tie_takes_the_earlier_year() -> None:
    # 2020-07-02 is 183 days after 2020-01-01 and 183 days before 2021-01-01
    assert parse_date("Jan. 1", date(2020, 7, 2)) == date(2020, 1, 1)


EXAMPLES = (
    "expected a date such as 'Nov. 20', 'November 20, 2020',"
    " '20 November 2020' or '2020-11-20'"
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "it needs a month and a day"),
        ("Friday", "it needs a month and a day"),
        ("November", "it needs a month and a day"),
        ("Nov. 20 2020 5", "it needs a month and a day"),
        ("2020-1-5", "it needs a month and a day"),
        ("Smarch 3", "'Smarch' is not a month name"),
        ("Nov. twentieth", "'twentieth' is not a day of the month"),
        ("Nov 20 20", "'20' is not a four-digit year"),
        ("Nov. 31, 2020", "November 2020 has no day 31"),
        ("Nov. 31", "November has no day 31"),
        ("Feb. 29, 2021", "February 2021 has no day 29"),
        ("2020-13-01", "there is no month 13"),
        ("2020-02-30", "February 2020 has no day 30"),
        ("0000-01-01", "year 0 is out of range"),
    ],
)
def test_parse_date_errors(text: str, problem: str) -> None:
    with pytest.raises(StatedError) as caught:
        parse_date(text, ELECTION_DAY)
    assert str(caught.value) == f"cannot read {text!r} as a date: {problem}; {EXAMPLES}"


def test_parse_date_weekday_must_match() -> None:
    with pytest.raises(StatedError) as caught:
        parse_date("Thursday, Nov. 20", ELECTION_DAY)
    assert str(caught.value) == (
        "'Thursday, Nov. 20' names a Thursday, but 2020-11-20 is a Friday"
    )


@settings(max_examples=200, deadline=None)
@given(st.text(), st.dates())
def test_parse_date_raises_only_stated_error(text: str, near: date) -> None:
    with contextlib.suppress(StatedError):
        parse_date(text, near)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
def test_parse_date_round_trips(day: date) -> None:
    assert parse_date(day.isoformat(), ELECTION_DAY) == day
    assert parse_date(f"{day:%A, %B} {day.day}, {day.year:04d}", ELECTION_DAY) == day
    assert parse_date(f"{day:%b}. {day.day}", day) == day


# --- yes / no ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        *[("yes", True), ("Yes", True), (" YES ", True), ("true", True)],
        *[("True", True), ("no", False), ("No", False), ("false", False)],
        ("FALSE", False),
    ],
)
def test_parse_yes_no(text: str, answer: bool) -> None:
    assert parse_yes_no(text) is answer


@pytest.mark.parametrize("text", ["", "y", "n", "maybe", "yes!", "1", "0"])
def test_parse_yes_no_errors(text: str) -> None:
    with pytest.raises(StatedError) as caught:
        parse_yes_no(text)
    assert str(caught.value) == (
        f"cannot read {text!r} as yes or no: expected 'yes' or 'no'"
    )


@pytest.mark.parametrize(
    ("form", "text", "problem"),
    [
        (
            COUNT,
            "12.670",
            "'12.670' allows no whole number, but votes is a whole number; a"
            " point does not group thousands here: write 12,670",
        ),
        (COUNT, "about 4.5", "'about 4.5' allows no whole number"),
        (DIFFERENCE, "-12.670", "write -12,670"),
    ],
)
def test_a_count_that_no_whole_number_fits_is_refused(
    form: StatedForm, text: str, problem: str
) -> None:
    with pytest.raises(StatedError) as caught:
        form.parse("votes", text, Tolerances(), date(2020, 11, 3))
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("text", "whole"),
    [("4.000", 4), ("2.47 million", 2_470_000), ("about 12.5", 12), ("0", 0)],
)
def test_a_count_some_whole_number_fits_is_read(text: str, whole: int) -> None:
    number = COUNT.parse("votes", text, Tolerances(), date(2020, 11, 3))
    assert isinstance(number, StatedNumber)
    assert D(whole) in number.interval
