// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle,memlint-unbounded-container-growth' %s

// The boost pack's `callables` and `type_erased` (rules/packs/boost.yaml)
// against the real Boost 1.74 headers (libboost-dev): boost::bind keeps its
// bound arguments alive, a signals2 signal keeps its slots, and boost::any
// owns what it holds.
#include <boost/any.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/bind/bind.hpp>
#include <boost/function.hpp>
#include <boost/signals2/signal.hpp>

#include <memory>
#include <vector>

//===-- callables: boost::bind ----------------------------------------------===//

class Conn : public std::enable_shared_from_this<Conn> {
public:
  void start() {
    on_timer_ = boost::bind(&Conn::tick, shared_from_this());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Conn::on_timer_' here keeps a shared_ptr to 'Conn', closing the ownership cycle 'Conn' -> 'Conn' [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Conn::on_timer_' keeps a shared_ptr to 'Conn'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it keep each other alive{{.*}}
  }
  void tick() {}

private:
  boost::function<void()> on_timer_;
};

//===-- callables: signals2::signal::connect --------------------------------===//

class Model : public std::enable_shared_from_this<Model> {
public:
  void watch() {
    changed_.connect([self = shared_from_this()] { self->refresh(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Model::changed_' here keeps a shared_ptr to 'Model'{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Model::changed_' keeps a shared_ptr to 'Model'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }
  void refresh() {}

private:
  boost::signals2::signal<void()> changed_;
};

// A slot lives as long as its connection and runs on every emission: what
// it captures and grows, grows with the emissions.
void record(boost::signals2::signal<void(int)> &sig) {
  sig.connect([log = std::vector<int>()](int v) mutable { log.push_back(v); });
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: container 'record::<lambda>::log' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'record::<lambda>::log' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:59: note: it grows for as long as the lambda that owns it is kept{{.*}}
}

//===-- type_erased: boost::any ---------------------------------------------===//

struct Job;
struct Slot {
  boost::any payload;
};
struct Job {
  std::shared_ptr<Slot> slot;
  void park(std::shared_ptr<Job> self) { slot->payload = self; }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'Slot::payload' closes the shared_ptr ownership cycle 'Job' -> 'Slot' -> 'Job' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Job' shares ownership of 'Slot' through 'Job::slot'
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: 'Slot' shares ownership of 'Job' through 'Slot::payload'
  // CHECK-MESSAGES: :[[@LINE-4]]:42: note: objects on it{{.*}}
};

//===-- near misses ---------------------------------------------------------===//

// OK: the slot captures a weak_ptr; the bound argument is a plain this.
class WeakModel : public std::enable_shared_from_this<WeakModel> {
public:
  void watch() {
    changed_.connect([w = weak_from_this()] {
      if (auto self = w.lock())
        self->refresh();
    });
    on_timer_ = boost::bind(&WeakModel::refresh, this);
  }
  void refresh() {}

private:
  boost::signals2::signal<void()> changed_;
  boost::function<void()> on_timer_;
};

// FIXME(checks): boost::bind's result (boost::_bi::bind_t<R, F, L>) is not a
// callable type the check follows into a library call, so a bound
// shared_from_this() handed straight to an async operation on a member
// timer closes no cycle. Stored in a boost::function first, it does (Conn).
class Retry : public std::enable_shared_from_this<Retry> {
public:
  explicit Retry(boost::asio::io_context &io) : timer_(io) {}
  void arm() {
    timer_.async_wait(boost::bind(&Retry::fire, shared_from_this(), boost::placeholders::_1));
  }
  void fire(const boost::system::error_code &) { arm(); }

private:
  boost::asio::steady_timer timer_;
};

// Not covered by the pack: connect(group, slot) has its slot second.
class Grouped : public std::enable_shared_from_this<Grouped> {
public:
  void watch() { changed_.connect(1, [self = shared_from_this()] { self->refresh(); }); }
  void refresh() {}

private:
  boost::signals2::signal<void()> changed_;
};
