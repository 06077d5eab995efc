"""A figure of an article is not covered by any claim of the data file.

The article is a source's `file:`, or a file in `--articles DIR` that a
source's `document` names. Each figure a reader could check (a count, a
percentage, a date, a weekday, a time, a duration, electoral votes, a winner)
should be stated by a claim of that source whose quote contains it. The
message gives the claim `certcli scan` proposes and the verdict it would get;
`certcli scan ARTICLE -f yaml` prints it ready to paste. Figures no claim can
state (ordinals, years, a live blog's entry times) are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity

ID = "article-uncovered-figure"
SEVERITY = Severity.error


def check(context: CheckContext) -> Iterator[Finding]:
    for scan in context.scans:
        for figure in scan.figures:
            if figure.status != "uncovered" or figure.proposal is None:
                continue
            proposal, verdict = figure.proposal, figure.claims[0]
            shown = verdict.computed_text
            yield Finding(
                ID,
                SEVERITY,
                scan.article,
                figure.line,
                figure.column,
                str(proposal["id"]),
                f"{figure.figure.kind} {figure.figure.text!r} of source {scan.source}"
                f" is in no claim's quote; proposed: {proposal['metric']}"
                f" {proposal['stated']!r}, {verdict.verdict}"
                + (f" (computed {shown})" if shown is not None else "")
                + f"; `certcli scan {scan.article} --data {scan.data} -f yaml`"
                " prints it to paste",
            )
