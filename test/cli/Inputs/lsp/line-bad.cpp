#include <string>

std::string g_line;
void append(const std::string &s) { g_line += s; }
void reset_line() {
  g_line.clear();
}
