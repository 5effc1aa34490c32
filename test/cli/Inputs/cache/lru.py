"""lru.py CACHE OLD_DIR REDO_FILE -- CMD...: sets up an eviction in the facts
cache CACHE, then runs CMD with a --cache-max-size value appended (its
output and exit code pass through).

The entries (manifests and results) of every translation unit below
OLD_DIR become the least recently used; the result the last run used for
REDO_FILE is deleted, so that CMD stores it again (a store is what triggers
eviction) and the cache gets back to its present size. The bound appended
is one the cache then exceeds and at which memlint, shrinking the cache to
90% of the bound in least-recently-used order, must evict all of OLD_DIR's
entries and nothing else."""
import json
import os
import subprocess
import sys

cache, old_dir, redo = sys.argv[1:4]
cmd = sys.argv[5:] if sys.argv[4] == "--" else sys.exit("lru.py: no command")
root = os.path.join(cache, "v1")
files = [os.path.join(d, n) for d, _, ns in os.walk(root) for n in ns]


def result(v):
    r = v["result"]
    return os.path.join(root, "results", r[:2], r[2:] + ".result")


def manifests(match):
    return [f for f in files if os.sep + "manifests" + os.sep in f and
            any(match(p) for v in json.load(open(f))["versions"]
                for p, _ in v["deps"])]


old = set()
for m in manifests(lambda p: p.startswith(old_dir + os.sep)):
    old.add(m)
    old.update(r for r in map(result, json.load(open(m))["versions"])
               if os.path.exists(r))
if not old:
    sys.exit("lru.py: no entries below " + old_dir)
# The manifest the last run used was touched last; its first version is the
# result it read.
last = max(manifests(lambda p: p == redo), key=os.path.getmtime)
again = result(json.load(open(last))["versions"][0])

total = sum(os.path.getsize(f) for f in files)
rest = total - sum(os.path.getsize(f) for f in old)
for f in old:
    os.utime(f, (946684800, 946684800))  # 2000-01-01
os.remove(again)
# The smallest bound whose 90% holds what is left without OLD_DIR's entries;
# checked to hold it with none of them.
bound = next(b for b in range(1, total) if rest <= b - b // 10)
if rest + min(map(os.path.getsize, old)) <= bound - bound // 10:
    sys.exit("lru.py: no bound evicts exactly the entries below " + old_dir)
sys.exit(subprocess.call(cmd + [str(bound)]))
