#include "store.h"

Journal g_journal;
extern Audit g_audit;

int main() {
  for (std::string r; next_request(r);) {
    g_journal.record(r);
    g_audit.record(r);
    load(r);
  }
}
