"""`certcli scan --format yaml`: the proposed claims, ready to paste.

A `claims:` list with one entry per uncovered figure, each under a comment
that says where the figure is and the verdict the claim gets; a `sources:`
entry first when the data file has no source for the article. Covered,
unmappable and stale figures are listed in comments at the end, so that the
output is still valid YAML that a data file's `claims:` can take as it is.

Text from the article is written as YAML double-quoted scalars with every
character that is not printable escaped, and in comments through
`certcli.core.text.visible`, so nothing in an article can end a comment or a line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from certcli.articles.scan import ScanResult
from certcli.core.text import count, visible


def scalar(value: Any) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's), with every
    character that is not printable escaped."""
    text = json.dumps(str(value), ensure_ascii=False)
    return "".join(
        char
        if char.isprintable()
        else f"\\u{ord(char):04x}"
        if ord(char) <= 0xFFFF
        else f"\\U{ord(char):08x}"
        for char in text
    )


def _comment(text: str) -> str:
    return "# " + visible(text)


def _mapping(entry: Mapping[str, Any], indent: str, first: str) -> list[str]:
    lines = []
    for position, (key, value) in enumerate(entry.items()):
        lead = first if position == 0 else indent
        lines.append(f"{lead}{key}: {scalar(value)}")
    return lines


def render(result: ScanResult) -> str:
    uncovered = [f for f in result.figures if f.status == "uncovered"]
    lines = [
        _comment(f"certcli scan: {result.article} against {result.data}"),
        _comment(
            f"source {result.source}: {count(len(result.figures), 'figure')},"
            f" {result.count('covered')} covered, {len(uncovered)} proposed,"
            f" {result.count('unmappable')} unmappable;"
            f" {count(len(result.stale), 'stale claim')}"
        ),
        *(_comment(f"Note: {note}") for note in result.notes),
    ]
    if result.new_source is not None:
        lines += ["sources:", f"  {result.source}:"]
        lines += _mapping(result.new_source, "    ", "    ")
    lines.append("claims:" if uncovered else "claims: []")
    for scanned in uncovered:
        verdict = scanned.claims[0]
        shown = verdict.computed_text
        lines.append(
            "  "
            + _comment(
                f'{scanned.line}:{scanned.column} "{scanned.figure.text}":'
                f" {verdict.verdict}"
                + (f" (computed {shown})" if shown is not None else "")
                + (f"; {verdict.reason}" if verdict.reason else "")
            )
        )
        assert scanned.proposal is not None
        lines += _mapping(scanned.proposal, "    ", "  - ")
    for title, status in (("Covered", "covered"), ("Unmappable", "unmappable")):
        listed = [f for f in result.figures if f.status == status]
        if listed:
            lines.append(_comment(f"{title}:"))
        for scanned in listed:
            why = (
                ", ".join(f"{c.id} ({c.verdict})" for c in scanned.claims)
                if status == "covered"
                else str(scanned.reason)
            )
            lines.append(
                _comment(
                    f'  {scanned.line}:{scanned.column} "{scanned.figure.text}": {why}'
                )
            )
    if result.stale:
        lines.append(_comment("Stale (quote not in the article):"))
        lines += [
            _comment(f"  {claim.file}:{claim.line}:{claim.column} {claim.id}")
            for claim in result.stale
        ]
    return "\n".join(lines) + "\n"
