#!/usr/bin/env bash
# Set up everything, start the local identity provider and journal platform with a synthetic
# municipality, and open Pleiepunkt against them. Sign in as a synthetic nurse in the browser
# window that opens (user kari.sykepleier, password test-nurse-password; more in
# tests/idp/users.json), then choose a PIN. Options: --patients N (default 120), --seed S.
# Home-care patients have a year of home measurements, and a live feed writes new measurements
# and dispenser events every 30 seconds: alerts arrive in the follow-up list with the next sync.
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

demo=.cache/demo
mkdir -p "$demo"
data=$demo/municipality-$PATIENTS-$SEED-$(date +%F).ndjson
[ -s "$data" ] || python -m tests.synthetic --patients "$PATIENTS" --seed "$SEED" \
  --reference-date "$(date +%F)" --home-days 365 --out "$data"
app=(python main.py --config-root "$demo/config" --data-dir "$demo/stores")

# Without a desktop session there is no Secret Service: run one for the demo's keyring.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${PLEIEPUNKT_IN_KEYRING_SESSION:-}" ]; then
  exec bash scripts/with-keyring.sh bash "$0" --patients "$PATIENTS" --seed "$SEED"
fi

# A throw-away keyring forgets the store keys at exit, so the demo stores start afresh too.
[ -z "${PLEIEPUNKT_IN_KEYRING_SESSION:-}" ] || rm -rf "$demo/stores" "$demo/config"
"${app[@]}" client-key >"$demo/client.jwk"
ready=$(mktemp)
# The devstack runs until its stdin closes. Its stdin is a pipe whose only writer is this
# script's descriptor 3, so it closes when the app has exited and this script ends (or is
# killed): nothing is left running, and no helper process holds the pipe open.
fifo=$(mktemp -u)
mkfifo "$fifo"
python -m tests.devstack --config-root "$demo/config" --client-jwk "$demo/client.jwk" \
  --load "$data" --feed 30 >"$ready" <"$fifo" &
stack_pid=$!
exec 3>"$fifo"
rm -f "$fifo"
stop_stack() {
  exec 3>&-
  for _ in $(seq 1 20); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.5; done
  kill "$stack_pid" 2>/dev/null || true
  wait "$stack_pid" 2>/dev/null || true
  rm -f "$ready"
}
trap stop_stack EXIT
for _ in $(seq 1 600); do
  grep -q DEVSTACK_READY "$ready" && break
  kill -0 $stack_pid 2>/dev/null || { echo "demo: the platform did not start" >&2; exit 1; }
  sleep 0.5
done
grep -q DEVSTACK_READY "$ready" || { echo "demo: the platform did not come up in time" >&2; exit 1; }
echo "demo: $(grep DEVSTACK_READY "$ready")"
"${app[@]}" 3>&-
