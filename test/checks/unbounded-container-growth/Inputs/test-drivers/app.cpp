#include "store.h"

Audit g_audit;

int main() {
  for (std::string r; next_request(r);)
    g_audit.record(r);
}
