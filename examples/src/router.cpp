#include "router.h"

#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <sstream>
#include <string_view>
#include <thread>
#include <utility>

#include "logger.h"
#include "metrics.h"
#include "pricing.h"
#include "repository.h"
#include "session.h"

namespace inventory {
namespace {

constexpr std::uint64_t kMetricsFlushInterval = 1000;
constexpr std::size_t kValuationShards = 4;

// Value of `key` in a form-encoded body, or "" when absent.
std::string form_value(const std::string& body, std::string_view key) {
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find('&', pos);
    if (end == std::string::npos) end = body.size();
    const std::string_view field(body.data() + pos, end - pos);
    if (field.size() > key.size() && field.substr(0, key.size()) == key && field[key.size()] == '=')
      return std::string(field.substr(key.size() + 1));
    pos = end + 1;
  }
  return {};
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(sep, pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) parts.emplace_back(text, pos, end - pos);
    pos = end + 1;
  }
  return parts;
}

std::vector<std::int64_t> parse_ids(const std::string& csv) {
  std::vector<std::int64_t> ids;
  for (const std::string& part : split(csv, ',')) ids.push_back(std::stoll(part));
  return ids;
}

}  // namespace

Router::Router(InventoryRepository& repo, SessionManager& sessions, PricingEngine& pricing,
               MetricsRegistry& metrics, AsyncLogger& log, std::int64_t low_stock_threshold)
    : repo_(repo), sessions_(sessions), pricing_(pricing), metrics_(metrics), log_(log),
      low_stock_threshold_(low_stock_threshold),
      routes_{{"POST /login", &Router::login},
              {"POST /logout", &Router::logout},
              {"GET /quote", &Router::quote},
              {"POST /orders", &Router::place_order},
              {"GET /stock", &Router::stock},
              {"GET /orders/summary", &Router::order_summary},
              {"GET /orders/revenue", &Router::order_revenue},
              {"GET /admin/valuation", &Router::inventory_valuation},
              {"GET /admin/stock-health", &Router::stock_health}} {}

Response Router::dispatch(const Request& req) {
  const auto started = std::chrono::steady_clock::now();
  metrics_.increment(Counter::kRequests);
  Response resp;
  const auto route = routes_.find(req.method + " " + req.path);
  if (route == routes_.end()) {
    resp = Response{404, "no route for " + req.method + " " + req.path};
  } else {
    try {
      resp = (this->*route->second)(req);
    } catch (const OutOfStock& e) {
      resp = Response{409, e.what()};
    } catch (const std::exception& e) {
      resp = Response{500, e.what()};
    }
  }
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started).count();
  metrics_.observe_latency(static_cast<std::uint32_t>(micros));
  if (resp.status >= 400) {
    metrics_.increment(Counter::kErrors);
    record_error(req.method + " " + req.path + " -> " + std::to_string(resp.status) + " " + resp.body);
  }
  log_.log(resp.status >= 500 ? "ERROR" : "INFO",
           req.method + " " + req.path + " " + std::to_string(resp.status) + " " +
               std::to_string(micros) + "us");
  if (metrics_.value(Counter::kRequests) % kMetricsFlushInterval == 0)
    metrics_.flush([this](std::string_view snapshot) { log_.log("METRICS", snapshot); });
  return resp;
}

void Router::record_error(std::string message) {
  std::lock_guard<std::mutex> lk(errors_mu_);
  recent_errors_.push_back(std::move(message));
  if (recent_errors_.size() > kMaxRecentErrors) recent_errors_.pop_front();
}

std::vector<std::string> Router::recent_errors() const {
  std::lock_guard<std::mutex> lk(errors_mu_);
  return {recent_errors_.begin(), recent_errors_.end()};
}

Response Router::login(const Request& req) {
  const std::string customer = form_value(req.body, "customer");
  if (customer.empty()) return {400, "customer required"};
  metrics_.increment(Counter::kLogins);
  return {200, sessions_.login(customer, req.peer)};
}

Response Router::logout(const Request& req) {
  if (!sessions_.logout(form_value(req.body, "token"))) return {401, "unknown session"};
  return {200, "bye"};
}

Response Router::quote(const Request& req) {
  const std::string sku = form_value(req.body, "sku");
  const std::shared_ptr<Session> session = sessions_.find(form_value(req.body, "token"));
  const std::string customer = session ? session->customer : "guest";
  const std::int64_t cents = pricing_.quote(sku, parse_region(form_value(req.body, "region")), customer);
  if (cents < 0) return {404, "unknown sku " + sku};
  if (session) session->cart->quoted_cents += cents;
  return {200, std::to_string(cents)};
}

Response Router::place_order(const Request& req) {
  const std::shared_ptr<Session> session = sessions_.find(form_value(req.body, "token"));
  if (!session) return {401, "login required"};
  std::vector<OrderLineInput> lines;
  for (const std::string& item : split(form_value(req.body, "items"), ',')) {
    const std::size_t colon = item.find(':');
    const std::int64_t quantity = colon == std::string::npos ? 1 : std::stoll(item.substr(colon + 1));
    lines.push_back({item.substr(0, colon), quantity});
  }
  const std::int64_t order_id = repo_.place_order(session->customer, lines);
  metrics_.increment(Counter::kOrdersPlaced);
  return {201, std::to_string(order_id)};
}

Response Router::stock(const Request& req) {
  std::ostringstream body;
  for (const StockLevel& level : repo_.stock_levels(split(form_value(req.body, "skus"), ',')))
    body << level.sku << '=' << level.quantity << ';';
  return {200, body.str()};
}

Response Router::order_summary(const Request& req) {
  std::ostringstream body;
  for (const OrderSummary& order : repo_.summarize_orders(parse_ids(form_value(req.body, "ids"))))
    body << order.order_id << '=' << order.total_cents << ';';
  return {200, body.str()};
}

Response Router::order_revenue(const Request& req) {
  std::int64_t orders = 0;
  std::int64_t cents = 0;
  repo_.visit_order_totals(parse_ids(form_value(req.body, "ids")), [&](const OrderSummary& order) {
    ++orders;
    cents += order.total_cents;
  });
  return {200, "orders=" + std::to_string(orders) + " revenue_cents=" + std::to_string(cents)};
}

Response Router::inventory_valuation(const Request&) {
  const std::vector<Product> products = repo_.load_all_products();
  std::vector<std::future<std::int64_t>> shards;
  for (std::size_t s = 0; s < kValuationShards; ++s) {
    const std::size_t begin = products.size() * s / kValuationShards;
    const std::size_t end = products.size() * (s + 1) / kValuationShards;
    shards.push_back(std::async(std::launch::async, [products, begin, end] {
      std::int64_t cents = 0;
      for (std::size_t i = begin; i < end; ++i) cents += products[i].price_cents * products[i].quantity;
      return cents;
    }));
  }
  std::int64_t total = 0;
  for (auto& shard : shards) total += shard.get();
  return {200, "products=" + std::to_string(products.size()) + " value_cents=" + std::to_string(total)};
}

Response Router::stock_health(const Request&) {
  const std::vector<Product> products = repo_.load_all_products();
  std::int64_t restock_cents = 0;
  std::thread estimator(
      [&restock_cents, target = low_stock_threshold_ * 4](const std::vector<Product>& catalogue) {
        for (const Product& p : catalogue)
          if (p.quantity < target) restock_cents += (target - p.quantity) * p.price_cents;
      },
      std::cref(products));
  const StockTotals totals = repo_.stock_totals(low_stock_threshold_);
  const std::vector<StockLevel> low = repo_.low_stock(low_stock_threshold_);
  estimator.join();
  std::ostringstream body;
  body << "units=" << totals.units << " out_of_stock=" << totals.out_of_stock
       << " below_threshold=" << totals.below_threshold << " low_listed=" << low.size()
       << " restock_cents=" << restock_cents;
  return {200, body.str()};
}

}  // namespace inventory
