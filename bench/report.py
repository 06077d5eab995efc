"""The table of bench/run.sh: start-up ratios, scale figures, targets, machine.

Reads what run.sh left in its output directory (hyperfine's JSON, GNU time's
reports, exit codes, the import-time summary) and prints Markdown.

    python bench/report.py bench/out --files 500 --scales 1 2 4
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

START_UP_TARGETS = (
    # (command, reference, largest ratio allowed; None: shown for comparison)
    ("certcli check --format json", "yamllint", 1.0),
    ("certcli check (text)", "yamllint", 1.2),
    ("certcli --help", "python -c pass", 3.5),
    ("certcli check --format json, no holiday cache", "yamllint", None),
    ("minimal click program --help", "python -c pass", None),
    ("imports only: click, models, ruamel.yaml, holidays (US-GA)", "yamllint", None),
)
REPO_SECONDS, LARGE_SECONDS, PEAK_MB, GROWTH = 5.0, 3.0, 300.0, 2.2


@dataclass(frozen=True)
class Timing:
    mean: float  # seconds
    stddev: float
    median: float
    runs: int
    cpu: float = 0.0  # mean user + system time (seconds)


def timings(path: Path) -> dict[str, Timing]:
    if not path.exists():
        return {}
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    return {
        result["command"]: Timing(
            result["mean"],
            result.get("stddev") or 0.0,
            result["median"],
            len(result["times"]),
            (result.get("user") or 0.0) + (result.get("system") or 0.0),
        )
        for result in results
    }


def peak_mb(path: Path) -> float | None:
    if not path.exists():
        return None
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", path.read_text())
    return int(found[1]) / 1024 if found else None


def shown(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def verdict(met: bool | None) -> str:
    return "n/a" if met is None else ("**met**" if met else "**not met**")


def start_up(out: Path) -> list[str]:
    found = timings(out / "startup.json")
    if not found:
        return ["(no start-up results: run bench/run.sh)"]
    runs = max(t.runs for t in found.values())
    lines = [
        f"Start-up, side by side in one hyperfine run ({runs} runs each), on"
        " data/events.yaml. Ratios are of the medians, which a busy machine"
        " disturbs less than the means; the CPU ratio (user + system time,"
        " which waiting for a core does not count) is shown beside them:",
        "",
        "| command | median | mean ± sd | CPU | ratio | CPU ratio | target | |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    targets = {name: (ref, limit) for name, ref, limit in START_UP_TARGETS}
    for name, timing in found.items():
        row = (
            f"| `{name}` | {shown(timing.median)} |"
            f" {shown(timing.mean)} ± {shown(timing.stddev)} | {shown(timing.cpu)} |"
        )
        if name in targets and targets[name][0] in found:
            reference, limit = targets[name]
            ratio = timing.median / found[reference].median
            base_cpu = found[reference].cpu
            cpu = f"{timing.cpu / base_cpu:.2f} x" if base_cpu else "—"
            if limit is None:
                row += f" {ratio:.2f} x {reference} | {cpu} | (floor) | |"
            else:
                row += f" {ratio:.2f} x {reference} | {cpu} | ≤ {limit:.1f} x | "
                row += verdict(ratio <= limit) + " |"
        else:
            row += " | | | |"
        lines.append(row)
    return lines


def describe(path: Path) -> str:
    files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    claims = sum(
        len(re.findall(r"^  - id: claim-", f.read_text(encoding="utf-8"), re.M))
        for f in files
    )
    size = sum(f.stat().st_size for f in files) / 1024 / 1024
    count = f"{len(files)} files, " if path.is_dir() else ""
    return f"{count}{claims:,} claims, {size:.1f} MB"


def scale(out: Path, files: int, scales: list[str]) -> list[str]:
    lines = [
        "Scale: `certcli check --format json` (wall clock: hyperfine, mean of"
        " the runs; peak memory: /usr/bin/time -v, largest process):",
        "",
        "| workload | size | exit | wall | peak RSS | target | |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    rows = [("repo", f"(a) newsroom repository, {files} files", REPO_SECONDS)]
    rows += [
        (f"large-{s}x", f"(b) one large file, {s}x", LARGE_SECONDS) for s in scales
    ]
    walls: dict[str, float] = {}
    for name, label, seconds in rows:
        data = out / name if name == "repo" else out / f"{name}.yaml"
        size = describe(data) if data.exists() else "?"
        code_file = out / f"{name}.exit"
        code = code_file.read_text().strip() if code_file.exists() else "?"
        timing = timings(out / f"{name}.json").get(name)
        memory = peak_mb(out / f"{name}.time")
        wall = shown(timing.mean) if timing else "—"
        if timing:
            walls[name] = timing.mean
        rss = f"{memory:.0f} MB" if memory is not None else "?"
        first = name in {"repo", f"large-{scales[0]}x"}
        if first and timing and memory is not None:
            met: bool | None = timing.mean < seconds and memory < PEAK_MB
        elif first:
            met = False  # it did not run to the end
        else:
            met = None  # the larger files measure growth; they have no budget
        target = f"< {seconds:.0f} s, < {PEAK_MB:.0f} MB" if first else "(growth)"
        if code not in {"0", "1"}:
            wall = f"exit {code}: not checked"
            met = False
        cells = (label, size, code, wall, rss, target, verdict(met))
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Growth of (b) (time ratio when the data doubles):", ""]
    lines += ["| from → to | ratio | target | |", "|---|---:|---:|---|"]
    for smaller, larger in itertools.pairwise(scales):
        a, b = walls.get(f"large-{smaller}x"), walls.get(f"large-{larger}x")
        ratio = f"{b / a:.2f}" if a and b else "—"
        met = (b / a <= GROWTH) if a and b else None
        lines.append(
            f"| {smaller}x → {larger}x | {ratio} | ≤ {GROWTH} | {verdict(met)} |"
        )
    return lines


def machine(out: Path) -> list[str]:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = found[1].strip() if found else model
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    loads = [
        (out / name).read_text().split()[:3]
        for name in ("loadavg-start", "loadavg-end")
        if (out / name).exists()
    ]
    load = " → ".join("/".join(parts) for parts in loads) or "unknown"
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"Machine: {cores} cores (nproc), CPU {model}, Python"
        f" {platform.python_version()}, {platform.system()} {platform.release()};"
        f" load average (1/5/15 min) {load}; {when}.",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--scales", nargs="+", default=["1", "2", "4"])
    parser.add_argument("--startup", action="store_true", help="no scale table")
    args = parser.parse_args(argv)
    lines = [*machine(args.out), "", *start_up(args.out), ""]
    if not args.startup:
        lines += scale(args.out, args.files, args.scales)
    importtime = args.out / "importtime.txt"
    if importtime.exists():
        lines += ["", "Import time (python -X importtime, bench/importtime.py):", ""]
        lines += ["```", *importtime.read_text().rstrip("\n").splitlines(), "```"]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
