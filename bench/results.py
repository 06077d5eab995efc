"""A large Clarity results file, and the time and memory of reading one contest.

    python bench/results.py generate OUT.xml [--precincts 2700] [--contests 10]
    python bench/results.py read FILE.xml --contest NAME

`generate` writes a precinct-level Clarity/Scytl ENR `detail.xml` the size of a
state's (about 20 MB with the defaults): every precinct in the turnout section,
then contests with over- and undervotes and 2 to 4 choices, each choice's votes
split into four vote types, one `<Precinct>` element per precinct and vote
type, as real exports write them. The same --seed gives the same bytes.

`read` reads one contest with `certcli.readers.clarity.read` in this process
and prints the wall-clock and CPU time, the peak memory the process reached (maximum
resident set size) and what was read; `certcli results FILE` measures the
whole command (see bench/results.sh).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

VOTE_TYPES = ("Election Day", "Absentee by Mail", "Advance Voting", "Provisional")
CONTESTS = (
    "President of the United States",
    "US Senate (Perdue)",
    "US Senate (Loeffler) - Special",
    "Public Service Commission District 1",
    "Public Service Commission District 4",
    "US House District 5",
    "State Senate District 36",
    "State House District 58",
    "Constitutional Amendment #1",
    "Constitutional Amendment #2",
    "Statewide Referendum A",
    "District Attorney",
    "Sheriff",
    "Tax Commissioner",
)
NAMES = (
    "Donald J. Trump (I) (Rep)",
    "Joseph R. Biden (Dem)",
    "Jo Jorgensen (Lib)",
    "Write-in",
)


def generate(path: Path, precincts: int, contests: int, seed: int) -> None:
    rng = random.Random(seed)
    units = [f"{county:03d}-{number:02d}" for county, number in _precincts(precincts)]
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<ElectionResult>",
        "    <Timestamp>12/7/2020 5:05:52 PM EST</Timestamp>",
        "    <ElectionName>General Election (benchmark)</ElectionName>",
        "    <ElectionDate>11/3/2020</ElectionDate>",
        "    <Region>GA</Region>",
        "    <ElectionVoterTurnout>",
        "        <Precincts>",
    ]
    lines += [
        f'            <Precinct name="{unit}" totalVoters="{rng.randint(800, 4000)}"'
        f' ballotsCast="{rng.randint(400, 3000)}" />'
        for unit in units
    ]
    lines += ["        </Precincts>", "    </ElectionVoterTurnout>"]
    for index in range(contests):
        name = CONTESTS[index % len(CONTESTS)]
        if index >= len(CONTESTS):
            name += f" ({index // len(CONTESTS) + 1})"
        lines.append(
            f'    <Contest key="{index + 1}" text="{name}" voteFor="1"'
            f' isQuestion="false" precinctsReporting="{precincts}"'
            f' precinctsParticipating="{precincts}">'
        )
        for pseudo in ("Undervotes", "Overvotes"):
            lines.append(_vote_type(pseudo, units, rng, 0, 5))
        for number, choice in enumerate(NAMES[: 2 + index % 3]):
            per_type = [
                [rng.randint(0, 400 if number < 2 else 20) for _ in units]
                for _ in VOTE_TYPES
            ]
            total = sum(sum(votes) for votes in per_type)
            lines.append(
                f'        <Choice key="{number + 1}" text="{choice}"'
                f' totalVotes="{total}">'
            )
            for vote_type, votes in zip(VOTE_TYPES, per_type, strict=True):
                lines.append(
                    f'            <VoteType name="{vote_type}" votes="{sum(votes)}">'
                )
                lines += [
                    f'                <Precinct name="{unit}" votes="{count}" />'
                    for unit, count in zip(units, votes, strict=True)
                ]
                lines.append("            </VoteType>")
            lines.append("        </Choice>")
        lines.append("    </Contest>")
    lines.append("</ElectionResult>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _precincts(count: int) -> list[tuple[int, int]]:
    """(county, precinct) numbers: 159 counties, precincts dealt out in turn."""
    return [(index % 159 + 1, index // 159 + 1) for index in range(count)]


def _vote_type(
    name: str, units: list[str], rng: random.Random, low: int, high: int
) -> str:
    votes = [rng.randint(low, high) for _ in units]
    inner = "\n".join(
        f'            <Precinct name="{unit}" votes="{count}" />'
        for unit, count in zip(units, votes, strict=True)
    )
    return (
        f'        <VoteType name="{name}" votes="{sum(votes)}">\n{inner}\n'
        "        </VoteType>"
    )


def read(path: Path, contest: str) -> None:
    from certcli.readers.clarity import read as read_contest

    start, cpu = time.perf_counter(), time.process_time()
    results = read_contest(path, str(path), contest)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    totals = {
        choice: sum(unit.get(choice, 0) for unit in results.units.values())
        for choice in results.choices
    }
    print(
        f"read {contest!r}: {len(results.units)} {results.unit_kind} units,"
        f" {len(results.choices)} choices in {seconds:.3f} s ({cpu:.3f} s CPU);"
        f" peak RSS {peak:.1f} MB; totals {totals}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("generate")
    make.add_argument("out", type=Path)
    make.add_argument("--precincts", type=int, default=2700)
    make.add_argument("--contests", type=int, default=10)
    make.add_argument("--seed", type=int, default=20201103)
    measure = commands.add_parser("read")
    measure.add_argument("file", type=Path)
    measure.add_argument("--contest", default=CONTESTS[0])
    args = parser.parse_args(argv)
    if args.command == "generate":
        generate(args.out, args.precincts, args.contests, args.seed)
        print(f"{args.out}: {args.out.stat().st_size:,} bytes", file=sys.stderr)
    else:
        read(args.file, args.contest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
