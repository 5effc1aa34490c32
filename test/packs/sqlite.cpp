// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-whole-collection-load,memlint-query-in-loop' %s

// The sqlite pack (rules/packs/sqlite.yaml) against the real sqlite3.h
// (libsqlite3-dev): sqlite3_step through stream-accumulation,
// sqlite3_get_table through whole-collection-load, exec/prepare/get_table
// through query-in-loop.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <vector>

void use(const char *);

//===-- stream_sources: stream-accumulation -------------------------------===//

std::vector<std::string> all_skus(sqlite3 *db) {
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT sku FROM products", -1, &stmt, nullptr);
  std::vector<std::string> skus;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    skus.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'skus' is appended to on every iteration of a loop that streams 'sqlite3_step'{{.*}} [memlint-stream-accumulation]
  sqlite3_finalize(stmt);
  return skus;
}

// Sorted in memory: still reported, the query can sort (ORDER BY;
// sqlite3_step is `can_order`).
std::vector<std::string> sorted_skus(sqlite3_stmt *stmt) {
  std::vector<std::string> skus;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    skus.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'skus' is appended to on every iteration of a loop that streams 'sqlite3_step'{{.*}} [memlint-stream-accumulation]
  std::sort(skus.begin(), skus.end());
  return skus;
}

// OK: rows aggregated (or handed on) as they are stepped.
long long stock(sqlite3 *db) {
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT quantity FROM products", -1, &stmt, nullptr);
  long long total = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    total += sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return total;
}

//===-- whole_loads: whole-collection-load --------------------------------===//

long long table_total(sqlite3 *db) {
  char **rows = nullptr;
  int nrow = 0, ncol = 0;
  sqlite3_get_table(db, "SELECT sku, quantity FROM products", &rows, &nrow, &ncol, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sqlite3_get_table' materializes every row of 'SELECT sku, quantity FROM products' in memory at once [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: {{.*}}stream it instead: sqlite3_prepare_v2 + sqlite3_step
  long long total = 0;
  for (int i = 1; i <= nrow; ++i)
    total += std::stoll(rows[i * ncol + 1]);
  sqlite3_free_table(rows);
  return total;
}

// OK: bounded by LIMIT, an aggregate, or streamed with sqlite3_exec's
// callback.
void bounded(sqlite3 *db) {
  char **rows = nullptr;
  int nrow = 0, ncol = 0;
  sqlite3_get_table(db, "SELECT sku FROM products ORDER BY quantity DESC LIMIT 10", &rows, &nrow, &ncol, nullptr);
  sqlite3_free_table(rows);
  sqlite3_get_table(db, "SELECT COUNT(*) FROM products", &rows, &nrow, &ncol, nullptr);
  sqlite3_free_table(rows);
  sqlite3_exec(db, "SELECT sku FROM products", [](void *, int, char **v, char **) { use(v[0]); return 0; }, nullptr, nullptr);
}

//===-- queries: query-in-loop --------------------------------------------===//

long long prices(sqlite3 *db, const std::vector<std::string> &skus) {
  long long sum = 0;
  for (const std::string &sku : skus) {
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT price FROM products WHERE sku = ?", -1, &stmt, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_prepare_v2' runs a query once for each element of 'skus'{{.*}} [memlint-query-in-loop]
    sqlite3_bind_text(stmt, 1, sku.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW)
      sum += sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
  }
  return sum;
}

void delete_each(sqlite3 *db, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    std::string sql = "DELETE FROM carts WHERE id = " + id;
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
  }
}

// OK: prepared once and only bound, stepped and reset in the loop (the bulk
// write idiom); a constant retry count; transaction control.
void insert_all(sqlite3 *db, const std::vector<std::string> &skus) {
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO products (sku) VALUES (?)", -1, &stmt, nullptr);
  for (const std::string &sku : skus) {
    sqlite3_bind_text(stmt, 1, sku.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(stmt);
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
}
void retry(sqlite3 *db) {
  for (int attempt = 0; attempt < 3; ++attempt)
    if (sqlite3_exec(db, "UPDATE counters SET n = n + 1", nullptr, nullptr, nullptr) == SQLITE_OK)
      break;
}
