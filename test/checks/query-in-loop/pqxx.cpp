// RUN: %check_memlint --real-headers '--checks=-*,memlint-query-in-loop' %s

// libpqxx 6 against the real Debian headers.
#include <pqxx/pqxx>

#include <string>
#include <vector>

// Positives.

long long totals(pqxx::work &tx, const std::vector<int> &customers) {
  long long sum = 0;
  for (int c : customers)
    sum += tx.exec_params1("SELECT sum(total) FROM orders WHERE customer = $1", c)[0].as<long long>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'pqxx::transaction_base::exec_params1' runs a query once for each element of 'customers'{{.*}} [memlint-query-in-loop]
  return sum;
}

// The rows of one query, each running another.
void lines(pqxx::work &tx) {
  for (const auto &order : tx.exec("SELECT id FROM orders LIMIT 100"))
    tx.exec_params("SELECT * FROM lines WHERE order_id = $1", order[0].as<int>());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pqxx::transaction_base::exec_params' runs a query once for each element of the range{{.*}} [memlint-query-in-loop]
}

// Near misses.

// OK: one query with = ANY($1) per chunk.
void chunked(pqxx::work &tx, const std::vector<std::string> &chunks) {
  for (const std::string &ids : chunks)
    tx.exec_params("DELETE FROM carts WHERE id = ANY($1::int[])", ids);
}

// OK: keyset pagination.
void pages(pqxx::work &tx) {
  int last = 0;
  while (true) {
    pqxx::result r = tx.exec_params("SELECT id FROM t WHERE id > $1 ORDER BY id LIMIT 500", last);
    if (r.empty()) break;
    last = r.back()[0].as<int>();
  }
}
