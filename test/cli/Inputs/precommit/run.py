"""run.py [--path DIR] --home HOME [--cwd DIR] -- CMD...: runs CMD the way a
developer's shell would for the pre-commit tests: DIR (memlint's) first on
PATH, HOME, XDG_CACHE_HOME (memlint's facts cache) and PRE_COMMIT_HOME
inside the test's directory, a git identity;
prints CMD's output and then "exit: N", and exits 0."""
import argparse
import os
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--path", action="append", default=[])
ap.add_argument("--cwd", default=".")
ap.add_argument("--home", required=True)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd

env = dict(os.environ)
env["PATH"] = os.pathsep.join(a.path + [env.get("PATH", "/usr/bin:/bin")])
env["HOME"] = a.home
env["PRE_COMMIT_HOME"] = os.path.join(a.home, "pre-commit-cache")
env["XDG_CACHE_HOME"] = os.path.join(a.home, ".cache")
env["GIT_CONFIG_NOSYSTEM"] = "1"
for who in ("AUTHOR", "COMMITTER"):
    env["GIT_%s_NAME" % who] = "memlint test"
    env["GIT_%s_EMAIL" % who] = "test@example.com"
env.pop("PRE_COMMIT", None)
p = subprocess.run(cmd, cwd=a.cwd, env=env, stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT, universal_newlines=True)
sys.stdout.write(p.stdout)
print("exit: %d" % p.returncode)
