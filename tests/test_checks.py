"""Each rule of `certcli check` on a failing and a passing copy of one base file.

The base file (tests/data/check/base.yaml) passes every rule; each case edits
one value of a copy and expects exactly the findings listed, at their lines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from certcli.checks import (
    RULES,
    CheckContext,
    claim_inconsistent,
    claim_pin_mismatch,
    claim_pinned,
    claim_unverifiable,
    deadline_missed,
    event_order,
    margin_mismatch,
    recount_window_kind,
    rule_date_mismatch,
    rule_infos,
    rules_markdown,
    run,
    tally_order,
    units_above_count,
    units_decreasing,
    votes_above_total,
)
from certcli.claims.verdicts import evaluate
from certcli.loaded.loader import load

BASE = Path(__file__).parent / "data" / "check" / "base.yaml"
ROOT = Path(__file__).resolve().parent.parent
LATE = date(2020, 12, 31)

Edits = tuple[tuple[str, str], ...]


def edited(edits: Edits) -> str:
    text = BASE.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} must occur once in the base file"
        text = text.replace(old, new)
    return text


def context(tmp_path: Path, edits: Edits = (), as_of: date = LATE) -> CheckContext:
    path = tmp_path / "case.yaml"
    path.write_text(edited(edits), encoding="utf-8")
    contest = load(path, "case.yaml")
    timeline = contest.timeline
    return CheckContext(contest, timeline, evaluate(contest, timeline), as_of)


def findings_of(
    rule: ModuleType, tmp_path: Path, edits: Edits, as_of: date = LATE
) -> list[tuple[str, str, int, int, str, str]]:
    return [
        (f.rule, f.severity.value, f.line, f.column, f.subject, f.message)
        for f in rule.check(context(tmp_path, edits, as_of))
    ]


FAILING = [
    pytest.param(
        event_order,
        (("after: [county-deadline]", "after: [recount-window]"),),
        66,
        13,
        "certification",
        "certification starts Fri 2020-11-20 16:00, before recount-window ends"
        " (Tue 2020-11-24 17:00), but its after: list says it comes later",
        id="event-order",
    ),
    pytest.param(
        event_order,
        (
            ("after: [county-deadline]", "after: [canvass]"),
            (
                "start: 2020-11-12\n    end: 2020-11-19",
                "start: 2020-11-12\n    end: 2020-11-21",
            ),
        ),
        66,
        13,
        "certification",
        "certification starts Fri 2020-11-20, before canvass ends (Sat 2020-11-21),"
        " but its after: list says it comes later",
        id="event-order-days",
    ),
    pytest.param(
        deadline_missed,
        (('time: "16:00"', 'time: "17:30"'),),
        65,
        15,
        "certification",
        "certification happened Fri 2020-11-20 17:30, after its deadline"
        " certification-deadline (Fri 2020-11-20 17:00)",
        id="deadline-missed-time",
    ),
    pytest.param(
        deadline_missed,
        (("date: 2020-11-20\n    time", "date: 2020-11-23\n    time"),),
        65,
        15,
        "certification",
        "certification happened Mon 2020-11-23 16:00, after its deadline"
        " certification-deadline (Fri 2020-11-20 17:00)",
        id="deadline-missed-day",
    ),
    pytest.param(
        rule_date_mismatch,
        (("stated: 2020-11-13", "stated: 2020-11-12"),),
        53,
        51,
        "county-deadline",
        "county-deadline: the rule (10 days after election-day) gives"
        " Fri 2020-11-13, but stated: is Thu 2020-11-12",
        id="rule-date-mismatch-days",
    ),
    pytest.param(
        rule_date_mismatch,
        (("stated: 2020-11-24", "stated: 2020-11-23"),),
        71,
        59,
        "recount-window",
        "recount-window end: the rule (2 business days after certification) gives"
        " Tue 2020-11-24, but stated: is Mon 2020-11-23",
        id="rule-date-mismatch-business-days",
    ),
    pytest.param(
        tally_order,
        (("as_of: 2020-11-19", "as_of: 2020-11-11"),),
        94,
        12,
        "audit",
        "audit is as of 2020-11-11, earlier than unofficial-0900 listed before it;"
        " list tallies in time order",
        id="tally-order-date-is-start-of-day",
    ),
    pytest.param(
        votes_above_total,
        (("total: 1004", "total: 999"),),
        102,
        12,
        "certified",
        "the votes add up to 1,000, more than its total 999 (by 1)",
        id="votes-above-total",
    ),
    pytest.param(
        margin_mismatch,
        (("votes: 13}", "votes: 12}"),),
        103,
        34,
        "certified",
        "the margin says Ann leads Bob by 12, but the votes give 502 - 489 = 13",
        id="margin-mismatch",
    ),
    pytest.param(
        margin_mismatch,
        (("leader: Ann, votes: 13", "leader: Bob, votes: 13"),),
        103,
        34,
        "certified",
        "the margin says Bob leads Ann by 13, but the votes give 489 - 502 = -13",
        id="margin-mismatch-leader",
    ),
    pytest.param(
        margin_mismatch,
        (("leader: Ann, votes: 13", "leader: Ann, votes: 3, opponent: Cy"),),
        103,
        34,
        "certified",
        "the margin says Ann leads Cy by 3, but the votes give 502 - 9 = 493",
        id="margin-mismatch-named-opponent",
    ),
    pytest.param(
        units_above_count,
        (("units_certified: 10", "units_certified: 11"),),
        104,
        22,
        "certified",
        "11 county units certified, but the election has only 10",
        id="units-above-count",
    ),
    pytest.param(
        units_decreasing,
        (("units_certified: 7", "units_certified: 5"),),
        91,
        22,
        "unofficial-0900",
        "5 units certified, fewer than the 6 of the earlier tally unofficial-0730",
        id="units-decreasing",
    ),
    pytest.param(
        recount_window_kind,
        (("request_window: recount-window", "request_window: certification"),),
        17,
        23,
        "close",
        "recount rule close: request_window certification is a single-date"
        " certification, not a window (kind window, or a start and an end)",
        id="recount-window-kind",
    ),
    pytest.param(
        claim_inconsistent,
        (('stated: "502"', 'stated: "503"'),),
        112,
        13,
        "ann-votes",
        'votes of Ann: stated "503" (= 503), computed 502 (tally certified)',
        id="claim-inconsistent",
    ),
    pytest.param(
        claim_unverifiable,
        (
            (
                'tally: certified\n    stated: "502"',
                'tally: unofficial-0730\n    stated: "502"',
            ),
        ),
        112,
        13,
        "ann-votes",
        'votes of Ann: stated "502" (= 502), cannot be computed:'
        " tally unofficial-0730 has no votes for Ann",
        id="claim-unverifiable",
    ),
    pytest.param(
        claim_pin_mismatch,
        (('stated: "almost exactly 15"', 'stated: "almost exactly 13"'),),
        119,
        13,
        "ann-margin-pinned",
        "pinned as inconsistent, but consistent: margin of Ann over Bob:"
        ' stated "almost exactly 13" ([12.87, 13.13]), computed 13 (tally certified)',
        id="claim-pin-mismatch",
    ),
    pytest.param(
        claim_pinned,
        (),
        119,
        13,
        "ann-margin-pinned",
        "inconsistent as pinned: margin of Ann over Bob:"
        ' stated "almost exactly 15" ([14.85, 15.15]), computed 13'
        " (tally certified). Note: The paper rounded up.",
        id="claim-pinned",
    ),
]


@pytest.mark.parametrize(
    ("rule", "edits", "line", "column", "subject", "message"), FAILING
)
def test_rule_finds_the_edit(
    rule: ModuleType,
    edits: Edits,
    line: int,
    column: int,
    subject: str,
    message: str,
    tmp_path: Path,
) -> None:
    assert findings_of(rule, tmp_path, edits) == [
        (rule.ID, rule.SEVERITY.value, line, column, subject, message)
    ]


PASSING = [
    pytest.param(event_order, (), id="event-order"),
    pytest.param(
        event_order,
        (("after: [county-deadline]", "after: [canvass]"),),
        id="event-order-next-day",
    ),
    pytest.param(
        event_order,
        (
            ("after: [county-deadline]", "after: [canvass]"),
            (
                "start: 2020-11-12\n    end: 2020-11-19",
                "start: 2020-11-12\n    end: 2020-11-20",
            ),
        ),
        id="event-order-same-day-without-times",
    ),
    pytest.param(deadline_missed, (), id="deadline-missed"),
    pytest.param(
        deadline_missed,
        (('time: "16:00"', 'time: "17:00"'),),
        id="deadline-met-at-the-minute",
    ),
    pytest.param(rule_date_mismatch, (), id="rule-date-mismatch"),
    pytest.param(tally_order, (), id="tally-order"),
    pytest.param(
        tally_order,
        (("as_of: 2020-11-11T09:00:00-05:00", "as_of: 2020-11-11T07:30:00-05:00"),),
        id="tally-order-same-instant",
    ),
    pytest.param(
        tally_order,
        (("as_of: 2020-11-11T09:00:00-05:00", "as_of: 2020-11-11T12:30:00Z"),),
        id="tally-order-other-offset",
    ),
    pytest.param(votes_above_total, (), id="votes-above-total"),
    pytest.param(
        votes_above_total, (("total: 1004", "total: 1000"),), id="votes-equal-total"
    ),
    pytest.param(margin_mismatch, (), id="margin-mismatch"),
    pytest.param(
        margin_mismatch,
        (("leader: Ann, votes: 13", "leader: Ann, votes: 493, opponent: Cy"),),
        id="margin-named-opponent",
    ),
    pytest.param(units_above_count, (), id="units-above-count"),
    pytest.param(
        units_above_count,
        (("  reporting_units: {kind: county, count: 10}\n", ""),),
        id="units-without-count",
    ),
    pytest.param(units_decreasing, (), id="units-decreasing"),
    pytest.param(
        units_decreasing,
        (("units_certified: 7", "units_certified: 6"),),
        id="units-equal",
    ),
    pytest.param(recount_window_kind, (), id="recount-window-kind"),
    pytest.param(
        recount_window_kind,
        (("request_window: recount-window", "request_window: canvass"),),
        id="recount-window-span",
    ),
    pytest.param(claim_inconsistent, (), id="claim-inconsistent"),
    pytest.param(
        claim_inconsistent,
        (('stated: "almost exactly 15"', 'stated: "almost exactly 16"'),),
        id="claim-inconsistent-pinned-is-not-reported",
    ),
    pytest.param(claim_unverifiable, (), id="claim-unverifiable"),
    pytest.param(claim_pin_mismatch, (), id="claim-pin-mismatch"),
    pytest.param(
        claim_pinned,
        (('stated: "almost exactly 15"', 'stated: "almost exactly 13"'),),
        id="claim-pinned-mismatch-is-not-a-notice",
    ),
]


@pytest.mark.parametrize(("rule", "edits"), PASSING)
def test_rule_passes(rule: ModuleType, edits: Edits, tmp_path: Path) -> None:
    assert findings_of(rule, tmp_path, edits) == []


def test_planned_action_after_its_deadline(tmp_path: Path) -> None:
    found = findings_of(
        deadline_missed,
        tmp_path,
        (("date: 2020-11-20\n    time", "date: 2020-11-23\n    time"),),
        as_of=date(2020, 11, 15),
    )
    assert [message for *_, message in found] == [
        "certification is planned for Mon 2020-11-23 16:00, after its deadline"
        " certification-deadline (Fri 2020-11-20 17:00)"
    ]


def test_base_file_has_only_the_pinned_notice(tmp_path: Path) -> None:
    found = run(context(tmp_path))
    assert [(f.rule, f.line) for f in found] == [("claim-pinned", 119)]


def test_run_sorts_by_line_then_rule(tmp_path: Path) -> None:
    found = run(
        context(
            tmp_path,
            (
                ('stated: "502"', 'stated: "503"'),
                ("total: 1004", "total: 999"),
                ("request_window: recount-window", "request_window: certification"),
            ),
        )
    )
    assert [(f.line, f.rule) for f in found] == [
        (17, "recount-window-kind"),
        (102, "votes-above-total"),
        (112, "claim-inconsistent"),
        (119, "claim-pinned"),
    ]


def test_every_rule_has_an_id_severity_and_documentation() -> None:
    ids = [rule.ID for rule in RULES]
    assert len(set(ids)) == len(ids)
    for rule in RULES:
        assert rule.__name__.rsplit(".", 1)[1].replace("_", "-") == rule.ID
        assert rule.__doc__ and rule.__doc__.strip().split("\n")[0].endswith(".")
    assert [info.id for info in rule_infos()] == ids


def test_every_rule_module_is_registered() -> None:
    modules = {
        path.stem.replace("_", "-")
        for path in (ROOT / "src" / "certcli" / "checks").glob("*.py")
        if path.stem not in {"__init__", "__main__", "context", "engine"}
    }
    assert modules == {rule.ID for rule in RULES}


def test_rules_page_has_the_current_rule_table() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert rules_markdown() in text, (
        "docs/rules.md is stale: run `python scripts/update_docs.py`"
    )


def test_rule_table_starts_with_a_header() -> None:
    lines = rules_markdown().splitlines()
    assert lines[:3] == [
        "| Rule | Severity | What it reports |",
        "|---|---|---|",
        '| <a id="rule-claim-inconsistent"></a>`claim-inconsistent` | error | A'
        " claim's computed value lies outside what its stated value allows. |",
    ]
    assert len(lines) == 2 + len(RULES)
