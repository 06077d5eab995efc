"""The models accept every form of SPEC §1 and refuse what does not fit."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from certcli.datafile.models import (
    AfterDate,
    BeforeDate,
    Claim,
    DateExpr,
    Event,
    EventDate,
    Policy,
    RecountRule,
    Tally,
)

DATE_EXPR: TypeAdapter[Any] = TypeAdapter(DateExpr)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11-03", date(2020, 11, 3)),
        ({"event": "e"}, EventDate(event="e")),
        ({"event": "e", "part": "end"}, EventDate(event="e", part="end")),
        ({"after": "e", "days": 17}, AfterDate(after="e", days=17)),
        (
            {"after": "e", "business_days": 2, "stated": "2020-11-24"},
            AfterDate(after="e", business_days=2, stated=date(2020, 11, 24)),
        ),
        ({"before": "e", "days": 3}, BeforeDate(before="e", days=3)),
    ],
)
def test_date_expression_forms(value: object, expected: object) -> None:
    assert DATE_EXPR.validate_python(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020-02-30", "'2020-02-30' is not a calendar date"),
        ("2020-13-01", "'2020-13-01' is not a calendar date"),
        ("Nov 20", "expected a date (YYYY-MM-DD)"),
        (20201103, "expected a date (YYYY-MM-DD)"),
        ({"after": "e"}, "give exactly one of days or business_days"),
        ({"after": "e", "days": 1, "business_days": 1}, "give exactly one"),
        ({"after": "e", "days": -1}, "greater than or equal to 0"),
        ({"after": "e", "days": "2"}, "valid integer"),
        ({"when": "e"}, "expected a date (YYYY-MM-DD) or a rule"),
        ({"before": "e", "business_days": 2}, "Field required"),
    ],
)
def test_bad_date_expressions(value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        DATE_EXPR.validate_python(value)


def _event(**fields: object) -> Event:
    return Event.model_validate({"id": "e", "title": "E", "kind": "deadline", **fields})


def test_event_with_date_and_time() -> None:
    event = _event(date="2020-11-20", time="17:00")
    assert (event.is_span, event.time) == (False, time(17, 0))


def test_span_event() -> None:
    event = _event(start="2020-11-11", end={"after": "x", "days": 8})
    assert event.is_span
    assert event.end == AfterDate(after="x", days=8)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "an event needs a date, or a start and an end"),
        ({"start": "2020-11-11"}, "an event needs a date, or a start and an end"),
        (
            {"date": "2020-11-11", "end": "2020-11-12"},
            "give either date or start and end",
        ),
        ({"date": "2020-11-11", "end_time": "17:00"}, "start_time and end_time go"),
        ({"date": "2020-11-11", "time": "25:00"}, 'expected a local time "HH:MM"'),
        ({"date": "2020-11-11", "time": "5pm"}, 'expected a local time "HH:MM"'),
        ({"date": "2020-11-11", "colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_bad_events(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _event(**fields)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2020-11-20", date(2020, 11, 20)),
        (
            "2020-11-20T16:00:00-05:00",
            datetime(2020, 11, 20, 16, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("2020-11-20T21:00:00Z", datetime(2020, 11, 20, 21, tzinfo=timezone.utc)),
        ("2020-11-20T16:00", datetime(2020, 11, 20, 16)),
    ],
)
def test_tally_as_of_is_a_date_or_a_date_time(as_of: str, expected: date) -> None:
    tally = Tally.model_validate(
        {"id": "t", "stage": "certified", "as_of": as_of, "source": "s"}
    )
    assert tally.as_of == expected
    assert type(tally.as_of) is type(expected)


@pytest.mark.parametrize("votes", ["2,474,507", "2474507", True, -1, 1.5])
def test_votes_are_non_negative_integers(votes: object) -> None:
    with pytest.raises(ValidationError):
        Tally.model_validate(
            {
                "id": "t",
                "stage": "certified",
                "as_of": "2020-11-20",
                "source": "s",
                "votes": {"A": votes},
            }
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"metric": "share", "tally": "t"}, "metric share needs candidate"),
        ({"metric": "weekday"}, "metric weekday needs event"),
        ({"metric": "electoral_votes"}, "metric electoral_votes needs candidate"),
        (
            {"metric": "units_total", "candidate": "A"},
            "metric units_total does not use candidate",
        ),
        (
            {"metric": "votes", "candidate": "A", "event": "e"},
            "metric votes does not use event",
        ),
        ({"metric": "turnout"}, "Input should be 'votes', 'share'"),
    ],
)
def test_claim_metric_needs(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Claim.model_validate(
            {"id": "c", "source": "s", "quote": "q", "stated": "1", **fields}
        )


def test_claim_tally_may_be_defaulted() -> None:
    claim = Claim.model_validate(
        {
            "id": "c",
            "source": "s",
            "quote": "q",
            "stated": "49.5%",
            "metric": "share",
            "candidate": "A",
        }
    )
    assert claim.tally is None


def test_recount_rule_needs_a_limit() -> None:
    with pytest.raises(ValidationError, match="needs margin_percent_at_most"):
        RecountRule.model_validate({"id": "r", "trigger": "automatic"})


def test_recount_rule_with_both_limits() -> None:
    rule = RecountRule.model_validate(
        {
            "id": "r",
            "trigger": "automatic",
            "margin_percent_at_most": Decimal("0.1"),
            "margin_votes_at_most": 200,
            "denominator": "top_two",
        }
    )
    assert (rule.margin_percent_at_most, rule.margin_votes_at_most) == (
        Decimal("0.1"),
        200,
    )


def test_policy_defaults_and_overrides() -> None:
    assert Policy() == Policy(
        about=Decimal(5), almost_exactly=Decimal(1), nearly=Decimal(10)
    )
    assert Policy.model_validate({"about": 2}).about == Decimal(2)
    with pytest.raises(ValidationError, match="less than or equal to 100"):
        Policy.model_validate({"nearly": 150})
