#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace inventory {

struct Product {
  std::int64_t id = 0;
  std::string sku;
  std::string name;
  std::int64_t price_cents = 0;
  std::int64_t quantity = 0;
};

struct StockLevel {
  std::string sku;
  std::int64_t quantity = 0;
};

struct StockTotals {
  std::int64_t units = 0;
  std::int64_t out_of_stock = 0;
  std::int64_t below_threshold = 0;
};

struct OrderLineInput {
  std::string sku;
  std::int64_t quantity = 0;
};

struct OrderSummary {
  std::int64_t order_id = 0;
  std::int64_t total_cents = 0;
};

class OutOfStock : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Catalogue key for the index-th product: make_sku(42) == "SKU-000042".
inline std::string make_sku(std::size_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "SKU-%06zu", index);
  return buf;
}

// All SQL lives here: one SQLite connection, serialized by mu_.
class InventoryRepository {
 public:
  explicit InventoryRepository(const std::string& path);
  ~InventoryRepository();
  InventoryRepository(const InventoryRepository&) = delete;
  InventoryRepository& operator=(const InventoryRepository&) = delete;

  void create_schema();
  void seed(std::size_t product_count, std::size_t order_count);

  std::int64_t unit_price_cents(const std::string& sku);  // -1 if unknown
  double tax_rate(const std::string& region);
  std::int64_t orders_for_customer(const std::string& customer);
  std::int64_t place_order(const std::string& customer, const std::vector<OrderLineInput>& lines);

  std::vector<Product> load_all_products();
  std::vector<StockLevel> low_stock(std::int64_t threshold);
  StockTotals stock_totals(std::int64_t threshold);
  std::vector<StockLevel> stock_levels(const std::vector<std::string>& skus);
  std::vector<OrderSummary> summarize_orders(const std::vector<std::int64_t>& order_ids);
  void visit_order_totals(const std::vector<std::int64_t>& order_ids,
                          const std::function<void(const OrderSummary&)>& visit);

 private:
  std::int64_t order_total_cents(std::int64_t order_id);
  void exec(const char* sql);

  sqlite3* db_ = nullptr;
  std::mutex mu_;
};

}  // namespace inventory
