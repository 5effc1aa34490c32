#include "repo.h"
void Db::select(const std::string &sql) {
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
  sqlite3_finalize(stmt);
}
void Db::exec(const char *sql) { sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }
Db &db() {
  static Db d;
  return d;
}
