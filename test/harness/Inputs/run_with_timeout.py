#!/usr/bin/env python3
"""run_with_timeout.py SECS cmd args...: run cmd, fail if it takes longer
than SECS (a deadlock) or does not exit 0; pass its stdout through."""
import subprocess
import sys

try:
    p = subprocess.run(sys.argv[2:], timeout=float(sys.argv[1]))
except subprocess.TimeoutExpired:
    sys.exit("run_with_timeout: %r took longer than %s s" % (sys.argv[2:], sys.argv[1]))
sys.exit(p.returncode)
