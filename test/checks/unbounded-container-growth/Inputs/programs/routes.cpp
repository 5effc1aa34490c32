#include "server.h"
#include <vector>

std::vector<std::string> g_routes;
void add_routes() { g_routes.push_back("/health"); }

// This one starts it once, before its request loop.
int main() {
  Server s;
  s.on_start(add_routes);
  s.start();
  Server admin;
  Inspector inspector(admin);
  admin.start();
  for (std::string r; next_request(r);) {
  }
}
