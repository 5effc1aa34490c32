// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s
// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' --check-prefix=LOW --cli-arg=--min-confidence=low '--tidy-config={CheckOptions: {MinConfidence: low}}' %s

// Code reaches a callable, or a constructor, through more than a call:
// an aggregate that carries the handler to the code that calls it, and a
// library factory that constructs the object it returns. Both are edges of
// the call graph, so what drives the caller drives the callee.

#include <functional>
#include <memory>
#include <string>
#include <vector>

bool next_request(std::string &req);

//===-- a handler carried in an aggregate ---------------------------------===//

using Handler = std::function<void(const std::string &)>;

// What the route hands to the code that calls its handler (a parameter
// pack, a routing table's lookup result, ...): the handler is a field.
struct Dispatch {
  Handler &handler;
  const std::string &request;
};
void deliver(Dispatch d) { d.handler(d.request); }

class Route {
public:
  void set(Handler h) { handler_ = std::move(h); }
  void handle(const std::string &req) { deliver(Dispatch{handler_, req}); }

private:
  Handler handler_;
};

std::vector<std::string> g_messages;

// Near miss: the same shape, shown once at startup.
struct Welcome {
  Handler &handler;
};
void greet(Welcome w) { w.handler("hello"); }
class Banner {
public:
  void set(Handler h) { handler_ = std::move(h); }
  void show() { greet(Welcome{handler_}); }

private:
  Handler handler_;
};
std::vector<std::string> g_banners;

//===-- an object a library factory constructs ----------------------------===//

// Its constructor runs where std::make_shared (or make_unique, or an
// emplace into a container of sessions) is called; what it adds to a
// global grows once per object made.
std::vector<std::string> g_opened;
class Session {
public:
  explicit Session(const std::string &peer) {
    g_opened.push_back(peer);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'g_opened' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows once per call of 'Session::Session' (reached from a loop in 'main')
    // LOW: :[[@LINE-3]]:5: warning: container 'g_opened' grows here{{.*}} [memlint-unbounded-container-growth]
  }
};

// Near miss: made once, before the loop.
std::vector<std::string> g_configs;
class Config {
public:
  explicit Config(const std::string &path) {
    g_configs.push_back(path);
    // LOW: :[[@LINE-1]]:5: warning: container 'g_configs' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:5: note: it is filled during setup: 'Config::Config' runs only from 'main' outside its loops
  }
};

int main() {
  auto config = std::make_unique<Config>("/etc/app.conf");
  Route chat;
  chat.set([](const std::string &m) {
    g_messages.push_back(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'g_messages' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows once per call of a lambda in 'main' (reached from a loop in 'main' via 'Route::handle' -> 'deliver')
    // LOW: :[[@LINE-3]]:5: warning: container 'g_messages' grows here{{.*}} [memlint-unbounded-container-growth]
  });
  Banner banner;
  banner.set([](const std::string &m) {
    g_banners.push_back(m);
    // LOW: :[[@LINE-1]]:5: warning: container 'g_banners' grows here{{.*}} [memlint-unbounded-container-growth]
    // LOW: :[[@LINE-2]]:5: note: it is filled during setup: a lambda in 'main' runs only from 'main' outside its loops via 'Banner::show' -> 'greet'
  });
  banner.show();
  for (std::string req; next_request(req);) {
    chat.handle(req);
    auto session = std::make_shared<Session>(req);
  }
}
