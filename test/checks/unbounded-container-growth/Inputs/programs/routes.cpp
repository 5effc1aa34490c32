#include "server.h"
#include <vector>

std::vector<std::string> g_routes;
void add_routes() { g_routes.push_back("/health"); }

std::vector<std::string> g_settings;
void remember(const std::string &what) { g_settings.push_back(what); }

// This one starts it once, before its request loop.
int main() {
  Server s;
  s.on_start(add_routes);
  s.start();
  remember("verbose");
  Server admin;
  Inspector inspector(admin);
  admin.start();
  for (std::string r; next_request(r);) {
  }
}
