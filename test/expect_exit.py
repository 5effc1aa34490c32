#!/usr/bin/env python3
"""expect_exit.py N cmd args...: run cmd, pass its output through, and fail
unless it exits with status N. For lit tests of exit codes."""
import subprocess
import sys

want = int(sys.argv[1])
p = subprocess.run(sys.argv[2:])
if p.returncode != want:
    sys.stderr.write("expect_exit: %r exited %d, expected %d\n"
                     % (sys.argv[2:], p.returncode, want))
    sys.exit(1)
