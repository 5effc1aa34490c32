#include "server.h"
#include <vector>

std::vector<std::string> g_starts;
void log_start() { g_starts.push_back("started"); }

// This program starts its server once per request.
int main() {
  Server s;
  s.on_start(log_start);
  for (std::string r; next_request(r);)
    s.start();
}
