#!/usr/bin/env bash
# Installs every Debian package Chronicle needs to build, test and run.
# Idempotent: packages already present are left alone, and apt is only
# called when something is missing.
#
#   scripts/setup.sh            build + run dependencies
#   scripts/setup.sh --test     also what the test suite needs (Chromium)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libfmt-dev libre2-dev libpugixml-dev nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  wordnet-base
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all packages present" >&2
fi
