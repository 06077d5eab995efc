"""`certcli scan --format json`: every figure of an article, as a stable object.

    {"format": "certcli-scan/1", "article": ..., "data": ..., "source": ...,
     "published": "2020-11-20", "new_source": null,
     "summary": {"figures": 20, "covered": 17, "uncovered": 1, "unmappable": 2,
                 "stale": 0},
     "notes": [],
     "figures": [{"line": 1, "column": 160, "kind": "leader",
                  "text": "Joe Biden defeated", "stated": "Joe Biden",
                  "sentence": ..., "status": "covered",
                  "claims": [{"id": ..., "metric": "leader",
                              "verdict": "consistent", "computed": "Biden"}],
                  "proposal": null, "reason": null}],
     "stale": [{"id": ..., "quote": ..., "line": 412, "column": 13}]}

For an uncovered figure, `proposal` is the claim as it would be written in the
data file and `claims` holds its verdict (`id` is the proposal's); for an
unmappable one, `reason` says why no claim can state it. `new_source` is the
source to add when the data file has none for the article; `notes` what to
know before trusting the rest (an article that never names the file's
jurisdiction).
"""

from __future__ import annotations

from typing import Any

from certcli.articles.scan import FORMAT, ScanResult
from certcli.claims.findings import ClaimResult
from certcli.core.text import json_text


def _verdict(claim: ClaimResult) -> dict[str, Any]:
    return {
        "id": claim.id,
        "metric": claim.metric,
        "verdict": claim.verdict,
        "computed": claim.computed_text,
        "reason": claim.reason,
    }


def document(result: ScanResult) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "article": result.article,
        "data": result.data,
        "source": result.source,
        "published": result.published.isoformat(),
        "new_source": dict(result.new_source) if result.new_source else None,
        "summary": {
            "figures": len(result.figures),
            "covered": result.count("covered"),
            "uncovered": result.count("uncovered"),
            "unmappable": result.count("unmappable"),
            "stale": len(result.stale),
        },
        "notes": list(result.notes),
        "figures": [
            {
                "line": scanned.line,
                "column": scanned.column,
                "kind": scanned.figure.kind,
                "text": scanned.figure.text,
                "stated": scanned.figure.stated,
                "sentence": scanned.figure.sentence.text,
                "status": scanned.status,
                "claims": [_verdict(claim) for claim in scanned.claims],
                "proposal": dict(scanned.proposal) if scanned.proposal else None,
                "reason": scanned.reason,
            }
            for scanned in result.figures
        ],
        "stale": [
            {
                "id": claim.id,
                "quote": claim.quote,
                "file": claim.file,
                "line": claim.line,
                "column": claim.column,
            }
            for claim in result.stale
        ],
    }


def render(result: ScanResult) -> str:
    return json_text(document(result)) + "\n"
