"""The rules of `certcli check`, registered in one place.

Each rule is a module of this package with an `ID` (stable; it names the rule
in every output format), a default `SEVERITY`, a `check(context)` generator of
`Finding`s, and a docstring that is its user documentation: the first line
says what is wrong, the rest how to read and fix it.

    python -m certcli.checks --markdown   # the table of docs/rules.md
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from types import ModuleType

from certcli.checks import (
    article_not_found,
    article_stale_claim,
    article_uncovered_figure,
    claim_inconsistent,
    claim_pin_mismatch,
    claim_pinned,
    claim_unverifiable,
    deadline_missed,
    event_order,
    margin_mismatch,
    recount_window_kind,
    results_note,
    rule_date_mismatch,
    tally_order,
    unit_name_invisible,
    unit_votes_above_total,
    units_above_count,
    units_count_mismatch,
    units_decreasing,
    units_missing,
    units_sum_mismatch,
    votes_above_total,
)
from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, RuleInfo

__all__ = ["RULES", "CheckContext", "rule_infos", "rules_markdown", "run"]

RULES: tuple[ModuleType, ...] = (
    claim_inconsistent,
    claim_unverifiable,
    claim_pin_mismatch,
    claim_pinned,
    event_order,
    deadline_missed,
    rule_date_mismatch,
    tally_order,
    votes_above_total,
    margin_mismatch,
    units_above_count,
    units_decreasing,
    recount_window_kind,
    # reporting units
    units_sum_mismatch,
    unit_votes_above_total,
    units_count_mismatch,
    units_missing,
    unit_name_invisible,
    results_note,
    # articles (`sources[].file`, `check --articles`)
    article_uncovered_figure,
    article_stale_claim,
    article_not_found,
)


def run(context: CheckContext) -> list[Finding]:
    """Every finding of every rule, sorted by file, line, column and rule."""

    def found() -> Iterator[Finding]:
        for rule in RULES:
            yield from rule.check(context)

    return sorted(found(), key=lambda finding: finding.sort_key)


def rule_infos() -> tuple[RuleInfo, ...]:
    """Id, severity and documentation of every rule, in registry order."""
    infos = []
    for rule in RULES:
        doc = inspect.cleandoc(rule.__doc__ or "")
        infos.append(RuleInfo(rule.ID, rule.SEVERITY, doc.split("\n", 1)[0], doc))
    return tuple(infos)


def rules_markdown() -> str:
    """A Markdown table of the rules: id, severity and what each one reports."""
    lines = ["| Rule | Severity | What it reports |", "|---|---|---|"]
    for info in rule_infos():
        text = " ".join(info.help.split("\n\n")[0].split()).replace("|", "\\|")
        # The anchor is where SARIF's helpUri for the rule points.
        anchor = f'<a id="rule-{info.id}"></a>'
        lines.append(f"| {anchor}`{info.id}` | {info.severity.value} | {text} |")
    return "\n".join(lines) + "\n"
