#include <string>
#include <vector>

std::vector<std::string> g_loadtest;
bool next_loadtest(std::string &line);
void record_loadtest() {
  for (std::string line; next_loadtest(line);)
    g_loadtest.push_back(line);
}
