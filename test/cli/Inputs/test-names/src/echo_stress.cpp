#include <string>
#include <vector>

std::vector<std::string> g_echo_stress;
bool next_echo_stress(std::string &line);
void record_echo_stress() {
  for (std::string line; next_echo_stress(line);)
    g_echo_stress.push_back(line);
}
