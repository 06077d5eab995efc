"""`certcli check --format json`: the report as one stable JSON object.

Layout (format certcli-check/1; documented in docs/commands/check.md):

    {"format": "certcli-check/1", "version": 1, "certcli": "0.1.0",
     "as_of": "2020-11-22",
     "summary": {...counts..., "fail_on": "error", "exit_code": 0},
     "files": [{"file", "uri", "checked", "claims", "findings", "problems": [...],
                "units": [{"tally", "kind", "units", "results"}]}],
     "claims": [{"file", "line", "column", "id", "metric", "source", "quote",
                 "stated", "verdict", "expect", "computed", "interval",
                 "subject", "basis", "reason", "note"}],
     "findings": [{"rule", "severity", "file", "line", "column", "subject",
                   "message"}]}

Numbers that come from decimal arithmetic (computed values, interval ends)
are strings, so that no reader's float parsing changes them. The object is
indented by two spaces, with each claim and each finding on one line: easy to
read and to grep, and encoded by the json module's C encoder (which it uses only
without indentation), so a report of many thousand claims is written quickly.
"""

from __future__ import annotations

import json
from typing import Any

from certcli.claims.findings import REPORT_VERSION, ClaimResult, Finding, Report
from certcli.core.text import json_safe

FORMAT = f"certcli-check/{REPORT_VERSION}"
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
_LISTED = frozenset({"claims", "findings"})


def render(report: Report) -> str:
    return layout(as_data(report))


def layout(data: dict[str, Any]) -> str:
    """JSON text of `data`, its claims and findings one to a line, with no
    character that could drive a terminal (`json_safe`)."""
    members = []
    for key, value in data.items():
        name = json.dumps(key)
        if key in _LISTED and value:
            items = ",\n    ".join(_ONE_LINE(item) for item in value)
            members.append(f"  {name}: [\n    {items}\n  ]")
        else:
            text = json.dumps(value, indent=2, ensure_ascii=False)
            members.append(f"  {name}: " + text.replace("\n", "\n  "))
    return json_safe("{\n" + ",\n".join(members) + "\n}\n")


def as_data(report: Report) -> dict[str, Any]:
    summary = report.summary
    return {
        "format": FORMAT,
        "version": REPORT_VERSION,
        "certcli": report.version,
        "as_of": None if report.as_of is None else report.as_of.isoformat(),
        "summary": {
            **vars(summary),
            "fail_on": report.fail_on_name,
            "exit_code": report.exit_code,
        },
        "files": [
            {
                "file": file.file,
                "checked": file.checked,
                "claims": len(file.claims),
                "findings": len(file.findings),
                "problems": [
                    {
                        "line": problem.line,
                        "column": problem.column,
                        "path": problem.path,
                        "message": problem.message,
                    }
                    for problem in file.problems
                ],
                "units": [
                    {
                        "tally": info.tally,
                        "kind": info.kind,
                        "units": info.units,
                        "results": info.results,
                    }
                    for info in file.units
                ],
            }
            for file in report.files
        ],
        "claims": [_claim(claim) for claim in report.claims],
        "findings": [_finding(finding) for finding in report.findings],
    }


def _claim(claim: ClaimResult) -> dict[str, Any]:
    basis = {
        key: value
        for key, value in vars(claim.basis).items()
        if value not in (None, ()) and key != "tally_defaulted"
    }
    if claim.basis.tally is not None:
        basis["tally_defaulted"] = claim.basis.tally_defaulted
    return {
        "file": claim.file,
        "line": claim.line,
        "column": claim.column,
        "id": claim.id,
        "metric": claim.metric,
        "source": claim.source,
        "quote": claim.quote,
        "stated": claim.stated,
        "verdict": claim.verdict,
        "expect": claim.expect,
        "computed": claim.computed,
        "day": claim.day,
        "time_unit": claim.time_unit,
        "interval": dict(vars(claim.interval)),
        "subject": claim.subject,
        "basis": basis,
        "reason": claim.reason,
        "hint": claim.hint,
        "note": claim.note,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "subject": finding.subject,
        "message": finding.message,
    }
