"""A tally's `units_certified` is above the election's reporting unit count.

No more units (counties, precincts) can have certified than
`election.reporting_units.count`. The finding points at `units_certified`.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "units-above-count"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    units = context.model.election.reporting_units
    if units is None:
        return
    for index, tally in enumerate(context.model.tallies):
        certified = tally.units_certified
        if certified is not None and certified > units.count:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, "units_certified"),
                tally.id,
                f"{certified:,} {units.kind} units certified, but the"
                f" election has only {units.count:,}",
            )
