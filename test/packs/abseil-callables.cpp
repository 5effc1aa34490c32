// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle' %s

// The abseil pack's `callables` and `type_erased` (rules/packs/abseil.yaml)
// against the real Abseil headers (libabsl-dev, LTS 2022-06-23, built with
// ABSL_OPTION_USE_STD_ANY 0): absl::bind_front keeps its bound arguments
// alive; absl::any owns what it holds. absl::AnyInvocable is a callable
// wrapper by its shape, as std::function is.
#include <absl/functional/any_invocable.h>
#include <absl/functional/bind_front.h>
#include <absl/types/any.h>

#include <functional>
#include <memory>

class Conn : public std::enable_shared_from_this<Conn> {
public:
  void start() {
    on_timer_ = absl::bind_front(&Conn::tick, shared_from_this());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Conn::on_timer_' here keeps a shared_ptr to 'Conn', closing the ownership cycle 'Conn' -> 'Conn' [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Conn::on_timer_' keeps a shared_ptr to 'Conn'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it keep each other alive{{.*}}
  }
  void tick() {}

private:
  std::function<void()> on_timer_;
};

class Task : public std::enable_shared_from_this<Task> {
public:
  void start() {
    on_done_ = [self = shared_from_this()] { self->finish(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Task::on_done_' here keeps a shared_ptr to 'Task'{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Task::on_done_' keeps a shared_ptr to 'Task'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }
  void finish() {}

private:
  absl::AnyInvocable<void()> on_done_;
};

struct Job;
struct Slot {
  absl::any payload;
};
struct Job {
  std::shared_ptr<Slot> slot;
  void park(std::shared_ptr<Job> self) { slot->payload = self; }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'Slot::payload' closes the shared_ptr ownership cycle 'Job' -> 'Slot' -> 'Job' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Job' shares ownership of 'Slot' through 'Job::slot'
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: 'Slot' shares ownership of 'Job' through 'Slot::payload'
  // CHECK-MESSAGES: :[[@LINE-4]]:42: note: objects on it{{.*}}
};

// OK: a weak_ptr is bound; the any holds a plain value.
class WeakConn : public std::enable_shared_from_this<WeakConn> {
public:
  void start() { on_timer_ = absl::bind_front(&WeakConn::tick, weak_from_this()); }
  static void tick(std::weak_ptr<WeakConn>) {}

private:
  std::function<void()> on_timer_;
};
struct Tagged {
  absl::any tag;
  void set(int id) { tag = id; }
};
