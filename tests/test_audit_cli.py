"""`certcli audit` from the command line: exit code, stdout and stderr together."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.commands import BUNDLED_NOTICE
from certcli.render.formats import AUDIT_FORMATS
from conftest import Run

GOOD = Path(__file__).parent / "data" / "good"
ARLO = GOOD / "audit-600-400.yaml"
Certcli = Callable[..., Run]

ARLO_TABLE = """\
A contest of 600 votes to 400
BRAVO ballot-polling audit of tally canvass (certified, 2024-11-12): the latest
tally with votes per candidate; ballots as the tally states them.

At a 10 % risk limit and a margin of 20 % of ballots, a ballot-polling audit
expects to examine 119 ballots; for a 90 % chance of finishing in one round, 351
— 35 % of all ballots; Arlo's rule does not call for a full hand count: 1,000
ballots were cast, not more than 100,000.

Figure                        Ballots   Of all   Chance of one round
────────────────────────────────────────────────────────────────────
Ballots cast                    1,000    100 %
Average sample number (ASN)       119     12 %                  52 %
One round, 70 % chance            184     18 %                  70 %
One round, 80 % chance            244     24 %                  80 %
One round, 90 % chance            351     35 %                  90 %

Winner / other       Votes       Share   ASN   70 %   80 %   90 %
─────────────────────────────────────────────────────────────────
Ann / Bob        600 / 400   60.0000 %   119    184    244    351

Full hand count: no, because 1,000 ballots were cast, not more than 100,000.

Method
BRAVO (Lindeman & Stark, 2012) as VotingWorks' Arlo computes it: the winner
against every other candidate with votes; each figure is the largest over those
pairs; Share is the winner's part of the pair's votes. Arlo's rule: a full hand
count when the contest is tied, the risk limit is 0, or more than 100,000
ballots were cast and the 90 % sample is at least 25 % of them; and, in any
contest, when the 90 % sample or the expected sample (ASN) is at least every
ballot cast.
"""


def test_arlo_contest_table(certcli: Certcli) -> None:
    assert certcli("audit", "--data", ARLO) == Run(0, ARLO_TABLE, "")


def test_arlo_contest_json(certcli: Certcli) -> None:
    run = certcli("audit", "--data", ARLO, "-f", "json")
    assert (run.code, run.err) == (0, "")
    document = json.loads(run.out)
    assert list(document) == [
        "format",
        "file",
        "election",
        "tally",
        "risk_limit",
        "ballots",
        "ballots_from",
        "winner",
        "runner_up",
        "margin",
        "pairs",
        "asn",
        "one_round",
        "full_hand_count",
        "rule",
        "reason",
    ]
    assert document["format"] == "certcli-audit/1"
    assert document["tally"]["id"] == "canvass"
    assert (document["risk_limit"], document["ballots"]) == (10, 1000)
    assert document["ballots_from"] == "ballots"
    assert document["winner"] == {"key": "Ann", "name": "Ann Archer", "votes": 600}
    assert document["margin"] == {"votes": 200, "percent_of_ballots": 20.0}
    assert document["asn"] == {"ballots": 119, "probability": 0.52}
    assert document["one_round"] == [
        {"probability": 0.7, "ballots": 184},
        {"probability": 0.8, "ballots": 244},
        {"probability": 0.9, "ballots": 351},
    ]
    assert document["pairs"] == [
        {
            "winner": "Ann",
            "loser": "Bob",
            "winner_votes": 600,
            "loser_votes": 400,
            "winner_share_of_pair": 0.6,
            "asn": {"ballots": 119, "probability": 0.52},
            "one_round": document["one_round"],
        }
    ]
    assert (document["full_hand_count"], document["rule"]) == (False, None)


def test_measured_risk_in_json(certcli: Certcli) -> None:
    run = certcli(
        "audit",
        "--data",
        ARLO,
        "-f",
        "json",
        "--sampled",
        "ann=72",
        "--sampled",
        "Bob Baker=47",
    )
    risk = json.loads(run.out)["risk"]
    assert risk["sampled"] == {"Ann": 72, "Bob": 47}
    assert risk["may_stop"] is True
    [pair] = risk["pairs"]
    assert (pair["sampled_winner"], pair["sampled_loser"]) == (72, 47)
    assert round(pair["risk"], 4) == 0.0714


def test_measured_risk_in_the_table(certcli: Certcli) -> None:
    run = certcli("audit", "--data", ARLO, "--sampled", "Ann=30", "--sampled", "Bob=25")
    assert run.code == 0
    section = run.out[run.out.index("Measured risk") : run.out.index("\nMethod")]
    assert section == (
        "Measured risk of the sample\n"
        "Sampled: Ann 30, Bob 25.\n"
        "Winner / other   Sampled    Risk   At most 10 %\n"
        "───────────────────────────────────────────────\n"
        "Ann / Bob        30 / 25   100 %             no\n"
        "The audit may not stop yet: the risk exceeds 10 % for at least one pair.\n"
    )


def test_a_risk_below_the_default_decimal_range_is_not_shown_as_0(
    certcli: Certcli,
) -> None:
    sample = ("--sampled", "Biden=4000000", "--sampled", "Trump=900000")
    run = certcli("audit", "--tally", "arlo-2020-11-11", *sample)
    assert run.code == 0
    assert (
        "Biden / Jorgensen         4,000,000 / 0   4.81e-1161046 %            yes\n"
    ) in run.out


def test_bundled_georgia_explains_the_full_hand_count(certcli: Certcli) -> None:
    run = certcli("audit", "--tally", "arlo-2020-11-11")
    assert (run.code, run.err) == (0, BUNDLED_NOTICE)
    assert (
        "At a 10 % risk limit and a margin of 0.28 % of ballots, a ballot-polling"
        " audit expects to examine 573,956 ballots; for a 90 % chance of finishing"
        " in one round, 1,780,697 — 36 % of all ballots, so Arlo's rule calls for a"
        " full hand count."
    ) in " ".join(run.out.split())


def test_bundled_default_is_the_certified_tally(certcli: Certcli) -> None:
    document = json.loads(certcli("audit", "-f", "json").out)
    assert document["tally"]["id"] == "certified-2020-11-20"
    assert (document["full_hand_count"], document["rule"]) == (True, "large_sample")


@pytest.mark.parametrize("format_", AUDIT_FORMATS)
def test_every_format_is_wired(certcli: Certcli, format_: str) -> None:
    run = certcli("audit", "--data", ARLO, "-f", format_)
    assert (run.code, run.err) == (0, "")
    assert "351" in run.out


def test_output_file(certcli: Certcli, tmp_path: Path) -> None:
    target = tmp_path / "audit.json"
    assert certcli("audit", "--data", ARLO, "-f", "json", "-o", target) == Run(
        0, "", ""
    )
    assert json.loads(target.read_text())["asn"]["ballots"] == 119


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--risk-limit", "100"],
            "Error: Invalid value for '--risk-limit': '100' is outside 0 to 100: a"
            " risk limit is a percentage of at least 0 and under 100",
        ),
        (
            ["--risk-limit", "-1"],
            "Error: Invalid value for '--risk-limit': '-1' is outside 0 to 100: a"
            " risk limit is a percentage of at least 0 and under 100",
        ),
        (
            ["--risk-limit", "ten"],
            "Error: Invalid value for '--risk-limit': 'ten' is not a number of"
            " percent, e.g. 10",
        ),
        (
            ["--sampled", "Ann"],
            "Error: Invalid value for '--sampled': 'Ann' is not NAME=N with a whole"
            " number N ≥ 0, e.g. Biden=2923",
        ),
        (
            ["--sampled", "Ann=-3"],
            "Error: Invalid value for '--sampled': 'Ann=-3' is not NAME=N with a"
            " whole number N ≥ 0, e.g. Biden=2923",
        ),
        (
            ["--sampled", "Zed=3"],
            "Error: unknown candidate 'Zed'; candidates: Ann (Ann Archer), Bob (Bob"
            " Baker), Cy (Cy Cole)",
        ),
        (["--tally", "nope"], "Error: unknown tally 'nope'; tallies: canvass"),
        (
            ["--sampled", "Ann=600", "--sampled", "Bob=401"],
            "Error: --sampled adds up to 1,001 ballots, more than the 1,000 ballots"
            " cast in tally canvass",
        ),
    ],
)
def test_usage_errors(certcli: Certcli, args: list[str], message: str) -> None:
    run = certcli("audit", "--data", ARLO, *args)
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines()[-1] == message


def test_a_risk_limit_of_zero_is_a_full_hand_count(certcli: Certcli) -> None:
    run = certcli("audit", "--data", ARLO, "--risk-limit", "0%")
    assert run.code == 0
    assert (
        "A risk limit of 0 % accepts no risk, which only a full hand count gives."
        in run.out
    )


def test_data_text_is_shown_not_obeyed(certcli: Certcli, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    text = ARLO.read_text(encoding="utf-8").replace(
        "title: A contest of 600 votes to 400",
        'title: "[bold]Mayor\\e]0;pwned\\a \\u202e"',
    )
    hostile.write_text(text, encoding="utf-8")
    run = certcli("audit", "--data", hostile, "--color", "always")
    assert run.code == 0
    assert "\x1b]" not in run.out and "\u202e" not in run.out and "\a" not in run.out
    assert "[bold]Mayor\\x1b]0;pwned\\x07 U+202E" in run.out


def test_claims_of_sample_sizes_are_checked(certcli: Certcli) -> None:
    run = certcli("check", ARLO, "-f", "json")
    assert run.code == 0
    claims = {claim["id"]: claim for claim in json.loads(run.out)["claims"]}
    assert {key: claim["verdict"] for key, claim in claims.items()} == {
        "ninety-percent-sample": "consistent",
        "expected-sample": "consistent",
        "stricter-limit": "inconsistent",
    }
    assert claims["stricter-limit"]["computed"] == "402"


EDGES = """\
format: certcli/1
election: {id: z, title: Z, jurisdiction: Z, office: Mayor,
           election_day: 2024-11-05, timezone: UTC, calendar: {country: US}}
candidates: {A: {name: Ann}, B: {name: Bob}}
sources: {s: {title: S, published: 2024-11-09}}
tallies:
  - {id: tie, stage: certified, as_of: 2024-11-07, source: s,
     votes: {A: 5, B: 5}, ballots: 12}
  - {id: solo, stage: certified, as_of: 2024-11-08, source: s,
     votes: {A: 5, B: 0}}
claims:
  - {id: tie-sample, source: s, quote: q, metric: audit_sample_size,
     tally: tie, stated: "10"}
  - {id: solo-asn, source: s, quote: q, metric: audit_sample_size,
     probability: asn, stated: "1"}
"""


def test_one_candidate_with_votes_has_no_pair_to_measure(
    certcli: Certcli, tmp_path: Path
) -> None:
    path = tmp_path / "edges.yaml"
    path.write_text(EDGES, encoding="utf-8")
    run = certcli("audit", "--data", path, "--tally", "solo", "--sampled", "ann=3")
    assert run.code == 0
    assert run.out[run.out.index("Measured") : run.out.index("\nMethod")] == (
        "Measured risk of the sample\n"
        "Sampled: A 3.\n"
        "There is no pair to measure: no candidate but A has votes, so there is no\n"
        "outcome to confirm.\n"
    )


def test_claims_on_a_tie_or_one_candidate_are_unverifiable(
    certcli: Certcli, tmp_path: Path
) -> None:
    path = tmp_path / "edges.yaml"
    path.write_text(EDGES, encoding="utf-8")
    run = certcli("check", path, "-f", "json")
    reasons = {claim["id"]: claim["reason"] for claim in json.loads(run.out)["claims"]}
    assert reasons == {
        "tie-sample": "tally tie: A and B are tied: no sample can confirm a winner,"
        " so only a full hand count decides",
        "solo-asn": "tally solo: no candidate but A has votes, so there is no"
        " outcome to confirm",
    }
    assert run.code == 0


def test_units_in_json_and_table(certcli: Certcli) -> None:
    document = json.loads(certcli("audit", "-f", "json").out)
    assert document["unit_kind"] == "county"
    appling = document["units"][0]
    assert appling["name"] == "Appling"
    assert sum(unit["asn"] for unit in document["units"]) == document["asn"]["ballots"]
    assert [size["probability"] for size in appling["one_round"]] == [0.7, 0.8, 0.9]
    table = certcli("audit").out
    assert "Expected sample per county" in table
    assert "units" not in json.loads(certcli("audit", "--data", ARLO, "-f", "json").out)


def test_a_sample_larger_than_the_contest_is_said_in_words(
    certcli: Certcli, tmp_path: Path
) -> None:
    data = ARLO.read_text()
    path = tmp_path / "close.yaml"
    path.write_text(data.replace("Ann: 600, Bob: 400", "Ann: 510, Bob: 490"))
    run = certcli("audit", "--data", str(path))
    assert run.code == 0
    assert "no sample can be that large, so only a full hand count" in " ".join(
        run.out.split()
    )


@pytest.mark.parametrize("columns", ["60", "80"])
def test_prose_wraps_at_the_width_asked_for_and_tables_keep_their_figures(
    certcli: Certcli, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    run = certcli("audit", "--color", "never")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    rows = [line for line in lines if "  " in line.strip() or "─" in line]
    prose = [line for line in lines if line not in rows]
    assert prose and max(map(len, prose)) <= int(columns)
    assert any(len(row) > int(columns) for row in rows)  # the widest table
    assert "…" not in run.out  # no figure cut short
