#!/usr/bin/env bash
# National scale: the whole United States at precinct level, each certcli
# command measured side by side with its floor in one hyperfine run.
#
#   bench/national.sh            176,400 precincts (a 46 MB CSV), 3 runs each
#   bench/national.sh --quick    a smoke test of this script (2,000 precincts, 1 run)
#
# (a) reading the CSV: `certcli results -f json` against the csv module's sum
#     (bench/national.py floor); peak memory of `certcli check` also on a
#     file with a U.S. House contest besides (1.6 times the bytes, the same
#     President contest read)
# (b) `certcli margin --by unit`: the table against its JSON
# (c) `certcli report` on the data file against `certcli check`
# (d) `certcli check` (text) against `--format json` on the 20,000-claim
#     file of bench/generate.py
#
# Needs hyperfine and /usr/bin/time. Uses the certcli of BENCH_BIN (default:
# the repository's .venv/bin). The data is generated once under bench/out/
# (git-ignored) and reused; BENCH_RUNS sets the runs per command (3).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
BIN=${BENCH_BIN:-$ROOT/.venv/bin}
RUNS=${BENCH_RUNS:-3}
PRECINCTS=176400
SCALE=1
if [ "${1:-}" = "--quick" ]; then
  RUNS=1 PRECINCTS=2000 SCALE=0.05
fi
for tool in hyperfine /usr/bin/time "$BIN/certcli"; do
  command -v "$tool" >/dev/null || { echo "bench/national.sh needs $tool" >&2; exit 2; }
done
mkdir -p "$OUT"
unset PYTHONDONTWRITEBYTECODE
"$BIN/python" -m compileall -q "$ROOT/src/certcli"
export CERTCLI_MAX_BYTES=$((256 * 1024 * 1024))  # the 20,000-claim file is 4.3 MB
export CERTCLI_CACHE_DIR=$OUT/cache

DIR=$OUT/national-$PRECINCTS
HOUSE=$OUT/national-$PRECINCTS-house
LARGE=$OUT/large-${SCALE}x.yaml
[ -f "$DIR/national.yaml" ] || "$BIN/python" "$ROOT/bench/national.py" generate "$DIR" --precincts "$PRECINCTS"
[ -f "$HOUSE/national.yaml" ] || "$BIN/python" "$ROOT/bench/national.py" generate "$HOUSE" --precincts "$PRECINCTS" --house
[ -f "$LARGE" ] || "$BIN/python" "$ROOT/bench/generate.py" large "$LARGE" --scale "$SCALE"
CSV=$DIR/national.csv
DATA=$DIR/national.yaml
certcli=$BIN/certcli
margin="$certcli margin --data $DATA --candidate Biden --by unit"

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$BIN/python" -V)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$CSV: $(stat -c %s "$CSV") bytes, $PRECINCTS precincts; $HOUSE/national.csv: $(stat -c %s "$HOUSE/national.csv") bytes"
} | tee "$OUT/national-machine.txt"

# Output is discarded by hyperfine (never `-o /dev/null`: `-o` replaces its
# target through a rename). Each pair runs in one hyperfine call, so the two
# commands see the same machine.
pair() {  # name, floor's label, floor, label, command
  hyperfine --shell=none --ignore-failure --warmup 0 --runs "$RUNS" \
    --export-json "$OUT/national-$1.json" -n "$2" "$3" -n "$4" "$5"
}
echo "== (a) reading the CSV"
pair a "csv module sum (floor)" "$BIN/python $ROOT/bench/national.py floor $CSV" \
  "certcli results -f json" "$certcli results -f json $CSV"
echo "== (b) margin --by unit"
pair b "margin --by unit -f json" "$margin -f json" \
  "margin --by unit (table)" "$margin"
echo "== (c) report"
pair c "check" "$certcli check $DATA" \
  "report" "$certcli report $DATA -o $OUT/national-report.html"
echo "== (d) 20,000 claims"
pair d "check --format json" "$certcli check --format json $LARGE" \
  "check (text)" "$certcli check $LARGE"

# Peak memory (maximum resident set size) of one run each.
echo "== peak memory (/usr/bin/time -f %M)"
: >"$OUT/national-memory.txt"
memory() {  # label, then the command
  local label=$1
  shift
  /usr/bin/time -f "%M" -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true
  printf '%s\t%s\n' "$label" "$(tail -n 1 "$OUT/time.txt")" | tee -a "$OUT/national-memory.txt"
}
memory "csv module sum (floor)" "$BIN/python" "$ROOT/bench/national.py" floor "$CSV"
memory "certcli results -f json" "$certcli" results -f json "$CSV"
memory "check" "$certcli" check "$DATA"
memory "check, the same contest in a file with a second one" "$certcli" check "$HOUSE/national.yaml"
memory "margin --by unit -f json" $margin -f json
memory "margin --by unit (table)" $margin
memory "report" "$certcli" report "$DATA" -o "$OUT/national-report.html"
memory "check --format json" "$certcli" check --format json "$LARGE"
memory "check (text)" "$certcli" check "$LARGE"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/national-machine.txt"

"$BIN/python" "$ROOT/bench/national.py" summary "$OUT" | tee "$OUT/national-results.md"
