"""`certcli margin --by unit --format json`: one object, a `units` list in it.

    {"version": 1, "election": {...}, "tally", "from_tally", "kind", "results",
     "notes": [the results file's notes on the contest],
     "candidate", "opponent", "candidates": [...],
     "summary": {"units", "led", "changed", "flipped", "net_change",
                 "only_in_tally", "only_in_from_tally"},
     "units": [{"unit", "votes": {KEY: n}, "total", "margin", "margin_percent",
                "leader", "code", "change": {"votes": {KEY: n}, "total", "margin",
                "margin_percent", "changed", "flipped", "leader_before"}}]}

Votes are integers; percents are numbers rounded half-to-even to 6 decimal
places, as in `certcli margin -f json`. `change` is there with `--from` only,
null for a unit the earlier tally lacks. `code` is there when the results
file gives the unit a code (a county's FIPS code in the lab's county returns).
"""

from __future__ import annotations

from typing import Any

from certcli.core.text import json_text
from certcli.figures.by_unit import UnitMarginReport, UnitRow
from certcli.render.margin_json import number

VERSION = 1


def _unit(row: UnitRow, with_change: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": row.unit,
        "votes": row.votes,
        "total": row.total,
        "margin": row.margin,
        "margin_percent": number(row.margin_percent),
        "leader": row.leader,
    }
    if row.code is not None:
        data["code"] = row.code
    if with_change:
        change = row.change
        data["change"] = (
            None
            if change is None
            else {
                "votes": change.votes,
                "total": change.total,
                "margin": change.margin,
                "margin_percent": number(change.margin_percent),
                "changed": change.changed,
                "flipped": change.flipped,
                "leader_before": change.leader_before,
            }
        )
    return data


def render(report: UnitMarginReport) -> str:
    with_change = report.from_tally is not None
    data = {
        "version": VERSION,
        "election": {"id": report.election_id, "title": report.election_title},
        "file": report.file,
        "tally": report.tally_id,
        "from_tally": report.from_tally,
        "kind": report.kind,
        "results": report.results,
        "notes": list(report.notes),
        "candidate": report.candidate,
        "opponent": report.opponent,
        "candidates": list(report.candidates),
        "summary": {
            "units": report.units,
            "led": report.led,
            "changed": report.changed,
            "flipped": report.flipped,
            "net_change": report.net_change,
            "only_in_tally": list(report.only_now),
            "only_in_from_tally": list(report.only_before),
        },
        "units": [_unit(row, with_change) for row in report.rows],
    }
    return json_text(data) + "\n"
