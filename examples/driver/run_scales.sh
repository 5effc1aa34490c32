#!/usr/bin/env bash
# Runs the example service at growing scales N; each run prints one summary
# line ending in elapsed_ms=... peak_rss_kb=... for the runtime harness.
# Usage: driver/run_scales.sh [BINARY] [N...]   (default N: 1000 10000 100000)
set -euo pipefail
bin=${1:-build/inventory_service}
[ $# -gt 0 ] && shift
scales=("$@")
[ ${#scales[@]} -eq 0 ] && scales=(1000 10000 100000)
for n in "${scales[@]}"; do
  "$bin" "$n"
done
