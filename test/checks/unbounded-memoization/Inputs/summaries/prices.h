#pragma once
#include <map>
#include <optional>
#include <string>

// A memo cache whose lookup, insert and caller live in three files.
class Prices {
public:
  double get(const std::string &sku);
  std::optional<double> cached(const std::string &sku);
  void remember(const std::string &sku, double p);

private:
  std::map<std::string, double> by_sku_;
};

// The same shape, with an eviction in a helper of a helper.
class Rates {
public:
  double get(const std::string &pair);
  std::optional<double> cached(const std::string &pair);
  void remember(const std::string &pair, double r);
  void expire();
  void expire_all();

private:
  std::map<std::string, double> by_pair_;
};
double quote(const std::string &what);
