#!/bin/sh
# Refreshes the seed corpus from the shipped packs. The hand-written seeds
# (config-*.yaml, bad-*.yaml) stay as they are.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for f in "$here"/../packs/*.yaml; do
  cp "$f" "$here/corpus/pack-$(basename "$f")"
done
