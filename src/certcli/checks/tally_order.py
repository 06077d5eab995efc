"""A tally is dated earlier than a tally listed before it.

Tallies are listed in time order, so that "the latest tally at or before a
source's publication" and a margin's history read the way the file does. A
date-only `as_of` counts as the start of that day in the election's time zone;
equal times are fine. The finding points at the out-of-order `as_of`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "tally-order"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    latest: tuple[datetime, str] | None = None
    for index, tally in enumerate(context.model.tallies):
        moment = context.moment(tally.as_of)
        if latest is not None and moment < latest[0]:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, "as_of"),
                tally.id,
                f"{tally.id} is as of {tally.as_of.isoformat()}, earlier than"
                f" {latest[1]} listed before it; list tallies in time order",
            )
        if latest is None or moment >= latest[0]:
            latest = (moment, tally.id)
