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
  hostile.py output-flags-db DIR OUT PLUGIN a compile database in DIR with one
                                           source per flag that would make the
                                           compiler write into OUT (or load
                                           PLUGIN)
  hostile.py broken-pipe CMD...            runs CMD with stdout a pipe whose
                                           reader is gone; prints its exit code
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


# Each makes the compiler write a file (into OUT) or load code; memlint must
# do neither, and still analyze the file.
OUTPUT_FLAGS = [
    "--serialize-diagnostics {out}/serialize-diagnostics",
    "-Xclang -serialize-diagnostic-file -Xclang {out}/xclang-serialize",
    "-MD -MF {out}/md.d",
    "-MMD -MF{out}/mmd.d -MT x",
    "-MJ {out}/mj.json",
    "-MJ{out}/mj-joined.json",
    "-Xclang -dependency-file -Xclang {out}/dependency-file -Xclang -MT -Xclang x",
    "-Xclang -dependency-dot -Xclang {out}/dependency-dot",
    "-dependency-dot {out}/driver-dependency-dot",
    "-H -Xclang -header-include-file -Xclang {out}/header-include",
    "-Xclang -stats-file={out}/stats",
    "-Xclang -module-dependency-dir -Xclang {out}/module-deps",
    "-Xclang -diagnostic-log-file -Xclang {out}/diag-log",
    "-ftime-trace={out}/time-trace.json",
    "-Xclang -ftime-trace={out}/xclang-time-trace.json",
    "-save-temps={out}",
    "-o {out}/object.o",
    "-o{out}/object-joined.o",
    "-fcrash-diagnostics-dir={out}/crash",
    "-fproc-stat-report={out}/proc-stat",
    "-fmodules -fimplicit-module-maps -fmodules-cache-path={out}/module-cache -I{dir}/modmap",
    "-Xclang -fmodules-cache-path={out}/xclang-module-cache -fmodules -fimplicit-module-maps -I{dir}/modmap",
    "-fplugin={plugin}",
    "-Xclang -load -Xclang {plugin}",
    "-Xclang -add-plugin -Xclang evil -Xclang -load -Xclang {plugin}",
    "-fpass-plugin={plugin}",
    "-mllvm -info-output-file={out}/info -mllvm -stats",
]


def output_flags_db(d, out, plugin):
    os.makedirs(os.path.join(d, "modmap"), exist_ok=True)
    with open(os.path.join(d, "modmap", "module.modulemap"), "w") as f:
        f.write('module growing { header "growing.h" export * }\n')
    with open(os.path.join(d, "modmap", "growing.h"), "w") as f:
        f.write("int growing_helper();\n")
    entries = []
    for i, flags in enumerate(OUTPUT_FLAGS):
        src = "flag%02d.cpp" % i
        with open(os.path.join(d, src), "w") as f:
            if "modmap" in flags:
                f.write('#include "growing.h"\n')
            f.write("// %s\n#include <vector>\nstd::vector<int> g%d;\n"
                    "void f%d(int x) { g%d.push_back(x); }\n" % (flags, i, i, i))
        flags = flags.format(out=out, dir=d, plugin=plugin)
        entries.append({"directory": d, "file": src,
                        "command": "clang++ -std=c++17 %s -c %s" % (flags, src)})
    with open(os.path.join(d, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


def broken_pipe(cmd):
    import subprocess
    r, w = os.pipe()
    os.close(r)
    p = subprocess.run(cmd, stdout=w, stderr=subprocess.PIPE)
    os.close(w)
    sys.stderr.write(p.stderr.decode("utf-8", "replace"))
    print("exit: %d" % p.returncode)


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
    elif cmd == "output-flags-db":
        output_flags_db(args[0], args[1], args[2])
    elif cmd == "broken-pipe":
        broken_pipe(args)
    else:
        sys.exit("hostile.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
