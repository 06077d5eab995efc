"""`certcli scan --format table`: each figure of an article, its status and verdict.

One row per figure: where it is (line:column of the article), its kind, the
figure as written, and the claim that covers it (with that claim's verdict) or
the claim proposed for it (with the verdict it would get). Unmappable figures
follow with their sentence and why, then stale claims. `-f yaml` prints the
proposals ready to paste.

Every text from the article or the data file passes through
`certcli.core.text.visible` before rich sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from certcli.articles.scan import FigureScan, ScanResult
from certcli.core.text import count, visible
from certcli.render.console import printed

if TYPE_CHECKING:
    from rich.console import RenderableType

_STYLES = {"consistent": "green", "inconsistent": "red", "unverifiable": "yellow"}


def _claims_cell(scanned: FigureScan) -> str:
    """Each covering claim, or the proposal, with its verdict."""
    lines = []
    for claim in scanned.claims:
        verdict = claim.verdict + (
            f" ({visible(claim.computed_text)})" if claim.computed_text else ""
        )
        if scanned.status == "covered":
            lines.append(f"{visible(claim.id)}: {verdict}")
            continue
        proposal = scanned.proposal or {}
        words = [str(proposal.get("metric", ""))] + [
            f"{key} {proposal[key]}"
            for key in ("candidate", "opponent", "tally", "event", "from", "to")
            if key in proposal
        ]
        lines.append(f"proposed {visible(', '.join(words))}: {verdict}")
    return "\n".join(lines)


def render(result: ScanResult, *, color: bool = False, width: int | None = None) -> str:
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    head = Text(visible(result.article), style="bold")
    head.append(
        f" against {visible(result.data)}, source {visible(result.source)}"
        f" (published {result.published.isoformat()})"
        + (", a new source" if result.new_source is not None else ""),
        style="",
    )
    summary = Text(
        f"{count(len(result.figures), 'figure')}: {result.count('covered')}"
        f" covered, {result.count('uncovered')} uncovered,"
        f" {result.count('unmappable')} unmappable;"
        f" {count(len(result.stale), 'stale claim')}"
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(Text("Where"), no_wrap=True)
    table.add_column(Text("Figure"), overflow="fold", max_width=30)
    table.add_column(Text("Status"), no_wrap=True)
    table.add_column(Text("Claim: verdict"), overflow="fold")
    for scanned in result.figures:
        if scanned.status == "unmappable":
            continue
        verdict = scanned.claims[0].verdict if scanned.claims else ""
        table.add_row(
            Text(f"{scanned.line}:{scanned.column}"),
            Text(visible(scanned.figure.text)),
            Text(scanned.status, style="bold" if scanned.status == "uncovered" else ""),
            Text(_claims_cell(scanned), style=_STYLES.get(verdict, "")),
        )
    notes = [Text(f"Note: {visible(note)}", style="bold") for note in result.notes]
    parts: list[RenderableType] = [head, summary, *notes, Text(""), table]
    unmappable = [f for f in result.figures if f.status == "unmappable"]
    if unmappable:
        parts += [Text(""), Text("Unmappable figures:", style="bold")]
    for scanned in unmappable:
        parts += [
            Padding(
                Text(
                    f"{scanned.line}:{scanned.column} {visible(scanned.figure.text)}"
                    f" ({scanned.figure.kind}): {visible(scanned.reason or '')}"
                ),
                (0, 0, 0, 2),
            ),
            Padding(
                Text(f"“{visible(scanned.figure.sentence.text)}”", style="dim"),
                (0, 0, 0, 4),
            ),
        ]
    if result.stale:
        parts += [
            Text(""),
            Text("Stale claims (quote not in the article):", style="bold"),
        ]
        parts += [
            Padding(
                Text(
                    f"{visible(claim.file)}:{claim.line}:{claim.column}"
                    f" {visible(claim.id)}: “{visible(claim.quote)}”"
                ),
                (0, 0, 0, 2),
            )
            for claim in result.stale
        ]
    if result.count("uncovered"):
        parts += [
            Text(""),
            Text(
                "certcli scan -f yaml prints the proposed claims ready to paste.",
                style="dim",
            ),
        ]
    return printed(Group(*parts), color=color, width=width or 100)
