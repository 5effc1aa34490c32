#!/usr/bin/env python3
"""memlint's own cost, measured (docs/performance.md; run through bench/run.sh).

Per translation unit, on the same compile command:

  parse     clang++-19 -fsyntax-only            the floor: what parsing costs
  memlint   memlint check -p DB FILE -j1        the whole CLI: rule packs,
                                                one worker process, report
  tidy      clang-tidy-19 --checks=-*,performance-* -p DB FILE

wall time and CPU time (user + system of the process and its children,
from wait4's rusage), each the median of --repeat runs, and peak RSS (the
largest of the process and its children, also from wait4), with memlint's
and clang-tidy's ratios to the parse. CPU time is what the targets are
about: unlike wall time it barely moves with the load of a shared machine. Then memory flatness: `memlint check -p DB -jJ` over N generated
translation units, N = 1, 2, 4, ..., with the parent process's own peak RSS
(VmHWM, sampled) and the peak of any process.

With --instructions, also the instructions the parse and memlint execute
(user space, every process: memlint's worker included), counted once per
TU under valgrind's callgrind: a count no other process on the machine can
move, to corroborate the CPU times (about 50 times slower than a run).
"""
import argparse
import glob
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def peak_run(cmd, cwd, sample_parent=False):
    """Runs cmd; returns (seconds, peak RSS MiB of the process tree, the
    process's own VmHWM MiB or None, exit code, CPU seconds of the process
    tree). wait4's rusage covers the process and every descendant it waited
    for (memlint's worker processes), so CPU is user + system of all of
    them."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    own = 0
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG if sample_parent else 0)
        if pid:
            break
        try:
            with open("/proc/%d/status" % p.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        own = max(own, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.005)
    seconds = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return (seconds, ru.ru_maxrss / 1024.0, (own / 1024.0 if sample_parent else None),
            p.returncode, ru.ru_utime + ru.ru_stime)


def instructions(cmd, cwd):
    """User-space instructions cmd executes, its forked children included,
    counted by callgrind. A child inherits its parent's counters at fork;
    --dump-before=*fork* writes them out (and zeroes them) before each
    fork, so that the sum over every dump of every process counts each
    instruction once."""
    d = tempfile.mkdtemp(prefix="memlint-bench-instr")
    try:
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=*fork*",
                        "--callgrind-out-file=" + os.path.join(d, "out.%p")] + cmd,
                       cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total = 0
        for path in glob.glob(os.path.join(d, "out.*")):
            with open(path) as f:
                for line in f:
                    if line.startswith("summary:"):
                        total += int(line.split()[1])
        return total
    finally:
        shutil.rmtree(d, ignore_errors=True)


def load_db(path):
    with open(os.path.join(path, "compile_commands.json")) as f:
        return json.load(f)


def entry_args(e):
    return e["arguments"] if "arguments" in e else shlex.split(e["command"])


def parse_command(e, clangxx):
    """The entry's command as `clang++ -fsyntax-only` (no outputs, no
    dependency files; warnings off, as memlint runs the front end)."""
    args = entry_args(e)
    out = [clangxx]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
            continue
        out.append(a)
    return out + ["-fsyntax-only", "-w", "-Qunused-arguments"]


def measure_tu(group, dbdir, e, tools, repeat, count_instructions=False):
    f = e["file"] if os.path.isabs(e["file"]) else os.path.join(e["directory"], e["file"])
    cmds = {
        "parse": (parse_command(e, tools.clangxx), e["directory"]),
        "memlint": ([tools.memlint, "check", "-p", dbdir, f, "-j1"], dbdir),
        "tidy": ([tools.clang_tidy, "--checks=-*,performance-*", "-p", dbdir, "--quiet", f], dbdir),
    }
    runs = {k: [] for k in cmds}
    for _ in range(repeat):  # interleaved, so that load spikes hit all three
        for k, (cmd, cwd) in cmds.items():
            runs[k].append(peak_run(cmd, cwd))
    row = {"group": group, "file": os.path.relpath(f, tools.root)}
    for k, rs in runs.items():
        row[k + "_s"] = statistics.median(r[0] for r in rs)
        row[k + "_mib"] = statistics.median(r[1] for r in rs)
        row[k + "_cpu_s"] = statistics.median(r[4] for r in rs)
        row[k + "_exit"] = rs[-1][3]
    # the ratio of the medians, as in the table (a zero parse CPU cannot
    # happen for a real TU, but keep the division defined)
    row["memlint_x_parse_cpu"] = row["memlint_cpu_s"] / max(row["parse_cpu_s"], 1e-6)
    if count_instructions:
        for k in ("parse", "memlint"):
            row[k + "_instr"] = instructions(*cmds[k])
        row["memlint_x_parse_instr"] = row["memlint_instr"] / max(row["parse_instr"], 1)
    return row


def flatness(tools, workdir, counts, jobs):
    """memlint over N generated TUs that share a header."""
    os.makedirs(workdir, exist_ok=True)
    with open(os.path.join(workdir, "common.h"), "w") as f:
        f.write("#include <map>\n#include <string>\n#include <vector>\n"
                "class Registry {\npublic:\n"
                "  void add(const std::string &k, int v);\n"
                "  std::size_t size() const { return items_.size(); }\n"
                "private:\n  std::map<std::string, std::vector<int>> items_;\n};\n")
    rows = []
    for n in counts:
        entries = []
        for i in range(n):
            name = "tu%03d.cpp" % i
            with open(os.path.join(workdir, name), "w") as f:
                f.write('#include "common.h"\n#include <algorithm>\n#include <unordered_map>\n'
                        "#include <deque>\n#include <sstream>\n")
                if i == 0:
                    f.write("void Registry::add(const std::string &k, int v) { items_[k].push_back(v); }\n")
                f.write("namespace s%d {\n" % i)
                f.write("class Service {\npublic:\n"
                        "  void handle(int x) {\n    log_.push_back(x);\n"
                        "    if (cache_.size() > 100) cache_.clear();\n"
                        "    cache_[x] = std::to_string(x);\n"
                        "    std::sort(log_.begin(), log_.end());\n  }\n"
                        "private:\n  std::vector<int> log_;\n"
                        "  std::unordered_map<int, std::string> cache_;\n"
                        "  std::deque<std::string> pending_;\n};\n"
                        "static Service g_service;\n"
                        "void run(int x) { g_service.handle(x); std::ostringstream os; os << x; }\n")
                f.write("}\n")
            entries.append({"directory": workdir, "file": os.path.join(workdir, name),
                            "arguments": [tools.clangxx, "-std=c++17", "-c", name]})
        with open(os.path.join(workdir, "compile_commands.json"), "w") as f:
            json.dump(entries, f)
        secs, peak, own, code, cpu = peak_run(
            [tools.memlint, "check", "-p", workdir, "-j%d" % jobs], workdir,
            sample_parent=True)
        rows.append({"tus": n, "seconds": secs, "per_tu_s": secs / n, "cpu_s": cpu,
                     "parent_mib": own, "peak_mib": peak, "exit": code})
        print("  %3d TUs: %6.2f s, parent %6.1f MiB, any process %6.1f MiB (exit %d)"
              % (n, secs, own, peak, code), file=sys.stderr)
    return rows


def cpu_ratio_median(rows):
    return statistics.median(r["memlint_x_parse_cpu"] for r in rows)


def markdown(rows, flat, repeat, jobs):
    out = []
    out.append("| group | translation unit | parse CPU s | memlint CPU s | ×parse CPU "
               "| parse s | memlint s | ×parse | tidy perf-* s | ×parse "
               "| parse MiB | memlint MiB | ×parse | tidy MiB |")
    out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    tot = {"parse_cpu_s": 0, "memlint_cpu_s": 0, "parse_s": 0, "memlint_s": 0, "tidy_s": 0}
    for r in rows:
        for k in tot:
            tot[k] += r[k]
        bad = "" if r["memlint_exit"] in (0, 1) else " (memlint exit %d)" % r["memlint_exit"]
        out.append("| %s | `%s`%s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.2f | %.0f |" % (
            r["group"], r["file"], bad, r["parse_cpu_s"], r["memlint_cpu_s"], r["memlint_x_parse_cpu"],
            r["parse_s"], r["memlint_s"], r["memlint_s"] / r["parse_s"],
            r["tidy_s"], r["tidy_s"] / r["parse_s"], r["parse_mib"], r["memlint_mib"],
            r["memlint_mib"] / r["parse_mib"], r["tidy_mib"]))
    if rows:
        out.append("| **total** | %d TUs | %.2f | %.2f | **%.2f** | %.2f | %.2f | **%.2f** | %.2f | **%.2f** "
                   "| | | **%.2f** (max) | |" % (
            len(rows), tot["parse_cpu_s"], tot["memlint_cpu_s"], tot["memlint_cpu_s"] / tot["parse_cpu_s"],
            tot["parse_s"], tot["memlint_s"], tot["memlint_s"] / tot["parse_s"],
            tot["tidy_s"], tot["tidy_s"] / tot["parse_s"],
            max(r["memlint_mib"] / r["parse_mib"] for r in rows)))
        out.append("")
        out.append("CPU ×parse over all %d TUs: total %.3f, median per TU %.3f (min %.3f, max %.3f)." % (
            len(rows), tot["memlint_cpu_s"] / tot["parse_cpu_s"], cpu_ratio_median(rows),
            min(r["memlint_x_parse_cpu"] for r in rows), max(r["memlint_x_parse_cpu"] for r in rows)))
    if rows and "parse_instr" in rows[0]:
        out.append("")
        out.append("| group | translation unit | parse Minstr | memlint Minstr | ×parse | excess Minstr |")
        out.append("|---|---|--:|--:|--:|--:|")
        for r in rows:
            out.append("| %s | `%s` | %.0f | %.0f | %.3f | %.0f |" % (
                r["group"], r["file"], r["parse_instr"] / 1e6, r["memlint_instr"] / 1e6,
                r["memlint_x_parse_instr"], (r["memlint_instr"] - r["parse_instr"]) / 1e6))
        pi = sum(r["parse_instr"] for r in rows)
        mi = sum(r["memlint_instr"] for r in rows)
        out.append("| **total** | %d TUs | %.0f | %.0f | **%.3f** | %.0f |" % (
            len(rows), pi / 1e6, mi / 1e6, mi / pi, (mi - pi) / 1e6))
    out.append("")
    out.append("Median of %d runs each; CPU is user + system time and RSS the peak, both of "
               "the process and its children." % repeat)
    if flat:
        out.append("")
        out.append("| TUs | memlint -j%d s | s per TU | CPU s | parent peak MiB | any process peak MiB |" % jobs)
        out.append("|--:|--:|--:|--:|--:|--:|")
        for f in flat:
            out.append("| %d | %.2f | %.3f | %.2f | %.1f | %.1f |" % (
                f["tus"], f["seconds"], f["per_tu_s"], f["cpu_s"], f["parent_mib"], f["peak_mib"]))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--memlint", required=True)
    ap.add_argument("--clangxx", default="clang++-19")
    ap.add_argument("--clang-tidy", default="clang-tidy-19")
    ap.add_argument("--root", required=True, help="the source tree (paths are shown relative to it)")
    ap.add_argument("--db", action="append", default=[], metavar="GROUP=DIR[:FILTER]",
                    help="translation units of DIR/compile_commands.json whose path contains FILTER")
    ap.add_argument("--max-per-group", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--flat", default="1,2,4,8,16,32,64", help="TU counts for the flatness run ('' to skip)")
    ap.add_argument("--flat-dir", default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", default=None, help="also write the raw numbers there")
    ap.add_argument("--instructions", action="store_true",
                    help="also count the instructions of the parse and of memlint (valgrind)")
    tools = ap.parse_args()

    rows = []
    for spec in tools.db:
        group, rest = spec.split("=", 1)
        dbdir, _, filt = rest.partition(":")
        dbdir = os.path.abspath(dbdir)
        entries = [e for e in load_db(dbdir) if filt in e["file"]]
        entries.sort(key=lambda e: e["file"])
        for e in entries[:tools.max_per_group]:
            row = measure_tu(group, dbdir, e, tools, tools.repeat, tools.instructions)
            rows.append(row)
            print("  %-8s %-50s parse %5.2f s (CPU %5.2f)  memlint %5.2f s (CPU %5.2f, %.2fx)  tidy %5.2f s" % (
                group, row["file"][-50:], row["parse_s"], row["parse_cpu_s"], row["memlint_s"],
                row["memlint_cpu_s"], row["memlint_x_parse_cpu"], row["tidy_s"]),
                file=sys.stderr)
            if tools.instructions:
                print("  %-8s %-50s instructions: parse %.0fM, memlint %.0fM (%.3fx)" % (
                    group, row["file"][-50:], row["parse_instr"] / 1e6,
                    row["memlint_instr"] / 1e6, row["memlint_x_parse_instr"]), file=sys.stderr)
    flat = []
    if tools.flat:
        flat = flatness(tools, tools.flat_dir or os.path.join(os.getcwd(), "bench-flat"),
                        [int(n) for n in tools.flat.split(",")], tools.jobs)
    print(markdown(rows, flat, tools.repeat, tools.jobs))
    if tools.json:
        with open(tools.json, "w") as f:
            summary = {}
            if rows:
                summary = {"parse_cpu_s": sum(r["parse_cpu_s"] for r in rows),
                           "memlint_cpu_s": sum(r["memlint_cpu_s"] for r in rows),
                           "memlint_x_parse_cpu_median": cpu_ratio_median(rows)}
                summary["memlint_x_parse_cpu_total"] = summary["memlint_cpu_s"] / summary["parse_cpu_s"]
                if tools.instructions:
                    summary["parse_instr"] = sum(r["parse_instr"] for r in rows)
                    summary["memlint_instr"] = sum(r["memlint_instr"] for r in rows)
                    summary["memlint_x_parse_instr_total"] = summary["memlint_instr"] / summary["parse_instr"]
            json.dump({"tus": rows, "summary": summary, "flatness": flat}, f, indent=1)


if __name__ == "__main__":
    main()
