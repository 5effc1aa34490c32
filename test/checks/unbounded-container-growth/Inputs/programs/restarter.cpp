#include "server.h"
#include <vector>

std::vector<std::string> g_starts;
void log_start() { g_starts.push_back("started"); }

// routes.cpp defines a remember() of its own, alike: one function id in the
// merged facts, with one location, but each program runs its own body.
std::vector<std::string> g_requests;
void remember(const std::string &what) { g_requests.push_back(what); }

// This program starts its server once per request.
int main() {
  Server s;
  s.on_start(log_start);
  for (std::string r; next_request(r);) {
    s.start();
    remember(r);
  }
}
