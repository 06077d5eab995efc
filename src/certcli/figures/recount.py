"""Recount rules: whether a tally's margin lets the loser ask for a recount (or
makes one automatic), decided in integers and exact decimals, and the reason
in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from certcli.core.exact import EXACT, HUNDRED, plain
from certcli.core.text import count
from certcli.datafile.models import RecountRule, Tally
from certcli.figures.tallies import (
    display_percent,
    percent_of,
    tally_total,
    top_two,
    top_two_margin,
    votes_of,
)

if TYPE_CHECKING:
    from certcli.calendar.rules import Timeline
    from certcli.loaded.contest import Contest


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
