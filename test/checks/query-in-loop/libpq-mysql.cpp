// RUN: %check_memlint '--checks=-*,memlint-query-in-loop' %s -- -I/usr/include/postgresql

// libpq (the real libpq-fe.h) and MySQL (a mock mysql.h).
#include <libpq-fe.h>
#include <mysql.h>

#include <string>
#include <vector>

// Positives.

void names(PGconn *conn, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    const char *params[] = {id.c_str()};
    PGresult *r = PQexecParams(conn, "SELECT name FROM users WHERE id = $1", 1, nullptr, params, nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'PQexecParams' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
    PQclear(r);
  }
}

// The row loop of another result (an index loop over PQntuples).
void details(PGconn *conn, PGresult *orders) {
  for (int i = 0; i < PQntuples(orders); ++i) {
    const char *params[] = {PQgetvalue(orders, i, 0)};
    PQclear(PQexecPrepared(conn, "lines_of", 1, params, nullptr, nullptr, 0));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'PQexecPrepared' runs a query once for each iteration of this index loop{{.*}} [memlint-query-in-loop]
  }
}

void mysql_each(MYSQL *db, const std::vector<int> &ids) {
  for (int id : ids) {
    (void)id;
    mysql_query(db, "SELECT * FROM events WHERE id = 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mysql_query' runs a query once for each element of 'ids'{{.*}} [memlint-query-in-loop]
    mysql_free_result(mysql_store_result(db));
  }
}

// Near misses.

// OK: one query for the whole chunk (= ANY($1)).
void chunked(PGconn *conn, const std::vector<std::string> &id_arrays) {
  for (const std::string &arr : id_arrays) {
    const char *params[] = {arr.c_str()};
    PQclear(PQexecParams(conn, "SELECT * FROM users WHERE id = ANY($1)", 1, nullptr, params, nullptr, nullptr, 0));
  }
}

// OK: keyset pagination: the loop stops on the page it fetched.
void pages(PGconn *conn) {
  std::string last = "0";
  for (;;) {
    const char *params[] = {last.c_str()};
    PGresult *page = PQexecParams(conn, "SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT 1000", 1, nullptr,
                                  params, nullptr, nullptr, 0);
    if (PQntuples(page) == 0) {
      PQclear(page);
      break;
    }
    last = PQgetvalue(page, PQntuples(page) - 1, 0);
    PQclear(page);
  }
}

// OK: single query; the loop only reads its rows.
void rows(PGconn *conn, std::vector<std::string> &out) {
  PGresult *r = PQexec(conn, "SELECT name FROM users LIMIT 100");
  for (int i = 0; i < PQntuples(r); ++i) out.push_back(PQgetvalue(r, i, 0));
  PQclear(r);
}
