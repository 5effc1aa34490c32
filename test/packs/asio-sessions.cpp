// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle' %s -- -std=c++17
// RUN: %check_memlint --real-headers '--checks=-*,memlint-shared-ptr-cycle' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s -- -std=c++17

// The Asio session kept alive by its pending operation (the asio pack's
// `ends_on_close` I/O operations, rules/packs/asio.yaml, against the real
// Boost.Asio 1.74 headers). A socket holds the handler of a read or write
// until the operation ends, and a socket's operations end on their own:
// they fail once the peer closes. A handler that tests that error before
// starting the next operation ends the chain with the connection, so the
// cycle through the socket is one the program breaks: low, with a note.
// A handler that ignores its error re-arms for ever (medium), and so does a
// timer's, whose wait only the program ends (asio-callables.cpp).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using namespace std::placeholders;

// Asio's echo example, with std::bind: the bound handler tests the error.
class EchoSession : public std::enable_shared_from_this<EchoSession> {
public:
  explicit EchoSession(asio::io_context &io) : socket_(io) {}
  void start() {
    socket_.async_read_some(asio::buffer(data_), std::bind(&EchoSession::onRead, shared_from_this(), _1, _2));
    // LOW: :[[@LINE-1]]:5: warning: the callback stored in 'EchoSession::socket_' here keeps a shared_ptr to 'EchoSession', closing the ownership cycle 'EchoSession' -> 'EchoSession' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE-2]]:5: note: the callback stored in 'EchoSession::socket_' keeps a shared_ptr to 'EchoSession'
    // LOW: :[[@LINE-3]]:5: note: the cycle is broken here: 'EchoSession::socket_' lets the handler go when its operation ends, and the handler tests the error before starting the next one: the chain ends when the connection closes
    // LOW: :[[@LINE-4]]:5: note: objects on it keep each other alive{{.*}}
  }

private:
  void onRead(const error_code &ec, std::size_t n) {
    if (!ec)
      asio::async_write(socket_, asio::buffer(data_, n), std::bind(&EchoSession::onWritten, shared_from_this(), _1));
  }
  void onWritten(const error_code &ec) {
    if (!ec)
      start();
  }
  tcp::socket socket_;
  char data_[1024];
};

// The same with a lambda that tests the error itself.
class LineReader : public std::enable_shared_from_this<LineReader> {
public:
  explicit LineReader(asio::io_context &io) : socket_(io) {}
  void read() {
    socket_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](error_code ec, std::size_t) {
      // LOW: :[[@LINE-1]]:5: warning: the callback stored in 'LineReader::socket_' here keeps a shared_ptr to 'LineReader'{{.*}} [memlint-shared-ptr-cycle]
      // LOW: :[[@LINE-2]]:5: note: the callback stored in 'LineReader::socket_'{{.*}}
      // LOW: :[[@LINE-3]]:5: note: the cycle is broken here: 'LineReader::socket_' lets the handler go when its operation ends{{.*}}
      // LOW: :[[@LINE-4]]:5: note: objects on it{{.*}}
      if (ec)
        return;
      self->read();
    });
  }

private:
  tcp::socket socket_;
  char buf_[256];
};

// Near misses, kept at medium. The handler ignores its error: after the
// peer closes, every read fails at once and is started again, for ever.
class Spinner : public std::enable_shared_from_this<Spinner> {
public:
  explicit Spinner(asio::io_context &io) : socket_(io) {}
  void read() {
    socket_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](error_code, std::size_t) { self->read(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Spinner::socket_' here keeps a shared_ptr to 'Spinner'{{.*}} [memlint-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Spinner::socket_'{{.*}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
    // LOW: :[[@LINE-4]]:5: warning: the callback stored in 'Spinner::socket_' here keeps a shared_ptr to 'Spinner'{{.*}} [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE-5]]:5: note: the callback stored in 'Spinner::socket_'{{.*}}
    // LOW: :[[@LINE-6]]:5: note: objects on it{{.*}}
  }

private:
  tcp::socket socket_;
  char buf_[256];
};

// A timer's wait ends only when it expires or the program cancels it: a
// handler that tests its error and re-arms keeps its owner for ever.
class Ticker : public std::enable_shared_from_this<Ticker> {
public:
  explicit Ticker(asio::io_context &io) : timer_(io) {}
  void tick() {
    timer_.expires_after(std::chrono::seconds(1));
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Ticker::timer_' here keeps a shared_ptr to 'Ticker'{{.*}} [memlint-shared-ptr-cycle]
      // CHECK-MESSAGES: :[[@LINE-2]]:5: note: the callback stored in 'Ticker::timer_'{{.*}}
      // CHECK-MESSAGES: :[[@LINE-3]]:5: note: objects on it{{.*}}
      // LOW: :[[@LINE-4]]:5: warning: the callback stored in 'Ticker::timer_' here keeps a shared_ptr to 'Ticker'{{.*}} [memlint-shared-ptr-cycle]
      // LOW: :[[@LINE-5]]:5: note: the callback stored in 'Ticker::timer_'{{.*}}
      // LOW: :[[@LINE-6]]:5: note: objects on it{{.*}}
      if (!ec)
        self->tick();
    });
  }

private:
  asio::steady_timer timer_;
};
