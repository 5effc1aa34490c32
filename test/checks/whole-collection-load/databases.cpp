// RUN: %check_memlint '--checks=-*,memlint-whole-collection-load' %s -- -I/usr/include/postgresql

// SQLite and libpq against the real Debian headers; MySQL against a mock.
#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>

#include <string>

constexpr const char *kAllProducts = "SELECT sku, quantity FROM products";
static const std::string kAllOrders = "SELECT id, customer FROM orders ORDER BY id";

// Positives.

int low_stock(sqlite3 *db, char ***table, int *rows, int *cols) {
  return sqlite3_get_table(db, "SELECT sku, quantity FROM products", table, rows, cols, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'sqlite3_get_table' materializes every row of 'SELECT sku, quantity FROM products' in memory at once [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: memory grows with the table (a SELECT with no LIMIT that is not single-row by construction); stream it instead: sqlite3_prepare_v2 + sqlite3_step
}

// SQL followed through a constexpr constant and a const std::string.
int from_constants(sqlite3 *db, char ***t, int *r, int *c) {
  int rc = sqlite3_get_table(db, kAllProducts, t, r, c, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'sqlite3_get_table' materializes every row of 'SELECT sku, quantity FROM products'{{.*}} [memlint-whole-collection-load]
  rc |= sqlite3_get_table(db, kAllOrders.c_str(), t, r, c, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'sqlite3_get_table' materializes every row of 'SELECT id, customer FROM orders ORDER BY id'{{.*}} [memlint-whole-collection-load]
  return rc;
}

// An aggregate per group returns one row per group.
int per_customer(sqlite3 *db, char ***t, int *r, int *c) {
  const char *sql = "SELECT customer, COUNT(*) FROM orders GROUP BY customer";
  return sqlite3_get_table(db, sql, t, r, c, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'sqlite3_get_table' materializes every row of 'SELECT customer, COUNT(*) FROM orders GROUP BY customer'{{.*}} [memlint-whole-collection-load]
}

PGresult *all_users(PGconn *conn) {
  return PQexec(conn, "SELECT id, name FROM users");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQexec' materializes every row of 'SELECT id, name FROM users'{{.*}} [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: {{.*}}stream it instead: PQsendQuery + PQsetSingleRowMode, then PQgetResult until it returns NULL
}

// A WHERE clause does not bound a result (memlint cannot know which
// columns are unique).
PGresult *orders_of(PGconn *conn, const char *const *params) {
  return PQexecParams(conn, "SELECT id FROM orders WHERE customer = $1", 1, nullptr, params, nullptr, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQexecParams' materializes every row of 'SELECT id FROM orders WHERE customer = $1'{{.*}} [memlint-whole-collection-load]
}

// A prepared statement: its SQL is followed to the PQprepare before it.
PGresult *prepared(PGconn *conn) {
  PQclear(PQprepare(conn, "all_items", "SELECT * FROM items", 0, nullptr));
  return PQexecPrepared(conn, "all_items", 0, nullptr, nullptr, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQexecPrepared' materializes every row of 'SELECT * FROM items'{{.*}} [memlint-whole-collection-load]
}

MYSQL_RES *mysql_all(MYSQL *db) {
  if (mysql_query(db, "SELECT * FROM events")) return nullptr;
  return mysql_store_result(db);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'mysql_store_result' materializes every row of 'SELECT * FROM events' in memory at once [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: {{.*}}stream it instead: mysql_use_result + mysql_fetch_row
}

// Near misses.

// OK: LIMIT, an aggregate without GROUP BY, and a SELECT without FROM.
int bounded(sqlite3 *db, char ***t, int *r, int *c) {
  int rc = sqlite3_get_table(db, "SELECT sku FROM products ORDER BY sku LIMIT 10", t, r, c, nullptr);
  rc |= sqlite3_get_table(db, "SELECT COUNT(*), MAX(quantity) FROM products", t, r, c, nullptr);
  rc |= sqlite3_get_table(db, "SELECT COALESCE(SUM(q * p), 0) FROM lines WHERE order_id = ?", t, r, c, nullptr);
  rc |= sqlite3_get_table(db, "SELECT sqlite_version()", t, r, c, nullptr);
  return rc;
}

// OK: not a SELECT.
PGresult *write(PGconn *conn) { return PQexec(conn, "UPDATE users SET seen = now()"); }

// OK: SQL built at run time: not followed.
PGresult *dynamic(PGconn *conn, const std::string &table) {
  const std::string sql = "SELECT * FROM " + table;
  return PQexec(conn, sql.c_str());
}

// OK: streaming forms.
int each_row(void *, int, char **, char **);
void streams(sqlite3 *db, PGconn *conn, MYSQL *my) {
  sqlite3_exec(db, "SELECT * FROM products", each_row, nullptr, nullptr);
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT * FROM products", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
  }
  sqlite3_finalize(stmt);
  PQsendQuery(conn, "SELECT * FROM users");
  PQsetSingleRowMode(conn);
  while (PGresult *res = PQgetResult(conn)) PQclear(res);
  mysql_query(my, "SELECT * FROM events");
  MYSQL_RES *res = mysql_use_result(my);
  while (mysql_fetch_row(res)) {
  }
  mysql_free_result(res);
}

// OK: the query before mysql_store_result is bounded.
MYSQL_RES *latest(MYSQL *db) {
  mysql_query(db, "SELECT * FROM events ORDER BY at DESC LIMIT 50");
  return mysql_store_result(db);
}

// OK: a single-row query by construction.
PGresult *count_users(PGconn *conn) { return PQexec(conn, "select count(*) from users"); }
