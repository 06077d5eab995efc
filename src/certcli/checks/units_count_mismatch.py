"""A complete tally has more or fewer units than the election's reporting units.

An audit, certified, recount or recertified tally covers every reporting
unit, so the number of its units (`units:`, or the units of its results file)
should be `election.reporting_units.count`. A different number usually means
a results file of another contest level (precincts for counties), units
missing from the file, or a wrong count. The finding points at the tally's
`units` or `results`.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity
from certcli.datafile.models import Stage

ID = "units-count-mismatch"
SEVERITY = Severity.warning

COMPLETE = frozenset({Stage.audit, Stage.certified, Stage.recount, Stage.recertified})


def check(context: CheckContext) -> Iterator[Finding]:
    expected = context.model.election.reporting_units
    if expected is None:
        return
    for index, tally in enumerate(context.model.tallies):
        units = context.contest.units.get(tally.id)
        if units is None or tally.stage not in COMPLETE:
            continue
        if len(units.units) != expected.count:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, units.written_as),
                tally.id,
                f"the {tally.stage.value} tally has"
                f" {len(units.units):,} {units.plural}, but the election has"
                f" {expected.count:,} {expected.kind} units",
            )
