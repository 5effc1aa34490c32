#!/usr/bin/env bash
# memlint in CI: what the GitHub Action (action.yml) and the GitLab template
# (ci/memlint.gitlab-ci.yml) run, and what test/cli/ci-action.test runs.
#
#   memlint-ci.sh install   make `memlint` available: keep one on PATH, else
#                           install $MEMLINT_DEB (a memlint_*.deb), else build
#                           the package from this checkout of memlint and
#                           install it (Debian 12 / Ubuntu 24.04, as root or
#                           with sudo)
#   memlint-ci.sh run       memlint check -p $MEMLINT_BUILD_DIR, the report
#                           in $MEMLINT_FORMAT to $MEMLINT_OUTPUT
#
# Settings (environment):
#   MEMLINT_BUILD_DIR    the directory with compile_commands.json (build)
#   MEMLINT_FORMAT       sarif (default), codeclimate, json, text, github
#   MEMLINT_OUTPUT       the report file (memlint.<format>)
#   MEMLINT_ARGS         more arguments for `memlint check` (split on spaces)
#   MEMLINT_FAIL_ON_FINDINGS  true: findings fail the step (default false:
#                        code scanning decides what blocks a merge)
#   MEMLINT_DEB          a memlint_*.deb to install
#   MEMLINT              the memlint to run (default: memlint on PATH)
# Outputs: `report=`, `findings=`, `exit-code=` lines appended to
# $GITHUB_OUTPUT when set (GitHub), and printed to stdout.
#
# Exit code of `run`: 0 when memlint ran (findings only count with
# MEMLINT_FAIL_ON_FINDINGS=true), memlint's own code (2, 3) when it did not.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf 'memlint-ci: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install() {
  local memlint="${MEMLINT:-memlint}"
  if command -v "$memlint" >/dev/null 2>&1 && [ -z "${MEMLINT_DEB:-}" ]; then
    log "using $(command -v "$memlint"): $("$memlint" --version)"
    return 0
  fi
  local deb="${MEMLINT_DEB:-}"
  if [ -z "$deb" ]; then
    local src="$HERE/.."
    if [ ! -f "$src/scripts/dev.sh" ]; then
      log "error: no memlint on PATH, no MEMLINT_DEB, and no memlint source tree at $src"
      return 2
    fi
    log "building the memlint package from $src"
    bash "$src/scripts/dev.sh" package >&2
    deb="$(ls "${MEMLINT_BUILD_DIR_OF_MEMLINT:-$src/build}"/memlint_*.deb | head -n1)"
  fi
  log "installing $deb"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")" >&2
  memlint --version
}

run() {
  local memlint="${MEMLINT:-memlint}"
  local build="${MEMLINT_BUILD_DIR:-build}"
  local format="${MEMLINT_FORMAT:-sarif}"
  local out="${MEMLINT_OUTPUT:-memlint.$format}"
  local -a extra=()
  # shellcheck disable=SC2206 # word splitting is the point
  [ -z "${MEMLINT_ARGS:-}" ] || extra=(${MEMLINT_ARGS})
  if [ ! -f "$build/compile_commands.json" ]; then
    log "error: no $build/compile_commands.json (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or set MEMLINT_BUILD_DIR)"
    return 2
  fi
  local rc=0
  "$memlint" check -p "$build" --format="$format" -o "$out" "${extra[@]}" || rc=$?
  local findings=0
  if [ -f "$out" ]; then
    findings="$(python3 - "$out" "$format" <<'PY'
import json, sys
path, fmt = sys.argv[1], sys.argv[2]
try:
    doc = json.load(open(path, encoding="utf-8"))
except ValueError:
    print(0); sys.exit()
if fmt == "sarif":
    print(sum(len(r.get("results", [])) for r in doc.get("runs", [])))
elif fmt == "json":
    print(len(doc.get("findings", [])))
elif fmt == "codeclimate":
    print(len(doc))
else:
    print(0)
PY
)"
  fi
  local line
  for line in "report=$out" "findings=$findings" "exit-code=$rc"; do
    echo "$line"
    [ -z "${GITHUB_OUTPUT:-}" ] || echo "$line" >> "$GITHUB_OUTPUT"
  done
  case $rc in
    0) log "no findings" ;;
    1) log "$findings finding(s), see $out"
       [ "${MEMLINT_FAIL_ON_FINDINGS:-false}" != true ] || return 1 ;;
    3) log "some inputs could not be analyzed (see above); the report has the rest"
       return 3 ;;
    *) log "memlint failed with exit code $rc"; return "$rc" ;;
  esac
}

case "${1:-}" in
  install) install ;;
  run) run ;;
  *) echo "usage: $0 install|run" >&2; exit 2 ;;
esac
