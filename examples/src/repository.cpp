#include "repository.h"

namespace inventory {
namespace {

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// Finalizes a prepared statement when it goes out of scope.
struct Statement {
  sqlite3_stmt* handle = nullptr;
  ~Statement() { sqlite3_finalize(handle); }
};

void bind_text(sqlite3_stmt* stmt, int index, const std::string& value) {
  sqlite3_bind_text(stmt, index, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* stmt, int index) {
  const unsigned char* text = sqlite3_column_text(stmt, index);
  return text ? reinterpret_cast<const char*>(text) : "";
}

std::int64_t catalogue_price(std::size_t index) {
  return 199 + static_cast<std::int64_t>(index * 37 % 5000);
}

}  // namespace

InventoryRepository::InventoryRepository(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open " + path + ": " + message);
  }
  exec("PRAGMA journal_mode = MEMORY");
  exec("PRAGMA synchronous = OFF");
  exec("PRAGMA locking_mode = EXCLUSIVE");  // the service is the database's only user
}

InventoryRepository::~InventoryRepository() { sqlite3_close(db_); }

void InventoryRepository::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("sqlite: " + message);
  }
}

void InventoryRepository::create_schema() {
  std::lock_guard<std::mutex> lk(mu_);
  exec(R"sql(
    CREATE TABLE IF NOT EXISTS products(
      id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
      price_cents INTEGER NOT NULL, quantity INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS tax_rates(region TEXT PRIMARY KEY, rate REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS orders(id INTEGER PRIMARY KEY, customer TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS order_lines(
      order_id INTEGER NOT NULL REFERENCES orders(id), sku TEXT NOT NULL,
      quantity INTEGER NOT NULL, unit_price_cents INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS order_lines_by_order ON order_lines(order_id);
    CREATE INDEX IF NOT EXISTS orders_by_customer ON orders(customer);
  )sql");
}

void InventoryRepository::seed(std::size_t product_count, std::size_t order_count) {
  std::lock_guard<std::mutex> lk(mu_);
  exec("BEGIN");
  Statement product, order, line;
  check(sqlite3_prepare_v2(db_, "INSERT INTO products(sku, name, price_cents, quantity) VALUES (?, ?, ?, ?)",
                           -1, &product.handle, nullptr), db_, "prepare product insert");
  check(sqlite3_prepare_v2(db_, "INSERT INTO orders(customer) VALUES (?)", -1, &order.handle, nullptr),
        db_, "prepare order insert");
  check(sqlite3_prepare_v2(db_, "INSERT INTO order_lines(order_id, sku, quantity, unit_price_cents) "
                           "VALUES (?, ?, ?, ?)", -1, &line.handle, nullptr), db_, "prepare line insert");
  for (std::size_t i = 0; i < product_count; ++i) {
    bind_text(product.handle, 1, make_sku(i));
    bind_text(product.handle, 2, "Product " + std::to_string(i));
    sqlite3_bind_int64(product.handle, 3, catalogue_price(i));
    sqlite3_bind_int64(product.handle, 4, static_cast<std::int64_t>(i % 40));
    check(sqlite3_step(product.handle), db_, "insert product");
    sqlite3_reset(product.handle);
  }
  for (std::size_t o = 0; o < order_count; ++o) {
    bind_text(order.handle, 1, "customer-" + std::to_string(o % 500));
    check(sqlite3_step(order.handle), db_, "insert order");
    sqlite3_reset(order.handle);
    const std::int64_t order_id = sqlite3_last_insert_rowid(db_);
    for (std::size_t k = 0; k < 1 + o % 3; ++k) {
      const std::size_t item = (o * 13 + k * 7) % product_count;
      sqlite3_bind_int64(line.handle, 1, order_id);
      bind_text(line.handle, 2, make_sku(item));
      sqlite3_bind_int64(line.handle, 3, static_cast<std::int64_t>(k + 1));
      sqlite3_bind_int64(line.handle, 4, catalogue_price(item));
      check(sqlite3_step(line.handle), db_, "insert order line");
      sqlite3_reset(line.handle);
    }
  }
  exec("INSERT OR REPLACE INTO tax_rates VALUES ('domestic', 0.19), ('eu', 0.21), ('world', 0.0)");
  exec("COMMIT");
}

std::int64_t InventoryRepository::unit_price_cents(const std::string& sku) {
  std::lock_guard<std::mutex> lk(mu_);
  Statement stmt;
  check(sqlite3_prepare_v2(db_, "SELECT price_cents FROM products WHERE sku = ?", -1, &stmt.handle, nullptr),
        db_, "prepare price lookup");
  bind_text(stmt.handle, 1, sku);
  return sqlite3_step(stmt.handle) == SQLITE_ROW ? sqlite3_column_int64(stmt.handle, 0) : -1;
}

double InventoryRepository::tax_rate(const std::string& region) {
  std::lock_guard<std::mutex> lk(mu_);
  Statement stmt;
  check(sqlite3_prepare_v2(db_, "SELECT rate FROM tax_rates WHERE region = ?", -1, &stmt.handle, nullptr),
        db_, "prepare tax lookup");
  bind_text(stmt.handle, 1, region);
  return sqlite3_step(stmt.handle) == SQLITE_ROW ? sqlite3_column_double(stmt.handle, 0) : 0.0;
}

std::int64_t InventoryRepository::orders_for_customer(const std::string& customer) {
  std::lock_guard<std::mutex> lk(mu_);
  Statement stmt;
  check(sqlite3_prepare_v2(db_, "SELECT COUNT(*) FROM orders WHERE customer = ?", -1, &stmt.handle, nullptr),
        db_, "prepare order count");
  bind_text(stmt.handle, 1, customer);
  check(sqlite3_step(stmt.handle), db_, "count orders");
  return sqlite3_column_int64(stmt.handle, 0);
}

std::int64_t InventoryRepository::place_order(const std::string& customer,
                                              const std::vector<OrderLineInput>& lines) {
  std::lock_guard<std::mutex> lk(mu_);
  exec("BEGIN IMMEDIATE");
  try {
    Statement order, take, line;
    check(sqlite3_prepare_v2(db_, "INSERT INTO orders(customer) VALUES (?)", -1, &order.handle, nullptr),
          db_, "prepare order insert");
    bind_text(order.handle, 1, customer);
    check(sqlite3_step(order.handle), db_, "insert order");
    const std::int64_t order_id = sqlite3_last_insert_rowid(db_);
    check(sqlite3_prepare_v2(db_, "UPDATE products SET quantity = quantity - ?1 "
                             "WHERE sku = ?2 AND quantity >= ?1", -1, &take.handle, nullptr),
          db_, "prepare stock update");
    check(sqlite3_prepare_v2(db_, "INSERT INTO order_lines(order_id, sku, quantity, unit_price_cents) "
                             "SELECT ?1, sku, ?2, price_cents FROM products WHERE sku = ?3",
                             -1, &line.handle, nullptr), db_, "prepare line insert");
    for (const OrderLineInput& item : lines) {
      sqlite3_bind_int64(take.handle, 1, item.quantity);
      bind_text(take.handle, 2, item.sku);
      check(sqlite3_step(take.handle), db_, "update stock");
      if (sqlite3_changes(db_) == 0) throw OutOfStock("insufficient stock for " + item.sku);
      sqlite3_reset(take.handle);
      sqlite3_bind_int64(line.handle, 1, order_id);
      sqlite3_bind_int64(line.handle, 2, item.quantity);
      bind_text(line.handle, 3, item.sku);
      check(sqlite3_step(line.handle), db_, "insert order line");
      sqlite3_reset(line.handle);
    }
    exec("COMMIT");
    return order_id;
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

std::vector<Product> InventoryRepository::load_all_products() {
  std::lock_guard<std::mutex> lk(mu_);
  Statement stmt;
  check(sqlite3_prepare_v2(db_, "SELECT id, sku, name, price_cents, quantity FROM products ORDER BY id",
                           -1, &stmt.handle, nullptr), db_, "prepare product scan");
  std::vector<Product> products;
  while (sqlite3_step(stmt.handle) == SQLITE_ROW) {
    products.push_back({sqlite3_column_int64(stmt.handle, 0), column_text(stmt.handle, 1),
                        column_text(stmt.handle, 2), sqlite3_column_int64(stmt.handle, 3),
                        sqlite3_column_int64(stmt.handle, 4)});
  }
  return products;
}

std::vector<StockLevel> InventoryRepository::low_stock(std::int64_t threshold) {
  std::lock_guard<std::mutex> lk(mu_);
  char** table = nullptr;
  int rows = 0;
  int columns = 0;
  char* error = nullptr;
  if (sqlite3_get_table(db_, "SELECT sku, quantity FROM products", &table, &rows, &columns, &error) !=
      SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("low stock report: " + message);
  }
  std::vector<StockLevel> low;
  for (int row = 1; row <= rows; ++row) {
    const std::int64_t quantity = std::stoll(table[row * columns + 1]);
    if (quantity < threshold) low.push_back({table[row * columns], quantity});
  }
  sqlite3_free_table(table);
  return low;
}

StockTotals InventoryRepository::stock_totals(std::int64_t threshold) {
  std::lock_guard<std::mutex> lk(mu_);
  Statement stmt;
  check(sqlite3_prepare_v2(db_, "SELECT quantity FROM products", -1, &stmt.handle, nullptr), db_,
        "prepare stock totals");
  StockTotals totals;
  while (sqlite3_step(stmt.handle) == SQLITE_ROW) {
    const std::int64_t quantity = sqlite3_column_int64(stmt.handle, 0);
    totals.units += quantity;
    if (quantity == 0) ++totals.out_of_stock;
    if (quantity < threshold) ++totals.below_threshold;
  }
  return totals;
}

std::vector<StockLevel> InventoryRepository::stock_levels(const std::vector<std::string>& skus) {
  std::lock_guard<std::mutex> lk(mu_);
  std::vector<StockLevel> levels;
  for (const std::string& sku : skus) {
    Statement stmt;
    check(sqlite3_prepare_v2(db_, "SELECT quantity FROM products WHERE sku = ?", -1, &stmt.handle, nullptr),
          db_, "prepare stock lookup");
    bind_text(stmt.handle, 1, sku);
    if (sqlite3_step(stmt.handle) == SQLITE_ROW)
      levels.push_back({sku, sqlite3_column_int64(stmt.handle, 0)});
  }
  return levels;
}

std::int64_t InventoryRepository::order_total_cents(std::int64_t order_id) {
  Statement stmt;
  check(sqlite3_prepare_v2(db_, "SELECT COALESCE(SUM(quantity * unit_price_cents), 0) FROM order_lines "
                           "WHERE order_id = ?", -1, &stmt.handle, nullptr), db_, "prepare order total");
  sqlite3_bind_int64(stmt.handle, 1, order_id);
  check(sqlite3_step(stmt.handle), db_, "order total");
  return sqlite3_column_int64(stmt.handle, 0);
}

std::vector<OrderSummary> InventoryRepository::summarize_orders(const std::vector<std::int64_t>& order_ids) {
  std::lock_guard<std::mutex> lk(mu_);
  std::vector<OrderSummary> summaries;
  summaries.reserve(order_ids.size());
  for (const std::int64_t id : order_ids) summaries.push_back({id, order_total_cents(id)});
  return summaries;
}

void InventoryRepository::visit_order_totals(const std::vector<std::int64_t>& order_ids,
                                             const std::function<void(const OrderSummary&)>& visit) {
  if (order_ids.empty()) return;
  std::string sql = "SELECT order_id, SUM(quantity * unit_price_cents) FROM order_lines WHERE order_id IN (";
  for (std::size_t i = 0; i < order_ids.size(); ++i) sql += i == 0 ? "?" : ", ?";
  sql += ") GROUP BY order_id";

  std::lock_guard<std::mutex> lk(mu_);
  Statement stmt;
  check(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt.handle, nullptr), db_, "prepare order totals");
  for (std::size_t i = 0; i < order_ids.size(); ++i)
    sqlite3_bind_int64(stmt.handle, static_cast<int>(i + 1), order_ids[i]);
  while (sqlite3_step(stmt.handle) == SQLITE_ROW)
    visit(OrderSummary{sqlite3_column_int64(stmt.handle, 0), sqlite3_column_int64(stmt.handle, 1)});
}

}  // namespace inventory
