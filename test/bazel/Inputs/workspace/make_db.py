"""make_db.py DIR: DIR/compile_commands.json for the workspace's sources with
the flags the Bazel aspect gives them (C++17 from --cxxopt, the quote
include path of the main repository, util_test's copts)."""
import json
import os
import sys

d = os.path.abspath(sys.argv[1])
extra = {"util_test.cpp": ["-DUTIL_TEST_SEEN"]}
files = ["a.cpp", "b.cpp", "c.cpp", "d.cpp", "main.cpp", "util_test.cpp"]
json.dump([{"directory": d, "file": os.path.join(d, f),
            "arguments": ["clang++", "-iquote", ".", "-std=c++17"] + extra.get(f, []) + ["-c", f]}
           for f in files], open(os.path.join(d, "compile_commands.json"), "w"), indent=1)
