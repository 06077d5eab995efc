"""A claim's computed value lies outside what its stated value allows.

The figure, date or weekday a source reported does not match the tallies or
the calendar at the precision it was written in (see "Stated values"). Either
the source is wrong, or the file is: a typo in `stated`, the wrong `tally`, the
wrong candidate. When the source is wrong and the file should say so, pin the
verdict with `expect: inconsistent` and a `note` explaining it; the finding
becomes a `claim-pinned` notice.

An exact integer that ends in zeros ("12,000") and would hold as a figure
rounded at its last non-zero digit (11,500 to 12,500) is still inconsistent,
but the message says so, and suggests `about 12,000` where that would hold.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "claim-inconsistent"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    from certcli.claims.verdicts import describe

    for claim in context.claims:
        if claim.verdict == "inconsistent" and claim.expect is None:
            yield claim.finding(ID, SEVERITY, describe(claim))
