// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle' %s -- -std=c++20

// The std pack's `callables` and `type_erased` (rules/packs/std.yaml)
// against the real libstdc++ headers: std::bind and std::bind_front keep
// their bound arguments alive, so a bound shared_from_this() stored in a
// member closes a cycle; a std::any member owns the shared_ptr stored in it.
#include <any>
#include <functional>
#include <memory>
#include <vector>

//===-- callables: bind -----------------------------------------------------===//

class Conn : public std::enable_shared_from_this<Conn> {
public:
  void start() {
    on_timer_ = std::bind(&Conn::tick, shared_from_this());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Conn::on_timer_' here keeps a shared_ptr to 'Conn', closing the ownership cycle 'Conn' -> 'Conn' [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Conn::on_timer_' keeps a shared_ptr to 'Conn'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it keep each other alive{{.*}}
  }
  void tick() {}

private:
  std::function<void()> on_timer_;
};

class Stream : public std::enable_shared_from_this<Stream> {
public:
  void start() {
    handlers_.push_back(std::bind_front(&Stream::on_data, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Stream::handlers_' here keeps a shared_ptr to 'Stream'{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Stream::handlers_' keeps a shared_ptr to 'Stream'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }
  void on_data(int) {}

private:
  std::vector<std::function<void(int)>> handlers_;
};

//===-- type_erased: std::any -----------------------------------------------===//

struct Job;
struct Slot {
  std::any payload;
};
struct Job {
  std::shared_ptr<Slot> slot;
  void park(std::shared_ptr<Job> self) { slot->payload = self; }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'Slot::payload' closes the shared_ptr ownership cycle 'Job' -> 'Slot' -> 'Job' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Job' shares ownership of 'Slot' through 'Job::slot'
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: 'Slot' shares ownership of 'Job' through 'Slot::payload'
  // CHECK-MESSAGES: :[[@LINE-4]]:42: note: objects on it{{.*}}
};

//===-- near misses -----------------------------------------------------------===//

// OK: a weak_ptr is bound, or a plain this.
class WeakConn : public std::enable_shared_from_this<WeakConn> {
public:
  void start() {
    on_timer_ = std::bind(&WeakConn::tick, weak_from_this());
    on_close_ = std::bind(&WeakConn::close, this);
  }
  static void tick(std::weak_ptr<WeakConn>) {}
  void close() {}

private:
  std::function<void()> on_timer_, on_close_;
};

// OK: a std::any that holds a value, not an owner.
struct Tagged {
  std::any tag;
  void set(int id) { tag = id; }
};

// FIXME(checks): a class that keeps itself alive through its own std::any
// (or shared_ptr<void>) member is a self-edge, reported only with two
// fields in opposite roles; OwnershipCollector records the edge, but not
// that it is assigned from shared_from_this().
class KeepAlive : public std::enable_shared_from_this<KeepAlive> {
public:
  void pin() { keep_ = shared_from_this(); }

private:
  std::any keep_;
};
