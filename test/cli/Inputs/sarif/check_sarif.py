"""check_sarif.py: what the SARIF tests assert beyond the Multitool.

  check_sarif.py report REPORT.sarif
      asserts what GitHub code scanning relies on, then prints the results
      one per line for FileCheck;
  check_sarif.py validation LOG.sarif
      summarizes a `Sarif.Multitool validate` log: "validation: N errors,
      M warnings", then each problem;
  check_sarif.py break IN.sarif OUT.sarif
      writes a copy that GitHub would reject (no region, an https location),
      to prove the validation catches it;
  check_sarif.py fingerprints REPORT.sarif
      prints "rule file fingerprint" per result;
  check_sarif.py compare OLD.sarif NEW.sarif
      prints "known" or "new" per result of NEW, by fingerprint.
"""
import json
import sys


def fail(msg):
    sys.stderr.write("check_sarif: %s\n" % msg)
    sys.exit(1)


def report(path):
    log = json.load(open(path))
    if log.get("version") != "2.1.0" or "sarif-2.1.0" not in log.get("$schema", ""):
        fail("not SARIF 2.1.0")
    if len(log["runs"]) != 1:
        fail("one run expected")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    for key in ("name", "version", "semanticVersion", "informationUri"):
        if not driver.get(key):
            fail("tool.driver.%s missing" % key)
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    if not base.startswith("file:///") or not base.endswith("/"):
        fail("%SRCROOT% must be an absolute file URI ending in '/': " + base)
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    if ids != sorted(set(ids)):
        fail("rules not sorted and unique: %r" % ids)
    for r in rules:
        # A check's page; confirm's growing sites are explained in harness.md.
        page = ("harness.md" if r["id"] == "memlint-growing-site"
                else "checks/%s.md" % r["id"][len("memlint-"):])
        if not r["helpUri"].endswith("docs/" + page):
            fail("helpUri of %s: %s" % (r["id"], r["helpUri"]))
        if r["helpUri"].startswith("file://"):
            import os, urllib.parse
            if not os.path.isfile(urllib.parse.unquote(r["helpUri"][len("file://"):])):
                fail("helpUri of %s names no file: %s" % (r["id"], r["helpUri"]))
        if not r["help"]["text"] or not r["help"]["markdown"]:
            fail("no help for " + r["id"])
        if r["name"] == r["id"]:
            fail("name must differ from id")
        print("rule: %s %s" % (r["id"], r["name"]))
    if run.get("columnKind") != "utf16CodeUnits":
        fail("columnKind")

    def where(phys):
        art = phys["artifactLocation"]
        if art.get("uriBaseId") != "%SRCROOT%" or art["uri"].startswith("/") or ":" in art["uri"]:
            fail("location not relative to %SRCROOT%: " + json.dumps(art))
        reg = phys["region"]
        return "%s:%d:%d" % (art["uri"], reg["startLine"], reg.get("startColumn", 0))

    for res in run["results"]:
        rule = rules[res["ruleIndex"]]
        if rule["id"] != res["ruleId"]:
            fail("ruleIndex does not match ruleId")
        fp = res["partialFingerprints"]["memlint/v1"]
        if len(fp) != 32:
            fail("fingerprint " + fp)
        # The finding's confidence, as a property and as SARIF's rank.
        conf = res.get("properties", {}).get("confidence")
        if {"high": 90, "medium": 60, "low": 30}.get(conf) != res.get("rank"):
            fail("confidence %r and rank %r disagree" % (conf, res.get("rank")))
        print("result: %s %s %s: %s" % (res["level"], res["ruleId"],
                                        where(res["locations"][0]["physicalLocation"]),
                                        res["message"]["text"]))
        for i, rel in enumerate(res.get("relatedLocations", [])):
            if rel["id"] != i + 1:
                fail("relatedLocations ids must be 1, 2, ...")
            print("related: %s: %s" % (where(rel["physicalLocation"]), rel["message"]["text"]))
    for inv in run["invocations"]:
        print("executionSuccessful: %s" % json.dumps(inv["executionSuccessful"]))
        for n in inv.get("toolExecutionNotifications", []):
            print("notification: %s %s: %s" % (
                n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                n["message"]["text"].splitlines()[0]))


def validation(path):
    log = json.load(open(path))
    errors, warnings, lines = 0, 0, []
    for run in log["runs"]:
        for res in run.get("results", []):
            level = res.get("level", "warning")
            if level == "error":
                errors += 1
            elif level == "warning":
                warnings += 1
            else:
                continue
            lines.append("%s %s: %s" % (level, res["ruleId"],
                                        " ".join(res["message"].get("arguments", []))))
        for inv in run.get("invocations", []):
            for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
                if n.get("level", "warning") == "error":
                    errors += 1
                    lines.append("tool error: " + n["message"].get("text", ""))
    print("validation: %d errors, %d warnings" % (errors, warnings))
    for line in lines:
        print(line)


def breakit(src, dst):
    log = json.load(open(src))
    res = log["runs"][0]["results"]
    del res[0]["locations"][0]["physicalLocation"]["region"]
    res[-1]["locations"][0]["physicalLocation"]["artifactLocation"] = {"uri": "https://example.com/a.cpp"}
    json.dump(log, open(dst, "w"), indent=2)


def fingerprints(path):
    run = json.load(open(path))["runs"][0]
    for res in run["results"]:
        art = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        print("%s %s %s" % (res["ruleId"], art, res["partialFingerprints"]["memlint/v1"]))


def prints(path):
    run = json.load(open(path))["runs"][0]
    return [r["partialFingerprints"]["memlint/v1"] for r in run["results"]]


def compare(old, new):
    known = set(prints(old))
    for fp in prints(new):
        print("known" if fp in known else "new")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "report":
        report(sys.argv[2])
    elif cmd == "validation":
        validation(sys.argv[2])
    elif cmd == "break":
        breakit(sys.argv[2], sys.argv[3])
    elif cmd == "compare":
        compare(sys.argv[2], sys.argv[3])
    elif cmd == "fingerprints":
        fingerprints(sys.argv[2])
    else:
        fail("unknown command " + cmd)
