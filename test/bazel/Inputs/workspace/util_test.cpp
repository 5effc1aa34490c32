#include <string>
#include <vector>
void append(const std::string &s);
void reset_line();
#ifdef UTIL_TEST_SEEN
std::vector<std::string> g_seen;
void remember(const std::string &s) { g_seen.push_back(s); }
#endif
int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i)
    append(argv[i]);
  reset_line();
}
