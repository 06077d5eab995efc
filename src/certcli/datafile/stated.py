"""The stated-value grammar: what a reported figure, weekday, date or yes/no means.

A claim's ``stated`` is the phrase as the press wrote it, normalised only to
digits. A number is read as ``[qualifier] number [scale] [unit]``:

* number: an optional sign (``+``, ``-`` or the minus sign U+2212), digits with
  optional thousands separators in groups of three (``12,670``; ``1,23`` is an
  error) and optional decimals after ``.``. No exponents, no words, no ``NaN``.
* scale: ``thousand``, ``million`` or ``billion``.
* unit: ``%``, ``percent``, ``per cent`` (percent), or ``percentage points``,
  ``percentage point``, ``points``, ``point`` (points). It does not change the
  number.
* qualifier: one of the phrases below. Qualifiers, scales and units are
  case-insensitive, runs of whitespace count as one space, and the longest
  qualifier wins ("almost exactly" before "almost").

A stated number stands for the interval of values consistent with it
(``v`` is the number after scale; percentages are the :class:`Tolerances`,
defaults in brackets):

* integer, no qualifier, no scale (``12,670``): exactly ``v``.
* decimals or a scale (``49.5%``, ``2.47 million``): ``v`` ± half a unit of
  the last written digit, ends included: [49.45, 49.55], [2465000, 2475000].
* ``about``, ``approximately``, ``around``, ``roughly``, ``some``:
  ``v`` ± ``about`` % (5).
* ``almost exactly``, ``nearly exactly``, ``just about``:
  ``v`` ± ``almost_exactly`` % (1).
* ``nearly``, ``almost``, ``just under``, ``close to``:
  [``v`` - ``nearly`` % (10), ``v``].
* ``just over``, ``a little over``, ``slightly more than``, ``just more than``:
  [``v``, ``v`` + ``just_over`` % (5)].
* ``more than``, ``over``, ``above``: > ``v``; ``at least``: ≥ ``v``.
* ``less than``, ``under``, ``below``, ``fewer than``: < ``v``;
  ``at most``, ``no more than``: ≤ ``v``.

Decisions:

* Tolerances are relative: percent of ``abs(v)``, so they work for negative
  values too (the data file's ``policy:`` may change them).
* With a qualifier, only the qualifier decides the interval; the rounding of
  the written digits does not widen it further: "about 5 million" is
  [4750000, 5250000].
* Directional qualifiers ("nearly", "just over", "more than", ...) read the
  number line, also for negative values: "nearly -12,000" is [-13200, -12000].
* All arithmetic is exact :class:`~decimal.Decimal` arithmetic, never float.

Dates are read as newspapers write them ("Nov. 20", "November 20, 2020",
"20 November 2020", "2020-11-20", optionally after a weekday: "Friday, Nov. 20");
a date without a year takes the year that puts it nearest a given day (the
election day). A weekday written with a date must be that date's weekday.

Every parser raises :class:`StatedError` (a :class:`ValueError`) with a message
saying what was expected, and nothing else, for any ``str``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, time
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_CEILING, Context, Decimal
from typing import Literal

from certcli.core.exact import plain

__all__ = [
    "QUALIFIERS",
    "Interval",
    "StatedError",
    "StatedNumber",
    "Tolerances",
    "parse_date",
    "parse_number",
    "parse_weekday",
    "parse_yes_no",
]

Unit = Literal["percent", "points"]

# Unlimited precision: sums and products of finite decimals are never rounded.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_PERCENT = Decimal("0.01")

_GRAMMAR = (
    "expected [qualifier] number [scale] [unit], e.g. 'about 5 million' or '49.5%'"
)
# Numbers written in words, which a stated value must give as digits.
_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen"
    " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS: dict[str, str] = {
    word: str(value) for value, word in enumerate(_WORDS.split(" "))
} | {"a": "1", "an": "1", "a dozen": "12", "dozen": "12"}


class StatedError(ValueError):
    """A stated phrase that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Tolerances:
    """Qualifier tolerances, in percent of the stated value."""

    about: Decimal = Decimal(5)
    almost_exactly: Decimal = Decimal(1)
    nearly: Decimal = Decimal(10)
    just_over: Decimal = Decimal(5)

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not (isinstance(value, Decimal) and value.is_finite() and value >= 0):
                raise ValueError(
                    f"tolerance {field.name} must be a finite Decimal >= 0,"
                    f" not {value!r}"
                )


DEFAULT_TOLERANCES = Tolerances()


@dataclass(frozen=True)
class Interval:
    """The values a stated number is consistent with; ``None`` is unbounded."""

    low: Decimal | None
    high: Decimal | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def __contains__(self, value: Decimal) -> bool:
        if self.low is not None and (
            value < self.low or (value == self.low and not self.low_inclusive)
        ):
            return False
        return self.high is None or not (
            value > self.high or (value == self.high and not self.high_inclusive)
        )

    def __str__(self) -> str:
        low, high = self.low, self.high
        if low is None:
            if high is None:
                return "any value"
            return f"{'≤' if self.high_inclusive else '<'} {plain(high)}"
        if high is None:
            return f"{'≥' if self.low_inclusive else '>'} {plain(low)}"
        if low == high and self.low_inclusive and self.high_inclusive:
            return f"= {plain(low)}"
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        return f"{left}{plain(low)}, {plain(high)}{right}"


@dataclass(frozen=True)
class StatedNumber:
    """A parsed stated number and the interval of values consistent with it."""

    text: str
    value: Decimal
    unit: Unit | None
    qualifier: str | None
    interval: Interval


_Kind = Literal[
    "about", "almost_exactly", "nearly", "just_over", "gt", "ge", "lt", "le"
]
_QUALIFIERS: dict[str, _Kind] = {
    **dict.fromkeys(["about", "approximately", "around", "roughly", "some"], "about"),
    **dict.fromkeys(
        ["almost exactly", "nearly exactly", "just about"], "almost_exactly"
    ),
    **dict.fromkeys(["nearly", "almost", "just under", "close to"], "nearly"),
    **dict.fromkeys(
        ["just over", "a little over", "slightly more than", "just more than"],
        "just_over",
    ),
    **dict.fromkeys(["more than", "over", "above"], "gt"),
    "at least": "ge",
    **dict.fromkeys(["less than", "under", "below", "fewer than"], "lt"),
    **dict.fromkeys(["at most", "no more than"], "le"),
}
_QUALIFIERS_LONGEST_FIRST = sorted(_QUALIFIERS, key=len, reverse=True)
# The qualifiers, longest first (the order a reader must try them in).
QUALIFIERS: tuple[str, ...] = tuple(_QUALIFIERS_LONGEST_FIRST)
_SCALES = {"thousand": 3, "million": 6, "billion": 9}
_UNITS: dict[str, Unit] = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "percentage points": "points",
    "percentage point": "points",
    "points": "points",
    "point": "points",
}

_NUMBER = re.compile(
    r"(?P<sign>[-+\u2212])?(?P<int>[0-9][0-9,]*)(?:\.(?P<frac>[0-9]+))?"
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_TAIL = re.compile(
    r"(?: (?P<scale>thousand|million|billion))?"
    r"(?: ?(?P<percent_sign>%)| (?P<unit>percent|per cent|percentage points?|points?))?"
)


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _number_error(text: str, problem: str) -> StatedError:
    return StatedError(f"cannot read {_quote(text)} as a number: {problem}")


def _width(value: Decimal, percent: Decimal) -> Decimal:
    return _EXACT.multiply(_EXACT.multiply(abs(value), percent), _PERCENT)


def _tidy(value: Decimal) -> Decimal:
    """Plain form: no exponent above zero, no trailing zeros, no negative zero."""
    if value.is_zero():
        return Decimal(0)
    value = value.normalize(_EXACT)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1), context=_EXACT)
    return value


def _interval(
    value: Decimal, kind: _Kind | None, half_unit: Decimal, tol: Tolerances
) -> Interval:
    """The interval of ``value`` under qualifier ``kind``; without a qualifier,
    ± ``half_unit`` (half a unit of the last written digit, or zero)."""
    if kind is None:
        return Interval(_EXACT.subtract(value, half_unit), _EXACT.add(value, half_unit))
    if kind in ("about", "almost_exactly"):
        width = _width(value, tol.about if kind == "about" else tol.almost_exactly)
        return Interval(_EXACT.subtract(value, width), _EXACT.add(value, width))
    if kind == "nearly":
        return Interval(_EXACT.subtract(value, _width(value, tol.nearly)), value)
    if kind == "just_over":
        return Interval(value, _EXACT.add(value, _width(value, tol.just_over)))
    if kind in ("gt", "ge"):
        return Interval(value, None, low_inclusive=kind == "ge")
    return Interval(None, value, high_inclusive=kind == "le")


def parse_number(
    text: str, tolerances: Tolerances = DEFAULT_TOLERANCES
) -> StatedNumber:
    """Read ``[qualifier] number [scale] [unit]`` into a :class:`StatedNumber`."""
    phrase = " ".join(text.split()).casefold()
    if not phrase:
        raise _number_error(text, f"it is empty; {_GRAMMAR}")

    qualifier: str | None = None
    for candidate in _QUALIFIERS_LONGEST_FIRST:
        if phrase == candidate:
            raise _number_error(text, f"no number after {candidate!r}; {_GRAMMAR}")
        if phrase.startswith(candidate + " "):
            qualifier, phrase = candidate, phrase[len(candidate) + 1 :]
            break

    number = _NUMBER.match(phrase)
    if number is None:
        word = next(
            (
                w
                for w in sorted(_NUMBER_WORDS, key=len, reverse=True)
                if phrase == w or phrase.startswith(w + " ")
            ),
            None,
        )
        if word is not None:
            raise _number_error(
                text,
                f"numbers are written as digits: write {_NUMBER_WORDS[word]}"
                f" for {word!r}",
            )
        digit = re.search(r"[-+\u2212]?[0-9]", phrase)
        unknown = phrase[: digit.start()].strip() if digit else ""
        if qualifier is None and any(char.isalpha() for char in unknown):
            known = ", ".join(_QUALIFIERS)
            raise _number_error(
                text, f"{unknown!r} is not a known qualifier; use one of: {known}"
            )
        raise _number_error(text, _GRAMMAR)

    digits, frac = number["int"], number["frac"] or ""
    if "," in digits and not _GROUPED.fullmatch(digits):
        raise _number_error(
            text,
            "thousands separators must split the digits into groups of three,"
            " as in '12,670'",
        )
    rest = phrase[number.end() :]
    tail = _TAIL.fullmatch(rest)
    if tail is None:
        if re.match(r"e[-+]?[0-9]", rest):
            problem = (
                "exponent notation is not accepted; write the digits,"
                " or use a scale: thousand, million or billion"
            )
        else:
            problem = (
                f"unexpected {rest.strip()!r} after the number; a number may be"
                " followed only by a scale (thousand, million, billion) and a unit"
                " (%, percent, percentage points)"
            )
        raise _number_error(text, problem)

    sign = "-" if number["sign"] in ("-", "\u2212") else ""
    written = Decimal(sign + digits.replace(",", "") + (f".{frac}" if frac else ""))
    shift = _SCALES[tail["scale"]] if tail["scale"] else 0
    value = written.scaleb(shift, _EXACT)
    rounded = bool(frac or shift)
    half_unit = Decimal((0, (5,), shift - len(frac) - 1)) if rounded else Decimal(0)
    kind = _QUALIFIERS[qualifier] if qualifier else None
    interval = _interval(value, kind, half_unit, tolerances)
    unit = tail["percent_sign"] or tail["unit"]
    return StatedNumber(
        text=text,
        value=_tidy(value),
        unit=_UNITS[unit] if unit else None,
        qualifier=qualifier,
        interval=Interval(
            None if interval.low is None else _tidy(interval.low),
            None if interval.high is None else _tidy(interval.high),
            interval.low_inclusive,
            interval.high_inclusive,
        ),
    )


_WEEKDAYS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]
_WEEKDAY_NAMES: dict[str, int] = {
    **{name: day for day, name in enumerate(_WEEKDAYS)},
    **{name[:3]: day for day, name in enumerate(_WEEKDAYS)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH_NAMES: dict[str, int] = {
    **{name: month for month, name in enumerate(_MONTHS, start=1)},
    **{name[:3]: month for month, name in enumerate(_MONTHS, start=1)},
    "sept": 9,
}
_DAY = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"[0-9]{4}")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _weekday(word: str) -> int | None:
    return _WEEKDAY_NAMES.get(word.casefold().removesuffix("."))


def parse_weekday(text: str) -> int:
    """A weekday name ("Friday", "Fri.", "Thurs") as 0 = Monday … 6 = Sunday."""
    day = _weekday(text.strip())
    if day is None:
        raise StatedError(
            f"cannot read {_quote(text)} as a weekday: expected a weekday name"
            " such as 'Friday' or 'Fri.'"
        )
    return day


def _date_error(text: str, problem: str) -> StatedError:
    return StatedError(
        f"cannot read {_quote(text)} as a date: {problem}; expected a date such as"
        " 'Nov. 20', 'November 20, 2020', '20 November 2020' or '2020-11-20'"
    )


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= year <= 9999:
            raise _date_error(text, f"year {year} is out of range") from None
        if not 1 <= month <= 12:
            raise _date_error(text, f"there is no month {month}") from None
        month_name = _MONTHS[month - 1].title()
        raise _date_error(text, f"{month_name} {year} has no day {day}") from None


def _nearest(text: str, month: int, day: int, near: date) -> date:
    """The date with this month and day nearest ``near`` (earlier one on a tie)."""
    candidates = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise _date_error(text, f"{_MONTHS[month - 1].title()} has no day {day}")
    return min(candidates, key=lambda d: (abs((d - near).days), d))


def parse_date(text: str, near: date) -> date:
    """A date as newspapers write it; without a year, the one nearest ``near``.

    A weekday written with it must be the date's (StatedError otherwise).
    """
    result, weekday = read_date(text, near)
    if weekday is not None and result.weekday() != weekday:
        raise StatedError(weekday_mismatch(text, result, weekday))
    return result


def weekday_mismatch(text: str, day: date, weekday: int) -> str:
    """e.g. "'Thursday, Nov. 20' names a Thursday, but 2020-11-20 is a Friday"."""
    return (
        f"{_quote(text)} names a {_WEEKDAYS[weekday].title()}, but"
        f" {day.isoformat()} is a {_WEEKDAYS[day.weekday()].title()}"
    )


def read_date(text: str, near: date) -> tuple[date, int | None]:
    """The date `text` gives, and the weekday written with it (not checked)."""
    words = text.replace(",", " ").split()
    weekday = _weekday(words[0]) if words else None
    if weekday is not None:
        words = words[1:]

    if len(words) == 1 and (iso := _ISO.fullmatch(words[0])):
        result = _make_date(text, *(int(part) for part in iso.groups()))
    else:
        year_word = words.pop() if len(words) == 3 else None
        if year_word is not None and not _YEAR.fullmatch(year_word):
            raise _date_error(text, f"{year_word!r} is not a four-digit year")
        if len(words) != 2:
            raise _date_error(text, "it needs a month and a day")
        month_word, day_word = words
        if _DAY.fullmatch(month_word):
            month_word, day_word = day_word, month_word
        month = _MONTH_NAMES.get(month_word.casefold().removesuffix("."))
        day_match = _DAY.fullmatch(day_word)
        if month is None:
            raise _date_error(text, f"{month_word!r} is not a month name")
        if day_match is None:
            raise _date_error(text, f"{day_word!r} is not a day of the month")
        day = int(day_match[1])
        if year_word is None:
            result = _nearest(text, month, day, near)
        else:
            result = _make_date(text, int(year_word), month, day)

    return result, weekday


def parse_yes_no(text: str) -> bool:
    """``yes``/``true`` as True, ``no``/``false`` as False, in any case."""
    answer = {"yes": True, "true": True, "no": False, "false": False}.get(
        text.strip().casefold()
    )
    if answer is None:
        raise StatedError(
            f"cannot read {_quote(text)} as yes or no: expected 'yes' or 'no'"
        )
    return answer


# --- by metric ----------------------------------------------------------------


@dataclass(frozen=True)
class StatedWeekday:
    text: str
    weekday: int  # 0 = Monday


@dataclass(frozen=True)
class StatedDate:
    text: str
    day: date
    weekday: int | None = None  # the weekday written with the date, if any

    @property
    def contradiction(self) -> str | None:
        """What is wrong with the phrase itself: a weekday the date is not on."""
        if self.weekday is None or self.day.weekday() == self.weekday:
            return None
        return weekday_mismatch(self.text, self.day, self.weekday)


@dataclass(frozen=True)
class StatedAnswer:
    text: str
    value: bool


Stated = StatedNumber | StatedWeekday | StatedDate | StatedAnswer

# --- times, durations and candidates ---------------------------------------------


@dataclass(frozen=True)
class StatedTime:
    """A local time of day, perhaps with the weekday or date it falls on.

    ``at`` is None for "close of business", whose time the file's policy sets.
    ``day_offset`` is 1 for "midnight" with a day: midnight belongs to the day
    that ends, so "midnight Tuesday" is 00:00 on Wednesday.
    """

    text: str
    at: time | None
    weekday: int | None = None
    day: date | None = None
    day_offset: int = 0

    @property
    def contradiction(self) -> str | None:
        """What is wrong with the phrase itself: a weekday the date is not on."""
        if self.day is None or self.weekday is None:
            return None
        if self.day.weekday() == self.weekday:
            return None
        return weekday_mismatch(self.text, self.day, self.weekday)


_CLOCK = re.compile(
    r"(?:12(?::00)? )?(?P<word>noon|midnight)"
    r"|(?P<h12>[0-9]{1,2})(?::(?P<m12>[0-9]{2}))? ?(?P<half>[ap])\.? ?m\.?"
    r"|(?P<h24>[0-9]{1,2}):(?P<m24>[0-9]{2})"
    r"|(?P<cob>(?:the )?close of business)"
)
_TIME_HELP = (
    "expected a time such as '5 p.m.', '5:30 a.m.', '17:00', 'noon', 'midnight' or"
    " 'close of business', optionally with a weekday or a date"
    " ('5 p.m. Saturday', 'close of business on Tuesday', 'Friday at noon')"
)


def _time_error(text: str, problem: str) -> StatedError:
    return StatedError(f"cannot read {_quote(text)} as a time: {problem}; {_TIME_HELP}")


def _clock(text: str, match: re.Match[str]) -> tuple[time | None, bool]:
    """The time a clock reading names (None: close of business), and whether
    it is midnight."""
    if match["cob"] is not None:
        return None, False
    word = match["word"]
    if word is not None:
        return (time(12, 0), False) if word == "noon" else (time(0, 0), True)
    if match["h12"] is not None:
        hour, minute = int(match["h12"]), int(match["m12"] or 0)
        if not 1 <= hour <= 12:
            raise _time_error(text, f"{hour} is not an hour of a 12-hour clock")
        hour = hour % 12 + (12 if match["half"] == "p" else 0)
    else:
        hour, minute = int(match["h24"]), int(match["m24"])
        if hour > 23:
            raise _time_error(text, f"{hour} is not an hour of a 24-hour clock")
    if minute > 59:
        raise _time_error(text, f"{minute} is not a minute")
    return time(hour, minute), False


def parse_time(text: str, near: date) -> StatedTime:
    """A time of day as newspapers write it, with an optional weekday or date
    before or after it ("5 p.m. Saturday", "Friday at noon")."""
    phrase = " ".join(text.split()).casefold().removeprefix("at ")
    clock = _CLOCK.match(phrase)
    if clock is not None:
        rest = phrase[clock.end() :].lstrip(" ,").removeprefix("on ")
    else:
        clock = next(
            (m for m in _CLOCK.finditer(phrase) if m.end() == len(phrase)), None
        )
        if clock is None or clock.start() == 0:
            raise _time_error(text, "no time of day in it")
        rest = phrase[: clock.start()].rstrip(" ,").removesuffix(" at")
        rest = rest.removeprefix("on ")
        if not rest or phrase[clock.start() - 1] != " ":
            raise _time_error(text, "no time of day in it")
    at, midnight = _clock(text, clock)
    weekday: int | None = None
    day: date | None = None
    if rest.strip():
        weekday = _weekday(rest.strip())
        if weekday is None:
            try:
                # a weekday that the date is not on makes the claim inconsistent
                day, weekday = read_date(rest, near)
            except StatedError as error:
                first = rest.split()[0].rstrip(".,")
                if first in _MONTH_NAMES or _ISO.fullmatch(first):
                    # a date, but not a real one: say what is wrong with it
                    problem = str(error).partition(" as a date: ")[2]
                    raise _time_error(
                        text, f"{rest.strip()!r}: {problem.partition('; ')[0]}"
                    ) from None
                raise _time_error(
                    text, f"{rest.strip()!r} is neither a weekday nor a date"
                ) from None
    offset = 1 if midnight and (weekday is not None or day is not None) else 0
    return StatedTime(text, at, weekday, day, offset)


DurationUnit = Literal["hours", "days", "business days", "weeks"]
_DURATION_UNITS: dict[str, DurationUnit] = {
    "hour": "hours",
    "hours": "hours",
    "day": "days",
    "days": "days",
    "calendar day": "days",
    "calendar days": "days",
    "business day": "business days",
    "business days": "business days",
    "working day": "business days",
    "working days": "business days",
    "week": "weeks",
    "weeks": "weeks",
}
_DURATION = re.compile(
    r"(?P<number>.*?) (?P<unit>"
    + "|".join(sorted(_DURATION_UNITS, key=len, reverse=True))
    + ")"
)


@dataclass(frozen=True)
class StatedDuration:
    """A length of time: a stated number of hours, days, business days or weeks."""

    text: str
    number: StatedNumber
    unit: DurationUnit


def parse_duration(text: str, tolerances: Tolerances) -> StatedDuration:
    """``[qualifier] number [scale] unit``, the unit hours, days, business days
    (or working days) or weeks: "2 business days", "about 6 weeks"."""
    phrase = " ".join(text.split()).casefold()
    match = _DURATION.fullmatch(phrase)
    if match is None:
        raise StatedError(
            f"cannot read {_quote(text)} as a duration: expected [qualifier] number"
            " and a unit (hours, days, business days or weeks), e.g. '2 business"
            " days' or 'about 6 weeks'"
        )
    number = parse_number(match["number"], tolerances)
    if number.unit is not None:
        raise StatedError(f"{_quote(text)} is a percentage; a duration is a count")
    if number.value < 0:
        raise StatedError(f"{_quote(text)} is negative; a duration is not")
    return StatedDuration(text, number, _DURATION_UNITS[match["unit"]])


@dataclass(frozen=True)
class StatedCandidate:
    """A candidate named by key or full name (the loader checks that it exists)."""

    text: str
    name: str  # stripped and case-folded


def _parse_candidate(text: str) -> StatedCandidate:
    name = text.strip().casefold()
    if not name:
        raise StatedError("a leader claim states a candidate's key or name, not ''")
    return StatedCandidate(text, name)


# --- the forms a metric's stated value takes ------------------------------------

StatedValue = (
    StatedNumber
    | StatedWeekday
    | StatedDate
    | StatedAnswer
    | StatedTime
    | StatedDuration
    | StatedCandidate
)


@dataclass(frozen=True)
class StatedForm:
    """What a metric's stated phrase is (its name says so: a count, a percent,
    a date...) and the parser that reads it. `parse` takes the metric's name,
    for the messages, the phrase, the file's tolerances and the election day
    (a date without a year is the one nearest it)."""

    name: str
    parse: Callable[[str, str, Tolerances, date], StatedValue]


def _number(
    metric: str, text: str, tolerances: Tolerances, *, percent: bool
) -> StatedNumber:
    """A number with the unit its metric has: a percent (or points), or none."""
    number = parse_number(text, tolerances)
    if percent and number.unit is None:
        raise StatedError(f"{_quote(text)} needs a unit for {metric}, e.g. '0.25%'")
    if not percent and number.unit is not None:
        raise StatedError(f"{_quote(text)} is a percentage; {metric} is a count")
    return number


def _count(metric: str, text: str, tolerances: Tolerances, near: date) -> StatedNumber:
    number = _number(metric, text, tolerances, percent=False)
    if number.value < 0:
        raise StatedError(f"{_quote(text)} is negative; {metric} is a count")
    return _whole(number, metric)


def _difference(
    metric: str, text: str, tolerances: Tolerances, near: date
) -> StatedNumber:
    return _whole(_number(metric, text, tolerances, percent=False), metric)


def _whole(number: StatedNumber, metric: str) -> StatedNumber:
    """`number`, when some whole number is consistent with it: a count of
    votes stated "12.670" (a point grouping thousands, as in much of Europe)
    allows only 12.6695 to 12.6705, so no count could ever match it."""
    interval = number.interval
    if interval.low is None or interval.high is None:
        return number
    first = interval.low.to_integral_value(rounding=ROUND_CEILING)
    if first == interval.low and not interval.low_inclusive:
        first += 1
    if first < interval.high or (first == interval.high and interval.high_inclusive):
        return number
    written = number.text.strip()
    hint = ""
    if re.fullmatch(r"[-+\u2212]?\d{1,3}(\.\d{3})+", written):
        comma = written.replace(".", ",")
        hint = f"; a point does not group thousands here: write {comma}"
    raise StatedError(
        f"{_quote(number.text)} allows no whole number, but {metric} is a whole"
        f" number{hint}"
    )


def _share(metric: str, text: str, tolerances: Tolerances, near: date) -> StatedNumber:
    number = _number(metric, text, tolerances, percent=True)
    if number.value > 100 or number.value < 0:
        raise StatedError(f"a share of {_quote(text)} is not between 0 and 100 %")
    return number


def _margin_percent(
    metric: str, text: str, tolerances: Tolerances, near: date
) -> StatedNumber:
    number = _number(metric, text, tolerances, percent=True)
    if abs(number.value) > 100:
        raise StatedError(f"a margin of {_quote(text)} is more than 100 %")
    return number


COUNT = StatedForm("count (0 or more, no unit)", _count)
DIFFERENCE = StatedForm("difference of counts (may be negative, no unit)", _difference)
SHARE = StatedForm("percent from 0 to 100", _share)
MARGIN_PERCENT = StatedForm("percent from -100 to 100", _margin_percent)
WEEKDAY = StatedForm(
    "weekday", lambda metric, text, t, near: StatedWeekday(text, parse_weekday(text))
)
DATE = StatedForm(
    "date", lambda metric, text, t, near: StatedDate(text, *read_date(text, near))
)
ANSWER = StatedForm(
    "yes or no", lambda metric, text, t, near: StatedAnswer(text, parse_yes_no(text))
)
TIME = StatedForm("time of day", lambda metric, text, t, near: parse_time(text, near))
DURATION = StatedForm(
    "duration", lambda metric, text, tolerances, near: parse_duration(text, tolerances)
)
CANDIDATE = StatedForm(
    "candidate", lambda metric, text, t, near: _parse_candidate(text)
)
