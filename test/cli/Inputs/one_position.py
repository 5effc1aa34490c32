"""one_position.py MEMLINT CLANG_TIDY PLUGIN DIR: the CLI over DIR's compile
database, and the clang-tidy plugin on each of its translation units, must
put every finding they both report at the same file:line:column. Prints each
finding as 'cli|plugin RULE FILE:LINE:COL' (plugin lines name the TU), then
'consistent: N plugin findings, all at the CLI's position'; exits 1 at the
first plugin finding the CLI does not report at that position."""
import json
import os
import re
import subprocess
import sys

memlint, clang_tidy, plugin, d = sys.argv[1:5]
db = json.load(open(os.path.join(d, "compile_commands.json")))

out = subprocess.run([memlint, "check", "-q", "-p", d, "--format=json"],
                     cwd=d, capture_output=True, text=True)
if out.returncode not in (0, 1):
    sys.exit("memlint failed (%d):\n%s" % (out.returncode, out.stderr))
cli = set()
for f in json.loads(out.stdout)["findings"]:
    path = os.path.normpath(os.path.join(d, f["file"]))
    cli.add((f["rule"], path, f["line"], f["column"]))
for rule, path, line, col in sorted(cli):
    print("cli %s %s:%d:%d" % (rule, os.path.relpath(path, d), line, col))

warning = re.compile(r"^(.*):(\d+):(\d+): warning: .* \[memlint-([a-z-]+)\]$")
matched = 0
for entry in sorted(db, key=lambda e: e["file"]):
    tu = os.path.join(entry["directory"], entry["file"])
    r = subprocess.run([clang_tidy, "--load", plugin, "--checks=-*,memlint-*",
                        "--header-filter=.*", "-p", d, tu],
                       cwd=d, capture_output=True, text=True)
    for text in r.stdout.splitlines():
        m = warning.match(text)
        if not m:
            continue
        path, line, col, rule = (os.path.normpath(os.path.join(d, m.group(1))),
                                 int(m.group(2)),
                                 int(m.group(3)), m.group(4))
        where = "%s:%d:%d" % (os.path.relpath(path, d), line, col)
        print("plugin %s %s (in %s)" % (rule, where, os.path.basename(tu)))
        if (rule, path, line, col) not in cli:
            sys.exit("the plugin reports %s at %s, the CLI does not: %s"
                     % (rule, where, sorted(c for c in cli if c[0] == rule)))
        matched += 1
print("consistent: %d plugin findings, all at the CLI's position" % matched)
