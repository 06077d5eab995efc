#!/usr/bin/env bash
# Time and memory of reading results files: a generated Clarity precinct file
# of about 20 MB, and hostile XML.
#
#   bench/results.sh            hyperfine (10 runs) and GNU time
#   bench/results.sh --quick    a smoke test of this script (small file, 2 runs)
#
# Needs hyperfine and /usr/bin/time. Uses the certcli of BENCH_BIN (default:
# the repository's .venv/bin); writes under bench/out/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
BIN=${BENCH_BIN:-$ROOT/.venv/bin}
RUNS=10
PRECINCTS=2700
if [ "${1:-}" = "--quick" ]; then
  RUNS=2 PRECINCTS=100
fi
for tool in hyperfine /usr/bin/time "$BIN/certcli"; do
  command -v "$tool" >/dev/null || { echo "bench/results.sh needs $tool" >&2; exit 2; }
done
mkdir -p "$OUT"
unset PYTHONDONTWRITEBYTECODE
"$BIN/python" -m compileall -q "$ROOT/src/certcli"

FILE=$OUT/clarity-precincts.xml
"$BIN/python" "$ROOT/bench/results.py" generate "$FILE" --precincts "$PRECINCTS"
CONTEST="President of the United States"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $FILE: $(stat -c %s "$FILE") bytes"

# Output is discarded by hyperfine and the shell, never with `-o /dev/null`:
# `-o` writes through a temporary file and a rename, which would replace the
# device with a regular file.
# Wall clock, side by side: start-up alone, reading one contest (the work a
# tally's results: adds to certcli check), and the whole `certcli results`.
hyperfine --shell=none --warmup 1 --runs "$RUNS" --export-json "$OUT/results.json" \
  -n "certcli --version" "$BIN/certcli --version" \
  -n "import the reader" "$BIN/python -c 'import certcli.readers.clarity'" \
  -n "read one contest" "$BIN/python $ROOT/bench/results.py read $FILE" \
  -n "certcli results -f json" "$BIN/certcli results -f json $FILE"

# Peak memory (maximum resident set size) of one run each.
echo "== peak memory (/usr/bin/time -f %M)"
for label in "import the reader" "read one contest" "certcli results -f json"; do
  case $label in
    "import the reader") cmd=("$BIN/python" -c "import certcli.readers.clarity") ;;
    "read one contest") cmd=("$BIN/python" "$ROOT/bench/results.py" read "$FILE" --contest "$CONTEST") ;;
    *) cmd=("$BIN/certcli" results -f json "$FILE") ;;
  esac
  /usr/bin/time -f "%e s  %U s CPU  %M KB  exit %x" -o "$OUT/time.txt" "${cmd[@]}" >/dev/null || true
  printf '%-26s %s\n' "$label" "$(tail -n 1 "$OUT/time.txt")"
done
echo "== in-process (bench/results.py read)"
"$BIN/python" "$ROOT/bench/results.py" read "$FILE" --contest "$CONTEST"

# Hostile XML: each must be refused (exit 2) in under a second and 100 MB.
echo "== hostile XML (/usr/bin/time -f %M; exit must be 2)"
HOSTILE=$OUT/hostile-xml
mkdir -p "$HOSTILE"
{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE lolz ['
  echo ' <!ENTITY lol "lol">'
  prev=lol
  for level in 1 2 3 4 5 6 7 8 9; do
    printf ' <!ENTITY lol%s "' "$level"
    for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
    echo '">'
    prev=lol$level
  done
  echo ']>'
  echo '<ElectionResult><Timestamp>&lol9;</Timestamp></ElectionResult>'
} >"$HOSTILE/billion-laughs.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<ElectionResult><Timestamp>&x;</Timestamp></ElectionResult>\n' \
  >"$HOSTILE/xxe.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE ElectionResult SYSTEM "http://example.invalid/x.dtd">\n<ElectionResult/>\n' \
  >"$HOSTILE/external-dtd.xml"
"$BIN/python" - "$HOSTILE/deep-300k.xml" <<'PY'
import sys
depth = 300_000  # refused at the 65th level
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("<ElectionResult>" + "<a>" * depth + "</a>" * depth + "</ElectionResult>")
PY
truncate -s 300M "$HOSTILE/oversized-300mb.xml"  # sparse: only its size matters
"$BIN/python" - "$HOSTILE/long-name-100mb.xml" <<'PY'
import sys
with open(sys.argv[1], "wb") as out:
    out.write(b'<ElectionResult><Contest text="')
    for _ in range(100):
        out.write(b"a" * (1 << 20))
    out.write(b'"/></ElectionResult>')
PY
"$BIN/python" - "$HOSTILE/zip-bomb-300mb.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", compression=zipfile.ZIP_DEFLATED) as archive:
    with archive.open("detail.xml", "w", force_zip64=True) as member:
        member.write(b"<ElectionResult>")
        for _ in range(300):
            member.write(b" " * (1 << 20))
        member.write(b"</ElectionResult>")
PY
printf '%-24s %10s %5s %8s %8s %8s  %s\n' file bytes exit seconds "CPU s" "peak MB" "stderr"
fail=0
for path in "$HOSTILE"/*.xml "$HOSTILE"/*.zip; do
  set +e
  /usr/bin/time -f "%e %U %M" -o "$OUT/time.txt" "$BIN/certcli" results --input-format clarity "$path" \
    >/dev/null 2>"$OUT/stderr.txt"
  code=$?
  set -e
  read -r seconds user kb < <(tail -n 1 "$OUT/time.txt")
  printf '%-24s %10s %5s %8s %8s %8.1f  %s\n' "$(basename "$path")" "$(stat -c %s "$path")" \
    "$code" "$seconds" "$user" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$(head -c 110 "$OUT/stderr.txt" | sed "s#$HOSTILE/##")"
  [ "$code" = 2 ] || fail=1
  awk -v s="$seconds" -v k="$kb" 'BEGIN { exit !(s < 1 && k < 100 * 1024) }' || fail=1
done
rm -f "$HOSTILE/oversized-300mb.xml" "$HOSTILE/long-name-100mb.xml"
exit $fail
