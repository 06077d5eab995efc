"""How long the BRAVO figures of one contest take, from 1,000 ballots to
10^30 (the largest count a data file holds), for near ties and wider margins,
and for the contests whose one-round sizes come closest to the billion ballots
up to which certcli searches (the slowest it still computes).

    .venv/bin/python bench/audit_sizes.py          # a table; exit 1 above 1 s

Each contest is computed in a fresh process-wide cache state (the figures of a
tally are cached by `certcli.audit.bravo`, `bravo` itself is not), three times, and
the slowest of the three is shown. The requirement: a result or a clear
refusal within 1 s for every contest, whatever its size.
"""

from __future__ import annotations

import sys
import time

from certcli.audit.bravo import MAX_PAIR_SAMPLE, bravo

LIMIT_SECONDS = 1.0


def contests() -> list[tuple[str, int, int, int]]:
    """(label, winner votes, loser votes, ballots)."""
    found = []
    for exponent in (3, 6, 9, 12, 15, 16, 20, 30):
        ballots = 10**exponent
        for label, lead in (
            ("2 votes", 2),
            ("0.01 %", max(2, ballots // 10_000)),
            ("1 %", max(2, ballots // 100)),
        ):
            w = (ballots + lead) // 2
            found.append((f"10^{exponent}, lead {label}", w, ballots - w, ballots))
    # 10 million ballots, leads whose 90 % one-round sample of the pair is
    # close below MAX_PAIR_SAMPLE: the longest binomial tails certcli sums.
    for lead in (1400, 1300, 1250, 1200, 1170):
        w = (10_000_000 + lead) // 2
        found.append((f"10^7, lead {lead} votes", w, 10_000_000 - w, 10_000_000))
    return found


def main() -> int:
    slowest = 0.0
    print(f"{'contest':<28} {'seconds':>8}  {'ASN':>34}  90 % one round / rule")
    for label, w, r, ballots in contests():
        times = []
        for _ in range(3):
            start = time.perf_counter()
            audit = bravo({"W": w, "R": r}, ballots)
            times.append(time.perf_counter() - start)
        worst = max(times)
        slowest = max(slowest, worst)
        ninety = audit.one_round[-1].ballots if audit.one_round else None
        shown = f"> {MAX_PAIR_SAMPLE:,}" if ninety is None else f"{ninety:,}"
        asn = "-" if audit.asn is None else f"{audit.asn:,}"
        print(f"{label:<28} {worst:8.3f}  {asn:>34}  {shown} / {audit.rule}")
    print(f"slowest: {slowest:.3f} s (limit {LIMIT_SECONDS} s)")
    return 0 if slowest <= LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
