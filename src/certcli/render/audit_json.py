"""`certcli audit --format json`: a stable object, documented in docs/commands/audit.md.

Ballot counts are integers; the risk limit is a number of percent; shares,
probabilities and risks are numbers (a risk below 10^-300 is written as 0).
The figures are given also when a full hand count is called for: they are the
reason for it. Without `--sampled` there is no `risk` key; without reporting
units on the tally, no `unit_kind` and `units`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from certcli.audit.bravo import Audit, OneRound, Pair
from certcli.audit.report import AuditReport
from certcli.core.text import json_text

FORMAT = "certcli-audit/1"
PLACES = Decimal("0.000001")


def number(value: Decimal) -> int | float:
    """A whole decimal as an integer, any other as a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def share(value: Decimal) -> float:
    """A share rounded half-to-even to six decimals."""
    return float(value.quantize(PLACES, rounding=ROUND_HALF_EVEN))


def _sizes(sizes: tuple[OneRound, ...]) -> list[dict[str, Any]]:
    return [
        {"probability": float(size.probability), "ballots": size.ballots}
        for size in sizes
    ]


def _asn(ballots: int | None, probability: Decimal | None) -> dict[str, Any] | None:
    if ballots is None:
        return None
    chance = None if probability is None else float(probability)
    return {"ballots": ballots, "probability": chance}


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "winner": pair.winner,
        "loser": pair.loser,
        "winner_votes": pair.winner_votes,
        "loser_votes": pair.loser_votes,
        "winner_share_of_pair": share(pair.winner_share),
        "asn": _asn(pair.asn, pair.asn_probability),
        "one_round": _sizes(pair.one_round),
    }


def _candidate(report: AuditReport, key: str | None) -> dict[str, Any] | None:
    if key is None:
        return None
    return {
        "key": key,
        "name": report.names.get(key, key),
        "votes": report.tally.votes[key],
    }


def _risk(audit: Audit) -> dict[str, Any]:
    return {
        "sampled": dict(audit.sampled or {}),
        "pairs": [
            {
                "winner": pair.winner,
                "loser": pair.loser,
                "sampled_winner": pair.risk.sampled_winner,
                "sampled_loser": pair.risk.sampled_loser,
                "risk": float(pair.risk.risk),
                "within_limit": pair.risk.within_limit,
            }
            for pair in audit.pairs
            if pair.risk is not None
        ],
        "may_stop": audit.may_stop,
    }


def document(report: AuditReport) -> dict[str, Any]:
    audit = report.audit
    tally = report.tally
    margin = audit.margin_percent
    result: dict[str, Any] = {
        "format": FORMAT,
        "file": report.file,
        "election": {"id": report.election_id, "title": report.election_title},
        "tally": {
            "id": tally.id,
            "stage": tally.stage.value,
            "as_of": tally.as_of.isoformat(),
            "source": tally.source,
            "chosen_because": report.chosen_because,
        },
        "risk_limit": number(audit.risk_limit),
        "ballots": audit.ballots,
        "ballots_from": "ballots" if report.ballots_stated else "total",
        "winner": _candidate(report, audit.winner),
        "runner_up": _candidate(report, audit.runner_up),
        "margin": {
            "votes": audit.margin_votes,
            "percent_of_ballots": None if margin is None else share(margin),
        },
        "pairs": [_pair(pair) for pair in audit.pairs],
        "asn": _asn(audit.asn, audit.asn_probability),
        "one_round": _sizes(audit.one_round),
        "full_hand_count": audit.full_hand_count,
        "rule": audit.rule,
        "reason": audit.reason,
    }
    if audit.sampled is not None:
        result["risk"] = _risk(audit)
    if report.unit_kind is not None:
        result["unit_kind"] = report.unit_kind
        result["units"] = [
            {
                "name": unit.name,
                "ballots": unit.ballots,
                "asn": unit.asn,
                "one_round": _sizes(unit.one_round),
            }
            for unit in report.units
        ]
    return result


def render(report: AuditReport) -> str:
    return json_text(document(report)) + "\n"
