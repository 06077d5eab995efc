"""Times, durations, leaders, the day of a tally and the round-figure hint,
each checked on both sides of every end of what a stated phrase allows."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certcli.calendar.business_days import add_business_days
from certcli.claims.findings import ClaimResult
from certcli.claims.verdicts import business_days_between, describe, evaluate
from certcli.core.errors import DataError
from certcli.datafile.models import Calendar
from certcli.datafile.stated import StatedError, Tolerances, parse_duration, parse_time
from certcli.loaded.loader import load
from test_claims import verdict_of

BASE = Path(__file__).parent / "data" / "check" / "base.yaml"
NEAR = date(2020, 11, 3)

# Events and tallies added to the base file. The base has election-day
# (Nov 3, no time), certification (Fri Nov 20 16:00) and recount-window (Fri
# Nov 20 to Tue Nov 24, closing 17:00).
EXTRA_EVENTS = """\
  - {id: at-1659, title: t, kind: other, date: 2020-11-21, time: "16:59"}
  - {id: at-1700, title: t, kind: other, date: 2020-11-21, time: "17:00"}
  - {id: at-1701, title: t, kind: other, date: 2020-11-21, time: "17:01"}
  - {id: at-noon, title: t, kind: other, date: 2020-11-21, time: "12:00"}
  - {id: wed-midnight, title: t, kind: other, date: 2020-11-25, time: "00:00"}
  - {id: day-18, title: t, kind: other, date: 2020-11-18}
  - {id: day-19, title: t, kind: other, date: 2020-11-19}
  - {id: day-20, title: t, kind: other, date: 2020-11-20}
  - {id: day-28, title: t, kind: other, date: 2020-11-28}
  - {id: day-29, title: t, kind: other, date: 2020-11-29}
  - {id: sat-21, title: t, kind: other, date: 2020-11-21}
  - {id: mon-23, title: t, kind: other, date: 2020-11-23}
  - {id: wed-25, title: t, kind: other, date: 2020-11-25}
  - {id: mon-30, title: t, kind: other, date: 2020-11-30}
  - {id: oct-31-1700, title: t, kind: other, date: 2020-10-31, time: "17:00"}
  - {id: nov-01-1700, title: t, kind: other, date: 2020-11-01, time: "17:00"}
  - {id: nov-20-1300, title: t, kind: other, date: 2020-11-20, time: "13:00"}
  - {id: nov-20-1259, title: t, kind: other, date: 2020-11-20, time: "12:59"}
  - {id: nov-20-1301, title: t, kind: other, date: 2020-11-20, time: "13:01"}
  - {id: nov-21-1000, title: t, kind: other, date: 2020-11-21, time: "10:00"}
  - {id: nov-21-1001, title: t, kind: other, date: 2020-11-21, time: "10:01"}
"""
EXTRA_TALLIES = """\
  - id: tied
    stage: recount
    as_of: 2020-11-22T03:30:00Z
    source: paper
    votes: {Ann: 495, Bob: 495, Cy: 10}
  - id: tied-partial
    stage: recount
    as_of: 2020-11-23
    source: paper
    margin: {leader: Bob, votes: 0}
  - id: by-one
    stage: recount
    as_of: 2020-11-22T04:59:00Z
    source: paper
    votes: {Ann: 495, Bob: 496, Cy: 9}
  - id: at-midnight
    stage: recount
    as_of: 2020-11-22T05:00:00Z
    source: paper
    votes: {Ann: 495, Bob: 496, Cy: 9}
"""


def result_of(tmp_path: Path, claim: str, policy: str = "") -> ClaimResult:
    """The result of one claim (a YAML flow mapping) added to the base file
    with the events and tallies above."""
    text = BASE.read_text(encoding="utf-8")
    text = text.replace("tallies:\n", EXTRA_EVENTS + "tallies:\n", 1)
    text = text.replace("claims:\n", EXTRA_TALLIES + "claims:\n", 1)
    return verdict_of(tmp_path, claim, policy, base=text)


TIMES = [
    # the clock, exactly: a minute either side is not the time stated
    ("event: at-1659, stated: '5 p.m.'", "inconsistent", "16:59"),
    ("event: at-1700, stated: '5 p.m.'", "consistent", "17:00"),
    ("event: at-1701, stated: '5 p.m.'", "inconsistent", "17:01"),
    ("event: at-1700, stated: '5:00 p.m.'", "consistent", "17:00"),
    ("event: at-1700, stated: '17:00'", "consistent", "17:00"),
    ("event: at-noon, stated: 'noon'", "consistent", "12:00"),
    ("event: at-noon, stated: '12 p.m.'", "consistent", "12:00"),
    ("event: at-noon, stated: 'midnight'", "inconsistent", "12:00"),
    # with a weekday or a date, the day must match too
    ("event: at-1700, stated: '5 p.m. Saturday'", "consistent", "17:00"),
    ("event: at-1700, stated: '5 p.m. Friday'", "inconsistent", "17:00"),
    ("event: at-1700, stated: '5 p.m. Sunday'", "inconsistent", "17:00"),
    ("event: at-1700, stated: 'Saturday at 5 p.m.'", "consistent", "17:00"),
    ("event: at-1700, stated: '5 p.m. on Nov. 21'", "consistent", "17:00"),
    ("event: at-1700, stated: '5 p.m. Nov. 22'", "inconsistent", "17:00"),
    ("event: at-1700, stated: '5 p.m. Saturday, Nov. 21'", "consistent", "17:00"),
    # close of business: the policy's time (17:00 unless set)
    ("event: recount-window, part: end, stated: 'close of business on Tuesday'",
     "consistent", "17:00"),
    ("event: recount-window, part: end, stated: 'the close of business Monday'",
     "inconsistent", "17:00"),
    ("event: at-1659, stated: 'close of business'", "inconsistent", "16:59"),
    # midnight belongs to the day that ends
    ("event: wed-midnight, stated: 'midnight Tuesday'", "consistent", "00:00"),
    ("event: wed-midnight, stated: 'midnight Wednesday'", "inconsistent", "00:00"),
    ("event: wed-midnight, stated: 'midnight'", "consistent", "00:00"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "verdict", "computed"), TIMES)
def test_time(claim: str, verdict: str, computed: str, tmp_path: Path) -> None:
    result = result_of(tmp_path, f"metric: time, {claim}")
    assert (result.verdict, result.computed, result.reason) == (
        verdict,
        computed,
        None,
    )


@pytest.mark.parametrize(
    ("policy", "verdict"),
    [("{close_of_business: '16:59'}", "consistent"), ("", "inconsistent")],
)
def test_close_of_business_is_the_policys_time(
    policy: str, verdict: str, tmp_path: Path
) -> None:
    claim = "metric: time, event: at-1659, stated: 'close of business'"
    assert result_of(tmp_path, claim, policy).verdict == verdict


@pytest.mark.parametrize("value", ["'17:00 EDT'", "'17:00 -04:00'", "'5 p.m.'", "1700"])
def test_close_of_business_is_a_time_of_day_without_a_zone(
    value: str, tmp_path: Path
) -> None:
    # a zone would hold for half the year only; it was silently dropped
    claim = "metric: time, event: at-1700, stated: 'close of business'"
    with pytest.raises(DataError) as caught:
        result_of(tmp_path, claim, f"{{close_of_business: {value}}}")
    message = str(caught.value)
    assert ":164:29: policy.close_of_business: expected a local time" in message
    assert "no zone or UTC offset" in message


def test_a_weekday_the_stated_date_is_not_on_is_inconsistent(tmp_path: Path) -> None:
    result = result_of(
        tmp_path, "metric: time, event: at-1700, stated: '5 p.m. Friday, Nov. 21'"
    )
    assert (result.verdict, result.computed, result.reason) == (
        "inconsistent",
        "17:00",
        "'5 p.m. Friday, Nov. 21' names a Friday, but 2020-11-21 is a Saturday",
    )
    assert describe(result).endswith(
        "computed 17:00 on Saturday (2020-11-21) (event at-1700); '5 p.m. Friday,"
        " Nov. 21' names a Friday, but 2020-11-21 is a Saturday"
    )


def test_time_of_an_event_without_a_time_is_unverifiable(tmp_path: Path) -> None:
    result = result_of(tmp_path, "metric: time, event: election-day, stated: 'noon'")
    assert (result.verdict, result.computed, result.reason) == (
        "unverifiable",
        None,
        "the file gives no time for election-day",
    )
    start = result_of(
        tmp_path, "metric: time, event: recount-window, stated: 'midnight'"
    )
    assert start.reason == "the file gives no time for the start of recount-window"


def test_time_result_in_words(tmp_path: Path) -> None:
    result = result_of(
        tmp_path,
        "metric: time, event: recount-window, part: end,"
        " stated: 'close of business on Tuesday'",
    )
    assert (result.subject, result.interval.text, result.day) == (
        "time of the end of recount-window",
        "= 17:00 Tuesday",
        "2020-11-24",
    )
    assert describe(result) == (
        'time of the end of recount-window: stated "close of business on Tuesday"'
        " (= 17:00 Tuesday), computed 17:00 on Tuesday (2020-11-24)"
        " (event recount-window (end))"
    )


DURATIONS = [
    # calendar days between the dates: election day is Nov 3
    ("from: election-day, to: certification, stated: '17 days'",
     "consistent", "17", "= 17 days"),
    ("from: election-day, to: day-19, stated: '17 days'",
     "inconsistent", "16", "= 17 days"),
    ("from: election-day, to: sat-21, stated: '17 days'",
     "inconsistent", "18", "= 17 days"),
    ("from: election-day, to: day-18, stated: 'at least 16 days'",
     "inconsistent", "15", "≥ 16 days"),
    ("from: election-day, to: day-19, stated: 'at least 16 days'",
     "consistent", "16", "≥ 16 days"),
    ("from: election-day, to: day-19, stated: 'more than 16 days'",
     "inconsistent", "16", "> 16 days"),
    ("from: election-day, to: day-20, stated: 'more than 16 days'",
     "consistent", "17", "> 16 days"),
    # one week, with or without a bound, is singular
    ("from: day-20, to: day-28, stated: 'more than 1 week'",
     "consistent", "1.1429", "> 1 week"),
    ("from: day-20, to: day-28, stated: 'at most 1 week'",
     "inconsistent", "1.1429", "≤ 1 week"),
    ("from: certification, to: election-day, stated: '17 days'",
     "inconsistent", "-17", "= 17 days"),
    # business days, counted as {after: X, business_days: N} counts them
    ("from: certification, to: recount-window, to_part: end,"
     " stated: '2 business days'", "consistent", "2", "= 2 business days"),
    ("from: certification, to: mon-23, stated: '2 business days'",
     "inconsistent", "1", "= 2 business days"),
    ("from: certification, to: wed-25, stated: '2 business days'",
     "inconsistent", "3", "= 2 business days"),
    ("from: certification, to: sat-21, stated: '2 business days'",
     "inconsistent", "0", "= 2 business days"),
    # Thanksgiving (Thu 26) and Georgia's holiday the day after do not count
    ("from: wed-25, to: mon-30, stated: '1 business day'",
     "consistent", "1", "= 1 business day"),
    ("from: wed-25, to: mon-30, stated: '3 working days'",
     "inconsistent", "1", "= 3 business days"),
    # weeks are days / 7, exactly: "about 1 week" is [6.65, 7.35] days
    ("from: day-18, to: day-28, stated: '1 week'",
     "inconsistent", "1.4286", "= 1 week"),
    ("from: day-20, to: sat-21, stated: 'about 0.15 weeks'",
     "consistent", "0.1429", "[0.1425, 0.1575] weeks"),
    ("from: day-20, to: day-28, stated: 'about 1.35 weeks'",
     "inconsistent", "1.1429", "[1.2825, 1.4175] weeks"),
    ("from: day-20, to: day-29, stated: 'about 1.35 weeks'",
     "consistent", "1.2857", "[1.2825, 1.4175] weeks"),
    ("from: day-20, to: day-28, stated: 'about 1.2 weeks'",
     "consistent", "1.1429", "[1.14, 1.26] weeks"),
    ("from: day-20, to: day-29, stated: 'about 1.2 weeks'",
     "inconsistent", "1.2857", "[1.14, 1.26] weeks"),
    # hours between moments: on Nov 1 the clocks went back an hour
    ("from: oct-31-1700, to: nov-01-1700, stated: '25 hours'",
     "consistent", "25", "= 25 hours"),
    ("from: oct-31-1700, to: nov-01-1700, stated: '24 hours'",
     "inconsistent", "25", "= 24 hours"),
    ("from: certification, to: at-1700, stated: '25 hours'",
     "consistent", "25", "= 25 hours"),
    # "about 20 hours" is [19, 21]: 21 and 19 hours hold, a minute more or less not
    ("from: nov-20-1300, to: nov-21-1000, stated: 'about 20 hours'",
     "consistent", "21", "[19, 21] hours"),
    ("from: nov-20-1259, to: nov-21-1000, stated: 'about 20 hours'",
     "inconsistent", "21.0167", "[19, 21] hours"),
    ("from: certification, to: nov-21-1000, stated: 'about 20 hours'",
     "inconsistent", "18", "[19, 21] hours"),
    ("from: nov-20-1301, to: nov-21-1000, stated: 'about 20 hours'",
     "consistent", "20.9833", "[19, 21] hours"),
    ("from: certification, to: nov-21-1001, stated: 'about 20 hours'",
     "inconsistent", "18.0167", "[19, 21] hours"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "verdict", "computed", "interval"), DURATIONS)
def test_duration(
    claim: str, verdict: str, computed: str, interval: str, tmp_path: Path
) -> None:
    result = result_of(tmp_path, f"metric: duration, {claim}")
    assert (
        result.verdict,
        result.computed,
        result.interval.text,
        result.reason,
    ) == (verdict, computed, interval, None)


def test_about_20_hours_holds_at_19_and_not_a_minute_less(tmp_path: Path) -> None:
    # certification is Fri 16:00; 19 hours later is Sat 11:00
    base = "metric: duration, from: certification, stated: 'about 20 hours', to: "
    text = BASE.read_text(encoding="utf-8")
    for moment, verdict, computed in (
        ("10:59", "inconsistent", "18.9833"),
        ("11:00", "consistent", "19"),
    ):
        extra = (
            f"  - {{id: later, title: t, kind: other, date: 2020-11-21,"
            f' time: "{moment}"}}\n'
        )
        path = tmp_path / "hours.yaml"
        path.write_text(
            text.replace("tallies:\n", extra + "tallies:\n", 1)
            + f"  - {{id: probe, source: paper, quote: q, {base}later}}\n",
            encoding="utf-8",
        )
        contest = load(path)
        result = evaluate(contest, contest.timeline)[-1]
        assert (result.verdict, result.computed) == (verdict, computed)


def test_duration_defaults_count_from_the_end_to_the_start(tmp_path: Path) -> None:
    # recount-window runs Nov 20 to Nov 24: from its end to election day's
    # (only) day, and from election day to its start
    to_start = result_of(
        tmp_path,
        "metric: duration, from: election-day, to: recount-window, stated: '17 days'",
    )
    from_end = result_of(
        tmp_path,
        "metric: duration, from: recount-window, to: wed-25, stated: '1 day'",
    )
    assert (to_start.verdict, to_start.subject) == (
        "consistent",
        "days from election-day to the start of recount-window",
    )
    assert (from_end.verdict, from_end.subject) == (
        "consistent",
        "days from the end of recount-window to wed-25",
    )
    assert from_end.basis.from_part == "end" and from_end.basis.to_part is None


def test_hours_need_a_time_at_both_ends(tmp_path: Path) -> None:
    result = result_of(
        tmp_path,
        "metric: duration, from: election-day, to: certification, stated: '400 hours'",
    )
    assert (result.verdict, result.reason) == (
        "unverifiable",
        "the file gives no time for election-day; hours need a time at both ends",
    )


LEADERS = [
    ("tally: certified, stated: 'Ann'", "consistent", "Ann", "tally certified"),
    ("tally: certified, stated: 'ann able'", "consistent", "Ann", "tally certified"),
    ("tally: certified, stated: 'Bob'", "inconsistent", "Ann", "tally certified"),
    # a partial tally's reported margin names its leader
    ("tally: unofficial-0900, stated: 'Ann'", "consistent", "Ann",
     "tally unofficial-0900"),
    # the default tally: the latest at or before the source (the audit)
    ("stated: 'Ann'", "consistent", "Ann", "tally audit (by date)"),
    # a tie at the top has no leader
    ("tally: tied, stated: 'Ann'", "inconsistent",
     "none (Ann and Bob are tied)", "tally tied"),
    ("tally: tied-partial, stated: 'Bob'", "inconsistent",
     "none (Bob and the runner-up are tied)", "tally tied-partial"),
    # one vote more is a lead
    ("tally: by-one, stated: 'Bob'", "consistent", "Bob", "tally by-one"),
    ("tally: by-one, stated: 'Ann'", "inconsistent", "Bob", "tally by-one"),
    # names are compared as everywhere else: case and spacing folded
    ("tally: certified, stated: '  ANN   able '", "consistent", "Ann",
     "tally certified"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "verdict", "computed", "basis"), LEADERS)
def test_leader(
    claim: str, verdict: str, computed: str, basis: str, tmp_path: Path
) -> None:
    result = result_of(tmp_path, f"metric: leader, {claim}")
    assert (result.verdict, result.computed, result.basis.describe()) == (
        verdict,
        computed,
        basis,
    )


def test_a_leader_name_that_fits_two_candidates_is_a_located_error(
    tmp_path: Path,
) -> None:
    # Bob's full name is Ann's key: the claim must say which one it means,
    # in a message that points at it (it was an unlocated usage error)
    base = BASE.read_text(encoding="utf-8").replace("{name: Bob Baker}", "{name: ann}")
    path = tmp_path / "two.yaml"
    path.write_text(
        base + "  - {id: probe, source: paper, quote: q, metric: leader,"
        " tally: certified, stated: ANN}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load(path, "two.yaml")
    assert str(caught.value) == (
        "two.yaml:122:84: claims[2].stated: 'ANN' fits 2 candidates (Ann, Bob);"
        " state the key"
    )


def test_leader_of_a_tally_without_votes_or_margin_is_unverifiable(
    tmp_path: Path,
) -> None:
    result = result_of(tmp_path, "metric: leader, tally: unofficial-0730, stated: Ann")
    assert (result.verdict, result.reason) == (
        "unverifiable",
        "tally unofficial-0730 has neither votes nor a reported margin",
    )
    before = result_of(tmp_path, "metric: leader, source: before, stated: Ann")
    assert (before.verdict, before.reason) == (
        "unverifiable",
        "no tally is dated at or before the publication of before (2020-11-04)",
    )


TALLY_DAYS = [
    ("metric: weekday, tally: unofficial-0730, stated: 'Wednesday'",
     "consistent", "Wednesday", "2020-11-11"),
    ("metric: weekday, tally: unofficial-0730, stated: 'Thursday'",
     "inconsistent", "Wednesday", "2020-11-11"),
    ("metric: date, tally: unofficial-0730, stated: 'Nov. 11'",
     "consistent", "2020-11-11", "2020-11-11"),
    ("metric: date, tally: unofficial-0730, stated: 'Nov. 12'",
     "inconsistent", "2020-11-11", "2020-11-11"),
    # 03:30 UTC on Nov 22 is 22:30 on Saturday, Nov 21 in New York
    ("metric: weekday, tally: tied, stated: 'Saturday'",
     "consistent", "Saturday", "2020-11-21"),
    ("metric: date, tally: tied, stated: 'Nov. 22'",
     "inconsistent", "2020-11-21", "2020-11-21"),
    # 04:59 UTC is 23:59 on Saturday in New York, 05:00 UTC midnight Sunday
    ("metric: weekday, tally: by-one, stated: 'Saturday'",
     "consistent", "Saturday", "2020-11-21"),
    ("metric: weekday, tally: at-midnight, stated: 'Saturday'",
     "inconsistent", "Sunday", "2020-11-22"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "verdict", "computed", "day"), TALLY_DAYS)
def test_day_of_a_tally(
    claim: str, verdict: str, computed: str, day: str, tmp_path: Path
) -> None:
    result = result_of(tmp_path, claim)
    assert (result.verdict, result.computed, result.day) == (verdict, computed, day)
    assert result.basis.describe() == f"tally {result.basis.tally}"
    metric = claim.split(",")[0].removeprefix("metric: ")
    assert result.subject == f"{metric} of the tally's as_of"


ROUND_FIGURES = [
    # "20 days" as a round figure is [15, 25] days; "about 20 days" [19, 21]
    ("from: election-day, to: day-18, stated: '20 days'", "inconsistent",
     "as a round figure to the nearest 10 it would hold"),
    ("from: election-day, to: day-18, stated: '10 days'", "inconsistent",
     "as a round figure to the nearest 10 it would hold"),
    ("from: election-day, to: day-19, stated: '10 days'", "inconsistent", None),
    ("from: election-day, to: sat-21, stated: '20 days'", "inconsistent",
     "as a round figure to the nearest 10 it would hold"),
    ("from: election-day, to: mon-23, stated: '20 days'", "consistent", None),
    ("from: election-day, to: day-28, stated: '20 days'", "inconsistent",
     "as a round figure to the nearest 10 it would hold"),
    ("from: election-day, to: day-29, stated: '20 days'", "inconsistent", None),
    ("from: election-day, to: day-18, stated: '1 week'", "inconsistent", None),
    # a qualifier, decimals or a scale already say how precise the figure is
    ("from: election-day, to: day-18, stated: 'nearly 20 days'", "inconsistent",
     None),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "verdict", "hint"), ROUND_FIGURES)
def test_round_figure_hint(
    claim: str, verdict: str, hint: str | None, tmp_path: Path
) -> None:
    result = result_of(tmp_path, f"metric: duration, {claim}")
    assert (result.verdict, result.hint) == (verdict, hint)


def test_round_figure_hint_suggests_about_only_where_about_holds(
    tmp_path: Path,
) -> None:
    # Ann's 502 votes against "500": nearest 100 is [450, 550], about [475, 525]
    result = result_of(
        tmp_path, "metric: votes, candidate: Ann, tally: certified, stated: '500'"
    )
    assert result.verdict == "inconsistent"
    assert result.hint == (
        "as a round figure to the nearest 100 it would hold;"
        " write `about 500` if that is what the source meant"
    )
    assert describe(result).endswith(
        "computed 502 (tally certified); as a round figure to the nearest 100 it"
        " would hold; write `about 500` if that is what the source meant"
    )
    # the certified margin 13 against "10": nearest 10 holds, about 10 does not
    margin = result_of(
        tmp_path, "metric: margin, candidate: Ann, tally: certified, stated: '10'"
    )
    assert margin.hint == "as a round figure to the nearest 10 it would hold"
    assert margin.verdict == "inconsistent"


def test_json_carries_the_new_fields(tmp_path: Path) -> None:
    from certcli.render.check_json import _claim

    duration = _claim(
        result_of(
            tmp_path,
            "metric: duration, from: certification, to: recount-window,"
            " to_part: end, stated: '2 business days'",
        )
    )
    assert {
        key: duration[key]
        for key in ("metric", "verdict", "computed", "time_unit", "interval", "basis")
    } == {
        "metric": "duration",
        "verdict": "consistent",
        "computed": "2",
        "time_unit": "business days",
        "interval": {
            "text": "= 2 business days",
            "low": "2",
            "high": "2",
            "low_inclusive": True,
            "high_inclusive": True,
        },
        "basis": {
            "from_event": "certification",
            "to_event": "recount-window",
            "to_part": "end",
        },
    }
    time_claim = _claim(
        result_of(tmp_path, "metric: time, event: at-1700, stated: '5 p.m. Saturday'")
    )
    assert (time_claim["computed"], time_claim["day"], time_claim["interval"]) == (
        "17:00",
        "2020-11-21",
        {
            "text": "= 17:00 Saturday",
            "low": "17:00 Saturday",
            "high": "17:00 Saturday",
            "low_inclusive": True,
            "high_inclusive": True,
        },
    )
    leader = _claim(result_of(tmp_path, "metric: leader, tally: audit, stated: Ann"))
    assert (leader["computed"], leader["interval"]["text"], leader["hint"]) == (
        "Ann",
        "= Ann",
        None,
    )
    json.dumps([duration, time_claim, leader])


@pytest.mark.parametrize(
    ("text", "at", "weekday", "day", "offset"),
    [
        ("5 p.m.", time(17), None, None, 0),
        ("5 PM", time(17), None, None, 0),
        ("5:30 a.m.", time(5, 30), None, None, 0),
        ("12 a.m.", time(0), None, None, 0),
        ("noon", time(12), None, None, 0),
        ("close of business", None, None, None, 0),
        ("the close of business on Tuesday", None, 1, None, 0),
        ("Friday at noon", time(12), 4, None, 0),
        ("at 4 p.m.", time(16), None, None, 0),
        ("5 p.m. Friday, Nov. 20", time(17), 4, date(2020, 11, 20), 0),
        ("5 p.m. Saturday, Nov. 20", time(17), 5, date(2020, 11, 20), 0),
        ("Nov. 20, 5 p.m.", time(17), None, date(2020, 11, 20), 0),
        ("midnight Tuesday", time(0), 1, None, 1),
        ("midnight", time(0), None, None, 0),
        # "12 noon" and "12 midnight" name the same times as the words alone
        ("12 noon", time(12), None, None, 0),
        ("12:00 noon Saturday", time(12), 5, None, 0),
        ("Friday at 12 noon", time(12), 4, None, 0),
        ("12 midnight Tuesday", time(0), 1, None, 1),
    ],
)
def test_parse_time(
    text: str, at: time | None, weekday: int | None, day: date | None, offset: int
) -> None:
    stated = parse_time(text, NEAR)
    assert (stated.at, stated.weekday, stated.day, stated.day_offset) == (
        at,
        weekday,
        day,
        offset,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("13 p.m.", "13 is not an hour of a 12-hour clock"),
        ("0 a.m.", "0 is not an hour of a 12-hour clock"),
        ("24:00", "24 is not an hour of a 24-hour clock"),
        ("5:60 p.m.", "60 is not a minute"),
        ("Saturday", "no time of day in it"),
        ("", "no time of day in it"),
        ("5 p.m. Funday", "'funday' is neither a weekday nor a date"),
        ("5 p.m. Caturday, Nov. 20", "'caturday, nov. 20' is neither a weekday"),
        ("11 noon", "'11' is neither a weekday nor a date"),
        # a date that does not exist says why, rather than "not a date"
        ("5 p.m. Feb. 30", "'feb. 30': February has no day 30"),
        ("5 p.m. Nov. 31, 2020", "'nov. 31, 2020': November 2020 has no day 31"),
        ("5 p.m. 2020-13-01", "'2020-13-01': there is no month 13"),
    ],
)
def test_unreadable_times(text: str, message: str) -> None:
    with pytest.raises(StatedError, match="cannot read") as caught:
        parse_time(text, NEAR)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "unit", "interval"),
    [
        ("2 business days", "business days", "= 2"),
        ("1 working day", "business days", "= 1"),
        ("17 days", "days", "= 17"),
        ("17 calendar days", "days", "= 17"),
        ("about 6 weeks", "weeks", "[5.7, 6.3]"),
        ("48 Hours", "hours", "= 48"),
        ("less than 1.5 weeks", "weeks", "< 1.5"),
    ],
)
def test_parse_duration(text: str, unit: str, interval: str) -> None:
    stated = parse_duration(text, Tolerances())
    assert (stated.unit, str(stated.number.interval)) == (unit, interval)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2 fortnights", "as a duration"),
        ("two days", "numbers are written as digits: write 2 for 'two'"),
        ("about two business days", "write 2 for 'two'"),
        ("a week", "write 1 for 'a'"),
        ("-2 days", "is negative"),
        ("2% days", "is a percentage"),
        ("days", "as a duration"),
    ],
)
def test_unreadable_durations(text: str, message: str) -> None:
    with pytest.raises(StatedError, match=message):
        parse_duration(text, Tolerances())


@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2022, 12, 31)),
    count=st.integers(min_value=0, max_value=40),
)
def test_business_days_between_inverts_the_date_rule(start: date, count: int) -> None:
    # {after: X, business_days: N} gives `end`; counting back gives N again
    georgia = Calendar(country="US", subdivision="GA")
    end = add_business_days(start, count, "US", "GA")
    assert business_days_between(start, end, georgia) == count
    assert business_days_between(end, start, georgia) == -count
