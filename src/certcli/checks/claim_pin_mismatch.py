"""A claim's verdict differs from the one its `expect:` pins.

The data changed under a pinned claim (a corrected tally, an edited `stated`),
or the pin is wrong. Look at the claim again and update `expect` and `note`,
or remove the pin.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "claim-pin-mismatch"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.claims.verdicts import describe

    for claim in context.claims:
        if claim.expect is not None and claim.verdict != claim.expect:
            yield claim.finding(
                ID,
                SEVERITY,
                f"pinned as {claim.expect}, but {claim.verdict}: {describe(claim)}",
            )
