"""`certcli results --format json`: what a results file holds, as a stable object.

    {"format": "certcli-results/1", "file": ..., "input_format": "clarity",
     "election": ..., "timestamp": ..., "contests": [
       {"name": ..., "unit_kind": "county", "units": 75, "total": 462123,
        "choices": [{"name": "Tom Cotton", "votes": 462123}], "notes": [],
        "problems": []}],
     "counts": [{"name": "Ballots cast", "votes": 17716, "units": 13}],
     "problems": []}

A contest's `problems` are what keeps a tally from reading it (each located:
file, line, column 0 for a CSV row, message); `counts` are figures the file
gives that are no contest's (ballots cast, registered voters); the top-level
`problems` are rows of no contest.

Names and the timestamp are written as the file writes them (the JSON encoder
escapes them); votes are integers, summed over every unit and vote type.
`total` is null for a plain table (`csv`), whose number columns need not all be
choices.
"""

from __future__ import annotations

from typing import Any

from certcli.core.errors import Problem
from certcli.core.text import json_text
from certcli.readers.base import FileSummary, contest_total

FORMAT = "certcli-results/1"


def document(summary: FileSummary, file: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "file": file,
        "input_format": summary.format,
        "election": summary.election,
        "timestamp": summary.timestamp,
        "contests": [
            {
                "name": contest.name,
                "unit_kind": contest.unit_kind,
                "units": contest.units,
                "total": contest_total(summary, contest),
                "choices": [
                    {"name": name, "votes": votes} for name, votes in contest.choices
                ],
                "notes": list(contest.notes),
                "problems": [_problem(found) for found in contest.problems],
            }
            for contest in summary.contests
        ],
        "counts": [
            {"name": name, "votes": votes, "units": units}
            for name, votes, units in summary.counts
        ],
        "problems": [_problem(found) for found in summary.problems],
    }


def _problem(found: Problem) -> dict[str, Any]:
    return {
        "file": found.file,
        "line": found.line,
        "column": found.column,
        "message": found.message,
    }


def render(summary: FileSummary, *, file: str) -> str:
    return json_text(document(summary, file)) + "\n"
