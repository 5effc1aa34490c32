#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace inventory {

enum class Counter : std::size_t { kRequests, kErrors, kLogins, kOrdersPlaced, kCount };

// Process-wide counters plus a latency histogram. Request threads record
// samples cheaply; flush() folds them into the histogram and emits a snapshot.
class MetricsRegistry {
 public:
  static constexpr std::size_t kMaxPendingSamples = 4096;
  static constexpr std::size_t kLatencyBuckets = 5;

  void increment(Counter c) { counters_[index(c)].fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t value(Counter c) const { return counters_[index(c)].load(std::memory_order_relaxed); }

  // Samples beyond the cap are counted as dropped until the next flush.
  void observe_latency(std::uint32_t micros) {
    std::lock_guard<std::mutex> lk(mu_);
    if (pending_.size() < kMaxPendingSamples) {
      pending_.push_back(micros);
    } else {
      ++dropped_samples_;
    }
  }

  void flush(const std::function<void(std::string_view)>& sink);

 private:
  static constexpr std::size_t index(Counter c) { return static_cast<std::size_t>(c); }

  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(Counter::kCount)> counters_{};
  std::mutex mu_;
  std::vector<std::uint32_t> pending_;
  std::array<std::uint64_t, kLatencyBuckets> histogram_{};
  std::uint64_t dropped_samples_ = 0;
  std::string render_buf_;
};

}  // namespace inventory
