#include <string>
#include <vector>

bool next_request(std::string &method, std::string &path);

// A test's own recorder: test code, so low confidence.
static std::vector<std::string> g_recorded;
void record_all() {
  std::string m, p;
  while (next_request(m, p))
    g_recorded.push_back(p);
}
