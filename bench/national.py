"""The whole United States at precinct level: an OpenElections CSV and a data
file whose tally reads it, and the floor to compare reading it with.

    python bench/national.py generate DIR [--precincts 176400] [--house]
    python bench/national.py floor DIR/national.csv [--contest President]
    python bench/national.py summary bench/out

`generate` writes `DIR/national.csv` and `DIR/national.yaml`. The CSV is in
the OpenElections form (county, precinct, office, district, party, candidate,
votes, and two vote types that add up to votes), one row per precinct and
candidate: by default 176,400 precincts (about as many as the United States
has) in 3,143 counties of the 50 states and DC, 4 candidates each, about
50 MB. Counties are named with their state ("Lincoln (NE)"), since county
names repeat from state to state. `--house` adds a U.S. House contest (one
district per county) to every precinct, 1.6 times the bytes but the same
contest for a tally to read: reading President from it shows whether memory
follows the contest or the file.

The data file is a certcli/1 contest, "President of the United States", with
one certified tally whose figures are the file's (`results:` names the CSV,
format openelections, contest President) and a few claims made from the
generated figures, so that `certcli check` on it exits 0. The same --seed
gives the same bytes.

`floor` is what any program must do to read the file: the csv module's
reader over every row, summing the votes of one office per candidate, with
no checks at all. It prints the sums. `summary` prints the table of what
bench/national.sh measured.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

SEED = 20201103
PRECINCTS = 176_400
HEADER = (
    "county",
    "precinct",
    "office",
    "district",
    "party",
    "candidate",
    "votes",
    "election_day",
    "absentee",
)
OFFICE = "President"
HOUSE = "U.S. House"
# key, name as the file writes it, party, share of the vote (per mille)
CANDIDATES = (
    ("Biden", "Joseph R. Biden", "DEM", 510),
    ("Trump", "Donald J. Trump", "REP", 470),
    ("Jorgensen", "Jo Jorgensen", "LIB", 12),
    ("Hawkins", "Howie Hawkins", "GRN", 8),
)
HOUSE_CANDIDATES = (("Democratic nominee", "DEM"), ("Republican nominee", "REP"))
# The 50 states and DC: postal code and number of counties (or county
# equivalents); 3,143 in all.
STATES = (
    ("AL", 67), ("AK", 30), ("AZ", 15), ("AR", 75), ("CA", 58), ("CO", 64),
    ("CT", 8), ("DE", 3), ("DC", 1), ("FL", 67), ("GA", 159), ("HI", 5),
    ("ID", 44), ("IL", 102), ("IN", 92), ("IA", 99), ("KS", 105), ("KY", 120),
    ("LA", 64), ("ME", 16), ("MD", 24), ("MA", 14), ("MI", 83), ("MN", 87),
    ("MS", 82), ("MO", 115), ("MT", 56), ("NE", 93), ("NV", 17), ("NH", 10),
    ("NJ", 21), ("NM", 33), ("NY", 62), ("NC", 100), ("ND", 53), ("OH", 88),
    ("OK", 77), ("OR", 36), ("PA", 67), ("RI", 5), ("SC", 46), ("SD", 66),
    ("TN", 95), ("TX", 254), ("UT", 29), ("VT", 14), ("VA", 133), ("WA", 39),
    ("WV", 55), ("WI", 72), ("WY", 23),
)  # fmt: skip
COUNTY_NAMES = (
    "Washington", "Jefferson", "Franklin", "Jackson", "Lincoln", "Madison",
    "Clay", "Montgomery", "Union", "Marion", "Monroe", "Wayne", "Greene",
    "Warren", "Grant", "Carroll", "Johnson", "Lee", "Polk", "Adams", "Clark",
    "Hamilton", "Lake", "Marshall", "Morgan", "Scott", "Brown", "Calhoun",
    "Douglas", "Fayette", "Harrison", "Hancock", "Henry", "Lawrence", "Perry",
    "Pike", "Putnam", "Shelby", "Benton", "Boone", "Butler", "Cass",
    "Crawford", "Decatur", "Fulton", "Hardin", "Knox", "Logan", "Mercer",
    "Orange", "Randolph", "Sullivan", "Taylor", "Wilson", "Bedford",
)  # fmt: skip


def counties() -> list[str]:
    """Every county's name as the file writes it: unique across the country."""
    names = []
    for state, count in STATES:
        for index in range(count):
            name = COUNTY_NAMES[index % len(COUNTY_NAMES)]
            if index >= len(COUNTY_NAMES):
                name += f" {index // len(COUNTY_NAMES) + 1}"
            names.append(f"{name} ({state})")
    return names


def precincts_per_county(total: int, rng: random.Random) -> list[int]:
    """How many precincts each county has: `total` in all, at least one each
    when there are enough, unevenly (a few large counties, many small)."""
    names = counties()
    if total < len(names):
        return [1] * total
    weights = [rng.paretovariate(1.2) for _ in names]
    scale = (total - len(names)) / sum(weights)
    shares = [1 + int(weight * scale) for weight in weights]
    shares[0] += total - sum(shares)
    return shares


def generate(directory: Path, precincts: int, house: bool, seed: int) -> None:
    rng = random.Random(seed)
    house_rng = random.Random(seed + 1)  # President's figures stay as without
    directory.mkdir(parents=True, exist_ok=True)
    names = counties()
    totals = dict.fromkeys((key for key, *_ in CANDIDATES), 0)
    won = dict.fromkeys(totals, 0)
    units = 0
    with (directory / "national.csv").open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        for county_index, count in enumerate(precincts_per_county(precincts, rng)):
            county = names[county_index]
            lean = rng.gauss(0, 0.15)
            district = str(county_index % 9 + 1)
            for number in range(1, count + 1):
                precinct = f"Precinct {number:04d}"
                voters = rng.randint(200, 1600)
                tilt = lean + rng.gauss(0, 0.05)
                lean_of = {"DEM": 1 + tilt, "REP": 1 - tilt}
                shares = [
                    share * lean_of.get(party, 1) for _, _, party, share in CANDIDATES
                ]
                scale = voters / sum(shares)
                lines = []
                counts: dict[str, int] = {}
                for (key, name, party, _), share in zip(
                    CANDIDATES, shares, strict=True
                ):
                    votes = max(0, round(share * scale + rng.gauss(0, 3)))
                    absentee = rng.randint(0, votes)
                    lines.append(
                        f"{county},{precinct},{OFFICE},,{party},{name},"
                        f"{votes},{votes - absentee},{absentee}\n"
                    )
                    totals[key] += votes
                    counts[key] = votes
                best = max(counts.values())
                leaders = [key for key, votes in counts.items() if votes == best]
                if len(leaders) == 1:  # a tie is won by no one
                    won[leaders[0]] += 1
                units += 1
                if house:
                    for name, party in HOUSE_CANDIDATES:
                        votes = house_rng.randint(0, voters // 2)
                        absentee = house_rng.randint(0, votes)
                        lines.append(
                            f"{county},{precinct},{HOUSE},{district},{party},{name},"
                            f"{votes},{votes - absentee},{absentee}\n"
                        )
                out.write("".join(lines))
    (directory / "national.yaml").write_text(
        data_file(units, totals, won), encoding="utf-8"
    )


def data_file(units: int, totals: dict[str, int], won: dict[str, int]) -> str:
    """The certcli/1 contest whose certified tally reads national.csv."""
    total = sum(totals.values())
    leader, runner_up = sorted(totals, key=totals.__getitem__, reverse=True)[:2]
    margin = totals[leader] - totals[runner_up]
    percent = (Decimal(100 * margin) / total).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    candidates = "\n".join(
        f"  {key}: {{name: {name}, party: {party}}}"
        for key, name, party, _ in CANDIDATES
    )
    return f"""\
# Generated by bench/national.py: every precinct of the United States, read
# from national.csv (OpenElections form) by the certified tally.
format: certcli/1
election:
  id: us-2020-president-benchmark
  title: United States presidential election, by precinct (benchmark)
  jurisdiction: United States
  office: President of the United States
  election_day: 2020-11-03
  timezone: America/New_York
  calendar: {{country: US}}
  reporting_units: {{kind: precinct, count: {units}}}
candidates:
{candidates}
sources:
  states:
    title: Certified results of the states, by precinct
    publisher: Benchmark
    published: 2020-12-14
  paper:
    title: The country's result
    publisher: Benchmark
    published: 2020-12-15
tallies:
  - id: certified
    stage: certified
    as_of: 2020-12-14
    source: states
    results:
      file: national.csv
      format: openelections
      contest: {OFFICE}
      candidates:
{chr(10).join(f"        {key}: {name}" for key, name, _, _ in CANDIDATES)}
claims:
  - id: votes-leader
    source: paper
    quote: "{totals[leader]:,} votes for {leader}"
    metric: votes
    candidate: {leader}
    tally: certified
    stated: "{totals[leader]:,}"
  - id: margin
    source: paper
    quote: "{leader} leads {runner_up} by {percent} points"
    metric: margin_percent
    candidate: {leader}
    opponent: {runner_up}
    tally: certified
    stated: "{percent}%"
  - id: precincts-won
    source: paper
    quote: "{runner_up} carried {won[runner_up]:,} precincts"
    metric: units_won
    candidate: {runner_up}
    tally: certified
    stated: "{won[runner_up]:,}"
"""


def floor(path: Path, office: str) -> dict[str, int]:
    """Each candidate's votes for `office`: the csv module, nothing else."""
    sums: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        rows = csv.reader(stream)
        header = next(rows)
        column = {name: index for index, name in enumerate(header)}
        office_at, name_at, votes_at = (
            column["office"],
            column["candidate"],
            column["votes"],
        )
        for row in rows:
            if row[office_at] == office:
                name = row[name_at]
                sums[name] = sums.get(name, 0) + int(row[votes_at])
    return sums


# The side-by-side pairs of bench/national.sh: what, and the target ratio of
# the second command's time to the first's (its floor).
PAIRS = (
    ("a", "(a) reading the CSV", 2.0),
    ("b", "(b) margin --by unit", 3.0),
    ("c", "(c) report", 3.0),
    ("d", "(d) check, 20,000 claims", 1.5),
)


def summary(out: Path) -> str:
    """The table of bench/national.sh's results: wall clock (hyperfine's
    median and mean), CPU time (user + system, the mean), peak memory, and
    each pair's ratios to its floor, of the wall-clock medians and of the CPU
    times. The target is judged on the CPU times, which a machine busy with
    other work disturbs far less (waiting for a core is not counted)."""
    memory = {}
    memory_file = out / "national-memory.txt"
    if memory_file.exists():
        for line in memory_file.read_text(encoding="utf-8").splitlines():
            label, _, kb = line.partition("\t")
            memory[label] = f"{int(kb) / 1024:,.0f} MB" if kb.isdigit() else "?"
    times = "\u00d7"
    lines = [
        "| pair | command | median | mean ± sd | CPU | peak RSS | wall ratio"
        " | CPU ratio | target | |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, title, target in PAIRS:
        path = out / f"national-{key}.json"
        if not path.exists():
            continue
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
        floor_median = results[0]["median"]
        floor_cpu = results[0]["user"] + results[0]["system"]
        for index, result in enumerate(results):
            cpu = result["user"] + result["system"]
            ratio = cpu / floor_cpu
            cells = [
                title if index == 0 else "",
                f"`{result['command']}`",
                f"{result['median']:.2f} s",
                f"{result['mean']:.2f} s ± {result.get('stddev') or 0:.2f}",
                f"{cpu:.2f} s",
                memory.get(result["command"], ""),
                "(floor)"
                if index == 0
                else f"{result['median'] / floor_median:.2f} {times}",
                "" if index == 0 else f"{ratio:.2f} {times}",
                "" if index == 0 else f"\u2264 {target} {times}",
                "" if index == 0 else ("**met**" if ratio <= target else "**not met**"),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    for label in memory:
        if "a second one" in label:
            lines.append(f"| | {label} | | | | {memory[label]} | | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("generate", help="write national.csv and .yaml")
    make.add_argument("directory", type=Path)
    make.add_argument("--precincts", type=int, default=PRECINCTS)
    make.add_argument("--house", action="store_true", help="add a House contest")
    make.add_argument("--seed", type=int, default=SEED)
    add = commands.add_parser("floor", help="sum one office with the csv module")
    add.add_argument("file", type=Path)
    add.add_argument("--contest", default=OFFICE)
    table = commands.add_parser("summary", help="the table of bench/national.sh")
    table.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "generate":
        generate(args.directory, args.precincts, args.house, args.seed)
    elif args.command == "floor":
        for name, votes in floor(args.file, args.contest).items():
            print(f"{name}: {votes}")
    else:
        print(summary(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
