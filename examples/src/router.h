#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace inventory {

class AsyncLogger;
class InventoryRepository;
class MetricsRegistry;
class PricingEngine;
class SessionManager;

struct Request {
  std::string method;
  std::string path;
  std::string body;  // form-encoded: "key=value&key=value"
  std::string peer = "127.0.0.1";
};

struct Response {
  int status = 200;
  std::string body;
};

// Maps "METHOD /path" to a handler; every request is timed, counted and logged.
class Router {
 public:
  static constexpr std::size_t kMaxRecentErrors = 64;

  Router(InventoryRepository& repo, SessionManager& sessions, PricingEngine& pricing,
         MetricsRegistry& metrics, AsyncLogger& log, std::int64_t low_stock_threshold);

  Response dispatch(const Request& req);
  std::vector<std::string> recent_errors() const;

 private:
  using Handler = Response (Router::*)(const Request&);

  Response login(const Request& req);
  Response logout(const Request& req);
  Response quote(const Request& req);
  Response place_order(const Request& req);
  Response stock(const Request& req);
  Response order_summary(const Request& req);
  Response order_revenue(const Request& req);
  Response inventory_valuation(const Request& req);
  Response stock_health(const Request& req);
  void record_error(std::string message);

  InventoryRepository& repo_;
  SessionManager& sessions_;
  PricingEngine& pricing_;
  MetricsRegistry& metrics_;
  AsyncLogger& log_;
  const std::int64_t low_stock_threshold_;
  const std::map<std::string, Handler> routes_;
  mutable std::mutex errors_mu_;
  std::deque<std::string> recent_errors_;
};

}  // namespace inventory
