// RUN: %check_memlint --real-headers '--checks=-*,memlint-stream-accumulation,memlint-whole-collection-load,memlint-query-in-loop' %s -- -I/usr/include/postgresql

// The libpq pack (rules/packs/libpq.yaml) against the real libpq-fe.h
// (libpq-dev): PQgetResult and PQgetCopyData through stream-accumulation,
// PQexec* through whole-collection-load, PQexec*/PQprepare/PQsend* through
// query-in-loop.
#include <libpq-fe.h>

#include <cstdlib>
#include <string>
#include <vector>

void use(const char *);

//===-- stream_sources: stream-accumulation -------------------------------===//

// Single-row mode streams the rows, but collecting them undoes it.
std::vector<std::string> names(PGconn *conn) {
  std::vector<std::string> out;
  PQsendQuery(conn, "SELECT name FROM users");
  PQsetSingleRowMode(conn);
  while (PGresult *res = PQgetResult(conn)) {
    if (PQresultStatus(res) == PGRES_SINGLE_TUPLE)
      out.emplace_back(PQgetvalue(res, 0, 0));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'out' is appended to on every iteration of a loop that streams 'PQgetResult'{{.*}} [memlint-stream-accumulation]
    PQclear(res);
  }
  return out;
}

std::string copy_out(PGconn *conn) {
  PQexec(conn, "COPY users TO STDOUT");
  std::string data;
  char *row = nullptr;
  int n;
  while ((n = PQgetCopyData(conn, &row, 0)) > 0) {
    data.append(row, static_cast<std::size_t>(n));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'data' is appended to on every iteration of a loop that streams 'PQgetCopyData'{{.*}} [memlint-stream-accumulation]
    PQfreemem(row);
  }
  return data;
}

// OK: each row handled as it arrives.
long count_names(PGconn *conn) {
  long n = 0;
  PQsendQuery(conn, "SELECT name FROM users");
  PQsetSingleRowMode(conn);
  while (PGresult *res = PQgetResult(conn)) {
    if (PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
      use(PQgetvalue(res, 0, 0));
      ++n;
    }
    PQclear(res);
  }
  return n;
}

//===-- whole_loads: whole-collection-load --------------------------------===//

long total_orders(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT id, total FROM orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'PQexec' materializes every row of 'SELECT id, total FROM orders'{{.*}} [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: {{.*}}stream it instead: PQsendQuery + PQsetSingleRowMode, then PQgetResult until it returns NULL
  long sum = 0;
  for (int i = 0; i < PQntuples(res); ++i)
    sum += std::atol(PQgetvalue(res, i, 1));
  PQclear(res);
  return sum;
}

PGresult *orders_of(PGconn *conn, const char *customer) {
  const char *params[] = {customer};
  return PQexecParams(conn, "SELECT id FROM orders WHERE customer = $1", 1, nullptr, params, nullptr, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQexecParams' materializes every row of 'SELECT id FROM orders WHERE customer = $1'{{.*}} [memlint-whole-collection-load]
}

// OK: LIMIT, an aggregate, a write, single-row mode.
void bounded(PGconn *conn) {
  PQclear(PQexec(conn, "SELECT id FROM orders ORDER BY total DESC LIMIT 10"));
  PQclear(PQexec(conn, "SELECT count(*) FROM orders"));
  PQclear(PQexec(conn, "DELETE FROM carts WHERE expired"));
  PQsendQuery(conn, "SELECT id FROM orders");
  PQsetSingleRowMode(conn);
}

//===-- queries: query-in-loop --------------------------------------------===//

void user_names(PGconn *conn, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    const char *params[] = {id.c_str()};
    PGresult *r = PQexecParams(conn, "SELECT name FROM users WHERE id = $1 LIMIT 1", 1, nullptr, params, nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'PQexecParams' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
    use(PQgetvalue(r, 0, 0));
    PQclear(r);
  }
}

void touch_all(PGconn *conn, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    const char *params[] = {id.c_str()};
    PQsendQueryParams(conn, "UPDATE users SET seen = now() WHERE id = $1", 1, nullptr, params, nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'PQsendQueryParams' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
    while (PGresult *r = PQgetResult(conn))
      PQclear(r);
  }
}

// OK: one query per chunk of ids (= ANY($1)).
void batched(PGconn *conn, const std::vector<std::string> &chunks) {
  for (const std::string &ids : chunks) {
    const char *params[] = {ids.c_str()};
    PQclear(PQexecParams(conn, "DELETE FROM carts WHERE id = ANY($1::int[])", 1, nullptr, params, nullptr, nullptr, 0));
  }
}
