"""make_db.py DIR MOCKS FILE...: writes DIR/compile_commands.json."""
import json
import os
import sys

d, mocks = sys.argv[1], sys.argv[2]
entries = [{"directory": d, "file": os.path.join(d, f),
            "arguments": ["clang++", "-std=c++17", "-nostdinc++", "-isystem", mocks,
                          "-c", f, "-o", f + ".o"]} for f in sys.argv[3:]]
json.dump(entries, open(os.path.join(d, "compile_commands.json"), "w"), indent=1)
