#!/usr/bin/env bash
# Installs the Debian tools the installer builds and their tests need; idempotent.
# wixl/msitools build and inspect the MSI, osslsigncode (>= 2.6, for its built-in offline TSA)
# signs it, faketime freezes the clock wixl stamps into it, wine64 lets the tests install it
# with a real msiexec and run its interpreter; dpkg-dev/xz-utils/lintian build
# and check the .deb, gnupg signs it; openssl makes the tests' throw-away CA.
set -euo pipefail

PACKAGES=(wixl msitools osslsigncode faketime wine64 lintian gnupg dpkg-dev xz-utils openssl ca-certificates)

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
for pkg in "${PACKAGES[@]}"; do
  [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "install-build-tools: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian 12 main ships osslsigncode 2.5, which cannot timestamp offline (-TSA-certs/-TSA-key);
# bookworm-backports has 2.9.
# Captured first: under pipefail, "grep -q" closing the pipe early would fail the pipeline.
has_offline_tsa() { local help; help=$(osslsigncode --help 2>&1 || true); [[ $help == *-TSA-certs* ]]; }
if ! has_offline_tsa; then
  . /etc/os-release
  if [ "${VERSION_CODENAME:-}" = "bookworm" ]; then
    echo "install-build-tools: osslsigncode from bookworm-backports"
    # Use the machine's own Debian mirror (the first "URIs:" of a deb822 source, else the
    # first "deb" line), so the build follows whatever mirror or proxy IT has configured.
    mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2; exit}')
    [ -n "$mirror" ] || mirror=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2; exit}')
    [ -n "$mirror" ] || { echo "install-build-tools: no Debian mirror configured" >&2; exit 1; }
    echo "deb $mirror bookworm-backports main" \
      | $SUDO tee /etc/apt/sources.list.d/pleiepunkt-backports.list >/dev/null
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t bookworm-backports osslsigncode >/dev/null
  fi
  has_offline_tsa \
    || { echo "install-build-tools: osslsigncode >= 2.6 with -TSA-certs is required" >&2; exit 1; }
fi
