"""udiff.py OLD NEW PATH: `diff -u` output (with timestamps, as diff prints
them) for OLD -> NEW, both named PATH."""
import difflib
import sys

old = open(sys.argv[1]).read().splitlines(True)
new = open(sys.argv[2]).read().splitlines(True)
sys.stdout.writelines(difflib.unified_diff(
    old, new, sys.argv[3], sys.argv[3],
    "2024-01-01 00:00:00.000000000 +0000", "2024-01-02 00:00:00.000000000 +0000"))
