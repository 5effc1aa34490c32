#!/usr/bin/env bash
# memlint's one entry point for people and CI.
#
#   scripts/dev.sh example   set up, build, lint examples/ through its compile
#                            database and print the findings
#   scripts/dev.sh test      set up, build, run the whole test suite (lit:
#                            both front ends, CLI, unit tests)
#   scripts/dev.sh setup     only install what the build needs (idempotent)
#   scripts/dev.sh build     setup + build into build/
#
# Works as root on a fresh Debian 12 machine; apt-get runs only when a
# package is missing, so a second run costs nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MEMLINT_BUILD_DIR:-$ROOT/build}"
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py

PACKAGES=(
  cmake ninja-build ccache g++ make python3 python3-jsonschema
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19
  libclang-rt-19-dev libyaml-cpp-dev libgtest-dev libsqlite3-dev libpq-dev libpqxx-dev
  libunwind-dev
  git pre-commit
  groff-base  # the man page test renders memlint(1)
  clang-tools-19  # clang-apply-replacements-19 applies --export-fixes in a test
  # headers the rule packs' fixtures (test/packs/) compile against
  qt6-base-dev libmariadb-dev libboost-dev qtbase5-dev libabsl-dev cppzmq-dev
)

# Test tools from npm, installed once under $TOOLS (later runs only look):
# Microsoft's SARIF Multitool validates `--format=sarif` in the test suite.
TOOLS="${MEMLINT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/memlint-tools}"
SARIF_MULTITOOL_VERSION=5.7.0
SARIF_MULTITOOL="$TOOLS/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

log() { printf '==> %s\n' "$*" >&2; }

setup() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  log "installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  setup
  if [ ! -f "$BUILD/build.ninja" ]; then
    log "configuring $BUILD"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
  fi
  log "building"
  cmake --build "$BUILD" -j "$(nproc)"
}

example() {
  build
  log "configuring examples/ to export its compile database"
  cmake -S "$ROOT/examples" -B "$BUILD/examples" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
  log "memlint check -p $BUILD/examples"
  local rc=0
  (cd "$ROOT" && "$BUILD/bin/memlint" check -p "$BUILD/examples") || rc=$?
  case $rc in
    0) log "no findings" ;;
    1) log "findings reported (exit code 1: what CI gates on)" ;;
    *) log "memlint failed with exit code $rc"; return "$rc" ;;
  esac
}

npm_tools() {
  if [ -x "$SARIF_MULTITOOL" ] && grep -q "\"version\": \"$SARIF_MULTITOOL_VERSION\"" \
       "${SARIF_MULTITOOL%/*}/package.json" 2>/dev/null; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    local saved=("${PACKAGES[@]}")
    PACKAGES=(npm)
    setup
    PACKAGES=("${saved[@]}")
  fi
  log "installing @microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION" >/dev/null
  # npm 11 skips the package's postinstall (chmod u+x) unless allowed.
  chmod u+x "$SARIF_MULTITOOL"
}

run_tests() {
  build
  # Without the registry the SARIF validation is skipped (lit: UNSUPPORTED),
  # not the whole suite.
  npm_tools || log "WARNING: cannot install the SARIF Multitool; test/cli/sarif.test will be skipped"
  export MEMLINT_SARIF_MULTITOOL="$SARIF_MULTITOOL"
  local xml="$BUILD/test-results.xml" rc=0
  log "running the test suite"
  /usr/bin/python3 "$LIT" -sv --xunit-xml-output "$xml" "$BUILD/test" "$BUILD/test/unit" || rc=$?
  /usr/bin/python3 - "$xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
total = sum(int(s.get("tests", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print("tests: %d passed, %d failed, %d skipped" % (total - failed - skipped, failed, skipped))
PY
  return "$rc"
}

case "${1:-}" in
  setup) setup ;;
  build) build ;;
  example) example ;;
  test) run_tests ;;
  *) echo "usage: $0 example|test|setup|build" >&2; exit 2 ;;
esac
