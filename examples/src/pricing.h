#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace inventory {

class InventoryRepository;

enum class Region : std::uint8_t { kDomestic, kEu, kWorld };

Region parse_region(std::string_view code);  // unknown codes ship as kWorld
const char* region_code(Region region);

// Quotes gross unit prices: list price (config override or catalogue),
// less the customer's loyalty discount, plus the destination's tax.
class PricingEngine {
 public:
  static constexpr std::size_t kMaxCachedCustomers = 1024;

  PricingEngine(InventoryRepository& repo, std::unordered_map<std::string, std::int64_t> overrides);

  // Gross unit price in cents, or -1 for an unknown SKU.
  std::int64_t quote(const std::string& sku, Region region, const std::string& customer);

 private:
  std::int64_t list_price(const std::string& sku);
  double tax_rate(Region region);
  double loyalty_discount(const std::string& customer);

  InventoryRepository& repo_;
  const std::unordered_map<std::string, std::int64_t> overrides_;
  std::mutex mu_;
  std::unordered_map<std::string, std::int64_t> list_prices_;  // by SKU
  std::unordered_map<Region, double> tax_rates_;
  std::unordered_map<std::string, double> discounts_;  // by customer
};

}  // namespace inventory
