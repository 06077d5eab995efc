"""`certcli results --format json`: what a results file holds, as a stable object.

    {"format": "certcli-results/1", "file": ..., "input_format": "clarity",
     "election": ..., "timestamp": ..., "contests": [
       {"name": ..., "unit_kind": "county", "units": 75, "total": 462123,
        "choices": [{"name": "Tom Cotton", "votes": 462123}], "notes": []}]}

Names and the timestamp are written as the file writes them (the JSON encoder
escapes them); votes are integers, summed over every unit and vote type.
`total` is null for a plain table (`csv`), whose number columns need not all be
choices.
"""

from __future__ import annotations

import json
from typing import Any

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
            }
            for contest in summary.contests
        ],
    }


def render(summary: FileSummary, *, file: str) -> str:
    return json.dumps(document(summary, file), indent=2, ensure_ascii=False) + "\n"
