"""Claim verdicts: every reported figure against the tallies and the calendar.

A claim is **consistent** when the computed value lies in the interval its
stated phrase stands for (see `certcli.datafile.stated`), **inconsistent** when it does
not, and **unverifiable** when the file lacks an input the metric needs (a
candidate's votes in a partial tally, a total, a projection, the unit count).

Which tally: the claim's `tally:` when given; otherwise the latest tally whose
`as_of` is at or before its source's `published`, a date-only value counting as
the start of that day in the election's time zone (so a tally at the same
instant counts, and a source dated Nov 20 does not know a tally of Nov 20
16:00). Ties keep the file's order (the later one wins). The chosen tally is
used as it is: if it lacks the figure, the claim is unverifiable (the default
does not reach back to an older tally). A source published on a day without a
time, on a day with a tally, could mean any tally that day could mean (the
latest before the day and each of that day's): when the claim does not hold
for the default, it is judged against each, consistent when it holds for one
and inconsistent when it holds for none that has the figure.

Which projection (`electoral_votes`, `electoral_surplus`): the latest one whose
`as_of` is on or before the day the claim's source was published.

Which recount rule (`recount_eligible`): the claim's `rule:`, else the first
rule of the election.

Times, durations and leaders: a `time` claim compares the event's local time
(and the stated weekday or date) and is unverifiable for an event without one;
a `duration` measures from the end of `from` to the start of `to` in hours
(between instants, exact fractions), calendar days, business days (as date
rules count them) or weeks (days / 7, exact); a `leader` claim holds when the
named candidate has more votes than every other in the tally. A `date` or
`weekday` with `tally:` is the local day of the tally's `as_of`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from certcli.calendar.rules import WEEKDAYS, Timeline, weekday_name
from certcli.claims.findings import Basis, Bounds, ClaimResult
from certcli.core.exact import rounded
from certcli.datafile.models import (
    COUNTED_IN_UNITS,
    Calendar,
    Claim,
    Metric,
    Policy,
    Projection,
    Tally,
    Verdict,
)
from certcli.datafile.stated import (
    Interval,
    StatedAnswer,
    StatedCandidate,
    StatedDate,
    StatedDuration,
    StatedNumber,
    StatedTime,
    StatedWeekday,
    Tolerances,
    parse_stated,
)
from certcli.loaded.contest import Contest, moment_of


def local_day(value: date | datetime, zone: ZoneInfo) -> date:
    """The day of a date or date-time in `zone`."""
    if isinstance(value, datetime):
        return moment_of(value, zone).astimezone(zone).date()
    return value


def tolerances(policy: Policy) -> Tolerances:
    """The qualifier tolerances of the file's `policy:`."""
    return Tolerances(
        about=policy.about,
        almost_exactly=policy.almost_exactly,
        nearly=policy.nearly,
        just_over=policy.just_over,
    )


def default_tally(contest: Contest, source_id: str) -> Tally | None:
    """The latest tally at or before the source's publication, or None."""
    return contest.latest_tally(contest.model.sources[source_id].published)


def projection_for(contest: Contest, source_id: str) -> Projection | None:
    """The latest electoral projection on or before the source's day."""
    college = contest.model.electoral_college
    if college is None:
        return None
    zone = contest.zone
    day = local_day(contest.model.sources[source_id].published, zone)
    chosen: Projection | None = None
    for projection in college.projections:
        if projection.as_of <= day and (
            chosen is None or projection.as_of >= chosen.as_of
        ):
            chosen = projection
    return chosen


@dataclass(frozen=True)
class _Computed:
    """The value a claim's metric has in the file, or why it has none."""

    value: Decimal | date | bool | None
    subject: str
    basis: Basis
    reason: str | None = None


def evaluate(contest: Contest, timeline: Timeline) -> tuple[ClaimResult, ...]:
    """A verdict for every claim of the file, in file order."""
    tolerance = tolerances(contest.model.policy)
    near = contest.model.election.election_day
    return tuple(
        evaluate_claim(contest, timeline, index, claim, tolerance, near)
        for index, claim in enumerate(contest.model.claims)
    )


def evaluate_claim(
    contest: Contest,
    timeline: Timeline,
    index: int,
    claim: Claim,
    tolerance: Tolerances,
    near: date,
) -> ClaimResult:
    """The verdict on one claim (its stated phrase was checked by the loader).

    A claim whose tally is chosen by its source's date, when the source gives
    a day without a time and a tally is dated that same day, is judged against
    every tally that day could mean (see `day_tallies`)."""

    def judge(claim: Claim) -> ClaimResult:
        return _evaluate_one(contest, timeline, index, claim, (tolerance, near))

    result = judge(claim)
    if not result.basis.tally_defaulted or result.verdict == Verdict.consistent.value:
        return result
    candidates = day_tallies(contest, claim.source)
    if [t.id for t in candidates] == [result.basis.tally]:
        return result
    return _judge_day(
        [judge(claim.model_copy(update={"tally": tally.id})) for tally in candidates],
        result,
        contest.model.sources[claim.source].published,
    )


def day_tallies(contest: Contest, source_id: str) -> list[Tally]:
    """The tallies a source published on a day without a time could mean: the
    latest tally before that day and each tally of that day (in time order);
    [] when the source gives a time or no tally is dated that day."""
    published = contest.model.sources[source_id].published
    if isinstance(published, datetime):
        return []
    zone = contest.zone
    in_time = contest.tallies_in_time
    that_day = [t for t in in_time if local_day(t.as_of, zone) == published]
    if not that_day:
        return []
    before = [t for t in in_time if local_day(t.as_of, zone) < published]
    return before[-1:] + that_day


def _judge_day(
    results: list[ClaimResult], default: ClaimResult, published: date
) -> ClaimResult:
    """One verdict from a claim judged against each tally its day could mean
    (the default tally, by the start of the day, did not hold): consistent
    when it holds for one (the latest such), inconsistent when it holds for
    none that has the figure, else the default's verdict."""
    ids = tuple(r.basis.tally or "" for r in results)
    day = published.isoformat()
    holding = [r for r in results if r.verdict == Verdict.consistent.value]
    judged = [r for r in results if r.verdict != Verdict.unverifiable.value]
    if holding:
        chosen = holding[-1]
        held = [r.basis.tally or "" for r in holding]
        failed = [r.basis.tally or "" for r in judged if r not in holding]
        reason = (
            f"{chosen.source} gives {day} without a time; of the tallies that day"
            f" could mean ({', '.join(ids)}), it holds for {_listed(held)}"
            + (f", not for {_listed(failed, 'or')}" if failed else "")
        )
    elif judged:
        chosen = judged[-1]
        computed = "; ".join(
            f"{r.basis.tally}: {r.computed_text}" for r in judged if r.computed
        )
        reason = (
            f"{chosen.source} gives {day} without a time; it holds for none of the"
            f" tallies that day could mean ({computed})"
        )
        if chosen.reason:
            reason += f"; {chosen.reason}"
    else:
        return default
    basis = replace(chosen.basis, tally_defaulted=True, day_tallies=ids)
    return replace(chosen, basis=basis, reason=reason)


def _listed(names: list[str], word: str = "and") -> str:
    """ "a", "a and b", "a, b and c" (or with `word`)."""
    return (
        names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} {names[-1]}"
    )


def _evaluate_one(
    contest: Contest,
    timeline: Timeline,
    index: int,
    claim: Claim,
    stated_with: tuple[Tolerances, date],
) -> ClaimResult:
    """The verdict on one claim against the tally it names or its default;
    `stated_with`: the tolerances and the day near which stated dates are read."""
    tolerance, near = stated_with
    parsed = parse_stated(claim.metric.value, claim.stated, tolerance, near)
    more = None
    if isinstance(parsed, (StatedTime, StatedDuration, StatedCandidate)):
        more = _judge_more(contest, timeline, claim, parsed, tolerance)
        computed, bounds, holds, shown = (
            more.computed,
            more.bounds,
            more.holds,
            more.shown,
        )
        reason = computed.reason
    else:
        stated = parsed
        computed = _compute(contest, timeline, claim)
        bounds = _bounds(stated)
        holds = shown = None
        reason = computed.reason
        if computed.value is not None:
            holds = _holds(stated, computed.value)
            shown = display(computed.value, stated)
            reason = _contradiction(stated)
    verdict = Verdict.unverifiable
    if holds is not None:
        verdict = Verdict.consistent if holds else Verdict.inconsistent
    hint = (
        more.hint
        if more is not None
        else _round_figure_hint(stated, computed.value, claim.stated, tolerance)
    )
    line, column = contest.where(("claims", index, "stated"))
    return ClaimResult(
        file=contest.file,
        line=line,
        column=column,
        id=claim.id,
        metric=claim.metric.value,
        source=claim.source,
        quote=claim.quote,
        stated=claim.stated,
        verdict=verdict.value,
        computed=shown,
        interval=bounds,
        basis=computed.basis,
        expect=claim.expect.value if claim.expect is not None else None,
        note=claim.note,
        reason=reason,
        subject=computed.subject,
        day=more.day
        if more is not None
        else computed.value.isoformat()
        if isinstance(computed.value, date)
        else None,
        time_unit=more.time_unit if more is not None else None,
        hint=hint,
    )


# --- computing each metric ----------------------------------------------------


def _compute(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    metric = claim.metric
    if metric in (Metric.date, Metric.weekday) and claim.tally is not None:
        return _tally_day(contest, claim.tally, metric)
    if metric in (Metric.date, Metric.weekday):
        assert claim.event is not None
        part = claim.part or "start"
        event = timeline.get(claim.event)
        of = f"the {part} of " if event.is_span else ""
        noun = "date" if metric == Metric.date else "weekday"
        return _Computed(
            event.day(part),
            f"{noun} of {of}{claim.event}",
            Basis(event=claim.event, part=part if event.is_span else None),
        )
    model = contest.model
    if metric == Metric.units_total:
        units = model.election.reporting_units
        return _Computed(
            None if units is None else Decimal(units.count),
            "reporting units" if units is None else f"number of {units.kind} units",
            Basis(),
            "the file gives no election.reporting_units" if units is None else None,
        )
    if metric == Metric.state_electoral_votes:
        electors = model.election.electoral_votes
        return _Computed(
            None if electors is None else Decimal(electors),
            "the state's electoral votes",
            Basis(),
            "the file gives no election.electoral_votes" if electors is None else None,
        )
    if metric in (Metric.electoral_votes, Metric.electoral_surplus):
        return _electoral(contest, claim)
    if metric in COUNTED_IN_UNITS:
        return _units(contest, claim)
    return _from_tally(contest, timeline, claim)


def _electoral(contest: Contest, claim: Claim) -> _Computed:
    assert claim.candidate is not None
    surplus = claim.metric == Metric.electoral_surplus
    subject = (
        f"electoral votes of {claim.candidate} beyond those needed"
        if surplus
        else f"projected electoral votes of {claim.candidate}"
    )
    college = contest.model.electoral_college
    projection = projection_for(contest, claim.source)
    if college is None or projection is None:
        reason = (
            "the file has no electoral_college"
            if college is None
            else f"no electoral projection is dated on or before source {claim.source}"
        )
        return _Computed(None, subject, Basis(), reason)
    basis = Basis(projection=projection.as_of.isoformat())
    electors = projection.electors.get(claim.candidate)
    if electors is None:
        reason = f"the projection of {projection.as_of} has no {claim.candidate}"
        return _Computed(None, subject, basis, reason)
    value = electors - college.needed if surplus else electors
    return _Computed(Decimal(value), subject, basis)


def claim_tally(contest: Contest, claim: Claim) -> tuple[Tally | None, Basis, str]:
    """The claim's tally (named, else by its source's date), the basis that
    says which, and why there is none when there is none."""
    if claim.tally is not None:
        return contest.tallies_by_id[claim.tally], Basis(tally=claim.tally), ""
    tally = default_tally(contest, claim.source)
    basis = Basis(tally=tally.id if tally else None, tally_defaulted=True)
    published = contest.model.sources[claim.source].published
    reason = (
        f"no tally is dated at or before the publication of {claim.source}"
        f" ({published.isoformat()})"
    )
    return tally, basis, reason


def _from_tally(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    from certcli.figures import recount, tallies

    metric = claim.metric
    tally, basis, no_tally = claim_tally(contest, claim)
    if claim.unit is not None:
        basis = replace(basis, unit=claim.unit)
        if tally is not None:
            in_unit = unit_tally(contest, tally, claim.unit)
            if isinstance(in_unit, str):
                subject = f"{claim.metric.value} in {claim.unit}"
                return _Computed(None, subject, basis, in_unit)
            tally = in_unit
    candidate = claim.candidate or ""
    opponent = claim.opponent
    if metric in (Metric.margin, Metric.margin_percent) and tally is not None:
        opponent = opponent or tallies.runner_up(tally, candidate)
    subject = {
        Metric.votes: f"votes of {candidate}",
        Metric.share: f"share of {candidate}",
        Metric.margin: f"margin of {candidate} over {opponent or 'the runner-up'}",
        Metric.margin_percent: (
            f"margin of {candidate} over {opponent or 'the runner-up'} in percent"
        ),
        Metric.total: "total votes",
        Metric.units_certified: "units certified",
        Metric.recount_eligible: "recount eligibility",
        Metric.audit_sample_size: "audit sample size",
    }[metric]
    if claim.unit is not None:
        subject += f" in {claim.unit}"
    if tally is None:
        return _Computed(None, subject, basis, no_tally)

    if metric == Metric.recount_eligible:
        rules = contest.model.election.recount_rules
        rule = next((r for r in rules if r.id == claim.rule), None) or (
            rules[0] if rules else None
        )
        if rule is None:
            reason = "the election has no recount_rules"
            return _Computed(None, subject, basis, reason)
        basis = Basis(
            tally=basis.tally, tally_defaulted=basis.tally_defaulted, rule=rule.id
        )
        verdict = recount.recount_verdict(contest, rule, tally, timeline)
        subject = f"recount eligibility under {rule.id}"
        if verdict.eligible is None:
            return _Computed(None, subject, basis, verdict.reason)
        return _Computed(verdict.eligible, subject, basis)

    if metric == Metric.audit_sample_size:
        return _audit_sample_size(tally, claim, basis)

    value: Decimal | int | None
    if metric == Metric.votes:
        value = tallies.votes_of(tally, candidate)
    elif metric == Metric.share:
        value = tallies.share(tally, candidate)
    elif metric == Metric.margin:
        value = tallies.margin_votes(tally, candidate, claim.opponent)
    elif metric == Metric.margin_percent:
        value = tallies.margin_percent(tally, candidate, claim.opponent)
    elif metric == Metric.total:
        value = tallies.tally_total(tally)
    else:
        value = tally.units_certified
    if value is None:
        reason = _missing(tally, metric, candidate, opponent)
        return _Computed(None, subject, basis, reason)
    return _Computed(Decimal(value), subject, basis)


# --- reporting units ----------------------------------------------------------


def unit_tally(contest: Contest, tally: Tally, name: str) -> Tally | str:
    """`tally` as it stands in the unit called `name`, or why there is none."""
    units = contest.units.get(tally.id)
    if units is None:
        return f"tally {tally.id} has no reporting units"
    unit = units.find(name)
    if unit is None:
        return f"tally {tally.id} has no {units.kind} {name!r}"
    return units.unit_tally(tally, unit)


def _units(contest: Contest, claim: Claim) -> _Computed:
    """units_won, units_changed and units_flipped."""
    from certcli.figures import by_unit

    metric = claim.metric
    tally, basis, no_tally = claim_tally(contest, claim)
    basis = replace(basis, from_tally=claim.from_tally)
    if metric == Metric.units_won:
        subject = f"units won by {claim.candidate}"
    else:
        word = "changed" if metric == Metric.units_changed else "flipped"
        subject = f"units {word} since {claim.from_tally}"
    if tally is None:
        return _Computed(None, subject, basis, no_tally)
    units = contest.units.get(tally.id)
    if units is None:
        return _Computed(None, subject, basis, f"tally {tally.id} has no units")
    if metric == Metric.units_won:
        assert claim.candidate is not None
        return _Computed(
            Decimal(by_unit.units_won(units, claim.candidate)), subject, basis
        )
    assert claim.from_tally is not None
    before = contest.units.get(claim.from_tally)
    if before is None:
        reason = f"tally {claim.from_tally} has no units"
        return _Computed(None, subject, basis, reason)
    count = (
        by_unit.units_changed(units, before)
        if metric == Metric.units_changed
        else by_unit.units_flipped(units, before)
    )
    return _Computed(Decimal(count), subject, basis)


def _audit_sample_size(tally: Tally, claim: Claim, basis: Basis) -> _Computed:
    """The BRAVO sample size the claim names (see `certcli.audit.bravo`)."""
    from certcli.audit.bravo import DEFAULT_RISK_LIMIT, MAX_PAIR_SAMPLE
    from certcli.audit.report import audit_of_tally, ballots_refusal, describe_size

    risk_limit = (
        claim.risk_limit if claim.risk_limit is not None else DEFAULT_RISK_LIMIT
    )
    probability = claim.probability or "0.9"
    subject = describe_size(probability, risk_limit)
    if not tally.votes:
        reason = f"tally {tally.id} has no votes per candidate"
        return _Computed(None, subject, basis, reason)
    refusal = ballots_refusal(tally)
    if refusal is not None:
        return _Computed(None, subject, basis, refusal)
    audit = audit_of_tally(tally, risk_limit)
    size = audit.sample_size(probability)
    if size is None:
        reason = (
            f"the sample is more than {MAX_PAIR_SAMPLE:,} ballots, too many to"
            " compute exactly"
            if probability != "asn" and audit.one_round
            else audit.reason
        )
        return _Computed(None, subject, basis, f"tally {tally.id}: {reason}")
    return _Computed(Decimal(size), subject, basis)


def _missing(tally: Tally, metric: Metric, candidate: str, opponent: str | None) -> str:
    """Why the tally gives no figure, in words that name the real cause."""
    from certcli.figures.tallies import tally_total, votes_of

    total = tally_total(tally)
    if metric in (Metric.share, Metric.margin_percent) and total == 0:
        return f"the total of tally {tally.id} is 0, so shares are undefined"
    lacks = []
    if metric in (Metric.votes, Metric.share) and votes_of(tally, candidate) is None:
        lacks.append(f"no votes for {candidate}")
    if metric in (Metric.margin, Metric.margin_percent):
        if opponent is None and tally.votes:
            return (
                f"tally {tally.id} has no candidate but {candidate}, so there is"
                " no opponent to measure a margin against"
            )
        if opponent is None and tally.margin is not None:
            lacks.append(
                f"no runner-up for {candidate} (only a margin led by"
                f" {tally.margin.leader})"
            )
        else:
            absent = [
                name
                for name in (candidate, opponent)
                if name and votes_of(tally, name) is None
            ]
            lacks.append(
                f"no votes for {' or '.join(absent or [candidate])} and no reported"
                " margin that answers for them"
            )
    if metric in (Metric.share, Metric.margin_percent, Metric.total) and total is None:
        lacks.append("no total and no votes")
    if metric == Metric.units_certified:
        lacks.append("no units_certified")
    return f"tally {tally.id} has " + " and ".join(lacks or ["no such figure"])


# --- comparing and showing ----------------------------------------------------


def _contradiction(
    stated: StatedNumber | StatedWeekday | StatedDate | StatedAnswer,
) -> str | None:
    return stated.contradiction if isinstance(stated, StatedDate) else None


def _holds(
    stated: StatedNumber | StatedWeekday | StatedDate | StatedAnswer,
    value: Decimal | date | bool,
) -> bool:
    if isinstance(stated, StatedNumber):
        assert isinstance(value, Decimal)
        return value in stated.interval
    if isinstance(stated, StatedWeekday):
        assert isinstance(value, date)
        return value.weekday() == stated.weekday
    if isinstance(stated, StatedDate):
        assert isinstance(value, date)
        return value == stated.day and stated.contradiction is None
    assert isinstance(value, bool)
    return value == stated.value


def _plain(number: Decimal) -> str:
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _bounds(stated: StatedNumber | StatedWeekday | StatedDate | StatedAnswer) -> Bounds:
    if isinstance(stated, StatedNumber):
        interval = stated.interval
        return Bounds(
            text=str(interval),
            low=None if interval.low is None else _plain(interval.low),
            high=None if interval.high is None else _plain(interval.high),
            low_inclusive=interval.low_inclusive,
            high_inclusive=interval.high_inclusive,
        )
    if isinstance(stated, StatedWeekday):
        word = WEEKDAYS[stated.weekday]
    elif isinstance(stated, StatedDate):
        word = stated.day.isoformat()
    else:
        word = "yes" if stated.value else "no"
    return Bounds(text=f"= {word}", low=word, high=word)


def display(
    value: Decimal | date | bool,
    stated: StatedNumber | StatedWeekday | StatedDate | StatedAnswer,
) -> str:
    """The computed value as text: integers exactly, quotients to 4 decimals, or
    more where 4 would look equal to an end of the interval without being it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        if isinstance(stated, StatedWeekday):
            return weekday_name(value)
        return value.isoformat()
    if value == value.to_integral_value():
        return _plain(value)
    ends = _ends(stated.interval) if isinstance(stated, StatedNumber) else ()
    places = 4
    while True:
        shown = rounded(value, places)
        if places >= 30 or all(shown != end for end in ends if end != value):
            return f"{shown:f}"
        places += 1


def _ends(interval: Interval) -> Iterable[Decimal]:
    return [end for end in (interval.low, interval.high) if end is not None]


def describe(claim: ClaimResult) -> str:
    """What was stated and what was computed, in one sentence."""
    stated = f'{claim.subject}: stated "{claim.stated}" ({claim.interval.text})'
    if claim.computed is None:
        return f"{stated}, cannot be computed: {claim.reason}"
    where = claim.basis.describe()
    return (
        f"{stated}, computed {claim.computed_text}"
        + (f" ({where})" if where else "")
        + (f"; {claim.reason}" if claim.reason else "")
        + (f"; {claim.hint}" if claim.hint else "")
    )


# --- times, durations, leaders, and the day of a tally --------------------------


def _tally_day(contest: Contest, tally_id: str, metric: Metric) -> _Computed:
    """The local day of a tally's `as_of` ("as of Wednesday morning")."""
    noun = "date" if metric == Metric.date else "weekday"
    as_of = contest.tallies_by_id[tally_id].as_of
    return _Computed(
        local_day(as_of, contest.zone),
        f"{noun} of the tally's as_of",
        Basis(tally=tally_id),
    )


@dataclass(frozen=True)
class _Judged:
    """What a time, duration or leader claim came to."""

    computed: _Computed
    bounds: Bounds
    holds: bool | None  # None: unverifiable
    shown: str | None
    day: str | None = None
    time_unit: str | None = None
    hint: str | None = None


def _judge_more(
    contest: Contest,
    timeline: Timeline,
    claim: Claim,
    stated: StatedTime | StatedDuration | StatedCandidate,
    tolerance: Tolerances,
) -> _Judged:
    if isinstance(stated, StatedTime):
        return _judge_time(contest, timeline, claim, stated)
    if isinstance(stated, StatedDuration):
        return _judge_duration(timeline, claim, stated, tolerance)
    return _judge_leader(contest, claim, stated)


def _judge_time(
    contest: Contest, timeline: Timeline, claim: Claim, stated: StatedTime
) -> _Judged:
    """An event's local time, and the weekday or date stated with it."""
    assert claim.event is not None
    event = timeline.get(claim.event)
    part = claim.part or "start"
    of = f"the {part} of " if event.is_span else ""
    basis = Basis(event=claim.event, part=part if event.is_span else None)
    computed = _Computed(None, f"time of {of}{claim.event}", basis)
    at = stated.at or contest.model.policy.close_of_business
    words = [f"{at:%H:%M}"]
    if stated.day_offset:
        words.append("at the end of")
    if stated.weekday is not None:
        words.append(WEEKDAYS[stated.weekday])
    if stated.day is not None:
        words.append(stated.day.isoformat())
    wanted = " ".join(words)
    bounds = Bounds(text=f"= {wanted}", low=wanted, high=wanted)
    actual = event.time(part)
    if actual is None:
        reason = f"the file gives no time for {of}{claim.event}"
        return _Judged(
            _Computed(None, computed.subject, basis, reason), bounds, None, None
        )
    day = event.day(part)
    named = day - timedelta(days=stated.day_offset)
    holds = (
        actual == at
        and (stated.weekday is None or named.weekday() == stated.weekday)
        and (stated.day is None or named == stated.day)
    )
    if stated.contradiction is not None:
        computed = _Computed(None, computed.subject, basis, stated.contradiction)
    return _Judged(computed, bounds, holds, f"{actual:%H:%M}", day=day.isoformat())


def _judge_duration(
    timeline: Timeline, claim: Claim, stated: StatedDuration, tolerance: Tolerances
) -> _Judged:
    """The time from one event to another: hours between moments, calendar
    days, business days (as `{after: X, business_days: N}` counts them) or
    weeks (days / 7, exact)."""
    assert claim.from_ is not None and claim.to is not None
    start, end = timeline.get(claim.from_), timeline.get(claim.to)
    from_part, to_part = claim.from_part or "end", claim.to_part or "start"
    ends = [
        (f"the {from_part} of " if start.is_span else "") + claim.from_,
        (f"the {to_part} of " if end.is_span else "") + claim.to,
    ]
    subject = f"{stated.unit} from {ends[0]} to {ends[1]}"
    basis = Basis(
        from_event=claim.from_,
        from_part=from_part if start.is_span else None,
        to_event=claim.to,
        to_part=to_part if end.is_span else None,
    )
    interval = stated.number.interval
    plain = _bounds(stated.number)
    bounds = Bounds(
        f"{plain.text} {_unit_noun(stated.unit, plain.text.split()[-1] == '1')}",
        plain.low,
        plain.high,
        plain.low_inclusive,
        plain.high_inclusive,
    )
    first, last = start.day(from_part), end.day(to_part)
    value: Fraction
    if stated.unit == "hours":
        missing = [
            name
            for name, event, part in (
                (ends[0], start, from_part),
                (ends[1], end, to_part),
            )
            if event.time(part) is None
        ]
        if missing:
            reason = (
                f"the file gives no time for {' and '.join(missing)};"
                " hours need a time at both ends"
            )
            computed = _Computed(None, subject, basis, reason)
            return _Judged(computed, bounds, None, None, time_unit=stated.unit)
        delta = end.moment(to_part).astimezone(timezone.utc) - start.moment(
            from_part
        ).astimezone(timezone.utc)
        value = Fraction(delta.days * 86_400 + delta.seconds, 3_600)
    elif stated.unit == "business days":
        value = Fraction(business_days_between(first, last, timeline.calendar))
    else:
        days = (last - first).days
        value = Fraction(days, 7 if stated.unit == "weeks" else 1)
    holds = _fraction_in(value, interval)
    number = _decimal(value)
    hint = (
        None
        if holds
        else _round_figure_hint(stated.number, value, claim.stated, tolerance)
    )
    return _Judged(
        _Computed(number, subject, basis),
        bounds,
        holds,
        display(number, stated.number),
        time_unit=stated.unit,
        hint=hint,
    )


def _unit_noun(unit: str, one: bool) -> str:
    """The unit's name, singular for exactly one ("business day")."""
    return unit.removesuffix("s") if one else unit


def business_days_between(first: date, last: date, calendar: Calendar) -> int:
    """Business days after `first` up to and including `last` (negative when
    `last` is earlier): the N for which `{after: first, business_days: N}`
    gives `last`, when `last` is a business day."""
    from certcli.calendar.business_days import is_business_day

    low, high, sign = (first, last, 1) if first <= last else (last, first, -1)
    count = sum(
        1
        for offset in range(1, (high - low).days + 1)
        if is_business_day(
            low + timedelta(days=offset), calendar.country, calendar.subdivision
        )
    )
    return sign * count


def _judge_leader(contest: Contest, claim: Claim, stated: StatedCandidate) -> _Judged:
    """Whether the stated candidate has the most votes in the tally (a tie at
    the top has no leader)."""
    from certcli.figures import margins, tallies

    named = margins.candidate_key(contest, stated.text)
    tally, basis, no_tally = claim_tally(contest, claim)
    bounds = Bounds(text=f"= {named}", low=named, high=named)
    subject = "leader" if claim.unit is None else f"leader in {claim.unit}"
    if tally is None:
        return _Judged(_Computed(None, subject, basis, no_tally), bounds, None, None)
    if claim.unit is not None:
        basis = replace(basis, unit=claim.unit)
        in_unit = unit_tally(contest, tally, claim.unit)
        if isinstance(in_unit, str):
            return _Judged(_Computed(None, subject, basis, in_unit), bounds, None, None)
        tally = in_unit
    leader, second = tallies.top_two(tally)
    lead = tallies.top_two_margin(tally)
    if leader is None or (second is not None and lead is None):
        reason = f"tally {tally.id} has neither votes nor a reported margin"
        return _Judged(_Computed(None, subject, basis, reason), bounds, None, None)
    if lead == 0:
        shown = f"none ({leader} and {second or 'the runner-up'} are tied)"
        return _Judged(_Computed(None, subject, basis), bounds, False, shown)
    return _Judged(_Computed(None, subject, basis), bounds, leader == named, leader)


def _fraction_in(value: Fraction, interval: Interval) -> bool:
    """Exact: whether a rational value lies in a decimal interval."""
    low = None if interval.low is None else Fraction(interval.low)
    high = None if interval.high is None else Fraction(interval.high)
    if low is not None and (
        value < low or (value == low and not interval.low_inclusive)
    ):
        return False
    return high is None or not (
        value > high or (value == high and not interval.high_inclusive)
    )


def _decimal(value: Fraction) -> Decimal:
    """A rational as a decimal in the exact context, for showing only
    (verdicts compare the fraction itself)."""
    from certcli.core.exact import EXACT

    return EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))


def _round_figure_hint(
    stated: object,
    value: object,
    text: str,
    tolerance: Tolerances,
) -> str | None:
    """For an exact integer that ends in zeros and does not hold: whether it
    would hold as a figure rounded at its last non-zero digit (12,000 as
    11,500 to 12,500), and whether `about` would."""
    if not isinstance(stated, StatedNumber) or not isinstance(
        value, (Decimal, Fraction)
    ):
        return None
    figure = stated.value
    if (
        stated.qualifier is not None
        or stated.interval.low != figure
        or stated.interval.high != figure
        or figure.is_zero()
        or figure != figure.to_integral_value()
    ):
        return None
    digits = str(abs(int(figure)))
    zeros = len(digits) - len(digits.rstrip("0"))
    exact = Fraction(value)
    if zeros == 0 or exact == figure:
        return None
    unit = 10**zeros
    half = Fraction(unit, 2)
    if abs(exact - Fraction(figure)) > half:
        return None
    hint = f"as a round figure to the nearest {unit:,} it would hold"
    about = Fraction(abs(figure)) * Fraction(tolerance.about) / 100
    if abs(exact - Fraction(figure)) <= about:
        hint += f"; write `about {text.strip()}` if that is what the source meant"
    return hint
