// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s
// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s -- -std=c++11

// Cycles that close through callables the summaries follow: setters that
// take the std::function by value, by const reference or by rvalue
// reference, objects that store a callable they are constructed with, and
// type-erased owners. (Also in C++11: setters without C++17's guaranteed
// copy elision still store what they are given.)

#include <functional>
#include <memory>
#include <utility>
#include <vector>

// Setters of every parameter form (one cycle each).
class ReadSocket {
public:
  void on_read(std::function<void(int)> cb) { cb_ = std::move(cb); }

private:
  std::function<void(int)> cb_;
};
class CloseSocket {
public:
  void on_close(const std::function<void()> &cb) { cb_ = cb; }

private:
  std::function<void()> cb_;
};
class ErrorSocket {
public:
  void on_error(std::function<void(int)> &&cb) { cb_ = std::move(cb); }

private:
  std::function<void(int)> cb_;
};

class Reader : public std::enable_shared_from_this<Reader> {
public:
  void start() {
    auto self = shared_from_this();
    socket_->on_read([self](int n) { self->got(n); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'ReadSocket::cb_' here keeps a shared_ptr to 'Reader', closing the ownership cycle 'Reader' -> 'ReadSocket' -> 'Reader' [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+6]]:31: note: 'Reader' shares ownership of 'ReadSocket' through 'Reader::socket_'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the callback stored in 'ReadSocket::cb_' keeps a shared_ptr to 'Reader'
  }
  void got(int) {}

private:
  std::shared_ptr<ReadSocket> socket_;
};
class Closer : public std::enable_shared_from_this<Closer> {
public:
  void start() {
    auto self = shared_from_this();
    socket_->on_close([self] { self->closed(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'CloseSocket::cb_' here keeps a shared_ptr to 'Closer', closing the ownership cycle 'Closer' -> 'CloseSocket' -> 'Closer' [memlint-shared-ptr-cycle]
  }
  void closed() {}

private:
  std::shared_ptr<CloseSocket> socket_;
};
class Failer : public std::enable_shared_from_this<Failer> {
public:
  void start() {
    auto self = shared_from_this();
    socket_->on_error([self](int e) { self->failed(e); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'ErrorSocket::cb_' here keeps a shared_ptr to 'Failer', closing the ownership cycle 'Failer' -> 'ErrorSocket' -> 'Failer' [memlint-shared-ptr-cycle]
  }
  void failed(int) {}

private:
  std::shared_ptr<ErrorSocket> socket_;
};

// OK: the same setter given a lambda that holds a weak_ptr.
class Link {
public:
  void on_read(std::function<void(int)> cb) { cb_ = std::move(cb); }

private:
  std::function<void(int)> cb_;
};
class Peer : public std::enable_shared_from_this<Peer> {
public:
  void start() {
    std::weak_ptr<Peer> weak = shared_from_this();
    link_->on_read([weak](int n) {
      if (auto self = weak.lock())
        self->got(n);
    });
  }
  void got(int) {}

private:
  std::shared_ptr<Link> link_;
};

// An object that stores the callable it is made with.
class Event {
public:
  explicit Event(std::function<void()> fn) : fn_(std::move(fn)) {}
  void fire() { fn_(); }

private:
  std::function<void()> fn_;
};
class Scheduler : public std::enable_shared_from_this<Scheduler> {
public:
  void plan() {
    auto self = shared_from_this();
    events_.push_back(std::make_shared<Event>([self] { self->tick(); }));
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the callback stored in 'Event::fn_' here keeps a shared_ptr to 'Scheduler', closing the ownership cycle 'Scheduler' -> 'Event' -> 'Scheduler' [memlint-shared-ptr-cycle]
  }
  void tick() {}

private:
  std::vector<std::shared_ptr<Event>> events_;
};

// A type-erased owner holding the object that owns it.
class Session;
class Server {
  std::shared_ptr<Session> session_;
};
class Session {
public:
  void attach(std::shared_ptr<Server> s) {
    owner_ = s;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Session::owner_' closes the shared_ptr ownership cycle 'Server' -> 'Session' -> 'Server' [memlint-shared-ptr-cycle]
  }

private:
  std::shared_ptr<void> owner_;
};

// A class template that stores the functor by value, held through its base.
class Task {
public:
  virtual ~Task() = default;
  virtual void run() = 0;
};
template <class F> class FnTask : public Task {
public:
  explicit FnTask(F f) : f_(std::move(f)) {}
  void run() override { f_(); }

private:
  F f_;
};
template <class F> std::shared_ptr<Task> make_task(F f) {
  return std::make_shared<FnTask<F>>(std::move(f));
}
class Worker : public std::enable_shared_from_this<Worker> {
public:
  void arm() {
    auto self = shared_from_this();
    tasks_.push_back(make_task([self] { self->tick(); }));
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: the callback stored in 'FnTask<(lambda)>::f_' here keeps a shared_ptr to 'Worker', closing the ownership cycle 'Worker' -> 'FnTask<(lambda)>' -> 'Worker' [memlint-shared-ptr-cycle]
  }
  void tick() {}

private:
  std::vector<std::shared_ptr<Task>> tasks_;
};
