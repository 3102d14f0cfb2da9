#!/usr/bin/env bash
# Set up everything, start the local journal platform with a synthetic municipality, open Pleiepunkt.
# Options: --patients N (default 120), --seed S (default 2026). Stops the platform when the app exits.
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=120
SEED=2026
while (($#)); do
  case "$1" in
    --patients) PATIENTS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    *) echo "demo: unknown option $1" >&2; exit 2 ;;
  esac
done
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

mkdir -p .cache/demo
data=.cache/demo/municipality-$PATIENTS-$SEED.ndjson
[ -s "$data" ] || python -m tests.synthetic --patients "$PATIENTS" --seed "$SEED" --out "$data"

ready=$(mktemp)
python -m tests.platform --port 0 --load "$data" >"$ready" &
platform_pid=$!
trap 'kill $platform_pid 2>/dev/null || true; rm -f "$ready"' EXIT
for _ in $(seq 1 600); do
  base=$(grep -o 'http://[^ ]*/fhir/R4' "$ready" | head -1 || true)
  [ -n "$base" ] && break
  kill -0 $platform_pid 2>/dev/null || { echo "demo: the platform did not start" >&2; exit 1; }
  sleep 0.5
done
[ -n "$base" ] || { echo "demo: the platform did not come up in time" >&2; exit 1; }
echo "demo: journal platform at $base"
python main.py --server "$base" --demo "$@"
