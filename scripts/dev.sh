#!/usr/bin/env bash
# memlint's one entry point for people and CI.
#
#   scripts/dev.sh example   set up, build only the memlint command, lint
#                            examples/ through its compile database and
#                            print the findings (no tests, no fuzzer)
#   scripts/dev.sh test      set up, build everything, run the whole test
#                            suite (lit: both front ends, CLI, unit tests),
#                            then build the plugin against LLVM 16 and 22 and
#                            run the check tests with clang-tidy-16 and -22
#                            (MEMLINT_SKIP_OTHER_LLVM=1 skips those)
#   scripts/dev.sh setup     only install what the build and the tests need
#                            (idempotent)
#   scripts/dev.sh build     setup + build everything into build/
#   scripts/dev.sh package   build + the Debian package (build/memlint_*.deb)
#
# Works as root on a fresh Debian 12 machine; apt-get runs only when a
# package is missing, so a second run costs nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MEMLINT_BUILD_DIR:-$ROOT/build}"
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py

# What building memlint needs (and the example's libsqlite3-dev).
BUILD_PACKAGES=(
  cmake ninja-build ccache g++ make python3
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19
  libyaml-cpp-dev libunwind-dev libsqlite3-dev
)
# ... and what the test suite needs on top.
TEST_PACKAGES=(
  python3-jsonschema python3-yaml libclang-rt-19-dev libgtest-dev libpq-dev libpqxx-dev
  git pre-commit
  # Bazel 4.2 (Debian's bootstrap build): the aspect's test (test/bazel)
  bazel-bootstrap
  groff-base  # the man page test renders memlint(1)
  clang-tools-19  # clang-apply-replacements-19 applies --export-fixes in a test
  # the .deb test (dpkg-shlibdeps computes the package's Depends)
  dpkg-dev file
  # the HTML report rendered in a browser (test/harness/html-browser.test)
  chromium
  # headers the rule packs' fixtures (test/packs/) compile against
  qt6-base-dev libmariadb-dev libboost-dev qtbase5-dev libabsl-dev cppzmq-dev
  libconcurrentqueue-dev libreaderwriterqueue-dev
)
PACKAGES=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
# The other LLVMs Debian 12 ships with clang-tidy: the plugin is built and
# its check tests run against each (docs/clang-tidy.md).
OTHER_LLVMS=(16 22)
llvm_packages() { echo "llvm-$1-dev libclang-$1-dev llvm-$1-tools clang-$1 clang-tidy-$1"; }

# Test tools from npm, installed once under $TOOLS (later runs only look):
# Microsoft's SARIF Multitool validates `--format=sarif` in the test suite.
TOOLS="${MEMLINT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/memlint-tools}"
SARIF_MULTITOOL_VERSION=5.7.0
SARIF_MULTITOOL="$TOOLS/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

log() { printf '==> %s\n' "$*" >&2; }

# setup [PACKAGE...]: install what is missing of the given packages (default:
# everything the build and the tests need).
setup() {
  local missing=() p
  [ $# -gt 0 ] || set -- "${PACKAGES[@]}"
  for p in "$@"; do
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

# configure ON|OFF: configure $BUILD once; with the tests (ON) when asked
# for and not yet configured so. A build without tests needs no test package.
configure() {
  local testing="$1" have=""
  if [ -f "$BUILD/build.ninja" ]; then
    have="$(sed -n 's/^BUILD_TESTING:BOOL=//p' "$BUILD/CMakeCache.txt" 2>/dev/null)"
    if [ "$have" = ON ] || [ "$testing" = OFF ]; then
      return 0
    fi
  fi
  log "configuring $BUILD (tests: $testing)"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DPython3_EXECUTABLE=/usr/bin/python3 -DBUILD_TESTING="$testing" >/dev/null
}

build() {
  setup
  configure ON
  log "building"
  cmake --build "$BUILD" -j "$(nproc)"
}

example() {
  # Only what the example needs: the memlint command (no tests, no fuzzer).
  setup "${BUILD_PACKAGES[@]}"
  configure OFF
  log "building memlint"
  cmake --build "$BUILD" -j "$(nproc)" --target memlint
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

# The plugin (and the CLI) against another LLVM, in build-llvmNN/, and the
# check tests with that LLVM's clang-tidy: both front ends on every check
# test, as for 19. Packages are installed on first use; ccache makes the
# second run cheap.
other_llvm() {
  local v="$1" dir="$ROOT/build-llvm$1"
  rm -f "$dir/test-results.xml"
  # shellcheck disable=SC2046 # one word per package
  setup $(llvm_packages "$v")
  if [ ! -f "$dir/build.ninja" ]; then
    log "configuring $dir (LLVM $v)"
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DPython3_EXECUTABLE=/usr/bin/python3 -DMEMLINT_LLVM_VERSION="$v" >/dev/null
  fi
  log "building memlint and the plugin against LLVM $v"
  cmake --build "$dir" -j "$(nproc)" --target memlint memlint-tidy
  log "check tests with clang-tidy-$v"
  /usr/bin/python3 "$LIT" -s --xunit-xml-output "$dir/test-results.xml" "$dir/test/checks"
}

run_tests() {
  build
  # Without the registry the SARIF validation is skipped (lit: UNSUPPORTED),
  # not the whole suite.
  npm_tools || log "WARNING: cannot install the SARIF Multitool; test/cli/sarif.test will be skipped"
  export MEMLINT_SARIF_MULTITOOL="$SARIF_MULTITOOL"
  local xmls=("$BUILD/test-results.xml") rc=0 v
  log "running the test suite"
  /usr/bin/python3 "$LIT" -sv --xunit-xml-output "$BUILD/test-results.xml" "$BUILD/test" "$BUILD/test/unit" || rc=$?
  if [ "${MEMLINT_SKIP_OTHER_LLVM:-0}" = 1 ]; then
    log "MEMLINT_SKIP_OTHER_LLVM=1: not testing the plugin against LLVM ${OTHER_LLVMS[*]}"
  else
    for v in "${OTHER_LLVMS[@]}"; do
      other_llvm "$v" || rc=$?
      xmls+=("$ROOT/build-llvm$v/test-results.xml")
    done
  fi
  /usr/bin/python3 - "${xmls[@]}" <<'PY'
import os, sys, xml.etree.ElementTree as ET
total = failed = skipped = 0
for path in sys.argv[1:]:
    if not os.path.exists(path):
        failed += 1  # that part did not even run
        continue
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total += sum(int(s.get("tests", 0)) for s in suites)
    failed += sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped += sum(int(s.get("skipped", 0)) for s in suites)
print("tests: %d passed, %d failed, %d skipped" % (total - failed - skipped, failed, skipped))
PY
  return "$rc"
}

package() {
  build
  log "packaging"
  (cd "$BUILD" && cpack -G DEB >/dev/null)
  ls "$BUILD"/memlint_*.deb
}

case "${1:-}" in
  setup) setup ;;
  build) build ;;
  example) example ;;
  test) run_tests ;;
  package) package ;;
  *) echo "usage: $0 example|test|setup|build|package" >&2; exit 2 ;;
esac
