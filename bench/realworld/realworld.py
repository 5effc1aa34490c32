#!/usr/bin/env python3
"""memlint on real projects, compared with a triage the project keeps.

    realworld.py [--src DIR] [--memlint BIN] [--configure] [--no-lint]
                 [--projects a,b] [--markdown] [--check] [-j N]
                 [--tu-timeout S] [--min-confidence LEVEL] [--reports DIR]

For each project of projects.json, with its sources in DIR/<name> (checked
out at the pinned commit, see README.md) and its CMake build in
DIR/<name>-build:

  --configure  run cmake (the project's pinned options, the compile
               database only; nothing is built) after checking that the
               Debian packages it needs are installed;
  (default)    lint it: `memlint check -p DIR/<name>-build --format=json
               --project-root DIR/<name> -j N --tu-timeout S` (defaults: 2
               jobs, 300 s), run from DIR/<name>, the report kept in
               DIR/reports/<name>.json (--reports elsewhere);
  --no-lint    compare the reports already in DIR/reports instead.

It then matches every finding with triage/<name>.yaml by (file, line,
rule) and prints, per project: translation units, findings per confidence
level, how many the triage calls genuine, irrelevant or false, how many it
does not know (untriaged) and how many triaged findings are gone; then the
untriaged and gone findings themselves, and the irrelevant/false categories.
--markdown prints the tables as Markdown (docs/precision.md).
--min-confidence LEVEL judges only findings of that confidence or higher (as
memlint's option of the same name will show them) and lists the genuine
findings below it.
--check exits 1 when a finding is untriaged, a triaged one is gone, or a
recall entry at a line of today's code is found (or missed) where
recall.yaml says otherwise: its 'found' is measured from the reports.

Python 3 standard library only. The triage files use a small YAML subset
(see README.md) that this script parses itself and rejects, naming the file
and line, where it strays.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LEVELS = ("high", "medium", "low")
VERDICTS = ("genuine", "irrelevant", "false")
ENTRY_KEYS = {"file", "line", "rule", "verdict", "why", "category", "entity"}


class InputError(Exception):
    pass


# --- a YAML subset: top-level scalars and lists of flat mappings ----------

def _scalar(text, where):
    text = text.strip()
    if not text:
        return ""
    if text[0] in "\"'":
        q = text[0]
        if len(text) < 2 or text[-1] != q:
            raise InputError(f"{where}: unterminated {q}-quoted string")
        body = text[1:-1]
        if q == "'":
            return body.replace("''", "'")
        try:
            return json.loads('"' + body + '"')
        except ValueError as e:
            raise InputError(f"{where}: bad escape in string: {e}") from None
    if text[0] in "[{&*!|>%@`":
        raise InputError(f"{where}: unsupported YAML value {text!r}: quote it")
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    return text


def _strip_comment(line):
    # A '#' starts a comment at the line start or after a space, outside quotes.
    q = None
    for i, c in enumerate(line):
        if q:
            if c == q:
                q = None
        elif c in "\"'" and (i == 0 or line[i - 1] in " :-"):
            q = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def load_yaml_subset(path):
    """{key: scalar | [ {key: scalar} ]}, each list item a flat mapping."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}") from None
    doc = {}
    cur_list = None
    cur_item = None
    item_indent = None
    for no, raw in enumerate(lines, 1):
        where = f"{path}:{no}"
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise InputError(f"{where}: tab in indentation")
        line = _strip_comment(raw)
        if not line.strip() or line.strip() == "---":
            continue
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if indent == 0:
            m = re.fullmatch(r"([A-Za-z_][\w-]*):(?:\s+(.*))?", body)
            if not m:
                raise InputError(f"{where}: expected 'key: value' at the top level")
            key, val = m.group(1), m.group(2)
            if key in doc:
                raise InputError(f"{where}: duplicate key '{key}'")
            if val is None or val == "":
                cur_list = doc[key] = []
            elif val.strip() == "[]":
                doc[key] = []
                cur_list = None
            else:
                doc[key] = _scalar(val, where)
                cur_list = None
            cur_item = None
            continue
        if cur_list is None:
            raise InputError(f"{where}: indented line outside a list")
        if body.startswith("- ") or body == "-":
            cur_item = {"__line__": no}
            cur_list.append(cur_item)
            item_indent = indent + 2
            body = body[2:].strip()
            if not body:
                continue
        elif cur_item is None or indent != item_indent:
            raise InputError(f"{where}: expected '- key: value' or a key aligned with the item's first key")
        m = re.fullmatch(r"([A-Za-z_][\w-]*):(?:\s+(.*))?", body)
        if not m:
            raise InputError(f"{where}: expected 'key: value'")
        key = m.group(1)
        if key in cur_item:
            raise InputError(f"{where}: duplicate key '{key}'")
        cur_item[key] = _scalar(m.group(2) or "", where)
    return doc


# --- projects and triage ---------------------------------------------------

def load_projects(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}") from None
    except ValueError as e:
        raise InputError(f"{path}: {e}") from None
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, list):
        raise InputError(f"{path}: expected {{\"projects\": [...]}}")
    for i, p in enumerate(projects):
        for k in ("name", "repository", "commit", "cmake_options", "apt"):
            if k not in p:
                raise InputError(f"{path}: project {i} has no '{k}'")
        if not re.fullmatch(r"[0-9a-f]{40}", p["commit"]):
            raise InputError(f"{path}: project {p['name']}: commit must be 40 hex digits")
    return projects


def load_triage(path, project):
    if not os.path.exists(path):
        return []
    doc = load_yaml_subset(path)
    if doc.get("project") != project:
        raise InputError(f"{path}: 'project: {project}' expected at the top")
    entries = doc.get("findings", [])
    if not isinstance(entries, list):
        raise InputError(f"{path}: 'findings' must be a list")
    seen = {}
    for e in entries:
        where = f"{path}:{e['__line__']}"
        unknown = set(e) - ENTRY_KEYS - {"__line__"}
        if unknown:
            raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        for k in ("file", "line", "rule", "verdict", "why"):
            if k not in e or e[k] == "":
                raise InputError(f"{where}: entry has no '{k}'")
        if not isinstance(e["line"], int):
            raise InputError(f"{where}: 'line' must be a number")
        if e["verdict"] not in VERDICTS:
            raise InputError(f"{where}: verdict must be one of {', '.join(VERDICTS)}")
        if e["verdict"] == "genuine" and e.get("category"):
            raise InputError(f"{where}: a genuine finding has no category")
        key = (e["file"], e["line"], e["rule"])
        if key in seen:
            raise InputError(f"{where}: same file, line and rule as line {seen[key]}")
        seen[key] = e["__line__"]
    return entries


RECALL_KEYS = {"project", "where", "rule", "shape", "found", "why"}


def load_recall(path):
    if not os.path.exists(path):
        return []
    doc = load_yaml_subset(path)
    entries = doc.get("misses", [])
    if not isinstance(entries, list):
        raise InputError(f"{path}: 'misses' must be a list")
    for e in entries:
        where = f"{path}:{e['__line__']}"
        unknown = set(e) - RECALL_KEYS - {"__line__"}
        if unknown:
            raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        for k in sorted(RECALL_KEYS):
            if k not in e or e[k] == "":
                raise InputError(f"{where}: entry has no '{k}'")
        if e["found"] not in ("yes", "no"):
            raise InputError(f"{where}: found must be yes or no")
    return entries


# --- configure and lint ------------------------------------------------------

def missing_apt(packages):
    missing = []
    for p in packages:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", p],
                           capture_output=True, text=True)
        if "install ok installed" not in r.stdout:
            missing.append(p)
    return missing


def configure(p, src, reports):
    root, build = os.path.join(src, p["name"]), os.path.join(src, p["name"] + "-build")
    if not os.path.isdir(root):
        raise InputError(f"{root}: no checkout (see bench/realworld/README.md)")
    for sm in p.get("submodules", []):
        d = os.path.join(root, sm["path"])
        if not os.path.isdir(d) or not os.listdir(d):
            raise InputError(f"{d}: empty; check out submodule {sm['repository']} at {sm['commit']} there (README.md)")
    miss = missing_apt(p["apt"])
    if miss:
        raise InputError(f"{p['name']}: missing Debian packages; run: apt-get install -y {' '.join(miss)}")
    opts = [o.replace("{build}", build).replace("{source}", root) for o in p["cmake_options"]]
    cmd = ["cmake", "-S", root, "-B", build, "-G", "Ninja",
           "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
           "-DCMAKE_C_COMPILER=clang-19", "-DCMAKE_CXX_COMPILER=clang++-19"] + opts
    log = os.path.join(reports, p["name"] + ".configure.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    with open(log, "w") as out:
        r = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT)
        # Targets that only generate sources or copy headers the sources
        # include (protoc outputs, header copies): nothing is compiled.
        if r.returncode == 0 and p.get("header_targets"):
            r = subprocess.run(["cmake", "--build", build, "--target"] + p["header_targets"],
                               stdout=out, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise InputError(f"{p['name']}: cmake failed (exit {r.returncode}), see {log}")


def translation_units(src, name):
    path = os.path.join(src, name + "-build", "compile_commands.json")
    try:
        with open(path) as f:
            db = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: {e} (run with --configure)") from None
    return len({os.path.normpath(os.path.join(e["directory"], e["file"])) for e in db})


def lint(p, src, reports, memlint, jobs, tu_timeout):
    root = os.path.join(src, p["name"])
    out = os.path.join(reports, p["name"] + ".json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    cmd = [memlint, "check", "-p", os.path.join(src, p["name"] + "-build"),
           "--format=json", "--project-root", root, "-j", str(jobs), "-o", out,
           # Every finding, whatever its confidence: judged per level below.
           "--min-confidence=low"]
    if tu_timeout:
        cmd += ["--tu-timeout", str(tu_timeout)]
    t0 = time.monotonic()
    with open(os.path.join(reports, p["name"] + ".stderr"), "w") as err:
        r = subprocess.run(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=err)
    if r.returncode not in (0, 1, 3):
        raise InputError(f"{p['name']}: memlint exited {r.returncode}, see {err.name}")
    return time.monotonic() - t0


def load_report(src, reports, p):
    path = os.path.join(reports, p["name"] + ".json")
    try:
        with open(path) as f:
            rep = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: {e}") from None
    root = os.path.realpath(os.path.join(src, p["name"]))
    findings = []
    for f in rep.get("findings", []):
        # Paths in the JSON report are as the compile database spells them
        # (relative to the current directory, memlint's, or absolute).
        rel = lambda file: os.path.relpath(os.path.realpath(os.path.join(root, file)), root)
        also = [(rel(n["file"]), n["line"]) for n in f.get("notes", []) if n.get("also")]
        findings.append(dict(f, rel=rel(f["file"]), also=also))
    return findings, rep.get("errors", [])


# --- comparison ----------------------------------------------------------

def compare(findings, triage):
    by_key = {(e["file"], e["line"], e["rule"]): e for e in triage}
    matched, untriaged = [], []
    for f in findings:
        e = by_key.pop((f["rel"], f["line"], f["rule"]), None)
        (matched if e else untriaged).append((f, e))
    gone = list(by_key.values())
    return matched, untriaged, gone


def md_table(header, rows):
    num = [bool(rows) and all(isinstance(r[i], int) for r in rows) for i in range(len(header))]
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---:" if num[i] else "---" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def text_table(header, rows):
    cols = [header] + [[str(c) for c in r] for r in rows]
    w = [max(len(r[i]) for r in cols) for i in range(len(header))]
    num = [all(re.fullmatch(r"-?[0-9]+", r[i]) for r in cols[1:]) for i in range(len(header))]
    fmt = lambda r: "  ".join((c.rjust(w[i]) if num[i] else c.ljust(w[i])) for i, c in enumerate(r))
    return "\n".join([fmt(header), fmt(["-" * x for x in w])] + [fmt(r) for r in cols[1:]])


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=os.environ.get("REALWORLD_SRC", "/work/realworld-src"),
                    help="directory with the checkouts <name>/ and builds <name>-build/")
    ap.add_argument("--memlint", default=os.path.join(REPO, "build", "bin", "memlint"))
    ap.add_argument("--projects", help="comma-separated subset of projects.json")
    ap.add_argument("--reports", help="where memlint's JSON reports go (default: SRC/reports)")
    ap.add_argument("--configure", action="store_true", help="run cmake first")
    ap.add_argument("--no-lint", action="store_true", help="compare the reports already there")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--min-confidence", choices=LEVELS, default="low",
                    help="judge only findings of this confidence or higher (default: all)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if a finding is untriaged or a triaged one is gone")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--tu-timeout", type=int, default=300,
                    help="memlint's --tu-timeout in seconds (0: none); a TU past it is a TU error")
    ap.add_argument("--config", default=os.path.join(HERE, "projects.json"))
    ap.add_argument("--triage-dir", default=os.path.join(HERE, "triage"))
    ap.add_argument("--recall", default=os.path.join(HERE, "recall.yaml"))
    a = ap.parse_args(argv)

    try:
        projects = load_projects(a.config)
        if a.projects:
            want = a.projects.split(",")
            unknown = set(want) - {p["name"] for p in projects}
            if unknown:
                raise InputError(f"unknown project(s): {', '.join(sorted(unknown))}")
            projects = [p for p in projects if p["name"] in want]
        if not a.no_lint and not (os.path.isfile(a.memlint) and os.access(a.memlint, os.X_OK)):
            raise InputError(f"{a.memlint}: no memlint binary (--memlint)")
        src = os.path.abspath(a.src)
        reports = os.path.abspath(a.reports or os.path.join(src, "reports"))

        rows, untriaged_all, gone_all, errors_all, hidden_genuine = [], [], [], [], []
        cats = collections.Counter()
        by_rule = collections.Counter()
        tot = collections.Counter()
        shown_at = {}  # (project, file, line, rule) -> confidence of a finding there
        for p in projects:
            triage = load_triage(os.path.join(a.triage_dir, p["name"] + ".yaml"), p["name"])
            if a.configure:
                print(f"==> configure {p['name']}", file=sys.stderr)
                configure(p, src, reports)
            tus = translation_units(src, p["name"])
            secs = None
            if not a.no_lint:
                print(f"==> lint {p['name']} ({tus} TUs)", file=sys.stderr)
                secs = lint(p, src, reports, a.memlint, a.jobs, a.tu_timeout)
            findings, errors = load_report(src, reports, p)
            for f in findings:
                # The finding's line, and the other lines where the same
                # container grows (its notes marked "also").
                for rel, line in [(f["rel"], f["line"])] + f["also"]:
                    shown_at[(p["name"], rel, line, f["rule"])] = f.get("confidence", "medium")
            matched, untriaged, gone = compare(findings, triage)
            # Below --min-confidence: counted per level, not judged; a
            # genuine finding there is one the default run would hide.
            floor = LEVELS.index(a.min_confidence)
            shown = lambda f: LEVELS.index(f.get("confidence", "medium")) <= floor
            hidden_genuine += [(p["name"], f, e) for f, e in matched
                               if not shown(f) and e["verdict"] == "genuine"]
            matched = [(f, e) for f, e in matched if shown(f)]
            untriaged = [(f, e) for f, e in untriaged if shown(f)]
            lv = collections.Counter(f.get("confidence", "?") for f in findings)
            vd = collections.Counter(e["verdict"] for _, e in matched)
            for f, e in matched:
                by_rule[(f["rule"], e["verdict"])] += 1
            for f, _ in untriaged:
                by_rule[(f["rule"], "untriaged")] += 1
            for _, e in matched:
                if e["verdict"] != "genuine":
                    cats[(e["verdict"], e.get("category") or "uncategorized")] += 1
            row = [p["name"], tus, len(findings)] + [lv[l] for l in LEVELS] + \
                  [vd[v] for v in VERDICTS] + [len(untriaged), len(gone), len(errors)]
            rows.append(row)
            for i, c in enumerate(row[1:], 1):
                tot[i] += c
            untriaged_all += [(p["name"], f) for f, _ in untriaged]
            now = collections.defaultdict(list)
            for f in findings:
                now[(f["rel"], f["line"])].append(f["rule"])
            gone_all += [(p["name"], dict(e, now=now.get((e["file"], e["line"]), [])))
                         for e in gone]
            errors_all += [(p["name"], e) for e in errors]
            if secs is not None:
                print(f"    {p['name']}: {len(findings)} findings in {secs:.0f} s", file=sys.stderr)
        header = ["project", "TUs", "findings", "high", "medium", "low",
                  "genuine", "irrelevant", "false", "untriaged", "gone", "TU errors"]
        rows.append(["total"] + [tot[i] for i in range(1, len(header))])
        table = md_table if a.markdown else text_table
        print(table(header, rows))
        judged = tot[6] + tot[7] + tot[8]
        if judged:
            print(f"\ngenuine {100.0 * tot[6] / judged:.0f} % of triaged findings "
                  f"({tot[6]}/{judged}); false {tot[8]}")
        if a.min_confidence != "low":
            print(f"\njudged: findings of confidence {a.min_confidence} or higher; "
                  f"genuine findings below it: {len(hidden_genuine)}")
            for name, f, _ in hidden_genuine:
                print(f"  {name}: {f['rel']}:{f['line']}: {f['rule']} [{f.get('confidence')}]")
        if by_rule:
            print("\nfindings by rule:\n")
            cols = list(VERDICTS) + ["untriaged"]
            rrows = [[r, sum(by_rule[(r, c)] for c in cols)] + [by_rule[(r, c)] for c in cols]
                     for r in sorted({r for r, _ in by_rule})]
            rrows.sort(key=lambda x: (-x[1], x[0]))
            print(table(["rule", "findings"] + cols, rrows))
        if cats:
            print("\nirrelevant and false findings by category:\n")
            crow = sorted(([c, v, n] for (v, c), n in cats.items()), key=lambda r: (-r[2], r[0]))
            print(table(["category", "verdict", "findings"], crow))
        recall = [e for e in load_recall(a.recall)
                  if e["project"] in {p["name"] for p in projects}]
        recall_changed = []
        for e in recall:
            # An entry at a line of today's code is measured: found when a
            # finding of its rule is there at the judged confidence or
            # higher. One in a project's history keeps what its triage says.
            m = re.fullmatch(r"(\S+):(\d+)", e["where"])
            if not m:
                continue
            conf = shown_at.get((e["project"], m.group(1), int(m.group(2)), e["rule"]))
            measured = "yes" if conf and LEVELS.index(conf) <= LEVELS.index(a.min_confidence) else "no"
            if measured != e["found"]:
                recall_changed.append((e, measured, conf))
            e["found"] = measured
        if recall:
            found = collections.Counter((e["rule"], e["found"]) for e in recall)
            rules = sorted({e["rule"] for e in recall})
            print(f"\nrecall ({a.recall}): "
                  f"{sum(1 for e in recall if e['found'] == 'yes')} of {len(recall)} found\n")
            print(table(["rule", "found", "missed"],
                        [[r, found[(r, "yes")], found[(r, "no")]] for r in rules]))
            if recall_changed:
                print(f"\nrecall entries whose 'found' differs from recall.yaml "
                      f"({len(recall_changed)}; measured at --min-confidence={a.min_confidence}):")
                for e, measured, conf in recall_changed:
                    print(f"  {e['project']}: {e['where']}: {e['rule']}: now {measured}"
                          + (f" [{conf}]" if conf else ""))
        if untriaged_all:
            print(f"\nuntriaged ({len(untriaged_all)}):")
            for name, f in untriaged_all:
                print(f"  {name}: {f['rel']}:{f['line']}: {f['rule']} [{f.get('confidence')}] {f['message']}")
        if gone_all:
            # A finding reported at the same place under another rule is
            # not lost: it moved (its new rule needs its own entry).
            lost = sum(1 for _, e in gone_all if e["verdict"] == "genuine" and not e["now"])
            moved = sum(1 for _, e in gone_all if e["now"])
            print(f"\ntriaged but gone ({len(gone_all)}: {lost} genuine lost, {moved} moved to "
                  f"another rule, {len(gone_all) - lost - moved} irrelevant or false no longer reported):")
            for name, e in gone_all:
                moved_to = f" [now reported as {', '.join(e['now'])}]" if e["now"] else ""
                print(f"  {name}: {e['file']}:{e['line']}: {e['rule']} ({e['verdict']}){moved_to} {e['why']}")
        if errors_all:
            print(f"\ntranslation units memlint could not analyze ({len(errors_all)}):")
            for name, e in errors_all:
                print(f"  {name}: {e['file']}: {e['message'].splitlines()[0] if e['message'] else ''}")
        if a.check and (untriaged_all or gone_all or recall_changed):
            return 1
        return 0
    except InputError as e:
        print(f"realworld.py: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
