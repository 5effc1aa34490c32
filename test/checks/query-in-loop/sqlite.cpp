// RUN: %check_memlint '--checks=-*,memlint-query-in-loop' %s -- -I %S/Inputs

// SQLite (the real sqlite3.h) and repository helpers.
#include "repository.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

long long Repository::price(const std::string &sku) {
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db_, "SELECT price FROM products WHERE sku = ?", -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, sku.c_str(), -1, SQLITE_TRANSIENT);
  long long p = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return p;
}
long long Repository::count(const std::string &sku) { return price(sku) > 0; }
void Repository::exec(const char *sql) { sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

// Positives.

// The example's stock lookup: prepared and stepped once per SKU.
std::vector<long long> stock(sqlite3 *db, const std::vector<std::string> &skus) {
  std::vector<long long> out;
  for (const std::string &sku : skus) {
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT quantity FROM products WHERE sku = ?", -1, &stmt, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_prepare_v2' runs a query once for each element of 'skus' [memlint-query-in-loop]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the loop is here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the number of queries grows with the collection (N+1 queries); fetch all the items with one batched query instead (a join, WHERE ... IN (...) or = ANY($1), or one prepared bulk statement)
    sqlite3_bind_text(stmt, 1, sku.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW) out.push_back(sqlite3_column_int64(stmt, 0));
    sqlite3_finalize(stmt);
  }
  return out;
}

// Through a repository method (reported at the call site).
long long total(Repository &repo, const std::vector<std::string> &skus) {
  long long sum = 0;
  for (const std::string &sku : skus) sum += repo.price(sku);
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: 'Repository::price' runs a query ('sqlite3_prepare_v2') once for each element of 'skus'{{.*}} [memlint-query-in-loop]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the loop is here
  // CHECK-MESSAGES: :13:3: note: 'Repository::price' runs a query (via 'sqlite3_prepare_v2')
  return sum;
}

// Two helpers deep, in an iterator loop.
long long counts(Repository &repo, const std::vector<std::string> &skus) {
  long long n = 0;
  for (auto it = skus.begin(); it != skus.end(); ++it) n += repo.count(*it);
  // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: 'Repository::count' runs a query ('sqlite3_prepare_v2') once for each element of 'skus'{{.*}} [memlint-query-in-loop]
  return n;
}

// An UPDATE per item, through a helper that takes the SQL.
void mark_all(Repository &repo, const std::vector<int> &ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) repo.exec("UPDATE items SET seen = 1 WHERE id = 7");
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: 'Repository::exec' runs a query ('sqlite3_exec') once for each element of 'ids'{{.*}} [memlint-query-in-loop]
}

// sqlite3_exec per item, SQL built from the item.
void insert_each(sqlite3 *db, const std::vector<std::string> &names) {
  for (const std::string &name : names) {
    const std::string sql = "INSERT INTO names VALUES ('" + name + "')";
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query once for each element of 'names'{{.*}} [memlint-query-in-loop]
  }
}

// std::for_each with a lambda.
void touch(sqlite3 *db, const std::vector<int> &ids) {
  std::for_each(ids.begin(), ids.end(), [db](int id) {
    sqlite3_exec(db, "UPDATE t SET n = n + 1 WHERE id = 1", nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the lambda runs once per element of this call
    (void)id;
  });
}

// The row loop of another query.
void nested(sqlite3 *db, sqlite3_stmt *orders) {
  while (sqlite3_step(orders) == SQLITE_ROW) {
    sqlite3_stmt *lines = nullptr;
    sqlite3_prepare_v2(db, "SELECT * FROM lines WHERE order_id = ?", -1, &lines, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_prepare_v2' runs a query once for each row or element streamed by 'sqlite3_step'{{.*}} [memlint-query-in-loop]
    sqlite3_finalize(lines);
  }
}

// A queue drained item by item, and a map walked by key.
void drain(sqlite3 *db, std::vector<int> &queue, const std::map<int, int> &m) {
  while (!queue.empty()) {
    sqlite3_exec(db, "DELETE FROM jobs WHERE id = 1", nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query once for each element of 'queue'{{.*}} [memlint-query-in-loop]
    queue.pop_back();
  }
  for (const auto &kv : m) {
    auto fetch = [&] { sqlite3_exec(db, "SELECT 1 FROM t WHERE k = 1", nullptr, nullptr, nullptr); };
    fetch();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'the lambda' runs a query ('sqlite3_exec') once for each element of 'm'{{.*}} [memlint-query-in-loop]
    (void)kv;
  }
}

// In a template, through its instantiation.
template <typename Ids> void delete_all(sqlite3 *db, const Ids &ids) {
  for (const auto &id : ids) {
    (void)id;
    sqlite3_exec(db, "DELETE FROM t WHERE id = 1", nullptr, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_exec' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
  }
}
template void delete_all<std::vector<int>>(sqlite3 *, const std::vector<int> &);

// Near misses.

// OK: prepared once before the loop; the loop binds, steps and resets.
void bulk_insert(sqlite3 *db, const std::vector<std::string> &names) {
  sqlite3_stmt *ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO names VALUES (?)", -1, &ins, nullptr);
  for (const std::string &n : names) {
    sqlite3_bind_text(ins, 1, n.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
}

// OK: one batched query after a loop that only builds its parameters.
void batched(sqlite3 *db, const std::vector<int> &ids) {
  std::string sql = "SELECT * FROM t WHERE id IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) sql += i ? ",?" : "?";
  sql += ")";
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  sqlite3_finalize(stmt);
}

// OK: chunked batches (one IN (...) query per chunk).
void chunks(sqlite3 *db, const std::vector<int> &ids) {
  for (std::size_t i = 0; i < ids.size(); i += 100)
    sqlite3_exec(db, "DELETE FROM t WHERE id IN (SELECT value FROM carray(?))", nullptr, nullptr, nullptr);
}

// OK: a retry loop ends on the query's result.
void retry(sqlite3 *db) {
  int rc;
  do {
    rc = sqlite3_exec(db, "UPDATE t SET n = 0", nullptr, nullptr, nullptr);
  } while (rc == SQLITE_BUSY);
  for (int attempt = 0; attempt < 3; ++attempt)
    if (sqlite3_exec(db, "UPDATE t SET n = 1", nullptr, nullptr, nullptr) == SQLITE_OK) break;
}

// OK: a polling loop is not a collection.
void poll(sqlite3 *db, const bool &running) {
  while (running) sqlite3_exec(db, "DELETE FROM jobs WHERE done", nullptr, nullptr, nullptr);
}

// OK: transaction control around batches.
void commits(sqlite3 *db, const std::vector<int> &ids) {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (i % 1000 == 0) {
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
      sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    }
}

// OK: a list of statements (migrations), one per element.
void migrate(Repository &repo, const std::vector<std::string> &steps) {
  for (const std::string &step : steps) repo.exec(step.c_str());
}

// OK: the range-for's initializer runs once.
long long once(Repository &repo) {
  long long n = 0;
  for (char c : std::to_string(repo.price("x"))) n += c;
  return n;
}

// OK: a constant list of tables.
void vacuum_all(sqlite3 *db) {
  for (const char *t : {"a", "b", "c"}) sqlite3_exec(db, t, nullptr, nullptr, nullptr);
}

// OK: methods named like queries on other types.
struct Job {
  int exec(const char *) { return 0; }
};
void not_sql(std::vector<Job> &jobs) {
  for (Job &j : jobs) j.exec("SELECT");
}
