"""`certcli audit`: load → BRAVO figures of a tally → render → emit; exit 0 or 2."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from certcli.commands import load_data, render_report
from certcli.core.output import emit
from certcli.render.formats import AUDIT_RENDERERS, HUMAN_FORMATS


def execute(
    *,
    data: Path | None,
    tally_id: str | None,
    risk_limit: Decimal,
    sampled: tuple[tuple[str, int], ...],
    format_: str,
    output: Path | None,
    color: str,
) -> int:
    from certcli.audit.report import audit_report

    contest = load_data(data)
    report = audit_report(contest, tally_id, risk_limit, sampled or None)
    content = render_report(AUDIT_RENDERERS, format_, report, color, output)
    emit(content, output, human=format_ in HUMAN_FORMATS)
    return 0
