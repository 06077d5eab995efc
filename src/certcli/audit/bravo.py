"""BRAVO ballot-polling risk-limiting audits: sample sizes, the full-hand-count
rule and the measured risk of a sample (Lindeman & Stark, "A Gentle
Introduction to Risk-Limiting Audits", IEEE Security & Privacy, 2012).

The figures are those that VotingWorks' Arlo (the software Georgia audited
with in November 2020) computes for a single-winner contest:

* For the winner w (most votes) against every other candidate r with votes:
  p_w, p_r = votes / ballots, s_w = w / (w + r), z_w = ln(2 s_w),
  z_r = ln(2 (1 - s_w)), and the **average sample number**
  ASN = ceil((ln(1/alpha) + z_w / 2) / (p_w z_w + p_r z_r)). The contest's ASN is
  the largest over the pairs.
* **One-round sizes**: the number of ballots that gives a 70, 80 or 90 % chance
  that the first round confirms the outcome, if the reported tally is right.
  Among the n ballots of a pair that show w or r, the winner's count X is
  binomial (n, s_w); the audit stops when X ln(2 s_w) + (n - X) ln(2 (1 - s_w))
  exceeds ln(1/alpha). Starting at the normal approximation's n (Mark Lindeman's
  quadratic), n grows until the (1 - probability) quantile of X stops the
  audit; the sample in ballots is ceil(n · ballots / (w + r)).
* **Full hand count** when the contest is tied, when alpha is 0, when the 90 %
  sample or the ASN is at least every ballot cast, or when more than 100,000
  ballots were cast and the 90 % sample is at least 25 % of them.
* **Measured risk** of a sample with n_w winner and n_r loser ballots:
  T = (s_w / 0.5)^n_w ((1 - s_w) / 0.5)^n_r, risk = min(1, 1 / T); the audit may
  stop when the risk is at most alpha for every pair.

Exact to the ballot: every threshold is decided exactly, at any size a file
holds. Logarithms are summed with 60 significant digits more than their
largest factor has, and a comparison that lands within 10^-40 of its
boundary is decided again in integers (or with 300 more digits where the
integers would be too large to compute); binomial tails are summed in integer
units of 2^-240 and decided again with exact integers when as close. Nothing here uses
floating point except the normal approximation that only picks where a search
starts, and the probability of finishing with the ASN, which is an estimate
printed to two decimals.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Context, Decimal, localcontext
from fractions import Fraction
from functools import wraps
from statistics import NormalDist
from typing import Literal, ParamSpec, TypeVar

# Arlo's defaults: a risk limit of 10 %, one-round sizes for these chances, and
# the rule that turns a large sample into a full hand count.
DEFAULT_RISK_LIMIT = Decimal(10)
PROBABILITIES = (Decimal("0.7"), Decimal("0.8"), Decimal("0.9"))
LARGE_CONTEST = 100_000
FULL_COUNT_SHARE = Fraction(1, 4)
# One-round sizes are searched for up to this many ballots of a pair: beyond it
# the exact binomial tail would take seconds to minutes, and any such sample
# is more than a quarter of every real contest's ballots.
MAX_PAIR_SAMPLE = 10**9

FullCountRule = Literal["tie", "zero_risk_limit", "sample_of_all", "large_sample"]

_DIGITS = 60
_CTX = Context(prec=_DIGITS, rounding=ROUND_HALF_EVEN, Emin=-(10**9), Emax=10**9)
# A sum of logarithms closer than this to its boundary is decided in integers.
_GUARD = Decimal("1e-40")

P = ParamSpec("P")
R = TypeVar("R")


def _exact(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with 60-digit decimals, whatever the caller's context."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(_CTX):
            return function(*args, **kwargs)

    return run


# --- results ----------------------------------------------------------------


@dataclass(frozen=True)
class OneRound:
    """Ballots to sample for `probability` of finishing in one round."""

    probability: Decimal
    ballots: int | None  # None: over MAX_PAIR_SAMPLE ballots of the pair


@dataclass(frozen=True)
class PairRisk:
    """The measured risk of a sample for one winner-loser pair."""

    sampled_winner: int
    sampled_loser: int
    risk: Decimal  # min(1, 1/T); with every ballot examined, 0 or 1
    within_limit: bool  # risk ≤ alpha


@dataclass(frozen=True)
class Pair:
    """The winner against one other candidate with votes."""

    winner: str
    loser: str
    winner_votes: int
    loser_votes: int
    winner_share: Decimal  # s_w = w / (w + r)
    asn: int | None  # None when the pair is tied
    asn_probability: Decimal | None  # chance that ASN ballots finish in one round
    one_round: tuple[OneRound, ...]
    risk: PairRisk | None  # with a sample


@dataclass(frozen=True)
class Audit:
    """The BRAVO figures of one contest at one risk limit."""

    risk_limit: Decimal  # percent
    ballots: int
    winner: str | None  # None: no candidate has votes
    runner_up: str | None
    margin_votes: int | None  # winner - runner-up
    pairs: tuple[Pair, ...]
    asn: int | None  # the largest ASN over the pairs
    asn_probability: Decimal | None
    one_round: tuple[OneRound, ...]  # the largest size over the pairs, per chance
    full_hand_count: bool
    rule: FullCountRule | None  # which rule calls for a full hand count
    reason: str  # in words, for the full hand count or against it
    sampled: Mapping[str, int] | None  # the sample, when one was given
    may_stop: bool | None  # with a sample: risk ≤ alpha for every pair

    @property
    def margin_percent(self) -> Decimal | None:
        """The margin as a percentage of all ballots."""
        if self.margin_votes is None or not self.ballots:
            return None
        return _CTX.divide(Decimal(self.margin_votes) * 100, Decimal(self.ballots))

    def sample_size(self, probability: str) -> int | None:
        """`asn`, or a one-round size for "0.7", "0.8" or "0.9"."""
        if probability == "asn":
            return self.asn
        wanted = Decimal(probability)
        return next(
            (size.ballots for size in self.one_round if size.probability == wanted),
            None,
        )


# --- the contest ------------------------------------------------------------


@_exact
def bravo(
    votes: Mapping[str, int],
    ballots: int,
    risk_limit: Decimal = DEFAULT_RISK_LIMIT,
    sampled: Mapping[str, int] | None = None,
) -> Audit:
    """The BRAVO figures of a contest with these `votes` among `ballots`.

    `risk_limit` is a percentage in [0, 100): ValueError otherwise, as for
    negative counts or fewer ballots than votes. Candidates in `sampled` must
    be candidates of `votes`.
    """
    if not risk_limit.is_finite() or not Decimal(0) <= risk_limit < 100:
        raise ValueError(
            f"the risk limit must be at least 0 and under 100 %, got {risk_limit}"
        )
    if any(count < 0 for count in votes.values()) or ballots < 0:
        raise ValueError("votes and ballots cannot be negative")
    if ballots < sum(votes.values()):
        raise ValueError(
            f"{ballots:,} ballots are fewer than the {sum(votes.values()):,} votes"
        )
    if sampled is not None:
        unknown = sorted(set(sampled) - set(votes))
        if unknown:
            raise ValueError(
                f"sampled candidates not in the tally: {', '.join(unknown)}"
            )
        if any(count < 0 for count in sampled.values()):
            raise ValueError("sampled counts cannot be negative")
        if sum(sampled.values()) > ballots:
            raise ValueError(
                f"a sample of {sum(sampled.values()):,} ballots is more than the"
                f" {ballots:,} ballots cast"
            )
    order = list(votes)
    ranked = sorted(order, key=lambda name: (-votes[name], order.index(name)))
    with_votes = [name for name in ranked if votes[name] > 0]
    winner = with_votes[0] if with_votes else None
    runner_up = with_votes[1] if len(with_votes) > 1 else None
    alpha = Fraction(risk_limit) / 100
    examined_all = sampled is not None and sum(sampled.values()) >= ballots > 0
    pairs = tuple(
        _pair(winner, loser, votes, ballots, alpha, sampled, examined_all)
        for loser in with_votes[1:]
        if winner is not None
    )
    margin = None if runner_up is None else votes[with_votes[0]] - votes[runner_up]
    tied = margin == 0
    sized = [pair for pair in pairs if pair.asn is not None]
    closest = max(sized, key=lambda pair: pair.asn or 0, default=None)
    one_round = tuple(
        OneRound(chance, _largest(pair.one_round[i].ballots for pair in sized))
        for i, chance in enumerate(PROBABILITIES)
        if sized and not tied and alpha > 0
    )
    asn = None if closest is None or tied or alpha == 0 else closest.asn
    rule, reason = _full_count_rule(
        ballots, alpha, tied, one_round, winner, runner_up, asn
    )
    may_stop = None
    if sampled is not None and pairs:
        may_stop = all(
            pair.risk is not None and pair.risk.within_limit for pair in pairs
        )
    return Audit(
        risk_limit=risk_limit,
        ballots=ballots,
        winner=winner,
        runner_up=runner_up,
        margin_votes=margin,
        pairs=pairs,
        asn=asn,
        asn_probability=(
            None if closest is None or tied or alpha == 0 else closest.asn_probability
        ),
        one_round=one_round,
        full_hand_count=rule is not None,
        rule=rule,
        reason=reason,
        sampled=dict(sampled) if sampled is not None else None,
        may_stop=may_stop,
    )


def _largest(sizes: Iterable[int | None]) -> int | None:
    """The largest size; None (too large to compute) beats every number."""
    known = list(sizes)
    return None if None in known else max(size for size in known if size is not None)


def _full_count_rule(
    ballots: int,
    alpha: Fraction,
    tied: bool,
    one_round: tuple[OneRound, ...],
    winner: str | None,
    runner_up: str | None,
    asn: int | None = None,
) -> tuple[FullCountRule | None, str]:
    if tied:
        return "tie", (
            f"{winner} and {runner_up} are tied: no sample can confirm a winner,"
            " so only a full hand count decides"
        )
    if alpha == 0:
        return "zero_risk_limit", (
            "a risk limit of 0 % accepts no risk, which only a full hand count gives"
        )
    if winner is None or runner_up is None:
        return None, (
            "no candidate has votes, so there is no outcome to confirm"
            if winner is None
            else f"no candidate but {winner} has votes, so there is no outcome"
            " to confirm"
        )
    ninety = one_round[-1].ballots
    if ninety is not None and ninety >= ballots:
        return "sample_of_all", (
            f"the 90 % sample ({ninety:,}) is at least every one of the"
            f" {ballots:,} ballots cast: no sample can be larger than the contest,"
            " so only a full hand count confirms the outcome"
        )
    if asn is not None and asn >= ballots:
        return "sample_of_all", (
            f"the expected sample ({asn:,}) is at least every one of the"
            f" {ballots:,} ballots cast: no sample can be larger than the contest,"
            " so only a full hand count confirms the outcome"
        )
    if ballots <= LARGE_CONTEST:
        return None, (f"{ballots:,} ballots were cast, not more than {LARGE_CONTEST:,}")
    if ninety is None:
        if FULL_COUNT_SHARE * ballots <= MAX_PAIR_SAMPLE:
            return "large_sample", (
                f"more than {LARGE_CONTEST:,} ballots were cast and the 90 % sample"
                f" is more than {MAX_PAIR_SAMPLE:,} ballots, at least 25 % of them"
            )
        return None, (
            f"the 90 % sample is more than {MAX_PAIR_SAMPLE:,} ballots, too many"
            " to compute, and whether that is 25 % of the ballots is unknown"
        )
    share = share_of_ballots(ninety, ballots)
    if Fraction(ninety) >= FULL_COUNT_SHARE * ballots:
        return "large_sample", (
            f"more than {LARGE_CONTEST:,} ballots were cast and the 90 % sample"
            f" ({ninety:,}) is {share} of them, at least 25 %"
        )
    return None, (f"the 90 % sample ({ninety:,}) is {share} of the ballots, under 25 %")


def share_of_ballots(part: int, whole: int) -> str:
    """part / whole as a percentage: whole numbers from 1 % (with thousands
    separators), else two decimals."""
    with localcontext(_CTX):
        percent = Decimal(part * 100) / Decimal(whole)
        places = Decimal(1) if percent >= 1 else Decimal("0.01")
        return f"{percent.quantize(places, rounding=ROUND_HALF_EVEN):,} %"


def _pair(
    winner: str,
    loser: str,
    votes: Mapping[str, int],
    ballots: int,
    alpha: Fraction,
    sampled: Mapping[str, int] | None,
    examined_all: bool,
) -> Pair:
    w, r = votes[winner], votes[loser]
    share = _CTX.divide(Decimal(w), Decimal(w + r))
    risk = None
    if sampled is not None:
        risk = measured_risk(
            w, r, sampled.get(winner, 0), sampled.get(loser, 0), alpha, examined_all
        )
    if w == r or alpha == 0:
        return Pair(winner, loser, w, r, share, None, None, (), risk)
    asn = average_sample_number(w, r, ballots, alpha)
    sizes = tuple(
        OneRound(chance, one_round_size(w, r, ballots, alpha, chance))
        for chance in PROBABILITIES
    )
    return Pair(
        winner,
        loser,
        w,
        r,
        share,
        asn,
        asn_probability(w, r, ballots, alpha, asn),
        sizes,
        risk,
    )


# --- exact decisions on sums of logarithms ----------------------------------

Terms = Iterable[tuple[int, Fraction]]  # Σ exponent · ln(ratio)


# Beyond this many bits, Π r^e in integers would take more than a moment; a
# sum that close to 0 is summed again with 300 more digits instead.
_EXACT_BITS = 1_000_000


def _context(digits: int) -> Context:
    return Context(prec=digits, rounding=ROUND_HALF_EVEN, Emin=-(10**9), Emax=10**9)


def _log_sign(terms: Terms) -> int:
    """The sign of Σ e·ln(r) over (e, r) with integer e and rational r > 0.

    Summed with 60 digits more than the largest exponent has, so that the
    error stays under 10^-55 however large the exponents (a contest of 10^16
    ballots has exponents of 30 digits and more); when that lands within
    10^-40 of 0, decided exactly by comparing Π r^e above and below the
    fraction bar in integers, or, where those integers would have more than
    _EXACT_BITS bits, summed again with 300 more digits (then within
    10^-340 of 0 counts as 0).
    """
    kept = [(e, r) for e, r in terms if e and r != 1]
    if not kept:
        return 0
    digits = _DIGITS + max(len(str(abs(e))) for e, _ in kept)

    def total(context: Context) -> Decimal:
        return sum(
            (
                context.multiply(
                    Decimal(e),
                    context.subtract(
                        context.ln(Decimal(r.numerator)),
                        context.ln(Decimal(r.denominator)),
                    ),
                )
                for e, r in kept
            ),
            Decimal(0),
        )

    with localcontext(_context(digits)) as context:
        first = total(context)
        if abs(first) > _GUARD:
            return 1 if first > 0 else -1
    bits = sum(
        abs(e) * (r.numerator.bit_length() + r.denominator.bit_length())
        for e, r in kept
    )
    if bits > _EXACT_BITS:
        with localcontext(_context(digits + 300)) as context:
            second = total(context)
            if abs(second) <= Decimal("1e-340"):
                return 0
            return 1 if second > 0 else -1
    above = below = 1
    for e, r in kept:
        num, den = (
            (r.numerator, r.denominator) if e > 0 else (r.denominator, r.numerator)
        )
        above *= num ** abs(e)
        below *= den ** abs(e)
    return (above > below) - (above < below)


def _risk_terms(
    w: int, r: int, n_w: int, n_r: int, alpha: Fraction
) -> list[tuple[int, Fraction]]:
    """ln T - ln(1/alpha) for n_w winner and n_r loser ballots of the pair."""
    return [
        (n_w, Fraction(2 * w, w + r)),
        (n_r, Fraction(2 * r, w + r)),
        (-1, 1 / alpha),
    ]


def average_sample_number(w: int, r: int, ballots: int, alpha: Fraction) -> int:
    """ceil((ln(1/alpha) + z_w/2) / (p_w z_w + p_r z_r)) for w > r > 0, 0 < alpha < 1.

    Multiplied out by 2·ballots, k ≥ ASN exactly when
    2k·w·z_w + 2k·r·z_r - 2·ballots·ln(1/alpha) - ballots·z_w ≥ 0, which
    `_log_sign` decides exactly. A decimal estimate, with 60 digits more than
    twice the ballots have (p_w z_w + p_r z_r cancels about that many digits
    in a near tie), picks k to try; from there the ASN is bracketed by steps
    that double and then halved down to one ballot, so that a poor estimate
    costs a few dozen decisions, never a walk one ballot at a time.
    """
    two_w, two_r = Fraction(2 * w, w + r), Fraction(2 * r, w + r)
    with localcontext(_context(_DIGITS + 2 * len(str(ballots)))) as context:
        z_w = context.ln(Decimal(two_w.numerator) / Decimal(two_w.denominator))
        z_r = context.ln(Decimal(two_r.numerator) / Decimal(two_r.denominator))
        top = context.ln(Decimal(alpha.denominator) / Decimal(alpha.numerator))
        top += z_w / 2
        bottom = (w * z_w + r * z_r) / Decimal(ballots)
        estimate = int((top / bottom).to_integral_value(ROUND_CEILING))

    def enough(k: int) -> bool:
        terms = [
            (2 * k * w - ballots, two_w),
            (2 * k * r, two_r),
            (-2 * ballots, 1 / alpha),
        ]
        return _log_sign(terms) >= 0

    # enough(k) is false below the ASN and true from it on: bracket it as
    # low < ASN <= high, then halve the bracket.
    high = max(estimate, 1)
    step = 1
    if enough(high):
        low = high - step
        while low >= 1 and enough(low):
            high, step = low, step * 2
            low = high - step
        low = max(low, 0)
    else:
        low = high
        high = low + step
        while not enough(high):
            low, step = high, step * 2
            high = low + step
    while high - low > 1:
        middle = (low + high) // 2
        if enough(middle):
            high = middle
        else:
            low = middle
    return high


def asn_probability(w: int, r: int, ballots: int, alpha: Fraction, asn: int) -> Decimal:
    """The chance that a first round of `asn` ballots confirms the outcome, by the
    normal approximation Arlo uses; two decimals. Worked out in decimals
    with twice the ballots' digits and 60 more (in a near tie, ln(2 s) and
    ln(2 (1 - s)) agree to about as many digits as the ballots have), and
    only z, a number of moderate size, is handed to floating point."""
    with localcontext(_context(_DIGITS + 2 * len(str(ballots)))):
        s = Decimal(w) / Decimal(w + r)
        plus = (2 * s).ln()
        minus = (2 * (1 - s)).ln()
        threshold = (Decimal(alpha.denominator) / Decimal(alpha.numerator)).ln()
        n = Decimal(asn) * (w + r) / ballots
        needed = (threshold - minus * n) / (plus - minus)
        z = (needed - n * s) / (n * s * (1 - s)).sqrt()
    chance = NormalDist().cdf(-float(z))
    return Decimal(repr(chance)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


@_exact
def one_round_size(
    w: int, r: int, ballots: int, alpha: Fraction, probability: Decimal
) -> int | None:
    """Ballots for `probability` of confirming in one round (w > r > 0, 0 < alpha < 1).

    Where n · ballots / (w + r) is a whole number it is the answer; Arlo divides
    in floating point and may round one ballot higher there. None when the
    search would start above MAX_PAIR_SAMPLE ballots of the pair (the answer is
    at least that: the search only goes up).
    """
    two_w, two_r = Fraction(2 * w, w + r), Fraction(2 * r, w + r)
    s = w / (w + r)
    plus, minus = math.log(2 * s), math.log(2 * (1 - s))
    if plus - minus < 1e-12:
        # w and r agree to 12 digits: n is beyond 10^20 ballots of the pair,
        # and past where floating point can start the search.
        return None
    threshold = math.log(1 / float(alpha))
    z = -NormalDist().inv_cdf(float(probability))
    # Lindeman's quadratic: the n at which the (1 - probability) quantile of the
    # winner's count, n·s + z·sqrt(n·s·(1-s)), meets the count that stops.
    d = s * (1 - s)
    f = threshold / (plus - minus)
    g = minus / (plus - minus) + s
    a, b, c = g * g, -(z * z * d + 2 * f * g), f * f
    root = math.sqrt(max(0.0, b * b - 4 * a * c))
    n = max(
        0, math.floor(((-b + root) if probability > 0.5 else (-b - root)) / (2 * a))
    )
    if n > MAX_PAIR_SAMPLE:
        return None
    level = 1 - Fraction(probability)
    x = None
    while True:
        x = binomial_quantile(level, n, w, r, hint=x)
        if _log_sign([(x, two_w), (n - x, two_r), (-1, 1 / alpha)]) > 0:
            break
        n += 1
    # Other candidates' and blank ballots: n ballots of the pair among all.
    return -(-n * ballots // (w + r))


@_exact
def measured_risk(
    w: int, r: int, n_w: int, n_r: int, alpha: Fraction, examined_all: bool = False
) -> PairRisk:
    """min(1, 1/T) for a sample with n_w ballots for w and n_r for r (w, r > 0)."""
    if examined_all:
        # A full count: it confirms the winner over r exactly when it shows
        # the winner ahead (Arlo gives 0 either way).
        confirmed = n_w > n_r
        return PairRisk(n_w, n_r, Decimal(0 if confirmed else 1), confirmed)
    log_t = (
        n_w * _dec(Fraction(2 * w, w + r)).ln()
        + n_r * _dec(Fraction(2 * r, w + r)).ln()
    )
    risk = Decimal(1) if log_t <= 0 else (-log_t).exp()
    within = alpha > 0 and _log_sign(_risk_terms(w, r, n_w, n_r, alpha)) >= 0
    return PairRisk(n_w, n_r, risk, within)


def _dec(value: Fraction) -> Decimal:
    return _CTX.divide(Decimal(value.numerator), Decimal(value.denominator))


# --- the binomial distribution ----------------------------------------------


@_exact
def binomial_quantile(
    level: Fraction, n: int, w: int, r: int, hint: int | None = None
) -> int:
    """The smallest x with P(X ≤ x) ≥ level, X ~ Binomial(n, w / (w + r)).

    0 < level < 1 and w, r > 0. The search starts at `hint`, else at the normal
    approximation, and moves one count at a time, adding or removing one term.
    """
    if n == 0:
        return 0
    if hint is None:
        s = w / (w + r)
        spread = math.sqrt(n * s * (1 - s))
        hint = math.floor(n * s + NormalDist().inv_cdf(float(level)) * spread)
    tail = _Tail(n, w, r, min(n, max(0, hint)))
    if tail.at_least(level):
        while tail.x > 0:
            tail.down()
            if not tail.at_least(level):
                return tail.x + 1
        return 0
    while True:
        tail.up()
        if tail.at_least(level):
            return tail.x


class _Tail:
    """P(X ≤ x) and P(X = x) for X ~ Binomial(n, w/(w+r)) at a moving x.

    The tail is summed once with 60 digits outward from x until the terms
    cannot matter; moving x adds or removes one term. A comparison with a level
    that lands within 10^-40 is decided again with exact integers.
    """

    def __init__(self, n: int, w: int, r: int, x: int) -> None:
        self.n, self.w, self.r, self.x = n, w, r, x
        log = (
            _log_factorial(n)
            - _log_factorial(x)
            - _log_factorial(n - x)
            + x * _dec(Fraction(w, w + r)).ln()
            + (n - x) * _dec(Fraction(r, w + r)).ln()
        )
        self.pmf = log.exp()
        self.cdf = self._sum()

    def _sum(self) -> Decimal:
        """Σ_{k ≤ x} pmf(k): the lower tail below the mean, else 1 - the upper.

        Each is summed away from the mean, where the terms only shrink, and
        stops when a term is below 10^-55 of the sum (the rest is smaller
        than that many terms, far under 10^-40). The terms are whole numbers
        in units of 2^-_TAIL_BITS, which Python multiplies and divides several
        times faster than decimals: each step rounds down by less than one
        unit, 10^-60 of the sum, so that even 10^9 steps stay under 10^-50."""
        n, w, r, x = self.n, self.w, self.r, self.x
        one = 1 << _TAIL_BITS
        term = int(_CTX.multiply(self.pmf, Decimal(one)))
        if x * (w + r) < n * w:
            total = term
            below = n - x + 1  # n - k + 1 for k = x, counting up as k goes down
            for k in range(x, 0, -1):
                term = term * k * r // (below * w)
                below += 1
                total += term
                if not k & 63 and term * _TAIL_STOP < total:
                    break  # checked every 64 terms: the terms only shrink
            return _CTX.divide(Decimal(total), Decimal(one))
        total = 0
        for k in range(x, n):
            term = term * (n - k) * w // ((k + 1) * r)
            total += term
            if not k & 63 and term * _TAIL_STOP < total:
                break
        return 1 - _CTX.divide(Decimal(total), Decimal(one))

    def up(self) -> None:
        n, x = self.n, self.x
        self.pmf = self.pmf * (n - x) * self.w / ((x + 1) * self.r)
        self.x += 1
        self.cdf += self.pmf

    def down(self) -> None:
        n, x = self.n, self.x
        self.cdf -= self.pmf
        self.pmf = self.pmf * x * self.r / ((n - x + 1) * self.w)
        self.x -= 1

    def at_least(self, level: Fraction) -> bool:
        """P(X ≤ x) ≥ level, decided exactly."""
        if self.x >= self.n:
            return True
        target = _dec(level)
        if abs(self.cdf - target) > _GUARD:
            return self.cdf > target
        n, w, r = self.n, self.w, self.r
        lower = sum(math.comb(n, k) * w**k * r ** (n - k) for k in range(self.x + 1))
        return bool(lower * level.denominator >= level.numerator * (w + r) ** n)


_STIRLING = tuple(
    Fraction(b) / (2 * k * (2 * k - 1))
    for k, b in enumerate(
        (
            Fraction(1, 6),
            Fraction(-1, 30),
            Fraction(1, 42),
            Fraction(-1, 30),
            Fraction(5, 66),
            Fraction(-691, 2730),
            Fraction(7, 6),
            Fraction(-3617, 510),
            Fraction(43867, 798),
            Fraction(-174611, 330),
        ),
        start=1,
    )
)
_EXACT_FACTORIAL_BELOW = 10_000
_TAIL_BITS = 240  # a binomial tail's terms in units of 2^-240 (about 10^-72)
_TAIL_STOP = 10**55  # summing stops at a term below 10^-55 of the sum


@_exact
def _log_factorial(m: int) -> Decimal:
    """ln(m!) to 60 digits: from the exact factorial's leading 400 bits below
    10,000, from Stirling's series (10 terms, error < 10^-80) above."""
    if m < 2:
        return Decimal(0)
    if m < _EXACT_FACTORIAL_BELOW:
        exact = math.factorial(m)
        shift = max(0, exact.bit_length() - 400)
        return _CTX.add(_CTX.ln(Decimal(exact >> shift)), _CTX.multiply(shift, _LN2))
    big = Decimal(m)
    log = _CTX.ln(big)
    total = _CTX.subtract(_CTX.multiply(big + Decimal("0.5"), log), big)
    total = _CTX.add(total, _HALF_LN_2PI)
    power = big
    square = big * big
    for coefficient in _STIRLING:
        total = _CTX.add(total, _dec(coefficient) / power)
        power = _CTX.multiply(power, square)
    return total


def _pi() -> Decimal:
    """π to 60 digits by Machin's formula, 16·atan(1/5) - 4·atan(1/239)."""

    def atan_inverse(x: int) -> Decimal:
        total = term = _CTX.divide(Decimal(1), Decimal(x))
        square, k, sign = x * x, 1, -1
        while True:
            term = _CTX.divide(term, Decimal(square))
            part = _CTX.divide(term, Decimal(2 * k + 1))
            if part < Decimal("1e-70"):
                return total
            total = _CTX.add(total, sign * part)
            k, sign = k + 1, -sign

    return _CTX.subtract(16 * atan_inverse(5), 4 * atan_inverse(239))


with localcontext(_CTX):
    _LN2 = Decimal(2).ln()
    _HALF_LN_2PI = (2 * _pi()).ln() / 2
