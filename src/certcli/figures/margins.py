"""The margin history of `certcli margin`: one row per tally in time order,
with its recount verdicts, and the candidate names the command line gives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from certcli.core.errors import UsageError
from certcli.core.exact import EXACT
from certcli.core.text import did_you_mean, fold
from certcli.datafile.models import RecountRule, Stage, Tally
from certcli.figures.recount import RecountVerdict, recount_verdict
from certcli.figures.tallies import (
    VotesNeeded,
    in_time_order,
    margin_percent,
    margin_votes,
    percent_of,
    runner_up,
    tally_total,
    votes_needed,
    votes_of,
)

if TYPE_CHECKING:
    from certcli.calendar.rules import Timeline
    from certcli.loaded.contest import Contest


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
    # why figures are unknown, and the notes of the results file read
    remarks: tuple[str, ...]


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
    units = contest.units.get(tally.id)
    if units is not None and units.results is not None:
        # What the results file settled with a note (a total that is not the
        # sum of its units, and which figure certcli took) bears on the margin.
        remarks += [f"{units.results}: {note}" for note in units.notes]
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
    names = [*candidates, *(candidate.name for candidate in candidates.values())]
    raise UsageError(
        f"unknown candidate {name!r}; candidates: {known or 'none'}"
        + did_you_mean(name, names)
    )


def unknown_tally(contest: Contest, tally_id: str) -> UsageError:
    """The error for a tally id the file does not have, with the closest one."""
    ids = [tally.id for tally in contest.tallies_in_time]
    return UsageError(
        f"unknown tally {tally_id!r}; tallies: {', '.join(ids) or 'none'}"
        + did_you_mean(tally_id, ids)
    )


def select_tallies(
    contest: Contest, tally_id: str | None = None, stage: str | None = None
) -> list[Tally]:
    """The tallies asked for, in time order; UsageError when none fits."""
    ordered = in_time_order(contest)
    if tally_id is not None:
        chosen = [tally for tally in ordered if tally.id == tally_id]
        if not chosen:
            raise unknown_tally(contest, tally_id)
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
