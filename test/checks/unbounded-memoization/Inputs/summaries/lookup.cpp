#include "prices.h"
std::optional<double> Prices::cached(const std::string &sku) {
  auto it = by_sku_.find(sku);
  if (it == by_sku_.end())
    return std::nullopt;
  return it->second;
}
std::optional<double> Rates::cached(const std::string &pair) {
  auto it = by_pair_.find(pair);
  if (it == by_pair_.end())
    return std::nullopt;
  return it->second;
}
