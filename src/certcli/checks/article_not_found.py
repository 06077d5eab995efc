"""A source's article is not in the folder `check --articles DIR` scans.

`--articles DIR` scans each article that a source's `document` names, looked
up by its file name in DIR. A document with an article's file name (`.txt`,
`.md`, `.html` …) that is not there was not scanned: a misspelt folder, or an
article renamed or not yet saved, would otherwise pass the run with no figure
checked. The finding points at the source's `document`. Save the article in
DIR under that name, or correct the name. A `document` that is no article
file (a URL, a path with a note) is not looked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from certcli.articles.text import ARTICLE_SUFFIXES
from certcli.checks.context import CheckContext
from certcli.claims.findings import Finding, Severity
from certcli.core.text import shorten, shown_path

ID = "article-not-found"
SEVERITY = Severity.warning


def check(context: CheckContext) -> Iterator[Finding]:
    if context.articles is None:
        return
    for source_id, source in context.model.sources.items():
        if source.file is not None or source.document is None:
            continue
        name = Path(source.document).name
        if Path(name).suffix.casefold() not in ARTICLE_SUFFIXES:
            continue
        if (context.articles / name).is_file():
            continue
        # DIR is searched by file name alone: say so when the document
        # names a folder too, whose file may well be there.
        whole = (
            f" (the file name of document {shorten(source.document)})"
            if name != source.document
            else ""
        )
        yield context.finding(
            ID,
            SEVERITY,
            ("sources", source_id, "document"),
            source_id,
            f"no article {shorten(name)}{whole} in {shown_path(context.articles)}:"
            " the source's document was not scanned",
        )
