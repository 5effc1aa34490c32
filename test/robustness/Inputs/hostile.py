#!/usr/bin/env python3
"""Creates the hostile inputs of test/robustness at run time (nothing hostile
is committed: no FIFO, device link or odd file name lives in the tree).

  hostile.py nested-json FILE DEPTH        DEPTH nested '[' (and as many ']')
  hostile.py alias-bomb FILE KEYS ALIASES  a .memlint.yaml whose sequence
                                           holds ALIASES aliases to a
                                           KEYS-key map
  hostile.py laughs FILE LEVELS            a "billion laughs" (each level a
                                           list of ten aliases of the last)
  hostile.py nolint FILE N                 N unmatched NOLINTBEGIN lines
  hostile.py findings-at RULE FILE TAG     a findings report with one finding
                                           of RULE at the line of FILE that
                                           carries `TAG`
  hostile.py bytes PATH HEX                writes the bytes (given in hex)
"""
import json
import os
import sys


def nested_json(path, depth):
    with open(path, "w") as f:
        f.write("[" * depth + "]" * depth)


def alias_bomb(path, keys, aliases):
    with open(path, "w") as f:
        f.write("schema: 1\n")
        f.write("base: &m {" + ", ".join("k%d: %d" % (i, i) for i in range(keys)) + "}\n")
        f.write("containers: [" + ", ".join(["*m"] * aliases) + "]\n")


def laughs(path, levels):
    with open(path, "w") as f:
        f.write("schema: 1\n")
        f.write("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
        for i in range(1, levels):
            f.write("l%d: &l%d [%s]\n" % (i, i, ", ".join(["*l%d" % (i - 1)] * 10)))
        f.write("containers: [*l%d]\n" % (levels - 1))


def nolint(path, n):
    with open(path, "w") as f:
        f.write("// NOLINTBEGIN(memlint-unbounded-container-growth)\n" * n)


def findings_at(rule, path, tag):
    with open(path, encoding="utf-8") as f:
        lines = [n for n, text in enumerate(f, 1) if tag in text]
    if len(lines) != 1:
        sys.exit("hostile.py: %s: expected one line with %r, found %d" % (path, tag, len(lines)))
    print(json.dumps({"version": 1, "findings": [{
        "rule": rule, "severity": "warning", "file": os.path.abspath(path), "line": lines[0],
        "column": 1, "message": "tagged " + tag, "notes": []}], "errors": []}))


def write_bytes(path, hexbytes):
    with open(path, "wb") as f:
        f.write(bytes.fromhex(hexbytes))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "nested-json":
        nested_json(args[0], int(args[1]))
    elif cmd == "alias-bomb":
        alias_bomb(args[0], int(args[1]), int(args[2]))
    elif cmd == "laughs":
        laughs(args[0], int(args[1]))
    elif cmd == "nolint":
        nolint(args[0], int(args[1]))
    elif cmd == "findings-at":
        findings_at(args[0], args[1], args[2])
    elif cmd == "bytes":
        write_bytes(args[0], args[1])
    else:
        sys.exit("hostile.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
