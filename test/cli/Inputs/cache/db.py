"""db.py DB FILE OP [ARG]: edits FILE's entry of the compile database DB.
  output PATH   its -o value becomes PATH (what memlint ignores)
  add ARG       append ARG to its arguments (what memlint does not)"""
import json
import os
import sys

db, name, op = sys.argv[1], sys.argv[2], sys.argv[3]
entries = json.load(open(db))
hit = [e for e in entries if os.path.basename(e["file"]) == name]
if len(hit) != 1:
    sys.exit("db.py: %s not in %s" % (name, db))
args = hit[0]["arguments"]
if op == "output":
    args[args.index("-o") + 1] = sys.argv[4]
elif op == "add":
    args.append(sys.argv[4])
else:
    sys.exit("db.py: unknown op " + op)
json.dump(entries, open(db, "w"), indent=1)
