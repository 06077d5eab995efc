"""A unit's name differs from another unit's only by characters that show as nothing.

A soft hyphen (U+00AD), a zero-width space, non-joiner or joiner
(U+200B to U+200D), a word joiner (U+2060), a zero-width no-break space
(U+FEFF), a tag character (U+E0000 to U+E007F) or another format character
that shows as nothing (U+180E, U+2061 to U+2064, U+FFF9 to U+FFFB, ...) is
invisible on screen and on paper, yet makes another name: "Alder"
with a zero-width space after "Al" is not "Alder", so the unit is missing from
comparisons between tallies and a flip there goes uncounted. The finding
points at the unit whose name holds such characters (its row of the results
file, or its entry in the data file) and names the unit it looks like; certcli
spells the characters out (`AlU+200Bder`). Remove them from the name.
"""

from __future__ import annotations

from collections.abc import Iterator

from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity
from certcli.core.text import fold, visible, without_invisible

ID = "unit-name-invisible"
SEVERITY = Severity.warning


def check(context: CheckContext) -> Iterator[Finding]:
    # What each name looks like → the names that look so (folded), and the
    # first unit of each, with its tally.
    looks: dict[str, dict[str, tuple[str, str]]] = {}
    for tally in context.model.tallies:
        units = context.contest.units.get(tally.id)
        if units is None:
            continue
        for unit in units.units:
            seen = looks.setdefault(fold(without_invisible(unit.name)), {})
            seen.setdefault(fold(unit.name), (unit.name, tally.id))
    for tally in context.model.tallies:
        units = context.contest.units.get(tally.id)
        if units is None:
            continue
        for unit in units.units:
            if without_invisible(unit.name) == unit.name:
                continue
            alike = looks[fold(without_invisible(unit.name))]
            others = [
                (name, where)
                for key, (name, where) in alike.items()
                if key != fold(unit.name)
            ]
            if not others:
                continue
            name, where = others[0]
            yield context.unit_finding(
                ID,
                SEVERITY,
                unit,
                tally.id,
                f"{tally.id}: unit {visible(unit.name)} differs from unit"
                f" {visible(name)} (in {where}) only by characters that show as"
                " nothing, so the two are counted as different units; remove"
                " them",
            )
