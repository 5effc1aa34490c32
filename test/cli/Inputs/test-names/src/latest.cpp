#include <string>
#include <vector>

std::vector<std::string> g_latest;
bool next_latest(std::string &line);
void record_latest() {
  for (std::string line; next_latest(line);)
    g_latest.push_back(line);
}
