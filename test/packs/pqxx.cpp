// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-whole-collection-load,memlint-query-in-loop' %s

// The pqxx pack (rules/packs/pqxx.yaml) against the real libpqxx headers.
// Debian 12 ships libpqxx 6.4 only (libpqxx-dev 6.4.5), so this is the 6.x
// API: pqxx::stream_from through stream-accumulation, transaction_base::exec*
// through whole-collection-load and query-in-loop, connection_base::prepare
// and pipeline::insert through query-in-loop. The 7.x names (tx.stream,
// query<...>, connection::prepare) are in the pack but not compiled here.
#include <pqxx/pqxx>

#include <string>
#include <tuple>
#include <vector>

void use(long long);

//===-- stream_sources: stream-accumulation -------------------------------===//

std::vector<long long> all_ids(pqxx::work &tx) {
  pqxx::stream_from stream(tx, "orders", std::vector<std::string>{"id"});
  std::vector<long long> ids;
  std::tuple<long long> row;
  while (stream >> row)
    ids.push_back(std::get<0>(row));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ids' is appended to on every iteration of a loop that streams 'pqxx::stream_from::operator>>'{{.*}} [memlint-stream-accumulation]
  stream.complete();
  return ids;
}

// OK: streamed and aggregated.
long long sum_totals(pqxx::work &tx) {
  pqxx::stream_from stream(tx, "orders", std::vector<std::string>{"total"});
  long long sum = 0;
  std::tuple<long long> row;
  while (stream >> row)
    sum += std::get<0>(row);
  stream.complete();
  return sum;
}

//===-- whole_loads: whole-collection-load --------------------------------===//

long long order_total(pqxx::work &tx) {
  long long sum = 0;
  for (const auto &row : tx.exec("SELECT id, total FROM orders"))
    // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'pqxx::transaction_base::exec' materializes every row of 'SELECT id, total FROM orders' in memory at once [memlint-whole-collection-load]
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: {{.*}}stream it instead: tx.stream<...>(sql) (libpqxx 7) or pqxx::stream_from (libpqxx 6)
    sum += row[1].as<long long>();
  return sum;
}

pqxx::result orders_of(pqxx::work &tx, int customer) {
  return tx.exec_params("SELECT id FROM orders WHERE customer = $1", customer);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'pqxx::transaction_base::exec_params' materializes every row of 'SELECT id FROM orders WHERE customer = $1'{{.*}} [memlint-whole-collection-load]
}

pqxx::result first_rows(pqxx::work &tx, std::size_t n) {
  return tx.exec_n(n, "SELECT id FROM orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'pqxx::transaction_base::exec_n' materializes every row of 'SELECT id FROM orders'{{.*}} [memlint-whole-collection-load]
}

// OK: single-row by construction (exec1, exec_params1), LIMIT, a write.
long long bounded(pqxx::work &tx, int id) {
  long long n = tx.exec1("SELECT count(*) FROM orders")[0].as<long long>();
  n += tx.exec_params1("SELECT total FROM orders WHERE id = $1", id)[0].as<long long>();
  n += static_cast<long long>(tx.exec("SELECT id FROM orders ORDER BY id DESC LIMIT 20").size());
  n += tx.exec0("DELETE FROM carts WHERE expired").affected_rows();
  return n;
}

//===-- queries: query-in-loop --------------------------------------------===//

long long customer_totals(pqxx::work &tx, const std::vector<int> &customers) {
  long long sum = 0;
  for (int c : customers)
    sum += tx.exec_params1("SELECT sum(total) FROM orders WHERE customer = $1", c)[0].as<long long>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'pqxx::transaction_base::exec_params1' runs a query once for each element of 'customers'{{.*}} [memlint-query-in-loop]
  return sum;
}

void archive_each(pqxx::work &tx, const std::vector<int> &ids) {
  for (int id : ids)
    tx.exec_prepared("archive_order", id);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pqxx::transaction_base::exec_prepared' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
}

void lines_of_orders(pqxx::work &tx) {
  for (const auto &order : tx.exec("SELECT id FROM orders LIMIT 100"))
    tx.exec_params("UPDATE lines SET shipped = true WHERE order_id = $1", order[0].as<int>());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pqxx::transaction_base::exec_params' runs a query once for each element of the range{{.*}} [memlint-query-in-loop]
}

void prepare_each(pqxx::connection &conn, const std::vector<std::string> &tables) {
  for (const std::string &t : tables)
    conn.prepare("count_" + t, "SELECT count(*) FROM " + t);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pqxx::connection_base::prepare' runs a query once for each element of 'tables'{{.*}} [memlint-query-in-loop]
}

void pipelined(pqxx::work &tx, const std::vector<std::string> &ids) {
  pqxx::pipeline p(tx);
  for (const std::string &id : ids)
    p.insert("SELECT name FROM users WHERE id = " + tx.quote(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pqxx::pipeline::insert' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
  p.complete();
}

// OK: one query per chunk (= ANY($1)); keyset pagination; a constant
// retry count.
void chunked(pqxx::work &tx, const std::vector<std::string> &chunks) {
  for (const std::string &ids : chunks)
    tx.exec_params("DELETE FROM carts WHERE id = ANY($1::int[])", ids);
}
void pages(pqxx::work &tx) {
  int last = 0;
  while (true) {
    pqxx::result r = tx.exec_params("SELECT id FROM t WHERE id > $1 ORDER BY id LIMIT 500", last);
    if (r.empty()) break;
    last = r.back()[0].as<int>();
  }
}
void retry(pqxx::work &tx) {
  for (int attempt = 0; attempt < 3; ++attempt)
    if (tx.exec0("UPDATE counters SET n = n + 1").affected_rows() == 1)
      break;
}
