#!/usr/bin/env bash
# Installs the Debian packages that kullback builds and tests with (run as root, or with sudo).
set -euo pipefail
packages=(
  build-essential cmake
  libhwy-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-scipy python3-mpmath python3-pytest
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
