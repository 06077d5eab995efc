"""A tally's statewide `votes` or `total` differ from the sum of its units.

When a tally has reporting units (`units:`, or `results:` read from a results
file) and also states its figures, each candidate's votes must equal the sum of
that candidate's votes over the units, and `total` the sum of the units'
totals. The finding names the candidate, both figures and the difference
(stated minus summed), and points at the stated figure. A tally that leaves
out `votes` or `total` takes them from its units and cannot differ.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "units-sum-mismatch"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    for index, tally in enumerate(context.model.tallies):
        units = context.contest.units.get(tally.id)
        if units is None:
            continue
        count = f"{len(units.units):,} {units.plural}"
        summed = units.sums
        for candidate, stated in tally.votes.items():
            if candidate not in summed:
                yield context.finding(
                    ID,
                    SEVERITY,
                    ("tallies", index, "votes", candidate),
                    tally.id,
                    f"{candidate} has {stated:,} votes, but its"
                    f" {count} give {candidate} no votes at all",
                )
            elif summed[candidate] != stated:
                yield context.finding(
                    ID,
                    SEVERITY,
                    ("tallies", index, "votes", candidate),
                    tally.id,
                    f"{candidate} has {stated:,} votes, but its {count}"
                    f" add up to {summed[candidate]:,} (difference"
                    f" {stated - summed[candidate]:+,})",
                )
        for candidate, votes in summed.items():
            if candidate not in tally.votes and votes:
                yield context.finding(
                    ID,
                    SEVERITY,
                    ("tallies", index, "votes"),
                    tally.id,
                    f"its {count} give {candidate} {votes:,} votes,"
                    f" but the tally lists no votes for {candidate}",
                )
        if tally.total is not None and tally.total != units.total:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, "total"),
                tally.id,
                f"the total is {tally.total:,}, but the totals of its"
                f" {count} add up to {units.total:,} (difference"
                f" {tally.total - units.total:+,})",
            )
