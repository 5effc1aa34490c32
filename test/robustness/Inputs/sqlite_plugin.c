/* A plugin that links SQLite itself, for a host that loads it with
 * dlopen(RTLD_LOCAL) (as Python's `import sqlite3` loads _sqlite3.so):
 * SQLite is then in the plugin's own scope only, not the global one. */
#include <sqlite3.h>

int plugin_run_queries(int n) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
    return -1;
  if (sqlite3_exec(db, "CREATE TABLE t (x INTEGER)", 0, 0, 0) != SQLITE_OK)
    return -2;
  int rows = 0;
  for (int i = 0; i < n; ++i) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1)", -1, &st, 0) != SQLITE_OK)  /* QUERY */
      return -3;
    sqlite3_bind_int(st, 1, i);
    if (sqlite3_step(st) != SQLITE_DONE)
      return -4;
    sqlite3_finalize(st);
    ++rows;
  }
  sqlite3_close(db);
  return rows;
}
