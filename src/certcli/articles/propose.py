"""The claim proposed for an uncovered figure: its metric from the figure's
kind and the words around it, the candidate it belongs to (`whose`), the event
whose id and title share most words with the sentence, the tally whose stage
the sentence names (else the latest one, published by the end of the
source's day, that has the figure); or why no claim can state it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from certcli.articles.figures import TIME_ZONES, Figure
from certcli.articles.unsure import unsure
from certcli.articles.values import figure_keys
from certcli.articles.whose import (
    CLAUSE,
    Margin,
    candidate_of,
    named_in,
    offset_in_sentence,
    read_margin,
)
from certcli.claims.verdicts import local_day
from certcli.datafile.models import Tally
from certcli.loaded.contest import Contest, moment_of

# The figure itself counts counties: "159 counties", "92 of 159 counties",
# "30 of Georgia's 159 counties"
_UNIT_WORDS = re.compile(
    r"\s*(?:(?:out )?of (?:the |all |its |[A-Z][a-z]+['\u2019]s )?[0-9,]+ )?"
    r"(?:[A-Z][a-z]+ )?count(?:y|ies)\b",
    re.IGNORECASE,
)
_UNITS_OF = re.compile(r"\b(?:out )?of (?:the |all |its |[A-Z][a-z]+['\u2019]s )?\Z")
_WON_UNITS = re.compile(r"\b(?:won|wins|carried|carries|flipped|flips|took)\b")
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
    if figure.kind == "range":
        return "a range of numbers, not one figure: no claim states it"
    if figure.kind == "unclear":
        return (
            "a number that cannot be read for sure (a decimal comma, a point or"
            " a comma that does not group thousands, thousands grouped with"
            " spaces, or an abbreviated scale such as 'm' with no votes after it)"
        )
    if _NATION.search(sentence) and figure.kind in ("leader", "count", "percent"):
        return "about the nation, not this contest"
    if figure.kind in ("leader", "count", "percent"):
        why = unsure(figure, context.contest.model.election.election_day.year)
        if why is not None:
            return why
    claim: dict[str, Any] = {
        "source": context.source,
        "quote": sentence,
        "stated": figure.stated,
    }
    chosen = _PROPOSERS[figure.kind](context, figure, claim)
    return chosen if isinstance(chosen, str) else claim


def _with_margin(
    context: Context,
    figure: Figure,
    claim: dict[str, Any],
    margin: Margin,
    metric: str,
) -> str | None:
    claim.update(metric=metric, candidate=margin.candidate)
    if margin.opponent is not None:
        claim["opponent"] = margin.opponent
    if margin.negative:
        if re.search(r"[-\u2212]", claim["stated"]):
            return "a trailing margin written with a minus sign: its sign is unclear"
        # the trailing candidate's margin is negative ("nearly -12,000")
        claim["stated"] = re.sub(r"(?=[0-9])", "-", claim["stated"], count=1)
    return _with_tally(context, claim, figure.sentence.text)


def _count(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    model = context.contest.model
    before, after = offset_in_sentence(figure)
    sentence = figure.sentence.text
    candidate, unclear = candidate_of(context.names, figure)
    units = model.election.reporting_units
    if re.match(r" more than (?:he|she|they|it|needed|is needed)", after):
        if candidate is None:
            return "a surplus of electoral votes, but " + (
                unclear or "no candidate is named"
            )
        claim.update(metric="electoral_surplus", candidate=candidate)
        return None
    if units is not None and _UNIT_WORDS.match(after):
        if _UNITS_OF.search(before):
            claim["metric"] = "units_total"
            return None
        if _WON_UNITS.search(CLAUSE.split(before)[-1]):
            return "counties a candidate won, not counties certified"
        claim["metric"] = "units_certified"
        return _with_tally(context, claim, sentence)
    if re.match(r"\s*points?\b", after):
        return "points, not said to be percentage points"
    if re.search(r"[0-9]\.[0-9]", figure.stated) and not re.search(
        r"\b(?:thousand|million|billion)\b", figure.stated, re.IGNORECASE
    ):
        return (
            "a count with a decimal point and no 'thousand' or 'million': a"
            " thousands separator or a decimal is unclear"
        )
    margin = read_margin(context.names, figure)
    if isinstance(margin, str):
        return margin
    if margin is not None:
        return _with_margin(context, figure, claim, margin, "margin")
    if re.search(r"[-\u2212][0-9]", figure.stated):
        return "a negative count that is not said to be a margin"
    if unclear is not None:
        # two candidates could own it: never anyone's votes, nor the total
        return unclear
    if candidate is not None and re.match(r"\s*(?:votes?\b|[,.;(]|$| and\b)", after):
        claim.update(metric="votes", candidate=candidate)
        return _with_tally(context, claim, sentence)
    if re.match(r"\s*(?:total )?(?:votes|ballots)\b", after):
        if named_in(context.names, CLAUSE.split(before)[-1]) and not re.search(
            r"\b(?:out )?of (?:the |all |about )?\Z", before
        ):
            # "Biden and Trump received 2,474,507 and 2,461,837 votes": some
            # candidate's, whose unclear; "2,474,507 of the 4,998,482 votes"
            # is the total
            return (
                "a count of votes in a clause that names a candidate, but whose"
                " figure it is is unclear"
            )
        claim["metric"] = "total"
        return _with_tally(context, claim, sentence)
    return "a count of something no metric measures (not votes, a margin or units)"


def _electoral(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    model = context.contest.model
    sentence = figure.sentence.text
    jurisdiction = model.election.jurisdiction
    candidate, unclear = candidate_of(context.names, figure)
    if re.search(r"\bstate\b|\bstate['\u2019]s\b", sentence, re.IGNORECASE) or (
        jurisdiction and jurisdiction in sentence
    ):
        claim["metric"] = "state_electoral_votes"
    elif unclear is not None:
        return unclear
    elif candidate is not None:
        claim.update(metric="electoral_votes", candidate=candidate)
    else:
        claim["metric"] = "state_electoral_votes"
    return None


def _surplus(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    candidate, unclear = candidate_of(context.names, figure)
    if candidate is None:
        return "more than enough electoral votes, but " + (
            unclear or "no candidate is named"
        )
    claim.update(metric="electoral_surplus", candidate=candidate)
    return None


def _percent(context: Context, figure: Figure, claim: dict[str, Any]) -> str | None:
    if "/" in figure.stated:
        return "a fraction with no exact decimal (such as 1/3)"
    margin = read_margin(context.names, figure)
    if isinstance(margin, str):
        return margin
    if margin is not None:
        return _with_margin(context, figure, claim, margin, "margin_percent")
    candidate, unclear = candidate_of(context.names, figure)
    if candidate is None:
        return "a percentage, but " + (unclear or "no candidate is named")
    if "point" in figure.text.casefold():
        # "up 2.5 percentage points": a change of the candidate's margin
        claim.update(metric="margin_percent", candidate=candidate)
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
    zone = re.search(r"\b(" + "|".join(TIME_ZONES) + r")\b", figure.text)
    if zone is not None and not _same_zone(
        context, ZoneInfo(TIME_ZONES[zone.group(1)])
    ):
        return (
            f"a time in {zone.group(1)}, not in the election's time zone"
            f" ({context.contest.model.election.timezone})"
        )
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


def _same_zone(context: Context, zone: ZoneInfo) -> bool:
    """Whether a zone keeps the election's clock all year round."""
    own = context.contest.zone
    year = context.contest.model.election.election_day.year
    return all(
        datetime(year, month, 15, 12, tzinfo=zone).utcoffset()
        == datetime(year, month, 15, 12, tzinfo=own).utcoffset()
        for month in range(1, 13)
    )


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
    before, after = offset_in_sentence(figure)
    before = CLAUSE.split(before)[-1][-60:]
    after = CLAUSE.split(after)[0][:30]
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
