"""An action event is later than the `deadline:` it names.

The action's end (its only day for a single-date event) is compared with the
deadline's end. A deadline without a time lasts its whole day; with a time,
an action without one counts as the start of its day. A missed deadline can be
a fact worth knowing or a wrong date in the file; either way it fails the
check, so that nobody publishes it unnoticed. The finding points at the
action's `deadline` field.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "deadline-missed"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.calendar.status import deadline_results

    for result in deadline_results(context.timeline):
        if result.met:
            continue
        timed = result.deadline.time("end") is not None
        action_timed = timed and result.action.time("end") is not None
        upcoming = result.action.day("end") > context.as_of
        happens = "is planned for" if upcoming else "happened"
        yield context.finding(
            ID,
            SEVERITY,
            result.path,
            result.action_id,
            f"{result.action_id} {happens} {_when(result.action_moment, action_timed)},"
            f" after its deadline {result.deadline_id}"
            f" ({_when(result.deadline_moment, timed)})",
        )


def _when(moment: datetime, timed: bool) -> str:
    return f"{moment:%a %Y-%m-%d %H:%M}" if timed else f"{moment:%a %Y-%m-%d}"
