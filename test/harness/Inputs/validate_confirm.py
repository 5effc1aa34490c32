#!/usr/bin/env python3
"""validate_confirm.py json SCHEMA REPORT | sarif REPORT | html REPORT

json:  validates a `memlint confirm --format=json` report against
       docs/schema/memlint-confirm.schema.json; prints the runs.
sarif: checks the SARIF 2.1.0 shape and the memlint properties of each
       result (verdict, slope, bytesPerN); prints one line per result.
html:  checks the report is self-contained (no script, no stylesheet or
       image fetched from anywhere, no external link) and has one SVG chart
       per finding; prints the counts."""
import json
import re
import sys

kind = sys.argv[1]
if kind == "json":
    import jsonschema
    schema = json.load(open(sys.argv[2]))
    report = json.load(open(sys.argv[3]))
    jsonschema.validate(report, schema)
    for f in report.get("findings", []):
        assert len(f["values"]) == len(report["measured_scales"]), "values not parallel to the scales"
    print("valid confirm report: %d runs, %d findings, %d growing sites" % (
        len(report["runs"]), len(report.get("findings", [])), len(report["growing_sites"])))
    for r in report["runs"]:
        print("run n=%d status=%s%s" % (r["n"], r["status"],
                                         " exit_code=%d" % r["exit_code"] if "exit_code" in r else
                                         " signal=%d" % r["signal"] if "signal" in r else ""))
    for w in report["warnings"]:
        print("warning: " + w)
elif kind == "sarif":
    log = json.load(open(sys.argv[2]))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "memlint"
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    print("sarif 2.1.0: %d results" % len(run["results"]))
    for res in run["results"]:
        assert res["ruleId"] in rules, res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        props = res["properties"]
        for key in ("metric", "slope", "perN", "values"):
            assert key in props, key
        print("result %s %s:%d level=%s verdict=%s bytesPerN=%s slope=%.2f" % (
            res["ruleId"], loc["artifactLocation"]["uri"].rsplit("/", 1)[-1], loc["region"]["startLine"],
            res["level"], props.get("verdict", "-"),
            "%.0f" % props["bytesPerN"] if "bytesPerN" in props else "-", props["slope"]))
elif kind == "html":
    text = open(sys.argv[2], encoding="utf-8").read()
    external = re.findall(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', text, re.I)
    external += re.findall(r'url\(\s*["\']?(?:https?:)?//', text, re.I)
    external += re.findall(r'<script|<link|<img|<iframe|@import', text, re.I)
    assert not external, "not self-contained: %s" % external
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    # Every chart twice (linear and log y axis, a CSS switch picks one); a
    # finding with nothing measured gets a line instead of a chart.
    linear, log = text.count('class="chart linear-y"'), text.count('class="chart log-y"')
    assert linear == log == text.count("<svg") // 2, "charts not in linear/log pairs"
    print("self-contained html: %d svg charts, %d findings, %d without a chart" % (
        linear, text.count('<section id="f'), text.count('class="no-chart"')))
    for verdict in re.findall(r'<h3><span class="v ([a-z-]+)">', text):
        print("verdict " + verdict)
