#!/usr/bin/env bash
# What `certcli report` costs next to `certcli check` on the bundled file:
# wall-clock and CPU time (hyperfine), peak memory (GNU time), and the import
# of Jinja2 and the compiling of the page's templates (python).
#
#   bench/report_page.sh          uses .venv/bin/certcli; BENCH_RUNS (default 20)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/.venv/bin
RUNS=${BENCH_RUNS:-20}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/report_page.sh needs $tool" >&2; exit 2; }
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --warmup 2 --runs "$RUNS" \
  "$BIN/certcli check --as-of 2020-11-22 -o $OUT/check.txt" \
  "$BIN/certcli report --as-of 2020-11-22 -o $OUT/report.html"
for command in check report; do
  /usr/bin/time -f "$command: peak memory %M KB" \
    "$BIN/certcli" "$command" --as-of 2020-11-22 -o "$OUT/$command.out" 2>&1 >/dev/null |
    grep 'peak memory'
done
echo "page: $(wc -c <"$OUT/report.out") bytes"
"$BIN/python" - <<'PY'
import time

start = time.perf_counter()
import jinja2  # noqa: E402,F401

imported = time.perf_counter()
from certcli.render.report_html import environment  # noqa: E402

env = environment()
ready = time.perf_counter()
env.get_template("report.html")
env.get_template("report.css")
compiled = time.perf_counter()
print(
    f"import jinja2: {1000 * (imported - start):.0f} ms;"
    f" compile the templates: {1000 * (compiled - ready):.0f} ms"
)
PY
