"""config.py HOOKS_REPO [ARG...]: a .pre-commit-config.yaml that uses the
memlint hook of HOOKS_REPO (a git repository) at its HEAD, with ARGs as the
hook's args."""
import json
import subprocess
import sys

repo = sys.argv[1]
rev = subprocess.check_output(["git", "-C", repo, "rev-parse", "HEAD"],
                              universal_newlines=True).strip()
print("repos:")
print("  - repo: %s" % json.dumps(repo))
print("    rev: %s" % rev)
print("    hooks:")
print("      - id: memlint")
if len(sys.argv) > 2:
    print("        args: %s" % json.dumps(sys.argv[2:]))
