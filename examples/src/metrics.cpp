#include "metrics.h"

namespace inventory {
namespace {

constexpr std::array<std::uint32_t, MetricsRegistry::kLatencyBuckets - 1> kBucketBoundsMicros = {
    100, 1000, 10000, 100000};
constexpr const char* kCounterNames[] = {"requests", "errors", "logins", "orders_placed"};

std::size_t bucket_for(std::uint32_t micros) {
  std::size_t bucket = 0;
  while (bucket < kBucketBoundsMicros.size() && micros >= kBucketBoundsMicros[bucket]) ++bucket;
  return bucket;
}

}  // namespace

void MetricsRegistry::flush(const std::function<void(std::string_view)>& sink) {
  std::lock_guard<std::mutex> lk(mu_);
  for (const std::uint32_t micros : pending_) ++histogram_[bucket_for(micros)];
  pending_.clear();

  for (std::size_t c = 0; c < counters_.size(); ++c) {
    render_buf_.append(kCounterNames[c]).append("=").append(std::to_string(counters_[c].load()));
    render_buf_ += ' ';
  }
  for (std::size_t b = 0; b < histogram_.size(); ++b) {
    const std::string bound =
        b < kBucketBoundsMicros.size() ? std::to_string(kBucketBoundsMicros[b]) + "us" : "inf";
    render_buf_.append("latency_le_").append(bound).append("=").append(std::to_string(histogram_[b]));
    render_buf_ += ' ';
  }
  render_buf_.append("dropped_samples=").append(std::to_string(dropped_samples_));
  sink(render_buf_);
  // Snapshots are rare; don't keep the largest one's buffer around.
  render_buf_.clear();
  render_buf_.shrink_to_fit();
}

}  // namespace inventory
