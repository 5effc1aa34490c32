#!/usr/bin/env bash
# memlint's own speed and memory, from one command (docs/performance.md):
#
#   bench/run.sh [--quick] [extra bench.py options]
#
# Builds memlint (scripts/dev.sh build, into $MEMLINT_BUILD_DIR or build/),
# installs libboost-dev for the Boost.Asio translation unit if it is missing,
# prepares three sets of translation units with their compile databases
#
#   project   memlint's own sources (Clang's headers: heavy)
#   examples  examples/, the inventory service
#   heavy     bench/heavy: Boost.Asio, most of the standard library
#
# and runs bench.py on them at low priority (nice). It prints a Markdown
# report on stdout and the raw numbers in $BUILD/bench/results.json.
# --quick: one run per tool instead of three, fewer TUs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MEMLINT_BUILD_DIR:-$ROOT/build}"
OUT="$BUILD/bench"
log() { printf '==> %s\n' "$*" >&2; }

REPEAT=3 PER_GROUP=4 FLAT=1,2,4,8,16,32,64
if [ "${1:-}" = "--quick" ]; then
  shift
  REPEAT=1 PER_GROUP=2 FLAT=1,4,16
fi

MEMLINT_BUILD_DIR="$BUILD" "$ROOT/scripts/dev.sh" build >&2
if ! dpkg-query -W -f='${Status}' libboost-dev 2>/dev/null | grep -q "install ok installed"; then
  log "installing libboost-dev (the Boost.Asio translation unit)"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends libboost-dev >/dev/null
fi

mkdir -p "$OUT/heavy"
log "compile databases"
cmake -S "$ROOT/examples" -B "$OUT/examples" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
python3 - "$ROOT/bench/heavy" "$OUT/heavy" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
json.dump([{"directory": src, "file": os.path.join(src, f),
            "arguments": ["clang++-19", "-std=c++17", "-O2", "-c", f, "-o", os.path.join(out, f + ".o")]}
           for f in sorted(os.listdir(src)) if f.endswith(".cpp")],
          open(os.path.join(out, "compile_commands.json"), "w"), indent=1)
PY

log "measuring (nice -n 10; $REPEAT run(s) per tool and TU)"
nice -n 10 python3 "$ROOT/bench/bench.py" \
  --memlint "$BUILD/bin/memlint" --root "$ROOT" \
  --db "project=$BUILD:checks/" --db "project=$BUILD:driver/cli/" \
  --db "examples=$OUT/examples" --db "heavy=$OUT/heavy" \
  --max-per-group "$PER_GROUP" --repeat "$REPEAT" --flat "$FLAT" \
  --flat-dir "$OUT/flat" --json "$OUT/results.json" "$@"
