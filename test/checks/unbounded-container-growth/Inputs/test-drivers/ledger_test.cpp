#include "ledger.h"

Ledger g_ledger;

struct LedgerTask : Task {
  void run(const std::string &r) override { g_ledger.add(r); }
};

void test_ledger() {
  LedgerTask t;
  serve_tasks(t);
}
