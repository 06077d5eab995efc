"""A date rule's `stated:` date is not the day the rule gives.

`{after: X, business_days: 2, stated: 2020-11-24}` records the date a source
gives for the rule; the rule (calendar or business days on the file's holiday
calendar) must yield it. A difference means the rule, its anchor, the holiday
calendar or the stated date is wrong. The finding points at `stated`.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "rule-date-mismatch"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.calendar.status import stated_mismatches

    for mismatch in stated_mismatches(context.timeline):
        resolved = mismatch.resolved
        of = "" if mismatch.field == "date" else f" {mismatch.field}"
        yield context.finding(
            ID,
            SEVERITY,
            mismatch.path,
            mismatch.event.id,
            f"{mismatch.event.id}{of}: the rule ({resolved.rule}) gives"
            f" {resolved.day:%a %Y-%m-%d}, but stated: is"
            f" {mismatch.stated:%a %Y-%m-%d}",
        )
