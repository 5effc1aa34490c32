"""pty_run.py [--stdout-tty] [--stderr-tty] [--keep-no-color] -- CMD...: runs CMD with the chosen
streams on a pseudo-terminal of 100 columns (the others on pipes), and prints
what each stream received, control characters made visible (<CR>, <ESC>, <LF>
at the end of each line), as 'stdout: ...' and 'stderr: ...' lines.
Exits with CMD's status."""
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

args = sys.argv[1:]
sep = args.index("--")
flags, cmd = args[:sep], args[sep + 1:]


def open_tty():
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    # Raw: no \n -> \r\n translation, so what is seen is what was written.
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    return master, slave


streams = {}
for name in ("stdout", "stderr"):
    if "--%s-tty" % name in flags:
        streams[name] = open_tty()
env = dict(os.environ)
if "--keep-no-color" not in flags:
    env.pop("NO_COLOR", None)
env["TERM"] = "xterm"
p = subprocess.Popen(
    cmd, env=env,
    stdout=streams["stdout"][1] if "stdout" in streams else subprocess.PIPE,
    stderr=streams["stderr"][1] if "stderr" in streams else subprocess.PIPE)
for master, slave in streams.values():
    os.close(slave)


def drain(fd):
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        data += chunk
    return data


# Read the terminals while the command runs (a full pty blocks it).
import threading
got = {}
threads = []
for name, (master, _) in streams.items():
    t = threading.Thread(target=lambda n=name, m=master: got.__setitem__(n, drain(m)))
    t.start()
    threads.append(t)
out, err = p.communicate()
for t in threads:
    t.join()
if "stdout" not in streams:
    got["stdout"] = out
if "stderr" not in streams:
    got["stderr"] = err


def visible(data):
    s = data.decode("utf-8", "replace")
    s = s.replace("\x1b", "<ESC>").replace("\r", "<CR>")
    return s.split("\n")


for name in ("stdout", "stderr"):
    lines = visible(got[name])
    for i, line in enumerate(lines):
        if i + 1 == len(lines) and line == "":
            break
        print("%s: %s%s" % (name, line, "<LF>" if i + 1 < len(lines) else ""))
sys.exit(p.returncode)
