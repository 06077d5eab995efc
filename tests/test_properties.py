"""Properties that must hold for every input, checked with hypothesis.

The number of examples comes from the profile in conftest.py (`ci` keeps CI
fast and reproducible). The stated-value grammar has its own properties in
test_stated.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Context, Decimal
from pathlib import Path
from typing import Any

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certcli.calendar.business_days import add_business_days
from certcli.datafile.located import parse_yaml, read_text
from certcli.datafile.models import Tally
from certcli.figures.tallies import margin_percent, margin_votes, share, tally_total
from conftest import Run

# --- margins and shares -------------------------------------------------------------

NAMES = ["Ada", "Grace", "Linus", "Margaret", "Alan"]
# Shares are exact to 120 significant digits (certcli.core.exact.EXACT): each one
# may be off by half a unit in its 120th digit, at most 5e-119 for a share < 100.
ROUNDING = Decimal("5e-119")
# Sums and differences of such shares, without rounding them again.
EXACTLY = Context(prec=200)


@st.composite
def full_tallies(draw: st.DrawFn) -> Tally:
    """A tally with votes for two to five candidates and perhaps write-ins."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=5, unique=True))
    votes = {name: draw(st.integers(0, 10**9)) for name in names}
    write_ins = draw(st.none() | st.integers(0, 10**6))
    total = None if write_ins is None else sum(votes.values()) + write_ins
    return Tally.model_validate(
        {
            "id": "t",
            "stage": "certified",
            "as_of": "2020-11-20",
            "source": "s",
            "votes": votes,
            "total": total,
        }
    )


@st.composite
def partial_tallies(draw: st.DrawFn) -> Tally:
    """A tally that only reports a margin (and perhaps a total)."""
    leader, opponent = draw(
        st.lists(st.sampled_from(NAMES), min_size=2, max_size=2, unique=True)
    )
    lead = draw(st.integers(0, 10**7))
    margin = {"leader": leader, "votes": lead}
    if draw(st.booleans()):
        margin["opponent"] = opponent
    total = draw(st.none() | st.integers(lead, 10**9))
    return Tally.model_validate(
        {
            "id": "t",
            "stage": "unofficial",
            "as_of": "2020-11-11",
            "source": "s",
            "margin": margin,
            "total": total,
        }
    )


@given(full_tallies())
def test_shares_sum_to_at_most_100_percent(tally: Tally) -> None:
    shares = [share(tally, name) for name in tally.votes]
    known = [value for value in shares if value is not None]
    if tally_total(tally) == 0:
        assert known == []
        return
    assert len(known) == len(shares)
    assert all(value >= 0 for value in known)
    whole = Decimal(0)
    for value in known:
        whole = EXACTLY.add(whole, value)
    slack = EXACTLY.multiply(len(known), ROUNDING)
    assert whole <= EXACTLY.add(100, slack)
    if tally.total is None:  # no write-ins: the shares make up the whole
        assert abs(EXACTLY.subtract(whole, 100)) <= slack


@given(full_tallies(), st.data())
def test_margin_percent_is_the_gap_between_the_shares(
    tally: Tally, data: st.DataObject
) -> None:
    first, second = data.draw(
        st.lists(
            st.sampled_from(list(tally.votes)), min_size=2, max_size=2, unique=True
        )
    )
    percent = margin_percent(tally, first, second)
    share_first, share_second = share(tally, first), share(tally, second)
    if percent is None:
        assert tally_total(tally) == 0
        return
    assert share_first is not None and share_second is not None
    gap = EXACTLY.subtract(share_first, share_second)
    assert abs(EXACTLY.subtract(percent, gap)) <= EXACTLY.multiply(3, ROUNDING)


@given(full_tallies() | partial_tallies(), st.data())
def test_margin_is_antisymmetric(tally: Tally, data: st.DataObject) -> None:
    if tally.votes:
        names = list(tally.votes)
    else:
        assert tally.margin is not None
        names = [tally.margin.leader, tally.margin.opponent or "Nobody"]
    first, second = data.draw(st.permutations(names))[:2]
    ahead, behind = (
        margin_votes(tally, first, second),
        margin_votes(tally, second, first),
    )
    assert (ahead is None) == (behind is None)
    if ahead is not None and behind is not None:
        assert ahead == -behind
    forward, backward = (
        margin_percent(tally, first, second),
        margin_percent(tally, second, first),
    )
    assert (forward is None) == (backward is None)
    if forward is not None and backward is not None:
        assert forward == backward.copy_negate()


@given(full_tallies(), st.data())
def test_default_opponent_is_the_strongest_other_candidate(
    tally: Tally, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(list(tally.votes)))
    strongest = max(votes for other, votes in tally.votes.items() if other != name)
    assert margin_votes(tally, name) == tally.votes[name] - strongest


# --- business days ----------------------------------------------------------------

CALENDARS = [("US", None), ("US", "GA"), ("US", "CA"), ("GB", None), ("DE", "BY")]


def working(day: date, country: str, subdivision: str | None) -> bool:
    """Independently of certcli: a weekday that the holidays package does not list."""
    return day.weekday() < 5 and day not in holidays.country_holidays(
        country, subdiv=subdivision, years=day.year
    )


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
calendars = st.sampled_from(CALENDARS)


@given(days, st.integers(0, 60), calendars)
def test_business_days_skip_only_non_working_days(
    start: date, count: int, calendar: tuple[str, str | None]
) -> None:
    end = add_business_days(start, count, *calendar)
    between = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert sum(working(day, *calendar) for day in between) == count
    if count == 0:
        assert end == start
    else:
        assert working(end, *calendar)


@given(days, st.integers(0, 40), st.integers(0, 40), calendars)
def test_more_business_days_never_end_earlier(
    start: date, count: int, more: int, calendar: tuple[str, str | None]
) -> None:
    assert add_business_days(start, count, *calendar) <= add_business_days(
        start, count + more, *calendar
    )


@given(days, st.integers(0, 30), st.integers(0, 30), calendars)
def test_a_later_start_never_ends_earlier(
    start: date, later: int, count: int, calendar: tuple[str, str | None]
) -> None:
    assert add_business_days(start, count, *calendar) <= add_business_days(
        start + timedelta(days=later), count, *calendar
    )


# --- mutations of the bundled file -------------------------------------------------

BUNDLED = Path(__file__).parent.parent / "data" / "events.yaml"
TEXT = BUNDLED.read_text(encoding="utf-8")
DATA = parse_yaml(read_text(BUNDLED, "events.yaml"), "events.yaml").data
REPLACEMENTS = [
    None,
    True,
    0,
    -1,
    10**12,
    Decimal("1.5"),
    "",
    "text",
    "2020-02-30",
    "25:00",
    "[draft]",
    [],
    ["x"],
    {},
    {"x": 1},
]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index path inside `value`."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


PATHS = paths(DATA)


def mutated(path: tuple[Any, ...], replacement: Any, delete: bool) -> str:
    """The bundled data with one value replaced or removed, as YAML (JSON)."""
    data = json.loads(json.dumps(DATA, default=str))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return json.dumps(data, indent=1, default=str)


@st.composite
def structural_mutations(draw: st.DrawFn) -> str:
    path = draw(st.sampled_from(PATHS))
    replacement = draw(st.sampled_from(REPLACEMENTS))
    return mutated(path, replacement, delete=draw(st.booleans()))


@st.composite
def textual_mutations(draw: st.DrawFn) -> str:
    lines = TEXT.splitlines(keepends=True)
    kind = draw(
        st.sampled_from(["truncate", "delete-line", "repeat-line", "swap-lines"])
    )
    if kind == "truncate":
        return TEXT[: draw(st.integers(0, len(TEXT)))]
    index = draw(st.integers(0, len(lines) - 1))
    other = draw(st.integers(0, len(lines) - 1))
    if kind == "delete-line":
        del lines[index]
    elif kind == "repeat-line":
        lines.insert(index, lines[index])
    else:
        lines[index], lines[other] = lines[other], lines[index]
    return "".join(lines)


COMMANDS = [
    ["check", "{data}", "--as-of", "2021-01-31"],
    ["timeline", "--data", "{data}", "--as-of", "2020-11-22"],
    ["margin", "--data", "{data}", "--candidate", "Biden"],
]


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(structural_mutations() | textual_mutations())
def test_mutated_bundled_file_never_crashes(
    certcli: Callable[..., Run], tmp_path: Path, text: str
) -> None:
    data = tmp_path / "mutated.yaml"
    data.write_text(text, encoding="utf-8")
    for command in COMMANDS:
        run = certcli(*[str(data) if arg == "{data}" else arg for arg in command])
        assert "Traceback" not in run.out + run.err
        assert "internal error" not in run.err, run.err
        assert run.code in {0, 1, 2}
        if run.code == 2:
            assert run.err, command
