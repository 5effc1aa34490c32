#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace inventory {

struct ServiceConfig {
  std::string database_path = "inventory.db";
  std::string log_path = "service.log";
  std::size_t worker_threads = 4;
  std::size_t task_queue_capacity = 256;
  std::int64_t low_stock_threshold = 5;
  // Per-SKU list price overrides in cents ("price.SKU-000042 = 1299").
  std::unordered_map<std::string, std::int64_t> price_overrides;
};

// Reads a "key = value" file; blank lines and lines starting with '#' are
// skipped. Throws std::runtime_error on unreadable files and unknown keys.
ServiceConfig load_config(const std::string& path);

}  // namespace inventory
