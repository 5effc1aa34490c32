#include <string>
#include <vector>

std::vector<std::string> g_contest;
bool next_contest(std::string &line);
void record_contest() {
  for (std::string line; next_contest(line);)
    g_contest.push_back(line);
}
