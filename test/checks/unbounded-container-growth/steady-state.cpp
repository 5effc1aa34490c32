// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s
// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// What drives the growth decides the confidence: growth once per request,
// per event or per loop iteration is reported; a table filled while the
// program sets up, an object filled while it is built, growth behind a
// run-once guard and growth of objects that die with the call are not
// (low confidence: shown with --min-confidence=low).

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

bool next_request(std::string &req);

//===-- setup registration vs the request handler -------------------------===//

class Router {
public:
  void add(const std::string &path, std::function<void()> h) {
    routes_[path] = std::move(h);
    // LOW: :[[@LINE-1]]:5: warning: container 'Router::routes_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:5: note: it is filled during setup: 'Router::add' runs only from 'main' outside its loops
  }
  void handle(const std::string &req) {
    seen_.push_back(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Router::seen_' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows once per call of 'Router::handle' (reached from a loop in 'main')
    // LOW: :[[@LINE-3]]:5: warning: container 'Router::seen_' grows here{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::map<std::string, std::function<void()>> routes_;
  std::vector<std::string> seen_;
};

//===-- a heap object owned by one call vs one kept in a member -----------===//

// Silent at every level: each Request dies in the call that made it.
class Request {
public:
  void header(const std::string &h) { headers_.push_back(h); }

private:
  std::vector<std::string> headers_;
};
void handle_raw(const std::string &raw) {
  Request *req = new Request;
  req->header(raw);
  delete req;
}
void handle_shared(const std::string &raw) {
  auto req = std::make_shared<Request>();
  req->header(raw);
}

// The same shape, kept by a member: it lives as long as its owner.
class Frame {
public:
  void header(const std::string &h) { headers_.push_back(h); }
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: container 'Frame::headers_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:39: warning: container 'Frame::headers_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> headers_;
};
class Session {
public:
  void on_data(const std::string &raw) { current_->header(raw); }

private:
  Frame *current_ = new Frame;
};

//===-- a run-once guard ---------------------------------------------------===//

class Plugins {
public:
  void load(const std::string &dir) {
    if (!loaded_) {
      loaded_ = true;
      names_.push_back(dir);
      // LOW: :[[@LINE-1]]:7: warning: container 'Plugins::names_' grows here{{.*}} [memlint-unbounded-container-growth]
      // LOW: :[[@LINE-2]]:7: note: it grows behind a run-once guard in 'Plugins::load'
    }
  }

private:
  bool loaded_ = false;
  std::vector<std::string> names_;
};
Plugins g_plugins;

//===-- a de-duplicating erase is no bound --------------------------------===//

class Recent {
public:
  void touch(const std::string &key) {
    keys_.erase(key);
    keys_.insert(key);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Recent::keys_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:5: warning: container 'Recent::keys_' grows here{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::set<std::string> keys_;
};
Recent g_recent;

// OK: an erase of some other key does bound it.
class Expiring {
public:
  void touch(const std::string &key) { keys_.insert(key); }
  void expire(const std::string &key) { keys_.erase(key); }

private:
  std::set<std::string> keys_;
};
Expiring g_expiring;

//===-- an object filled while it is built --------------------------------===//

class Zone {
public:
  void add(const std::string &record) { records_.push_back(record); }
  // LOW: :[[@LINE-1]]:41: warning: container 'Zone::records_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:41: note: 'Zone::add' is only called on an object being built, which is then read

private:
  std::vector<std::string> records_;
};
std::shared_ptr<const Zone> g_zone;
void reload(const std::vector<std::string> &lines) {
  Zone z;
  for (const std::string &l : lines)
    z.add(l);
  g_zone = std::make_shared<const Zone>(z);
}

//===-- a callback registered in a constructor, run per event -------------===//

bool next_event(std::string &e);
class EventServer {
public:
  EventServer() {
    on_msg_ = [this](const std::string &m) { log_.push_back(m); };
    // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: container 'EventServer::log_' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:46: note: it grows once per call of a lambda in 'EventServer::EventServer' (reached from a loop in 'EventServer::run')
    // LOW: :[[@LINE-3]]:46: warning: container 'EventServer::log_' grows here{{.*}} [memlint-unbounded-container-growth]
  }
  void run() {
    std::string e;
    while (next_event(e))
      on_msg_(e);
  }

private:
  std::function<void(const std::string &)> on_msg_;
  std::vector<std::string> log_;
};

//===-- a heap object made per request and handed on ----------------------===//

// A Header is made once per request and handed to the caller: its
// parameters (one per part of the request) live as long as that request
// (low, with a note saying so).
class Header {
public:
  void param(const std::string &p) { params_.push_back(p); }
  // LOW: :[[@LINE-1]]:38: warning: container 'Header::params_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:38: note: the object that owns it is created once per operation (by 'parse_header') and handed on, not kept

private:
  std::vector<std::string> params_;
};
std::shared_ptr<Header> parse_header(const std::string &raw) {
  auto h = std::make_shared<Header>();
  for (size_t i = 0; i < raw.size(); i += 8)
    h->param(raw.substr(i, 8));
  return h;
}
void use_header(std::shared_ptr<Header> h);

// A part made by a factory that a registry keeps and calls through its
// element: nothing shows the program keeping the part, so its lifetime is
// unknown (medium in one translation unit; low in a whole program, as
// for a class no object of which is seen made), with a note saying who
// makes it.
class Part {
public:
  void field(const std::string &f) { fields_.push_back(f); }
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: container 'Part::fields_' grows here{{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:38: note: the object that owns it is made by a lambda in 'main', which nothing in the program is seen to run, and handed on, not kept
  // LOW: :[[@LINE-3]]:38: warning: container 'Part::fields_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> fields_;
};
class Parts {
public:
  void kind(const std::string &name, std::function<Part *()> make) {
    makers_[name] = std::move(make);
  }
  Part *make(const std::string &name) {
    auto it = makers_.find(name);
    return it->second();
  }

private:
  std::map<std::string, std::function<Part *()>> makers_;
};
Parts g_parts;
void parse_part(const std::string &raw) {
  Part *p = g_parts.make("form");
  p->field(raw);
  delete p;
}

// A connection made per request that keeps itself alive through its own
// callbacks (enable_shared_from_this) lives as long as its peer stays.
class Upgrade : public std::enable_shared_from_this<Upgrade> {
public:
  void on_message(const std::string &m) { history_.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: container 'Upgrade::history_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:43: warning: container 'Upgrade::history_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> history_;
};
void start(std::shared_ptr<Upgrade> u);

// Made per request and stored in a member of a long-lived object: it
// lives as long as that object, and each request adds to it (say).
class Peer {
public:
  void note(const std::string &m) { notes_.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: container 'Peer::notes_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:37: warning: container 'Peer::notes_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> notes_;
};
class Hub {
public:
  void join(const std::string &name) {
    peers_[name] = std::make_shared<Peer>();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Hub::peers_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:5: warning: container 'Hub::peers_' grows here{{.*}} [memlint-unbounded-container-growth]
    peers_[name]->note(name);
  }
  void say(const std::string &name, const std::string &m) {
    peers_[name]->note(m);
  }

private:
  std::map<std::string, std::shared_ptr<Peer>> peers_;
};
Hub g_hub;

void serve(const std::string &req) {
  use_header(parse_header(req));
  auto u = std::make_shared<Upgrade>();
  start(u);
  u->on_message(req);
  g_hub.join(req);
  g_hub.say(req, req);
}

//===-- a callable runs as often as it is handed over ----------------------===//

// run_in_loop runs what it is given; the request loop calls it too, but the
// lambda main hands it before its loop runs once.
class Loop {
public:
  void run_in_loop(std::function<void()> f) { f(); }
};
Loop g_loop;

class Registry {
public:
  void add(const std::string &k) { keys_.push_back(k); }
  // LOW: :[[@LINE-1]]:36: warning: container 'Registry::keys_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:36: note: it is filled during setup: 'Registry::add' runs only from 'main' outside its loops via a lambda in 'main'

private:
  std::vector<std::string> keys_;
};
Registry g_registry;

class Journal {
public:
  void add(const std::string &k) { lines_.push_back(k); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Journal::lines_' grows here{{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:36: note: it grows once per call of 'Journal::add' (reached from a loop in 'main' via 'serve_journal' -> a lambda in 'serve_journal')
  // LOW: :[[@LINE-3]]:36: warning: container 'Journal::lines_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> lines_;
};
Journal g_journal;
void serve_journal(const std::string &req) {
  g_loop.run_in_loop([req] { g_journal.add(req); });
}

// A route handler the framework wraps in its own lambda, kept in a member
// and called per request, runs per request, wherever it was handed over.
class Route {
public:
  template <class F> void operator()(F f) {
    handler_ = [f](const std::string &r) { f(r); };
  }
  void dispatch(const std::string &r) { handler_(r); }

private:
  std::function<void(const std::string &)> handler_;
};
Route g_route;
std::vector<std::string> g_posts;

// A framework that wraps the handler in a lambda calling it through a
// helper, and calls the wrapper through a struct: handing the handler over
// at setup keeps it, it does not run it, so main's setup does not drive it.
template <class F> void call_handler(F &f, const std::string &r) { f(r); }
struct Invocation {
  std::function<void(const std::string &)> fn;
  std::string req;
};
void invoke(const Invocation &inv) { inv.fn(inv.req); }
class Mount {
public:
  template <class F> void operator()(F f) {
    handler_ = [f](const std::string &r) mutable { call_handler(f, r); };
  }
  void dispatch(const std::string &r) { invoke(Invocation{handler_, r}); }

private:
  std::function<void(const std::string &)> handler_;
};
Mount g_mount;
std::vector<std::string> g_messages;
void broadcast(const std::string &m) {
  g_messages.push_back(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'g_messages' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:3: warning: container 'g_messages' grows here{{.*}} [memlint-unbounded-container-growth]
  // CHECK-NOT: :[[@LINE-3]]:3: note: it is filled during setup
}

// A thread started at setup runs its body once: what it does before its
// loop is setup; its loop, which runs until something happens, is steady.
class Worker {
public:
  Worker() : t_([this] { body(); }) {}
  void body() {
    std::string name;
    next_request(name);
    names_.push_back(name);
    // LOW: :[[@LINE-1]]:5: warning: container 'Worker::names_' grows here{{.*}} [memlint-unbounded-container-growth]
    for (;;) {
      std::string s;
      if (!next_request(s))
        break;
      seen_.push_back(s);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Worker::seen_' grows here{{.*}} [memlint-unbounded-container-growth]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: it grows on every turn of the loop in 'Worker::body', which runs until something happens
      // LOW: :[[@LINE-3]]:7: warning: container 'Worker::seen_' grows here{{.*}} [memlint-unbounded-container-growth]
    }
  }

private:
  std::vector<std::string> names_;
  std::vector<std::string> seen_;
  std::thread t_;
};

//===-- what a run-once guard starts, whoever calls it ---------------------===//

// start() tests and sets its flag in one step: the pool it starts is set
// up once, even when a request may call start().
class Pool {
public:
  void start(int n) {
    for (int i = 0; i < n; ++i)
      threads_.push_back(i);
    // LOW: :[[@LINE-1]]:7: warning: container 'Pool::threads_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:7: note: it grows once: 'Pool::start' is only reached behind a run-once guard in 'Acceptor::start'
  }

private:
  std::vector<int> threads_;
};
class Acceptor {
public:
  void start() {
    if (!started_.exchange(true))
      pool_.start(4);
  }

private:
  std::atomic<bool> started_{false};
  Pool pool_;
};
Acceptor g_acceptor;

// Behind a guard too, and also called where nothing is seen to run it:
// what runs once is setup, whatever drives the guard.
class Loops {
public:
  void start(int n) {
    for (int i = 0; i < n; ++i)
      loops_.push_back(i);
    // LOW: :[[@LINE-1]]:7: warning: container 'Loops::loops_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:7: note: it is filled during setup: 'Loops::start' runs only from a run-once guard in 'Listener::start'
  }

private:
  std::vector<int> loops_;
};
class Listener {
public:
  void start() {
    if (started_.exchange(true))
      return;
    loops_.start(2);
  }
  void restart_unused() { loops_.start(1); }

private:
  std::atomic<bool> started_{false};
  Loops loops_;
};
Listener g_listener;

// The same start without the guard grows its pool on every call.
class Spawner {
public:
  void start(int n) {
    for (int i = 0; i < n; ++i)
      threads_.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Spawner::threads_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:7: warning: container 'Spawner::threads_' grows here{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::vector<int> threads_;
};
Spawner g_spawner;

//===-- a walk over a container is no loop that runs until ----------------===//

// `while (it != end)` walks the names it is given, once, at setup.
class Names {
public:
  void load(const std::vector<std::string> &src) {
    auto it = src.begin();
    while (it != src.end())
      names_.push_back(*it++);
    // LOW: :[[@LINE-1]]:7: warning: container 'Names::names_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:7: note: it is filled during setup: 'Names::load' runs only from 'main' outside its loops
  }

private:
  std::vector<std::string> names_;
};
Names g_names;

//===-- a child process starts over ---------------------------------------===//

// A master restarts a worker whenever one dies; each worker is a new
// process, which loads its settings once and then serves its requests.
extern "C" int fork();
extern "C" int wait_child();
class Settings {
public:
  void load(const std::string &line) { lines_.push_back(line); }
  // LOW: :[[@LINE-1]]:40: warning: container 'Settings::lines_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:40: note: it is filled during setup: 'Settings::load' runs only from a process 'spawn' forks via 'worker_main'

private:
  std::vector<std::string> lines_;
};
Settings g_settings;
class Served {
public:
  void add(const std::string &r) { requests_.push_back(r); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Served::requests_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:36: warning: container 'Served::requests_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> requests_;
};
Served g_served;
void worker_main() {
  std::string boot;
  next_request(boot);
  g_settings.load(boot);
  for (std::string req; next_request(req);)
    g_served.add(req);
}
void spawn() {
  int pid = fork();
  if (pid == 0)
    worker_main();
}
void master() {
  while (wait_child() > 0)
    spawn();
}

// The fork in main's own loop: the loop drives the parent; the child's
// branch starts over.
class Warmup {
public:
  void load(const std::string &line) { lines_.push_back(line); }
  // LOW: :[[@LINE-1]]:40: warning: container 'Warmup::lines_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:40: note: it is filled during setup: 'Warmup::load' runs only from a process 'main' forks via 'warm_worker'

private:
  std::vector<std::string> lines_;
};
Warmup g_warmup;
void warm_worker() {
  std::string boot;
  next_request(boot);
  g_warmup.load(boot);
}

//===-- an object made anew by each run of what grows it ------------------===//

// Each connection attempt makes a new resolver, which collects the
// addresses of one answer: the growth is within the operation that makes
// it (the member drops the resolver before). The one main resolves with
// at startup lives as long as the program, but only setup grows it.
class Resolver {
public:
  explicit Resolver(std::string host) : host_(std::move(host)) {}
  void start() { on_answer(host_); }
  void on_answer(const std::string &answer) {
    for (char c : answer)
      addrs_.push_back(c);
    // LOW: :[[@LINE-1]]:7: warning: container 'Resolver::addrs_' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:7: note: it grows only within the operation that makes its 'Resolver' object: 'Connector::connect' makes a new one each time it runs, and only what it runs grows it
  }

private:
  std::string host_;
  std::vector<char> addrs_;
};
class Connector {
public:
  void connect(const std::string &host) {
    resolver_ = std::make_shared<Resolver>(host);
    resolver_->start();
  }

private:
  std::shared_ptr<Resolver> resolver_;
};
Connector g_connector;

// Made lazily, once, then grown per request: reported.
class Outbox {
public:
  void put(const std::string &m) { sent_.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Outbox::sent_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:36: warning: container 'Outbox::sent_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> sent_;
};
class Mailer {
public:
  void send(const std::string &m) {
    if (!outbox_)
      outbox_ = std::make_unique<Outbox>();
    outbox_->put(m);
  }

private:
  std::unique_ptr<Outbox> outbox_;
};
Mailer g_mailer;

// Made anew per attempt, but also grown per request by code the attempt
// does not run: reported.
class Visit {
public:
  void note(const std::string &m) { seen_.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: container 'Visit::seen_' grows here{{.*}} [memlint-unbounded-container-growth]
  // LOW: :[[@LINE-2]]:37: warning: container 'Visit::seen_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> seen_;
};
class Login {
public:
  void login(const std::string &who) {
    session_ = std::make_shared<Visit>();
    session_->note(who);
  }
  void request(const std::string &r) { session_->note(r); }

private:
  std::shared_ptr<Visit> session_;
};
Login g_login;

int main() {
  Resolver local_dns("localhost");
  local_dns.start();
  Worker worker;
  std::string boot;
  next_request(boot);
  g_loop.run_in_loop([boot] { g_registry.add(boot); });
  g_route([](const std::string &r) {
    g_posts.push_back(r);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'g_posts' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows once per call of a lambda in {{.*}} (reached from a loop in 'main' via 'Route::dispatch' -> a lambda in 'Route::operator()')
    // LOW: :[[@LINE-3]]:5: warning: container 'g_posts' grows here{{.*}} [memlint-unbounded-container-growth]
  });
  g_mount([](const std::string &r) { broadcast(r); });
  g_parts.kind("form", [] { return new Part; });
  EventServer events;
  events.run();
  Router r;
  r.add("/", [] {});
  r.add("/health", [] {});
  g_plugins.load("/usr/lib/app");
  g_names.load({"a", "b"});
  for (std::string req; next_request(req);) {
    r.handle(req);
    g_recent.touch(req);
    serve(req);
    serve_journal(req);
    g_route.dispatch(req);
    g_mount.dispatch(req);
    parse_part(req);
    g_acceptor.start();
    g_listener.start();
    g_spawner.start(4);
    g_connector.connect(req);
    g_mailer.send(req);
    g_login.login(req);
    g_login.request(req);
    int pid = fork();
    if (pid == 0)
      warm_worker();
  }
  master();
}
