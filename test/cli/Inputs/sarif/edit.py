"""edit.py FILE OP ARGS: the edits the fingerprint tests make.
  prepend TEXT        put TEXT (with \\n escapes) before the first line
  replace OLD NEW     replace the first OLD with NEW (both with \\n escapes)
  indent              indent every line by four spaces"""
import sys

path, op = sys.argv[1], sys.argv[2]
text = open(path).read()
if op == "prepend":
    text = sys.argv[3].replace("\\n", "\n") + text
elif op == "replace":
    old = sys.argv[3].replace("\\n", "\n")
    if old not in text:
        sys.exit("edit.py: %r not in %s" % (old, path))
    text = text.replace(old, sys.argv[4].replace("\\n", "\n"), 1)
elif op == "indent":
    text = "".join("    " + l if l.strip() else l for l in text.splitlines(True))
else:
    sys.exit("edit.py: unknown op " + op)
open(path, "w").write(text)
