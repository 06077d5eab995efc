#!/usr/bin/env bash
# How fast, and in how much memory, certcli refuses hostile YAML.
#
#   bench/hostile.sh             every hostile file, one table
#   CERTCLI=path/to/certcli bench/hostile.sh
#
# Each file is generated into a temporary directory and given to
# `certcli check FILE` under GNU time (/usr/bin/time -v), which reports the wall
# clock time and the peak memory (maximum resident set size) of the whole
# process, Python's start-up included. The script fails (exit 1) unless the
# billion-laughs file is refused with exit code 2 in under a second and under
# 100 MB, and every other file with exit code 2 and a located message.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CERTCLI=${CERTCLI:-$ROOT/.venv/bin/certcli}
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unset CERTCLI_MAX_BYTES CERTCLI_DATA

"$PYTHON" - "$WORK" <<'EOF'
import sys
from pathlib import Path

work = Path(sys.argv[1])
head = "format: certcli/1\n"
# 9 levels of 9 aliases: 9**9 = 387,420,489 "lol"s once expanded.
laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
laughs += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
files = {
    "billion-laughs": head + "\n".join(laughs) + "\n",
    "deep-flow-100k": "[" * 100_000 + "]" * 100_000 + "\n",
    "deep-mapping-100k": "{a: " * 100_000 + "}" * 100_000 + "\n",
    "deep-block-100k": "- " * 100_000 + "x\n",
    "python-tag": head + "x: !!python/object/apply:os.system [\"echo owned\"]\n",
    "many-values-1mib": "a: [" + "1," * (1024 * 1024 // 2 - 4) + "]\n",
    "oversized-64mib": "#" * (64 * 1024 * 1024) + "\n",
    "long-number": "a: " + "9" * 100_000 + "\n",
}
for name, text in files.items():
    (work / f"{name}.yaml").write_text(text, encoding="utf-8")
EOF

printf '%-20s %10s %5s %9s %10s  %s\n' file bytes exit seconds "peak MB" "first line of stderr"
status=0
for file in "$WORK"/*.yaml; do
  name=$(basename "$file" .yaml)
  set +e
  "$TIME" -v -o "$WORK/time.txt" "$CERTCLI" check "$file" >"$WORK/out.txt" 2>"$WORK/err.txt"
  code=$?
  set -e
  wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$WORK/time.txt")
  seconds=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
  kbytes=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
  megabytes=$(awk -v k="$kbytes" 'BEGIN { printf "%.1f", k / 1024 }')
  first=$(head -n 1 "$WORK/err.txt" | sed "s#$WORK/##" | cut -c1-100)
  printf '%-20s %10s %5s %9s %10s  %s\n' "$name" "$(wc -c <"$file")" "$code" "$seconds" "$megabytes" "$first"
  if [ "$code" != 2 ] || ! grep -q "^$file:[0-9]*:[0-9]*: " "$WORK/err.txt" \
    || grep -q Traceback "$WORK/out.txt" "$WORK/err.txt"; then
    echo "  FAIL: expected exit code 2 and a located message" >&2
    status=1
  fi
  if [ "$name" = billion-laughs ] && ! awk -v s="$seconds" -v k="$kbytes" \
    'BEGIN { exit !(s < 1 && k < 100 * 1024) }'; then
    echo "  FAIL: the billion laughs must be refused in under 1 s and 100 MB" >&2
    status=1
  fi
done
exit $status
