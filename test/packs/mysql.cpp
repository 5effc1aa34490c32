// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-whole-collection-load,memlint-query-in-loop' %s -- -I/usr/include/mariadb

// The mysql pack (rules/packs/mysql.yaml) against the real MariaDB
// Connector/C headers (libmariadb-dev): mysql_fetch_row and mysql_stmt_fetch
// through stream-accumulation, mysql_store_result through
// whole-collection-load, mysql_query/real_query/stmt_* through query-in-loop.
#include <mysql.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

void use(const char *);

//===-- stream_sources: stream-accumulation -------------------------------===//

std::vector<std::string> emails(MYSQL *db) {
  mysql_query(db, "SELECT email FROM users");
  MYSQL_RES *res = mysql_use_result(db);
  std::vector<std::string> out;
  while (MYSQL_ROW row = mysql_fetch_row(res))
    out.emplace_back(row[0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' is appended to on every iteration of a loop that streams 'mysql_fetch_row'{{.*}} [memlint-stream-accumulation]
  mysql_free_result(res);
  return out;
}

std::vector<long> stmt_ids(MYSQL_STMT *stmt, long *id) {
  std::vector<long> ids;
  mysql_stmt_execute(stmt);
  while (mysql_stmt_fetch(stmt) == 0)
    ids.push_back(*id);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ids' is appended to on every iteration of a loop that streams 'mysql_stmt_fetch'{{.*}} [memlint-stream-accumulation]
  return ids;
}

// OK: rows handled as they are fetched.
long count_emails(MYSQL *db) {
  mysql_query(db, "SELECT email FROM users");
  MYSQL_RES *res = mysql_use_result(db);
  long n = 0;
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    use(row[0]);
    ++n;
  }
  mysql_free_result(res);
  return n;
}

//===-- whole_loads: whole-collection-load --------------------------------===//

long event_bytes(MYSQL *db) {
  mysql_query(db, "SELECT id, payload FROM events");
  MYSQL_RES *res = mysql_store_result(db);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'mysql_store_result' materializes every row of 'SELECT id, payload FROM events' in memory at once [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: {{.*}}stream it instead: mysql_use_result + mysql_fetch_row
  long total = 0;
  while (MYSQL_ROW row = mysql_fetch_row(res))
    total += static_cast<long>(std::strlen(row[1]));
  mysql_free_result(res);
  return total;
}

// OK: LIMIT, an aggregate, or streamed with mysql_use_result.
void bounded(MYSQL *db) {
  mysql_query(db, "SELECT id FROM events ORDER BY id DESC LIMIT 50");
  mysql_free_result(mysql_store_result(db));
  mysql_query(db, "SELECT COUNT(*) FROM events");
  mysql_free_result(mysql_store_result(db));
  mysql_query(db, "SELECT id FROM events");
  mysql_free_result(mysql_use_result(db));
}

//===-- queries: query-in-loop --------------------------------------------===//

void names(MYSQL *db, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    std::string sql = "SELECT name FROM users WHERE id = " + id;
    mysql_real_query(db, sql.c_str(), sql.size());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mysql_real_query' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
    mysql_free_result(mysql_store_result(db));
  }
}

void expire(MYSQL *db, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    std::string sql = "DELETE FROM sessions WHERE id = " + id;
    mysql_query(db, sql.c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mysql_query' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
  }
}

void prepare_each(MYSQL *db, const std::vector<std::string> &tables) {
  for (const std::string &t : tables) {
    MYSQL_STMT *stmt = mysql_stmt_init(db);
    std::string sql = "SELECT COUNT(*) FROM " + t;
    mysql_stmt_prepare(stmt, sql.c_str(), sql.size());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mysql_stmt_prepare' runs a query once for each element of 'tables'{{.*}} [memlint-query-in-loop]
    mysql_stmt_close(stmt);
  }
}

// OK: IN (...) per chunk; transaction control around a loop.
void chunked(MYSQL *db, const std::vector<std::string> &chunks) {
  mysql_query(db, "START TRANSACTION");
  for (const std::string &c : chunks) {
    std::string sql = "DELETE FROM carts WHERE id IN (" + c + ")";
    mysql_query(db, sql.c_str());
  }
  mysql_query(db, "COMMIT");
}
