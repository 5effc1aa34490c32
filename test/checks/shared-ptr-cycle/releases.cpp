// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' %s
// RUN: %check_memlint '--checks=-*,memlint-shared-ptr-cycle' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// A cycle the program breaks while it runs (an edge on it let go outside a
// constructor and a destructor: a callback replaced or emptied, directly or
// through a setter, a smart pointer reset, the entry holding it erased) is
// low, with a note where it is broken. A cycle nobody breaks stays medium.

#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

struct Response {};

// Reported: the request stores the handler, which keeps the request, and
// nothing lets go of it after the response: every request leaks.
class Request {
public:
  using Handler = std::function<void(const Response &)>;
  void execute(const Handler &h) { handler_ = h; }
  void done() { handler_(Response()); }

private:
  Handler handler_;
};
void proxy() {
  auto r = std::make_shared<Request>();
  auto f = [r](const Response &) {};
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the callback stored in 'Request::handler_' here keeps a shared_ptr to 'Request', closing the ownership cycle 'Request' -> 'Request' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-2]]:8: warning: the callback stored in 'Request::handler_' here keeps a shared_ptr to 'Request'{{.*}} [memlint-shared-ptr-cycle]
  // LOW-NOT: note: the cycle is broken here
  r->execute(f);
}

// Reported: the only release is in the destructor, which never runs while
// the cycle keeps the object alive.
class Timer {
public:
  std::function<void()> on_fire;
};
class Poller : public std::enable_shared_from_this<Poller> {
public:
  ~Poller() { timer_.on_fire = nullptr; }
  void arm() { timer_.on_fire = [self = shared_from_this()] {}; }
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the callback stored in 'Timer::on_fire' here keeps a shared_ptr to 'Poller', closing the ownership cycle 'Poller' -> 'Timer' -> 'Poller' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-2]]:16: warning: the callback stored in 'Timer::on_fire'{{.*}} [memlint-shared-ptr-cycle]
  // LOW-NOT: note: the cycle is broken here

private:
  Timer timer_;
};

// Reported: the callback is given its first value in the constructor and
// replaced only by another one that keeps the same object.
void ignore(int) {}
class Client {
public:
  Client() : on_data_(ignore) {}
  void set_on_data(std::function<void(int)> f) { on_data_ = std::move(f); }

private:
  std::function<void(int)> on_data_;
};
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() {
    client_.set_on_data([self = shared_from_this()](int) {});
  }
  void restart() {
    client_.set_on_data([self = shared_from_this()](int) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Client::on_data_' here keeps a shared_ptr to 'Session', closing the ownership cycle 'Session' -> 'Client' -> 'Session' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE-2]]:5: warning: the callback stored in 'Client::on_data_'{{.*}} [memlint-shared-ptr-cycle]
    // LOW-NOT: note: the cycle is broken here
  }

private:
  Client client_;
};

// Reported: a new entry made with no callback (aggregate initialization) is
// that entry's first value, not a release of the pending one.
struct Waiter {
  std::function<void()> wake;
};
class Barrier : public std::enable_shared_from_this<Barrier> {
public:
  void wait() { waiter_ = std::make_shared<Waiter>(Waiter{[self = shared_from_this()] {}}); }
  // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: the callback stored in 'Waiter::wake' here keeps a shared_ptr to 'Barrier', closing the ownership cycle 'Barrier' -> 'Waiter' -> 'Barrier' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-2]]:59: warning: the callback stored in 'Waiter::wake'{{.*}} [memlint-shared-ptr-cycle]
  // LOW-NOT: note: the cycle is broken here
  void idle() { spare_ = Waiter{nullptr}; }

private:
  std::shared_ptr<Waiter> waiter_;
  Waiter spare_;
};

// Low: the callback is reset once it has run.
class Channel {
public:
  std::function<void()> on_close;
  void close() {
    if (on_close)
      on_close();
    on_close = nullptr;
  }
};
class Stream : public std::enable_shared_from_this<Stream> {
public:
  void open() { channel_->on_close = [self = shared_from_this()] {}; }
  // LOW: :[[@LINE-1]]:17: warning: the callback stored in 'Channel::on_close' here keeps a shared_ptr to 'Stream', closing the ownership cycle 'Stream' -> 'Channel' -> 'Stream' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE-7]]:5: note: the cycle is broken here: 'Channel::on_close' is reset in 'Channel::close'

private:
  std::shared_ptr<Channel> channel_;
};

// Low: a smart pointer on the cycle is reset directly.
struct Parent;
struct Child {
  std::shared_ptr<Parent> parent;
};
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
  void detach() {
    for (auto &c : children)
      c->parent.reset();
  }
};
// LOW: :[[@LINE-9]]:27: warning: 'Child::parent' closes the shared_ptr ownership cycle 'Parent' -> 'Child' -> 'Parent' [memlint-shared-ptr-cycle]
// LOW: :[[@LINE-4]]:7: note: the cycle is broken here: 'Child::parent' is reset in 'Parent::detach'

// Low: the tunnel's callbacks keep it alive while connected; its teardown
// gives the client other ones, through the setters.
void default_connection(bool) {}
void default_message(int) {}
class TcpClient {
public:
  void set_connection_callback(std::function<void(bool)> cb) {
    connection_cb_ = std::move(cb);
  }
  void set_message_callback(std::function<void(int)> cb) {
    message_cb_ = std::move(cb);
  }

private:
  std::function<void(bool)> connection_cb_;
  std::function<void(int)> message_cb_;
};
class Tunnel : public std::enable_shared_from_this<Tunnel> {
public:
  void setup() {
    auto self = shared_from_this();
    client_.set_connection_callback([self](bool up) { self->on_connection(up); });
    client_.set_message_callback([self](int n) { self->on_message(n); });
    // LOW: :[[@LINE-1]]:5: warning: the callback stored in 'TcpClient::message_cb_' here keeps a shared_ptr to 'Tunnel', closing the ownership cycle 'Tunnel' -> 'TcpClient' -> 'Tunnel' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE+11]]:5: note: the cycle is broken here: 'TcpClient::message_cb_' is replaced in 'Tunnel::teardown'
  }

private:
  void on_connection(bool up) {
    if (!up)
      teardown();
  }
  void on_message(int) {}
  void teardown() {
    client_.set_connection_callback(default_connection);
    client_.set_message_callback(default_message);
  }
  TcpClient client_;
};

// Reported: the relay's teardown lets go of one callback, the other still
// keeps it: a cycle remains, at the callback nobody releases. (Another
// class replacing that callback in its own upstream object does not
// release the relay's.)
class Upstream {
public:
  void set_on_up(std::function<void(bool)> cb) { on_up_ = std::move(cb); }
  void set_on_data(std::function<void(int)> cb) { on_data_ = std::move(cb); }

private:
  std::function<void(bool)> on_up_;
  std::function<void(int)> on_data_;
};
class Relay : public std::enable_shared_from_this<Relay> {
public:
  void setup() {
    auto self = shared_from_this();
    up_.set_on_up([self](bool) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the callback stored in 'Upstream::on_up_' here keeps a shared_ptr to 'Relay', closing the ownership cycle 'Relay' -> 'Upstream' -> 'Relay' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE-2]]:5: warning: the callback stored in 'Upstream::on_up_'{{.*}} [memlint-shared-ptr-cycle]
    // LOW-NOT: note: the cycle is broken here
    up_.set_on_data([self](int) {});
  }
  void teardown() { up_.set_on_data(default_message); }

private:
  Upstream up_;
};
class Mux {
public:
  void stop() { up_.set_on_up(default_connection); }

private:
  Upstream up_;
};

// Low: the dialer hands its callback on to each line it opens, and the
// watcher keeps the line. The copy is taken to end with the member it was
// copied from, which the watcher's stop() empties (the lines a dialer opens
// are its own to close).
class Line {
public:
  void set_on_event(std::function<void()> cb) { on_event_ = std::move(cb); }

private:
  std::function<void()> on_event_;
};
class Dialer {
public:
  void set_on_event(std::function<void()> cb) { on_event_ = std::move(cb); }
  std::shared_ptr<Line> dial() {
    auto line = std::make_shared<Line>();
    line->set_on_event(on_event_);
    return line;
  }

private:
  std::function<void()> on_event_;
};
class Watcher : public std::enable_shared_from_this<Watcher> {
public:
  void start() {
    dialer_->set_on_event([self = shared_from_this()] {});
    // LOW: :[[@LINE-1]]:5: warning: the callback stored in 'Line::on_event_' here keeps a shared_ptr to 'Watcher', closing the ownership cycle 'Watcher' -> 'Line' -> 'Watcher' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE+3]]:17: note: the cycle is broken here: 'Dialer::on_event_', which 'Line::on_event_' is copied from, is reset in 'Watcher::stop'
    line_ = dialer_->dial();
  }
  void stop() { dialer_->set_on_event(nullptr); }

private:
  Dialer *dialer_ = nullptr;
  std::shared_ptr<Line> line_;
};

// Low: in a class template too (the cycle names the instantiation, the
// method that lets go is the template's). The note is where the callback
// is over, not the reset right before the next one is stored.
struct Reply {
  std::function<void()> on_complete;
};
template <class Socket>
class HttpConnection
    : public std::enable_shared_from_this<HttpConnection<Socket>> {
public:
  void handle() {
    res_.on_complete = nullptr;
    auto self = this->shared_from_this();
    res_.on_complete = [self] { self->complete(); };
    // LOW: :[[@LINE-1]]:5: warning: the callback stored in 'Reply::on_complete' here keeps a shared_ptr to 'HttpConnection<int>', closing the ownership cycle 'HttpConnection<int>' -> 'Reply' -> 'HttpConnection<int>' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE+3]]:5: note: the cycle is broken here: 'Reply::on_complete' is reset in 'HttpConnection::complete'
  }
  void complete() {
    res_.on_complete = nullptr;
  }

private:
  Reply res_;
};
void serve() { std::make_shared<HttpConnection<int>>()->handle(); }

// Low: a setter given no callback lets go of the one it held.
class Sink {
public:
  void set_handler(std::function<void(int)> h) { handler_ = std::move(h); }

private:
  std::function<void(int)> handler_;
};
class Feed : public std::enable_shared_from_this<Feed> {
public:
  void subscribe() { sink_->set_handler([self = shared_from_this()](int) {}); }
  // LOW: :[[@LINE-1]]:22: warning: the callback stored in 'Sink::handler_' here keeps a shared_ptr to 'Feed', closing the ownership cycle 'Feed' -> 'Sink' -> 'Feed' [memlint-shared-ptr-cycle]
  // LOW: :[[@LINE+1]]:24: note: the cycle is broken here: 'Sink::handler_' is reset in 'Feed::unsubscribe'
  void unsubscribe() { sink_->set_handler(nullptr); }

private:
  std::shared_ptr<Sink> sink_;
};

// Low: a unique_ptr on the cycle is reset once the request completes.
struct Entry {
  std::function<void()> on_done;
};
class Link : public std::enable_shared_from_this<Link> {
public:
  void perform() {
    entry_ = std::make_unique<Entry>(Entry{[self = shared_from_this()] {}});
    // LOW: :[[@LINE-1]]:44: warning: the callback stored in 'Entry::on_done' here keeps a shared_ptr to 'Link', closing the ownership cycle 'Link' -> 'Entry' -> 'Link' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE+4]]:5: note: the cycle is broken here: 'Link::entry_' is reset in 'Link::completed'
  }
  void completed() {
    auto done = entry_->on_done;
    entry_.reset();
    done();
  }

private:
  std::unique_ptr<Entry> entry_;
};

// Low: a pending request's completion callback keeps its connection until
// the request completes; the entry is then erased.
struct Pending {
  std::function<void()> on_done;
};
class Connection : public std::enable_shared_from_this<Connection> {
public:
  void send(int id) {
    pending_[id] = Pending{[self = shared_from_this()] {}};
    // LOW: :[[@LINE-1]]:28: warning: the callback stored in 'Pending::on_done' here keeps a shared_ptr to 'Connection', closing the ownership cycle 'Connection' -> 'Pending' -> 'Connection' [memlint-shared-ptr-cycle]
    // LOW: :[[@LINE+4]]:5: note: the cycle is broken here: an entry of 'Connection::pending_' is erased in 'Connection::complete'
  }
  void complete(int id) {
    auto done = pending_[id].on_done;
    pending_.erase(id);
    done();
  }

private:
  std::map<int, Pending> pending_;
};
