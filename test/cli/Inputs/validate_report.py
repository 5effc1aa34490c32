"""validate_report.py SCHEMA REPORT: validates a memlint JSON report against
docs/schema and the ordering rule, then prints it one item per line
(findings, notes, errors) so tests can FileCheck the content."""
import json
import os
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
jsonschema.validate(report, schema)
keys = [(f["file"], f["line"], f["column"], f["rule"]) for f in report["findings"]]
assert keys == sorted(keys), "findings are not sorted"
assert len(keys) == len(set(keys)), "duplicate findings"
print("valid: %d findings, %d errors" % (len(keys), len(report["errors"])))
print("tool: %s %s" % (report["tool"]["name"], report["tool"]["version"]))
for f in report["findings"]:
    print("finding: %s %s:%d:%d: %s" % (f["rule"], os.path.basename(f["file"]),
                                        f["line"], f["column"], f["message"]))
    print("confidence: %s" % f["confidence"])
    if "detail" in f:
        print("detail: %s" % f["detail"])
    for n in f["notes"]:
        print("note: %s:%d:%d: %s" % (os.path.basename(n["file"]), n["line"],
                                      n["column"], n["message"]))
for e in report["errors"]:
    print("error: %s: %s" % (os.path.basename(e["file"]), e["message"].replace("\n", "\\n")))
