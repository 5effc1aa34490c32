#!/usr/bin/env python3
"""Overhead of the tracker against the plain program and against heaptrack,
on the allocation-heavy fixture (alloc_heavy.cpp). Run by overhead.sh.

  overhead.py --binary ALLOC_HEAVY --tracker LIB [--heaptrack PATH]
              [--allocations 10000,1000000] [--runs 15]

For each target allocation count it runs the fixture plain, under the
tracker (LD_PRELOAD, as `memlint confirm` runs it) and under heaptrack,
`--runs` times each (five times as often below 100k allocations),
interleaved, and prints the median wall-clock time and
CPU time (user + system, children included: heaptrack's interpreter too) as
a Markdown table with the ratios."""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PER_RECORD = 6  # allocations per record of alloc_heavy (measured below)


def run(cmd, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def count_allocations(binary, tracker, records, out):
    env = dict(os.environ, LD_PRELOAD=tracker, MEMLINT_TRACKER_OUT=out)
    subprocess.run([binary, str(records)], env=env, stdout=subprocess.DEVNULL, check=True)
    total = 0
    for name in os.listdir(out):
        with open(os.path.join(out, name)) as f:
            for line in f:
                if line.startswith("allocs "):
                    total += int(line.split()[1])
        os.remove(os.path.join(out, name))
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--tracker", required=True)
    ap.add_argument("--heaptrack", default=shutil.which("heaptrack"))
    ap.add_argument("--allocations", default="10000,1000000")
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="memlint-overhead-")
    rows = []
    for target in [int(x) for x in a.allocations.split(",")]:
        records = max(1, target // PER_RECORD)
        allocs = count_allocations(a.binary, a.tracker, records, work)
        plain_env = dict(os.environ)
        plain_env.pop("LD_PRELOAD", None)
        tracker_env = dict(plain_env, LD_PRELOAD=a.tracker, MEMLINT_TRACKER_OUT=work)
        variants = [("plain", [a.binary, str(records)], plain_env),
                    ("tracker", [a.binary, str(records)], tracker_env)]
        if a.heaptrack:
            variants.append(("heaptrack", [a.heaptrack, "-o", os.path.join(work, "heaptrack.out"),
                                           a.binary, str(records)], plain_env))
        times = {name: [] for name, _, _ in variants}
        runs = a.runs * 5 if target <= 100000 else a.runs  # short runs are noisier
        for _ in range(runs):  # interleaved: load changes hit all alike
            for name, cmd, env in variants:
                times[name].append(run(cmd, env))
                for f in os.listdir(work):
                    os.remove(os.path.join(work, f))
        med = {name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
               for name, t in times.items()}
        rows.append((allocs, med))

    print("| allocations | plain wall / CPU | tracker wall / CPU | heaptrack wall / CPU | tracker / plain (wall, CPU) | heaptrack / tracker (wall, CPU) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for allocs, med in rows:
        p, t = med["plain"], med["tracker"]
        h = med.get("heaptrack")
        cell = lambda v: "%.1f / %.1f ms" % (v[0] * 1e3, v[1] * 1e3)
        print("| %s | %s | %s | %s | %.2fx, %.2fx | %s |" % (
            "{:,}".format(allocs), cell(p), cell(t), cell(h) if h else "-",
            t[0] / p[0], t[1] / max(p[1], 1e-9),
            "%.1fx, %.1fx" % (h[0] / t[0], h[1] / max(t[1], 1e-9)) if h else "-"))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
