#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the keyring
# library finds a real Secret Service (as on a nurse's Linux laptop) without touching the host's.
set -euo pipefail
if [ -z "${PLEIEPUNKT_IN_KEYRING_SESSION:-}" ]; then
  export PLEIEPUNKT_IN_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
# The keyring daemon keeps its files under XDG_DATA_HOME; give it a throw-away home.
XDG_DATA_HOME=$(mktemp -d); export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
eval "$(printf 'pleiepunkt-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
"$@"
