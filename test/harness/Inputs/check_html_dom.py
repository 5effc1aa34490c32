#!/usr/bin/env python3
"""check_html_dom.py DOM.html: what a browser made of `memlint confirm`'s
HTML report (chromium --dump-dom). Prints the title, the y-axis switch, the
badge colours, and per finding its charts and their series (points drawn)
or the line that stands in for a chart."""
import re
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.title, self.style, self.sections = [], "", "", []
        self.checkbox = False
        self.cur = None
        self.text_target = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        if tag == "input" and a.get("type") == "checkbox" and a.get("id") == "log-y":
            self.checkbox = True
        if tag == "section":
            self.cur = {"verdict": None, "where": "", "charts": [], "nochart": ""}
            self.sections.append(self.cur)
        if self.cur is None:
            return
        if tag == "span" and "v" in a.get("class", "").split() and self.cur["verdict"] is None:
            self.cur["verdict"] = a["class"].split()[1]
        if tag == "svg":
            self.cur["charts"].append({"kind": a.get("class", "").split()[-1], "series": []})
        if tag == "polyline" and "series" in a.get("class", "") and self.cur["charts"]:
            pts = a.get("points", "").split()
            self.cur["charts"][-1]["series"].append((a.get("data-label", ""), len(pts)))
        if tag == "p" and a.get("class") == "no-chart":
            self.text_target = "nochart"
        if tag == "code" and self.cur is not None and len(self.stack) >= 2 and self.stack[-2] == "h3":
            self.text_target = "where"

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if tag == "section":
            self.cur = None
        self.text_target = None

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title" and "head" in self.stack:
            self.title += data
        if self.stack and self.stack[-1] == "style":
            self.style += data
        if self.text_target and self.cur is not None:
            self.cur[self.text_target] += data


def colour_name(hex_colour):
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    if max(r, g, b) - min(r, g, b) < 40:
        return "grey"
    if r >= g and r >= b:
        return "red" if g < 0.6 * r else "orange"
    if g >= r and g >= b:
        return "green"
    return "blue" if r < 0.6 * b else "purple"


dom = Dom()
dom.feed(open(sys.argv[1], encoding="utf-8").read())
print("title: " + dom.title.strip())
rules = re.findall(r"#log-y:checked[^{]*\{[^}]*\}", dom.style)
print("y-axis switch: %s, %d css rules" % ("log-y checkbox" if dom.checkbox else "none", len(rules)))
seen = []
for s in dom.sections:
    if s["verdict"] not in seen:
        seen.append(s["verdict"])
for v in seen:
    m = re.search(r"\." + re.escape(v) + r"\{background:(#[0-9a-f]{6})\}", dom.style)
    print("badge %s: %s %s" % (v, m.group(1) if m else "-", colour_name(m.group(1)) if m else "-"))
for s in dom.sections:
    where = s["where"].rsplit("/", 1)[-1]
    if s["charts"]:
        kinds = " ".join(c["kind"] for c in s["charts"])
        series = ", ".join("%s %d points" % x for x in s["charts"][0]["series"])
        for c in s["charts"][1:]:
            assert c["series"] == s["charts"][0]["series"], "the log chart draws other series"
        print("finding %s %s: charts %s; series %s" % (s["verdict"], where, kinds, series))
    else:
        print("finding %s %s: no chart: %s" % (s["verdict"], where, s["nochart"].strip()))
