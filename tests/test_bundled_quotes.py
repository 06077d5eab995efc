"""Every quote of the bundled file is verbatim from the article it cites.

The articles are not part of certcli (they are the project's reference data, a
`shared/seeds/` directory beside the repository); without them this test is
skipped with a message that says where it looked.
"""

from __future__ import annotations

from pathlib import Path

from certcli.loaded.loader import load_bundled
from conftest import shared_seeds


def _seeds() -> Path:
    return Path(shared_seeds())


def test_every_quote_is_verbatim_from_its_article() -> None:
    seeds = _seeds()
    model = load_bundled().model
    # the sources whose document is one of the articles (others cite, say, a
    # program's test file)
    documents = {
        source_id: source.document
        for source_id, source in model.sources.items()
        if source.document is not None and (seeds / source.document).is_file()
    }
    assert len(set(documents.values())) == 3
    texts = {
        name: (seeds / name).read_text(encoding="utf-8")
        for name in set(documents.values())
    }
    quoted = [claim for claim in model.claims if claim.source in documents]
    assert len(quoted) > 60
    missing = [
        claim.id
        for claim in quoted
        if claim.quote not in texts[documents[claim.source]]
    ]
    assert missing == []
