"""A claim cannot be checked: the file lacks an input its metric needs.

For example a share on a partial tally that has no votes per candidate, a
margin on a tally without votes or a reported margin, or `electoral_votes`
without a projection dated before the source. Name a `tally:` that has the
figure, add the missing data, or pin the verdict with `expect: unverifiable`
and a `note`.

A warning, so it does not fail a run by default; `--fail-on unverifiable`
(for a desk that wants every claim judged) or `--fail-on warning` makes it
fail.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import UNVERIFIABLE_RULE, Finding, Severity

ID = UNVERIFIABLE_RULE
SEVERITY = Severity.warning


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.claims.verdicts import describe

    for claim in context.claims:
        if claim.verdict == "unverifiable" and claim.expect is None:
            yield claim.finding(ID, SEVERITY, describe(claim))
