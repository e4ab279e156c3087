#!/usr/bin/env bash
# Import the seed plans with the CLI and score them against the gold labels.
# Last line of output: "import-F1 <micro F1> (P … R …)".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "$(dirname "$0")/../../shared" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
if [ -x "$root/.venv/bin/loa" ]; then
    importer=("$root/.venv/bin/loa" import)
else
    importer=("$root/.venv/bin/python" -m loa.text.plan_import.cli)
fi
cd "$root"
PYTHONPATH="$root/src${PYTHONPATH:+:$PYTHONPATH}" "${importer[@]}" "$shared"/seeds/*.txt --format json --out "$out" >/dev/null
python3 "$shared/eval/score.py" "$shared/eval/gold" "$out" --verbose
