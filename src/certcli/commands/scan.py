"""`certcli scan`: load the data file → read the article → scan → render → exit code.

0 when every figure is covered or unmappable and no claim is stale, 1 when a
figure is uncovered or a claim is stale, 2 for a file that cannot be read.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from certcli.commands import render_report
from certcli.core.output import emit
from certcli.render.formats import HUMAN_FORMATS, SCAN_RENDERERS


def execute(
    *,
    data: Path | None,
    article: Path,
    source: str | None,
    published: date | None,
    format_: str,
    output: Path | None,
    color: str,
) -> int:
    from certcli.articles.scan import scan, source_for
    from certcli.articles.text import read_article
    from certcli.core.errors import UsageError
    from certcli.loaded.loader import load, load_bundled

    contest = load(data) if data is not None else load_bundled()
    text = read_article(article)
    chosen = source if source is not None else source_for(contest, article)
    if chosen is not None and published is not None:
        raise UsageError(
            f"source {chosen} has its own published date; --published is for an"
            " article the data file has no source for"
        )
    result = scan(
        contest, text, source=chosen, published=published, article_path=article
    )
    content = render_report(SCAN_RENDERERS, format_, result, color, output)
    emit(content, output, human=format_ in HUMAN_FORMATS)
    return result.exit_code
