"""`certcli check --format sarif`: a SARIF 2.1.0 log (GitHub code scanning).

One run with certcli as the driver, every rule of `certcli.checks` as a
reporting descriptor (its docstring as help), one result per finding located
by a URI relative to the working directory (`uriBaseId` "%SRCROOT%"), and the
data errors of files that could not be checked as tool execution
notifications (`executionSuccessful` is then false). No absolute path or time
stamp is written, so the same input gives the same log.
"""

from __future__ import annotations

import json
from typing import Any

from certcli.findings import Finding, Report, Severity, artifact_uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/certcli/"
SRCROOT = "%SRCROOT%"
_LEVELS = {
    Severity.error: "error",
    Severity.warning: "warning",
    Severity.notice: "note",
}


def render(report: Report) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"


def as_data(report: Report) -> dict[str, Any]:
    uris = {file.file: artifact_uri(file.relative) for file in report.files}
    index = {info.id: i for i, info in enumerate(report.rules)}
    rules = [
        {
            "id": info.id,
            "name": "".join(word.title() for word in info.id.split("-")),
            "shortDescription": {"text": info.summary},
            "fullDescription": {"text": info.help},
            "help": {"text": info.help, "markdown": info.help},
            "defaultConfiguration": {"level": _LEVELS[info.severity]},
        }
        for info in report.rules
    ]
    results = [_result(finding, uris, index) for finding in report.findings]
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


def _artifact(uri: str) -> dict[str, Any]:
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _location(uri: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": _artifact(uri),
            "region": {"startLine": line, "startColumn": column},
        }
    }


def _result(
    finding: Finding, uris: dict[str, str], index: dict[str, int]
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result |= {
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            _location(
                uris.get(finding.file, finding.file), finding.line, finding.column
            )
        ],
        "properties": {"subject": finding.subject},
    }
    return result
