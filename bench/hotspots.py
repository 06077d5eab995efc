"""Where a certcli command spends its time: cProfile over one run, in process.

    python bench/hotspots.py [--sort tottime] [--lines 30] -- margin --data F ...

The command runs as `certcli ARGS` would (the same garbage-collector
thresholds), with its output sent to a temporary file; the profile's table
goes to stdout, its own time first. `--stats FILE` keeps the raw profile for
`python -m pstats` or snakeviz.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import pstats
import sys
import tempfile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sort", default="tottime", help="a pstats sort key")
    parser.add_argument("--lines", type=int, default=30)
    parser.add_argument("--stats", help="also write the raw profile here")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    from certcli.cli import main as certcli

    gc.set_threshold(50_000, 50, 100)  # as the command line does
    profile = cProfile.Profile()
    code: object = 0
    with tempfile.TemporaryFile("w+") as out, contextlib.redirect_stdout(out):
        profile.enable()
        try:
            certcli(args)
        except SystemExit as stop:
            code = stop.code
        profile.disable()
    if options.stats:
        profile.dump_stats(options.stats)
    table = io.StringIO()
    stats = pstats.Stats(profile, stream=table)
    stats.sort_stats(options.sort).print_stats(options.lines)
    print(f"certcli {' '.join(args)}: exit {code}")
    print(table.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
