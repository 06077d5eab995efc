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
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from certcli.articles.figures import Figure, find_figures, name_forms
from certcli.articles.text import SAME_QUOTES, Article
from certcli.claims import local_day
from certcli.contest import Contest, moment_of
from certcli.errors import DataError, Problem, UsageError
from certcli.findings import ClaimResult
from certcli.located import Located, listing
from certcli.models import Metric, Tally

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
_MARGIN_WORDS = re.compile(
    r"\b(?:margin|lead|leads|leading|ahead|separat\w*|gap)\b", re.IGNORECASE
)
_UNIT_WORDS = re.compile(r"\bcount(?:y|ies)\b", re.IGNORECASE)
_NATION = re.compile(r"\bnation(?:al|wide|ally)?\b", re.IGNORECASE)
_STAGE_WORDS: dict[str, re.Pattern[str]] = {
    "certified": re.compile(r"\b(?:certif\w*|final)\b", re.IGNORECASE),
    "audit": re.compile(r"\b(?:audit\w*|hand)\b", re.IGNORECASE),
    "recount": re.compile(r"\bmachine recount\b", re.IGNORECASE),
    "recertified": re.compile(r"\brecertif\w*\b", re.IGNORECASE),
}
_END_WORDS = re.compile(
    r"\b(?:until|deadline|by|end|ends|close|closes|last)\b", re.IGNORECASE
)
_CLAUSE = re.compile(r"[;:]\s|,\s(?:and|but|while|whereas)\s|\s(?:but|while)\s")
_DEADLINE_WORDS = re.compile(
    r"\b(?:deadline|until|by|must|due|no later|required|has to|have to)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "this",
        "from",
        "have",
        "has",
        "had",
        "will",
        "would",
        "their",
        "there",
        "been",
        "were",
        "into",
        "than",
        "then",
        "them",
        "they",
        "what",
        "when",
        "which",
        "while",
        "about",
        "after",
        "before",
        "said",
        "says",
        "also",
        "more",
        "most",
        "only",
        "over",
        "such",
        "some",
        "state",
        "state's",
    ]
)


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
    """The source whose `document` names the article's file (by its name)."""
    for source_id, source in contest.model.sources.items():
        if source.document is not None and Path(source.document).name == article.name:
            return source_id
    return None


def scan(
    contest: Contest,
    article: Article,
    *,
    source: str | None,
    published: date | None = None,
    article_path: Path | None = None,
) -> ScanResult:
    """Every figure of `article` against the claims of `source` (None: a new
    source, published on `published` or the article's own date)."""
    from certcli.claims import evaluate

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
    context = _Context(contest, source, source_published, names)
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
    )


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
    claim_keys = _claim_keys(contest, metric.value, stated)
    if claim_keys is None:  # a yes/no answer: any figure of its kind in its quote
        return True
    return bool(claim_keys & figure_keys(contest, figure))


def figure_keys(contest: Contest, figure: Figure) -> set[tuple[Any, ...]]:
    """What a figure says, as comparable keys (number, weekday, day, time, leader)."""
    metric = {
        "count": "votes",
        "electoral": "votes",
        "electoral_surplus": "electoral_surplus",
        "percent": "share",
        "weekday": "weekday",
        "date": "date",
        "time": "time",
        "duration": "duration",
        "leader": "leader",
    }.get(figure.kind)
    if metric is None:
        return set()
    if figure.kind == "percent":
        # a margin may be negative and above 100 points nowhere: read as a margin
        metric = "margin_percent"
    return _claim_keys(contest, metric, figure.stated) or set()


def _claim_keys(
    contest: Contest, metric: str, stated: str
) -> set[tuple[Any, ...]] | None:
    from certcli.claims import tolerances
    from certcli.stated import (
        StatedAnswer,
        StatedCandidate,
        StatedDate,
        StatedDuration,
        StatedError,
        StatedNumber,
        StatedTime,
        StatedWeekday,
        parse_stated,
    )

    try:
        parsed = parse_stated(
            metric,
            stated,
            tolerances(contest.model.policy),
            contest.model.election.election_day,
        )
    except StatedError:
        return set()
    if isinstance(parsed, StatedAnswer):
        return None
    if isinstance(parsed, StatedNumber):
        return {("number", parsed.value)}
    if isinstance(parsed, StatedDuration):
        return {("duration", parsed.number.value, parsed.unit)}
    if isinstance(parsed, StatedWeekday):
        return {("weekday", parsed.weekday)}
    if isinstance(parsed, StatedDate):
        keys: set[tuple[Any, ...]] = {("day", parsed.day)}
        if parsed.weekday is not None:
            keys.add(("weekday", parsed.weekday))
        return keys
    if isinstance(parsed, StatedTime):
        keys = {("time", parsed.at)}
        if parsed.weekday is not None:
            keys.add(("weekday", parsed.weekday))
        if parsed.day is not None:
            keys.add(("day", parsed.day))
        return keys
    assert isinstance(parsed, StatedCandidate)
    from certcli import tallies

    try:
        return {("leader", tallies.candidate_key(contest, stated))}
    except UsageError:
        return set()


# --- proposals ------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    contest: Contest
    source: str
    published: date | datetime
    names: dict[str, str]

    @property
    def end(self) -> datetime:
        """The last moment the source knows: its time, or the end of its day."""
        zone = self.contest.zone
        if isinstance(self.published, datetime):
            return moment_of(self.published, zone)
        return moment_of(self.published + timedelta(days=1), zone) - timedelta(
            microseconds=1
        )


def propose(context: _Context, figure: Figure) -> dict[str, Any] | str:
    """The claim for an uncovered figure, or why there can be none."""
    sentence = figure.sentence.text
    if figure.entry_time:
        return (
            "the time of a live blog's entry: it dates the entry and states no figure"
        )
    if figure.kind == "ordinal":
        return "an ordinal: no metric states it"
    if figure.kind == "year":
        return "a year: no metric states it"
    if _NATION.search(sentence) and figure.kind in ("leader", "count", "percent"):
        return "about the nation, not this contest"
    claim: dict[str, Any] = {
        "source": context.source,
        "quote": sentence,
        "stated": figure.stated,
    }
    chosen = _PROPOSERS[figure.kind](context, figure, claim)
    return chosen if isinstance(chosen, str) else claim


def _offset_in_sentence(figure: Figure) -> tuple[str, str]:
    at = figure.start - figure.sentence.start
    text = figure.sentence.text
    return text[:at], text[at + len(figure.text) :]


def _nearest_candidate(context: _Context, figure: Figure) -> str | None:
    """The candidate named nearest to the figure in its sentence (before it
    on a tie)."""
    before, after = _offset_in_sentence(figure)
    best: tuple[int, int, str] | None = None
    for name, key in context.names.items():
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        for match in pattern.finditer(before):
            distance = len(before) - match.end()
            best = min(best or (distance, 0, key), (distance, 0, key))
        for match in pattern.finditer(after):
            distance = match.start()
            best = min(best or (distance, 1, key), (distance, 1, key))
    return None if best is None else best[2]


def _count(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    model = context.contest.model
    before, after = _offset_in_sentence(figure)
    sentence = figure.sentence.text
    candidate = _nearest_candidate(context, figure)
    units = model.election.reporting_units
    if re.match(r" more than (?:he|she|they|it|needed|is needed)", after):
        if candidate is None:
            return "a surplus of electoral votes, but no candidate is named"
        claim.update(metric="electoral_surplus", candidate=candidate)
        return None
    if units is not None and _UNIT_WORDS.search(sentence):
        total = re.search(r"\b(?:out )?of\s*$", before) is not None
        claim["metric"] = "units_total" if total else "units_certified"
        if not total:
            return _with_tally(context, claim, sentence)
        return None
    if _MARGIN_WORDS.search(before):
        if candidate is None:
            return "a margin, but no candidate is named"
        claim.update(metric="margin", candidate=candidate)
        return _with_tally(context, claim, sentence)
    if candidate is not None and re.match(r"\s*(?:votes?\b|[,.;]|$| and\b)", after):
        claim.update(metric="votes", candidate=candidate)
        return _with_tally(context, claim, sentence)
    if re.match(r"\s*(?:total )?(?:votes|ballots)\b", after):
        claim["metric"] = "total"
        return _with_tally(context, claim, sentence)
    return "a count of something no metric measures (not votes, a margin or units)"


def _electoral(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    model = context.contest.model
    sentence = figure.sentence.text
    jurisdiction = model.election.jurisdiction
    candidate = _nearest_candidate(context, figure)
    if re.search(r"\bstate\b|\bstate['\u2019]s\b", sentence, re.IGNORECASE) or (
        jurisdiction and jurisdiction in sentence
    ):
        claim["metric"] = "state_electoral_votes"
    elif candidate is not None:
        claim.update(metric="electoral_votes", candidate=candidate)
    else:
        claim["metric"] = "state_electoral_votes"
    return None


def _surplus(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    candidate = _nearest_candidate(context, figure)
    if candidate is None:
        return "more than enough electoral votes, but no candidate is named"
    claim.update(metric="electoral_surplus", candidate=candidate)
    return None


def _percent(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    before, _ = _offset_in_sentence(figure)
    candidate = _nearest_candidate(context, figure)
    if candidate is None:
        return "a percentage, but no candidate is named"
    points = "point" in figure.text.casefold()
    if points or _MARGIN_WORDS.search(before):
        claim.update(metric="margin_percent", candidate=candidate)
    else:
        claim.update(metric="share", candidate=candidate)
    return _with_tally(context, claim, figure.sentence.text)


def _leader(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    assert figure.candidate is not None
    full = context.contest.model.candidates[figure.candidate].name
    claim["metric"] = "leader"
    if claim["stated"] not in (figure.candidate, full):
        claim["stated"] = figure.candidate
    return _with_tally(context, claim, figure.sentence.text)


def _day(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    claim["metric"] = "weekday" if figure.kind == "weekday" else "date"
    if figure.kind == "weekday":
        claim["stated"] = figure.stated
    return _with_event(context, figure, claim, timed=False)


def _time(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    claim["metric"] = "time"
    return _with_event(context, figure, claim, timed=True)


def _duration(context: _Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    from certcli.claims import tolerances
    from certcli.stated import StatedError, parse_duration

    try:
        parse_duration(figure.stated, tolerances(context.contest.model.policy))
    except StatedError:
        return (
            "a duration in a unit certcli does not measure (hours, days, business"
            " days or weeks)"
        )
    claim["metric"] = "duration"
    ranked = _events_by_words(context, figure)
    if not ranked:
        return "a duration, but no event of the file shares a word with the sentence"
    timeline = context.contest.timeline
    best = ranked[0]
    if timeline.get(best).is_span:
        claim.update({"from": best, "from_part": "start", "to": best, "to_part": "end"})
        return None
    said = _words(figure.sentence.text)
    words = {
        event_id: said & _words(_event_text(context, event_id))
        for event_id in ranked[:2]
    }
    if len(ranked) < 2 or any(
        not (words[one] - words[other])
        for one, other in (ranked[:2], ranked[1::-1][:2])
    ):
        return (
            "a duration, but no two events of the file fit the sentence, each"
            " by a word of its own"
        )
    first, second = sorted(ranked[:2], key=lambda e: timeline.get(e).day("start"))
    claim.update({"from": first, "to": second})
    return None


_PROPOSERS = {
    "count": _count,
    "electoral": _electoral,
    "electoral_surplus": _surplus,
    "percent": _percent,
    "leader": _leader,
    "weekday": _day,
    "date": _day,
    "time": _time,
    "duration": _duration,
}


def _words(text: str) -> set[str]:
    """Words of four letters or more, cut to their first six (a crude stem:
    certify, certified and certification are one word)."""
    return {
        word[:6]
        for word in re.findall(r"[a-z0-9']+", text.casefold())
        if len(word) >= 4 and word not in _STOP
    }


def _near(figure: Figure) -> str:
    """The words around a figure in its clause (up to 60 characters before it,
    30 after): what a sentence of several clauses says about this figure."""
    before, after = _offset_in_sentence(figure)
    before = _CLAUSE.split(before)[-1][-60:]
    after = _CLAUSE.split(after)[0][:30]
    return before + " " + figure.text + " " + after


def _events_by_words(
    context: _Context, figure: Figure, on: date | None = None
) -> list[str]:
    """Event ids that share a word with the sentence, most shared words first,
    a word near the figure counting three times (ties in file order); a
    deadline only when a word near the figure says something is due ("by",
    "until", "must"); with `on`, only events that take place that day."""
    said, near = _words(figure.sentence.text), _words(_near(figure))
    timeline = context.contest.timeline
    deadline = _DEADLINE_WORDS.search(_near(figure)) is not None
    scored = []
    for index, event in enumerate(context.contest.model.events):
        if on is not None and not _takes_place_on(timeline.get(event.id), on):
            continue
        if event.kind.value == "deadline" and not deadline:
            continue
        words = _words(_event_text(context, event.id))
        shared = len(said & words) + 2 * len(near & words)
        if shared:
            scored.append((-shared, index, event.id))
    return [event_id for _, _, event_id in sorted(scored)]


def _event_text(context: _Context, event_id: str) -> str:
    title = next(e.title for e in context.contest.model.events if e.id == event_id)
    return event_id.replace("-", " ") + " " + title


def _keys_have_day(context: _Context, figure: Figure) -> bool:
    return any(
        key[0] in ("weekday", "day") for key in figure_keys(context.contest, figure)
    )


def _takes_place_on(event: Any, day: date) -> bool:
    return bool(event.day("start") <= day <= event.day("end"))


def _with_event(
    context: _Context, figure: Figure, claim: dict[str, Any], *, timed: bool
) -> str | None:
    timeline = context.contest.timeline
    # A clock time with no day in it is a time of the day the source was published.
    on = None
    if figure.kind == "time" and not _keys_have_day(context, figure):
        on = local_day(context.published, context.contest.zone)
    ranked = _events_by_words(context, figure, on)
    if not ranked:
        where = "" if on is None else f" on {on.isoformat()}, the day of the source,"
        return f"no event of the file{where} shares a word with the sentence"
    part = "end" if _END_WORDS.search(figure.sentence.text) else "start"
    if timed:
        with_time = [
            e for e in ranked if timeline.get(e).time(_part(timeline, e, part))
        ]
        ranked = with_time or ranked
    event = ranked[0]
    claim["event"] = event
    if timeline.get(event).is_span:
        claim["part"] = part
    return None


def _part(timeline: Any, event: str, part: str) -> Literal["start", "end"]:
    return "end" if part == "end" and timeline.get(event).is_span else "start"


def _has_figure(tally: Tally, metric: str, candidate: str | None) -> bool:
    from certcli import tallies

    if metric == "votes":
        return tallies.votes_of(tally, candidate) is not None
    if metric == "share":
        return tallies.share(tally, candidate or "") is not None
    if metric == "margin":
        return tallies.margin_votes(tally, candidate or "") is not None
    if metric == "margin_percent":
        return tallies.margin_percent(tally, candidate or "") is not None
    if metric == "total":
        return tallies.tally_total(tally) is not None
    if metric == "units_certified":
        return tally.units_certified is not None
    if metric == "leader":
        return tallies.top_two(tally)[0] is not None
    return True


def _with_tally(context: _Context, claim: dict[str, Any], sentence: str) -> str | None:
    """The tally whose stage the sentence names, else the latest known to the
    source (by the end of its day) that has the figure."""
    contest = context.contest
    known = [
        tally
        for tally in contest.tallies_in_time
        if moment_of(tally.as_of, contest.zone) <= context.end
        and _has_figure(tally, claim["metric"], claim.get("candidate"))
    ]
    if not known:
        return (
            f"no tally known to source {context.source} by its publication has"
            f" the figure ({claim['metric']})"
        )
    named = [
        tally
        for tally in known
        if tally.stage.value in _STAGE_WORDS
        and _STAGE_WORDS[tally.stage.value].search(sentence)
    ]
    claim["tally"] = (named or known)[-1].id
    return None


# --- judging the proposals with the claim engine --------------------------------


def judge(
    contest: Contest,
    source: str,
    new_source: Mapping[str, Any] | None,
    proposals: list[dict[str, Any]],
) -> list[ClaimResult | str]:
    """Each proposed claim's verdict, as `certcli check` gives it once the
    claim is in the file; or the loader's message when the file would refuse it."""
    outcomes: dict[int, ClaimResult | str] = {}
    pending = list(range(len(proposals)))
    while pending:
        try:
            results = _evaluate_with(
                contest, source, new_source, [proposals[i] for i in pending]
            )
        except DataError as err:
            refused = _refused(err, len(contest.model.claims), pending)
            if not refused:
                raise
            for position, message in refused.items():
                outcomes[position] = f"the file would refuse the claim: {message}"
            pending = [i for i in pending if i not in refused]
            continue
        outcomes.update(zip(pending, results, strict=True))
        break
    return [outcomes[i] for i in range(len(proposals))]


def _refused(err: DataError, first: int, pending: list[int]) -> dict[int, str]:
    refused: dict[int, str] = {}
    for problem in err.problems:
        found = re.match(r"claims\[([0-9]+)\]", problem.path)
        if found is not None:
            at = int(found.group(1)) - first
            if 0 <= at < len(pending):
                refused.setdefault(pending[at], problem.message)
    return refused


def _evaluate_with(
    contest: Contest,
    source: str,
    new_source: Mapping[str, Any] | None,
    proposals: list[dict[str, Any]],
) -> list[ClaimResult]:
    from certcli.claims import evaluate
    from certcli.units import with_unit_figures
    from certcli.validation import validate_model

    data = dict(contest.located.data)
    if new_source is not None:
        data["sources"] = {**(data.get("sources") or {}), source: dict(new_source)}
    existing = list(data.get("claims") or [])
    data["claims"] = existing + [dict(claim) for claim in proposals]
    located = Located(
        contest.located.file, data, contest.located.values, contest.located.keys
    )
    model = validate_model(located)
    if contest.units:
        model = with_unit_figures(model, contest.units)
    extended = Contest(model, located, contest.units)
    return list(evaluate(extended, extended.timeline)[len(existing) :])


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
