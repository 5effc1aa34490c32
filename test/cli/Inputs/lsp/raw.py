"""raw.py MEMLINT: feeds `memlint lsp` what a broken client could send and
prints each reply, in order, as "id: result-or-error-code message"; then the
server's exit code. Writes everything first and closes stdin, so the server
reads to the end on its own."""
import json
import subprocess
import sys


def frame(body):
    if isinstance(body, dict):
        body = json.dumps(body)
    body = body.encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


msgs = [
    frame({"jsonrpc": "2.0", "id": 1, "method": "textDocument/codeAction", "params": {}}),
    b"X-Nothing: 1\r\n\r\n",                          # no Content-Length
    frame("{not json"),
    frame("[1, 2]"),
    frame({"jsonrpc": "2.0", "id": 2, "method": "initialize",
           "params": {"capabilities": {}}}),
    frame({"jsonrpc": "2.0", "id": 3, "method": "workspace/symbol",
           "params": {"query": "x"}}),
    frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
           "params": {"textDocument": {"uri": "untitled:1", "languageId": "cpp",
                                       "version": 1, "text": ""}}}),
    frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 3}}),
    frame({"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction",
           "params": {"textDocument": {"uri": "file:///nowhere.cpp"},
                      "range": {"start": {"line": 0, "character": 0},
                                "end": {"line": 0, "character": 0}},
                      "context": {"diagnostics": []}}}),
    frame({"jsonrpc": "2.0", "method": "exit"}),      # without shutdown
]
p = subprocess.run([sys.argv[1], "lsp", "--no-cache"], input=b"".join(msgs),
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
out = p.stdout
while out:
    head, _, rest = out.partition(b"\r\n\r\n")
    n = int(head.split(b":")[1])
    m = json.loads(rest[:n])
    out = rest[n:]
    if "error" in m:
        print("%s: error %d %s" % (m.get("id"), m["error"]["code"], m["error"]["message"]))
    elif "result" in m:
        r = m["result"]
        print("%s: %s" % (m.get("id"), "capabilities" if isinstance(r, dict) and
                          "capabilities" in r else json.dumps(r)))
    else:
        print("notification: " + m["method"])
print("stderr: " + p.stderr.decode().strip().replace("\n", " | "))
print("exit code: %d" % p.returncode)
