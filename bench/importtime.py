"""Where a command's import time goes: `python -X importtime`, summarised.

Runs the command several times with ``-X importtime`` and prints, per package,
the median over the runs of the modules' own ("self") import times, largest
first, so a package counts wherever it was imported from. Module-level code
runs at import, so certcli's line includes building its pydantic models.
Imports done by the interpreter's own start-up (site, encodings) are left out;
-X importtime itself adds overhead, so the sum exceeds the wall-clock cost.

    python bench/importtime.py --runs 7 -- -m certcli check -f json data/events.yaml
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections import defaultdict

_STARTUP = {"site", "encodings", "_frozen_importlib_external", "zipimport", "io",
            "abc", "codecs", "_signal", "encodings.utf_8", "_io", "marshal",
            "posix", "time", "_codecs", "_abc", "encodings.aliases", "stat",
            "_stat", "posixpath", "genericpath", "os", "_collections_abc",
            "_sitebuiltins", "sitecustomize", "usercustomize",
            "_distutils_hack"}  # fmt: skip

# Families that a reader recognises, in the order they are matched.
FAMILIES = (
    "certcli", "click", "pydantic", "pydantic_core", "holidays", "ruamel",
    "rich", "icalendar", "dateutil", "annotated_types", "typing_extensions",
    "typing_inspection", "importlib.metadata", "zoneinfo", "json", "decimal",
)  # fmt: skip


def family(name: str) -> str:
    for known in FAMILIES:
        if name == known or name.startswith(known + "."):
            return known
    return "other (standard library)"


def self_times(stderr: str) -> list[tuple[str, int]]:
    """(module, self µs) of every import the run made, start-up ones left out."""
    rows = []
    for line in stderr.splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3:
            continue
        self_us = parts[0].removeprefix("import time:").strip()
        module = parts[2].strip()
        if self_us.isdigit() and module not in _STARTUP:
            rows.append((module, int(self_us)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    args = [a for a in options.args if a != "--"] or ["-c", "pass"]
    by_family: dict[str, list[int]] = defaultdict(list)
    totals = []
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    for _ in range(options.runs):
        done = subprocess.run(
            [options.python, "-X", "importtime", *args],
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )
        sums: dict[str, int] = defaultdict(int)
        for module, microseconds in self_times(done.stderr):
            sums[family(module)] += microseconds
        for name in set(sums) | set(by_family):
            by_family[name].append(sums.get(name, 0))
        totals.append(sum(sums.values()))
    rows = sorted(
        ((statistics.median(v), k) for k, v in by_family.items()), reverse=True
    )
    total = statistics.median(totals) / 1000
    print(f"imports: {total:.1f} ms (median of {options.runs} runs), by package:")
    for median, name in rows[: options.top]:
        print(f"  {median / 1000:7.1f} ms  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
