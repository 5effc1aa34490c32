#!/usr/bin/env python3
"""The facts cache on a real project, in one run (docs/performance.md).

  bench/incremental.py --source-dir SRC --build-dir BUILD [--memlint M]
                       [--edit REL] [-j N] [--work DIR] [--json OUT]

Copies SRC and BUILD (its compile_commands.json, paths rewritten) to a
scratch directory, so the project itself is never touched, then times, all
with `memlint check -p <build> --format=json -j N`:

  cold      no cache
  fill      the same with an empty --cache-dir (cold, plus storing)
  warm      again, nothing changed
  one TU    `memlint check -p <build> <file> -j1`, no cache: that
            translation unit's own analysis, the whole CLI
  edited    with the cache, after an edit of <file> (a comment appended)
  cold'     no cache, after the edit

and checks that every report with the cache is byte for byte the report
without it (fill = warm = cold; edited = cold'). The targets (issue 14):
warm <= 5% of cold; edited <= 1.5 x (one TU + the merge), where the merge is
the warm run (reading every cached result, deciding over the whole program,
writing the report). Prints a Markdown table; --json writes the numbers.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def run(cmd, out=None):
    """Wall time of cmd; its stderr's last line (memlint's cache summary)."""
    t = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       universal_newlines=True)
    wall = time.monotonic() - t
    if p.returncode not in (0, 1, 3):
        sys.exit("bench: %s exited %d:\n%s" % (" ".join(cmd), p.returncode, p.stderr))
    summary = [l for l in p.stderr.splitlines() if l.startswith("memlint: cache:")]
    # "memlint: cache: 7 of 8 translation units unchanged, 1 analyzed (a.cpp)"
    return wall, (summary[-1][len("memlint: "):].split(" (")[0] if summary else "")


def same(a, b):
    return open(a, "rb").read() == open(b, "rb").read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--build-dir", required=True,
                    help="holds compile_commands.json")
    ap.add_argument("--memlint", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "build", "bin", "memlint"))
    ap.add_argument("--edit", help="the file to edit, relative to the source "
                    "directory (default: the middle one of the database, by path)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--work", help="scratch directory (default: a new temporary one)")
    ap.add_argument("--json", help="write the numbers here")
    a = ap.parse_args()

    src, build = os.path.realpath(a.source_dir), os.path.realpath(a.build_dir)
    memlint = os.path.realpath(a.memlint)
    work = a.work or tempfile.mkdtemp(prefix="memlint-bench-incremental-")
    wsrc, wbuild, cache = (os.path.join(work, d) for d in ("src", "build", "cache"))
    for d in (wsrc, wbuild, cache):
        shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(src, wsrc, symlinks=True)
    shutil.copytree(build, wbuild, symlinks=True)
    db_path = os.path.join(wbuild, "compile_commands.json")
    text = open(db_path).read().replace(build, wbuild).replace(src, wsrc)
    open(db_path, "w").write(text)
    db = json.loads(text)
    files = sorted({os.path.join(e["directory"], e["file"]) for e in db})
    mine = [f for f in files if f.startswith(wsrc + os.sep)]
    edit = os.path.join(wsrc, a.edit) if a.edit else mine[len(mine) // 2]

    check = [memlint, "check", "-p", wbuild, "--format=json", "-j", str(a.jobs)]
    out = lambda name: ["-o", os.path.join(work, name + ".json")]
    report = lambda name: os.path.join(work, name + ".json")
    r = {"project": src, "translation_units": len(files), "jobs": a.jobs,
         "edited_file": os.path.relpath(edit, wsrc)}

    print("bench: cold", file=sys.stderr)
    r["cold"], _ = run(check + out("cold"))
    print("bench: fill", file=sys.stderr)
    r["fill"], r["fill_summary"] = run(check + out("fill") + ["--cache-dir", cache])
    print("bench: warm", file=sys.stderr)
    r["warm"], r["warm_summary"] = run(check + out("warm") + ["--cache-dir", cache])
    with open(edit, "a") as f:
        f.write("\n// memlint bench: an edit\n")
    print("bench: one TU", file=sys.stderr)
    r["one_tu"], _ = run([memlint, "check", "-p", wbuild, edit, "--format=json", "-j1"]
                         + out("one"))
    print("bench: edited", file=sys.stderr)
    r["edited"], r["edited_summary"] = run(check + out("edited") + ["--cache-dir", cache])
    print("bench: cold after the edit", file=sys.stderr)
    r["cold_after"], _ = run(check + out("cold_after"))

    r["identical"] = {
        "fill = cold": same(report("fill"), report("cold")),
        "warm = cold": same(report("warm"), report("cold")),
        "edited = cold after the edit": same(report("edited"), report("cold_after")),
    }
    r["warm_over_cold"] = r["warm"] / r["cold"]
    r["edited_over_one_tu_plus_merge"] = r["edited"] / (r["one_tu"] + r["warm"])
    r["cache_bytes"] = sum(os.path.getsize(os.path.join(d, f))
                           for d, _, fs in os.walk(cache) for f in fs)

    print("| run | seconds | |")
    print("|---|---:|---|")
    print("| cold, no cache | %.1f | |" % r["cold"])
    print("| cold, filling the cache | %.1f | %s |" % (r["fill"], r["fill_summary"]))
    print("| warm, nothing changed | %.2f | %s |" % (r["warm"], r["warm_summary"]))
    print("| one TU alone (`%s`, no cache) | %.2f | |" % (r["edited_file"], r["one_tu"]))
    print("| after editing it, with the cache | %.2f | %s |" % (r["edited"], r["edited_summary"]))
    print("| cold after the edit, no cache | %.1f | |" % r["cold_after"])
    print()
    print("| target | measured | |")
    print("|---|---:|---|")
    print("| warm <= 5%% of cold | %.1f%% | %s |" % (
        100 * r["warm_over_cold"], "met" if r["warm_over_cold"] <= 0.05 else "MISSED"))
    print("| edited <= 1.5 x (one TU + merge) | %.2f x | %s |" % (
        r["edited_over_one_tu_plus_merge"],
        "met" if r["edited_over_one_tu_plus_merge"] <= 1.5 else "MISSED"))
    for k, v in r["identical"].items():
        print("| report %s, byte for byte | %s | |" % (k, "yes" if v else "NO"))
    print()
    print("%d translation units, -j %d; the cache holds %.1f MB." % (
        r["translation_units"], a.jobs, r["cache_bytes"] / 1e6))
    if a.json:
        json.dump(r, open(a.json, "w"), indent=1)
    if not a.work:
        shutil.rmtree(work)
    return 0 if all(r["identical"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
