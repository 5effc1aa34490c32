#include <string>
#include <vector>

std::vector<std::string> g_rpc_perf;
bool next_rpc_perf(std::string &line);
void record_rpc_perf() {
  for (std::string line; next_rpc_perf(line);)
    g_rpc_perf.push_back(line);
}
