"""options_in_man.py MEMLINT PAGE: every option that `MEMLINT <cmd> --help`
lists appears in the man page PAGE (roff, '-' written as '\\-'), under its
subcommand's section."""
import re
import subprocess
import sys

memlint, page = sys.argv[1], sys.argv[2]
man = open(page).read()
sections = re.split(r'^\.SS "memlint ', man, flags=re.M)
by_command = {s.split(' ', 1)[0]: s for s in sections[1:]}
top = subprocess.run([memlint, "--help"], capture_output=True, text=True).stdout
commands = re.findall(r'^  (\w+) ', top.split("commands:")[1].split("\n\n")[0], flags=re.M)
assert commands, top
missing = []
for command in commands:
    section = by_command.get(command)
    if section is None:
        missing.append(command + ": no section")
        continue
    help_text = subprocess.run([memlint, command, "--help"], capture_output=True,
                               text=True).stdout
    for option in set(re.findall(r'^  (?:-\w, )?(--[\w-]+)', help_text, flags=re.M)):
        if option == "--help":
            continue
        if "\\fB" + option.replace("-", "\\-") + "\\fR" not in section:
            missing.append(command + " " + option)
if missing:
    sys.exit("not in the man page: " + ", ".join(missing))
print("%d commands documented" % len(commands))
