"""Votes, shares, margins and recount eligibility, in exact decimal arithmetic.

A tally is either full (`votes` per candidate, with an optional `total` that may
exceed their sum) or partial (a `total` and/or a reported `margin: {leader,
votes}`, or only `units_certified`). Every function here returns `None` for a
figure the tally cannot give: an unknown is never turned into a zero.

Conventions:

* A margin is *candidate - opponent*: negative when the candidate trails.
* The default opponent is the strongest other candidate of that tally (its
  runner-up from the candidate's point of view).
* A reported margin without `opponent` is the leader's lead over the
  runner-up, who is not named. It answers for the leader against any opponent,
  and for an explicitly named candidate against the leader; asked for a
  trailing candidate with no opponent named, it stays unknown (that candidate
  need not be the runner-up).
* Shares and percents are exact to 120 significant digits; every comparison
  with a recount limit is done in integers and exact decimals (cross
  multiplication), so no rounding can decide a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from certcli.core.errors import UsageError
from certcli.core.exact import EXACT, HUNDRED, rounded
from certcli.core.text import count, fold
from certcli.datafile.models import RecountRule, Stage, Tally

if TYPE_CHECKING:
    from certcli.calendar.rules import Timeline
    from certcli.loaded.contest import Contest


# --- single tally figures -----------------------------------------------------


def tally_total(tally: Tally) -> int | None:
    """The explicit total, else the sum of the votes given, else unknown."""
    if tally.total is not None:
        return tally.total
    if tally.votes:
        return sum(tally.votes.values())
    return None


def votes_of(tally: Tally, candidate: str | None) -> int | None:
    """The candidate's votes in this tally, or None when the tally lacks them."""
    if candidate is None:
        return None
    return tally.votes.get(candidate)


def percent_of(part: int | None, whole: int | None) -> Decimal | None:
    """part / whole * 100 in `EXACT`; None when unknown or whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return EXACT.divide(EXACT.multiply(Decimal(part), HUNDRED), Decimal(whole))


def share(tally: Tally, candidate: str) -> Decimal | None:
    """The candidate's votes / total * 100."""
    return percent_of(votes_of(tally, candidate), tally_total(tally))


def ranking(tally: Tally) -> list[str]:
    """Candidates of a full tally, most votes first (ties keep the file's order)."""
    order = list(tally.votes)
    return sorted(order, key=lambda name: (-tally.votes[name], order.index(name)))


def runner_up(tally: Tally, candidate: str) -> str | None:
    """The strongest other candidate of the tally, or None when unknown.

    From the votes when the tally has them; for a partial tally from its
    reported margin: the leader for anyone else, the margin's `opponent` (if
    named) for the leader.
    """
    if tally.votes:
        others = [name for name in ranking(tally) if name != candidate]
        return others[0] if others else None
    reported = tally.margin
    if reported is None:
        return None
    if candidate != reported.leader:
        return reported.leader
    return reported.opponent


def margin_votes(
    tally: Tally, candidate: str, opponent: str | None = None
) -> int | None:
    """candidate - opponent (default: the runner-up); negative when trailing.

    From the votes when both candidates have some, else from the reported
    margin (see the module's conventions), else None.
    """
    named = opponent is not None
    rival = opponent if named else runner_up(tally, candidate)
    mine, theirs = votes_of(tally, candidate), votes_of(tally, rival)
    if mine is not None and theirs is not None:
        return mine - theirs
    reported = tally.margin
    if reported is None or rival == candidate:
        return None
    leader, second = reported.leader, reported.opponent
    if candidate == leader:
        if rival is None or rival == second or (second is None and rival != leader):
            return reported.votes
        return None
    if rival == leader and (candidate == second or (second is None and named)):
        return -reported.votes
    return None


def margin_percent(
    tally: Tally, candidate: str, opponent: str | None = None
) -> Decimal | None:
    """margin / total * 100 (= the percentage-point gap of the two shares)."""
    return percent_of(margin_votes(tally, candidate, opponent), tally_total(tally))


def top_two(tally: Tally) -> tuple[str | None, str | None]:
    """Leader and runner-up of the tally (None where the tally does not say)."""
    if tally.votes:
        ranked = ranking(tally)
        return ranked[0], (ranked[1] if len(ranked) > 1 else None)
    if tally.margin is not None:
        return tally.margin.leader, tally.margin.opponent
    return None, None


def top_two_margin(tally: Tally) -> int | None:
    """The leader's lead over the runner-up (≥ 0), or None when unknown."""
    leader, second = top_two(tally)
    if tally.votes:
        if leader is None or second is None:
            return None
        return tally.votes[leader] - tally.votes[second]
    return tally.margin.votes if tally.margin is not None else None


@dataclass(frozen=True)
class VotesNeeded:
    """What the trailing side needs to win the tally outright.

    `to_tie` and `to_win` count additional votes for the trailing side (ballots
    found, cured or counted anew; no vote taken from anyone), measured against
    the strongest candidate ahead of it. `switched_to_win` counts votes moved
    from `switched_from` (the strongest candidate ahead) to the trailing side:
    each narrows the gap to that candidate by two but to every other candidate
    ahead by one, so the number is the smallest that puts the trailing side
    ahead of all of them; None when even all of the strongest candidate's votes
    would not do (two candidates tied for first with a handful of votes). A tie
    needs 0 to tie and 1 to win, for either side.
    """

    trailing: str | None  # candidate key; None when tied, or when not named
    tied: bool
    to_tie: int
    to_win: int
    switched_to_win: int | None  # None: the strongest has too few votes to move
    switched_from: str | None = None  # candidate key; None when not named


def votes_needed(
    margin: int | None,
    candidate: str,
    opponent: str | None,
    tally: Tally | None = None,
) -> VotesNeeded | None:
    """What the trailing side of `candidate` against `opponent` (margin =
    candidate - opponent) needs to win; against every candidate of `tally`
    ahead of it when the tally has votes for all of them."""
    if margin is None:
        return None
    lead = abs(margin)
    if margin == 0:
        return VotesNeeded(None, True, 0, 1, 1, None)
    trailing, leader = (opponent, candidate) if margin > 0 else (candidate, opponent)
    pair = VotesNeeded(trailing, False, lead, lead + 1, lead // 2 + 1, leader)
    if tally is None or trailing not in tally.votes or leader not in tally.votes:
        return pair  # a reported margin: only the two are known
    mine = tally.votes[trailing]
    ahead = [name for name in ranking(tally) if name != trailing]
    strongest = ahead[0]
    gap = tally.votes[strongest] - mine  # ≥ lead > 0: the leader is among them
    # Votes moved from the strongest: that gap closes by two per vote, the gap
    # to every other candidate by one.
    switched: int | None = max(
        [gap // 2 + 1] + [tally.votes[name] - mine + 1 for name in ahead[1:]]
    )
    if switched is not None and switched > tally.votes[strongest]:
        switched = None  # a tie for first, with no votes to move: cannot be done
    return VotesNeeded(trailing, False, gap, gap + 1, switched, strongest)


# --- time order ---------------------------------------------------------------


def in_time_order(contest: Contest) -> list[Tally]:
    """The file's tallies by `as_of` (ties keep the file's order)."""
    return contest.tallies_in_time


# --- recount rules ------------------------------------------------------------


@dataclass(frozen=True)
class RecountVerdict:
    """Whether a tally's margin between its top two meets a recount rule."""

    rule: RecountRule
    tally_id: str
    eligible: bool | None  # None: the tally lacks what the rule needs
    leader: str | None
    runner_up: str | None
    margin_votes: int | None  # leader - runner-up, ≥ 0
    denominator_votes: int | None  # all votes, or the top two's votes
    margin_percent: Decimal | None  # margin / denominator * 100
    decisive: bool  # the tally's stage is the one the rule applies to
    window_closes: datetime | None  # end of the request window, when it has a time
    window_closes_on: date | None  # its day (also when it has no time)
    reason: str  # a sentence that says why

    @property
    def citation(self) -> str | None:
        return self.rule.citation


def describe_limits(rule: RecountRule) -> str:
    """The rule's margin condition in words."""
    of = "all votes" if rule.denominator == "all_candidates" else "the top two's votes"
    limits = []
    if rule.margin_percent_at_most is not None:
        limits.append(f"at most {plain(rule.margin_percent_at_most)}% of {of}")
    if rule.margin_votes_at_most is not None:
        limits.append(f"at most {count(rule.margin_votes_at_most, 'vote')}")
    return " and ".join(limits)


def recount_verdict(
    contest: Contest,
    rule: RecountRule,
    tally: Tally,
    timeline: Timeline | None = None,
) -> RecountVerdict:
    """The rule applied to the margin between the tally's top two.

    Both limits must hold when both are set ("the lesser of"). The verdict is
    unknown when a limit needs a figure the tally lacks, unless a known limit
    already fails. When eligible and the rule names a request window, the
    window's end comes from the timeline (resolved here when not given).
    """
    leader, second = top_two(tally)
    lead = top_two_margin(tally)
    if rule.denominator == "all_candidates":
        denominator = tally_total(tally)
    else:
        pair = [votes_of(tally, leader), votes_of(tally, second)]
        denominator = None if None in pair else sum(v for v in pair if v is not None)
    percent = percent_of(lead, denominator)

    conditions: list[bool | None] = []
    failed: list[str] = []
    missing: list[str] = []
    if rule.margin_percent_at_most is not None:
        limit = rule.margin_percent_at_most
        if lead is None or denominator is None or denominator == 0:
            conditions.append(None)
            missing.append(
                "a margin between its top two"
                if lead is None
                else (
                    "a total"
                    if rule.denominator == "all_candidates"
                    else "the votes of its top two"
                )
            )
        else:
            holds = EXACT.multiply(Decimal(lead), HUNDRED) <= EXACT.multiply(
                limit, Decimal(denominator)
            )
            conditions.append(holds)
            if not holds:
                failed.append(f"{plain(limit)}%")
    if rule.margin_votes_at_most is not None:
        if lead is None:
            conditions.append(None)
            missing.append("a margin between its top two")
        else:
            holds = lead <= rule.margin_votes_at_most
            conditions.append(holds)
            if not holds:
                failed.append(count(rule.margin_votes_at_most, "vote"))
    eligible: bool | None
    if False in conditions:
        eligible = False
    elif None in conditions:
        eligible = None
    else:
        eligible = True

    closes: datetime | None = None
    closes_on: date | None = None
    if eligible and rule.request_window is not None:
        if timeline is None:
            timeline = contest.timeline
        window = timeline.get(rule.request_window)
        closes_on = window.day("end")
        if window.end_time is not None:
            closes = window.moment("end")

    decisive = tally.stage == rule.applies_to
    reason = _reason(
        rule,
        eligible,
        (leader, second),
        lead,
        percent,
        failed,
        missing,
        (closes, closes_on),
        decisive,
    )
    return RecountVerdict(
        rule=rule,
        tally_id=tally.id,
        eligible=eligible,
        leader=leader,
        runner_up=second,
        margin_votes=lead,
        denominator_votes=denominator,
        margin_percent=percent,
        decisive=decisive,
        window_closes=closes,
        window_closes_on=closes_on,
        reason=reason,
    )


def _reason(
    rule: RecountRule,
    eligible: bool | None,
    pair: tuple[str | None, str | None],
    lead: int | None,
    percent: Decimal | None,
    failed: list[str],
    missing: list[str],
    window: tuple[datetime | None, date | None],
    decisive: bool,
) -> str:
    limits = describe_limits(rule)
    of = "all votes" if rule.denominator == "all_candidates" else "the top two's votes"
    leader, second = pair[0] or "the leader", pair[1] or "the runner-up"
    if lead is None:
        figure = "the margin is unknown"
    elif lead == 0:
        figure = f"{leader} and {second} are tied"
    else:
        figure = f"{leader} leads {second} by {count(lead, 'vote')}"
        if percent is not None:
            shown = display_percent(percent, rule.margin_percent_at_most)
            figure += f" = {shown}% of {of}"
    closes, closes_on = window
    if eligible is None:
        needs = ", ".join(dict.fromkeys(missing))
        text = f"Unknown: the tally lacks {needs} (limit: {limits})."
    elif eligible is False:
        text = (
            f"Not eligible: {figure}, more than {' and '.join(failed)}"
            f" (limit: {limits})."
        )
    else:
        text = f"Eligible: {figure}, within the limit ({limits})."
        if rule.trigger == "automatic":
            text += " The recount is automatic."
        else:
            text += " A recount may be requested"
            if closes is not None:
                text += f" until {closes:%a %Y-%m-%d %H:%M} {closes.tzname()}"
            elif closes_on is not None:
                text += f" until {closes_on:%a %Y-%m-%d}"
            text += "."
    if not decisive:
        text += f" Indicative only: the rule is decided by the {rule.applies_to.value}"
        text += " tally."
    return text


# --- number display shared by verdict sentences and renderers -----------------


def plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 0.50 → "0.5", 1E+1 → "10"."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def display_percent(
    value: Decimal, limit: Decimal | None = None, places: int = 4
) -> str:
    """`value` to `places` decimals, more when rounding would make it look equal
    to `limit` although it is not (0.50004 next to a 0.5 % limit → 0.50004)."""
    while True:
        shown = rounded(value, places)
        if limit is None or value == limit or shown != limit or places >= 12:
            return f"{shown:f}"
        places += 1


# --- the margin history -------------------------------------------------------


@dataclass(frozen=True)
class MarginRow:
    """Everything `certcli margin` shows for one tally."""

    tally_id: str
    stage: Stage
    as_of: date | datetime
    source: str
    partial: bool  # the tally has no votes per candidate
    candidate: str
    opponent: str | None  # None: the tally does not name one
    opponent_chosen: bool  # named with --vs, not the tally's runner-up
    candidate_votes: int | None
    opponent_votes: int | None
    candidate_share: Decimal | None
    opponent_share: Decimal | None
    total: int | None
    margin_votes: int | None
    margin_percent: Decimal | None
    change_votes: int | None  # since `change_from`
    change_percent: Decimal | None  # percentage points since `change_from`
    change_from: str | None  # the previous tally with a known margin
    needed: VotesNeeded | None
    units_certified: int | None
    verdicts: tuple[RecountVerdict, ...]
    remarks: tuple[str, ...]  # why figures are unknown


@dataclass(frozen=True)
class MarginReport:
    """The result of `certcli margin`: who, against whom, and one row per tally."""

    file: str
    election_id: str
    election_title: str
    timezone: str
    candidate: str
    opponent: str | None  # chosen with --vs; None = each tally's runner-up
    names: dict[str, str]  # candidate key → full name
    rules: tuple[RecountRule, ...]
    rows: tuple[MarginRow, ...]
    history: tuple[MarginRow, ...]  # every tally, for the chart's context


def _row(
    contest: Contest,
    tally: Tally,
    candidate: str,
    opponent: str | None,
    previous: MarginRow | None,
    timeline: Timeline | None,
) -> MarginRow:
    rival = opponent if opponent is not None else runner_up(tally, candidate)
    mine, theirs = votes_of(tally, candidate), votes_of(tally, rival)
    total = tally_total(tally)
    margin = margin_votes(tally, candidate, opponent)
    percent = margin_percent(tally, candidate, opponent)
    remarks: list[str] = []
    if not tally.votes:
        if tally.margin is None:
            remarks.append("partial tally: no votes and no reported margin")
        else:
            remarks.append("partial tally: only a reported margin")
        if total is None:
            remarks.append("no total")
    else:
        if mine is None:
            remarks.append(f"no votes for {candidate} in this tally")
        if rival is not None and theirs is None:
            remarks.append(f"no votes for {rival} in this tally")
        if rival is None:
            remarks.append("no other candidate in this tally")
    change = change_pp = None
    if previous is not None and margin is not None:
        if previous.margin_votes is not None:
            change = margin - previous.margin_votes
        if previous.margin_percent is not None and percent is not None:
            change_pp = EXACT.subtract(percent, previous.margin_percent)
    verdicts = tuple(
        recount_verdict(contest, rule, tally, timeline)
        for rule in contest.model.election.recount_rules
    )
    return MarginRow(
        tally_id=tally.id,
        stage=tally.stage,
        as_of=tally.as_of,
        source=tally.source,
        partial=not tally.votes,
        candidate=candidate,
        opponent=rival,
        opponent_chosen=opponent is not None,
        candidate_votes=mine,
        opponent_votes=theirs,
        candidate_share=percent_of(mine, total),
        opponent_share=percent_of(theirs, total),
        total=total,
        margin_votes=margin,
        margin_percent=percent,
        change_votes=change,
        change_percent=change_pp,
        change_from=previous.tally_id if change is not None and previous else None,
        needed=votes_needed(margin, candidate, rival, tally),
        units_certified=tally.units_certified,
        verdicts=verdicts,
        remarks=tuple(remarks),
    )


def margin_history(
    contest: Contest,
    candidate: str,
    opponent: str | None = None,
    tallies: Iterable[Tally] | None = None,
    timeline: Timeline | None = None,
) -> list[MarginRow]:
    """One row per tally (default: all, in time order).

    The change is measured from the previous tally in the file's time order
    that has a known margin, also when `tallies` selects only some of them.
    """
    if timeline is None and any(
        rule.request_window for rule in contest.model.election.recount_rules
    ):
        timeline = contest.timeline
    wanted = None if tallies is None else {tally.id for tally in tallies}
    rows: list[MarginRow] = []
    previous: MarginRow | None = None
    for tally in in_time_order(contest):
        row = _row(contest, tally, candidate, opponent, previous, timeline)
        if row.margin_votes is not None:
            previous = row
        if wanted is None or tally.id in wanted:
            rows.append(row)
    return rows


# --- command-line names -------------------------------------------------------


def candidate_key(contest: Contest, name: str) -> str:
    """The key of the candidate NAME denotes: a key as written, else a key or
    full name compared after `fold` (case folding). A name that fits several
    candidates is a UsageError listing them."""
    candidates = contest.model.candidates
    if name in candidates:
        return name
    wanted = fold(name)
    found = [
        key
        for key, candidate in candidates.items()
        if wanted in {fold(key), fold(candidate.name)}
    ]
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{key} ({candidates[key].name})" for key in found)
        raise UsageError(
            f"{name!r} fits {len(found)} candidates: {listed}; give the key"
        )
    known = ", ".join(
        f"{key} ({candidate.name})" for key, candidate in candidates.items()
    )
    raise UsageError(f"unknown candidate {name!r}; candidates: {known or 'none'}")


def select_tallies(
    contest: Contest, tally_id: str | None = None, stage: str | None = None
) -> list[Tally]:
    """The tallies asked for, in time order; UsageError when none fits."""
    ordered = in_time_order(contest)
    if tally_id is not None:
        chosen = [tally for tally in ordered if tally.id == tally_id]
        if not chosen:
            known = ", ".join(tally.id for tally in ordered) or "none"
            raise UsageError(f"unknown tally {tally_id!r}; tallies: {known}")
        return chosen
    if stage is not None:
        chosen = [tally for tally in ordered if tally.stage.value == stage]
        if not chosen:
            stages = ", ".join(dict.fromkeys(t.stage.value for t in ordered))
            raise UsageError(
                f"no tally of stage {stage!r}; stages in the file: {stages or 'none'}"
            )
        return chosen
    return ordered


def margin_report(
    contest: Contest,
    candidate: str,
    opponent: str | None = None,
    tally_id: str | None = None,
    stage: str | None = None,
) -> MarginReport:
    """`certcli margin`'s result; UsageError for names that do not fit the file."""
    key = candidate_key(contest, candidate)
    rival = candidate_key(contest, opponent) if opponent is not None else None
    if rival == key:
        raise UsageError(f"--vs names the candidate itself ({key})")
    chosen = select_tallies(contest, tally_id, stage)
    history = margin_history(contest, key, rival)
    wanted = {tally.id for tally in chosen}
    model = contest.model
    return MarginReport(
        file=contest.file,
        election_id=model.election.id,
        election_title=model.election.title,
        timezone=model.election.timezone,
        candidate=key,
        opponent=rival,
        names={key: c.name for key, c in model.candidates.items()},
        rules=tuple(model.election.recount_rules),
        rows=tuple(row for row in history if row.tally_id in wanted),
        history=tuple(history),
    )
