#include <string>
#include <vector>

#include <lib.h> // a library the packs do not know (a system header)

std::vector<int> g_values;

void pump(int fd) {
  char buf[64];
  while (lib_read(fd, buf) > 0) {
    lib_notify(std::string(buf));
    g_values.push_back(buf[0]);
  }
  lib_notify("done");                       // not in a loop: not listed
}
