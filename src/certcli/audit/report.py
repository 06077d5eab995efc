"""The audit of a tally of the data file: its ballots, the BRAVO figures of its
votes (`certcli.audit.bravo`), their share per reporting unit, and which tally
`certcli audit` takes when none is named."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from certcli.audit.bravo import DEFAULT_RISK_LIMIT, Audit, OneRound, bravo
from certcli.core.exact import plain

if TYPE_CHECKING:
    from collections.abc import Sequence

    from certcli.datafile.models import Tally
    from certcli.datafile.units import TallyUnits
    from certcli.loaded.contest import Contest


def tally_ballots(tally: Tally) -> int | None:
    """The tally's `ballots`, else its total (explicit, else the sum of votes)."""
    from certcli.figures.tallies import tally_total

    return tally.ballots if tally.ballots is not None else tally_total(tally)


def ballots_refusal(tally: Tally) -> str | None:
    """Why the tally's votes cannot be audited, or None: votes that add up to
    more than its total, which then counts no ballots to draw them from
    (`certcli check` reports that tally as votes-above-total)."""
    ballots = tally_ballots(tally)
    votes = sum(tally.votes.values())
    if ballots is None or ballots >= votes:
        return None
    return (
        f"the votes of tally {tally.id} add up to {votes:,}, more than its total"
        f" of {ballots:,}, so it gives no count of ballots to audit (certcli check"
        " reports it)"
    )


def audit_of_tally(
    tally: Tally,
    risk_limit: Decimal = DEFAULT_RISK_LIMIT,
    sampled: Mapping[str, int] | None = None,
) -> Audit:
    """The BRAVO figures of a tally with votes per candidate."""
    ballots = tally_ballots(tally)
    assert ballots is not None, "a tally with votes has a total"
    if sampled is None:
        return _figures_of(tuple(tally.votes.items()), ballots, risk_limit)
    return bravo(tally.votes, ballots, risk_limit, sampled)


@lru_cache(maxsize=64)
def _figures_of(
    votes: tuple[tuple[str, int], ...], ballots: int, risk_limit: Decimal
) -> Audit:
    """The figures of a tally once, however many claims ask about it."""
    return bravo(dict(votes), ballots, risk_limit)


def describe_size(probability: str, risk_limit: Decimal) -> str:
    """What a sample-size figure is, in words (for claims and tables)."""
    limit = f"at a {plain_percent(risk_limit)} risk limit"
    if probability == "asn":
        return f"BRAVO average sample number {limit}"
    chance = plain_percent(Decimal(probability) * 100)
    return f"BRAVO sample for a {chance} chance of one round {limit}"


def plain_percent(value: Decimal) -> str:
    """10 %, 2.5 %: a percentage as written, without trailing zeros."""
    return f"{plain(value)} %"


@dataclass(frozen=True)
class UnitSample:
    """A reporting unit's part of the contest's samples, by its ballots."""

    name: str
    ballots: int  # the unit's total (as given, else its votes and other votes)
    asn: int | None
    one_round: tuple[OneRound, ...]


@dataclass(frozen=True)
class AuditReport:
    """`certcli audit`'s result: which tally, why that one, and its figures."""

    file: str
    election_id: str
    election_title: str
    tally: Tally
    chosen_because: str  # why this tally, in words
    ballots_stated: bool  # `ballots:` given; else the tally's total
    names: dict[str, str]  # candidate key → full name
    audit: Audit
    unit_kind: str | None = None  # "county", ...; None when the tally has no units
    units: tuple[UnitSample, ...] = ()


def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers that add up to
    it: each gets the floor of its exact share, and what is left goes one by
    one to the largest remainders (the first listed among equal ones). All
    zeros when the weights add up to 0."""
    whole = sum(weights)
    if whole <= 0:
        return [0 for _ in weights]
    shares = [divmod(total * weight, whole) for weight in weights]
    parts = [share for share, _ in shares]
    left = total - sum(parts)
    if left:
        # Largest remainder first; a stable sort keeps equal ones in order.
        remainders = [remainder for _, remainder in shares]
        order = sorted(range(len(weights)), key=remainders.__getitem__, reverse=True)
        for i in order[:left]:
            parts[i] += 1
    return parts


def unit_samples(audit: Audit, units: TallyUnits) -> tuple[UnitSample, ...]:
    """The expected sample (ASN) and the one-round samples per unit, each in
    proportion to the units' ballots and adding up to the contest's figure; a
    size too large to compute stays unknown in every unit."""
    ballots = [unit.total for unit in units.units]

    def split(size: int | None) -> list[int | None]:
        if size is None:
            return [None for _ in ballots]
        return list(apportion(size, ballots))

    asn = split(audit.asn)
    rounds = [(size.probability, split(size.ballots)) for size in audit.one_round]
    return tuple(
        UnitSample(
            name=unit.name,
            ballots=ballots[i],
            asn=asn[i],
            one_round=tuple(OneRound(chance, parts[i]) for chance, parts in rounds),
        )
        for i, unit in enumerate(units.units)
    )


def default_audit_tally(contest: Contest) -> tuple[Tally, str]:
    """The tally an audit is about when none is named, and why.

    The latest tally with votes per candidate of the stage that the first
    recount rule applies to (the count that decides the outcome), else the
    latest tally with votes. UsageError when no tally has votes.
    """
    from certcli.core.errors import UsageError

    usable = [tally for tally in contest.tallies_in_time if tally.votes]
    if not usable:
        raise UsageError(
            "no tally of the file has votes per candidate, which an audit needs"
        )
    rules = contest.model.election.recount_rules
    if rules:
        stage = rules[0].applies_to
        of_stage = [tally for tally in usable if tally.stage == stage]
        if of_stage:
            return of_stage[-1], (
                f"the latest {stage.value} tally, the stage recount rule"
                f" {rules[0].id} applies to"
            )
    return usable[-1], "the latest tally with votes per candidate"


def audit_report(
    contest: Contest,
    tally_id: str | None = None,
    risk_limit: Decimal = DEFAULT_RISK_LIMIT,
    sampled: Iterable[tuple[str, int]] | None = None,
) -> AuditReport:
    """The audit of one tally; UsageError for names that do not fit the file."""
    from certcli.core.errors import UsageError
    from certcli.figures.margins import candidate_key, unknown_tally

    if tally_id is None:
        tally, because = default_audit_tally(contest)
    else:
        found = contest.tallies_by_id.get(tally_id)
        if found is None:
            raise unknown_tally(contest, tally_id)
        if not found.votes:
            raise UsageError(
                f"tally {tally_id} has no votes per candidate, which an audit needs"
            )
        tally, because = found, "named with --tally"
    refusal = ballots_refusal(tally)
    if refusal is not None:
        raise UsageError(refusal[:1].upper() + refusal[1:])
    sample: dict[str, int] | None = None
    if sampled is not None:
        sample = {}
        for name, count in sampled:
            key = candidate_key(contest, name)
            if key in sample:
                raise UsageError(f"--sampled names {key} twice")
            if key not in tally.votes:
                raise UsageError(f"{key} has no votes in tally {tally.id}")
            sample[key] = count
        ballots = tally_ballots(tally)
        if ballots is not None and sum(sample.values()) > ballots:
            # A sample is drawn from the ballots cast: more is a typo, and
            # reading it as a full count would let the audit stop.
            raise UsageError(
                f"--sampled adds up to {sum(sample.values()):,} ballots, more than"
                f" the {ballots:,} ballots cast in tally {tally.id}"
            )
    model = contest.model
    audit = audit_of_tally(tally, risk_limit, sample)
    units = contest.units.get(tally.id)
    return AuditReport(
        file=contest.file,
        election_id=model.election.id,
        election_title=model.election.title,
        tally=tally,
        chosen_because=because,
        ballots_stated=tally.ballots is not None,
        names={key: candidate.name for key, candidate in model.candidates.items()},
        audit=audit,
        unit_kind=None if units is None else units.kind,
        units=() if units is None else unit_samples(audit, units),
    )
