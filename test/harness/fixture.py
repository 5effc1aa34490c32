#!/usr/bin/env python3
"""Drives the harness fixtures (test/fixtures/<rule>/{bad,fixed}.cpp) for the
lit tests in test/harness/.

  fixture.py build RULE OUTDIR
      compile bad.cpp and fixed.cpp into OUTDIR/bad and OUTDIR/fixed (debug
      info, frame pointers, -O1: what docs/harness.md asks of users)
  fixture.py findings RULE bad|fixed
      print a findings report (the `memlint check --format=json` shape) made
      from the fixture's markers: `memlint-flag:` lines in bad.cpp,
      `memlint-fixed:` lines in fixed.cpp, with `memlint-note:` lines as
      notes. This is what lets the harness side run before a rule's static
      check exists.
  fixture.py static RULE DIR
      the static side: `memlint check` must report RULE exactly at the
      `memlint-flag:` lines of bad.cpp and nowhere in fixed.cpp; then
      `memlint confirm` with that real report must confirm every finding.
      Writes DIR/check-bad.json, DIR/check-fixed.json, DIR/static.json.
  fixture.py findings-at RULE FILE:TAG...
      print a findings report with one finding of RULE at the line of FILE
      that carries the comment `// TAG`
  fixture.py verdicts REPORT.json...
      one line per finding: "<rule> <file>:<line> <verdict> <metric>", and
      one per growing site: "growing <file>:<line> <metric>"

Environment (set by lit.local.cfg): MEMLINT, CXX, SRC_ROOT, CONFIRM_ARGS.
"""
import json
import os
import re
import shlex
import subprocess
import sys

SRC = os.environ.get("SRC_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
FIXTURES = os.path.join(SRC, "test", "fixtures")
MARK = re.compile(r"//\s*memlint-(flag|fixed|note):\s*([a-z-]+)\s*(\(one of\))?\s*(.*)$")


def fixture(rule, variant):
    return os.path.join(FIXTURES, rule, variant + ".cpp")


def markers(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            m = MARK.search(text)
            if m:
                out.append({"kind": m.group(1), "rule": m.group(2), "line": number,
                            "column": len(text) - len(text.lstrip()) + 1,
                            "one_of": bool(m.group(3)), "message": m.group(4).strip()})
    return out


def fail(message):
    sys.stderr.write("fixture.py: " + message + "\n")
    sys.exit(1)


def build(rule, outdir):
    cxx = os.environ.get("CXX", "clang++-19")
    os.makedirs(outdir, exist_ok=True)
    for variant in ("bad", "fixed"):
        src = fixture(rule, variant)
        with open(src, encoding="utf-8") as f:
            uses_db = "fixture_db.h" in f.read()
        cmd = [cxx, "-std=c++17", "-g", "-O1", "-fno-omit-frame-pointer", "-pthread",
               "-I", os.path.join(SRC, "harness", "include"), "-I", FIXTURES,
               src, "-o", os.path.join(outdir, variant)]
        if uses_db:
            cmd.append("-lsqlite3")
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode:
            fail("cannot build %s:\n%s\n%s" % (src, " ".join(map(shlex.quote, cmd)), p.stdout))


def findings_from_markers(rule, variant):
    src = fixture(rule, variant)
    marks = [m for m in markers(src) if m["rule"] == rule]
    kind = "flag" if variant == "bad" else "fixed"
    notes = [{"file": src, "line": m["line"], "column": m["column"],
              "message": m["message"] or "note"} for m in marks if m["kind"] == "note"]
    found = []
    for m in marks:
        if m["kind"] != kind:
            continue
        if m["one_of"] and any(f["rule"] == rule for f in found):
            continue  # one finding per "(one of)" group, as the check reports
        found.append({"rule": rule, "severity": "warning", "file": src, "line": m["line"],
                      "column": m["column"],
                      "message": m["message"] or "hand-written finding (from the fixture's "
                                                 "marker) for memlint-" + rule,
                      "notes": notes})
    if not found:
        fail("%s has no 'memlint-%s: %s' marker" % (src, kind, rule))
    return {"version": 1, "tool": {"name": "memlint", "version": "fixture"},
            "findings": found, "errors": []}


def findings_at(rule, specs):
    found = []
    for spec in specs:
        path, tag = spec.rsplit(":", 1)
        with open(path, encoding="utf-8") as f:
            lines = [n for n, text in enumerate(f, 1) if re.search(r"//\s*%s\b" % re.escape(tag), text)]
        if len(lines) != 1:
            fail("%s: expected one line tagged '// %s', found %d" % (path, tag, len(lines)))
        found.append({"rule": rule, "severity": "warning", "file": os.path.abspath(path),
                      "line": lines[0], "column": 1, "message": "tagged " + tag, "notes": []})
    return {"version": 1, "tool": {"name": "memlint", "version": "test"},
            "findings": found, "errors": []}


def run_check(src, out):
    memlint = os.environ["MEMLINT"]
    # Every confidence level: a fixture is a one-shot program that runs the
    # pattern once from main (setup, low confidence for the flow rules);
    # what it tests is the rule's detection and that the line grows with N.
    cmd = [memlint, "check", "--min-confidence=low", "--format=json", "-o", out, src,
           "--", "-std=c++17",
           "-I", os.path.join(SRC, "harness", "include"), "-I", FIXTURES]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode not in (0, 1):
        fail("memlint check failed (exit %d) on %s:\n%s" % (p.returncode, src, p.stdout))
    with open(out) as f:
        return json.load(f)


def static(rule, outdir):
    os.makedirs(outdir, exist_ok=True)
    bad, fixed = fixture(rule, "bad"), fixture(rule, "fixed")
    expected = [m for m in markers(bad) if m["rule"] == rule and m["kind"] == "flag"]
    one_of = any(m["one_of"] for m in expected)
    want = sorted(m["line"] for m in expected)

    report = run_check(bad, os.path.join(outdir, "check-bad.json"))
    mine = [f for f in report["findings"] if f["rule"] == rule and os.path.basename(f["file"]) == "bad.cpp"]
    got = sorted(f["line"] for f in mine)
    others = ["%s:%d %s" % (os.path.basename(f["file"]), f["line"], f["rule"])
              for f in report["findings"] if f not in mine]
    if one_of:
        ok = len(got) == 1 and got[0] in want
    else:
        ok = got == want
    if not ok:
        fail("memlint check on %s: expected memlint-%s at line(s) %s%s, got %s (all findings: %s)"
             % (bad, rule, want, " (one of)" if one_of else "", got or "none",
                [("%s:%d %s" % (os.path.basename(f["file"]), f["line"], f["rule"])) for f in report["findings"]]))
    print("static: bad.cpp: %s at line %s" % (rule, ", ".join(map(str, got))))
    if others:
        print("static: bad.cpp: also reported (not this test's business): " + ", ".join(others))

    freport = run_check(fixed, os.path.join(outdir, "check-fixed.json"))
    fmine = [f for f in freport["findings"] if f["rule"] == rule]
    if fmine:
        fail("memlint check on %s: expected no memlint-%s, got %s"
             % (fixed, rule, ["%s:%d" % (os.path.basename(f["file"]), f["line"]) for f in fmine]))
    print("static: fixed.cpp: no %s" % rule)

    # The harness on the real report: every finding of the rule is confirmed.
    only = dict(report, findings=mine)
    real = os.path.join(outdir, "check-bad-%s.json" % rule)
    with open(real, "w") as f:
        json.dump(only, f)
    out = os.path.join(outdir, "static.json")
    cmd = [os.environ["MEMLINT"], "confirm", "--findings", real] + shlex.split(
        os.environ.get("CONFIRM_ARGS", "")) + ["-o", out, "--", os.path.join(outdir, "bad"), "{N}"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(out) as f:
        confirmed = json.load(f)
    for f in confirmed["findings"]:
        if f["verdict"] != "confirmed":
            fail("memlint confirm did not confirm the static finding at %s:%d: %s (%s)\n%s"
                 % (f["file"], f["line"], f["verdict"], f["reason"], p.stdout))
        print("static: confirm: %s %s:%d confirmed %s" % (f["rule"], os.path.basename(f["file"]),
                                                         f["line"], f["metric"]))


def verdicts(paths):
    for path in paths:
        with open(path) as f:
            r = json.load(f)
        for f in r.get("findings", []):
            print("%s %s:%d %s %s slope=%.2f values=%s" % (
                f["rule"], os.path.basename(f["file"]), f["line"], f["verdict"], f["metric"],
                f["slope"], f["values"]))
        for s in r.get("growing_sites", []):
            print("growing %s:%d %s slope=%.2f" % (os.path.basename(s["file"]), s["line"], s["metric"],
                                                   s["slope"]))


def main():
    if len(sys.argv) < 2:
        fail(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "build" and len(args) == 2:
        build(*args)
    elif cmd == "findings" and len(args) == 2:
        json.dump(findings_from_markers(*args), sys.stdout, indent=1)
        print()
    elif cmd == "findings-at" and len(args) >= 2:
        json.dump(findings_at(args[0], args[1:]), sys.stdout, indent=1)
        print()
    elif cmd == "static" and len(args) == 2:
        static(*args)
    elif cmd == "verdicts" and args:
        verdicts(args)
    else:
        fail(__doc__)


if __name__ == "__main__":
    main()
