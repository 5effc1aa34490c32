#include "prices.h"
void Prices::remember(const std::string &sku, double p) { by_sku_.emplace(sku, p); }
void Rates::remember(const std::string &pair, double r) {
  if (by_pair_.size() > 512)
    expire();
  by_pair_.emplace(pair, r);
}
