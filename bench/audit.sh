#!/usr/bin/env bash
# What `certcli audit` costs: start-up and wall-clock (hyperfine), where its
# imports go (python -X importtime), and the slowest contest it still computes
# exactly (one-round sizes close to the billion-ballot limit).
#
#   bench/audit.sh            BENCH_RUNS runs each (default 20)
#
# With SCIPY_PYTHON=/path/to/python (an interpreter that has SciPy installed),
# it also measures what importing scipy.stats would add, for comparison.
# Everything is written under bench/out/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
RUNS=${BENCH_RUNS:-20}
PY=${PYTHON:-$ROOT/.venv/bin/python}
BIN=$(dirname "$PY")
mkdir -p "$OUT"
unset PYTHONDONTWRITEBYTECODE
"$PY" -m compileall -q "$ROOT/src/certcli"

# A contest of 10 million ballots decided by 1,400 votes: its 90 % one-round
# sample is close to the billion ballots up to which certcli searches.
TIGHT=$OUT/audit-tight.yaml
cat >"$TIGHT" <<'YAML'
format: certcli/1
election:
  id: tight
  title: A contest decided by 1,400 votes among 10 million
  jurisdiction: Test
  office: Governor
  election_day: 2024-11-05
  timezone: UTC
  calendar: {country: US}
candidates:
  A: {name: A}
  B: {name: B}
sources:
  count: {title: Count, published: 2024-11-12}
tallies:
  - id: count
    stage: certified
    as_of: 2024-11-12
    source: count
    votes: {A: 5000700, B: 4999300}
YAML

hyperfine --shell=none --warmup 2 --runs "$RUNS" --export-json "$OUT/audit.json" \
  -n "certcli margin --candidate Biden" "$BIN/certcli margin --candidate Biden" \
  -n "certcli audit" "$BIN/certcli audit" \
  -n "certcli audit --tally arlo-2020-11-11 -f json" \
  "$BIN/certcli audit --tally arlo-2020-11-11 -f json" \
  -n "certcli audit, 1,400 votes among 10 million" "$BIN/certcli audit --data $TIGHT"

echo "certcli audit:"
"$PY" "$ROOT/bench/importtime.py" --runs 7 -- -m certcli audit
/usr/bin/time -f "certcli audit: %M KB peak, %e s" "$BIN/certcli" audit >/dev/null
if [ -n "${SCIPY_PYTHON:-}" ]; then
  hyperfine --shell=none --warmup 2 --runs "$RUNS" \
    -n "python -c pass (SciPy's interpreter)" "$SCIPY_PYTHON -c pass" \
    -n "python -c 'from scipy import stats'" "$SCIPY_PYTHON -c 'from scipy import stats'"
  /usr/bin/time -f "from scipy import stats: %M KB peak" \
    "$SCIPY_PYTHON" -c "from scipy import stats"
  "$SCIPY_PYTHON" - <<'PY'
import os
import numpy
import scipy

site = os.path.dirname(os.path.dirname(scipy.__file__))
total = 0
for entry in os.listdir(site):
    if entry.startswith(("scipy", "numpy")):
        for folder, _, files in os.walk(os.path.join(site, entry)):
            total += sum(os.path.getsize(os.path.join(folder, f)) for f in files)
print(f"scipy {scipy.__version__} + numpy {numpy.__version__}: {total / 1e6:.0f} MB installed")
PY
fi
