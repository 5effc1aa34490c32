#!/usr/bin/env bash
# Measures the tracker's overhead on the allocation-heavy fixture, side by side
# with the plain program and with heaptrack (docs/harness.md, "Overhead").
#
#   harness/bench/overhead.sh [BUILD_DIR] [RUNS]
#
# BUILD_DIR (default: build) must hold lib/libmemlint-tracker.so. heaptrack is
# installed with apt-get if missing (Debian; as root, or with sudo): only this
# script needs it, the test suite does not. Run it on a quiet machine; it
# prints a Markdown table for docs/harness.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
RUNS="${2:-15}"
TRACKER="$BUILD/lib/libmemlint-tracker.so"
[ -f "$TRACKER" ] || { echo "no $TRACKER: build the project first" >&2; exit 2; }

if ! command -v heaptrack >/dev/null; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends heaptrack >/dev/null
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
CXX="${CXX:-clang++-19}"
"$CXX" -std=c++17 -O2 -g -fno-omit-frame-pointer "$ROOT/harness/bench/alloc_heavy.cpp" -o "$WORK/alloc_heavy"
echo "fixture: harness/bench/alloc_heavy.cpp ($CXX -O2 -g -fno-omit-frame-pointer), $RUNS runs each, medians" >&2
python3 "$ROOT/harness/bench/overhead.py" --binary "$WORK/alloc_heavy" --tracker "$TRACKER" --runs "$RUNS"
