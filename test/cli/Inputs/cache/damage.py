"""damage.py CACHE: damages a facts cache the ways a crash or a bad disk
could: every result file keeps its size but not its bytes, and one manifest
is cut in half."""
import os
import sys

root = os.path.join(sys.argv[1], "v1")
manifests = []
for d, _, names in os.walk(root):
    for n in names:
        p = os.path.join(d, n)
        if n.endswith(".result"):
            size = os.path.getsize(p)
            with open(p, "r+b") as f:
                head = f.readline()  # a valid header over a wrong payload
                f.write(b"x" * (size - len(head)))
        else:
            manifests.append(p)
manifests.sort()
text = open(manifests[0], "rb").read()
open(manifests[0], "wb").write(text[: len(text) // 2])
