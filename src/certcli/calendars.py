"""Working days on a jurisdiction's holiday calendar (the `holidays` package)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any


class CalendarError(ValueError):
    """A country or subdivision that the holidays package does not know."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@cache
def holiday_calendar(country: str, subdivision: str | None) -> Any:
    """The holidays of `country` (and `subdivision`), all years on demand."""
    import holidays

    supported = holidays.list_supported_countries()
    if country not in supported:
        raise CalendarError(
            "country",
            f"unknown holiday calendar country {country!r}"
            " (an ISO 3166-1 code the holidays package supports, e.g. US)",
        )
    if subdivision is not None and subdivision not in supported[country]:
        shown = ", ".join(supported[country][:12])
        more = ", …" if len(supported[country]) > 12 else ""
        raise CalendarError(
            "subdivision",
            f"unknown subdivision {subdivision!r} of {country} (known: {shown}{more})",
        )
    return holidays.country_holidays(country, subdiv=subdivision)


def is_business_day(day: date, country: str, subdivision: str | None) -> bool:
    """A weekday that is not a holiday of the calendar."""
    return day.weekday() < 5 and day not in holiday_calendar(country, subdivision)


def add_business_days(
    start: date, count: int, country: str, subdivision: str | None
) -> date:
    """The `count`-th business day after `start` (`start` itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day, country, subdivision):
            remaining -= 1
    return day
