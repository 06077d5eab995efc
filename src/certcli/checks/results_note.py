"""The results file a tally reads notes something about the contest.

A reader refuses what it cannot read, and settles the rest with a note, the
one `certcli results FILE` shows with the contest: a Clarity choice whose
`totalVotes` differs from the sum of its precincts (certcli uses the
precincts' figures), an MIT county whose TOTAL row differs from its modes
(certcli uses TOTAL), vote types that add up to less than `votes`, a
candidate or unit spelled two ways, votes added up across party lines, a
figure written with thousands separators. Each is a warning at the tally's
`results`, with the note's words, because the tally's figures, and so every
claim and margin computed from them, rest on the choice the note names: a
total in the file that is not the sum of its units is a figure a reporter may
have quoted. Check the file (`certcli results FILE --contest NAME`); when the
note is expected, `--fail-on error` (the default) lets the run pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity
from certcli.core.text import visible

ID = "results-note"
SEVERITY = Severity.warning


def check(context: CheckContext) -> Iterator[Finding]:
    for index, tally in enumerate(context.model.tallies):
        units = context.contest.units.get(tally.id)
        if units is None or units.results is None:
            continue
        for note in units.notes:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, "results"),
                tally.id,
                f"{visible(units.results)}: {visible(note)}",
            )
