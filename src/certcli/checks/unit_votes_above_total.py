"""A reporting unit's votes for the candidates add up to more than its total.

A unit's total (a `total:` in its inline figures, or the total column of a
results file) may exceed its candidates' votes (write-ins, blank ballots
counted), never fall short of them. The finding points at the unit where it is
written: its row of the results file, or its entry in the data file.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "unit-votes-above-total"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    for tally in context.model.tallies:
        units = context.contest.units.get(tally.id)
        if units is None:
            continue
        for unit in units.units:
            votes = unit.candidate_votes + unit.other
            if unit.total_given and votes > unit.total:
                yield context.unit_finding(
                    ID,
                    SEVERITY,
                    unit,
                    tally.id,
                    f"{unit.name}: the votes add up to {votes:,}, more"
                    f" than its total {unit.total:,} (by {votes - unit.total:,})",
                )
