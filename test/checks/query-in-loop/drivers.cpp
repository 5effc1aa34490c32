// RUN: %check_memlint '--checks=-*,memlint-query-in-loop' %s
// RUN: %check_memlint '--checks=-*,memlint-query-in-loop' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// What runs the loop decides the confidence: N+1 queries run once while
// the program sets up are low (shown with --min-confidence=low); the same
// loop per request keeps its confidence, with a note saying what runs it.
// A loop that reaches the query through a helper is ranked the same way.

#include <sqlite3.h>

#include <string>
#include <vector>

std::vector<std::string> next_request();

long long price(sqlite3 *db, const std::string &sku) {
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT price FROM products WHERE sku = ?", -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, sku.c_str(), -1, SQLITE_TRANSIENT);
  long long p = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return p;
}

//===-- setup --------------------------------------------------------------===//

void warm(sqlite3 *db, const std::vector<std::string> &skus) {
  for (const std::string &sku : skus) {
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT quantity FROM products WHERE sku = ?", -1, &stmt, nullptr);
    // LOW: :[[@LINE-1]]:5: warning: 'sqlite3_prepare_v2' runs a query once for each element of 'skus' [memlint-query-in-loop]
    // LOW: :[[@LINE-4]]:3: note: the loop is here
    // LOW: :[[@LINE-3]]:5: note: it runs only during setup: 'warm' runs only from 'main' outside its loops
    // LOW: :[[@LINE-4]]:5: note: the number of queries grows with the collection (N+1 queries); {{.*}}
    sqlite3_finalize(stmt);
  }
}

long long preload(sqlite3 *db, const std::vector<std::string> &skus) {
  long long total = 0;
  for (const std::string &sku : skus) total += price(db, sku);
  // LOW: :[[@LINE-1]]:48: warning: 'price' runs a query ('sqlite3_prepare_v2') once for each element of 'skus' [memlint-query-in-loop]
  // LOW: :[[@LINE-2]]:48: note: it runs only during setup: 'preload' runs only from 'main' outside its loops
  return total;
}

//===-- steady state -------------------------------------------------------===//

void stock(sqlite3 *db, const std::vector<std::string> &skus) {
  for (const std::string &sku : skus) {
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT quantity FROM products WHERE sku = ?", -1, &stmt, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_prepare_v2' runs a query once for each element of 'skus' [memlint-query-in-loop]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the loop is here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: it runs once per call of 'stock' (reached from a loop in 'main')
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: the number of queries grows with the collection (N+1 queries); {{.*}}
    // LOW: :[[@LINE-5]]:5: warning: 'sqlite3_prepare_v2' runs a query once for each element of 'skus' [memlint-query-in-loop]
    sqlite3_finalize(stmt);
  }
}

long long quote(sqlite3 *db, const std::vector<std::string> &skus) {
  long long total = 0;
  for (const std::string &sku : skus) total += price(db, sku);
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: 'price' runs a query ('sqlite3_prepare_v2') once for each element of 'skus' [memlint-query-in-loop]
  // CHECK-MESSAGES: :[[@LINE-2]]:48: note: it runs once per call of 'quote' (reached from a loop in 'main')
  // LOW: :[[@LINE-3]]:48: warning: 'price' runs a query ('sqlite3_prepare_v2') once for each element of 'skus' [memlint-query-in-loop]
  return total;
}

// main itself: the collection loop is the finding, so only a loop around
// it repeats it.
int main() {
  sqlite3 *db = nullptr;
  sqlite3_open("shop.db", &db);
  std::vector<std::string> defaults{"a", "b"};
  warm(db, defaults);
  preload(db, defaults);
  long long total = 0;
  for (const std::string &sku : defaults) total += price(db, sku);
  // LOW: :[[@LINE-1]]:52: warning: 'price' runs a query ('sqlite3_prepare_v2') once for each element of 'defaults' [memlint-query-in-loop]
  // LOW: :[[@LINE-2]]:52: note: it runs only during setup, in 'main'
  for (;;) {
    std::vector<std::string> skus = next_request();
    if (skus.empty())
      break;
    stock(db, skus);
    quote(db, skus);
    for (const std::string &sku : skus) total += price(db, sku);
    // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'price' runs a query ('sqlite3_prepare_v2') once for each element of 'skus' [memlint-query-in-loop]
    // CHECK-MESSAGES: :[[@LINE-2]]:50: note: it runs on every turn of the loop in 'main', which runs until something happens
    // LOW: :[[@LINE-3]]:50: warning: 'price' runs a query ('sqlite3_prepare_v2') once for each element of 'skus' [memlint-query-in-loop]
  }
  sqlite3_close(db);
  return static_cast<int>(total);
}
