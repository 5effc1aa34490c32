// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' %s -- -isystem %S/Inputs/sys

#include <spawnlib.h>
#include <string>
#include <vector>

void process(const std::vector<std::string> &rows);
std::vector<std::string> load();

// OK: the copy happens inside a library header (spawnlib::spawn calls
// std::async with its argument): not the user's code to fix; clang-tidy does
// not report in system headers either.
void through_library() {
  std::vector<std::string> rows = load();
  spawnlib::spawn(process, rows).wait();
}
