"""same_json.py A B: two memlint JSON reports are the same but for the
absolute directory their paths start with (a Bazel sandbox's, a
checkout's)."""
import json
import sys


def strip(v, roots):
    if isinstance(v, dict):
        return {k: strip(x, roots) for k, x in v.items()}
    if isinstance(v, list):
        return [strip(x, roots) for x in v]
    if isinstance(v, str):
        for r in roots:
            if v.startswith(r + "/"):
                return v[len(r) + 1:]
    return v


a, b = (json.load(open(p)) for p in sys.argv[1:3])
roots = set()
for r in (a, b):
    for f in r["findings"]:
        roots.add(f["file"].rsplit("/", 1)[0])
if strip(a, roots) != strip(b, roots):
    sys.exit("same_json.py: the reports differ:\n%s\n%s" % (json.dumps(a, indent=1), json.dumps(b, indent=1)))
