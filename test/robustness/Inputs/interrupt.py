#!/usr/bin/env python3
"""interrupt.py SIGNAL READY_CHILDREN -- CMD...: runs CMD (memlint) with
TMPDIR set to an empty directory of its own, waits until memlint has at
least READY_CHILDREN descendant processes (its workers, or the program it
runs and that program's own children) and has created its temporary
directory, sends it SIGNAL (INT, TERM, HUP), and reports:

  exit: <memlint's exit status>
  left processes: <descendants seen before the signal still alive after>
  left temporaries: <entries left in TMPDIR>
  left cgroups: <cgroups memlint made that are still there>

Waiting is on events (processes and files appearing), with a generous
deadline so that a regression fails instead of hanging."""
import os
import signal
import subprocess
import sys
import tempfile
import time


def children(pid):
    out = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                out += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return out


def descendants(pid):
    seen, queue = [], [pid]
    while queue:
        for c in children(queue.pop()):
            seen.append(c)
            queue.append(c)
    return seen


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def cgroups_of(pid):
    """memlint-confirm-<pid>-* cgroups anywhere in the cgroup v2 hierarchy."""
    mount = None
    with open("/proc/self/mountinfo") as f:
        for line in f:
            left, _, right = line.partition(" - ")
            if right.startswith("cgroup2 "):
                mount = left.split()[4]
                break
    if not mount:
        return []
    prefix = "memlint-confirm-%d-" % pid
    return [d for d, subdirs, _ in os.walk(mount) if os.path.basename(d).startswith(prefix)]


def main():
    sig = getattr(signal, "SIG" + sys.argv[1])
    want = int(sys.argv[2])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    tmp = tempfile.mkdtemp(prefix="interrupt-")
    env = dict(os.environ, TMPDIR=tmp)
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    seen = []
    while time.monotonic() < deadline and p.poll() is None:
        seen = descendants(p.pid)
        if len(seen) >= want and os.listdir(tmp):
            break
        time.sleep(0.01)
    if p.poll() is not None:
        print("memlint ended before it could be interrupted: exit %d" % p.returncode)
        sys.exit(1)
    seen = descendants(p.pid)  # everything it started, at the moment of the signal
    p.send_signal(sig)
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "hung"
    # A killed process may take a moment to be reaped by whoever inherits it.
    for _ in range(500):
        if not any(alive(q) for q in seen):
            break
        time.sleep(0.01)
    left = [q for q in seen if alive(q)]
    for q in left:
        os.kill(q, signal.SIGKILL)
    print("exit: %s" % rc)
    print("left processes: %d" % len(left))
    print("left temporaries: %s" % sorted(os.listdir(tmp)))
    print("left cgroups: %d" % len(cgroups_of(p.pid)))
    subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
