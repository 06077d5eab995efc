"""An article against a data file: each figure covered, proposed or unmappable.

A figure is **covered** when a claim of the article's source quotes it: the
quote is found in the article (white space and curly quotes aside), the figure
lies inside it, and the claim states the same value (the same number, weekday,
day, time or candidate; a yes/no recount claim covers a percentage in its
quote). It shows each such claim's verdict.

Any other figure is **uncovered**, and a claim is proposed for it: the metric
from the figure's kind and the words around it, the candidate nearest to it,
the event whose id and title share most words with the sentence, the tally
whose stage the sentence names (else the latest one, published by the end of
the source's day, that has the figure), the sentence as the quote and the
figure as the stated phrase. The proposals are added to the file in memory and
judged by the claim engine of `certcli check`, so the verdict shown is the
verdict the pasted claim gets.

A figure no claim can state (an ordinal, a year, a duration in years, a live
blog's entry time, a figure about the nation, one with no event or tally to
measure) is **unmappable**, listed with its sentence and why. A claim of the
source whose quote is not in the article is **stale**.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from certcli.articles.figures import Figure, find_figures, name_forms
from certcli.articles.judge import judge
from certcli.articles.propose import Context, propose
from certcli.articles.text import SAME_QUOTES, Article
from certcli.articles.values import claim_keys, figure_keys
from certcli.claims.findings import ClaimResult
from certcli.core.errors import DataError, Problem, UsageError
from certcli.core.text import listing
from certcli.datafile.models import Metric
from certcli.loaded.contest import Contest

FORMAT = "certcli-scan/1"
Status = Literal["covered", "uncovered", "unmappable"]

# Figures of each kind, and the metrics that can state them.
_METRICS_OF_KIND: dict[str, frozenset[str]] = {
    "count": frozenset(
        {
            "votes",
            "margin",
            "total",
            "units_certified",
            "units_total",
            "electoral_votes",
            "electoral_surplus",
            "state_electoral_votes",
            "units_won",
            "units_changed",
            "units_flipped",
            "audit_sample_size",
        }
    ),
    "electoral": frozenset(
        {"electoral_votes", "electoral_surplus", "state_electoral_votes"}
    ),
    "electoral_surplus": frozenset({"electoral_surplus"}),
    "percent": frozenset({"share", "margin_percent", "recount_eligible"}),
    "date": frozenset({"date", "weekday", "time"}),
    "weekday": frozenset({"weekday", "time"}),
    "time": frozenset({"time", "weekday", "date"}),
    "duration": frozenset({"duration"}),
    "leader": frozenset({"leader"}),
}


@dataclass(frozen=True)
class FigureScan:
    """One figure and what became of it."""

    figure: Figure
    line: int
    column: int
    status: Status
    # covered: the claims that cover it; uncovered: the proposed claim's verdict
    claims: tuple[ClaimResult, ...] = ()
    proposal: Mapping[str, Any] | None = None  # the proposed claim, as written
    reason: str | None = None  # unmappable: why


@dataclass(frozen=True)
class ScanResult:
    """What `certcli scan` found in one article."""

    article: str
    data: str
    source: str
    published: date | datetime
    new_source: Mapping[str, Any] | None  # a source to add, when the file has none
    figures: tuple[FigureScan, ...]
    stale: tuple[ClaimResult, ...]
    notes: tuple[str, ...] = ()  # what the reader should know before trusting it
    format: str = field(default=FORMAT)

    def count(self, status: Status) -> int:
        return sum(1 for figure in self.figures if figure.status == status)

    @property
    def exit_code(self) -> int:
        """1 when a figure is uncovered or a claim is stale, else 0."""
        return 1 if self.count("uncovered") or self.stale else 0

    @property
    def proposals(self) -> list[Mapping[str, Any]]:
        return [f.proposal for f in self.figures if f.proposal is not None]


def source_for(contest: Contest, article: Path) -> str | None:
    """The source whose `file:` or `document` names the article's file (by its
    name)."""
    for source_id, source in contest.model.sources.items():
        named = [name for name in (source.file, source.document) if name]
        if any(Path(name).name == article.name for name in named):
            return source_id
    return None


def scan(
    contest: Contest,
    article: Article,
    *,
    source: str | None,
    published: date | datetime | None = None,
    article_path: Path | None = None,
) -> ScanResult:
    """Every figure of `article` against the claims of `source` (None: a new
    source, published on `published` or the article's own date)."""
    from certcli.claims.verdicts import evaluate

    model = contest.model
    new_source: dict[str, Any] | None = None
    day = published or article.published
    if source is None:
        if day is None:
            known = listing(sorted(model.sources)) or "none"
            raise UsageError(
                f"no source of {contest.file} names {article.file} as its document;"
                f" give --source ID (sources: {known}), or --published DATE to"
                " propose a new source"
                + "".join(f" ({note})" for note in article.notes)
            )
        source = _new_source_id(article_path or Path(article.file), model.sources)
        new_source = {
            "title": _headline(article),
            "published": day.isoformat(),
            "document": (article_path or Path(article.file)).name,
        }
    elif source not in model.sources:
        known = listing(sorted(model.sources)) or "none"
        raise UsageError(f"unknown source {source!r} (sources: {known})")
    source_published: date | datetime
    if new_source is None:
        source_published = model.sources[source].published
    else:
        assert day is not None
        source_published = day

    names = name_forms((key, c.name) for key, c in model.candidates.items())
    figures = find_figures(article.text, names)
    verdicts = {result.id: result for result in evaluate(contest, contest.timeline)}
    own = [claim for claim in model.claims if claim.source == source]
    searchable = article.searchable
    spans = {claim.id: _quote_spans(searchable, claim.quote) for claim in own}
    stale = tuple(verdicts[claim.id] for claim in own if not spans[claim.id])

    scanned: list[FigureScan | None] = []
    wanted: list[tuple[int, dict[str, Any]]] = []
    ids = _Ids(claim.id for claim in model.claims)
    context = Context(contest, source, source_published, names)
    for index, figure in enumerate(figures):
        line, column = article.where(figure.start)
        covering = [
            verdicts[claim.id]
            for claim in own
            if _covers(contest, claim.metric, claim.stated, spans[claim.id], figure)
        ]
        if covering:
            scanned.append(FigureScan(figure, line, column, "covered", tuple(covering)))
            continue
        proposal = propose(context, figure)
        if isinstance(proposal, str):
            scanned.append(
                FigureScan(figure, line, column, "unmappable", reason=proposal)
            )
            continue
        proposal["id"] = ids.for_figure(source, figure, proposal["metric"])
        wanted.append((index, _ordered(proposal)))
        scanned.append(None)

    judged = judge(contest, source, new_source, [claim for _, claim in wanted])
    for (index, claim), outcome in zip(wanted, judged, strict=True):
        figure = figures[index]
        line, column = article.where(figure.start)
        if isinstance(outcome, str):
            scanned[index] = FigureScan(
                figure, line, column, "unmappable", reason=outcome
            )
        else:
            scanned[index] = FigureScan(
                figure, line, column, "uncovered", (outcome,), claim
            )
    return ScanResult(
        article.file,
        contest.file,
        source,
        source_published,
        new_source,
        tuple(f for f in scanned if f is not None),
        stale,
        _notes(contest, article, figures),
    )


def _notes(
    contest: Contest, article: Article, figures: list[Figure]
) -> tuple[str, ...]:
    """What the reading of the article found (a date that is no date), and a
    story that never names the file's state: it is likely about another one,
    and its proposals judge its figures by the wrong contest's numbers."""
    state = contest.model.election.jurisdiction
    # "Pima County, Arizona" is named by "Pima County" as by "Arizona".
    parts = [part.strip().casefold() for part in state.split(",") if part.strip()]
    text = article.text.casefold()
    if figures and parts and not any(part in text for part in parts):
        return (
            *article.notes,
            f"the article never names {state}, the data file's jurisdiction:"
            " its figures may be about another contest",
        )
    return article.notes


# --- coverage -------------------------------------------------------------------


def _quote_spans(searchable: str, quote: str) -> list[tuple[int, int]]:
    """Where the quote is in the article (white space collapsed, quotes straight)."""
    wanted = " ".join(quote.split()).translate(SAME_QUOTES)
    if not wanted:
        return []
    found = []
    start = searchable.find(wanted)
    while start >= 0:
        found.append((start, start + len(wanted)))
        start = searchable.find(wanted, start + 1)
    return found


def _covers(
    contest: Contest,
    metric: Metric,
    stated: str,
    spans: list[tuple[int, int]],
    figure: Figure,
) -> bool:
    # the occurrences of one quote have one length: the last to start at or
    # before the figure ends last
    at = bisect_right(spans, (figure.start, len(spans) and spans[-1][1] + 1)) - 1
    if at < 0 or spans[at][1] < figure.end:
        return False
    if metric.value not in _METRICS_OF_KIND.get(figure.kind, frozenset()):
        return False
    said = claim_keys(contest, metric.value, stated)
    if said is None:  # a yes/no answer: any figure of its kind in its quote
        return True
    figure_said = figure_keys(contest, figure)
    if metric.value in ("margin", "margin_percent"):
        # a trailing candidate's margin is negative: "Trump lost by 12,670
        # votes" is Trump's margin of -12,670
        said, figure_said = _unsigned(said), _unsigned(figure_said)
    return bool(said & figure_said)


def _unsigned(keys: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    return {("number", abs(key[1])) if key[0] == "number" else key for key in keys}


# --- ids and order --------------------------------------------------------------


_KEY_ORDER = (
    "id", "source", "quote", "metric", "candidate", "opponent", "tally", "event",
    "part", "from", "from_part", "to", "to_part", "stated",
)  # fmt: skip


def _ordered(claim: Mapping[str, Any]) -> dict[str, Any]:
    return {key: claim[key] for key in _KEY_ORDER if key in claim}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40].strip("-")


class _Ids:
    """Ids not taken yet: `base`, else `base-2`, `base-3`...; each base
    remembers the next number to try, so many figures alike cost one try each."""

    def __init__(self, taken: Iterable[str]) -> None:
        self._taken = set(taken)
        self._next: dict[str, int] = {}

    def new(self, base: str) -> str:
        candidate, n = base, self._next.get(base, 2)
        while candidate in self._taken:
            candidate, n = f"{base}-{n}", n + 1
        self._next[base] = n
        self._taken.add(candidate)
        return candidate

    def for_figure(self, source: str, figure: Figure, metric: str) -> str:
        slug = _slug(figure.stated) or "figure"
        return self.new(f"{source}-{metric.replace('_', '-')}-{slug}")


def _new_source_id(path: Path, sources: Iterable[str]) -> str:
    return _Ids(sources).new(_slug(path.stem) or "article")


def _headline(article: Article) -> str:
    first = article.text.split("\n\n", 1)[0].strip()
    return first if len(first) <= 120 else first[:117].rstrip() + "..."


# --- the articles of a data file, for `certcli check` -------------------------


def scan_articles(
    contest: Contest, directory: Path | None
) -> tuple[list[ScanResult], list[Problem]]:
    """Each source's article scanned against the file: its `file:` (relative to
    the data file), else the file in `directory` that its `document` names;
    and the located problems of the articles that cannot be read."""
    from certcli.articles.text import read_article

    results: list[ScanResult] = []
    problems: list[Problem] = []
    base = Path(contest.file).parent
    for source_id, source in contest.model.sources.items():
        path: Path | None = None
        if source.file is not None:
            path = base / source.file
        elif directory is not None and source.document is not None:
            candidate = directory / Path(source.document).name
            path = candidate if candidate.is_file() else None
        if path is None:
            continue
        try:
            article = read_article(path)
        except DataError as err:
            if source.file is None:
                problems += err.problems
                continue
            line, column = contest.where(("sources", source_id, "file"))
            problems += [
                Problem(
                    contest.file,
                    line,
                    column,
                    f"sources.{source_id}.file",
                    f"article {problem.file}:{problem.line}:{problem.column}:"
                    f" {problem.message}",
                )
                for problem in err.problems
            ]
            continue
        results.append(scan(contest, article, source=source_id, article_path=path))
    return results, problems
