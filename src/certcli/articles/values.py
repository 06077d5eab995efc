"""What a figure or a claim says, as keys that compare: the same number,
weekday, day, time, duration or candidate (a claim covers a figure whose
keys it shares)."""

from __future__ import annotations

from typing import Any

from certcli.articles.figures import Figure
from certcli.core.errors import UsageError
from certcli.loaded.contest import Contest


def figure_keys(contest: Contest, figure: Figure) -> set[tuple[Any, ...]]:
    """What a figure says, as comparable keys (number, weekday, day, time, leader)."""
    metric = {
        "count": "margin",  # a count, or a margin with its sign
        "electoral": "votes",
        "electoral_surplus": "electoral_surplus",
        "percent": "share",
        "weekday": "weekday",
        "date": "date",
        "time": "time",
        "duration": "duration",
        "leader": "leader",
    }.get(figure.kind)
    if metric is None:
        return set()
    if figure.kind == "percent":
        # a margin may be negative and above 100 points nowhere: read as a margin
        metric = "margin_percent"
    return claim_keys(contest, metric, figure.stated) or set()


def claim_keys(
    contest: Contest, metric: str, stated: str
) -> set[tuple[Any, ...]] | None:
    from certcli.claims.verdicts import tolerances
    from certcli.datafile.metrics import parse_stated
    from certcli.datafile.stated import (
        StatedAnswer,
        StatedCandidate,
        StatedDate,
        StatedDuration,
        StatedError,
        StatedNumber,
        StatedTime,
        StatedWeekday,
    )

    try:
        parsed = parse_stated(
            metric,
            stated,
            tolerances(contest.model.policy),
            contest.model.election.election_day,
        )
    except StatedError:
        return set()
    if isinstance(parsed, StatedAnswer):
        return None
    if isinstance(parsed, StatedNumber):
        return {("number", parsed.value)}
    if isinstance(parsed, StatedDuration):
        return {("duration", parsed.number.value, parsed.unit)}
    if isinstance(parsed, StatedWeekday):
        return {("weekday", parsed.weekday)}
    if isinstance(parsed, StatedDate):
        keys: set[tuple[Any, ...]] = {("day", parsed.day)}
        if parsed.weekday is not None:
            keys.add(("weekday", parsed.weekday))
        return keys
    if isinstance(parsed, StatedTime):
        keys = {("time", parsed.at)}
        if parsed.weekday is not None:
            keys.add(("weekday", parsed.weekday))
        if parsed.day is not None:
            keys.add(("day", parsed.day))
        return keys
    assert isinstance(parsed, StatedCandidate)
    from certcli.figures.margins import candidate_key

    try:
        return {("leader", candidate_key(contest, stated))}
    except UsageError:
        return set()
