#include "caches.h"
double PriceCache::price(const std::string &sku) {
  auto it = prices_.find(sku);
  if (it != prices_.end())
    return it->second;
  double p = static_cast<double>(sku.size());
  prices_.emplace(sku, p);
  return p;
}
