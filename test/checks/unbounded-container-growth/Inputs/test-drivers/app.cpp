#include "store.h"

Audit g_audit;

struct AuditTask : Task {
  void run(const std::string &r) override { g_audit.record(r); }
};

int main() {
  for (std::string r; next_request(r);)
    g_audit.record(r);
  AuditTask t;
  serve_tasks(t);
}
