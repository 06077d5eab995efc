"""The claim proposed for an uncovered figure: its metric from the figure's
kind and the words around it, the candidate named nearest to it, the event
whose id and title share most words with the sentence, the tally whose stage
the sentence names (else the latest one, published by the end of the
source's day, that has the figure); or why no claim can state it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal

from certcli.articles.figures import Figure
from certcli.articles.values import figure_keys
from certcli.claims.verdicts import local_day
from certcli.datafile.models import Tally
from certcli.loaded.contest import Contest, moment_of

_MARGIN_WORDS = re.compile(
    r"\b(?:margin|lead|leads|leading|ahead|separat\w*|gap)\b", re.IGNORECASE
)
# "won Georgia by", "beat Trump by": what follows is the winner's margin
_WON_BY = re.compile(
    r"\b(?:won|wins|winning|beat|beats|defeated|defeats|carried|carries)\b"
    r"[^.;]*\bby $",
    re.IGNORECASE,
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


# --- proposals ------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
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
        # the day's last moment, without stepping past the calendar's last day
        return datetime.combine(self.published, time.max, tzinfo=zone)


def propose(context: Context, figure: Figure) -> dict[str, Any] | str:
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


def _clause(figure: Figure) -> tuple[str, str]:
    """The words of the figure's clause before and after it."""
    before, after = _offset_in_sentence(figure)
    return _CLAUSE.split(before)[-1], _CLAUSE.split(after)[0]


def _named(context: Context, text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each candidate named in `text`."""
    found = []
    for name, key in context.names.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            found.append((match.start(), match.end(), key))
    return found


def _nearest_candidate(context: Context, figure: Figure) -> str | None:
    """The candidate named nearest to the figure in its clause, else in its
    sentence (before it on a tie)."""
    for before, after in (_clause(figure), _offset_in_sentence(figure)):
        best = min(
            [(len(before) - end, 0, key) for _, end, key in _named(context, before)]
            + [(start, 1, key) for start, _, key in _named(context, after)],
            default=None,
        )
        if best is not None:
            return best[2]
    return None


def _margin_candidate(context: Context, figure: Figure) -> str | None:
    """Whose margin a figure is: the candidate named last before the word that
    makes it a margin ("Biden leads Trump by", "Biden's lead over Trump"),
    else the one nearest to it; None when it is no margin."""
    before = _clause(figure)[0]
    said = [*_MARGIN_WORDS.finditer(before)]
    won_by = _WON_BY.search(before)
    if won_by is not None:
        said.append(won_by)
    if not said:
        return None
    first = min(match.start() for match in said)
    named = [key for _, end, key in sorted(_named(context, before)) if end <= first]
    return named[-1] if named else _nearest_candidate(context, figure)


def _count(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
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
    if re.match(r"\s*points?\b", after):
        return "points, not said to be percentage points"
    if _MARGIN_WORDS.search(before) or _WON_BY.search(_clause(figure)[0]):
        leading = _margin_candidate(context, figure) or candidate
        if leading is None:
            return "a margin, but no candidate is named"
        claim.update(metric="margin", candidate=leading)
        return _with_tally(context, claim, sentence)
    if candidate is not None and re.match(r"\s*(?:votes?\b|[,.;]|$| and\b)", after):
        claim.update(metric="votes", candidate=candidate)
        return _with_tally(context, claim, sentence)
    if re.match(r"\s*(?:total )?(?:votes|ballots)\b", after):
        claim["metric"] = "total"
        return _with_tally(context, claim, sentence)
    return "a count of something no metric measures (not votes, a margin or units)"


def _electoral(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
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


def _surplus(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    candidate = _nearest_candidate(context, figure)
    if candidate is None:
        return "more than enough electoral votes, but no candidate is named"
    claim.update(metric="electoral_surplus", candidate=candidate)
    return None


def _percent(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    before, _ = _offset_in_sentence(figure)
    candidate = _nearest_candidate(context, figure)
    if candidate is None:
        return "a percentage, but no candidate is named"
    points = "point" in figure.text.casefold()
    leading = _margin_candidate(context, figure)
    if points or leading is not None or _MARGIN_WORDS.search(before):
        claim.update(metric="margin_percent", candidate=leading or candidate)
    else:
        claim.update(metric="share", candidate=candidate)
    return _with_tally(context, claim, figure.sentence.text)


def _leader(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    assert figure.candidate is not None
    full = context.contest.model.candidates[figure.candidate].name
    claim["metric"] = "leader"
    if claim["stated"] not in (figure.candidate, full):
        claim["stated"] = figure.candidate
    return _with_tally(context, claim, figure.sentence.text)


def _day(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    claim["metric"] = "weekday" if figure.kind == "weekday" else "date"
    if figure.kind == "weekday":
        claim["stated"] = figure.stated
    return _with_event(context, figure, claim, timed=False)


def _time(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    claim["metric"] = "time"
    return _with_event(context, figure, claim, timed=True)


def _duration(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    from certcli.claims.verdicts import tolerances
    from certcli.datafile.stated import StatedError, parse_duration

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
    context: Context, figure: Figure, on: date | None = None
) -> list[str]:
    """Event ids that share a word with the sentence, most shared words first,
    a word near the figure counting three times; of events as like, first
    those on the day or weekday the figure says, then in file order. A
    deadline only when a word near the figure says something is due ("by",
    "until", "must"); with `on`, only events that take place that day."""
    said, near = _words(figure.sentence.text), _words(_near(figure))
    timeline = context.contest.timeline
    deadline = _DEADLINE_WORDS.search(_near(figure)) is not None
    keys = figure_keys(context.contest, figure)
    days = {key[1] for key in keys if key[0] == "day"}
    weekdays = {key[1] for key in keys if key[0] == "weekday"}
    scored = []
    for index, event in enumerate(context.contest.model.events):
        if on is not None and not _takes_place_on(timeline.get(event.id), on):
            continue
        if event.kind.value == "deadline" and not deadline:
            continue
        words = _words(_event_text(context, event.id))
        shared = len(said & words) + 2 * len(near & words)
        if shared:
            start = timeline.get(event.id).day("start")
            said_day = start in days or (not days and start.weekday() in weekdays)
            scored.append((-shared, not said_day, index, event.id))
    return [event_id for *_, event_id in sorted(scored)]


def _event_text(context: Context, event_id: str) -> str:
    title = next(e.title for e in context.contest.model.events if e.id == event_id)
    return event_id.replace("-", " ") + " " + title


def _keys_have_day(context: Context, figure: Figure) -> bool:
    return any(
        key[0] in ("weekday", "day") for key in figure_keys(context.contest, figure)
    )


def _takes_place_on(event: Any, day: date) -> bool:
    return bool(event.day("start") <= day <= event.day("end"))


def _with_event(
    context: Context, figure: Figure, claim: dict[str, Any], *, timed: bool
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
    from certcli.figures import tallies

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


def _with_tally(context: Context, claim: dict[str, Any], sentence: str) -> str | None:
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
