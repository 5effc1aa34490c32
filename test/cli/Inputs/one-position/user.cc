#include "key.h"
#include "macros.h"

#define LOG_TO(V, X) RECORD(V, X)

static std::vector<int> g_main;
static std::vector<int> g_nested;
static Batch g_batch;
static Key g_key;

void use(int X) {
  RECORD(g_main, X);    // MAIN
  LOG_TO(g_nested, X);  // NESTED
  hdrPut(X);
  g_batch.add(X);
  if (X % 100 == 0)
    g_batch.flush();
  g_key.SetFrom(Parsed{X});
  if (X == 0)
    g_key.Clear();
}
