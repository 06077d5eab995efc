"""`certcli check --format sarif`: a SARIF 2.1.0 log (GitHub code scanning).

One run with certcli as the driver, every rule of `certcli.checks` as a
reporting descriptor (its docstring as help, `helpUri` its entry in the
manual's rules page), one result per finding located by a URI relative to the
repository root (`uriBaseId` "%SRCROOT%"), and the data errors of files that
could not be checked as tool execution notifications (`executionSuccessful` is
then false). No absolute path or time stamp is written, so the same input
gives the same log.

Code scanning keeps one alert per fingerprint: each result's
`partialFingerprints.primaryLocationLineHash` is a hash of the rule, the file
and the subject (claim, event, tally or rule id) with the occurrence number
among results that share them, never the line, so that an edit above a
finding or a re-upload does not open a second alert. A `claim-pinned` notice
is left out: a verdict the file's authors accepted is not an alert to open.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from certcli import DOCS
from certcli.claims.findings import Finding, Report, RuleInfo, Severity, artifact_uri
from certcli.core.text import json_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/certcli/"
SRCROOT = "%SRCROOT%"
# Findings that open no alert: the verdict is one the file's authors accepted.
NOT_ALERTS = frozenset({"claim-pinned"})
_LEVELS = {
    Severity.error: "error",
    Severity.warning: "warning",
    Severity.notice: "note",
}


def render(report: Report) -> str:
    return json_text(as_data(report)) + "\n"


def as_data(report: Report) -> dict[str, Any]:
    uris = {file.file: artifact_uri(file.relative) for file in report.files}
    index = {info.id: i for i, info in enumerate(report.rules)}
    rules = [
        {
            "id": info.id,
            "name": "".join(word.title() for word in info.id.split("-")),
            "shortDescription": {"text": info.summary},
            "fullDescription": {"text": info.help},
            "help": {"text": info.help, "markdown": help_markdown(info)},
            "helpUri": help_uri(info.id),
            "defaultConfiguration": {"level": _LEVELS[info.severity]},
        }
        for info in report.rules
    ]
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for finding in report.findings:
        if finding.rule in NOT_ALERTS:
            continue
        uri = uris.get(finding.file, finding.file)
        seen[finding.rule, uri, finding.subject] += 1
        occurrence = seen[finding.rule, uri, finding.subject]
        results.append(_result(finding, uri, index, occurrence))
    notifications = [
        {
            "level": "error",
            "message": {
                "text": f"{problem.path}: {problem.message}"
                if problem.path
                else problem.message
            },
            "locations": [
                _location(
                    uris.get(problem.file, problem.file), problem.line, problem.column
                )
            ],
        }
        for problem in report.problems
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "certcli",
                        "version": report.version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "artifacts": [
                    {"location": _artifact(artifact_uri(file.relative))}
                    for file in report.files
                ],
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def help_uri(rule: str) -> str:
    """The rule's row on the manual's rules page (an anchor in its first cell)."""
    return f"{DOCS}rules.html#rule-{rule}"


def help_markdown(info: RuleInfo) -> str:
    """The rule's docstring (written in Markdown) and a link to the manual."""
    return f"{info.help}\n\n[certcli manual: `{info.id}`]({help_uri(info.id)})"


def fingerprint(rule: str, uri: str, subject: str, occurrence: int) -> str:
    """Stable across edits that move a finding: no line, no message."""
    facts = "\0".join((rule, uri, subject)).encode("utf-8")
    return f"{hashlib.sha256(facts).hexdigest()[:32]}:{occurrence}"


def _artifact(uri: str) -> dict[str, Any]:
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _location(uri: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": _artifact(uri),
            # A table's row (column 0) is a region of whole lines.
            "region": {
                "startLine": line,
                **({"startColumn": column} if column else {}),
            },
        }
    }


def _result(
    finding: Finding, uri: str, index: dict[str, int], occurrence: int
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result |= {
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(uri, finding.line, finding.column)],
        "partialFingerprints": {
            "primaryLocationLineHash": fingerprint(
                finding.rule, uri, finding.subject, occurrence
            )
        },
        "properties": {"subject": finding.subject},
    }
    return result
