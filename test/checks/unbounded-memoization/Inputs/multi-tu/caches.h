#pragma once
#include <map>
#include <string>
#include <unordered_map>

// Filled on a miss in price.cpp, expired in expire.cpp: bounded, but only a
// run that sees both files can tell.
class PriceCache {
public:
  double price(const std::string &sku);
  void expire();

private:
  std::unordered_map<std::string, double> prices_;
};

// Every member function is defined in geo.cpp: that file alone is a closed
// world for by_ip_.
class GeoCache {
public:
  std::string country(const std::string &ip);

private:
  std::map<std::string, std::string> by_ip_;
};

// Public: any file including this header may evict from it.
struct Memo {
  std::map<int, long> table;
  long get(int n);
};
