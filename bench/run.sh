#!/usr/bin/env bash
# Reproduce every performance figure of certcli and print them as one table.
#
#   bench/run.sh            the full run (about 10 minutes on 2 cores)
#   bench/run.sh --quick    a smoke test of this script (small data, few runs)
#   bench/run.sh --startup  the start-up ratios and import times only (2 minutes)
#
# Public tools only: hyperfine (start-up and wall-clock times, side by side in
# one run), GNU time (/usr/bin/time -v: peak memory and exit code) and
# `python -X importtime` (where start-up goes). Everything is written under
# bench/out/ (git-ignored): a virtual environment with certcli (editable) and
# yamllint, the generated data, hyperfine's JSON, and results.md.
#
# Environment: PYTHON (interpreter for the venv, default python3), BENCH_OUT,
# BENCH_RUNS (start-up runs, default 30), BENCH_SCALE_RUNS (default 3).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
VENV=$OUT/venv
RUNS=${BENCH_RUNS:-30}
SCALE_RUNS=${BENCH_SCALE_RUNS:-3}
FILES=500
SCALES="1 2 4"
STARTUP_ONLY=
if [ "${1:-}" = "--quick" ]; then
  RUNS=5 SCALE_RUNS=1 FILES=40 SCALES="0.05 0.1 0.2"
elif [ "${1:-}" = "--startup" ]; then
  STARTUP_ONLY=1
fi
DATA=$ROOT/data/events.yaml
TIME=/usr/bin/time

for tool in hyperfine "$TIME"; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool" >&2; exit 2; }
done
mkdir -p "$OUT"
cat /proc/loadavg >"$OUT/loadavg-start" 2>/dev/null || true

# --- the environment -----------------------------------------------------------
# (Re)installed when pyproject.toml changes, so new dependencies are measured.
STAMP=$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/yamllint" ] || [ "$(cat "$VENV/.stamp" 2>/dev/null)" != "$STAMP" ]; then
  [ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -e "$ROOT" yamllint
  echo "$STAMP" >"$VENV/.stamp"
fi
BIN=$VENV/bin
# Installed packages come with compiled bytecode; so must certcli's own modules,
# or every run would pay for compiling them.
unset PYTHONDONTWRITEBYTECODE
"$BIN/python" -m compileall -q "$ROOT/src/certcli"

# --- start-up, side by side ------------------------------------------------------
# certcli keeps the holiday dates it used in a cache (see docs/maintainers/performance.md): the warm-up
# runs fill one under bench/out/, as the first run of the day fills the user's.
# The "no holiday cache" row points the cache at a directory that cannot
# exist, so every run asks the holidays package, as before that cache.
export CERTCLI_CACHE_DIR=$OUT/cache
rm -rf "$CERTCLI_CACHE_DIR"
echo "== start-up ($RUNS runs each)" >&2
hyperfine --shell=none --ignore-failure --warmup 3 --runs "$RUNS" \
  --export-json "$OUT/startup.json" \
  -n "python -c pass" "$BIN/python -c pass" \
  -n "yamllint" "$BIN/yamllint $DATA" \
  -n "certcli check --format json" "$BIN/certcli check --format json $DATA" \
  -n "certcli check (text)" "$BIN/certcli check $DATA" \
  -n "certcli check --format json, no holiday cache" \
  "env CERTCLI_CACHE_DIR=/dev/null/none $BIN/certcli check --format json $DATA" \
  -n "certcli --help" "$BIN/certcli --help" \
  -n "minimal click program --help" "$BIN/python $ROOT/bench/minimal_click.py --help" \
  -n "imports only: click, models, ruamel.yaml, holidays (US-GA)" \
  "$BIN/python -c 'import os, click, ruamel.yaml, certcli.datafile.models, holidays; holidays.country_holidays(\"US\", subdiv=\"GA\"); os._exit(0)'" \
  >&2

echo "== import time" >&2
{
  echo "certcli check --format json:"
  "$BIN/python" "$ROOT/bench/importtime.py" --runs 7 -- -m certcli check --format json "$DATA"
  echo "certcli check (text):"
  "$BIN/python" "$ROOT/bench/importtime.py" --runs 7 -- -m certcli check "$DATA"
  echo "certcli --help:"
  "$BIN/python" "$ROOT/bench/importtime.py" --runs 7 -- -m certcli --help
} >"$OUT/importtime.txt"

if [ -n "$STARTUP_ONLY" ]; then
  "$BIN/python" "$ROOT/bench/report.py" "$OUT" --startup | tee "$OUT/startup.md"
  exit 0
fi

# --- scale -----------------------------------------------------------------------
echo "== generating data" >&2
rm -rf "$OUT/repo"
"$BIN/python" "$ROOT/bench/generate.py" repo "$OUT/repo" --files "$FILES"
for scale in $SCALES; do
  "$BIN/python" "$ROOT/bench/generate.py" large "$OUT/large-${scale}x.yaml" --scale "$scale"
done
# The large files are far above the default size limit for one data file.
export CERTCLI_MAX_BYTES=$((256 * 1024 * 1024))

# One run under GNU time for peak memory (the largest process) and the exit
# code, then hyperfine for the wall-clock time when the check ran at all.
measure() {  # name, then the command
  local name=$1 code
  shift
  set +e
  "$TIME" -v -o "$OUT/$name.time" "$@" >/dev/null 2>"$OUT/$name.stderr"
  code=$?
  set -e
  echo "$code" >"$OUT/$name.exit"
  rm -f "$OUT/$name.json"
  if [ "$code" -le 1 ]; then
    hyperfine --shell=none --ignore-failure --warmup 0 --runs "$SCALE_RUNS" \
      --export-json "$OUT/$name.json" -n "$name" "$(printf '%q ' "$@")" >&2
  else
    echo "$name: exit code $code; $(head -c 300 "$OUT/$name.stderr")" >&2
  fi
}

echo "== scale: newsroom repository of $FILES files" >&2
measure repo "$BIN/certcli" check --format json "$OUT/repo"
for scale in $SCALES; do
  echo "== scale: large file ${scale}x" >&2
  measure "large-${scale}x" "$BIN/certcli" check --format json "$OUT/large-${scale}x.yaml"
done

cat /proc/loadavg >"$OUT/loadavg-end" 2>/dev/null || true

# --- the table -------------------------------------------------------------------
"$BIN/python" "$ROOT/bench/report.py" "$OUT" --files "$FILES" --scales $SCALES \
  | tee "$OUT/results.md"
