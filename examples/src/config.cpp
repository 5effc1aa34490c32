#include "config.h"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace inventory {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

ServiceConfig load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open config file " + path);
  const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  ServiceConfig cfg;
  std::unordered_map<std::string, std::int64_t> overrides;
  std::size_t line_no = 0;
  for (const std::string_view raw : split_lines(content)) {
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (eq == std::string_view::npos) throw std::runtime_error(where + "expected 'key = value'");
    const std::string key(trim(line.substr(0, eq)));
    const std::string value(trim(line.substr(eq + 1)));
    if (key == "database") {
      cfg.database_path = value;
    } else if (key == "log_file") {
      cfg.log_path = value;
    } else if (key == "workers") {
      cfg.worker_threads = std::stoul(value);
    } else if (key == "task_queue_capacity") {
      cfg.task_queue_capacity = std::stoul(value);
    } else if (key == "low_stock_threshold") {
      cfg.low_stock_threshold = std::stoll(value);
    } else if (key.rfind("price.", 0) == 0) {
      overrides[key.substr(6)] = std::stoll(value);
    } else {
      throw std::runtime_error(where + "unknown key '" + key + "'");
    }
  }
  cfg.price_overrides = std::move(overrides);
  return cfg;
}

}  // namespace inventory
