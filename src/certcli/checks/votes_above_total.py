"""A tally's votes add up to more than its `total`.

`total` may exceed the sum of the listed votes (write-ins, candidates left
out), never fall short of it. The finding points at `total`.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "votes-above-total"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    for index, tally in enumerate(context.model.tallies):
        if tally.total is None or not tally.votes:
            continue
        votes = sum(tally.votes.values())
        if votes > tally.total:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, "total"),
                tally.id,
                f"the votes add up to {votes:,}, more than its total"
                f" {tally.total:,} (by {votes - tally.total:,})",
            )
