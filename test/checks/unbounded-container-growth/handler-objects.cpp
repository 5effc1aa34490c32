// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth' %s -- -std=c++17
// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s -- -std=c++17

// A handler reaches the event loop through code a library writes for it:
// wrapped in an object of a class with a call operator (an allocator- or
// counter-carrying handler, as Asio programs write them), or bound as an
// argument of a std::bind whose function calls it later. Either way the
// growth it runs happens once per event and is reported with what drives
// it; a wrapper whose call operator never calls what it wraps, or a bound
// function that never calls the handler bound to it, leaves that handler
// unreached: no driver (in a whole program with a main, low:
// test/checks/unbounded-container-growth/programs.test). Session's two
// handlers are lambdas of one signature in one constructor, which Clang
// gives one USR: each is a function of its own all the same.
#include <functional>
#include <string>
#include <vector>

bool next_event(std::string &e);

// The event loop: one read callback, run once per event.
class Loop {
public:
  void on_read(std::function<void(const std::string &)> f) {
    read_ = std::move(f);
  }
  void run() {
    std::string e;
    while (next_event(e))
      read_(e);
  }

private:
  std::function<void(const std::string &)> read_;
};

//===-- a handler object: its call operator runs ---------------------------===//

template <class Handler> class counting_handler {
public:
  counting_handler(int &count, Handler h) : count_(count), h_(std::move(h)) {}
  template <class... Args> void operator()(Args &&...args) {
    ++count_;
    h_(std::forward<Args>(args)...);
  }

private:
  int &count_;
  Handler h_;
};
template <class Handler>
counting_handler<Handler> make_counting_handler(int &count, Handler h) {
  return counting_handler<Handler>(count, std::move(h));
}

// Calls nothing it is given: what it wraps never runs.
template <class Handler> class dropping_handler {
public:
  explicit dropping_handler(Handler h) : h_(std::move(h)) {}
  void operator()(const std::string &) { ++dropped_; }

private:
  Handler h_;
  int dropped_ = 0;
};

class Counted {
public:
  explicit Counted(Loop &loop) {
    loop.on_read(make_counting_handler(reads_, [this](const std::string &m) {
      history_.push_back(m);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Counted::history_' grows here{{.*}} [memlint-unbounded-container-growth]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: it grows once per call of a lambda in 'Counted::Counted' (reached from a loop in 'Loop::run'{{.*}})
      // LOW: :[[@LINE-3]]:7: warning: container 'Counted::history_' grows here{{.*}} [memlint-unbounded-container-growth]
    }));
  }

private:
  int reads_ = 0;
  std::vector<std::string> history_;
};

class Dropped {
public:
  explicit Dropped(Loop &loop) {
    auto keep = [this](const std::string &m) { history_.push_back(m); };
    // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: container 'Dropped::history_' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES-NEXT: :[[@LINE+7]]:28: note: 'Dropped::history_' declared here
    // CHECK-MESSAGES-NEXT: :[[@LINE-3]]:48: note: it grows for as long as its 'Dropped' object lives{{.*}}
    // LOW: :[[@LINE-4]]:48: warning: container 'Dropped::history_' grows here{{.*}} [memlint-unbounded-container-growth]
    loop.on_read(dropping_handler<decltype(keep)>(keep));
  }

private:
  std::vector<std::string> history_;
};

//===-- a handler bound as an argument: the bound function calls it -------===//

class Transport {
public:
  explicit Transport(Loop &loop) : loop_(loop) {}
  void async_read(std::function<void(const std::string &)> done) {
    loop_.on_read(std::bind(&Transport::handle_read, this, std::move(done),
                            std::placeholders::_1));
  }
  void async_probe(std::function<void(const std::string &)> done) {
    loop_.on_read(std::bind(&Transport::handle_probe, this, std::move(done),
                            std::placeholders::_1));
  }

private:
  void handle_read(const std::function<void(const std::string &)> &done,
                   const std::string &m) {
    ++reads_;
    done(m);
  }
  // Only counts: the handler bound to it never runs.
  void handle_probe(const std::function<void(const std::string &)> &done,
                    const std::string &m) {
    probed_ += m.size() + (done ? 1 : 0);
  }
  Loop &loop_;
  int reads_ = 0;
  std::size_t probed_ = 0;
};

class Session {
public:
  explicit Session(Transport &t) {
    t.async_read([this](const std::string &m) {
      inbox_.push_back(m);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Session::inbox_' grows here{{.*}} [memlint-unbounded-container-growth]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: it grows once per call of a lambda in 'Session::Session' (reached from a loop in 'Loop::run'{{.*}})
      // LOW: :[[@LINE-3]]:7: warning: container 'Session::inbox_' grows here{{.*}} [memlint-unbounded-container-growth]
    });
    t.async_probe([this](const std::string &m) {
      probes_.push_back(m);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Session::probes_' grows here{{.*}} [memlint-unbounded-container-growth]
      // CHECK-MESSAGES-NEXT: :[[@LINE+8]]:28: note: 'Session::probes_' declared here
      // CHECK-MESSAGES-NEXT: :[[@LINE-3]]:7: note: it grows for as long as its 'Session' object lives{{.*}}
      // LOW: :[[@LINE-4]]:7: warning: container 'Session::probes_' grows here{{.*}} [memlint-unbounded-container-growth]
    });
  }

private:
  std::vector<std::string> inbox_;
  std::vector<std::string> probes_;
};

//===-- two lambdas of one macro expansion ---------------------------------===//

// Both lambdas sit at the macro's one expansion; where the macro spells
// each tells them apart: only the one the loop calls is reached.
#define ON_EVENTS(a, b)                                                        \
  a = [this](const std::string &m) { heard_.push_back(m); };                   \
  b = [this](const std::string &m) { ignored_.push_back(m); }
class Listener {
public:
  explicit Listener(Loop &loop) {
    ON_EVENTS(on_heard_, on_ignored_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Listener::heard_' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows once per call of a lambda in 'Listener::Listener' (reached from a loop in 'Loop::run'{{.*}})
    // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: container 'Listener::ignored_' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES-NEXT: :[[@LINE+10]]:28: note: 'Listener::ignored_' declared here
    // CHECK-MESSAGES-NEXT: :[[@LINE-5]]:5: note: it grows for as long as its 'Listener' object lives{{.*}}
    // LOW: :[[@LINE-6]]:5: warning: container 'Listener::heard_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-7]]:5: warning: container 'Listener::ignored_' grows here{{.*}} [memlint-unbounded-container-growth]
    loop.on_read(on_heard_);
  }

private:
  std::function<void(const std::string &)> on_heard_, on_ignored_;
  std::vector<std::string> heard_;
  std::vector<std::string> ignored_;
};

//===-- data with a call operator is no handler ----------------------------===//

// A grid's call operator reads a cell (and records the access). Handing a
// grid to a library call that is no callback API of the packs (std::swap,
// a container's push_back) does not run it: nothing reaches it here.
class Grid {
public:
  int operator()(int r, int c) {
    touched_.push_back(r * 64 + c);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Grid::touched_' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES-NEXT: :[[@LINE+7]]:20: note: 'Grid::touched_' declared here
    // CHECK-MESSAGES-NEXT: :[[@LINE-3]]:5: note: it grows for as long as its 'Grid' object lives{{.*}}
    // LOW: :[[@LINE-4]]:5: warning: container 'Grid::touched_' grows here{{.*}} [memlint-unbounded-container-growth]
    return r * c;
  }

private:
  std::vector<int> touched_;
};
Grid g_grid;
void rotate_grids() {
  Grid spare;
  for (std::string e; next_event(e);)
    std::swap(g_grid, spare);
}

int main() {
  Loop loop;
  Counted counted(loop);
  Dropped dropped(loop);
  Transport transport(loop);
  Session session(transport);
  Listener listener(loop);
  loop.run();
  rotate_grids();
}
