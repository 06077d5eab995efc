"""Reading bench/national.py's CSV with a compiled parser, to weigh one as a
dependency of certcli's OpenElections reader ("National scale" on the
performance page).

    python bench/compiled.py ENGINE FILE [--contest President] [--checks]
                             [--units]

ENGINE is `polars` or `pyarrow`; neither is a dependency of certcli, so it is
installed by hand into the environment that runs this (`pip install polars
pyarrow`). Each reads every cell as text, keeps one office's rows and prints
each candidate's votes, as `bench/national.py floor` does with the csv module.
With `--checks` it also does what certcli's reader checks that can be said as
column operations: votes written as digits, the vote types adding up to
`votes`, and no unit giving a candidate twice. Neither does what only Python
can (names folded across counties, located notes and problems): this is a
lower bound of a compiled reader, not one. With `--units` (polars only) it
also builds what a tally of certcli keeps, a dictionary of each unit's votes
by candidate, as Python objects.

Run it under `/usr/bin/time -f "%U %S %M"` or hyperfine beside the floor;
POLARS_MAX_THREADS=1 measures polars on one core.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def with_polars(
    path: Path, office: str, checks: bool, units: bool = False
) -> dict[str, int]:
    import polars as pl  # not installed with certcli

    rows = pl.scan_csv(path, infer_schema=False).filter(pl.col("office") == office)
    votes = pl.col("votes").cast(pl.Int64, strict=False)
    queries: list[Any] = [rows.group_by("candidate").agg(votes.sum())]
    if checks:
        parts = pl.col("election_day").cast(pl.Int64, strict=False) + pl.col(
            "absentee"
        ).cast(pl.Int64, strict=False)
        queries.append(
            rows.select(
                (~pl.col("votes").str.contains(r"^[0-9]+$")).sum().alias("written"),
                (votes != parts).sum().alias("differ"),
            )
        )
        queries.append(
            rows.group_by("county", "precinct", "candidate")
            .len()
            .filter(pl.col("len") > 1)
        )
    if units:
        queries.append(
            rows.select(
                pl.concat_str("county", pl.lit(": "), "precinct").alias("unit"),
                "candidate",
                votes,
            )
        )
    found = pl.collect_all(queries)
    if units:
        wide = found[-1].pivot(on="candidate", index="unit", values="votes")
        names = wide.columns[1:]
        table = {
            row[0]: dict(zip(names, row[1:], strict=True)) for row in wide.iter_rows()
        }
        print(f"{len(table)} units", file=sys.stderr)
    if checks:
        bad = [value for value in found[1].row(0) if value]
        if bad or found[2].height:
            sys.exit(f"checks failed: {bad}, {found[2].height} repeated")
    return {str(name): int(total) for name, total in found[0].iter_rows()}


def with_pyarrow(path: Path, office: str, checks: bool) -> dict[str, int]:
    import pyarrow as pa  # not installed with certcli
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    with path.open(encoding="utf-8") as stream:
        header = stream.readline().rstrip("\r\n").split(",")
    options = pcsv.ConvertOptions(column_types=dict.fromkeys(header, pa.string()))
    table = pcsv.read_csv(path, convert_options=options)
    table = table.filter(pc.equal(table["office"], office))
    votes = pc.cast(table["votes"], pa.int64())
    if checks:
        digits = pc.all(pc.match_substring_regex(table["votes"], r"^[0-9]+$"))
        parts = pc.add(
            pc.cast(table["election_day"], pa.int64()),
            pc.cast(table["absentee"], pa.int64()),
        )
        differ = pc.sum(pc.not_equal(parts, votes)).as_py()
        repeated = (
            table.group_by(["county", "precinct", "candidate"])
            .aggregate([("votes", "count")])
            .filter(pc.greater(pc.field("votes_count"), 1))
            .num_rows
        )
        if not digits.as_py() or differ or repeated:
            sys.exit(f"checks failed: {differ} differ, {repeated} repeated")
    sums = (
        table.append_column("n", votes).group_by("candidate").aggregate([("n", "sum")])
    )
    return dict(
        zip(sums["candidate"].to_pylist(), sums["n_sum"].to_pylist(), strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=("polars", "pyarrow"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--contest", default="President")
    parser.add_argument("--checks", action="store_true")
    parser.add_argument("--units", action="store_true")
    args = parser.parse_args()
    if args.units and args.engine != "polars":
        parser.error("--units is measured with polars only")
    try:
        if args.engine == "polars":
            sums = with_polars(args.file, args.contest, args.checks, args.units)
        else:
            sums = with_pyarrow(args.file, args.contest, args.checks)
    except ImportError:
        sys.exit(f"{args.engine} is not installed here: pip install {args.engine}")
    for name, votes in sorted(sums.items()):
        print(f"{name}\t{votes}")


if __name__ == "__main__":
    main()
