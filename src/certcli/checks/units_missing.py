"""A tally lacks units that another tally of the same contest has.

Every tally with units should have the same ones: a unit that appears in one
tally and not in another was left out, renamed or misspelt in one of them, and
comparisons between the tallies (`margin --by unit --from`, `units_changed`)
skip it. Names are compared case-folded, with white space collapsed. The
finding points at the tally's `units` or `results` and lists the units it
lacks, with a tally that has each of them.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity
from certcli.core.text import listing

ID = "units-missing"
SEVERITY = Severity.warning


def check(context: CheckContext) -> Iterator[Finding]:
    with_units = [
        (index, tally, context.contest.units[tally.id])
        for index, tally in enumerate(context.model.tallies)
        if tally.id in context.contest.units
    ]
    for index, tally, units in with_units:
        lacking: dict[str, str] = {}  # folded name → "Name (in tally)"
        for _, other, theirs in with_units:
            if other.id == tally.id:
                continue
            for key, unit in theirs.by_name.items():
                if key not in units.by_name and key not in lacking:
                    lacking[key] = f"{unit.name} (in {other.id})"
        if lacking:
            yield context.finding(
                ID,
                SEVERITY,
                ("tallies", index, units.written_as),
                tally.id,
                f"no figures for {len(lacking):,} of the units that"
                f" other tallies have: {listing(lacking.values())}",
            )
