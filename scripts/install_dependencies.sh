#!/usr/bin/env bash
# Installs the Debian packages that kullback builds and tests with (run as root, or with sudo).
set -euo pipefail
packages=(
  build-essential cmake
  libhwy-dev libeigen3-dev libboost-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-scipy python3-mpmath python3-pytest
  # the Python module: pybind11 and the interpreter's headers; pip, setuptools and wheel for
  # `pip install --no-build-isolation .`; torch as a test and benchmark reference
  python3-dev pybind11-dev python3-pip python3-setuptools python3-wheel python3-torch
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
