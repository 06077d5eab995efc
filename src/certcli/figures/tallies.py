"""Votes, shares and margins of a tally, in exact decimal arithmetic (recount
eligibility: `certcli.figures.recount`; the margin history:
`certcli.figures.margins`).

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

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from certcli.core.exact import EXACT, HUNDRED, rounded
from certcli.datafile.models import Tally

if TYPE_CHECKING:
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


# --- number display shared by verdict sentences and renderers -----------------


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
