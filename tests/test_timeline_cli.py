# ruff: noqa: E501  (expected terminal output is wider than the code)
"""`certcli timeline`: table, JSON, Markdown and .ics through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from certcli.cli import cli
from certcli.commands import BUNDLED_NOTICE
from certcli.render.formats import TIMELINE_FORMATS
from conftest import copy_bundled_results

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "events.yaml"
PENNSYLVANIA = str(ROOT / "tests" / "data" / "good" / "pa-2020-president.yaml")


def run(*args: str, columns: int = 100, env: dict[str, str] | None = None) -> Result:
    environment = {"COLUMNS": str(columns), "NO_COLOR": "", **(env or {})}
    return CliRunner().invoke(cli, ["timeline", *args], env=environment)


# --- the table ------------------------------------------------------------------

PENNSYLVANIA_NOV_25 = """\
2020 presidential election in Pennsylvania: timeline as of Wed 2020-11-25
When                        Event                                          Status
────────────────────────────────────────────────────────────────────────────────────────────────────
Mon 2020-10-19              Last day to register to vote                   past
                            deadline · 15 days before election-day ·       37 days ago
                            pa-dos
Tue 2020-10-27 17:00 EDT    Mail ballot applications must be received      past
                            deadline · stated · pa-dos                     29 days ago
Tue 2020-11-03              Election day                                   past
                            election · stated · pa-dos                     22 days ago
Fri 2020-11-06 17:00 EST    Mail ballots postmarked by election day must   past
                            be received                                    19 days ago
                            deadline · 3 days after election-day · pa-dos
Mon 2020-11-23              Counties must certify their results to the     past
                            state                                          2 days ago
                            deadline · 20 days after election-day ·
                            pa-dos
Tue 2020-11-24              Secretary of the Commonwealth certifies the    past
                            statewide result                               1 day ago · deadline met
                            certification · stated · pa-dos
Tue 2020-11-24              ▶ Voters may petition for a recount            ongoing
→ Tue 2020-12-01 17:00 EST  (illustrative)                                 ends in 6 days
                            window · start: same day as
                            state-certification · end: 3 business days
                            after state-certification
Tue 2020-12-08              Safe-harbor deadline for resolving disputes    upcoming
                            over electors                                  in 13 days · met
                            deadline · stated
Mon 2020-12-14              Presidential electors meet and vote            upcoming
                            other · stated                                 in 19 days

Next deadline: Voters may petition for a recount (illustrative) → closes Tue 2020-12-01 17:00 EST,
in 6 days.
Dates and times are local to America/New_York; business days follow the US-PA holiday calendar.
"""

PENNSYLVANIA_OCT_27_DEADLINES = """\
2020 presidential election in Pennsylvania: timeline as of Tue 2020-10-27 (deadline, window only)
Date              Time         Event                         Kind      Date from                      Sources   Status
──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
Mon 2020-10-19                 Last day to register to vote  deadline  15 days before election-day    pa-dos    past
                                                                                                                8 days ago
Tue 2020-10-27    17:00 EDT    ▶ Mail ballot applications    deadline  stated                         pa-dos    today
                               must be received
Fri 2020-11-06    17:00 EST    Mail ballots postmarked by    deadline  3 days after election-day      pa-dos    upcoming
                               election day must be                                                             in 10 days
                               received
Mon 2020-11-23                 Counties must certify their   deadline  20 days after election-day     pa-dos    upcoming
                               results to the state                                                             in 27 days
Tue 2020-11-24                 Voters may petition for a     window    start: same day as                       upcoming
→ Tue 2020-12-01  → 17:00 EST  recount (illustrative)                  state-certification                      in 28 days
                                                                       end: 3 business days after
                                                                       state-certification
Tue 2020-12-08                 Safe-harbor deadline for      deadline  stated                                   upcoming
                               resolving disputes over                                                          in 42 days · open
                               electors

Next deadline: Mail ballot applications must be received → Tue 2020-10-27 17:00 EDT, today.
Dates and times are local to America/New_York; business days follow the US-PA holiday calendar.
"""


def test_table_exact_narrow() -> None:
    result = run("--data", PENNSYLVANIA, "--as-of", "2020-11-25", "--color", "never")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        PENNSYLVANIA_NOV_25,
        "",
    )


def test_table_exact_wide_with_kinds() -> None:
    result = run(
        "--data",
        PENNSYLVANIA,
        "--as-of",
        "2020-10-27",
        "--kind",
        "deadline",
        "--kind",
        "window",
        "--color",
        "never",
        columns=130,
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        PENNSYLVANIA_OCT_27_DEADLINES,
        "",
    )


def test_bundled_table_on_nov_22() -> None:
    result = run("--as-of", "2020-11-22", "--color", "never", columns=168)
    assert (result.exit_code, result.stderr) == (0, BUNDLED_NOTICE)
    lines = result.stdout.splitlines()
    window = next(i for i, line in enumerate(lines) if "Runner-up may" in line)
    assert lines[window].startswith("Fri 2020-11-20  ")
    assert "▶ Runner-up may request a recount" in lines[window]
    assert lines[window].split()[-1] == "ongoing"
    assert lines[window + 1].startswith("→ Tue 2020-11-24  → 17:00 EST  ")
    assert lines[window + 1].endswith("ends in 2 days")
    assert "start: same day as" in lines[window]
    assert "state-certification" in lines[window + 1]
    assert "end: 2 business days after" in lines[window + 2]
    certified = next(
        i for i, line in enumerate(lines) if "Secretary of State certifies" in line
    )
    assert lines[certified + 1].endswith("2 days ago · deadline met")
    deadline = next(
        i for i, line in enumerate(lines) if "Secretary of State must" in line
    )
    assert "17:00 EST" in lines[deadline]
    assert "17 days after election-day" in lines[deadline]
    assert lines[deadline + 1].endswith("2 days ago · met")
    assert (
        "Next deadline: Runner-up may request a recount → closes Tue 2020-11-24"
        " 17:00 EST, in 2 days." in lines
    )


def test_bundled_table_lists_every_event_in_order() -> None:
    from certcli.loaded.loader import load_bundled

    result = run("--as-of", "2020-11-22", "--color", "never", columns=400)
    titles = [event.title for event in load_bundled().model.events]
    positions = [result.stdout.find(title) for title in titles]
    assert -1 not in positions
    found = [title for _, title in sorted(zip(positions, titles, strict=True))]
    dates = [
        line.split()[1]
        for line in result.stdout.splitlines()
        if line[:3] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
    ]
    assert len(found) == len(dates) == 22
    assert dates == sorted(dates)


def test_colour_always_marks_the_next_deadline_in_bold() -> None:
    result = run("--as-of", "2020-11-22", "--color", "always", columns=160)
    assert result.exit_code == 0
    assert "\x1b[1m" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "Runner-up" in line)
    assert "\x1b[1m" in line


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--color", "never"), {}), (("--color", "auto"), {"NO_COLOR": "1"}), ((), {})],
)
def test_no_colour_without_a_terminal_or_with_no_color(
    args: tuple[str, ...], env: dict[str, str]
) -> None:
    result = run("--as-of", "2020-11-22", *args, env=env)
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout


def test_user_text_is_printed_as_written(tmp_path: Path) -> None:
    text = Path(PENNSYLVANIA).read_text(encoding="utf-8")
    data = tmp_path / "draft.yaml"
    data.write_text(
        text.replace(
            "title: Election day", 'title: "[draft] [bold]Election[/bold] day"'
        ),
        encoding="utf-8",
    )
    for colour in ("never", "always"):
        result = run("--data", str(data), "--as-of", "2020-11-25", "--color", colour)
        assert result.exit_code == 0
        assert "[draft] [bold]Election[/bold] day" in result.stdout
    markdown = run("--data", str(data), "--as-of", "2020-11-25", "-f", "markdown")
    assert r"\[draft\] \[bold\]Election\[/bold\] day" in markdown.stdout


def test_table_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "timeline.txt"
    result = run("--data", PENNSYLVANIA, "--as-of", "2020-11-25", "-o", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert target.read_text(encoding="utf-8") == PENNSYLVANIA_NOV_25


# --- Markdown -------------------------------------------------------------------

PENNSYLVANIA_MARKDOWN = r"""## 2020 presidential election in Pennsylvania: timeline as of Mon 2020-11-23 (window, certification only)

| Date | Day | Time | Event | Kind | Date from | Sources | Status |
|---|---|---|---|---|---|---|---|
| 2020-11-24 | Tue |  | Secretary of the Commonwealth certifies the statewide result | certification | stated | pa-dos | upcoming · in 1 day · deadline open |
| 2020-11-24<br>→ 2020-12-01 | Tue<br>→ Tue | <br>→ 17:00 EST | ▶ **Voters may petition for a recount (illustrative)** | window | start: same day as state-certification<br>end: 3 business days after state-certification |  | **upcoming · in 1 day** |

**Next deadline: Voters may petition for a recount (illustrative) → closes Tue 2020-12-01 17:00 EST, in 8 days.**

Dates and times are local to America/New\_York; business days follow the US-PA holiday calendar.
"""


def test_markdown_exact() -> None:
    result = run(
        "--data",
        PENNSYLVANIA,
        "--as-of",
        "2020-11-23",
        "-f",
        "markdown",
        "--kind",
        "window",
        "--kind",
        "certification",
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        PENNSYLVANIA_MARKDOWN,
        "",
    )


# --- JSON -----------------------------------------------------------------------


def test_json_document() -> None:
    result = run("--as-of", "2020-11-22", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, BUNDLED_NOTICE)
    document = json.loads(result.stdout)
    assert list(document) == [
        "format",
        "election",
        "as_of",
        "kinds",
        "next_deadline",
        "events",
        "sources",
    ]
    assert document["format"] == "certcli-timeline/1"
    assert document["election"] == {
        "id": "ga-2020-president",
        "title": "2020 presidential election in Georgia",
        "election_day": "2020-11-03",
        "timezone": "America/New_York",
        "calendar": "US-GA",
    }
    assert (document["as_of"], document["kinds"]) == ("2020-11-22", [])
    assert document["next_deadline"] == {
        "event": "recount-request-window",
        "closes": "2020-11-24T17:00:00-05:00",
        "days": 2,
    }
    events = {event["id"]: event for event in document["events"]}
    assert len(events) == 22
    assert events["recount-request-window"] == {
        "id": "recount-request-window",
        "title": "Runner-up may request a recount",
        "kind": "window",
        "span": True,
        "start": {
            "date": "2020-11-20",
            "weekday": "Friday",
            "time": None,
            "moment": "2020-11-20T00:00:00-05:00",
            "how": "rule",
            "rule": "same day as state-certification",
            "anchor": "state-certification",
            "stated": None,
        },
        "end": {
            "date": "2020-11-24",
            "weekday": "Tuesday",
            "time": "17:00",
            "moment": "2020-11-24T17:00:00-05:00",
            "how": "rule",
            "rule": "2 business days after state-certification",
            "anchor": "state-certification",
            "stated": "2020-11-24",
        },
        "status": "ongoing",
        "days": 2,
        "days_to_start": -2,
        "days_to_end": 2,
        "deadline": None,
        "must_meet": None,
        "after": [],
        "sources": ["seed-000", "seed-002"],
        "citation": "O.C.G.A. § 21-2-495(c)",
        "note": None,
    }
    assert events["state-certification-deadline"]["deadline"] == {
        "status": "met",
        "actions": [
            {
                "event": "state-certification",
                "moment": "2020-11-20T00:00:00-05:00",
                "met": True,
            }
        ],
    }
    assert events["state-certification"]["must_meet"] == {
        "deadline": "state-certification-deadline",
        "closes": "2020-11-20T17:00:00-05:00",
        "met": True,
        "status": "met",
    }
    assert set(document["sources"]) == {
        source for event in document["events"] for source in event["sources"]
    }


def test_json_is_stable_and_goes_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    first = run("--as-of", "2020-11-22", "-f", "json")
    written = run("--as-of", "2020-11-22", "-f", "json", "-o", str(target))
    assert (written.exit_code, written.stdout, written.stderr) == (
        0,
        "",
        BUNDLED_NOTICE,
    )
    assert target.read_text(encoding="utf-8") == first.stdout
    assert json.loads(first.stdout)["as_of"] == "2020-11-22"


# --- .ics -----------------------------------------------------------------------


def _ics(*args: str) -> bytes:
    result = CliRunner().invoke(cli, ["timeline", "-f", "ics", *args])
    notice = "" if "--data" in args else BUNDLED_NOTICE
    assert (result.exit_code, result.stderr) == (0, notice)
    return result.stdout_bytes


def test_ics_parses_back_with_every_event() -> None:
    from icalendar import Calendar

    from certcli.loaded.loader import load_bundled

    raw = _ics("--as-of", "2020-11-22")
    calendar = Calendar.from_ical(raw)
    assert str(calendar["PRODID"]) == "-//certcli//certcli//EN"
    assert str(calendar["VERSION"]) == "2.0"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    ids = [event.id for event in load_bundled().model.events]
    assert sorted(events) == sorted(f"{i}@ga-2020-president.certcli" for i in ids)
    stamps = {event.decoded("DTSTAMP") for event in events.values()}
    assert stamps == {datetime.fromisoformat("2020-11-03T00:00:00+00:00")}

    def get(event_id: str) -> Any:
        return events[f"{event_id}@ga-2020-president.certcli"]

    election = get("election-day")
    assert election.decoded("DTSTART") == date(2020, 11, 3)
    assert election.decoded("DTEND") == date(2020, 11, 4)
    recount = get("recount")
    assert recount.decoded("DTSTART") == date(2020, 11, 24)
    assert recount.decoded("DTEND") == date(2020, 12, 3)
    audit = get("risk-limiting-audit")
    assert audit.decoded("DTSTART").isoformat() == "2020-11-13T09:00:00-05:00"
    assert audit.decoded("DTEND").isoformat() == "2020-11-18T23:59:00-05:00"
    window = get("recount-request-window")
    assert window.decoded("DTSTART").isoformat() == "2020-11-20T00:00:00-05:00"
    assert window.decoded("DTEND").isoformat() == "2020-11-24T17:00:00-05:00"
    deadline = get("state-certification-deadline")
    assert deadline.decoded("DTSTART").isoformat() == "2020-11-20T17:00:00-05:00"
    assert deadline.decoded("DTEND").isoformat() == "2020-11-20T18:00:00-05:00"
    assert all(0 <= int(str(event["SEQUENCE"])) < 2**31 for event in events.values())
    assert b"DTSTART;VALUE=DATE:20201103\r\n" in raw
    assert b"DTSTART;TZID=America/New_York:20201120T170000\r\n" in raw
    assert b"DTEND;TZID=America/New_York:20201124T170000\r\n" in raw
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [
        "America/New_York"
    ]
    assert calendar.get_missing_tzids() == set()


def test_ics_keeps_local_time_across_daylight_saving() -> None:
    from icalendar import Calendar

    raw = _ics("--data", PENNSYLVANIA)
    assert b"DTSTART;TZID=America/New_York:20201027T170000\r\n" in raw
    assert b"DTSTART;TZID=America/New_York:20201106T170000\r\n" in raw
    events = {str(e["UID"]): e for e in Calendar.from_ical(raw).walk("VEVENT")}
    before = events["mail-ballot-application-deadline@pa-2020-president.certcli"]
    after = events["mail-ballot-receipt-deadline@pa-2020-president.certcli"]
    start, end = before.decoded("DTSTART"), after.decoded("DTSTART")
    assert (start.hour, end.hour) == (17, 17)
    assert (start.utcoffset(), end.utcoffset()) == (
        timedelta(hours=-4),
        timedelta(hours=-5),
    )


def test_ics_twice_to_a_file_gives_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    _ics("-o", str(first))
    _ics("-o", str(second), "--as-of", "2031-01-01")  # the as-of date plays no part
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == _ics()
    assert first.read_bytes().count(b"BEGIN:VEVENT") == 22


@pytest.mark.subprocess
def test_ics_in_a_fresh_process_is_identical(tmp_path: Path) -> None:
    target = tmp_path / "ga.ics"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "certcli",
            "timeline",
            "--format",
            "ics",
            "-o",
            str(target),
        ],
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        b"",
        BUNDLED_NOTICE.encode(),
    )
    assert target.read_bytes() == _ics()


# --- every format, and errors -----------------------------------------------------


@pytest.mark.parametrize("format_", TIMELINE_FORMATS)
def test_every_format_is_wired(format_: str) -> None:
    result = run("--as-of", "2020-11-22", "-f", format_)
    assert (result.exit_code, result.stderr) == (0, BUNDLED_NOTICE)
    assert "recount" in result.stdout


@pytest.mark.subprocess
def test_a_span_that_ends_before_it_starts_is_a_data_error(tmp_path: Path) -> None:
    text = Path(PENNSYLVANIA).read_text(encoding="utf-8")
    data = tmp_path / "bad.yaml"
    data.write_text(
        text.replace(
            "end: {after: state-certification, business_days: 3}",
            "end: {before: state-certification, days: 1}",
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "certcli", "timeline", "--data", str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"{data}:84:10: events[6].end: ends (2020-11-23 17:00) before it starts"
        " (2020-11-24)\n",
    )


def test_a_file_without_events() -> None:
    minimal = str(ROOT / "tests" / "data" / "good" / "minimal.yaml")
    result = run("--data", minimal, "--as-of", "2020-01-01", columns=40)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Minimal contest: timeline as of Wed\n"
        "2020-01-01\n"
        "No events.\n"
        "\n"
        "No open deadline on or after 2020-01-01.\n"
        "Dates and times are local to UTC;\n"
        "business days follow the US holiday\n"
        "calendar.\n",
        "",
    )


def test_ics_of_a_file_without_events_is_refused(certcli: Callable[..., Any]) -> None:
    minimal = str(ROOT / "tests" / "data" / "good" / "minimal.yaml")
    ics = certcli("timeline", "--data", minimal, "-f", "ics")
    assert (ics.code, ics.out, ics.err) == (
        2,
        "",
        "Error: nothing to write: the file has no events, and an iCalendar file"
        " must hold at least one event (RFC 5545, section 3.6)\n",
    )


def test_ics_with_no_event_of_the_kinds_asked_for_writes_nothing(
    tmp_path: Path, certcli: Callable[..., Any]
) -> None:
    minimal = ROOT / "tests" / "data" / "good" / "minimal.yaml"
    data = tmp_path / "one.yaml"
    data.write_text(
        minimal.read_text(encoding="utf-8")
        + "events:\n  - {id: e, title: E, kind: audit, date: 2020-01-02}\n",
        encoding="utf-8",
    )
    target = tmp_path / "old.ics"
    target.write_bytes(b"old")
    result = certcli(
        "timeline",
        "--data",
        str(data),
        "-f",
        "ics",
        "--kind",
        "runoff",
        "--kind",
        "window",
        "-o",
        str(target),
    )
    assert (result.code, result.err) == (
        2,
        "Error: nothing to write: the file has no event of kind runoff or window,"
        " and an iCalendar file must hold at least one event (RFC 5545, section"
        " 3.6)\n",
    )
    assert target.read_bytes() == b"old"
    assert b"BEGIN:VEVENT" in _ics("--data", str(data), "--kind", "audit")


def _sequences(raw: bytes) -> dict[str, int]:
    from icalendar import Calendar

    return {
        str(event["UID"]).split("@")[0]: int(str(event["SEQUENCE"]))
        for event in Calendar.from_ical(raw).walk("VEVENT")
    }


def test_ics_sequence_changes_with_the_event_and_only_with_it(tmp_path: Path) -> None:
    before = _sequences(_ics())
    text = BUNDLED.read_text(encoding="utf-8")
    title = "title: Secretary of State must certify the statewide result\n"
    assert text.count(title) == 1
    edited = tmp_path / "events.yaml"
    edited.write_text(
        text.replace(title, "title: Secretary of State must certify the result\n"),
        encoding="utf-8",
    )
    copy_bundled_results(tmp_path)
    after = _sequences(_ics("--data", str(edited)))
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {"state-certification-deadline"}
