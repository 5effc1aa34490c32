"""list.py FILE.facts...: the shard and the translation units of each facts
file, one line each, file names only."""
import json
import os
import sys

for path in sys.argv[1:]:
    f = json.load(open(path))
    shard = "%d/%d" % tuple(f["shard"]) if "shard" in f else "-"
    print("%s %s: %s" % (os.path.basename(path), shard,
                         " ".join(sorted(os.path.basename(t["file"]) for t in f["tus"]))))
