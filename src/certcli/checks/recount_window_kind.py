"""A recount rule's `request_window` names an event that is not a window.

The request window is the period in which a recount may be requested: an
event of kind `window`, or any event with a `start` and an `end`. A single-day
event of another kind (a certification, a deadline) is most likely the wrong
id. The finding points at `request_window`.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity
from certcli.datafile.models import EventKind

ID = "recount-window-kind"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    events = {event.id: event for event in context.model.events}
    for index, rule in enumerate(context.model.election.recount_rules):
        event = events.get(rule.request_window or "")
        if event is None or event.kind == EventKind.window or event.is_span:
            continue
        yield context.finding(
            ID,
            SEVERITY,
            ("election", "recount_rules", index, "request_window"),
            rule.id,
            f"recount rule {rule.id}: request_window {event.id} is a single-date"
            f" {event.kind.value}, not a window (kind window, or a start and an end)",
        )
