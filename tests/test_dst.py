"""Local times on the nights the clocks change: a time that does not exist is a
data error, a time that happens twice must say which (abbreviation or UTC
offset), and a stated choice must be the zone's on that day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from certcli.calendar.rules import wall_time
from conftest import Run

NEW_YORK = ZoneInfo("America/New_York")
SPRING = date(2024, 3, 10)  # 02:00 EST → 03:00 EDT
AUTUMN = date(2024, 11, 3)  # 02:00 EDT → 01:00 EST
HERE = Path(__file__).parent
SMALL = (HERE / "data" / "good" / "small.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("day", "written", "fold"),
    [
        (AUTUMN, "01:30 EDT", 0),
        (AUTUMN, "01:30 EST", 1),
        (AUTUMN, "01:30 edt", 0),
        (AUTUMN, "01:30 -04:00", 0),
        (AUTUMN, "01:30 -05:00", 1),
        (AUTUMN, "01:30 -0500", 1),
        (AUTUMN, "01:30 -05", 1),
        (AUTUMN, "00:59", 0),  # before the change: once
        (AUTUMN, "02:00", 0),  # after it: once
        (SPRING, "01:59", 0),
        (SPRING, "03:00", 0),
        (date(2024, 11, 20), "17:00", 0),
        (date(2024, 11, 20), "17:00 EST", 0),
    ],
)
def test_times_that_mean_one_moment(day: date, written: str, fold: int) -> None:
    at = time(int(written[:2]), int(written[3:5]))
    wall, problem = wall_time(day, at, written, NEW_YORK)
    assert problem is None
    assert wall == at and wall is not None and wall.fold == fold


@pytest.mark.parametrize(
    ("day", "written", "message"),
    [
        (SPRING, "02:30",
         "'02:30' does not exist on 2024-03-10 in America/New_York: the clocks go"
         " forward from EST to EDT that night and skip it; write the time meant,"
         " e.g. '03:30'"),
        (SPRING, "02:30 EDT",
         "'02:30 EDT' does not exist on 2024-03-10 in America/New_York: the clocks"
         " go forward from EST to EDT that night and skip it; write the time"
         " meant, e.g. '03:30'"),
        (AUTUMN, "01:30",
         "'01:30' happens twice on 2024-11-03 in America/New_York (first EDT, then"
         " EST, when the clocks go back); write '01:30 EDT' or '01:30 EST', or a"
         " UTC offset ('01:30 -04:00')"),
        (AUTUMN, "01:30 PST",
         "'01:30 PST': PST is neither of the two 01:30 on 2024-11-03 in"
         " America/New_York (EDT -04:00, EST -05:00)"),
        (date(2024, 11, 20), "17:00 EDT",
         "'17:00 EDT': America/New_York is on EST (-05:00) on 2024-11-20, not EDT"),
    ],
)  # fmt: skip
def test_times_that_mean_none_or_two(day: date, written: str, message: str) -> None:
    at = time(int(written[:2]), int(written[3:5]))
    assert wall_time(day, at, written, NEW_YORK) == (None, message)


def deadline_file(tmp_path: Path, day: str, at: str) -> Path:
    text = SMALL.replace("timezone: America/Chicago", "timezone: America/New_York")
    old = '    date: {after: election-day, days: 7}\n    time: "17:00"'
    assert old in text
    path = tmp_path / "dst.yaml"
    path.write_text(text.replace(old, f'    date: {day}\n    time: "{at}"'), "utf-8")
    return path


def test_a_time_the_clocks_skip_is_a_data_error_at_its_line(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = deadline_file(tmp_path, "2024-03-10", "02:30")
    result = certcli("check", path)
    assert result.code == 2
    assert result.err.startswith(f"{path}:44:11: events[1].time: '02:30' does not")


@pytest.mark.parametrize(
    ("written", "shown"), [("01:30 EDT", "01:30 EDT"), ("01:30 -05:00", "01:30 EST")]
)
def test_the_chosen_occurrence_is_the_one_shown(
    certcli: Callable[..., Run], tmp_path: Path, written: str, shown: str
) -> None:
    path = deadline_file(tmp_path, "2024-11-03", written)
    result = certcli(
        "timeline", "--data", path, "--as-of", "2024-12-01", "--kind", "deadline"
    )
    assert result.code == 0, result.err
    assert f"Sun 2024-11-03 {shown}" in result.out
    moment = (
        "2024-11-03T01:30:00-04:00" if "EDT" in shown else "2024-11-03T01:30:00-05:00"
    )
    data = certcli("timeline", "--data", path, "-f", "json", "--kind", "deadline")
    assert f'"moment": "{moment}"' in data.out


@pytest.mark.parametrize(
    ("day", "written", "dtstart", "dtend"),
    [
        (
            "2024-11-03",
            "01:30 EDT",
            "DTSTART;TZID=America/New_York:20241103T013000",
            "DTEND:20241103T063000Z",  # 01:30 EST, an hour later
        ),
        (
            "2024-11-03",
            "01:30 EST",
            "DTSTART:20241103T063000Z",  # a TZID time means the first
            "DTEND;TZID=America/New_York:20241103T023000",
        ),
        (
            "2024-03-10",
            "01:30",
            "DTSTART;TZID=America/New_York:20240310T013000",
            "DTEND;TZID=America/New_York:20240310T033000",  # 02:30 does not exist
        ),
    ],
)
def test_the_calendar_export_keeps_the_chosen_occurrence_and_one_hour(
    certcli: Callable[..., Run],
    tmp_path: Path,
    day: str,
    written: str,
    dtstart: str,
    dtend: str,
) -> None:
    path = deadline_file(tmp_path, day, written)
    result = certcli("timeline", "--data", path, "-f", "ics", "--kind", "deadline")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert dtstart in lines
    assert lines[lines.index(dtstart) + 1] == dtend


def test_date_times_without_an_offset_must_exist_and_happen_once(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    text = (
        SMALL.replace("timezone: America/Chicago", "timezone: America/New_York")
        .replace("as_of: 2024-11-06T12:00:00-06:00", "as_of: 2024-11-03T01:30")
        .replace("published: 2024-11-08", "published: 2024-03-10T02:15")
    )
    path = tmp_path / "moments.yaml"
    path.write_text(text, encoding="utf-8")
    result = certcli("check", path, "-f", "json")
    assert result.code == 2
    assert result.err.splitlines()[:2] == [
        f"{path}:33:16: sources.gazette.published: '2024-03-10T02:15' does not"
        " exist in America/New_York: the clocks go forward that night and skip it;"
        " write the time meant with its UTC offset, e.g. '2024-03-10T03:15:00-04:00'",
        f"{path}:66:12: tallies[0].as_of: '2024-11-03T01:30' happens twice in"
        " America/New_York (first EDT, then EST, when the clocks go back); add the"
        " UTC offset: '2024-11-03T01:30-04:00' or '2024-11-03T01:30-05:00'",
    ]
    fixed = (
        path.read_text(encoding="utf-8")
        .replace("2024-11-03T01:30", "2024-11-03T01:30-05:00")
        .replace("2024-03-10T02:15", "2024-03-10T03:15")
    )
    path.write_text(fixed, encoding="utf-8")
    assert certcli("check", path, "-f", "json").code in {0, 1}
