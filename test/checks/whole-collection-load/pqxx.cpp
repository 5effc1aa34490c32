// RUN: %check_memlint --real-headers '--checks=-*,memlint-whole-collection-load' %s

// libpqxx 6 against the real Debian headers.
#include <pqxx/pqxx>

#include <string>

// Positives.

pqxx::result all_orders(pqxx::work &tx) {
  return tx.exec("SELECT id, customer, total FROM orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'pqxx::transaction_base::exec' materializes every row of 'SELECT id, customer, total FROM orders' in memory at once [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: {{.*}}stream it instead: tx.stream<...>(sql) (libpqxx 7) or pqxx::stream_from (libpqxx 6)
}

long long sum_totals(pqxx::work &tx, int customer) {
  const std::string sql = "SELECT total FROM orders WHERE customer = $1";
  long long sum = 0;
  for (const auto &row : tx.exec_params(sql, customer))
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'pqxx::transaction_base::exec_params' materializes every row of 'SELECT total FROM orders WHERE customer = $1'{{.*}} [memlint-whole-collection-load]
    sum += row[0].as<long long>();
  return sum;
}

// Near misses.

// OK: single-row by construction, LIMIT, aggregates, and streams.
long long bounded(pqxx::work &tx, int id) {
  long long n = tx.exec1("SELECT count(*) FROM orders")[0].as<long long>();
  n += tx.exec_params1("SELECT total FROM orders WHERE id = $1", id)[0].as<long long>();
  n += tx.exec("SELECT id FROM orders ORDER BY id DESC LIMIT 20").size();
  n += tx.exec0("DELETE FROM carts WHERE expired").affected_rows();
  pqxx::stream_from stream(tx, "orders", std::vector<std::string>{"id"});
  std::tuple<long long> row;
  while (stream >> row) n += std::get<0>(row);
  stream.complete();
  return n;
}
