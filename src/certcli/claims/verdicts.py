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

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from certcli.calendar.rules import WEEKDAYS, Timeline, weekday_name
from certcli.claims.findings import Basis, Bounds, ClaimResult
from certcli.core.exact import plain, rounded
from certcli.datafile.metrics import Metric, parse_stated
from certcli.datafile.models import (
    Calendar,
    Claim,
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
    StatedValue,
    StatedWeekday,
    Tolerances,
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
    days = contest.tally_days  # in time order, so in order of day
    first, end = bisect_left(days, published), bisect_right(days, published)
    if first == end:
        return []
    # The latest tally of an earlier day, then each tally of that day.
    return contest.tallies_in_time[max(first - 1, 0) : end]


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
    stated = parse_stated(claim.metric.value, claim.stated, tolerance, near)
    judged = COMPUTE[claim.metric](contest, timeline, claim, stated, tolerance)
    computed = judged.computed
    verdict = Verdict.unverifiable
    if judged.holds is not None:
        verdict = Verdict.consistent if judged.holds else Verdict.inconsistent
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
        computed=judged.shown,
        interval=judged.bounds,
        basis=computed.basis,
        expect=claim.expect.value if claim.expect is not None else None,
        note=claim.note,
        reason=judged.reason,
        subject=computed.subject,
        day=judged.day,
        time_unit=judged.time_unit,
        hint=judged.hint,
    )


# --- computing each metric ----------------------------------------------------

# How each metric's value is found in the file and judged against the stated
# value, one function per metric (or per family of metrics), registered with
# `@computes` or, for a value compared with the stated interval, day or
# answer, with `@computes_value`. The metrics' table is
# certcli.datafile.metrics; tests/test_metrics.py checks that every row has
# its function here.
Judge = Callable[[Contest, Timeline, Claim, StatedValue, Tolerances], "_Judged"]
Compute = Callable[[Contest, Timeline, Claim], _Computed]
COMPUTE: dict[Metric, Judge] = {}


def computes(*metrics: Metric) -> Callable[[Judge], Judge]:
    """Register `judge` as how claims of `metrics` are judged."""

    def register(judge: Judge) -> Judge:
        for metric in metrics:
            assert metric not in COMPUTE, f"{metric.value} is computed twice"
            COMPUTE[metric] = judge
        return judge

    return register


def computes_value(*metrics: Metric) -> Callable[[Compute], Compute]:
    """Register `compute`, the value claims of `metrics` have in the file,
    judged against the stated number, weekday, date or answer."""

    def register(compute: Compute) -> Compute:
        def judge(
            contest: Contest,
            timeline: Timeline,
            claim: Claim,
            stated: StatedValue,
            tolerance: Tolerances,
        ) -> _Judged:
            assert isinstance(
                stated, (StatedNumber, StatedWeekday, StatedDate, StatedAnswer)
            )
            computed = compute(contest, timeline, claim)
            return _judge_value(computed, stated, claim.stated, tolerance)

        computes(*metrics)(judge)
        return compute

    return register


@computes_value(Metric.date, Metric.weekday)
def _day(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    """The day of an event (its start unless `part` says otherwise), or the
    local day of a tally's `as_of` ("as of Wednesday morning")."""
    noun = "date" if claim.metric == Metric.date else "weekday"
    if claim.tally is not None:
        as_of = contest.tallies_by_id[claim.tally].as_of
        return _Computed(
            local_day(as_of, contest.zone),
            f"{noun} of the tally's as_of",
            Basis(tally=claim.tally),
        )
    assert claim.event is not None
    part = claim.part or "start"
    event = timeline.get(claim.event)
    of = f"the {part} of " if event.is_span else ""
    return _Computed(
        event.day(part),
        f"{noun} of {of}{claim.event}",
        Basis(event=claim.event, part=part if event.is_span else None),
    )


@computes_value(Metric.units_total)
def _units_total(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    units = contest.model.election.reporting_units
    return _Computed(
        None if units is None else Decimal(units.count),
        "reporting units" if units is None else f"number of {units.kind} units",
        Basis(),
        "the file gives no election.reporting_units" if units is None else None,
    )


@computes_value(Metric.state_electoral_votes)
def _state_electoral_votes(
    contest: Contest, timeline: Timeline, claim: Claim
) -> _Computed:
    electors = contest.model.election.electoral_votes
    return _Computed(
        None if electors is None else Decimal(electors),
        "the state's electoral votes",
        Basis(),
        "the file gives no election.electoral_votes" if electors is None else None,
    )


@computes_value(Metric.electoral_votes, Metric.electoral_surplus)
def _electoral(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
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


# A figure of a tally, and what the tally lacks when it has none: a whole
# reason, or a fragment of "tally T has A and B".
Figure = Callable[[Tally], Decimal | int | None]
Lack = Callable[[Tally], "str | _Whole | None"]


class _Whole(str):
    """A reason that is a sentence of its own, not one of the things a tally
    lacks."""


def _in_tally(
    contest: Contest,
    claim: Claim,
    subject: Callable[[Tally | None], str],
    judge: Callable[[Tally, Basis, str], _Computed],
) -> _Computed:
    """A figure of the claim's tally (or of the claim's `unit` in it): the
    tally chosen, `subject` says what the figure is, `judge` computes it."""
    tally, basis, no_tally = claim_tally(contest, claim)
    if claim.unit is not None:
        basis = replace(basis, unit=claim.unit)
        if tally is not None:
            in_unit = unit_tally(contest, tally, claim.unit)
            if isinstance(in_unit, str):
                text = f"{claim.metric.value} in {claim.unit}"
                return _Computed(None, text, basis, in_unit)
            tally = in_unit
    text = subject(tally) + (f" in {claim.unit}" if claim.unit is not None else "")
    if tally is None:
        return _Computed(None, text, basis, no_tally)
    return judge(tally, basis, text)


def _figure(figure: Figure, *lacks: Lack) -> Callable[[Tally, Basis, str], _Computed]:
    """Judge by `figure`; when the tally lacks it, `lacks` say why."""

    def judge(tally: Tally, basis: Basis, subject: str) -> _Computed:
        value = figure(tally)
        if value is not None:
            return _Computed(Decimal(value), subject, basis)
        said = []
        for lack in lacks:
            reason = lack(tally)
            if isinstance(reason, _Whole):
                return _Computed(None, subject, basis, reason)
            if reason is not None:
                said.append(reason)
        reason = f"tally {tally.id} has " + " and ".join(said or ["no such figure"])
        return _Computed(None, subject, basis, reason)

    return judge


def _zero_total(tally: Tally) -> _Whole | None:
    from certcli.figures.tallies import tally_total

    if tally_total(tally) == 0:
        return _Whole(f"the total of tally {tally.id} is 0, so shares are undefined")
    return None


def _no_total(tally: Tally) -> str | None:
    from certcli.figures.tallies import tally_total

    return "no total and no votes" if tally_total(tally) is None else None


def _no_votes(candidate: str) -> Lack:
    from certcli.figures.tallies import votes_of

    return lambda tally: (
        f"no votes for {candidate}" if votes_of(tally, candidate) is None else None
    )


def _no_margin(candidate: str, opponent: str | None) -> Lack:
    """Why a tally gives no margin of `candidate` over `opponent` (None: the
    runner-up)."""
    from certcli.figures.tallies import runner_up, votes_of

    def lack(tally: Tally) -> str | _Whole:
        against = opponent or runner_up(tally, candidate)
        if against is None and tally.votes:
            return _Whole(
                f"tally {tally.id} has no candidate but {candidate}, so there is"
                " no opponent to measure a margin against"
            )
        if against is None and tally.margin is not None:
            return (
                f"no runner-up for {candidate} (only a margin led by"
                f" {tally.margin.leader})"
            )
        absent = [
            name
            for name in (candidate, against)
            if name and votes_of(tally, name) is None
        ]
        return (
            f"no votes for {' or '.join(absent or [candidate])} and no reported"
            " margin that answers for them"
        )

    return lack


def _over(claim: Claim, tally: Tally | None) -> str:
    """Whom a margin is measured against: the opponent, else the runner-up."""
    from certcli.figures.tallies import runner_up

    assert claim.candidate is not None
    opponent = claim.opponent
    if opponent is None and tally is not None:
        opponent = runner_up(tally, claim.candidate)
    return opponent or "the runner-up"


@computes_value(Metric.votes)
def _votes(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    from certcli.figures.tallies import votes_of

    candidate = claim.candidate or ""
    return _in_tally(
        contest,
        claim,
        lambda tally: f"votes of {candidate}",
        _figure(lambda tally: votes_of(tally, candidate), _no_votes(candidate)),
    )


@computes_value(Metric.share)
def _share(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    from certcli.figures.tallies import share

    candidate = claim.candidate or ""
    return _in_tally(
        contest,
        claim,
        lambda tally: f"share of {candidate}",
        _figure(
            lambda tally: share(tally, candidate),
            _zero_total,
            _no_votes(candidate),
            _no_total,
        ),
    )


@computes_value(Metric.margin)
def _margin(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    from certcli.figures.tallies import margin_votes

    candidate = claim.candidate or ""
    return _in_tally(
        contest,
        claim,
        lambda tally: f"margin of {candidate} over {_over(claim, tally)}",
        _figure(
            lambda tally: margin_votes(tally, candidate, claim.opponent),
            _no_margin(candidate, claim.opponent),
        ),
    )


@computes_value(Metric.margin_percent)
def _margin_percent(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    from certcli.figures.tallies import margin_percent

    candidate = claim.candidate or ""
    return _in_tally(
        contest,
        claim,
        lambda tally: f"margin of {candidate} over {_over(claim, tally)} in percent",
        _figure(
            lambda tally: margin_percent(tally, candidate, claim.opponent),
            _zero_total,
            _no_margin(candidate, claim.opponent),
            _no_total,
        ),
    )


@computes_value(Metric.total)
def _total(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    from certcli.figures.tallies import tally_total

    return _in_tally(
        contest, claim, lambda tally: "total votes", _figure(tally_total, _no_total)
    )


@computes_value(Metric.units_certified)
def _units_certified(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    return _in_tally(
        contest,
        claim,
        lambda tally: "units certified",
        _figure(
            lambda tally: tally.units_certified, lambda tally: "no units_certified"
        ),
    )


@computes_value(Metric.recount_eligible)
def _recount_eligible(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    """Whether the claim's recount rule (else the election's first) allows a
    recount after the tally."""
    from certcli.figures.recount import recount_verdict

    def judge(tally: Tally, basis: Basis, subject: str) -> _Computed:
        rules = contest.model.election.recount_rules
        rule = next((r for r in rules if r.id == claim.rule), None) or (
            rules[0] if rules else None
        )
        if rule is None:
            return _Computed(None, subject, basis, "the election has no recount_rules")
        basis = replace(basis, rule=rule.id)
        verdict = recount_verdict(contest, rule, tally, timeline)
        subject = f"recount eligibility under {rule.id}"
        if verdict.eligible is None:
            return _Computed(None, subject, basis, verdict.reason)
        return _Computed(verdict.eligible, subject, basis)

    return _in_tally(contest, claim, lambda tally: "recount eligibility", judge)


@computes_value(Metric.audit_sample_size)
def _audit_sample_size(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
    """The BRAVO sample size the claim names (see `certcli.audit.bravo`)."""
    from certcli.audit.bravo import DEFAULT_RISK_LIMIT, MAX_PAIR_SAMPLE
    from certcli.audit.report import audit_of_tally, ballots_refusal, describe_size

    def judge(tally: Tally, basis: Basis, subject: str) -> _Computed:
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

    return _in_tally(contest, claim, lambda tally: "audit sample size", judge)


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


@computes_value(Metric.units_won, Metric.units_changed, Metric.units_flipped)
def _units(contest: Contest, timeline: Timeline, claim: Claim) -> _Computed:
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


def _bounds(stated: StatedNumber | StatedWeekday | StatedDate | StatedAnswer) -> Bounds:
    if isinstance(stated, StatedNumber):
        interval = stated.interval
        return Bounds(
            text=str(interval),
            low=None if interval.low is None else plain(interval.low),
            high=None if interval.high is None else plain(interval.high),
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
        return plain(value)
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


@dataclass(frozen=True)
class _Judged:
    """What a claim came to: the value computed, the stated bounds, whether
    the value lies in them, and the value as shown."""

    computed: _Computed
    bounds: Bounds
    holds: bool | None  # None: unverifiable
    shown: str | None
    day: str | None = None
    time_unit: str | None = None
    hint: str | None = None

    @property
    def reason(self) -> str | None:
        return self.computed.reason


def _judge_value(
    computed: _Computed,
    stated: StatedNumber | StatedWeekday | StatedDate | StatedAnswer,
    text: str,
    tolerance: Tolerances,
) -> _Judged:
    """A computed number, day or answer against the stated one."""
    holds = shown = None
    value = computed.value
    if value is not None:
        holds = _holds(stated, value)
        shown = display(value, stated)
        computed = replace(computed, reason=_contradiction(stated))
    return _Judged(
        computed,
        _bounds(stated),
        holds,
        shown,
        day=value.isoformat() if isinstance(value, date) else None,
        hint=_round_figure_hint(stated, value, text, tolerance),
    )


@computes(Metric.time)
def _judge_time(
    contest: Contest,
    timeline: Timeline,
    claim: Claim,
    stated: StatedValue,
    tolerance: Tolerances,
) -> _Judged:
    """An event's local time, and the weekday or date stated with it."""
    assert isinstance(stated, StatedTime)
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


@computes(Metric.duration)
def _judge_duration(
    contest: Contest,
    timeline: Timeline,
    claim: Claim,
    stated: StatedValue,
    tolerance: Tolerances,
) -> _Judged:
    """The time from one event to another: hours between moments, calendar
    days, business days (as `{after: X, business_days: N}` counts them) or
    weeks (days / 7, exact)."""
    assert isinstance(stated, StatedDuration)
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


@computes(Metric.leader)
def _judge_leader(
    contest: Contest,
    timeline: Timeline,
    claim: Claim,
    stated: StatedValue,
    tolerance: Tolerances,
) -> _Judged:
    """Whether the stated candidate has the most votes in the tally (a tie at
    the top has no leader)."""
    assert isinstance(stated, StatedCandidate)
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
