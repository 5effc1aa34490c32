#!/usr/bin/env python3
"""alive.py PIDFILE...: prints `alive: N`, the processes listed in the files
(one pid a line) that still exist and are not zombies."""
import sys

alive = 0
for path in sys.argv[1:]:
    try:
        pids = [int(l) for l in open(path) if l.strip()]
    except FileNotFoundError:
        continue
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            continue
        if state not in ("Z", "X"):
            alive += 1
print("alive: %d" % alive)
