#!/usr/bin/env python3
"""find_db_outside.py MEMLINT: outside any git work tree (a fresh directory
under the system's temporary directory), plants a compile_commands.json
above a checkout and runs `memlint check --find-compile-db src/a.cpp` from
the checkout; prints memlint's stderr."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

root = tempfile.mkdtemp(prefix="memlint-find-db-", dir="/tmp")
try:
    checkout = os.path.join(root, "checkout")
    os.makedirs(os.path.join(checkout, "src"))
    with open(os.path.join(checkout, "src", "a.cpp"), "w") as f:
        f.write("int main() { return 0; }\n")
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump([{"directory": root, "file": os.path.join(checkout, "src", "a.cpp"),
                    "arguments": ["clang++", "-DPLANTED", "-c", "checkout/src/a.cpp"]}], f)
    p = subprocess.run([sys.argv[1], "check", "--find-compile-db", "src/a.cpp"], cwd=checkout,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stdout.write(p.stderr)
    print("exit: %d" % p.returncode)
finally:
    shutil.rmtree(root)
