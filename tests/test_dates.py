"""Date expressions: literal dates, rules, chains, business days, times and zones."""

from __future__ import annotations

from datetime import date, time, timedelta, timezone
from textwrap import dedent, indent

import pytest

from certcli.calendar.rules import Timeline, describe_rule, weekday_name
from certcli.core.errors import DataError
from certcli.datafile.located import parse_yaml
from certcli.datafile.models import AfterDate, BeforeDate, EventDate
from certcli.loaded.contest import Contest
from certcli.loaded.loader import load_bundled, validate


def contest(
    events: str,
    *,
    zone: str = "America/New_York",
    calendar: str = "{country: US, subdivision: GA}",
) -> Contest:
    """A minimal data file around the given `events:` YAML."""
    text = dedent(
        f"""\
        format: certcli/1
        election:
          id: test-election
          title: Test election
          jurisdiction: Testland
          office: Mayor
          election_day: 2020-11-03
          timezone: {zone}
          calendar: {calendar}
        candidates:
          A: {{name: Ann}}
        events:
        """
    ) + indent(dedent(events), "  ")
    return validate(parse_yaml(text, "test.yaml"))


def timeline(events: str, **options: str) -> Timeline:
    return contest(events, **options).timeline


# --- business days on the file's holiday calendar ----------------------------

BUSINESS_DAYS = [
    # calendar, anchor, business days, expected, why
    ("{country: US, subdivision: GA}", "2020-11-20", 2, "2020-11-24", "Fri → Tue"),
    ("{country: US, subdivision: GA}", "2020-11-20", 1, "2020-11-23", "weekend"),
    ("{country: US, subdivision: GA}", "2020-11-20", 0, "2020-11-20", "no days"),
    ("{country: US, subdivision: GA}", "2020-11-21", 0, "2020-11-21", "Sat, 0"),
    (
        "{country: US, subdivision: GA}",
        "2020-11-25",
        1,
        "2020-11-30",
        "Thanksgiving and the GA state holiday (Fri 27)",
    ),
    ("{country: US, subdivision: GA}", "2020-11-25", 2, "2020-12-01", "then Tue"),
    ("{country: US, subdivision: GA}", "2020-11-20", 5, "2020-12-01", "across both"),
    ("{country: US, subdivision: GA}", "2024-11-10", 1, "2024-11-12", "Veterans Day"),
    ("{country: US, subdivision: GA}", "2021-01-15", 1, "2021-01-19", "MLK Day"),
    ("{country: US, subdivision: GA}", "2020-12-31", 1, "2021-01-04", "New Year"),
    ("{country: US, subdivision: PA}", "2020-11-24", 3, "2020-12-01", "PA: Fri 27"),
    ("{country: US}", "2020-11-24", 3, "2020-11-30", "federal: Fri 27 works"),
    ("{country: US, subdivision: TX}", "2020-11-25", 1, "2020-11-30", "TX: Fri 27"),
    ("{country: DE, subdivision: BY}", "2021-01-05", 1, "2021-01-07", "Epiphany"),
    ("{country: DE, subdivision: BE}", "2021-01-05", 1, "2021-01-06", "not in BE"),
]


@pytest.mark.parametrize(
    ("calendar", "anchor", "count", "expected", "why"), BUSINESS_DAYS
)
def test_business_days(
    calendar: str, anchor: str, count: int, expected: str, why: str
) -> None:
    resolved = timeline(
        f"""\
        - {{id: a, title: A, kind: other, date: {anchor}}}
        - id: b
          title: B
          kind: deadline
          date: {{after: a, business_days: {count}}}
        """,
        calendar=calendar,
    )
    assert resolved.get("b").day() == date.fromisoformat(expected), why


CALENDAR_DAYS = [
    # rule, anchor, expected
    ("{after: a, days: 17}", "2020-11-03", "2020-11-20"),
    ("{after: a, days: 0}", "2020-11-03", "2020-11-03"),
    ("{before: a, days: 15}", "2020-11-03", "2020-10-19"),
    ("{after: a, days: 1}", "2020-02-28", "2020-02-29"),
    ("{after: a, days: 1}", "2019-02-28", "2019-03-01"),
    ("{after: a, days: 1}", "2020-12-31", "2021-01-01"),
    ("{before: a, days: 1}", "2021-01-01", "2020-12-31"),
    ("{after: a, days: 365}", "2020-01-01", "2020-12-31"),
    ("{event: a}", "2020-11-20", "2020-11-20"),
]


@pytest.mark.parametrize(("rule", "anchor", "expected"), CALENDAR_DAYS)
def test_calendar_days(rule: str, anchor: str, expected: str) -> None:
    resolved = timeline(
        f"""\
        - {{id: a, title: A, kind: other, date: {anchor}}}
        - {{id: b, title: B, kind: deadline, date: {rule}}}
        """
    )
    assert resolved.get("b").day() == date.fromisoformat(expected)


SPAN_PARTS = [
    # rule on the span s (2020-11-11 → 2020-11-19), expected
    ("{after: s, days: 1}", "2020-11-20"),  # after: the end by default
    ("{after: s, days: 1, part: start}", "2020-11-12"),
    ("{before: s, days: 1}", "2020-11-10"),  # before: the start by default
    ("{before: s, days: 1, part: end}", "2020-11-18"),
    ("{event: s}", "2020-11-11"),  # event: the start by default
    ("{event: s, part: end}", "2020-11-19"),
    ("{after: s, business_days: 1}", "2020-11-20"),  # Thu → Fri
]


@pytest.mark.parametrize(("rule", "expected"), SPAN_PARTS)
def test_rules_on_a_span_use_its_parts(rule: str, expected: str) -> None:
    resolved = timeline(
        f"""\
        - {{id: s, title: S, kind: audit, start: 2020-11-11, end: 2020-11-19}}
        - {{id: b, title: B, kind: other, date: {rule}}}
        """
    )
    assert resolved.get("b").day() == date.fromisoformat(expected)


RULE_TEXTS = [
    (EventDate(event="x"), False, "same day as x"),
    (EventDate(event="x", part="end"), True, "same day as the end of x"),
    (AfterDate(after="x", days=17), False, "17 days after x"),
    (AfterDate(after="x", days=1), False, "1 day after x"),
    (AfterDate(after="x", days=0), False, "0 days after x"),
    (AfterDate(after="x", business_days=2), False, "2 business days after x"),
    (AfterDate(after="x", business_days=1), True, "1 business day after the end of x"),
    (
        AfterDate(after="x", days=3, part="start"),
        True,
        "3 days after the start of x",
    ),
    (BeforeDate(before="x", days=15), False, "15 days before x"),
    (BeforeDate(before="x", days=1), True, "1 day before the start of x"),
]


@pytest.mark.parametrize(("rule", "anchor_is_span", "expected"), RULE_TEXTS)
def test_rule_texts(
    rule: EventDate | AfterDate | BeforeDate, anchor_is_span: bool, expected: str
) -> None:
    assert describe_rule(rule, anchor_is_span) == expected


# --- chains and what each resolved date remembers ----------------------------


def test_chains_are_followed_and_remember_how() -> None:
    resolved = timeline(
        """\
        - id: d
          title: D
          kind: deadline
          date: {before: c, days: 3, stated: 2020-11-20}
        - {id: c, title: C, kind: other, date: {event: b}}
        - {id: b, title: B, kind: other, date: {after: a, business_days: 2}}
        - {id: a, title: A, kind: other, date: 2020-11-20}
        """
    )
    a, b, c, d = (resolved.get(name) for name in "abcd")
    assert (a.start.day, a.start.how, a.start.rule, a.start.anchor) == (
        date(2020, 11, 20),
        "stated",
        None,
        None,
    )
    assert a.start.path == ("events", 3, "date")
    assert (b.start.day, b.start.how, b.start.rule, b.start.anchor) == (
        date(2020, 11, 24),
        "rule",
        "2 business days after a",
        "a",
    )
    assert (c.start.day, c.start.rule) == (date(2020, 11, 24), "same day as b")
    assert (d.start.day, d.start.rule, d.start.stated) == (
        date(2020, 11, 21),
        "3 days before c",
        date(2020, 11, 20),
    )
    assert d.start.stated_differs
    assert not b.start.stated_differs
    assert d.start.path == ("events", 0, "date")
    assert d.end is d.start
    # b and c fall on the same day: file order (c is written before b).
    assert [event.id for event in resolved.events] == ["a", "d", "c", "b"]
    assert [event.index for event in resolved.events] == [3, 0, 1, 2]


def test_a_long_chain_resolves_without_recursion_limits() -> None:
    links = "".join(
        f"- {{id: e{i}, title: E, kind: other, date: {{after: e{i - 1}, days: 1}}}}\n"
        for i in range(1, 1500)
    )
    resolved = timeline("- {id: e0, title: E, kind: other, date: 2020-01-01}\n" + links)
    assert resolved.get("e1499").day() == date(2020, 1, 1) + timedelta(days=1499)


def test_bundled_recount_window_is_derived_from_certification() -> None:
    resolved = load_bundled().timeline
    window = resolved.get("recount-request-window")
    assert window.start.day == date(2020, 11, 20)
    assert (window.start.how, window.start.rule) == (
        "rule",
        "same day as state-certification",
    )
    assert window.end.day == date(2020, 11, 24)
    assert weekday_name(window.end.day) == "Tuesday"
    assert (window.end.how, window.end.rule, window.end.anchor) == (
        "rule",
        "2 business days after state-certification",
        "state-certification",
    )
    assert window.end.stated == date(2020, 11, 24)
    assert window.end.path[0::2] == ("events", "end")
    assert (window.start_time, window.end_time) == (None, time(17, 0))
    assert window.moment("end").isoformat() == "2020-11-24T17:00:00-05:00"
    assert window.moment("start").isoformat() == "2020-11-20T00:00:00-05:00"


def test_bundled_timeline_is_in_date_order_with_every_event() -> None:
    contest_ = load_bundled()
    resolved = contest_.timeline
    assert sorted(e.id for e in resolved.events) == sorted(
        e.id for e in contest_.model.events
    )
    keys = [(e.day(), e.index) for e in resolved.events]
    assert keys == sorted(keys)
    with pytest.raises(KeyError):
        resolved.get("no-such-event")


# --- times and time zones -----------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "before", "after", "offsets"),
    [
        # US daylight saving time ended on Sun 2020-11-01.
        ("America/New_York", "2020-10-30", "2020-11-06", (-4, -5)),
        ("America/Chicago", "2020-10-30", "2020-11-06", (-5, -6)),
        # … and began on Sun 2021-03-14.
        ("America/Los_Angeles", "2021-03-12", "2021-03-19", (-8, -7)),
        # The EU changed on Sun 2020-10-25.
        ("Europe/Berlin", "2020-10-23", "2020-10-30", (2, 1)),
    ],
)
def test_a_five_pm_deadline_stays_at_five_pm_across_daylight_saving(
    zone: str, before: str, after: str, offsets: tuple[int, int]
) -> None:
    resolved = timeline(
        f"""\
        - {{id: early, title: E, kind: deadline, date: {before}, time: "17:00"}}
        - id: late
          title: L
          kind: deadline
          date: {{after: early, days: 7, stated: {after}}}
          time: "17:00"
        """,
        zone=zone,
    )
    early, late = resolved.get("early").moment(), resolved.get("late").moment()
    assert late.date() == date.fromisoformat(after)
    assert (early.time(), late.time()) == (time(17, 0), time(17, 0))
    assert (early.utcoffset(), late.utcoffset()) == (
        timedelta(hours=offsets[0]),
        timedelta(hours=offsets[1]),
    )
    # Seven days in the calendar are an hour more or less in real time.
    assert late.astimezone(timezone.utc) - early.astimezone(timezone.utc) == (
        timedelta(days=7, hours=offsets[0] - offsets[1])
    )


def test_a_date_without_time_is_the_start_of_its_day() -> None:
    resolved = timeline(
        """\
        - {id: a, title: A, kind: other, date: 2020-11-20}
        - {id: s, title: S, kind: window, start: 2020-11-20, end: 2020-11-24,
           end_time: "17:00"}
        """
    )
    assert resolved.get("a").moment().isoformat() == "2020-11-20T00:00:00-05:00"
    assert resolved.get("a").moment("end") == resolved.get("a").moment()
    assert resolved.get("s").moment("end").isoformat() == "2020-11-24T17:00:00-05:00"
    assert resolved.zone.key == "America/New_York"


# --- dates that cannot be used ------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        (
            """\
            - {id: a, title: A, kind: other, date: 2020-11-20}
            - id: w
              title: W
              kind: window
              start: 2020-11-20
              end: {before: a, days: 2}
            """,
            "test.yaml:18:10: events[1].end: ends (2020-11-18) before it starts"
            " (2020-11-20)",
        ),
        (
            """\
            - id: w
              title: W
              kind: window
              start: 2020-11-20
              start_time: "17:00"
              end: 2020-11-20
              end_time: "09:00"
            """,
            "test.yaml:18:10: events[0].end: ends (2020-11-20 09:00) before it"
            " starts (2020-11-20 17:00)",
        ),
        (
            """\
            - {id: a, title: A, kind: other, date: 9999-12-01}
            - {id: b, title: B, kind: other, date: {after: a, days: 60}}
            """,
            "test.yaml:14:42: events[1].date: the rule gives a date outside the"
            " years 1 to 9999",
        ),
        (
            """\
            - {id: a, title: A, kind: other, date: 0001-01-02}
            - {id: b, title: B, kind: other, date: {before: a, days: 2}}
            """,
            "test.yaml:14:42: events[1].date: the rule gives a date outside the"
            " years 1 to 9999",
        ),
        (
            """\
            - {id: a, title: A, kind: other, date: 9999-12-30}
            - {id: b, title: B, kind: other, date: {after: a, business_days: 5}}
            """,
            "test.yaml:14:42: events[1].date: the rule gives a date outside the"
            " years 1 to 9999",
        ),
    ],
)
def test_unusable_dates_are_located_data_errors(events: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        timeline(events)
    assert str(caught.value) == expected


def test_every_unusable_date_is_reported_and_dependants_only_once() -> None:
    with pytest.raises(DataError) as caught:
        timeline(
            """\
            - {id: a, title: A, kind: other, date: 9999-12-01}
            - {id: b, title: B, kind: other, date: {after: a, days: 60}}
            - {id: c, title: C, kind: other, date: {after: b, days: 1}}
            - {id: w, title: W, kind: window, start: 2020-11-20, end: 2020-11-19}
            """
        )
    assert [p.path for p in caught.value.problems] == [
        "events[1].date",
        "events[3].end",
    ]
