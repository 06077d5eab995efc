#!/usr/bin/env bash
# Validate certcli's SARIF with Microsoft's SARIF multitool and its GitHub
# rules, as GitHub code scanning would receive it. Run by hand (it installs
# the multitool from npm, so it needs the network once), not by the tests:
#
#   scripts/validate_sarif.sh            # the bundled file and a changed copy
#
# Environment: SARIF_TOOLS (where the multitool is installed, default
# bench/out/sarif-tools), CERTCLI (the certcli to run, default .venv/bin/certcli).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${SARIF_TOOLS:-$ROOT/bench/out/sarif-tools}
CERTCLI=${CERTCLI:-$ROOT/.venv/bin/certcli}
TOOL=$TOOLS/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ ! -x "$TOOL" ]; then
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-audit --no-fund --silent @microsoft/sarif-multitool)
  chmod u+x "$TOOL"  # the package's postinstall step, which npm may not run
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A copy with one figure changed gives a finding; a broken file a data error.
sed 's/stated: "62,138"/stated: "62,183"/' "$ROOT/data/events.yaml" >"$WORK/changed.yaml"
printf 'format: certcli/1\nelection: {}\n' >"$WORK/broken.yaml"

status=0
for name in bundled changed; do
  if [ "$name" = bundled ]; then
    (cd "$ROOT" && "$CERTCLI" check -f sarif data/events.yaml >"$WORK/$name.sarif" 2>/dev/null) || true
  else
    (cd "$WORK" && "$CERTCLI" check -f sarif changed.yaml broken.yaml >"$WORK/$name.sarif" 2>/dev/null) || true
  fi
  "$TOOL" validate --rule-kind "Sarif;Gh" --level "Error;Warning" \
    -o "$WORK/$name.validation.sarif" "$WORK/$name.sarif" >/dev/null
  found=$(python3 -c 'import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
for r in run.get("results", []):
    print(r["ruleId"], r["level"], r["message"].get("arguments"))' "$WORK/$name.validation.sarif")
  if [ -n "$found" ]; then
    echo "$name: the multitool reports:"; echo "$found"; status=1
  else
    echo "$name: no errors or warnings (SARIF and GitHub rules)"
  fi
done
exit $status
