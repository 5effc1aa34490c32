#!/usr/bin/env python3
"""Runs one check test through both memlint front ends.

In the spirit of clang-tidy's check_clang_tidy.py. A test is a C/C++ source
whose RUN line is

    // RUN: %check_memlint [--real-headers] [--checks=GLOBS] %s [-- ARGS...]

with `// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: ... [memlint-rule]` under
each offending line. The runner

  1. runs `memlint check --format=text` and `--format=json` and the
     clang-tidy plugin (`clang-tidy --load memlint-tidy.so`) on the source,
  2. fails unless both front ends report exactly the same diagnostics
     (warnings and notes, with positions), and the JSON says what the text
     says,
  3. runs FileCheck on the CLI's output with -implicit-check-not for
     warnings and errors, so any unexpected warning fails the test.

Without --real-headers the source sees the mock standard headers in
test/include (fast, stable); with it, the system's libstdc++.
"""
import argparse
import json
import os
import re
import subprocess
import sys

DIAG = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|error|note): (?P<msg>.*)$")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def fail(msg):
    sys.stderr.write("check_memlint: " + msg.rstrip() + "\n")
    sys.exit(1)


def parse_diags(text):
    """The diagnostics in clang-style output, with absolute paths."""
    out = []
    for line in text.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        path = os.path.abspath(m.group("file"))
        out.append((path, int(m.group("line")), int(m.group("col")),
                    m.group("kind"), m.group("msg").rstrip()))
    return out


def from_json(doc):
    out = []
    for f in doc["findings"]:
        out.append((os.path.abspath(f["file"]), f["line"], f["column"],
                    f["severity"], "%s [memlint-%s]" % (f["message"], f["rule"])))
        for n in f["notes"]:
            out.append((os.path.abspath(n["file"]), n["line"], n["column"],
                        "note", n["message"]))
    return out


def render(diags):
    return "\n".join("%s:%d:%d: %s: %s" % d for d in diags)


def check_fixes(a, src, text_src, cargs, tidy_cmd):
    """`memlint check --fix` and `clang-tidy --fix` on copies of the source
    (CHECK lines blanked, as check_clang_tidy.py does) must make the same
    edits; the result must match the CHECK-FIXES lines and still compile."""
    import tempfile
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text_src)
    tmp = tempfile.mkdtemp(prefix="memlint-fix-")
    base = os.path.basename(src)
    fixed = {}
    for tool in ("memlint", "clang-tidy"):
        d = os.path.join(tmp, tool)
        os.makedirs(d)
        path = os.path.join(d, base)
        with open(path, "w") as f:
            f.write(cleaned)
        # Run from the copy's directory, outside any git work tree: a file
        # outside the project would be vendored code, not reported.
        if tool == "memlint":
            r = run([a.memlint, "check", "--fix", "--checks=" + a.checks] + a.cli_arg
                    + [path, "--"] + cargs, cwd=d)
            if r.returncode not in (0, 1):
                fail("memlint --fix exited %d:\n%s" % (r.returncode, r.stderr))
        else:
            r = run(tidy_cmd + ["--fix", path, "--"] + cargs, cwd=d)
        with open(path) as f:
            fixed[tool] = f.read()
    if fixed["memlint"] == cleaned:
        fail("memlint --fix changed nothing, but the test expects CHECK-FIXES")
    if fixed["memlint"] != fixed["clang-tidy"]:
        fail("memlint --fix and clang-tidy --fix made different edits:\n--- memlint\n%s\n"
             "--- clang-tidy\n%s" % (fixed["memlint"], fixed["clang-tidy"]))
    fc = subprocess.run([a.filecheck, src, "--check-prefix=CHECK-FIXES",
                         "-strict-whitespace", "--dump-input=fail"],
                        input=fixed["memlint"], universal_newlines=True)
    if fc.returncode != 0:
        fail("CHECK-FIXES did not match the fixed file")
    # The fixed file still compiles.
    clangxx = os.path.join(os.path.dirname(a.filecheck), "clang++")
    comp = run([clangxx, "-fsyntax-only"] + cargs + [os.path.join(tmp, "memlint", base)])
    if comp.returncode != 0:
        fail("the fixed file does not compile:\n" + comp.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--memlint", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--filecheck", required=True)
    ap.add_argument("--mocks", required=True)
    ap.add_argument("--real-headers", action="store_true")
    ap.add_argument("--checks", default="-*,memlint-*")
    ap.add_argument("--tidy-config", default=None,
                    help="extra clang-tidy --config (e.g. CheckOptions)")
    ap.add_argument("--cli-arg", action="append", default=[],
                    help="extra argument for `memlint check`")
    ap.add_argument("--check-prefix", default="CHECK-MESSAGES",
                    help="FileCheck prefix of the expected diagnostics")
    ap.add_argument("source")
    ap.add_argument("compiler_args", nargs=argparse.REMAINDER)
    a = ap.parse_args()

    extra = a.compiler_args
    if extra and extra[0] == "--":
        extra = extra[1:]
    if a.real_headers:
        cargs = ["-std=c++17"] + extra
    else:
        cargs = ["-std=c++17", "-nostdinc++", "-isystem", a.mocks] + extra
    src = a.source

    cli = [a.memlint, "check", "--checks=" + a.checks] + a.cli_arg + [src, "--"] + cargs
    text = run(cli[:2] + ["--format=text"] + cli[2:])
    if text.returncode not in (0, 1):
        fail("memlint exited with %d:\n%s%s" % (text.returncode, text.stdout, text.stderr))
    js = run(cli[:2] + ["--format=json"] + cli[2:])
    if js.returncode != text.returncode:
        fail("memlint --format=json exited %d, text %d" % (js.returncode, text.returncode))
    try:
        doc = json.loads(js.stdout)
    except ValueError as e:
        fail("memlint --format=json printed invalid JSON (%s):\n%s" % (e, js.stdout))
    cli_diags = parse_diags(text.stdout)
    if from_json(doc) != cli_diags:
        fail("JSON and text output disagree:\n--- text\n%s\n--- json\n%s"
             % (render(cli_diags), render(from_json(doc))))
    if (text.returncode == 1) != bool(doc["findings"]):
        fail("exit code %d does not match %d findings" % (text.returncode, len(doc["findings"])))

    tidy_cmd = [a.clang_tidy, "--load", a.plugin, "--checks=" + a.checks,
                "--quiet"]
    if a.tidy_config:
        tidy_cmd.append("--config=" + a.tidy_config)
    tidy = run(tidy_cmd + [src, "--"] + cargs)
    tidy_diags = parse_diags(tidy.stdout)
    if tidy.returncode != 0 and not tidy_diags:
        fail("clang-tidy exited with %d:\n%s%s" % (tidy.returncode, tidy.stdout, tidy.stderr))
    if tidy_diags != cli_diags:
        fail("the CLI and the clang-tidy plugin disagree:\n--- memlint check\n%s\n"
             "--- clang-tidy --load memlint-tidy.so\n%s"
             % (render(cli_diags), render(tidy_diags)))

    with open(src) as f:
        text_src = f.read()
    if "CHECK-FIXES" in text_src:
        check_fixes(a, src, text_src, cargs, tidy_cmd)
    has_checks = a.check_prefix in text_src
    if not has_checks:
        warnings = [d for d in cli_diags if d[3] != "note"]
        if warnings:
            fail("no CHECK-MESSAGES in the test, but memlint reported:\n" + render(warnings))
        return 0
    fc = subprocess.run([a.filecheck, src, "--check-prefix=" + a.check_prefix,
                         "-implicit-check-not={{warning|error}}:",
                         "--dump-input=fail"],
                        input=text.stdout, universal_newlines=True)
    return fc.returncode


if __name__ == "__main__":
    sys.exit(main())
