"""A claim's quote is not in the article of its source.

The article is a source's `file:`, or a file in `--articles DIR` that a
source's `document` names. A claim quotes its source verbatim (white space and
curly quotes aside); a quote that is not in the article was edited away, or
was never there. Quote the article as it now reads, or remove the claim.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "article-stale-claim"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    index = {claim.id: i for i, claim in enumerate(context.model.claims)}
    for scan in context.scans:
        for claim in scan.stale:
            yield context.finding(
                ID,
                SEVERITY,
                ("claims", index[claim.id], "quote"),
                claim.id,
                f"the quote of claim {claim.id} is not in {scan.article}, the"
                f" article of source {claim.source}",
            )
