#include "prices.h"
double Prices::get(const std::string &sku) {
  if (std::optional<double> p = cached(sku))
    return *p;
  double p = quote(sku);
  remember(sku, p);
  return p;
}
double Rates::get(const std::string &pair) {
  if (std::optional<double> r = cached(pair))
    return *r;
  double r = quote(pair);
  remember(pair, r);
  return r;
}
Prices g_prices;
Rates g_rates;
