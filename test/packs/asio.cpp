// RUN: %check_memlint --real-headers '--checks=-*,memlint-large-copy-into-send' %s

// The asio pack (rules/packs/asio.yaml) against the real Boost.Asio headers
// (libboost-dev, Boost 1.74; Asio is header-only): post/dispatch/defer, the
// deprecated io_context members and strands through large-copy-into-send.
#include <boost/asio/defer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/io_context_strand.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace asio = boost::asio;

struct Order {
  long id;
  std::string sku;
};
void price(const std::vector<Order> &orders);

//===-- sends: large-copy-into-send ---------------------------------------===//

void post_copy(asio::io_context &io, const std::vector<Order> &orders) {
  asio::post(io, [orders] { price(orders); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'orders' (a 'std::vector<Order>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by the lambda passed to 'boost::asio::post', which captures it by value;{{.*}}
}

void fan_out(asio::thread_pool &pool, const std::vector<Order> &orders) {
  for (int shard = 0; shard < 8; ++shard)
    asio::dispatch(pool, [orders, shard] { price(orders); (void)shard; });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'orders' (a 'std::vector<Order>') is copied whole into each of the 8 tasks this loop starts [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by the lambda passed to 'boost::asio::dispatch'{{.*}}
}

void deferred(asio::io_context &io, const std::vector<Order> &orders) {
  auto job = [orders] { price(orders); };
  asio::defer(io, job);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'orders' (a 'std::vector<Order>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by the lambda passed to 'boost::asio::defer'{{.*}}
}

void legacy_post(asio::io_context &io, const std::vector<Order> &orders) {
  io.post([orders] { price(orders); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'orders' (a 'std::vector<Order>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by the lambda passed to 'boost::asio::io_context::post'{{.*}}
}

void on_strand(asio::io_context::strand &strand, const std::vector<Order> &orders) {
  strand.post([orders] { price(orders); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'orders' (a 'std::vector<Order>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by the lambda passed to 'boost::asio::io_context::strand::post'{{.*}}
}

// OK: moved in, a shared immutable snapshot, a reference capture of data
// that outlives the io_context's run, a small capture.
void moved(asio::io_context &io, std::vector<Order> orders) {
  asio::post(io, [orders = std::move(orders)] { price(orders); });
}
void shared(asio::thread_pool &pool, std::vector<Order> orders) {
  auto snap = std::make_shared<const std::vector<Order>>(std::move(orders));
  for (int shard = 0; shard < 8; ++shard)
    asio::post(pool, [snap, shard] { price(*snap); (void)shard; });
}
void by_ref(asio::io_context &io, const std::vector<Order> &orders) {
  asio::post(io, [&orders] { price(orders); });
  io.run();
}
void small(asio::io_context &io, long id) {
  asio::post(io, [id] { (void)id; });
}
