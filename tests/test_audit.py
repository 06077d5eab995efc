"""BRAVO figures (no CLI): Arlo's published figures, exact decisions at the
boundaries, the edge cases and the properties every contest must have."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certcli.audit.bravo import (
    _log_sign,
    binomial_quantile,
    bravo,
    measured_risk,
    one_round_size,
)
from certcli.audit.report import apportion, audit_of_tally, audit_report
from certcli.core.errors import UsageError
from certcli.datafile.models import Tally
from certcli.loaded.loader import load, load_bundled

D = Decimal
GOOD = Path(__file__).parent / "data" / "good"
GEORGIA_NOV_11 = {
    "Biden": 2471981,
    "Trump": 2457924,
    "Jorgensen": 62058,
    "Write-ins": 457,
}

# --- the figures Arlo publishes for its own tests (10 % risk limit) ------------


@pytest.mark.parametrize(
    ("votes", "ballots", "asn", "chance", "sizes"),
    [
        ({"A": 600, "B": 400}, 1000, 119, "0.52", [184, 244, 351]),
        ({"A": 600, "B": 400, "C": 0}, 1000, 119, "0.52", [184, 244, 351]),
        ({"A": 600, "B": 200, "C": 100}, 900, 22, "0.55", [32, 41, 57]),
        ({"A": 300, "B": 200, "C": 200}, 1000, 238, "0.52", [368, 488, 702]),
        ({"A": 10000, "B": 9000, "C": 200}, 20000, 1769, "0.50", [2837, 3760, 5426]),
    ],
)
def test_arlo_figures(
    votes: dict[str, int], ballots: int, asn: int, chance: str, sizes: list[int]
) -> None:
    audit = bravo(votes, ballots)
    assert (audit.asn, audit.asn_probability) == (asn, D(chance))
    assert [(size.probability, size.ballots) for size in audit.one_round] == [
        (D("0.7"), sizes[0]),
        (D("0.8"), sizes[1]),
        (D("0.9"), sizes[2]),
    ]
    assert (audit.full_hand_count, audit.rule) == (False, None)
    assert audit.reason == f"{ballots:,} ballots were cast, not more than 100,000"


def test_georgia_as_of_nov_11_calls_for_a_full_hand_count() -> None:
    audit = bravo(GEORGIA_NOV_11, 4992420)
    assert audit.asn == 573956
    assert audit.one_round[-1].ballots == 1780697
    assert [pair.loser for pair in audit.pairs] == ["Trump", "Jorgensen", "Write-ins"]
    assert audit.pairs[0].asn == 573956
    assert (audit.full_hand_count, audit.rule) == (True, "large_sample")
    assert audit.reason == (
        "more than 100,000 ballots were cast and the 90 % sample (1,780,697) is"
        " 36 % of them, at least 25 %"
    )


@pytest.mark.parametrize(
    ("w", "r", "ballots", "chance", "size"),
    [
        # Arlo's tests of the one-round size alone: p_w, p_r of 0.4 and 0.32...
        (40, 32, 100, "0.9", 1599),
        (36, 32, 100, "0.9", 6067),
        (52, 47, 100, "0.9", 5657),
        (40, 32, 100, "0.4", 409),
    ],
)
def test_arlo_one_round_sizes(
    w: int, r: int, ballots: int, chance: str, size: int
) -> None:
    assert one_round_size(w, r, ballots, Fraction(1, 10), D(chance)) == size


@pytest.mark.parametrize(
    ("w", "r", "ballots", "limit", "chance", "size"),
    [
        # 76 ballots of the pair are exactly 95 ballots; Arlo gives 96.
        (59, 29, 110, 5, "0.7", 95),
        # 1,683 ballots of the pair are exactly 2,475 ballots; Arlo's test has 2,476.
        (36, 32, 100, 10, "0.6", 2475),
    ],
)
def test_a_whole_number_of_ballots_is_not_rounded_up(
    w: int, r: int, ballots: int, limit: int, chance: str, size: int
) -> None:
    """Arlo divides by the pair's share of ballots in floating point, which can
    round a whole number of ballots one higher; certcli divides exactly."""
    assert one_round_size(w, r, ballots, Fraction(limit, 100), D(chance)) == size


# --- measured risk ------------------------------------------------------------


def test_measured_risk_as_arlo() -> None:
    audit = bravo({"A": 600, "B": 400}, 1000, sampled={"A": 72, "B": 47})
    risk = audit.pairs[0].risk
    assert risk is not None
    assert risk.risk.quantize(D("0.0001")) == D("0.0714")
    assert (risk.within_limit, audit.may_stop) == (True, True)
    georgia = bravo(
        GEORGIA_NOV_11,
        4992420,
        sampled={**GEORGIA_NOV_11, "Biden": 2471971},
    )
    trump = georgia.pairs[0].risk
    assert trump is not None
    assert math.isclose(float(trump.risk), 2.035688053599178e-09, rel_tol=1e-12)
    assert georgia.may_stop is True


def test_a_risk_exactly_at_the_limit_stops() -> None:
    """4 votes to 1: one winner ballot gives T = 1.6, a risk of exactly 62.5 %."""
    at = measured_risk(4, 1, 1, 0, Fraction(625, 1000))
    assert (at.risk, at.within_limit) == (D("0.625"), True)
    below = measured_risk(4, 1, 1, 0, Fraction(624, 1000))
    assert below.within_limit is False


def test_log_sign_decides_equality_exactly() -> None:
    assert _log_sign([(1, Fraction(8, 5)), (-1, Fraction(16, 10))]) == 0
    assert _log_sign([(3, Fraction(2)), (-1, Fraction(8))]) == 0
    assert _log_sign([(3, Fraction(2)), (-1, Fraction(7))]) == 1
    assert _log_sign([(10**6, Fraction(10**6 + 1, 10**6)), (-1, Fraction(3))]) == -1


def test_examining_every_ballot_ends_the_audit() -> None:
    audit = bravo({"A": 501, "B": 499}, 1000, sampled={"A": 501, "B": 499})
    risk = audit.pairs[0].risk
    assert risk is not None
    assert (risk.risk, audit.may_stop) == (D(0), True)
    tied = bravo({"A": 500, "B": 500}, 1000, sampled={"A": 501, "B": 499})
    assert tied.may_stop is True


def test_a_full_count_that_reverses_the_result_confirms_nothing() -> None:
    audit = bravo({"A": 501, "B": 499}, 1000, sampled={"A": 400, "B": 600})
    risk = audit.pairs[0].risk
    assert risk is not None
    assert (risk.risk, risk.within_limit, audit.may_stop) == (D(1), False, False)


def test_an_enormous_sample_for_the_loser_is_no_overflow() -> None:
    audit = bravo({"A": 600, "B": 400}, 10**30, sampled={"B": 10**25})
    risk = audit.pairs[0].risk
    assert risk is not None
    assert (risk.risk, audit.may_stop) == (D(1), False)


# --- edge cases -----------------------------------------------------------------


def test_a_tie_needs_a_full_hand_count() -> None:
    audit = bravo({"A": 500, "B": 500}, 1000)
    assert (audit.asn, audit.one_round, audit.rule) == (None, (), "tie")
    assert audit.full_hand_count
    assert audit.reason == (
        "A and B are tied: no sample can confirm a winner, so only a full hand"
        " count decides"
    )
    sampled = bravo({"A": 500, "B": 500}, 1000, sampled={"A": 300, "B": 10})
    assert sampled.pairs[0].risk is not None
    assert sampled.pairs[0].risk.risk == 1
    assert sampled.may_stop is False


def test_a_loser_with_no_votes_is_no_pair() -> None:
    audit = bravo({"A": 600, "B": 400, "C": 0}, 1000)
    assert [pair.loser for pair in audit.pairs] == ["B"]


@pytest.mark.parametrize("votes", [{"A": 900}, {"A": 900, "B": 0}, {"A": 0}, {}])
def test_one_candidate_has_nothing_to_confirm(votes: dict[str, int]) -> None:
    audit = bravo(votes, 1000)
    assert (audit.pairs, audit.asn, audit.one_round) == ((), None, ())
    assert (audit.full_hand_count, audit.rule) == (False, None)
    assert "no outcome to confirm" in audit.reason
    assert bravo(votes, 1000, sampled={}).may_stop is None


def test_a_zero_risk_limit_is_a_full_hand_count() -> None:
    audit = bravo({"A": 600, "B": 400}, 1000, D(0))
    assert (audit.full_hand_count, audit.rule, audit.asn) == (
        True,
        "zero_risk_limit",
        None,
    )


@pytest.mark.parametrize("limit", ["-0.1", "100", "150", "NaN", "Infinity"])
def test_risk_limit_outside_0_to_100_is_refused(limit: str) -> None:
    with pytest.raises(ValueError, match="risk limit"):
        bravo({"A": 600, "B": 400}, 1000, D(limit))


def test_fewer_ballots_than_votes_is_refused() -> None:
    with pytest.raises(ValueError, match="999 ballots are fewer than the 1,000 votes"):
        bravo({"A": 600, "B": 400}, 999)


def test_sample_of_an_unknown_candidate_is_refused() -> None:
    with pytest.raises(ValueError, match="not in the tally: Z"):
        bravo({"A": 600, "B": 400}, 1000, sampled={"Z": 3})


def test_sample_of_more_ballots_than_were_cast_is_refused() -> None:
    with pytest.raises(ValueError, match="1,001 ballots is more than the 1,000"):
        bravo({"A": 600, "B": 400}, 1000, sampled={"A": 1001})


# --- tallies of a file ------------------------------------------------------------


def tally(**fields: object) -> Tally:
    base = {"id": "t", "stage": "certified", "as_of": "2020-11-20", "source": "s"}
    return Tally.model_validate({**base, **fields})


def test_ballots_default_to_the_total_then_the_votes() -> None:
    votes = {"A": 600, "B": 400}
    assert audit_of_tally(tally(votes=votes)).ballots == 1000
    assert audit_of_tally(tally(votes=votes, total=1100)).ballots == 1100
    assert audit_of_tally(tally(votes=votes, total=1100, ballots=1200)).ballots == 1200


def test_default_tally_is_the_latest_of_the_recount_rules_stage() -> None:
    report = audit_report(load_bundled())
    assert report.tally.id == "certified-2020-11-20"
    assert report.chosen_because == (
        "the latest certified tally, the stage recount rule requested-recount"
        " applies to"
    )


def test_default_tally_without_recount_rules_is_the_latest() -> None:
    report = audit_report(load(GOOD / "audit-600-400.yaml"))
    assert (report.tally.id, report.chosen_because) == (
        "canvass",
        "the latest tally with votes per candidate",
    )


@pytest.mark.parametrize(
    ("tally_id", "sampled", "message"),
    [
        ("nope", None, "unknown tally 'nope'; tallies: unofficial-2020-11-11-0730,"),
        ("unofficial-2020-11-11-0805", None, "has no votes per candidate"),
        (None, [("Zed", 1)], "unknown candidate 'Zed'"),
        (None, [("Biden", 1), ("joe biden", 2)], "--sampled names Biden twice"),
    ],
)
def test_names_that_do_not_fit_the_file(
    tally_id: str | None, sampled: list[tuple[str, int]] | None, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        audit_report(load_bundled(), tally_id, D(10), sampled)


# --- properties ------------------------------------------------------------------


def exact_quantile(level: Fraction, n: int, w: int, r: int) -> int:
    total = (w + r) ** n
    lower = 0
    for x in range(n + 1):
        lower += math.comb(n, x) * w**x * r ** (n - x)
        if lower * level.denominator >= level.numerator * total:
            return x
    return n


@settings(max_examples=60)
@given(
    n=st.integers(0, 150),
    w=st.integers(1, 500),
    r=st.integers(1, 500),
    level=st.sampled_from([Fraction(1, 10), Fraction(1, 5), Fraction(3, 10)]),
)
def test_binomial_quantile_is_exact(n: int, w: int, r: int, level: Fraction) -> None:
    assert binomial_quantile(level, n, w, r) == exact_quantile(level, n, w, r)


def test_binomial_quantile_at_a_level_it_meets_exactly() -> None:
    """One trial with p = 0.7: P(X ≤ 0) is exactly 0.3, so 0 is the 0.3 quantile."""
    assert binomial_quantile(Fraction(3, 10), 1, 7, 3) == 0
    assert binomial_quantile(Fraction(3, 10) + Fraction(1, 10**30), 1, 7, 3) == 1


# A winner w, the other candidate r (w > r > 0) and other ballots.
contests = st.tuples(
    st.integers(1, 150_000), st.integers(1, 150_000), st.integers(0, 100_000)
).map(lambda t: (t[0] + t[1], t[0], t[2]))


@pytest.mark.slow
@settings(max_examples=30)
@given(contest=contests, wider=st.integers(1, 1000))
def test_asn_falls_as_the_margin_grows(
    contest: tuple[int, int, int], wider: int
) -> None:
    w, r, other = contest
    moved = min(wider, r - 1)
    ballots = w + r + other
    close = bravo({"W": w, "R": r}, ballots)
    wide = bravo({"W": w + moved, "R": r - moved}, ballots)
    assert close.asn is not None and wide.asn is not None
    assert wide.asn <= close.asn


@settings(max_examples=30)
@given(contest=contests, limit=st.sampled_from(["1", "5", "10", "25"]))
def test_surer_samples_are_larger(contest: tuple[int, int, int], limit: str) -> None:
    w, r, other = contest
    audit = bravo({"W": w, "R": r}, w + r + other, D(limit))
    sizes = [size.ballots for size in audit.one_round]
    known = [size for size in sizes if size is not None]  # None: too many to count
    assert len(sizes) == 3
    assert sizes[: len(known)] == known == sorted(known)


@given(
    w=st.integers(2, 10**7),
    r=st.integers(1, 10**7),
    n_w=st.integers(0, 10**5),
    n_r=st.integers(0, 10**5),
)
def test_measured_risk_falls_as_winner_ballots_grow(
    w: int, r: int, n_w: int, n_r: int
) -> None:
    if w <= r:
        w, r = r + 1, max(1, min(w, r))
    alpha = Fraction(1, 10)
    fewer = measured_risk(w, r, n_w, n_r, alpha)
    more = measured_risk(w, r, n_w + 1, n_r, alpha)
    assert more.risk <= fewer.risk
    assert not fewer.within_limit or more.within_limit


def test_a_sample_beyond_a_billion_ballots_is_not_searched_for() -> None:
    """200,000 votes apart among 4 billion: the 90 % sample would be more
    ballots than certcli computes, and more than a quarter of them."""
    audit = bravo({"W": 2_000_100_000, "R": 1_999_900_000}, 4_000_000_000)
    assert audit.asn is not None and 10**9 < audit.asn < 4_000_000_000
    assert audit.one_round[-1].ballots is None
    assert (audit.full_hand_count, audit.rule) == (True, "large_sample")
    assert audit.reason == (
        "more than 100,000 ballots were cast and the 90 % sample is more than"
        " 1,000,000,000 ballots, at least 25 % of them"
    )


# --- reporting units -------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "weights", "parts"),
    [
        (10, [1, 1, 1], [4, 3, 3]),
        (7, [0, 5, 5], [0, 4, 3]),
        (5, [0, 0], [0, 0]),
        (0, [3, 4], [0, 0]),
        (1780697, [4992420], [1780697]),
    ],
)
def test_apportion(total: int, weights: list[int], parts: list[int]) -> None:
    assert apportion(total, weights) == parts


@given(
    total=st.integers(0, 10**9),
    weights=st.lists(st.integers(0, 10**7), min_size=1, max_size=30),
)
def test_apportioned_parts_add_up_and_stay_within_one_of_their_share(
    total: int, weights: list[int]
) -> None:
    parts = apportion(total, weights)
    whole = sum(weights)
    if whole == 0:
        assert parts == [0] * len(weights)
        return
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(total * weight, whole)
        assert exact - 1 < part < exact + 1


def test_georgia_counties_share_the_certified_samples() -> None:
    report = audit_report(load_bundled())
    assert (report.unit_kind, len(report.units)) == ("county", 159)
    audit = report.audit
    assert sum(unit.asn or 0 for unit in report.units) == audit.asn
    for i, size in enumerate(audit.one_round):
        assert sum(unit.one_round[i].ballots or 0 for unit in report.units) == (
            size.ballots
        )
    assert sum(unit.ballots for unit in report.units) == audit.ballots


def test_a_sample_of_every_ballot_is_a_full_hand_count_in_a_small_contest() -> None:
    # 510 against 490 of 1,000 ballots: the 90 % one-round sample is larger
    # than the contest, which no sample can be.
    audit = bravo({"A": 510, "B": 490}, 1000)
    ninety = audit.sample_size("0.9")
    assert ninety is not None and ninety >= 1000
    assert (audit.full_hand_count, audit.rule) == (True, "sample_of_all")
    assert "at least every one of the 1,000 ballots cast" in audit.reason


def test_a_small_contest_with_a_wide_margin_is_sampled() -> None:
    audit = bravo({"A": 600, "B": 400}, 1000)
    assert (audit.full_hand_count, audit.rule) == (False, None)
