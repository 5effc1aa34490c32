#!/usr/bin/env python3
"""run_bytes_name.py MEMLINT NAME FORMAT: runs `memlint check NAME
--format=FORMAT -- -std=c++17`, where NAME is given with \\xHH escapes for
bytes that are not UTF-8; prints `exit N`, then the report, where a raw
byte that is not UTF-8 (which memlint must never print) shows as <raw HH>."""
import codecs
import subprocess
import sys

codecs.register_error("rawmark", lambda e: ("".join("<raw %02x>" % b for b in e.object[e.start:e.end]), e.end))

memlint, name, fmt = sys.argv[1], sys.argv[2], sys.argv[3]
raw = name.encode("ascii").decode("unicode_escape").encode("latin-1")
p = subprocess.run([memlint.encode(), b"check", raw, b"--format=" + fmt.encode(), b"--",
                    b"-std=c++17"], stdout=subprocess.PIPE)
print("exit %d" % p.returncode)
sys.stdout.write(p.stdout.decode("utf-8", "rawmark"))
