"""concurrent.py OUT -- CMD...: starts CMD twice at once, writing OUT.0 and
OUT.1 (stdout), waits for both, and fails unless both exit 0."""
import subprocess
import sys

out, cmd = sys.argv[1], sys.argv[3:]
procs = [subprocess.Popen(cmd, stdout=open("%s.%d" % (out, i), "w"))
         for i in range(2)]
codes = [p.wait() for p in procs]
if codes != [0, 0]:
    sys.exit("concurrent.py: exit codes %s" % codes)
