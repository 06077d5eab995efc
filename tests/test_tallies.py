"""Votes, shares, margins, recount verdicts and the margin history (no CLI)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certcli.core.errors import UsageError
from certcli.core.exact import EXACT, PRECISION
from certcli.datafile.located import Located
from certcli.datafile.models import RecountRule, Tally
from certcli.figures.margins import (
    candidate_key,
    margin_history,
    margin_report,
    select_tallies,
)
from certcli.figures.recount import recount_verdict
from certcli.figures.tallies import (
    VotesNeeded,
    display_percent,
    margin_percent,
    margin_votes,
    runner_up,
    share,
    tally_total,
    top_two,
    votes_needed,
)
from certcli.loaded.contest import Contest
from certcli.loaded.loader import load, load_bundled, validate

D = Decimal
GOOD = Path(__file__).parent / "data" / "good"
EST = timezone(timedelta(hours=-5))
PST = timezone(timedelta(hours=-8))


def tally(**fields: Any) -> Tally:
    base: dict[str, Any] = {
        "id": "t",
        "stage": "certified",
        "as_of": "2020-11-20",
        "source": "s",
    }
    return Tally.model_validate({**base, **fields})


def four(value: Decimal | None) -> str | None:
    return None if value is None else display_percent(value)


CERTIFIED = tally(
    votes={"Biden": 2474507, "Trump": 2461837, "Jorgensen": 62138}, total=4998482
)
AUDIT = tally(votes={"Biden": 2475141, "Trump": 2462857, "Jorgensen": 62587})
RECOUNT = tally(votes={"Biden": 2473633, "Trump": 2461854, "Jorgensen": 62229})
PARTIAL = tally(total=4991741, margin={"leader": "Biden", "votes": 14101})
PARTIAL_NAMED = tally(
    total=1000, margin={"leader": "Ann", "votes": 30, "opponent": "Bob"}
)
UNITS_ONLY = tally(units_certified=97)
TIE = tally(votes={"Ann": 500, "Bob": 500, "Cy": 20})
LACKS_CY = tally(votes={"Ann": 520, "Bob": 480}, total=1030)
ALONE = tally(votes={"Ann": 10})
ZERO = tally(votes={"Ann": 0, "Bob": 0})


# --- totals and shares ------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        (CERTIFIED, 4998482),  # explicit
        (AUDIT, 5000585),  # sum of the votes
        (RECOUNT, 4997716),
        (PARTIAL, 4991741),
        (UNITS_ONLY, None),  # never a made-up zero
        (LACKS_CY, 1030),  # explicit total above the sum (votes not listed)
        (ZERO, 0),
    ],
)
def test_tally_total(subject: Tally, expected: int | None) -> None:
    assert tally_total(subject) == expected


@pytest.mark.parametrize(
    ("subject", "candidate", "expected"),
    [
        (CERTIFIED, "Biden", "49.5052"),
        (CERTIFIED, "Trump", "49.2517"),
        (CERTIFIED, "Jorgensen", "1.2431"),
        (AUDIT, "Biden", "49.4970"),
        (AUDIT, "Trump", "49.2514"),
        (RECOUNT, "Biden", "49.4953"),
        (TIE, "Ann", "49.0196"),
        (LACKS_CY, "Cy", None),
        (PARTIAL, "Biden", None),
        (UNITS_ONLY, "Biden", None),
        (ZERO, "Ann", None),  # no division by zero
    ],
)
def test_share(subject: Tally, candidate: str, expected: str | None) -> None:
    assert four(share(subject, candidate)) == expected


def test_share_is_exact_decimal() -> None:
    value = share(CERTIFIED, "Biden")
    assert isinstance(value, Decimal)
    assert len(value.as_tuple().digits) == PRECISION  # no float, no 28-digit default
    assert str(value).startswith("49.50516976954203")


# --- runner-up and margins ----------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "candidate", "expected"),
    [
        (CERTIFIED, "Biden", "Trump"),
        (CERTIFIED, "Trump", "Biden"),
        (CERTIFIED, "Jorgensen", "Biden"),
        (TIE, "Ann", "Bob"),
        (TIE, "Bob", "Ann"),
        (TIE, "Cy", "Ann"),  # a tie keeps the file's order
        (LACKS_CY, "Cy", "Ann"),  # the strongest other, though Cy has no votes
        (ALONE, "Ann", None),
        (PARTIAL, "Biden", None),  # the reported margin names no opponent
        (PARTIAL, "Trump", "Biden"),  # the leader is everyone else's strongest
        (PARTIAL_NAMED, "Ann", "Bob"),
        (PARTIAL_NAMED, "Cy", "Ann"),
        (UNITS_ONLY, "Biden", None),
    ],
)
def test_runner_up(subject: Tally, candidate: str, expected: str | None) -> None:
    assert runner_up(subject, candidate) == expected


MARGINS = [
    # tally, candidate, opponent, votes, percent (4 places)
    (CERTIFIED, "Biden", None, 12670, "0.2535"),
    (CERTIFIED, "Biden", "Trump", 12670, "0.2535"),
    (CERTIFIED, "Trump", None, -12670, "-0.2535"),  # trailing: negative
    (CERTIFIED, "Jorgensen", None, -2412369, "-48.2620"),
    (CERTIFIED, "Biden", "Jorgensen", 2412369, "48.2620"),
    (AUDIT, "Biden", None, 12284, "0.2457"),
    (RECOUNT, "Biden", None, 11779, "0.2357"),
    (TIE, "Ann", None, 0, "0.0000"),
    (TIE, "Bob", "Ann", 0, "0.0000"),
    (TIE, "Cy", None, -480, "-47.0588"),
    (LACKS_CY, "Cy", None, None, None),  # the tally lacks the candidate
    (LACKS_CY, "Ann", "Cy", None, None),  # … or the opponent
    (ALONE, "Ann", None, None, None),
    (ZERO, "Ann", None, 0, None),  # a margin, but no percent of nothing
    # a partial tally: total and a reported margin only
    (PARTIAL, "Biden", None, 14101, "0.2825"),
    (PARTIAL, "Biden", "Trump", 14101, "0.2825"),
    (PARTIAL, "Trump", "Biden", -14101, "-0.2825"),  # named: taken as the pair
    (PARTIAL, "Trump", None, None, None),  # Trump need not be the runner-up
    (PARTIAL, "Trump", "Jorgensen", None, None),
    (PARTIAL_NAMED, "Ann", None, 30, "3.0000"),
    (PARTIAL_NAMED, "Ann", "Bob", 30, "3.0000"),
    (PARTIAL_NAMED, "Bob", None, -30, "-3.0000"),
    (PARTIAL_NAMED, "Ann", "Cy", None, None),  # the margin is over Bob
    (PARTIAL_NAMED, "Cy", "Ann", None, None),
    (PARTIAL_NAMED, "Cy", None, None, None),
    (UNITS_ONLY, "Biden", None, None, None),
    (UNITS_ONLY, "Biden", "Trump", None, None),
]


@pytest.mark.parametrize(("subject", "candidate", "opponent", "votes", "pct"), MARGINS)
def test_margin(
    subject: Tally,
    candidate: str,
    opponent: str | None,
    votes: int | None,
    pct: str | None,
) -> None:
    assert margin_votes(subject, candidate, opponent) == votes
    assert four(margin_percent(subject, candidate, opponent)) == pct


def test_georgia_margin_percent_worked_example() -> None:
    value = margin_percent(CERTIFIED, "Biden")
    assert value is not None
    assert value.quantize(D("0.00001")) == D("0.25348")
    assert value < D("0.5")


@pytest.mark.parametrize("subject", [CERTIFIED, AUDIT, RECOUNT, TIE])
def test_margin_percent_is_the_gap_of_the_shares(subject: Tally) -> None:
    leader, second = top_two(subject)
    assert leader is not None and second is not None
    mine, theirs = share(subject, leader), share(subject, second)
    assert mine is not None and theirs is not None
    gap = EXACT.subtract(mine, theirs)
    value = margin_percent(subject, leader, second)
    assert value is not None
    assert abs(gap - value) < D("1e-50")


@pytest.mark.parametrize(
    ("margin", "candidate", "opponent", "expected"),
    [
        (
            12670,
            "Biden",
            "Trump",
            VotesNeeded("Trump", False, 12670, 12671, 6336, "Biden"),
        ),
        (-36, "Brooks", "Alvarez", VotesNeeded("Brooks", False, 36, 37, 19, "Alvarez")),
        (35, "A", "B", VotesNeeded("B", False, 35, 36, 18, "A")),
        (1, "A", "B", VotesNeeded("B", False, 1, 2, 1, "A")),
        (0, "A", "B", VotesNeeded(None, True, 0, 1, 1)),
        (14101, "Biden", None, VotesNeeded(None, False, 14101, 14102, 7051, "Biden")),
        (None, "A", "B", None),
    ],
)
def test_votes_needed(
    margin: int | None, candidate: str, opponent: str | None, expected: Any
) -> None:
    assert votes_needed(margin, candidate, opponent) == expected


@pytest.mark.parametrize("margin", [1, 2, 35, 36, 12670])
def test_switched_votes_are_the_fewest_that_win(margin: int) -> None:
    need = votes_needed(margin, "A", "B")
    assert need is not None and need.switched_to_win is not None
    assert margin - 2 * need.switched_to_win < 0  # enough to win
    assert margin - 2 * (need.switched_to_win - 1) >= 0  # one fewer is not


@pytest.mark.parametrize(
    ("votes", "candidate", "opponent", "expected"),
    [
        # Third place: moving votes from the leader must also pass the second.
        (
            {"A": 100, "B": 90, "Z": 10},
            "Z",
            None,
            VotesNeeded("Z", False, 90, 91, 81, "A"),
        ),
        (
            {"A": 100, "B": 60, "Z": 10},
            "Z",
            None,
            VotesNeeded("Z", False, 90, 91, 51, "A"),
        ),
        # The pair named with --vs: the trailing side still has to pass everyone.
        (
            {"A": 100, "B": 90, "Z": 10},
            "B",
            "Z",
            VotesNeeded("Z", False, 90, 91, 81, "A"),
        ),
        (
            {"A": 100, "B": 90, "Z": 10},
            "A",
            "Z",
            VotesNeeded("Z", False, 90, 91, 81, "A"),
        ),
        (
            {"A": 100, "B": 90, "Z": 10},
            "A",
            None,
            VotesNeeded("B", False, 10, 11, 6, "A"),
        ),
    ],
)
def test_votes_needed_against_every_candidate_ahead(
    votes: dict[str, int], candidate: str, opponent: str | None, expected: VotesNeeded
) -> None:
    subject = tally(votes=votes)
    margin = margin_votes(subject, candidate, opponent)
    rival = opponent or runner_up(subject, candidate)
    assert votes_needed(margin, candidate, rival, subject) == expected


def test_georgia_third_place_needs_votes_from_both_ahead() -> None:
    certified = next(
        t for t in load_bundled().model.tallies if t.stage.value == "certified"
    )
    need = votes_needed(
        margin_votes(certified, "Jorgensen"), "Jorgensen", "Biden", certified
    )
    assert need is not None
    assert (need.switched_to_win, need.switched_from) == (2_399_700, "Biden")


@pytest.mark.slow
@settings(max_examples=300)
@given(
    votes=st.lists(st.integers(0, 10**6), min_size=2, max_size=6),
    pick=st.integers(0, 5),
    rival_pick=st.integers(0, 6),
)
def test_the_stated_change_makes_the_trailing_side_win(
    votes: list[int], pick: int, rival_pick: int
) -> None:
    """Applying what "To change the outcome" says really changes it, and one
    vote fewer does not."""
    names = [f"C{i}" for i in range(len(votes))]
    subject = tally(votes=dict(zip(names, votes, strict=True)))
    candidate = names[pick % len(names)]
    others = [name for name in names if name != candidate]
    opponent = others[rival_pick] if rival_pick < len(others) else None
    margin = margin_votes(subject, candidate, opponent)
    rival = opponent or runner_up(subject, candidate)
    need = votes_needed(margin, candidate, rival, subject)
    assert need is not None
    if need.tied:
        return
    trailing, source = need.trailing, need.switched_from
    assert trailing is not None and source is not None

    def wins(after: dict[str, int]) -> bool:
        return all(after[trailing] > v for name, v in after.items() if name != trailing)

    def switched(number: int) -> dict[str, int]:
        after = dict(subject.votes)
        after[source] -= number
        after[trailing] += number
        return after

    def added(number: int) -> dict[str, int]:
        return {**subject.votes, trailing: subject.votes[trailing] + number}

    if need.switched_to_win is None:  # moving all of the strongest's votes fails
        assert not wins(switched(subject.votes[source]))
    else:
        assert need.switched_to_win <= subject.votes[source]
        assert wins(switched(need.switched_to_win))
        assert not wins(switched(need.switched_to_win - 1))
    assert wins(added(need.to_win)) and not wins(added(need.to_win - 1))
    assert not wins(added(need.to_tie)) and need.to_tie == need.to_win - 1


# --- recount rules -----------------------------------------------------------


def contest(
    rules: list[dict[str, Any]],
    tallies: list[dict[str, Any]],
    events: tuple[dict[str, Any], ...] = (),
) -> Contest:
    data = {
        "format": "certcli/1",
        "election": {
            "id": "test",
            "title": "Test",
            "jurisdiction": "Test",
            "office": "Test",
            "election_day": "2024-11-05",
            "timezone": "America/Chicago",
            "calendar": {"country": "US", "subdivision": "TX"},
            "recount_rules": rules,
        },
        "candidates": {
            name: {"name": f"{name} Example"} for name in ("Ann", "Bob", "Cy")
        },
        "events": list(events),
        "sources": {"s": {"title": "S", "published": "2024-11-05"}},
        "tallies": [
            {"id": f"t{i}", "stage": "certified", "source": "s", **fields}
            for i, fields in enumerate(tallies)
        ],
    }
    return validate(Located("test.yaml", data, {}, {}))


AUTOMATIC = {
    "id": "automatic",
    "trigger": "automatic",
    "margin_percent_at_most": D("0.1"),
    "margin_votes_at_most": 200,
    "denominator": "top_two",
    "citation": "Test Code § 1",
}
REQUESTED = {
    "id": "requested",
    "trigger": "on_request",
    "margin_percent_at_most": 1,
    "citation": "Test Code § 2",
}


def verdict_of(rule: dict[str, Any], fields: dict[str, Any]) -> Any:
    subject = contest([rule], [{"as_of": "2024-11-20", **fields}])
    model = subject.model
    return recount_verdict(
        subject, model.election.recount_rules[0], model.tallies[0], None
    )


@pytest.mark.parametrize(
    ("rule", "fields", "eligible", "margin", "denominator", "pct"),
    [
        # 0.1 % of the top two's votes or 200 votes, whichever is less
        (AUTOMATIC, {"votes": {"Ann": 20000, "Bob": 19980}}, True, 20, 39980, "0.0500"),
        # the percent limit binds (0.1 % of 100,000 = 100 < 200); ends inclusive
        (
            AUTOMATIC,
            {"votes": {"Ann": 50050, "Bob": 49950}},
            True,
            100,
            100000,
            "0.1000",
        ),
        (
            AUTOMATIC,
            {"votes": {"Ann": 50051, "Bob": 49950, "Cy": 9000}},
            False,
            101,
            100001,
            "0.1010",
        ),
        # the vote limit binds (0.1 % of 1,000,000 = 1,000 > 200)
        (
            AUTOMATIC,
            {"votes": {"Ann": 500100, "Bob": 499900}},
            True,
            200,
            10**6,
            "0.0200",
        ),
        (
            AUTOMATIC,
            {"votes": {"Ann": 500101, "Bob": 499900}},
            False,
            201,
            1000001,
            "0.0201",
        ),
        # a third candidate does not count for the top_two denominator
        (
            AUTOMATIC,
            {"votes": {"Ann": 20000, "Bob": 19980, "Cy": 5000}},
            True,
            20,
            39980,
            "0.0500",
        ),
        # a tie is within any limit
        (AUTOMATIC, {"votes": {"Ann": 500, "Bob": 500}}, True, 0, 1000, "0.0000"),
        # partial: the vote limit fails → not eligible, whatever the percent
        (
            AUTOMATIC,
            {"total": 90000, "margin": {"leader": "Ann", "votes": 250}},
            False,
            250,
            None,
            None,
        ),
        # partial: the vote limit holds, the top two's votes are unknown → unknown
        (
            AUTOMATIC,
            {"total": 90000, "margin": {"leader": "Ann", "votes": 150}},
            None,
            150,
            None,
            None,
        ),
        (AUTOMATIC, {"units_certified": 3}, None, None, None, None),
        # 1 % of all votes (write-ins count: the total exceeds the votes listed)
        (REQUESTED, {"votes": {"Ann": 5050, "Bob": 4950}}, True, 100, 10000, "1.0000"),
        (
            REQUESTED,
            {"votes": {"Ann": 5050, "Bob": 4949}, "total": 10000},
            False,
            101,
            10000,
            "1.0100",
        ),
        (
            REQUESTED,
            {"votes": {"Ann": 5050, "Bob": 4949}, "total": 10100},
            True,
            101,
            10100,
            "1.0000",
        ),
        (
            REQUESTED,
            {"total": 10000, "margin": {"leader": "Ann", "votes": 100}},
            True,
            100,
            10000,
            "1.0000",
        ),
        (REQUESTED, {"margin": {"leader": "Ann", "votes": 100}}, None, 100, None, None),
        (REQUESTED, {"votes": {"Ann": 7}}, None, None, 7, None),
    ],
)
def test_recount_verdict(
    rule: dict[str, Any],
    fields: dict[str, Any],
    eligible: bool | None,
    margin: int | None,
    denominator: int | None,
    pct: str | None,
) -> None:
    verdict = verdict_of(rule, fields)
    assert verdict.eligible is eligible
    assert verdict.margin_votes == margin
    assert verdict.denominator_votes == denominator
    assert four(verdict.margin_percent) == pct


def test_rounding_never_decides_eligibility() -> None:
    # 5,000 of 999,999 votes = 0.5000005 %: above 0.5 %, though it shows as
    # 0.5000 at four places; the sentence shows enough digits to tell.
    rule = {**REQUESTED, "margin_percent_at_most": D("0.5")}
    verdict = verdict_of(rule, {"votes": {"Ann": 5000, "Bob": 0}, "total": 999_999})
    assert verdict.eligible is False
    assert "0.500001% of all votes" in verdict.reason
    verdict = verdict_of(rule, {"votes": {"Ann": 5000, "Bob": 0}, "total": 1_000_000})
    assert verdict.eligible is True


def test_verdict_reasons() -> None:
    assert verdict_of(AUTOMATIC, {"votes": {"Ann": 20000, "Bob": 19980}}).reason == (
        "Eligible: Ann leads Bob by 20 votes = 0.0500% of the top two's votes,"
        " within the"
        " limit (at most 0.1% of the top two's votes and at most 200 votes)."
        " The recount is automatic."
    )
    assert verdict_of(AUTOMATIC, {"votes": {"Ann": 500101, "Bob": 499900}}).reason == (
        "Not eligible: Ann leads Bob by 201 votes = 0.0201% of the top two's votes,"
        " more than"
        " 200 votes (limit: at most 0.1% of the top two's votes and at most 200"
        " votes)."
    )
    assert verdict_of(AUTOMATIC, {"units_certified": 3}).reason == (
        "Unknown: the tally lacks a margin between its top two (limit: at most"
        " 0.1% of the top two's votes and at most 200 votes)."
    )


def test_tie_and_unnamed_runner_up_reasons() -> None:
    assert verdict_of(REQUESTED, {"votes": {"Ann": 500, "Bob": 500}}).reason == (
        "Eligible: Ann and Bob are tied, within the limit (at most 1% of all"
        " votes). A recount may be requested."
    )
    partial = {"total": 10000, "margin": {"leader": "Ann", "votes": 100}}
    assert verdict_of(REQUESTED, partial).reason == (
        "Eligible: Ann leads the runner-up by 100 votes = 1.0000% of all votes,"
        " within the limit (at most 1% of all votes). A recount may be requested."
    )


def test_georgia_certified_verdict() -> None:
    georgia = load_bundled()
    rule = georgia.model.election.recount_rules[0]
    tallies = {t.id: t for t in georgia.model.tallies}
    verdict = recount_verdict(georgia, rule, tallies["certified-2020-11-20"])
    assert verdict.eligible is True
    assert verdict.decisive is True
    assert (verdict.leader, verdict.runner_up) == ("Biden", "Trump")
    assert (verdict.margin_votes, verdict.denominator_votes) == (12670, 4998482)
    assert verdict.window_closes == datetime(2020, 11, 24, 17, 0, tzinfo=EST)
    assert verdict.window_closes is not None
    assert verdict.window_closes.strftime("%a") == "Tue"
    assert verdict.citation == "O.C.G.A. § 21-2-495(c)"
    assert verdict.reason == (
        "Eligible: Biden leads Trump by 12,670 votes = 0.2535% of all votes,"
        " within the limit"
        " (at most 0.5% of all votes). A recount may be requested until"
        " Tue 2020-11-24 17:00 EST."
    )
    recount = recount_verdict(georgia, rule, tallies["recertified-2020-12-07"])
    assert (recount.eligible, recount.decisive, recount.margin_votes) == (
        True,
        False,
        11779,
    )
    assert recount.reason.endswith(
        "Indicative only: the rule is decided by the certified tally."
    )
    unknown = recount_verdict(georgia, rule, tallies["unofficial-2020-11-11-0910"])
    assert (unknown.eligible, unknown.window_closes) == (None, None)


def test_window_without_a_time_gives_its_day() -> None:
    window = {
        "id": "window",
        "title": "Window",
        "kind": "window",
        "start": "2024-11-20",
        "end": "2024-11-22",
    }
    subject = contest(
        [{**REQUESTED, "request_window": "window"}],
        [{"as_of": "2024-11-20", "votes": {"Ann": 1000, "Bob": 999}}],
        (window,),
    )
    model = subject.model
    verdict = recount_verdict(
        subject, model.election.recount_rules[0], model.tallies[0]
    )
    assert verdict.window_closes is None
    assert str(verdict.window_closes_on) == "2024-11-22"
    assert "until Fri 2024-11-22." in verdict.reason


def test_not_eligible_has_no_window() -> None:
    cedar = load(GOOD / "cedar-county-commissioner.yaml")
    rule = cedar.model.election.recount_rules[0]
    verdict = recount_verdict(cedar, rule, cedar.model.tallies[1])
    assert (verdict.eligible, verdict.window_closes_on) == (False, None)


# --- the margin history ------------------------------------------------------


def test_georgia_history() -> None:
    rows = margin_history(load_bundled(), "Biden")
    assert [row.tally_id for row in rows] == [
        "unofficial-2020-11-11-0730",
        "unofficial-2020-11-11-0805",
        "unofficial-2020-11-11-0910",
        "arlo-2020-11-11",
        "audit-2020-11-19",
        "certified-2020-11-20",
        "recertified-2020-12-07",
    ]
    assert [row.margin_votes for row in rows] == [
        None,
        14101,
        None,
        14057,
        12284,
        12670,
        11779,
    ]
    assert [row.change_votes for row in rows] == [
        None,
        None,
        None,
        -44,
        -1773,
        386,
        -891,
    ]
    assert [row.change_from for row in rows] == [
        None,
        None,
        None,
        "unofficial-2020-11-11-0805",
        "arlo-2020-11-11",
        "audit-2020-11-19",
        "certified-2020-11-20",
    ]
    assert [row.opponent for row in rows] == [None, "Trump", None, *["Trump"] * 4]
    assert [four(row.change_percent) for row in rows] == [
        None,
        None,
        None,
        "-0.0009",
        "-0.0359",
        "0.0078",
        "-0.0178",
    ]
    certified = rows[5]
    assert (certified.candidate_votes, certified.opponent_votes) == (
        2474507,
        2461837,
    )
    assert certified.total == 4998482
    assert [v.eligible for v in certified.verdicts] == [True]
    assert rows[0].remarks == ("partial tally: no votes and no reported margin",)
    assert rows[2].remarks == (
        "partial tally: no votes and no reported margin",
        "no total",
    )


def test_history_selection_keeps_changes_from_the_whole_file() -> None:
    georgia = load_bundled()
    chosen = select_tallies(georgia, stage="certified")
    rows = margin_history(georgia, "Biden", "Trump", chosen)
    assert [(r.tally_id, r.change_votes, r.change_from) for r in rows] == [
        ("certified-2020-11-20", 386, "audit-2020-11-19")
    ]


def test_cedar_history() -> None:
    cedar = load(GOOD / "cedar-county-commissioner.yaml")
    rows = margin_history(cedar, "Alvarez")
    assert [row.margin_votes for row in rows] == [412, 260, 20, 36, 0]
    assert [row.change_votes for row in rows] == [None, -152, -240, 16, -36]
    assert [[v.eligible for v in row.verdicts] for row in rows] == [
        [False, False],  # 412 votes > 200: fails whatever the unknown percent
        [False, True],
        [True, True],
        [True, True],
        [True, True],
    ]
    assert [[v.decisive for v in row.verdicts] for row in rows] == [
        [False, False],
        [False, False],
        [False, False],
        [True, True],
        [False, False],
    ]
    certified = rows[3]
    assert certified.verdicts[0].window_closes is None  # automatic: no window
    # 3 business days after Tue Nov 26 on the WA calendar: Thanksgiving and
    # the day after (Native American Heritage Day) do not count.
    assert certified.verdicts[1].window_closes == datetime(
        2024, 12, 3, 17, 0, tzinfo=PST
    )
    brooks = margin_history(cedar, "Brooks", "Alvarez")
    assert [row.margin_votes for row in brooks] == [-412, -260, -20, -36, 0]
    assert brooks[3].needed == VotesNeeded("Brooks", False, 36, 37, 19, "Alvarez")
    chen = margin_history(cedar, "Chen")
    assert chen[2].margin_votes is None
    assert chen[2].remarks == ("no votes for Chen in this tally",)
    # the change skips the tally that lacks Chen
    assert (chen[3].change_votes, chen[3].change_from) == (
        -19783 + 18946,
        "unofficial-2024-11-08",
    )


# --- names on the command line -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Biden", "Biden"),
        ("biden", "Biden"),
        ("BIDEN", "Biden"),
        ("Joe Biden", "Biden"),
        ("joe biden", "Biden"),
        (" Trump ", "Trump"),
        ("jo jorgensen", "Jorgensen"),
    ],
)
def test_candidate_key(name: str, key: str) -> None:
    assert candidate_key(load_bundled(), name) == key


def test_unknown_names_list_what_there_is() -> None:
    georgia = load_bundled()
    with pytest.raises(UsageError) as err:
        candidate_key(georgia, "Harris")
    assert str(err.value) == (
        "unknown candidate 'Harris'; candidates: Biden (Joe Biden),"
        " Trump (Donald Trump), Jorgensen (Jo Jorgensen)"
    )
    with pytest.raises(UsageError) as err:
        select_tallies(georgia, tally_id="certified")
    assert str(err.value) == (
        "unknown tally 'certified'; tallies: unofficial-2020-11-11-0730,"
        " unofficial-2020-11-11-0805, unofficial-2020-11-11-0910,"
        " arlo-2020-11-11, audit-2020-11-19, certified-2020-11-20,"
        " recertified-2020-12-07; did you mean 'certified-2020-11-20'?"
    )
    with pytest.raises(UsageError) as err:
        candidate_key(georgia, "Bidne")
    assert str(err.value).endswith("; did you mean 'Biden'?")
    with pytest.raises(UsageError) as err:
        candidate_key(georgia, "donald trum")
    assert str(err.value).endswith("; did you mean 'Donald Trump'?")
    with pytest.raises(UsageError) as err:
        select_tallies(georgia, stage="recount")
    assert str(err.value) == (
        "no tally of stage 'recount'; stages in the file: unofficial, audit,"
        " certified, recertified"
    )
    with pytest.raises(UsageError, match="--vs names the candidate itself"):
        margin_report(georgia, "biden", "Joe Biden")


def test_rule_is_a_model() -> None:
    # the verdict carries the rule itself, so renderers can show its citation
    verdict = verdict_of(REQUESTED, {"votes": {"Ann": 1, "Bob": 0}})
    assert isinstance(verdict.rule, RecountRule)
    assert verdict.citation == "Test Code § 2"
