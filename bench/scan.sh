#!/usr/bin/env bash
# Time and memory of `certcli scan`: the Pennsylvania test article as it is
# (about 1 kB), and repeated to about 1 MB (the largest article certcli reads
# unless CERTCLI_MAX_BYTES says otherwise), and 1 MB of one run-on sentence,
# against the Pennsylvania test file.
#
#   bench/scan.sh            hyperfine (10 runs) and GNU time
#   bench/scan.sh --quick    a smoke test of this script (2 runs)
#
# Needs hyperfine and /usr/bin/time. Uses the certcli of BENCH_BIN (default:
# the repository's .venv/bin); writes under bench/out/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
BIN=${BENCH_BIN:-$ROOT/.venv/bin}
RUNS=10
if [ "${1:-}" = "--quick" ]; then
  RUNS=2
fi
for tool in hyperfine /usr/bin/time "$BIN/certcli"; do
  command -v "$tool" >/dev/null || { echo "bench/scan.sh needs $tool" >&2; exit 2; }
done
mkdir -p "$OUT"
DATA=$ROOT/tests/data/good/pa-2020-president.yaml
SMALL=$ROOT/tests/data/articles/pa-2020-certified.md
LARGE=$OUT/pa-2020-certified-1mb.md
# The article's body (without its date line) over and over, under 1 MiB.
{
  head -n 1 "$SMALL"
  for _ in $(seq 1100); do tail -n +2 "$SMALL"; done
} | head -c 1040000 > "$LARGE"
# One "sentence" of 1 MB: a clause with a figure, over and over, with no full
# stop (what a table pasted as text or a hostile file looks like).
RUNON=$OUT/run-on-1mb.txt
{
  echo "date 2020-11-25"
  echo
  for _ in $(seq 34000); do printf 'Biden got 3,458,229 votes and '; done
  echo
} > "$RUNON"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $LARGE: $(stat -c %s "$LARGE") bytes"

# Exit code 1 (uncovered figures) is the expected outcome: -i ignores it.
hyperfine --shell=none -i --warmup 1 --runs "$RUNS" --export-json "$OUT/scan.json" \
  -n "certcli --version" "$BIN/certcli --version" \
  -n "scan 1 kB" "$BIN/certcli scan $SMALL --data $DATA -f json" \
  -n "scan 1 MB" "$BIN/certcli scan $LARGE --data $DATA -f json" \
  -n "scan 1 MB run-on" "$BIN/certcli scan $RUNON --data $DATA -f json"

echo "== peak memory (/usr/bin/time -f %M)"
for article in "$SMALL" "$LARGE" "$RUNON"; do
  /usr/bin/time -f "$(basename "$article"): %M KB, %e s" \
    "$BIN/certcli" scan "$article" --data "$DATA" -f json >/dev/null || true
done
