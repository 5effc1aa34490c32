#!/usr/bin/env python3
"""Runs every rule's fixture pair (test/fixtures/<rule>/{bad,fixed}.cpp)
through `memlint confirm` and draws, per rule, one SVG chart with both: the
flagged line of bad.cpp (the hockey stick) and the same line of fixed.cpp
(the flat line). Prints a Markdown table of the measurements.

  harness/bench/fixture_charts.py BUILD_DIR OUT_DIR [--scales 1000,...]

docs/harness.md shows the charts this writes into docs/harness/."""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RULES = ["unbounded-container-growth", "unbounded-queue", "unbounded-memoization",
         "capacity-retention", "shared-ptr-cycle", "whole-collection-load",
         "stream-accumulation", "query-in-loop", "large-copy-into-send"]
LABELS = {"peak-bytes": "peak live heap bytes", "retained-bytes": "heap bytes live at the mark",
          "queries": "query calls", "leaked-objects": "objects live at exit"}


def fmt(v, is_bytes):
    if not is_bytes:
        return "%dk" % (v / 1000) if v >= 10000 else "%d" % v
    for unit, size in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if v >= size:
            x = v / size
            return ("%.0f %s" if abs(x - round(x)) < 0.05 else "%.1f %s") % (x, unit)
    return "%d B" % v


def chart(title, ns, series, metric):
    """series: [(label, values, color, dashed)]"""
    W, H, L, R, T, B = 740, 320, 96, 250, 34, 48
    PW, PH = W - L - R, H - T - B
    is_bytes = metric.endswith("bytes")
    top = max([v for _, vals, _, _ in series for v in vals] + [1])
    unit = (1 << 20) if is_bytes and top >= (1 << 20) else (1 << 10) if is_bytes and top >= 1024 else 1
    scaled = max(top / unit, 1)
    pw = 10 ** math.floor(math.log10(scaled))
    step = next(pw * m for m in (0.1, 0.2, 0.25, 0.5, 1, 2) if scaled / (pw * m) <= 5)
    ymax = math.ceil(scaled / step) * step * unit
    x0, x1 = math.log10(ns[0]), math.log10(ns[-1])
    X = lambda n: L + (math.log10(n) - x0) / (x1 - x0) * PW
    Y = lambda v: T + PH - v / ymax * PH
    out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">' % (W, H, W, H),
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           '<text x="%d" y="20" font-size="14" font-weight="bold">%s</text>' % (L, title)]
    v = 0.0
    while v <= ymax * 1.0001:
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e5e5e5"/>' % (L, Y(v), L + PW, Y(v)))
        out.append('<text x="%d" y="%.1f" text-anchor="end" fill="#444">%s</text>' % (L - 6, Y(v) + 4, fmt(v, is_bytes)))
        v += step * unit
    for n in ns:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#e5e5e5"/>' % (X(n), T, X(n), T + PH))
        out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#444">%s</text>' % (
            X(n), T + PH + 16, "%dk" % (n // 1000) if n % 1000 == 0 else n))
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>' % (L, T, PW, PH))
    out.append('<text x="%d" y="%d" text-anchor="middle" fill="#222">N (log scale)</text>' % (L + PW / 2, H - 10))
    out.append('<text transform="translate(14,%d) rotate(-90)" text-anchor="middle" fill="#222">%s</text>'
               % (T + PH / 2, LABELS.get(metric, metric)))
    ly = T + 8
    for label, vals, color, dashed in series:
        pts = " ".join("%.1f,%.1f" % (X(n), Y(v)) for n, v in zip(ns, vals))
        dash = ' stroke-dasharray="5,3"' if dashed else ""
        out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"%s/>' % (pts, color, dash))
        for n, v in zip(ns, vals):
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>N=%d: %s</title></circle>'
                       % (X(n), Y(v), color, n, fmt(v, is_bytes)))
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2.5"%s/>'
                   % (L + PW + 12, ly, L + PW + 32, ly, color, dash))
        out.append('<text x="%d" y="%d" fill="#222">%s</text>' % (L + PW + 38, ly + 4, label))
        ly += 20
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("out")
    ap.add_argument("--scales", default="1000,2000,4000,8000,16000,32000")
    a = ap.parse_args()
    memlint = os.path.join(os.path.abspath(a.build), "bin", "memlint")
    os.makedirs(a.out, exist_ok=True)
    env = dict(os.environ, SRC_ROOT=ROOT, MEMLINT=memlint,
               CXX=os.environ.get("CXX", "clang++-19"))
    fixture = [sys.executable, os.path.join(ROOT, "test", "harness", "fixture.py")]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for rule in RULES:
            d = os.path.join(work, rule)
            subprocess.run(fixture + ["build", rule, d], env=env, check=True)
            result = {}
            for variant in ("bad", "fixed"):
                findings = os.path.join(d, variant + ".findings.json")
                with open(findings, "w") as f:
                    subprocess.run(fixture + ["findings", rule, variant], env=env, stdout=f, check=True)
                report = os.path.join(d, variant + ".json")
                subprocess.run([memlint, "confirm", "--findings", findings, "--scales", a.scales,
                                "--source-root", os.path.join(ROOT, "test", "fixtures"), "-o", report,
                                "--", os.path.join(d, variant), "{N}"],
                               env=env, stderr=subprocess.DEVNULL)
                with open(report) as f:
                    r = json.load(f)
                result[variant] = (r["measured_scales"], r["findings"][0])
            ns, bad = result["bad"]
            _, fixed = result["fixed"]
            svg = chart(rule, ns, [
                ("bad.cpp:%d (%s)" % (bad["line"], bad["verdict"]), bad["values"], "#d62728", False),
                ("fixed.cpp:%d (%s)" % (fixed["line"], fixed["verdict"]), fixed["values"], "#2c7fb8", True)],
                bad["metric"])
            with open(os.path.join(a.out, rule + ".svg"), "w") as f:
                f.write(svg)
            rows.append((rule, bad, fixed, ns))
    print("| rule | metric | bad: verdict, slope, per unit of N | fixed: verdict, slope, at N=%d |" % rows[0][3][-1])
    print("|---|---|---|---|")
    for rule, bad, fixed, ns in rows:
        is_bytes = bad["metric"].endswith("bytes")
        print("| [`%s`](harness/%s.svg) | %s | %s, %.2f, %s | %s, %.2f, %s |" % (
            rule, rule, bad["metric"], bad["verdict"], bad["slope"],
            ("%.1f B" % bad["per_n"]) if is_bytes else "%.2f" % bad["per_n"],
            fixed["verdict"], fixed["slope"], fmt(fixed["values"][-1], is_bytes)))


if __name__ == "__main__":
    main()
