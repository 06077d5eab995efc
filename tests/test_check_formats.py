"""Every `certcli check` format on one hand-built report, exact output inline."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from certcli.claims.findings import (
    Basis,
    Bounds,
    ClaimResult,
    FileReport,
    Finding,
    Report,
    RuleInfo,
    Severity,
    artifact_uri,
    path_base,
    relative_path,
)
from certcli.core.errors import Problem
from certcli.render import check_github, check_json, check_sarif, check_text
from certcli.render.formats import CHECK_FORMATS, CHECK_RENDERERS, renderer

SARIF_SCHEMA = Path(__file__).parent / "sarif-schema-2.1.0.json"
HOME = "https://certcli.github.io/certcli/rules.html"


def sample(fail_on: Severity = Severity.error) -> Report:
    claims = (
        ClaimResult(
            file="data/ga.yaml",
            line=40,
            column=13,
            id="s1-votes",
            metric="votes",
            source="seed-1",
            quote="Jorgensen with 62,183",
            stated="62,183",
            verdict="inconsistent",
            computed="62138",
            interval=Bounds("= 62183", "62183", "62183"),
            basis=Basis(tally="certified"),
            expect=None,
            note=None,
            subject="votes of Jorgensen",
        ),
        ClaimResult(
            file="data/ga.yaml",
            line=47,
            column=13,
            id="s1-friday",
            metric="weekday",
            source="seed-1",
            quote="on Friday [draft]",
            stated="Friday",
            verdict="consistent",
            computed="Friday",
            interval=Bounds("= Friday", "Friday", "Friday"),
            basis=Basis(event="certification"),
            expect=None,
            note=None,
            subject="weekday of certification",
            day="2020-11-20",
        ),
        ClaimResult(
            file="data/ga.yaml",
            line=54,
            column=13,
            id="s1-share",
            metric="share",
            source="seed-1",
            quote="half",
            stated="50%",
            verdict="unverifiable",
            computed=None,
            interval=Bounds("= 50", "50", "50"),
            basis=Basis(tally="partial", tally_defaulted=True),
            expect="unverifiable",
            note="Only a margin that morning.",
            reason="tally partial has no votes for Ann",
            subject="share of Ann",
        ),
    )
    findings = (
        Finding(
            "claim-inconsistent",
            Severity.error,
            "data/ga.yaml",
            40,
            13,
            "s1-votes",
            'votes of Jorgensen: stated "62,183" (= 62183), computed 62138'
            " (tally certified)",
        ),
        Finding(
            "claim-pinned",
            Severity.notice,
            "data/ga.yaml",
            54,
            13,
            "s1-share",
            "100% sure: it says\nso, [bold]really[/bold]",
        ),
        Finding(
            "tally-order",
            Severity.warning,
            "data/ga.yaml",
            20,
            12,
            "audit",
            "audit is as of 2020-11-11, earlier than early",
        ),
    )
    return Report(
        files=(
            FileReport(
                "broken.yaml",
                "broken.yaml",
                problems=(
                    Problem(
                        "broken.yaml",
                        3,
                        13,
                        "election.timezone",
                        "unknown IANA time zone 'Mars/Base'",
                    ),
                ),
            ),
            FileReport("data/ga.yaml", "data/ga.yaml", claims, findings),
        ),
        fail_on=fail_on,
        version="9.9.9",
        as_of=date(2020, 11, 22),
        rules=(
            RuleInfo(
                "claim-inconsistent",
                Severity.error,
                "A claim is off.",
                "A claim is off.\n\nFix it.",
            ),
            RuleInfo("claim-pinned", Severity.notice, "As pinned.", "As pinned."),
            RuleInfo("tally-order", Severity.warning, "Out of order.", "Out of order."),
        ),
    )


def clean(fail_on: Severity = Severity.error) -> Report:
    """The sample without its broken file: exit codes 0 or 1 only."""
    full = sample(fail_on)
    return Report(full.files[1:], full.fail_on, full.version, full.rules)


def test_every_format_is_wired() -> None:
    assert ("auto", *CHECK_RENDERERS) == CHECK_FORMATS
    for name in CHECK_RENDERERS:
        assert callable(renderer(CHECK_RENDERERS, name))


def test_sorted_findings_and_summary() -> None:
    report = sample()
    assert [(f.line, f.rule) for f in report.findings] == [
        (20, "tally-order"),
        (40, "claim-inconsistent"),
        (54, "claim-pinned"),
    ]
    summary = report.summary
    assert (summary.files, summary.data_errors, summary.claims) == (2, 1, 3)
    assert (summary.errors, summary.warnings, summary.notices) == (1, 1, 1)


@pytest.mark.parametrize(
    ("report", "code"),
    [
        (sample(), 2),
        (clean(), 1),
        (clean(Severity.warning), 1),
        (Report((clean().files[0].__class__("x.yaml", "x.yaml"),)), 0),
    ],
)
def test_exit_code(report: Report, code: int) -> None:
    assert report.exit_code == code


def test_exit_code_counts_only_findings_at_or_above_fail_on() -> None:
    only_warning = Report(
        (
            FileReport(
                "a.yaml",
                "a.yaml",
                findings=(Finding("x", Severity.warning, "a.yaml", 1, 1, "s", "m"),),
            ),
        )
    )
    assert only_warning.exit_code == 0
    assert Report(only_warning.files, Severity.warning).exit_code == 1


TEXT = """\
broken.yaml
  not checked: 1 data error (listed on stderr)

data/ga.yaml
 inconsistent s1-votes  votes of Jorgensen, tally certified
              stated "62,183" = 62183, computed 62138
              seed-1: “Jorgensen with 62,183”
 consistent   s1-friday  weekday of certification
              stated "Friday" = Friday, computed Friday (2020-11-20)
              seed-1: “on Friday [draft]”
 unverifiable s1-share  share of Ann, tally partial (by date)
 pinned       stated "50%" = 50; cannot be checked: tally partial has no votes
              for Ann
              seed-1: “half”

 20:12 warning tally-order        audit: audit is as of 2020-11-11, earlier
                                  than early
 40:13 error   claim-inconsistent s1-votes: votes of Jorgensen: stated "62,183"
                                  (= 62183), computed 62138 (tally certified)
 54:13 notice  claim-pinned       s1-share: 100% sure: it says\\x0aso,
                                  [bold]really[/bold]

2 files (1 not checked: data errors), 3 claims: 1 consistent, 1 inconsistent, \
1 unverifiable (passing; --fail-on unverifiable fails them); 1 error, 1 warning, \
1 notice
"""


def test_text() -> None:
    assert check_text.render(sample(), color=False, width=80) == TEXT


def test_text_in_colour_keeps_user_text_literal() -> None:
    out = check_text.render(clean(), color=True, width=80)
    assert "\x1b[" in out
    assert "[draft]" in out and "[bold]really[/bold]" in out


GITHUB = """\
::error file=broken.yaml,line=3,col=13,title=data error::election.timezone: \
unknown IANA time zone 'Mars/Base'
::error file=data/ga.yaml,line=40,col=13,title=claim-inconsistent (s1-votes)::\
votes of Jorgensen: stated "62,183" (= 62183), computed 62138 (tally certified)
::warning file=data/ga.yaml,line=20,col=12,title=tally-order (audit)::audit is \
as of 2020-11-11, earlier than early
::notice file=data/ga.yaml,line=54,col=13,title=claim-pinned (s1-share)::\
100%25 sure: it says%0Aso, [bold]really[/bold]
"""


def test_github() -> None:
    assert check_github.render(sample()) == GITHUB


def test_github_escapes_properties_and_messages() -> None:
    name = "odd, 50%:\r\nname.yaml"
    report = Report(
        (
            FileReport(
                name,
                name,
                findings=(
                    Finding(
                        "tally-order",
                        Severity.error,
                        name,
                        1,
                        2,
                        "t:1,2",
                        "a 100% b: c,\r\nd",
                    ),
                ),
            ),
        )
    )
    assert check_github.render(report) == (
        "::error file=odd%2C 50%25%3A%0D%0Aname.yaml,line=1,col=2,"
        "title=tally-order (t%3A1%2C2)::a 100%25 b: c,%0D%0Ad\n"
    )
    assert check_github.escape_data("%0A") == "%250A"


STEP_SUMMARY = """\
## certcli check

2 files (1 not checked: data errors), 3 claims: 1 consistent, 1 inconsistent, \
1 unverifiable (passing; --fail-on unverifiable fails them); 1 error, 1 warning, \
1 notice

| File | Line | Data error |
|---|---|---|
| broken.yaml | 3:13 | election.timezone: unknown IANA time zone 'Mars/Base' |

| Severity | Rule | File | Line | Subject | Message |
|---|---|---|---|---|---|
| warning | `tally-order` | data/ga.yaml | 20:12 | audit | audit is as of \
2020-11-11, earlier than early |
| error | `claim-inconsistent` | data/ga.yaml | 40:13 | s1-votes | votes of \
Jorgensen: stated "62,183" (= 62183), computed 62138 (tally certified) |
| notice | `claim-pinned` | data/ga.yaml | 54:13 | s1-share | 100% sure: it \
says so, \\[bold\\]really\\[/bold\\] |

"""


def test_github_step_summary() -> None:
    assert check_github.step_summary(sample()) == STEP_SUMMARY


def test_github_step_summary_escapes_table_cells() -> None:
    report = Report(
        (
            FileReport(
                "a.yaml",
                "a.yaml",
                findings=(
                    Finding("x", Severity.error, "a.yaml", 1, 1, "s", "a | b\\c"),
                ),
            ),
        )
    )
    assert "| s | a \\| b\\\\c |" in check_github.step_summary(report)
    html = Report(
        (
            FileReport(
                "a.yaml",
                "a.yaml",
                findings=(
                    Finding(
                        "x", Severity.error, "a.yaml", 1, 1, "<b>s</b>", "`x` &amp; *y*"
                    ),
                ),
            ),
        )
    )
    assert "| \\<b\\>s\\</b\\> | \\`x\\` \\&amp; \\*y\\* |" in (
        check_github.step_summary(html)
    )
    empty = Report((FileReport("a.yaml", "a.yaml"),))
    assert check_github.step_summary(empty).endswith("\n\nNo findings.\n\n")


def test_json() -> None:
    out = check_json.render(sample())
    assert out.startswith(
        '{\n  "format": "certcli-check/1",\n  "version": 1,\n  "certcli": "9.9.9",\n'
        '  "as_of": "2020-11-22",\n'
    )
    assert out.endswith("}\n")
    data = json.loads(out)
    assert data["summary"] == {
        "files": 2,
        "data_errors": 1,
        "claims": 3,
        "consistent": 1,
        "inconsistent": 1,
        "unverifiable": 1,
        "errors": 1,
        "warnings": 1,
        "notices": 1,
        "fail_on": "error",
        "exit_code": 2,
    }
    assert data["files"] == [
        {
            "file": "broken.yaml",
            "checked": False,
            "claims": 0,
            "findings": 0,
            "problems": [
                {
                    "line": 3,
                    "column": 13,
                    "path": "election.timezone",
                    "message": "unknown IANA time zone 'Mars/Base'",
                }
            ],
            "units": [],
        },
        {
            "file": "data/ga.yaml",
            "checked": True,
            "claims": 3,
            "findings": 3,
            "problems": [],
            "units": [],
        },
    ]
    assert data["claims"][0] == {
        "file": "data/ga.yaml",
        "line": 40,
        "column": 13,
        "id": "s1-votes",
        "metric": "votes",
        "source": "seed-1",
        "quote": "Jorgensen with 62,183",
        "stated": "62,183",
        "verdict": "inconsistent",
        "expect": None,
        "computed": "62138",
        "day": None,
        "time_unit": None,
        "interval": {
            "text": "= 62183",
            "low": "62183",
            "high": "62183",
            "low_inclusive": True,
            "high_inclusive": True,
        },
        "subject": "votes of Jorgensen",
        "basis": {"tally": "certified", "tally_defaulted": False},
        "reason": None,
        "hint": None,
        "note": None,
    }
    assert [c["basis"] for c in data["claims"][1:]] == [
        {"event": "certification"},
        {"tally": "partial", "tally_defaulted": True},
    ]
    assert [(c["computed"], c["day"], c["reason"]) for c in data["claims"][1:]] == [
        ("Friday", "2020-11-20", None),
        (None, None, "tally partial has no votes for Ann"),
    ]
    assert data["findings"] == [
        {
            "rule": "tally-order",
            "severity": "warning",
            "file": "data/ga.yaml",
            "line": 20,
            "column": 12,
            "subject": "audit",
            "message": "audit is as of 2020-11-11, earlier than early",
        },
        {
            "rule": "claim-inconsistent",
            "severity": "error",
            "file": "data/ga.yaml",
            "line": 40,
            "column": 13,
            "subject": "s1-votes",
            "message": 'votes of Jorgensen: stated "62,183" (= 62183), computed'
            " 62138 (tally certified)",
        },
        {
            "rule": "claim-pinned",
            "severity": "notice",
            "file": "data/ga.yaml",
            "line": 54,
            "column": 13,
            "subject": "s1-share",
            "message": "100% sure: it says\nso, [bold]really[/bold]",
        },
    ]


def _location(uri: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": line, "startColumn": column},
        }
    }


def test_sarif() -> None:
    data = json.loads(check_sarif.render(sample()))
    assert data == {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "certcli",
                        "version": "9.9.9",
                        "informationUri": "https://pypi.org/project/certcli/",
                        "rules": [
                            {
                                "id": "claim-inconsistent",
                                "name": "ClaimInconsistent",
                                "shortDescription": {"text": "A claim is off."},
                                "fullDescription": {
                                    "text": "A claim is off.\n\nFix it."
                                },
                                "help": {
                                    "text": "A claim is off.\n\nFix it.",
                                    "markdown": "A claim is off.\n\nFix it.\n\n"
                                    "[certcli manual: `claim-inconsistent`]"
                                    f"({HOME}#rule-claim-inconsistent)",
                                },
                                "helpUri": f"{HOME}#rule-claim-inconsistent",
                                "defaultConfiguration": {"level": "error"},
                            },
                            {
                                "id": "claim-pinned",
                                "name": "ClaimPinned",
                                "shortDescription": {"text": "As pinned."},
                                "fullDescription": {"text": "As pinned."},
                                "help": {
                                    "text": "As pinned.",
                                    "markdown": "As pinned.\n\n"
                                    "[certcli manual: `claim-pinned`]"
                                    f"({HOME}#rule-claim-pinned)",
                                },
                                "helpUri": f"{HOME}#rule-claim-pinned",
                                "defaultConfiguration": {"level": "note"},
                            },
                            {
                                "id": "tally-order",
                                "name": "TallyOrder",
                                "shortDescription": {"text": "Out of order."},
                                "fullDescription": {"text": "Out of order."},
                                "help": {
                                    "text": "Out of order.",
                                    "markdown": "Out of order.\n\n"
                                    "[certcli manual: `tally-order`]"
                                    f"({HOME}#rule-tally-order)",
                                },
                                "helpUri": f"{HOME}#rule-tally-order",
                                "defaultConfiguration": {"level": "warning"},
                            },
                        ],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": False,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {
                                    "text": "election.timezone: unknown IANA time"
                                    " zone 'Mars/Base'"
                                },
                                "locations": [_location("broken.yaml", 3, 13)],
                            }
                        ],
                    }
                ],
                "artifacts": [
                    {"location": {"uri": "broken.yaml", "uriBaseId": "%SRCROOT%"}},
                    {"location": {"uri": "data/ga.yaml", "uriBaseId": "%SRCROOT%"}},
                ],
                "results": [
                    {
                        "ruleId": "tally-order",
                        "ruleIndex": 2,
                        "level": "warning",
                        "message": {
                            "text": "audit is as of 2020-11-11, earlier than early"
                        },
                        "locations": [_location("data/ga.yaml", 20, 12)],
                        "partialFingerprints": {
                            "primaryLocationLineHash": (
                                "9893ee23e19a6fe347338d03969a9aeb:1"
                            )
                        },
                        "properties": {"subject": "audit"},
                    },
                    {
                        "ruleId": "claim-inconsistent",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": {
                            "text": 'votes of Jorgensen: stated "62,183" (= 62183),'
                            " computed 62138 (tally certified)"
                        },
                        "locations": [_location("data/ga.yaml", 40, 13)],
                        "partialFingerprints": {
                            "primaryLocationLineHash": (
                                "0dfd49e8f567e0433215e4668d261996:1"
                            )
                        },
                        "properties": {"subject": "s1-votes"},
                    },
                ],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def sarif_errors(data: Any) -> list[str]:
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(data)]


def test_vendored_schema_is_the_oasis_sarif_2_1_0_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == (
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    )
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert schema["id"] == (
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
        "sarif-schema-2.1.0.json"
    )


@pytest.mark.parametrize("report", [sample(), clean(), Report(())])
def test_sarif_validates_against_the_schema(report: Report) -> None:
    assert sarif_errors(json.loads(check_sarif.render(report))) == []


def test_schema_validation_can_fail() -> None:
    data = json.loads(check_sarif.render(clean()))
    data["runs"][0]["results"][0]["level"] = "fatal"
    assert sarif_errors(data) != []


def test_paths_outside_the_working_directory_become_file_uris(tmp_path: Path) -> None:
    inside = tmp_path / "data dir" / "ga.yaml"
    assert relative_path(inside, tmp_path) == "data dir/ga.yaml"
    assert artifact_uri("data dir/ga.yaml") == "data%20dir/ga.yaml"
    outside = relative_path(tmp_path / "ga.yaml", tmp_path / "sub")
    assert outside == (tmp_path / "ga.yaml").as_posix()
    assert artifact_uri(outside) == (tmp_path / "ga.yaml").as_uri()
    report = Report((FileReport("/x/ga.yaml", outside),))
    artifact = json.loads(check_sarif.render(report))["runs"][0]["artifacts"][0]
    assert artifact == {"location": {"uri": (tmp_path / "ga.yaml").as_uri()}}


def test_json_lists_each_claim_and_finding_on_one_line() -> None:
    out = check_json.render(sample())
    findings = out[out.index('  "findings": [') :]
    assert findings == (
        '  "findings": [\n'
        '    {"rule": "tally-order", "severity": "warning", "file": "data/ga.yaml",'
        ' "line": 20, "column": 12, "subject": "audit", "message": "audit is as of'
        ' 2020-11-11, earlier than early"},\n'
        '    {"rule": "claim-inconsistent", "severity": "error", "file":'
        ' "data/ga.yaml", "line": 40, "column": 13, "subject": "s1-votes",'
        ' "message": "votes of Jorgensen: stated \\"62,183\\" (= 62183), computed'
        ' 62138 (tally certified)"},\n'
        '    {"rule": "claim-pinned", "severity": "notice", "file": "data/ga.yaml",'
        ' "line": 54, "column": 13, "subject": "s1-share", "message": "100% sure:'
        ' it says\\nso, [bold]really[/bold]"}\n'
        "  ]\n"
        "}\n"
    )
    claims = out[out.index('  "claims": [') : out.index('  "findings": [')]
    assert claims.count("\n") == 5  # the opening, three claims, the closing


def test_json_with_no_claims_or_findings() -> None:
    out = check_json.render(Report((FileReport("a.yaml", "a.yaml"),)))
    assert out.endswith('  "claims": [],\n  "findings": []\n}\n')


def _results(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    report = Report((FileReport("data/ga.yaml", "data/ga.yaml", findings=findings),))
    results: list[dict[str, Any]] = json.loads(check_sarif.render(report))["runs"][0][
        "results"
    ]
    return results


def _hashes(findings: tuple[Finding, ...]) -> list[str]:
    return [
        result["partialFingerprints"]["primaryLocationLineHash"]
        for result in _results(findings)
    ]


def test_sarif_fingerprints_ignore_lines_and_messages() -> None:
    before = Finding("event-order", Severity.error, "data/ga.yaml", 9, 5, "e1", "a")
    moved = Finding("event-order", Severity.error, "data/ga.yaml", 30, 7, "e1", "b")
    assert _hashes((before,)) == _hashes((moved,))
    other_subject = Finding(
        "event-order", Severity.error, "data/ga.yaml", 9, 5, "e2", "a"
    )
    other_rule = Finding("tally-order", Severity.error, "data/ga.yaml", 9, 5, "e1", "a")
    hashes = _hashes((before,)) + _hashes((other_subject,)) + _hashes((other_rule,))
    assert len(set(hashes)) == 3
    there = Finding("event-order", Severity.error, "b.yaml", 9, 5, "e1", "a")
    report = Report((FileReport("b.yaml", "sub/b.yaml", findings=(there,)),))
    elsewhere = json.loads(check_sarif.render(report))["runs"][0]["results"][0]
    assert (
        elsewhere["partialFingerprints"]
        != _results((before,))[0]["partialFingerprints"]
    )


def test_sarif_fingerprints_number_repeated_subjects() -> None:
    first = Finding("event-order", Severity.error, "data/ga.yaml", 9, 5, "e1", "a")
    second = Finding("event-order", Severity.error, "data/ga.yaml", 10, 5, "e1", "b")
    one, two = _hashes((first, second))
    assert one.endswith(":1")
    assert two.endswith(":2")
    assert one.split(":")[0] == two.split(":")[0]


def test_sarif_leaves_pinned_claims_out() -> None:
    pinned = Finding("claim-pinned", Severity.notice, "data/ga.yaml", 9, 5, "c", "n")
    mismatch = Finding(
        "claim-pin-mismatch", Severity.error, "data/ga.yaml", 9, 5, "c", "m"
    )
    assert [r["ruleId"] for r in _results((pinned, mismatch))] == ["claim-pin-mismatch"]


def test_every_rule_has_a_help_anchor_on_the_rules_page() -> None:
    from certcli import DOCS
    from certcli.checks import rule_infos

    root = Path(__file__).parent.parent
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url: (\S+)$", config, re.MULTILINE)
    assert site_url is not None and site_url.group(1) == DOCS
    assert re.search(r"^use_directory_urls: false$", config, re.MULTILINE)
    page = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    for info in rule_infos():
        uri = check_sarif.help_uri(info.id)
        # rules.md is built as rules.html (use_directory_urls: false).
        assert uri == f"{DOCS}rules.html#rule-{info.id}"
        assert f'<a id="rule-{info.id}"></a>`{info.id}`' in page


def test_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "tools").mkdir()
    assert path_base(repo / "tools") == repo
    assert relative_path(repo / "data" / "ga.yaml", repo) == "data/ga.yaml"
    # Outside the base, a file in a repository is relative to that repository.
    worktree = tmp_path / "linked"
    worktree.mkdir()
    (worktree / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    assert relative_path(worktree / "x.yaml", repo) == "x.yaml"
    # Outside every repository: absolute, and a file: URI in SARIF.
    plain = tmp_path / "plain" / "ga.yaml"
    plain.parent.mkdir()
    assert path_base(plain.parent) == plain.parent
    assert relative_path(plain, repo) == plain.as_posix()


def _many(level: Severity, count: int) -> tuple[Finding, ...]:
    return tuple(
        Finding("tally-order", level, "a.yaml", line, 1, f"t{line}", f"m{line}")
        for line in range(1, count + 1)
    )


def test_github_shows_ten_annotations_per_level_and_counts_the_rest() -> None:
    findings = _many(Severity.notice, 3) + _many(Severity.warning, 12)
    findings += _many(Severity.error, 11)
    report = Report((FileReport("a.yaml", "a.yaml", findings=findings),))
    lines = check_github.render(report).splitlines()
    levels = [line.split(" ")[0] for line in lines[:23]]
    assert levels == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 3
    assert lines[23:] == [
        "certcli: error: a.yaml:11:1: tally-order (t11): m11",
        "certcli: warning: a.yaml:11:1: tally-order (t11): m11",
        "certcli: warning: a.yaml:12:1: tally-order (t12): m12",
        "certcli: 1 error, 2 warnings not shown as annotations (GitHub shows at"
        " most 10 of each level per step); they are listed above and in the step"
        " summary",
    ]
    summary = check_github.step_summary(report)
    assert summary.count("| `tally-order` |") == 26


def test_github_lines_beyond_the_limit_cannot_become_commands() -> None:
    findings = (
        *_many(Severity.error, 10),
        Finding(
            "tally-order",
            Severity.error,
            "a.yaml",
            99,
            1,
            "t",
            "x\n::error::forged\x1b",
        ),
    )
    report = Report((FileReport("a.yaml", "a.yaml", findings=findings),))
    lines = check_github.render(report).splitlines()
    assert lines[10] == (
        "certcli: error: a.yaml:99:1: tally-order (t): x\\x0a::error::forged\\x1b"
    )
    assert [line for line in lines if line.startswith("::")] == lines[:10]


def test_github_without_overflow_adds_no_count() -> None:
    report = Report(
        (FileReport("a.yaml", "a.yaml", findings=_many(Severity.error, 10)),)
    )
    assert all(
        line.startswith("::error ") for line in check_github.render(report).splitlines()
    )
