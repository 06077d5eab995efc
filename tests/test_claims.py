"""Claim verdicts for every metric, on the check tests' base file plus one claim."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from certcli.claims.findings import ClaimResult
from certcli.claims.verdicts import (
    default_tally,
    describe,
    display,
    evaluate,
    projection_for,
)
from certcli.datafile.stated import Tolerances, parse_number
from certcli.loaded.loader import load, load_bundled

BASE = Path(__file__).parent / "data" / "check" / "base.yaml"


def verdict_of(
    tmp_path: Path, claim: str, policy: str = "", base: str | None = None
) -> ClaimResult:
    """The result of one claim (a YAML flow mapping) added to the base file
    (or to `base`, the text of another)."""
    text = BASE.read_text(encoding="utf-8") if base is None else base
    source = "" if "source:" in claim else "source: paper, "
    text += f"  - {{id: probe, {source}quote: q, {claim}}}\n"
    if policy:
        text += f"policy: {policy}\n"
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8")
    contest = load(path, "probe.yaml")
    return evaluate(contest, contest.timeline)[-1]


CASES = [
    # votes
    ("metric: votes, candidate: Ann, tally: certified, stated: '502'",
     "consistent", "502", "= 502", "tally certified"),
    ("metric: votes, candidate: Ann, tally: certified, stated: '2.5 thousand'",
     "inconsistent", "502", "[2450, 2550]", "tally certified"),
    ("metric: votes, candidate: Cy, tally: audit, stated: 'about 10'",
     "consistent", "10", "[9.5, 10.5]", "tally audit"),
    # share; the paper (published 2020-11-20, a date: 00:00) sees the audit
    # tally, not the certified one of 16:00 that day
    ("metric: share, candidate: Ann, stated: '50%'",
     "consistent", "50", "= 50", "tally audit (by date)"),
    ("metric: share, candidate: Bob, tally: certified, stated: '48.7%'",
     "consistent", "48.7052", "[48.65, 48.75]", "tally certified"),
    ("metric: share, candidate: Bob, tally: audit, stated: '49%'",
     "consistent", "49", "= 49", "tally audit"),
    ("metric: share, candidate: Bob, tally: audit, stated: 'less than 49%'",
     "inconsistent", "49", "< 49", "tally audit"),
    ("metric: share, candidate: Bob, tally: audit, stated: 'at most 49%'",
     "consistent", "49", "≤ 49", "tally audit"),
    ("metric: share, candidate: Bob, tally: audit, stated: 'more than 49%'",
     "inconsistent", "49", "> 49", "tally audit"),
    ("metric: share, candidate: Bob, tally: audit, stated: '49.0%'",
     "consistent", "49", "[48.95, 49.05]", "tally audit"),
    # margin; the early report (09:00) sees the tally of exactly 09:00
    ("metric: margin, candidate: Ann, source: early, stated: '10'",
     "consistent", "10", "= 10", "tally unofficial-0900 (by date)"),
    ("metric: margin, candidate: Ann, tally: certified, stated: '13'",
     "consistent", "13", "= 13", "tally certified"),
    ("metric: margin, candidate: Bob, tally: certified, stated: '-13'",
     "consistent", "-13", "= -13", "tally certified"),
    ("metric: margin, candidate: Ann, opponent: Cy, tally: certified,"
     " stated: 'nearly 500'",
     "consistent", "493", "[450, 500]", "tally certified"),
    ("metric: margin, candidate: Ann, tally: audit, stated: 'almost exactly 12,000'",
     "inconsistent", "10", "[11880, 12120]", "tally audit"),
    # margin_percent
    ("metric: margin_percent, candidate: Ann, source: early, stated: '1%'",
     "consistent", "1", "= 1", "tally unofficial-0900 (by date)"),
    ("metric: margin_percent, candidate: Bob, tally: certified,"
     " stated: '-1.3 percentage points'",
     "consistent", "-1.2948", "[-1.35, -1.25]", "tally certified"),
    ("metric: margin_percent, candidate: Ann, tally: certified,"
     " stated: 'just over 1.3%'",
     "inconsistent", "1.2948", "[1.3, 1.365]", "tally certified"),
    # total
    ("metric: total, tally: audit, stated: '1,000'",
     "consistent", "1000", "= 1000", "tally audit"),
    ("metric: total, tally: certified, stated: '1,000'",
     "inconsistent", "1004", "= 1000", "tally certified"),
    ("metric: total, tally: unofficial-0730, stated: 'about 1 thousand'",
     "consistent", "1000", "[950, 1050]", "tally unofficial-0730"),
    # units
    ("metric: units_certified, source: early, stated: '7'",
     "consistent", "7", "= 7", "tally unofficial-0900 (by date)"),
    ("metric: units_certified, tally: unofficial-0730, stated: '7'",
     "inconsistent", "6", "= 7", "tally unofficial-0730"),
    ("metric: units_total, stated: '10'", "consistent", "10", "= 10", ""),
    ("metric: state_electoral_votes, stated: '16'",
     "consistent", "16", "= 16", ""),
    # electoral college: the projection on or before the source's day
    ("metric: electoral_votes, candidate: Ann, stated: '306'",
     "consistent", "306", "= 306", "projection of 2020-11-20"),
    ("metric: electoral_votes, candidate: Ann, source: early, stated: '306'",
     "inconsistent", "290", "= 306", "projection of 2020-11-07"),
    ("metric: electoral_surplus, candidate: Ann, stated: '36'",
     "consistent", "36", "= 36", "projection of 2020-11-20"),
    ("metric: electoral_surplus, candidate: Bob, stated: '-38'",
     "consistent", "-38", "= -38", "projection of 2020-11-20"),
    # calendar
    ("metric: date, event: recount-window, part: end, stated: 'Nov. 24'",
     "consistent", "2020-11-24", "= 2020-11-24", "event recount-window (end)"),
    ("metric: date, event: recount-window, stated: 'November 20, 2020'",
     "consistent", "2020-11-20", "= 2020-11-20", "event recount-window (start)"),
    ("metric: date, event: county-deadline, stated: 'Nov 12'",
     "inconsistent", "2020-11-13", "= 2020-11-12", "event county-deadline"),
    ("metric: weekday, event: recount-window, part: end, stated: 'Tuesday'",
     "consistent", "Tuesday", "= Tuesday", "event recount-window (end)"),
    ("metric: weekday, event: certification, stated: 'Thursday'",
     "inconsistent", "Friday", "= Thursday", "event certification"),
    # recount eligibility: margin 13 of 1,004 = 1.29 %
    ("metric: recount_eligible, tally: certified, stated: 'yes'",
     "consistent", "yes", "= yes", "tally certified, rule close"),
    ("metric: recount_eligible, tally: certified, rule: close, stated: 'no'",
     "inconsistent", "yes", "= no", "tally certified, rule close"),
    ("metric: recount_eligible, tally: certified, rule: tiny, stated: 'no'",
     "consistent", "no", "= no", "tally certified, rule tiny"),
    ("metric: recount_eligible, source: early, rule: tiny, stated: 'yes'",
     "consistent", "yes", "= yes", "tally unofficial-0900 (by date), rule tiny"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "verdict", "computed", "interval", "basis"), CASES)
def test_verdict(
    claim: str,
    verdict: str,
    computed: str,
    interval: str,
    basis: str,
    tmp_path: Path,
) -> None:
    assert outcome(verdict_of(tmp_path, claim)) == (
        verdict,
        computed,
        interval,
        basis,
        None,
    )


def outcome(result: ClaimResult) -> tuple[str, str | None, str, str, str | None]:
    """Verdict, computed value, interval, basis and reason of a claim."""
    return (
        result.verdict,
        result.computed,
        result.interval.text,
        result.basis.describe(),
        result.reason,
    )


UNVERIFIABLE = [
    ("metric: share, candidate: Ann, source: early, stated: '50%'",
     "tally unofficial-0900 (by date)",
     "tally unofficial-0900 has no votes for Ann"),
    ("metric: votes, candidate: Ann, tally: unofficial-0730, stated: '5'",
     "tally unofficial-0730", "tally unofficial-0730 has no votes for Ann"),
    ("metric: margin, candidate: Ann, tally: unofficial-0730, stated: '5'",
     "tally unofficial-0730",
     "tally unofficial-0730 has no votes for Ann and no reported margin that"
     " answers for them"),
    ("metric: margin, candidate: Bob, tally: unofficial-0900, stated: '-10'",
     "tally unofficial-0900",
     "tally unofficial-0900 has no votes for Bob or Ann and no reported margin"
     " that answers for them"),
    ("metric: units_certified, tally: audit, stated: '10'",
     "tally audit", "tally audit has no units_certified"),
    ("metric: votes, candidate: Ann, source: before, stated: '5'",
     "", "no tally is dated at or before the publication of before (2020-11-04)"),
    ("metric: electoral_votes, candidate: Ann, source: before, stated: '290'",
     "", "no electoral projection is dated on or before source before"),
    ("metric: electoral_votes, candidate: Cy, stated: '0'",
     "projection of 2020-11-20", "the projection of 2020-11-20 has no Cy"),
]  # fmt: skip


def test_a_date_with_the_wrong_weekday_is_an_inconsistent_claim(
    tmp_path: Path,
) -> None:
    """Not a data error that stops the file: the claim is wrong in itself."""
    claim = "metric: date, event: recount-window, stated: 'Thursday, Nov. 20'"
    result = verdict_of(tmp_path, claim)
    assert (result.verdict, result.computed, result.reason) == (
        "inconsistent",
        "2020-11-20",
        "'Thursday, Nov. 20' names a Thursday, but 2020-11-20 is a Friday",
    )
    assert describe(result) == (
        'date of the start of recount-window: stated "Thursday, Nov. 20"'
        " (= 2020-11-20),"
        " computed 2020-11-20 (event recount-window (start)); 'Thursday, Nov. 20'"
        " names a Thursday, but 2020-11-20 is a Friday"
    )
    right = verdict_of(tmp_path, claim.replace("Thursday", "Friday"))
    assert (right.verdict, right.reason) == ("consistent", None)


# Tallies that have the figures but cannot give the measure: all votes 0, and
# one candidate alone.
ODD_TALLIES = """\
  - id: zero
    stage: unofficial
    as_of: 2020-11-11T06:00:00-05:00
    source: early
    votes: {Ann: 0, Bob: 0}
  - id: alone
    stage: unofficial
    as_of: 2020-11-11T06:30:00-05:00
    source: early
    votes: {Ann: 40}
"""


@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        ("metric: share, candidate: Ann, tally: zero, stated: '50%'",
         "the total of tally zero is 0, so shares are undefined"),
        ("metric: margin_percent, candidate: Ann, tally: zero, stated: '0%'",
         "the total of tally zero is 0, so shares are undefined"),
        ("metric: margin, candidate: Ann, tally: alone, stated: '40'",
         "tally alone has no candidate but Ann, so there is no opponent to measure"
         " a margin against"),
        ("metric: margin_percent, candidate: Ann, tally: alone, stated: '100%'",
         "tally alone has no candidate but Ann, so there is no opponent to measure"
         " a margin against"),
        ("metric: margin, candidate: Ann, opponent: Bob, tally: alone, stated: '40'",
         "tally alone has no votes for Bob and no reported margin that answers for"
         " them"),
    ],
)  # fmt: skip
def test_unverifiable_reasons_name_the_cause(
    claim: str, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = BASE.read_text(encoding="utf-8")
    anchor = "  - id: unofficial-0730\n"
    assert anchor in text
    odd = tmp_path / "odd-base.yaml"
    odd.write_text(text.replace(anchor, ODD_TALLIES + anchor), encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "BASE", odd)
    result = verdict_of(tmp_path, claim)
    assert (result.verdict, result.reason) == ("unverifiable", reason)


@pytest.mark.parametrize(("claim", "basis", "reason"), UNVERIFIABLE)
def test_unverifiable(claim: str, basis: str, reason: str, tmp_path: Path) -> None:
    result = verdict_of(tmp_path, claim)
    assert (
        result.verdict,
        result.computed,
        result.basis.describe(),
        result.reason,
    ) == ("unverifiable", None, basis, reason)


def test_recount_eligibility_without_a_margin_is_unverifiable(tmp_path: Path) -> None:
    result = verdict_of(
        tmp_path, "metric: recount_eligible, tally: unofficial-0730, stated: 'no'"
    )
    assert (result.verdict, result.basis.describe()) == (
        "unverifiable",
        "tally unofficial-0730, rule close",
    )
    # the reason is the recount verdict's own sentence
    assert result.reason is not None
    assert result.reason.startswith("Unknown: the tally lacks a margin")


def test_a_reported_margin_without_opponent_answers_for_the_trailing_side_when_named(
    tmp_path: Path,
) -> None:
    result = verdict_of(
        tmp_path,
        "metric: margin, candidate: Bob, opponent: Ann, tally: unofficial-0900,"
        " stated: '-10'",
    )
    assert (result.verdict, result.computed) == ("consistent", "-10")


@pytest.mark.parametrize(
    ("policy", "verdict"),
    [
        ("", "consistent"),
        ("{about: 1}", "inconsistent"),
        ("{about: 1.1}", "consistent"),
    ],
)
def test_policy_sets_the_tolerances(policy: str, verdict: str, tmp_path: Path) -> None:
    # 1,004 against "about 1,015": 1.08 % below
    result = verdict_of(
        tmp_path, "metric: total, tally: certified, stated: 'about 1,015'", policy
    )
    assert result.verdict == verdict


def test_location_is_the_stated_value(tmp_path: Path) -> None:
    result = verdict_of(tmp_path, "metric: units_total, stated: '10'")
    assert (result.file, result.line, result.column) == ("probe.yaml", 122, 71)


@pytest.mark.parametrize(
    ("value", "stated", "shown"),
    [
        (Decimal("49.45003"), "49.5%", "49.45003"),
        (Decimal("49.44997"), "49.5%", "49.44997"),
        (Decimal("49.45"), "49.5%", "49.4500"),
        (Decimal("49.4974123"), "49.5%", "49.4974"),
        (Decimal("0.499999999"), "less than 0.5%", "0.499999999"),
        (Decimal("12670"), "12,670", "12670"),
        (Decimal("-13"), "-13", "-13"),
    ],
)
def test_display_keeps_digits_that_decide(
    value: Decimal, stated: str, shown: str
) -> None:
    assert display(value, parse_number(stated, Tolerances())) == shown


def test_default_tally_counts_a_tally_at_the_same_instant() -> None:
    contest = load(BASE)
    assert default_tally(contest, "early") is not None
    assert default_tally(contest, "early").id == "unofficial-0900"  # type: ignore[union-attr]
    assert default_tally(contest, "paper").id == "audit"  # type: ignore[union-attr]
    assert default_tally(contest, "before") is None


def test_projection_for_a_source_day() -> None:
    contest = load(BASE)
    assert projection_for(contest, "paper").as_of.isoformat() == "2020-11-20"  # type: ignore[union-attr]
    assert projection_for(contest, "before") is None


def test_bundled_claims_all_have_a_verdict_and_the_pinned_one_is_explained() -> None:
    contest = load_bundled()
    results = evaluate(contest, contest.timeline)
    assert len(results) == len(contest.model.claims) > 40
    verdicts = {result.id: result.verdict for result in results}
    assert set(verdicts.values()) <= {"consistent", "inconsistent"}
    assert [claim for claim, v in verdicts.items() if v != "consistent"] == [
        "s000-margin",
        "s002-fifth-district-six-weeks",
    ]
    by_id = {result.id: result for result in results}
    margin = by_id["s000-margin"]
    assert (margin.expect, margin.computed, margin.interval.text) == (
        "inconsistent",
        "12284",
        "[11880, 12120]",
    )
    assert margin.note is not None and margin.note.startswith("The audit margin")
    # SPEC's worked examples on the certified tally
    assert by_id["s001-margin-votes"].computed == "12670"
    assert by_id["s001-margin-percent"].computed == "0.2535"
    assert by_id["s001-jorgensen-votes"].computed == "62138"
    assert by_id["s002-margin-percent"].computed == "0.2825"
    # the article's "about six weeks" is 33 days, pinned with its note
    weeks = by_id["s002-fifth-district-six-weeks"]
    assert (weeks.expect, weeks.computed, weeks.interval.text) == (
        "inconsistent",
        "4.7143",
        "[5.7, 6.3] weeks",
    )
    assert by_id["s002-two-business-days"].computed_text == "2 business days"
    assert by_id["s001-electors-deadline-5pm-saturday"].computed_text == (
        "17:00 on Saturday (2020-11-21)"
    )


# A source dated 2020-11-20 without a time, with the certified tally of 16:00
# that day: the claim may mean the audit tally (the latest before that day) or
# the certified one.
@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        # holds for the audit tally: as before, no word about the day
        ("metric: votes, candidate: Ann, stated: '500'",
         ("consistent", "500", "tally audit (by date)", None)),
        # holds for the certified tally of that day only
        ("metric: votes, candidate: Ann, stated: '502'",
         ("consistent", "502", "tally certified (by date)",
          "paper gives 2020-11-20 without a time; of the tallies that day could"
          " mean (audit, certified), it holds for certified, not for audit")),
        # holds for none of them
        ("metric: votes, candidate: Ann, stated: '512'",
         ("inconsistent", "502", "tally certified (by date)",
          "paper gives 2020-11-20 without a time; it holds for none of the"
          " tallies that day could mean (audit: 500; certified: 502)")),
        ("metric: total, stated: '1004'",
         ("consistent", "1004", "tally certified (by date)",
          "paper gives 2020-11-20 without a time; of the tallies that day could"
          " mean (audit, certified), it holds for certified, not for audit")),
        ("metric: leader, stated: Bob",
         ("inconsistent", "Ann", "tally certified (by date)",
          "paper gives 2020-11-20 without a time; it holds for none of the"
          " tallies that day could mean (audit: Ann; certified: Ann)")),
        # a source with a time sees only what was published by then
        ("metric: votes, candidate: Ann, source: early, stated: '502'",
         ("unverifiable", None, "tally unofficial-0900 (by date)",
          "tally unofficial-0900 has no votes for Ann")),
    ],
)  # fmt: skip
def test_a_day_without_a_time_is_judged_against_each_tally_it_could_mean(
    claim: str, expected: tuple[str, str | None, str, str | None], tmp_path: Path
) -> None:
    verdict, computed, _, basis, reason = outcome(verdict_of(tmp_path, claim))
    assert (verdict, computed, basis, reason) == expected


def test_the_only_tally_of_the_day_judges_a_claim_of_that_day(tmp_path: Path) -> None:
    """No tally before the day: the claim was unverifiable; now it is judged."""
    text = BASE.read_text(encoding="utf-8").replace(
        "published: 2020-11-04", "published: 2020-11-11"
    )
    result = verdict_of(
        tmp_path, "metric: total, source: before, stated: '1,100'", base=text
    )
    assert (result.verdict, result.basis.tally, result.basis.day_tallies) == (
        "inconsistent",
        "unofficial-0900",
        ("unofficial-0730", "unofficial-0900"),
    )
