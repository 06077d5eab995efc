"""The holiday-date cache of the command line: used when every key matches,
ignored when any differs, and never a different verdict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from importlib import metadata
from pathlib import Path

import holidays
import pytest

from certcli.calendar import business_days as calendars

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "events.yaml"
FAKE = date(2020, 6, 15)  # a Monday no calendar here has as a holiday


def package(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """The holidays package's own answer."""
    found = holidays.country_holidays(country, subdiv=subdivision, years=year)
    return frozenset(day for day in found if day.year == year)


def new_process(directory: Path) -> None:
    """The cache as a new process of the command line finds it."""
    calendars._DISK = calendars._DiskCache()
    calendars.holidays_in.cache_clear()
    calendars.enable_cache(directory)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    """A fresh cache in a temporary directory."""
    original = calendars._DISK
    new_process(tmp_path)
    yield tmp_path
    calendars._DISK = original
    calendars.holidays_in.cache_clear()


def planted(directory: Path, **changes: object) -> Path:
    """A cache file that says FAKE is a holiday of US-GA in 2020."""
    version = calendars.holidays_version()
    assert version is not None
    entries = {
        "format": calendars.CACHE_FORMAT,
        "holidays": version,
        "calendars": {"US/GA": {"2020": [FAKE.isoformat()]}},
    }
    entries.update(changes)
    path = directory / f"holidays-{version}.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_the_cache_is_written_and_then_read(cache: Path) -> None:
    assert calendars.holidays_in("US", "GA", 2020) == package("US", "GA", 2020)
    version = calendars.holidays_version()
    written = json.loads((cache / f"holidays-{version}.json").read_text("utf-8"))
    assert written["format"] == calendars.CACHE_FORMAT
    assert written["holidays"] == version == metadata.version("holidays")
    assert written["calendars"]["US/GA"]["2020"] == sorted(
        day.isoformat() for day in package("US", "GA", 2020)
    )
    planted(cache)
    new_process(cache)
    assert calendars.holidays_in("US", "GA", 2020) == {FAKE}  # read, not computed


@pytest.mark.parametrize(
    ("country", "subdivision", "year"),
    [("US", "GA", 2021), ("US", "CA", 2020), ("US", None, 2020), ("GB", None, 2020)],
)
def test_another_calendar_or_year_is_asked_of_the_package(
    cache: Path, country: str, subdivision: str | None, year: int
) -> None:
    planted(cache)
    found = calendars.holidays_in(country, subdivision, year)
    assert found == package(country, subdivision, year)
    assert FAKE not in found


def test_another_holidays_version_is_asked_of_the_package(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted(cache)
    monkeypatch.setattr(calendars, "holidays_version", lambda: "0.0-other")
    new_process(cache)
    assert calendars.holidays_in("US", "GA", 2020) == package("US", "GA", 2020)


@pytest.mark.parametrize(
    "changes",
    [
        {"format": calendars.CACHE_FORMAT + 1},
        {"holidays": "0.0-other"},
        {"calendars": {"US/GA": {"2020": ["2021-06-14"]}}},  # not in its year
        {"calendars": {"US/GA": {"2020": "2020-06-15"}}},
        {"calendars": []},
    ],
)
def test_a_cache_of_another_format_or_shape_is_ignored(
    cache: Path, changes: dict[str, object]
) -> None:
    planted(cache, **changes)
    assert calendars.holidays_in("US", "GA", 2020) == package("US", "GA", 2020)


def test_an_unreadable_or_unwritable_cache_costs_nothing_but_time(
    cache: Path,
) -> None:
    path = planted(cache)
    path.write_bytes(b"\xff not json")
    assert calendars.holidays_in("US", "GA", 2020) == package("US", "GA", 2020)
    new_process(Path(os.devnull) / "cannot-exist")
    assert calendars.holidays_in("US", "GA", 2021) == package("US", "GA", 2021)


def test_an_unknown_calendar_is_never_cached(cache: Path) -> None:
    with pytest.raises(calendars.CalendarError, match="unknown subdivision 'ZZ'"):
        calendars.check_calendar("US", "ZZ")
    calendars.check_calendar("US", "GA")
    new_process(cache)
    assert calendars._DISK.knows("US", "GA")
    assert not calendars._DISK.knows("US", "ZZ")
    with pytest.raises(calendars.CalendarError):
        calendars.check_calendar("US", "ZZ")


def test_the_library_keeps_no_cache_unless_asked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(calendars, "_DISK", calendars._DiskCache())
    calendars.holidays_in.cache_clear()
    monkeypatch.setenv("CERTCLI_CACHE_DIR", str(tmp_path))
    calendars.holidays_in("US", "GA", 2019)
    calendars.holidays_in.cache_clear()
    assert list(tmp_path.iterdir()) == []


def test_cache_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CERTCLI_CACHE_DIR", str(tmp_path / "c"))
    assert calendars.cache_directory() == tmp_path / "c"
    monkeypatch.delenv("CERTCLI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert calendars.cache_directory() == tmp_path / "x" / "certcli"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert calendars.cache_directory() == tmp_path / "home" / ".cache" / "certcli"


def _check(cache_dir: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CERTCLI_CACHE_DIR": cache_dir}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "certcli",
            "check",
            "-f",
            "json",
            "--as-of",
            "2020-11-22",
            str(BUNDLED),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.subprocess
def test_the_command_line_gives_the_same_report_with_and_without_the_cache(
    tmp_path: Path,
) -> None:
    without = _check(os.path.join(os.devnull, "none"))
    filling = _check(str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == [
        f"holidays-{calendars.holidays_version()}.json"
    ]
    reading = _check(str(tmp_path))
    assert without.returncode == filling.returncode == reading.returncode == 0
    assert without.stdout == filling.stdout == reading.stdout
    assert '"rule-date-mismatch"' not in reading.stdout
