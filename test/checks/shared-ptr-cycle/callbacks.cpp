// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s

#include <functional>
#include <memory>
#include <vector>

// A callback stored in the object it keeps alive: the lambda captured
// shared_from_this().
class Timer : public std::enable_shared_from_this<Timer> {
public:
  void start() {
    on_fire_ = [self = shared_from_this()] { self->tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Timer::on_fire_' here keeps a shared_ptr to 'Timer', closing the ownership cycle 'Timer' -> 'Timer' [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Timer::on_fire_' keeps a shared_ptr to 'Timer'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it keep each other alive and reference counting never frees them; capture a std::weak_ptr instead (or reset the callback once it has run)
  }
  void tick() {}

private:
  std::function<void()> on_fire_;
};

// A socket owned by the connection stores a callback that keeps the
// connection alive.
class Socket {
public:
  std::function<void(int)> on_read;
};
class Connection : public std::enable_shared_from_this<Connection> {
public:
  void open();
  void received(int) {}

private:
  std::shared_ptr<Socket> socket_;
};
void Connection::open() {
  auto self = shared_from_this();
  socket_->on_read = [self](int n) { self->received(n); };
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the callback stored in 'Socket::on_read' here keeps a shared_ptr to 'Connection', closing the ownership cycle 'Connection' -> 'Socket' -> 'Connection' [memlint-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-6]]:27: note: 'Connection' shares ownership of 'Socket' through 'Connection::socket_'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the callback stored in 'Socket::on_read' keeps a shared_ptr to 'Connection'
}

// A callback that captures a shared_ptr parameter: the dialog owns the
// button, the button's handler owns the dialog.
class Button;
class Dialog {
  std::shared_ptr<Button> ok_;
};
class Button {
public:
  void close_on_click(std::shared_ptr<Dialog> d) {
    on_click_ = [d] { (void)d; };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Button::on_click_' here keeps a shared_ptr to 'Dialog', closing the ownership cycle 'Dialog' -> 'Button' -> 'Dialog' [memlint-shared-ptr-cycle]
  }

private:
  std::function<void()> on_click_;
};

// A callback member declared in a base class.
struct Task {
  std::function<void()> on_done;
};
struct Download : Task, std::enable_shared_from_this<Download> {
  void run() {
    on_done = [self = shared_from_this()] { (void)self; };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Task::on_done' here keeps a shared_ptr to 'Download', closing the ownership cycle 'Download' -> 'Task' -> 'Download' [memlint-shared-ptr-cycle]
  }
};

// Near misses.
class WeakTimer : public std::enable_shared_from_this<WeakTimer> { // OK: captures a weak_ptr
public:
  void start() {
    std::weak_ptr<WeakTimer> weak = shared_from_this();
    on_fire_ = [weak] {
      if (auto self = weak.lock())
        self->tick();
    };
  }
  void start_from_weak() {
    on_fire_ = [weak = weak_from_this()] { (void)weak; };
  }
  void tick() {}

private:
  std::function<void()> on_fire_;
};
class ThisTimer { // OK: captures a plain `this`
public:
  void start() {
    on_fire_ = [this] { tick(); };
  }
  void tick() {}

private:
  std::function<void()> on_fire_;
};
struct Config {
  int retries = 3;
};
class Retrier { // OK: captures a shared_ptr to something that does not own it
public:
  void configure(std::shared_ptr<Config> c) {
    on_retry_ = [c] { (void)c->retries; };
  }

private:
  std::function<void()> on_retry_;
};
class RefCapture : public std::enable_shared_from_this<RefCapture> { // OK: captures the shared_ptr by reference
public:
  void start() {
    auto self = shared_from_this();
    run_now_ = [&self] { (void)self; };
  }

private:
  std::function<void()> run_now_;
};
class LocalCallback : public std::enable_shared_from_this<LocalCallback> { // OK: the callback is a local, not stored
public:
  void start() {
    std::function<void()> cb = [self = shared_from_this()] { (void)self; };
    cb();
  }
};
