#!/usr/bin/env python3
"""Summarizes the tracker's memlint-<pid>.trk files in a directory, in a
stable order for FileCheck:

  trk.py DIR
    processes: <count>
    process <role> cmdline=<argv after argv[0]> event=<exit|mark> marks=<n> allocs=<yes|no> complete=<yes|no>

where role is `root` (its parent wrote no file) or `child` (its parent did).
Also checks every file is complete (ends with `end`) and that each site line
has as many frames as it says."""
import os
import sys


def parse(path):
    info = {"sites": 0, "complete": False}
    with open(path) as f:
        for line in f:
            key, _, rest = line.rstrip("\n").partition(" ")
            if key == "end":
                info["complete"] = True
            elif key == "site":
                fields = rest.split()
                depth = int(fields[8])
                if len(fields) != 9 + depth:
                    sys.exit("%s: site line with a wrong frame count" % path)
                info["sites"] += 1
            elif key in ("pid", "ppid", "marks", "allocs"):
                info[key] = int(rest)
            elif key in ("event", "exe", "cmdline"):
                info[key] = rest
    return info


def main():
    d = sys.argv[1]
    procs = [parse(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".trk")]
    pids = {p["pid"] for p in procs}
    print("processes: %d" % len(procs))
    lines = []
    for p in procs:
        role = "child" if p["ppid"] in pids else "root"
        args = " ".join(p.get("cmdline", "").split()[1:])
        lines.append("process %s cmdline=%s event=%s marks=%d allocs=%s complete=%s" % (
            role, args, p.get("event"), p.get("marks", 0), "yes" if p.get("allocs") else "no",
            "yes" if p["complete"] else "no"))
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
