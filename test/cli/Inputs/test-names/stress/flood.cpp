#include <string>
#include <vector>

std::vector<std::string> g_flood;
bool next_flood(std::string &line);
void record_flood() {
  for (std::string line; next_flood(line);)
    g_flood.push_back(line);
}
