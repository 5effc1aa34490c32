"""client.py MEMLINT DIR SCRIPT: a scripted LSP client for `memlint lsp`.

Starts `MEMLINT lsp --cache-dir DIR/cache` in DIR, then runs SCRIPT, one
command a line:

  open FILE               didOpen
  write FILE SRC          copy SRC (beside SCRIPT) over FILE (an editor saving)
  save FILE               didSave
  action FILE LINE        textDocument/codeAction at LINE (1-based)
  shutdown                shutdown + exit, print the server's exit code
  # ...                   a comment

After open/save it waits for the diagnostics that command causes (the
server publishes for the file itself, and for other open files whose
findings changed, before it reads the next message) and prints each
publishDiagnostics as

  publish FILE: N diagnostic(s)
    LINE:COL-LINE:COL SEVERITY CODE HREF | first line of the message

A request (initialize, codeAction, shutdown) is answered before the next
one is read, so "everything published for a command" is everything that
arrives before the answer to a sync request sent right after it.
"""
import json
import os
import shutil
import subprocess
import sys
import threading

memlint, root, script = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
proc = subprocess.Popen([memlint, "lsp", "--cache-dir", os.path.join(root, "cache")],
                        cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
# A guard against a hung server, not a timing assumption: the suite fails
# instead of waiting forever.
watchdog = threading.Timer(300, proc.kill)
watchdog.start()

next_id = [0]


def send(msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive():
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            sys.exit("server closed its output")
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(proc.stdout.read(length))


def request(method, params):
    next_id[0] += 1
    send({"jsonrpc": "2.0", "id": next_id[0], "method": method, "params": params})
    notes = []
    while True:
        m = receive()
        if m.get("id") == next_id[0] and "method" not in m:
            return m, notes
        notes.append(m)


def notify(method, params):
    send({"jsonrpc": "2.0", "method": method, "params": params})


def uri(path):
    return "file://" + os.path.join(root, path)


def rel(u):
    return os.path.relpath(u[len("file://"):], root)


def show(notes):
    for m in notes:
        if m.get("method") != "textDocument/publishDiagnostics":
            continue
        p = m["params"]
        ds = p["diagnostics"]
        print("publish %s: %d diagnostic(s)" % (rel(p["uri"]), len(ds)))
        for d in ds:
            r = d["range"]
            print("  %d:%d-%d:%d %s %s %s | %s" % (
                r["start"]["line"] + 1, r["start"]["character"] + 1,
                r["end"]["line"] + 1, r["end"]["character"] + 1,
                {1: "error", 2: "warning", 3: "note", 4: "hint"}[d["severity"]],
                d.get("code", "-"), d.get("codeDescription", {}).get("href", "-"),
                d["message"].splitlines()[0]))


def sync():
    # Any request works as a barrier; codeAction on nothing is cheap.
    _, notes = request("textDocument/codeAction", {
        "textDocument": {"uri": uri("-")},
        "range": {"start": {"line": 0, "character": 0},
                  "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}})
    return notes


resp, _ = request("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                 "capabilities": {}})
caps = resp["result"]["capabilities"]
print("initialized: sync=%s codeAction=%s" % (
    json.dumps(caps["textDocumentSync"], sort_keys=True), "codeActionProvider" in caps))
notify("initialized", {})

for line in open(script):
    words = line.split()
    if not words or words[0].startswith("#"):
        continue
    print("> " + " ".join(words))
    cmd = words[0]
    if cmd == "open":
        text = open(os.path.join(root, words[1])).read()
        notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(words[1]), "languageId": "cpp", "version": 1, "text": text}})
        show(sync())
    elif cmd == "write":
        shutil.copyfile(os.path.join(os.path.dirname(os.path.abspath(script)), words[2]),
                        os.path.join(root, words[1]))
    elif cmd == "save":
        notify("textDocument/didSave", {"textDocument": {"uri": uri(words[1])}})
        show(sync())
    elif cmd == "action":
        l = int(words[2]) - 1
        resp, notes = request("textDocument/codeAction", {
            "textDocument": {"uri": uri(words[1])},
            "range": {"start": {"line": l, "character": 0},
                      "end": {"line": l, "character": 200}},
            "context": {"diagnostics": []}})
        show(notes)
        for a in resp["result"]:
            print("action: %s (%s, preferred=%s)" % (a["title"], a["kind"],
                                                     a.get("isPreferred")))
            for u, edits in sorted(a["edit"]["changes"].items()):
                for e in edits:
                    r = e["range"]
                    print("  edit %s %d:%d-%d:%d %r" % (
                        rel(u), r["start"]["line"] + 1, r["start"]["character"] + 1,
                        r["end"]["line"] + 1, r["end"]["character"] + 1, e["newText"]))
    elif cmd == "shutdown":
        request("shutdown", None)
        notify("exit", None)
        proc.stdin.close()
        print("server exit code: %d" % proc.wait())
    else:
        sys.exit("unknown command: " + cmd)
watchdog.cancel()
