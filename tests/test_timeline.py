"""Deadlines met or missed, `after` ordering, stated-date mismatches and statuses."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from certcli.calendar.status import (
    deadline_results,
    deadline_state,
    next_deadline,
    ordering_results,
    stated_mismatches,
    statuses,
)
from certcli.figures.timeline import report
from certcli.loaded.loader import load, load_bundled
from test_dates import timeline

ROOT = Path(__file__).resolve().parent.parent
PENNSYLVANIA = ROOT / "tests" / "data" / "good" / "pa-2020-president.yaml"


def _when(day: str, at: str | None, key: str = "date") -> str:
    return f"{key}: {day}" + (
        f', {"time" if key == "date" else key + "_time"}: "{at}"' if at else ""
    )


# --- deadlines -----------------------------------------------------------------

DEADLINES = [
    # deadline day, deadline time, action day, action time, met
    ("2020-11-20", "17:00", "2020-11-20", None, True),  # a date counts as 00:00
    ("2020-11-20", "17:00", "2020-11-20", "16:59", True),
    ("2020-11-20", "17:00", "2020-11-20", "17:00", True),  # "not later than"
    ("2020-11-20", "17:00", "2020-11-20", "17:01", False),
    ("2020-11-20", "17:00", "2020-11-21", None, False),
    ("2020-11-20", "17:00", "2020-11-19", "23:59", True),
    ("2020-11-20", None, "2020-11-20", None, True),
    ("2020-11-20", None, "2020-11-20", "23:59", True),  # a date-only deadline: all day
    ("2020-11-20", None, "2020-11-21", "00:00", False),
    ("2020-11-20", None, "2020-11-19", None, True),
]


@pytest.mark.parametrize(("d_day", "d_time", "a_day", "a_time", "met"), DEADLINES)
def test_deadline_met_or_missed(
    d_day: str, d_time: str | None, a_day: str, a_time: str | None, met: bool
) -> None:
    resolved = timeline(
        f"""\
        - {{id: d, title: D, kind: deadline, {_when(d_day, d_time)}}}
        - {{id: a, title: A, kind: certification, deadline: d, {_when(a_day, a_time)}}}
        """
    )
    (result,) = deadline_results(resolved)
    assert (result.action_id, result.deadline_id, result.met) == ("a", "d", met)
    assert result.path == ("events", 1, "deadline")
    assert result.action_moment == resolved.get("a").moment()
    assert result.deadline_moment == resolved.get("d").moment()


def test_a_span_must_end_by_the_deadline_and_a_window_closes_at_its_end() -> None:
    resolved = timeline(
        """\
        - {id: w, title: W, kind: window, start: 2020-11-20, end: 2020-11-24,
           end_time: "17:00"}
        - {id: early, title: E, kind: other, date: 2020-11-24, time: "16:00",
           deadline: w}
        - {id: long, title: L, kind: recount, start: 2020-11-21, end: 2020-11-25,
           deadline: w}
        """
    )
    assert [(r.action_id, r.met) for r in deadline_results(resolved)] == [
        ("early", True),
        ("long", False),
    ]


def test_bundled_deadlines_are_met() -> None:
    results = deadline_results(load_bundled().timeline)
    assert [(r.action_id, r.deadline_id, r.met) for r in results] == [
        ("state-certification", "state-certification-deadline", True),
        ("governor-certification", "governor-electors-deadline", True),
    ]
    first = results[0]
    assert first.action_moment.isoformat() == "2020-11-20T00:00:00-05:00"
    assert first.deadline_moment.isoformat() == "2020-11-20T17:00:00-05:00"


# --- ordering -------------------------------------------------------------------

ORDERING = [
    # earlier (after: …), event, compared, holds
    ("date: 2020-11-20", "date: 2020-11-20", "day", True),  # same day: not earlier
    ("date: 2020-11-20", "date: 2020-11-19", "day", False),
    ("date: 2020-11-20", "date: 2020-11-21", "day", True),
    ('date: 2020-11-20, time: "17:00"', "date: 2020-11-20", "day", True),
    (
        'date: 2020-11-20, time: "17:00"',
        'date: 2020-11-20, time: "09:00"',
        "moment",
        False,
    ),
    (
        'date: 2020-11-20, time: "17:00"',
        'date: 2020-11-20, time: "17:00"',
        "moment",
        True,
    ),
    (
        'date: 2020-11-20, time: "09:00"',
        'date: 2020-11-20, time: "17:00"',
        "moment",
        True,
    ),
    ("start: 2020-11-11, end: 2020-11-19", "date: 2020-11-19", "day", True),
    ("start: 2020-11-11, end: 2020-11-19", "date: 2020-11-18", "day", False),
    (
        'start: 2020-11-11, end: 2020-11-19, end_time: "17:00"',
        'start: 2020-11-19, start_time: "16:00", end: 2020-11-30',
        "moment",
        False,
    ),
]


@pytest.mark.parametrize(("earlier", "event", "compared", "holds"), ORDERING)
def test_after_ordering(earlier: str, event: str, compared: str, holds: bool) -> None:
    resolved = timeline(
        f"""\
        - {{id: x, title: X, kind: other, {earlier}}}
        - {{id: y, title: Y, kind: other, after: [x], {event}}}
        """
    )
    (result,) = ordering_results(resolved)
    assert (result.event.id, result.earlier.id) == ("y", "x")
    assert (result.compared, result.holds) == (compared, holds)
    assert result.path == ("events", 1, "after", 0)


def test_bundled_ordering_holds_everywhere() -> None:
    results = ordering_results(load_bundled().timeline)
    assert len(results) == 9
    assert all(result.holds for result in results)


# --- rules whose stated date differs ---------------------------------------------


def test_stated_mismatches_name_the_stated_value() -> None:
    resolved = timeline(
        """\
        - {id: a, title: A, kind: other, date: 2020-11-20}
        - id: b
          title: B
          kind: deadline
          date: {after: a, days: 1, stated: 2020-11-21}
        - id: w
          title: W
          kind: window
          start: {event: a, stated: 2020-11-19}
          end: {after: a, business_days: 2, stated: 2020-11-23}
        """
    )
    found = stated_mismatches(resolved)
    assert [(m.event.id, m.field, m.resolved.day, m.stated, m.path) for m in found] == [
        (
            "w",
            "start",
            date(2020, 11, 20),
            date(2020, 11, 19),
            ("events", 2, "start", "stated"),
        ),
        (
            "w",
            "end",
            date(2020, 11, 24),
            date(2020, 11, 23),
            ("events", 2, "end", "stated"),
        ),
    ]
    assert stated_mismatches(load_bundled().timeline) == ()


# --- statuses as of a date --------------------------------------------------------

BUNDLED_STATUSES = [
    # as of, event, status, days, deadline state
    ("2020-11-19", "recount-request-window", "upcoming", 1, None),
    ("2020-11-20", "recount-request-window", "ongoing", 4, None),
    ("2020-11-22", "recount-request-window", "ongoing", 2, None),
    ("2020-11-24", "recount-request-window", "ongoing", 0, None),
    ("2020-11-25", "recount-request-window", "past", -1, None),
    ("2020-11-19", "state-certification-deadline", "upcoming", 1, "open"),
    ("2020-11-20", "state-certification-deadline", "today", 0, "met"),
    ("2020-11-22", "state-certification-deadline", "past", -2, "met"),
    ("2020-11-20", "governor-electors-deadline", "upcoming", 1, "met"),
    ("2020-11-19", "governor-electors-deadline", "upcoming", 2, "open"),
    ("2020-11-22", "county-certification-deadline", "past", -9, None),
    ("2020-11-22", "election-day", "past", -19, None),
    ("2020-11-03", "election-day", "today", 0, None),
    ("2020-11-22", "recount", "upcoming", 2, None),
    ("2020-11-30", "recount", "ongoing", 2, None),
    ("2020-12-03", "recount", "past", -1, None),
]


@pytest.mark.parametrize(
    ("as_of", "event_id", "status", "days", "state"), BUNDLED_STATUSES
)
def test_bundled_statuses(
    as_of: str, event_id: str, status: str, days: int, state: str | None
) -> None:
    found = {
        s.event.id: s
        for s in statuses(load_bundled().timeline, date.fromisoformat(as_of))
    }
    assert (found[event_id].status, found[event_id].days, found[event_id].deadline) == (
        status,
        days,
        state,
    )


@pytest.mark.parametrize(
    ("action_day", "as_of", "state"),
    [
        ("2020-11-18", "2020-11-17", "open"),  # will be in time, not done yet
        ("2020-11-18", "2020-11-18", "met"),
        ("2020-11-22", "2020-11-20", "open"),  # deadline still ahead
        ("2020-11-22", "2020-11-21", "missed"),  # passed before the action
        ("2020-11-22", "2020-11-23", "missed"),
    ],
)
def test_deadline_state_as_of_a_date(action_day: str, as_of: str, state: str) -> None:
    resolved = timeline(
        f"""\
        - {{id: d, title: D, kind: deadline, date: 2020-11-20, time: "17:00"}}
        - {{id: a, title: A, kind: certification, deadline: d, date: {action_day}}}
        """
    )
    day = date.fromisoformat(as_of)
    assert deadline_state(resolved.get("d"), deadline_results(resolved), day) == state


@pytest.mark.parametrize(
    ("as_of", "certification", "governor"),
    [
        ("2020-11-19", "open", "open"),
        ("2020-11-20", "met", "met"),
        ("2020-11-22", "met", "met"),
    ],
)
def test_actions_carry_their_own_deadline_state(
    as_of: str, certification: str, governor: str
) -> None:
    found = {
        s.event.id: s
        for s in statuses(load_bundled().timeline, date.fromisoformat(as_of))
    }
    assert found["state-certification"].own_state == certification
    assert found["governor-certification"].own_state == governor
    own = found["state-certification"].own_deadline
    assert own is not None and own.deadline_id == "state-certification-deadline"
    assert found["recount-request"].own_state is None


def test_a_late_action_shows_its_deadline_missed() -> None:
    resolved = timeline(
        """\
        - {id: d, title: D, kind: deadline, date: 2020-11-20, time: "17:00"}
        - {id: a, title: A, kind: certification, deadline: d, date: 2020-11-23}
        """
    )
    found = {s.event.id: s for s in statuses(resolved, date(2020, 11, 21))}
    assert (found["a"].own_state, found["d"].deadline) == ("missed", "missed")
    found = {s.event.id: s for s in statuses(resolved, date(2020, 11, 19))}
    assert (found["a"].own_state, found["d"].deadline) == ("open", "open")


def test_an_untracked_deadline_has_no_state() -> None:
    resolved = timeline("- {id: d, title: D, kind: deadline, date: 2020-11-20}\n")
    assert deadline_state(resolved.get("d"), (), date(2020, 11, 1)) is None


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2020-11-01", "county-certification-deadline"),
        ("2020-11-13", "county-certification-deadline"),  # closes today
        ("2020-11-14", "state-certification-deadline"),
        ("2020-11-19", "state-certification-deadline"),
        ("2020-11-20", "recount-request-window"),  # both deadlines met that day
        ("2020-11-22", "recount-request-window"),
        ("2020-11-24", "recount-request-window"),
        ("2020-11-25", None),
    ],
)
def test_next_deadline(as_of: str, expected: str | None) -> None:
    day = date.fromisoformat(as_of)
    found = next_deadline(statuses(load_bundled().timeline, day), day)
    assert (found.event.id if found else None) == expected


def test_kinds_restrict_the_report_and_its_next_deadline() -> None:
    result = report(load_bundled(), date(2020, 11, 22), ("deadline", "certification"))
    assert {s.event.event.kind.value for s in result.events} == {
        "deadline",
        "certification",
    }
    assert len(result.events) == 6
    assert result.next_deadline is None  # the window is not shown
    assert result.kinds == ("deadline", "certification")
    assert "seed-002" in result.sources and "ga-sos-audit" not in result.sources


def test_another_state_uses_its_own_calendar() -> None:
    contest = load(PENNSYLVANIA)
    result = report(contest, date(2020, 11, 25))
    window = next(s for s in result.events if s.event.id == "recount-petition-window")
    # Wed 25, then Thanksgiving and the day after (a US/PA holiday), Mon 30, Tue 1.
    assert window.event.day("end") == date(2020, 12, 1)
    assert window.event.end.rule == "3 business days after state-certification"
    assert result.next_deadline is window
    assert result.calendar == "US-PA"
    receipt = next(
        s for s in result.events if s.event.id == "mail-ballot-receipt-deadline"
    )
    application = next(
        s for s in result.events if s.event.id == "mail-ballot-application-deadline"
    )
    assert application.event.moment().isoformat() == "2020-10-27T17:00:00-04:00"
    assert receipt.event.moment().isoformat() == "2020-11-06T17:00:00-05:00"
    harbor = next(s for s in result.events if s.event.id == "safe-harbor-deadline")
    assert harbor.deadline == "met"


# --- the code knows no jurisdiction --------------------------------------------

MINE = [
    "src/certcli/calendar/rules.py",
    "src/certcli/calendar/status.py",
    "src/certcli/commands/timeline.py",
    "src/certcli/render/timeline_table.py",
    "src/certcli/render/timeline_json.py",
    "src/certcli/render/timeline_markdown.py",
    "src/certcli/render/timeline_ics.py",
]


@pytest.mark.parametrize("path", MINE)
def test_nothing_about_georgia_in_the_code(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert not re.search(
        r"georgia|ga-20|o\.c\.g\.a|new_york|raffensperger|kemp|biden|trump",
        text,
        re.IGNORECASE,
    )
    assert not re.search(r"\bGA\b", text)
