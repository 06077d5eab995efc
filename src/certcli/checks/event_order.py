"""An event starts before an event its `after:` list says comes first.

`after: [X]` means the event does not start earlier than X ends. The same day
is fine; when both the event's start and X's end have a time, the times are
compared too. The finding points at the entry of the `after` list.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "event-order"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.calendar.status import ordering_results

    for result in ordering_results(context.timeline):
        if result.holds:
            continue
        timed = result.compared == "moment"
        starts = _when(result.event_moment, timed)
        ends = _when(result.earlier_moment, timed)
        yield context.finding(
            ID,
            SEVERITY,
            result.path,
            result.event.id,
            f"{result.event.id} starts {starts}, before {result.earlier.id}"
            f" ends ({ends}), but its after: list says it comes later",
        )


def _when(moment: object, timed: bool) -> str:
    from datetime import datetime

    assert isinstance(moment, datetime)
    return f"{moment:%a %Y-%m-%d %H:%M}" if timed else f"{moment:%a %Y-%m-%d}"
