// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle,memlint-unbounded-container-growth' %s -- -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT=1

// The asio pack's `callables` (rules/packs/asio.yaml) against the real
// Boost.Asio 1.74 headers (libboost-dev): an I/O object keeps the handler of
// an operation started on it until the operation completes, so a handler
// that captures shared_from_this() in a member timer, socket, acceptor,
// resolver, signal set or strand makes the class own itself
// (shared-ptr-cycle). A handler that captures a weak_ptr, or sits in an
// object the class does not own, closes nothing. (Boost 1.74 enables
// co_await for clang only with <experimental/coroutine>:
// BOOST_ASIO_HAS_CO_AWAIT says the C++20 <coroutine> will do.)
#include <utility> // awaitable.hpp uses std::exchange without including it

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deadline_timer.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/io_context_strand.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

//===-- async_* on a member I/O object (asio.callable.async-op) -----------===//

// The key case: a periodic timer re-armed with a handler that keeps the
// session alive. Nothing but the session owns the timer, and the timer
// holds the session until the next tick, for ever.
class Session : public std::enable_shared_from_this<Session> {
public:
  explicit Session(asio::io_context &io) : timer_(io) {}
  void start() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](error_code) { self->start(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Session::timer_' here keeps a shared_ptr to 'Session', closing the ownership cycle 'Session' -> 'Session' [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Session::timer_' keeps a shared_ptr to 'Session'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it keep each other alive{{.*}}
  }

private:
  asio::steady_timer timer_;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
  explicit Connection(asio::io_context &io) : socket_(io) {}
  void read() {
    socket_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](error_code, std::size_t) { self->read(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Connection::socket_' here keeps a shared_ptr to 'Connection'{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Connection::socket_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  tcp::socket socket_;
  char buf_[512];
};

class Dialer : public std::enable_shared_from_this<Dialer> {
public:
  explicit Dialer(asio::io_context &io) : socket_(io) {}
  void dial(const tcp::endpoint &to) {
    socket_.async_connect(to, [self = shared_from_this(), to](error_code) { self->dial(to); }); // basic_socket::async_connect
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Dialer::socket_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Dialer::socket_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  tcp::socket socket_;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
  explicit Listener(asio::io_context &io) : acceptor_(io) {}
  void accept() {
    acceptor_.async_accept([self = shared_from_this()](error_code, tcp::socket) { self->accept(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Listener::acceptor_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Listener::acceptor_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  tcp::acceptor acceptor_;
};

class Lookup : public std::enable_shared_from_this<Lookup> {
public:
  explicit Lookup(asio::io_context &io) : resolver_(io) {}
  void resolve() {
    resolver_.async_resolve("example.org", "443", [self = shared_from_this()](error_code, tcp::resolver::results_type) { self->resolve(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Lookup::resolver_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Lookup::resolver_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  tcp::resolver resolver_;
};

class Shutdown : public std::enable_shared_from_this<Shutdown> {
public:
  explicit Shutdown(asio::io_context &io) : signals_(io, SIGTERM) {}
  void wait() {
    signals_.async_wait([self = shared_from_this()](error_code, int) { self->wait(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Shutdown::signals_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Shutdown::signals_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  asio::signal_set signals_;
};

class Heartbeat : public std::enable_shared_from_this<Heartbeat> {
public:
  explicit Heartbeat(asio::io_context &io) : timer_(io), backup_(io) {}
  void beat() {
    timer_.async_wait([self = shared_from_this()](error_code) { self->beat(); }); // basic_deadline_timer
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Heartbeat::timer_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Heartbeat::timer_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }
  // A second way round the same cycle is not a second finding.
  void again() {
    backup_.async_wait([self = shared_from_this()](error_code) { self->again(); });
  }

private:
  asio::deadline_timer timer_;
  asio::deadline_timer backup_;
};

//===-- post/dispatch/defer on a member strand (asio.callable.post-member) ===//

class Worker : public std::enable_shared_from_this<Worker> {
public:
  explicit Worker(asio::io_context &io) : strand_(io) {}
  void step() {
    strand_.post([self = shared_from_this()] { self->step(); }); // io_context::strand::post
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Worker::strand_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Worker::strand_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  asio::io_context::strand strand_;
};

class Pipeline : public std::enable_shared_from_this<Pipeline> {
public:
  explicit Pipeline(asio::io_context &io) : strand_(io.get_executor()) {}
  void step() {
    strand_.dispatch([self = shared_from_this()] { self->step(); }, std::allocator<void>()); // strand<Executor>::dispatch(f, a)
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Pipeline::strand_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Pipeline::strand_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  asio::strand<asio::io_context::executor_type> strand_;
};

//===-- co_spawn on a member strand (asio.callable.co_spawn) --------------===//

class Ticker : public std::enable_shared_from_this<Ticker> {
public:
  explicit Ticker(asio::io_context &io) : strand_(io.get_executor()) {}
  void start() {
    asio::co_spawn(strand_, [self = shared_from_this()]() -> asio::awaitable<void> { co_return; }, asio::detached);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Ticker::strand_' here{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Ticker::strand_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
  }

private:
  asio::strand<asio::io_context::executor_type> strand_;
};

//===-- a handler owns what it captures -----------------------------------===//

// A handler kept by an io_context owns its captures for as long as the
// program posts it again: a growing capture is unbounded growth.
void poll(asio::io_context &io, asio::steady_timer &timer) {
  timer.async_wait([log = std::vector<long>()](error_code) mutable { log.push_back(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:70: warning: container 'poll::<lambda>::log' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: 'poll::<lambda>::log' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:70: note: it grows for as long as the lambda that owns it is kept{{.*}}
  (void)io;
}

//===-- near misses -------------------------------------------------------===//

// OK: the handler captures a weak_ptr.
class WeakSession : public std::enable_shared_from_this<WeakSession> {
public:
  explicit WeakSession(asio::io_context &io) : timer_(io) {}
  void start() {
    timer_.async_wait([w = weak_from_this()](error_code) {
      if (auto self = w.lock())
        self->start();
    });
  }

private:
  asio::steady_timer timer_;
};

// OK: the timer is a local, not part of the object.
class OneShot : public std::enable_shared_from_this<OneShot> {
public:
  void start(asio::io_context &io) {
    auto timer = std::make_shared<asio::steady_timer>(io);
    timer->async_wait([self = shared_from_this(), timer](error_code) {});
  }
};

// OK: a lambda called here is not kept by anything.
void now() {
  auto count = [seen = std::vector<long>()]() mutable { seen.push_back(1); };
  count();
}

// FIXME(checks): `callable: last` counts default arguments. Boost 1.74's
// free post/dispatch/defer and async_read/async_write end in a defaulted
// `enable_if<...>::type* = 0`, so their handler is not the last argument
// the check sees, and these cycles (through the owned strand and socket)
// are missed. They are reported once the check skips CXXDefaultArgExpr.
class Poster : public std::enable_shared_from_this<Poster> {
public:
  explicit Poster(asio::io_context &io) : strand_(io), socket_(io) {}
  void step() { asio::post(strand_, [self = shared_from_this()] { self->step(); }); }
  void echo() {
    asio::async_read(socket_, asio::buffer(buf_), [self = shared_from_this()](error_code, std::size_t) {
      asio::async_write(self->socket_, asio::buffer(self->buf_), [self](error_code, std::size_t) { self->echo(); });
    });
  }

private:
  asio::io_context::strand strand_;
  tcp::socket socket_;
  char buf_[64];
};

// FIXME(checks): a handler wrapped by bind_executor or strand::wrap is not a
// callable type the check follows into async_wait (executor_binder<>,
// wrapped_handler<>), and a bind's own callable's captures are not the
// bind's: neither closes the cycle it should.
class Wrapped : public std::enable_shared_from_this<Wrapped> {
public:
  explicit Wrapped(asio::io_context &io) : timer_(io), strand_(io), pool_strand_(io.get_executor()) {}
  void arm() {
    timer_.async_wait(strand_.wrap([self = shared_from_this()](error_code) { self->arm(); }));
  }
  void arm2() {
    timer_.async_wait(asio::bind_executor(pool_strand_, [self = shared_from_this()](error_code) { self->arm2(); }));
  }
  void keep() { on_tick_ = asio::bind_executor(pool_strand_, [self = shared_from_this()] {}); }

private:
  asio::steady_timer timer_;
  asio::io_context::strand strand_;
  asio::strand<asio::io_context::executor_type> pool_strand_;
  std::function<void()> on_tick_;
};
