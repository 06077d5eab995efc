"""`units_certified` goes down from one tally to a later one.

A unit that has certified stays certified, so the count never decreases over
time. Tallies are taken in time order (by `as_of`, ties in file order), each
compared with the latest earlier tally that gives a count. The finding points
at the smaller `units_certified`.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "units-decreasing"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    tallies = context.model.tallies
    previous: tuple[int, str] | None = None
    for index in context.contest.tally_indices_in_time:
        tally = tallies[index]
        certified = tally.units_certified
        if certified is None:
            continue
        if previous is not None and certified < previous[0]:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, "units_certified"),
                tally.id,
                f"{certified:,} units certified, fewer than the"
                f" {previous[0]:,} of the earlier tally {previous[1]}",
            )
        previous = (certified, tally.id)
