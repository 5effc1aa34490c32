#include "pricing.h"

#include <cmath>
#include <utility>

#include "repository.h"

namespace inventory {

Region parse_region(std::string_view code) {
  if (code == "domestic") return Region::kDomestic;
  if (code == "eu") return Region::kEu;
  return Region::kWorld;
}

const char* region_code(Region region) {
  switch (region) {
    case Region::kDomestic: return "domestic";
    case Region::kEu: return "eu";
    case Region::kWorld: break;
  }
  return "world";
}

PricingEngine::PricingEngine(InventoryRepository& repo,
                             std::unordered_map<std::string, std::int64_t> overrides)
    : repo_(repo), overrides_(std::move(overrides)) {}

std::int64_t PricingEngine::quote(const std::string& sku, Region region, const std::string& customer) {
  const std::int64_t base = list_price(sku);
  if (base < 0) return -1;
  const double net = static_cast<double>(base) * (1.0 - loyalty_discount(customer));
  return std::llround(net * (1.0 + tax_rate(region)));
}

std::int64_t PricingEngine::list_price(const std::string& sku) {
  std::lock_guard<std::mutex> lk(mu_);
  const auto cached = list_prices_.find(sku);
  if (cached != list_prices_.end()) return cached->second;
  const auto override_it = overrides_.find(sku);
  const std::int64_t cents =
      override_it != overrides_.end() ? override_it->second : repo_.unit_price_cents(sku);
  list_prices_.emplace(sku, cents);
  return cents;
}

double PricingEngine::tax_rate(Region region) {
  std::lock_guard<std::mutex> lk(mu_);
  const auto cached = tax_rates_.find(region);
  if (cached != tax_rates_.end()) return cached->second;
  const double rate = repo_.tax_rate(region_code(region));
  tax_rates_.emplace(region, rate);
  return rate;
}

double PricingEngine::loyalty_discount(const std::string& customer) {
  std::lock_guard<std::mutex> lk(mu_);
  const auto cached = discounts_.find(customer);
  if (cached != discounts_.end()) return cached->second;
  const std::int64_t orders = repo_.orders_for_customer(customer);
  const double discount = orders >= 20 ? 0.05 : orders >= 5 ? 0.02 : 0.0;
  if (discounts_.size() >= kMaxCachedCustomers) discounts_.erase(discounts_.begin());
  discounts_.emplace(customer, discount);
  return discount;
}

}  // namespace inventory
