#!/usr/bin/env python3
"""Checks the hosting-side wiring of action.yml and the GitLab template that a
test cannot run (GitHub and GitLab themselves), and extracts the GitLab
job's script so that the test runs it.

  check_action.py action ACTION.yml SCRIPT
      the composite action's steps run SCRIPT's subcommands with bash, every
      `${{ inputs.X }}` names a declared input, every output reads a key
      that SCRIPT writes, the SARIF upload reads the run step's report
  check_action.py gitlab-script TEMPLATE.yml
      print the `.memlint` job's script
"""
import os
import re
import sys

import yaml


def fail(msg):
    sys.stderr.write("check_action: " + msg + "\n")
    sys.exit(1)


def action(path, script):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    root = os.path.dirname(os.path.abspath(path))
    text = open(path, encoding="utf-8").read()
    runs = doc["runs"]
    if runs.get("using") != "composite":
        fail("not a composite action")
    inputs = set(doc.get("inputs", {}))
    for name in re.findall(r"\$\{\{[^}]*inputs\.([A-Za-z0-9_-]+)", text):
        if name not in inputs:
            fail("undeclared input '%s'" % name)
    written = set(re.findall(r'"(report|findings|exit-code)=', open(script, encoding="utf-8").read()))
    ids = {}
    for step in runs["steps"]:
        if "run" in step:
            if step.get("shell") != "bash":
                fail("step '%s' has no shell: bash" % step.get("name"))
            m = re.search(r'\$GITHUB_ACTION_PATH/(\S+?)"? (\w+)$', step["run"].strip())
            if not m:
                fail("step '%s' does not run a script of the action" % step.get("name"))
            if os.path.join(root, m.group(1)) != os.path.abspath(script):
                fail("step '%s' runs %s, not %s" % (step.get("name"), m.group(1), script))
            print("step %s: %s %s" % (step.get("id", "-"), m.group(1), m.group(2)))
            ids[step.get("id")] = m.group(2)
        else:
            print("step uses %s with %s" % (step["uses"], " ".join(
                "%s=%s" % (k, re.sub(r"^\$\{\{ (.*) \}\}$", r"\1", str(v)))
                for k, v in sorted(step.get("with", {}).items()))))
    for name, out in doc.get("outputs", {}).items():
        m = re.match(r"\$\{\{ steps\.(\w+)\.outputs\.([\w-]+) \}\}$", out["value"])
        if not m or m.group(1) not in ids or m.group(2) not in written:
            fail("output '%s' reads %s, which no step writes" % (name, out["value"]))
        print("output %s <- %s" % (name, m.group(2)))


def gitlab_script(path):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    job = doc[".memlint"]
    print("\n".join(job["script"]))


if __name__ == "__main__":
    if sys.argv[1] == "action":
        action(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "gitlab-script":
        gitlab_script(sys.argv[2])
    else:
        fail("unknown command")
