"""Audits at the edges: near ties among 10^15 ballots and more, an ASN above
every ballot, and a tally whose votes exceed its total."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certcli.audit.bravo import average_sample_number, bravo
from conftest import Run


def reference_asn(w: int, r: int, ballots: int, alpha: Fraction) -> int:
    """Arlo's ASN formula with 400 digits: no cancellation at these sizes can
    reach the digits that decide the ceiling (the test's own arithmetic)."""
    with localcontext() as context:
        context.prec = 400
        big_w, big_r = Decimal(w), Decimal(r)
        z_w = (2 * big_w / (big_w + big_r)).ln()
        z_r = (2 * big_r / (big_w + big_r)).ln()
        top = (Decimal(alpha.denominator) / Decimal(alpha.numerator)).ln() + z_w / 2
        bottom = (big_w * z_w + big_r * z_r) / Decimal(ballots)
        return int((top / bottom).to_integral_value(ROUND_CEILING))


@pytest.mark.parametrize("exponent", [12, 15, 16, 20, 29])
@pytest.mark.parametrize("margin", [2, 1000, 10**6])
def test_the_asn_of_a_huge_near_tie_is_exact(exponent: int, margin: int) -> None:
    ballots = 10**exponent
    w = ballots // 2 + margin // 2
    r = ballots - w
    alpha = Fraction(1, 10)
    assert average_sample_number(w, r, ballots, alpha) == reference_asn(
        w, r, ballots, alpha
    )


@given(
    ballots=st.integers(10**12, 10**30),
    lead=st.integers(1, 10**9),
    blank=st.integers(0, 1000),
    limit=st.sampled_from([Fraction(1, 10), Fraction(1, 20), Fraction(1, 100)]),
)
def test_the_asn_of_any_near_tie_is_exact(
    ballots: int, lead: int, blank: int, limit: Fraction
) -> None:
    votes = ballots - blank
    w = (votes + lead) // 2
    r = votes - w
    if w <= r:
        return
    assert average_sample_number(w, r, ballots, limit) == reference_asn(
        w, r, ballots, limit
    )


@pytest.mark.parametrize("exponent", [6, 9, 12, 15, 16, 30])
def test_an_asn_above_every_ballot_calls_for_a_full_hand_count(exponent: int) -> None:
    ballots = 10**exponent
    audit = bravo({"A": ballots // 2 + 1, "B": ballots // 2 - 1}, ballots)
    assert audit.asn is not None and audit.asn > ballots
    assert (audit.full_hand_count, audit.rule) == (True, "sample_of_all")
    assert audit.reason == (
        f"the expected sample ({audit.asn:,}) is at least every one of the"
        f" {ballots:,} ballots cast: no sample can be larger than the contest,"
        " so only a full hand count confirms the outcome"
    )


ARLO = Path(__file__).parent / "data" / "good" / "audit-600-400.yaml"
ARLO_VOTES = "votes: {Ann: 600, Bob: 400, Cy: 0}\n    ballots: 1000"


def write(tmp_path: Path, votes: str) -> Path:
    """The Arlo test contest with other votes (its claims stay)."""
    text = ARLO.read_text(encoding="utf-8")
    assert ARLO_VOTES in text
    path = tmp_path / "big.yaml"
    path.write_text(text.replace(ARLO_VOTES, votes), encoding="utf-8")
    return path


def test_audit_report_and_check_answer_a_tie_among_10_to_the_16(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = write(tmp_path, "votes: {Ann: 5000000000000001, Bob: 4999999999999999}")
    asn = reference_asn(5000000000000001, 4999999999999999, 10**16, Fraction(1, 10))
    audit = certcli("audit", "--data", path, "--color", "never")
    assert audit.code == 0
    assert " ".join(audit.out.split()).startswith(
        "A contest of 600 votes to 400 BRAVO ballot-polling audit of tally canvass"
        " (certified, 2024-11-12): the latest tally with votes per candidate; the"
        " tally gives no ballots: its total counts as ballots. At a 10 % risk"
        " limit and a margin of 2.0e-14 % of ballots, a ballot-polling audit expects to"
        f" examine {asn:,} ballots, more than the 10,000,000,000,000,000 ballots"
        " cast: no sample can be that large, so only a full hand count confirms"
        " the outcome."
    )
    check = certcli("check", path, "-f", "json")
    assert check.code == 1
    assert f"computed {asn}" in check.out
    report = certcli("report", path, "-o", tmp_path / "page.html")
    assert report.code == 0  # a page written, whatever it reports
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert f"would expect to check {asn:,} ballots by hand" in page


def test_votes_above_the_total_are_a_finding_not_an_internal_error(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = write(tmp_path, "votes: {Ann: 10, Bob: 5}\n    total: 12")
    why = (
        "the votes of tally canvass add up to 15, more than its total of 12, so it"
        " gives no count of ballots to audit (certcli check reports it)"
    )
    audit = certcli("audit", "--data", path)
    assert (audit.code, audit.out) == (2, "")
    assert audit.err == f"Error: {why[:1].upper() + why[1:]}\n"
    check = certcli("check", path, "-f", "json")
    assert check.code == 1
    assert "votes-above-total" in check.out
    assert why in check.out
    report = certcli("report", path, "-o", tmp_path / "page.html")
    assert report.code == 0  # a page written, whatever it reports
    assert "internal error" not in report.err
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "the votes add up to 15, more than its total 12" in page
