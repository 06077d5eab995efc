"""Working days on a jurisdiction's holiday calendar (the `holidays` package).

Importing `holidays` and building a country's calendar takes longer than the
rest of a check of a typical file (the package imports every country it
knows). So the command line keeps the holiday dates it used in a small cache
in the user's cache directory, one file per version of the package, and a
later run asks the package only for a calendar or a year it has not seen:

    ~/.cache/certcli/holidays-0.109.json
    {"format": 1, "holidays": "0.109",
     "calendars": {"US/GA": {"2020": ["2020-01-01", ...], ...}}}

An entry is keyed by everything the dates depend on: the package's version,
the country, the subdivision, the year, and the cache's own format (bumped
whenever certcli asks the package differently). A cache that is missing,
unreadable, of another format or version, or not writable is ignored: the
package answers, as it does when the cache is off (the default for the
library; `certcli.cli` turns it on). `CERTCLI_CACHE_DIR` moves it.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

# json, tempfile and pathlib are imported where they are used: the command
# line turns the cache on before it knows whether a command needs it, and
# `certcli --help` should not pay for them.

CACHE_FORMAT = 1
_DIST_INFO = re.compile(r"holidays-([^-]+)\.dist-info")


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


def check_calendar(country: str, subdivision: str | None) -> None:
    """Raise CalendarError unless the holidays package knows the calendar."""
    if _DISK.knows(country, subdivision):
        return
    holiday_calendar(country, subdivision)
    _DISK.remember(country, subdivision, None, ())


@cache
def holidays_in(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """The holiday dates of the calendar that fall in `year`."""
    known = _DISK.lookup(country, subdivision, year)
    if known is not None:
        return known
    calendar = holiday_calendar(country, subdivision)
    first = date(year, 1, 1)
    days = frozenset(
        day
        for day in (first + timedelta(days=n) for n in range(366))
        if day.year == year and day in calendar
    )
    _DISK.remember(country, subdivision, year, days)
    return days


def is_business_day(day: date, country: str, subdivision: str | None) -> bool:
    """A weekday that is not a holiday of the calendar."""
    return day.weekday() < 5 and day not in holidays_in(country, subdivision, day.year)


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


def enable_cache(directory: Path | None = None) -> None:
    """Keep holiday dates between runs, in `directory` (default: the user's
    cache directory, or CERTCLI_CACHE_DIR, found when first needed)."""
    _DISK.enabled = True
    _DISK.directory = directory


def cache_directory() -> Path:
    """CERTCLI_CACHE_DIR, else $XDG_CACHE_HOME/certcli, else ~/.cache/certcli."""
    from pathlib import Path

    explicit = os.environ.get("CERTCLI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(base) / "certcli"


def holidays_version() -> str | None:
    """The installed holidays package's version, from the name of its
    `holidays-VERSION.dist-info` directory beside it, without importing
    anything (importlib.metadata alone costs more than the cache saves).
    None when it cannot be found: no cache then."""
    from importlib.util import find_spec

    try:
        spec = find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    versions = set()
    for location in spec.submodule_search_locations:
        try:
            names = os.listdir(os.path.dirname(location))
        except OSError:
            continue
        versions |= {m.group(1) for m in map(_DIST_INFO.fullmatch, names) if m}
    return versions.pop() if len(versions) == 1 else None


class _DiskCache:
    """Holiday dates by calendar and year, in one JSON file per holidays
    version; off until `directory` is set."""

    def __init__(self) -> None:
        self.enabled = False
        self.directory: Path | None = None
        self._loaded: dict[str, Any] | None = None
        self._file: Path | None = None

    def _entries(self) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        if self._loaded is None:
            import json

            version = holidays_version()
            if version is None:
                self.enabled = False
                return None
            directory = self.directory or cache_directory()
            self._file = directory / f"holidays-{version}.json"
            self._loaded = {
                "format": CACHE_FORMAT,
                "holidays": version,
                "calendars": {},
            }
            try:
                data = json.loads(self._file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None
            if (
                isinstance(data, dict)
                and data.get("format") == CACHE_FORMAT
                and data.get("holidays") == version
                and isinstance(data.get("calendars"), dict)
            ):
                self._loaded = data
        return self._loaded

    def knows(self, country: str, subdivision: str | None) -> bool:
        entries = self._entries()
        return (
            entries is not None and _key(country, subdivision) in entries["calendars"]
        )

    def lookup(
        self, country: str, subdivision: str | None, year: int
    ) -> frozenset[date] | None:
        entries = self._entries()
        if entries is None:
            return None
        years = entries["calendars"].get(_key(country, subdivision))
        days = years.get(str(year)) if isinstance(years, dict) else None
        if not isinstance(days, list):
            return None
        try:
            found = frozenset(date.fromisoformat(day) for day in days)
        except (TypeError, ValueError):
            return None
        if any(day.year != year for day in found):
            return None
        return found

    def remember(
        self,
        country: str,
        subdivision: str | None,
        year: int | None,
        days: frozenset[date] | tuple[()],
    ) -> None:
        entries = self._entries()
        if entries is None or self._file is None:
            return
        years = entries["calendars"].setdefault(_key(country, subdivision), {})
        if year is not None:
            years[str(year)] = sorted(day.isoformat() for day in days)
        import json

        _write_atomically(self._file, json.dumps(entries, sort_keys=True))


def _key(country: str, subdivision: str | None) -> str:
    return f"{country}/{subdivision or ''}"


def _write_atomically(path: Path, text: str) -> None:
    """Replace `path` as a whole or not at all; a failure only costs the cache."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


_DISK = _DiskCache()
