"""A tally's reported `margin` disagrees with its own votes.

When a tally gives both `votes` and `margin: {leader, votes}`, the leader's
votes minus the opponent's (the margin's `opponent`, else the runner-up) must
equal the reported margin, and the leader must lead. The finding points at
the margin's `votes`.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "margin-mismatch"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.figures.tallies import runner_up

    for index, tally in enumerate(context.model.tallies):
        reported = tally.margin
        if reported is None or not tally.votes:
            continue
        leader = reported.leader
        opponent = reported.opponent or runner_up(tally, leader)
        if opponent is None:
            continue
        ahead, behind = tally.votes.get(leader), tally.votes.get(opponent)
        if ahead is None or behind is None:
            continue
        difference = ahead - behind
        if difference != reported.votes:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, "margin", "votes"),
                tally.id,
                f"the margin says {leader} leads {opponent} by"
                f" {reported.votes:,}, but the votes give {ahead:,} - {behind:,}"
                f" = {difference:,}",
            )
