"""`certcli margin --format json`: a stable object, documented in
docs/commands/margin.md.

Votes are integers; shares and percents are numbers rounded half-to-even to
six decimal places (every value has at most nine significant digits, so the
number written is exactly that decimal); unknowns are null.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from certcli.core.exact import EXACT
from certcli.core.text import json_text
from certcli.figures.margins import MarginReport, MarginRow
from certcli.figures.recount import RecountVerdict

FORMAT = "certcli-margin/1"
PLACES = Decimal("0.000001")


def number(value: Decimal | None) -> float | None:
    """A decimal as a JSON number of at most six decimals.

    The float is only the carrier: a decimal of at most 15 significant digits
    survives the round trip, so json writes back exactly the rounded decimal.
    """
    if value is None:
        return None
    return float(value.quantize(PLACES, rounding=ROUND_HALF_EVEN, context=EXACT))


def moment(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _verdict(verdict: RecountVerdict) -> dict[str, Any]:
    return {
        "rule": verdict.rule.id,
        "eligible": verdict.eligible,
        "decisive": verdict.decisive,
        "leader": verdict.leader,
        "runner_up": verdict.runner_up,
        "margin_votes": verdict.margin_votes,
        "denominator_votes": verdict.denominator_votes,
        "margin_percent": number(verdict.margin_percent),
        "window_closes": moment(verdict.window_closes),
        "window_closes_on": moment(verdict.window_closes_on),
        "citation": verdict.citation,
        "reason": verdict.reason,
    }


def _row(row: MarginRow) -> dict[str, Any]:
    needed = row.needed
    return {
        "id": row.tally_id,
        "stage": row.stage.value,
        "as_of": moment(row.as_of),
        "source": row.source,
        "partial": row.partial,
        "candidate": {
            "key": row.candidate,
            "votes": row.candidate_votes,
            "share": number(row.candidate_share),
        },
        "opponent": {
            "key": row.opponent,
            "chosen": row.opponent_chosen,
            "votes": row.opponent_votes,
            "share": number(row.opponent_share),
        },
        "total": row.total,
        "margin": {
            "votes": row.margin_votes,
            "percent": number(row.margin_percent),
        },
        "change": {
            "from": row.change_from,
            "votes": row.change_votes,
            "percent_points": number(row.change_percent),
        },
        "votes_needed": None
        if needed is None
        else {
            "trailing": needed.trailing,
            "tied": needed.tied,
            "to_tie": needed.to_tie,
            "to_win": needed.to_win,
            "switched_to_win": needed.switched_to_win,
            "switched_from": needed.switched_from,
        },
        "units_certified": row.units_certified,
        "recount": [_verdict(verdict) for verdict in row.verdicts],
        "remarks": list(row.remarks),
    }


def document(report: MarginReport) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "file": report.file,
        "election": {"id": report.election_id, "title": report.election_title},
        "candidate": {
            "key": report.candidate,
            "name": report.names[report.candidate],
        },
        "opponent": None
        if report.opponent is None
        else {"key": report.opponent, "name": report.names[report.opponent]},
        "rules": [
            {
                "id": rule.id,
                "title": rule.title,
                "trigger": rule.trigger,
                "margin_percent_at_most": number(rule.margin_percent_at_most),
                "margin_votes_at_most": rule.margin_votes_at_most,
                "denominator": rule.denominator,
                "applies_to": rule.applies_to.value,
                "request_window": rule.request_window,
                "citation": rule.citation,
            }
            for rule in report.rules
        ],
        "tallies": [_row(row) for row in report.rows],
    }


def render(report: MarginReport) -> str:
    return json_text(document(report)) + "\n"
