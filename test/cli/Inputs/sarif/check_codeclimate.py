"""check_codeclimate.py SCHEMA REPORT: validates a --format=codeclimate
report (GitLab Code Quality), requires unique fingerprints, and prints one
line per issue for FileCheck."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
jsonschema.validate(report, schema)
prints = [i["fingerprint"] for i in report]
assert len(prints) == len(set(prints)), "fingerprints must be unique"
print("valid: %d issues" % len(report))
for i in report:
    print("issue: %s %s %s:%d: %s" % (i["severity"], i["check_name"], i["location"]["path"],
                                     i["location"]["lines"]["begin"], i["description"]))
    if "content" in i:
        print("body: " + i["content"]["body"].replace("\n", "\\n"))
