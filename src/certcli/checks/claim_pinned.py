"""A claim's verdict is the one its `expect:` pins; the note says why.

Pinning records a verdict the file's authors have looked at and accept, such
as a figure a source rounded too loosely. The finding is a notice that shows
the claim's `note`, so reports keep the explanation next to the figure.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "claim-pinned"
SEVERITY = Severity.notice


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.claims.verdicts import describe

    for claim in context.claims:
        if claim.expect is not None and claim.verdict == claim.expect:
            note = f" Note: {claim.note}" if claim.note else ""
            yield claim.finding(
                ID, SEVERITY, f"{claim.verdict} as pinned: {describe(claim)}.{note}"
            )
